"""Find the schema files and gateway artefacts the package ships, for ``order-validation schema``.

The wheel carries them inside the package (``_schema_files/`` and ``_schema_files/dist/``); an
editable install or a plain checkout reads the one canonical copy under ``<repo>/schema/``. This
mirrors ``_schema._read_schema_file`` but returns the text as stored, so an exported artefact is
byte-for-byte the file the repository ships, and it reports absence instead of raising.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Final

# Dialect name -> path relative to the schema directory. Generated artefacts live in dist/.
DIALECT_FILES: Final[dict[str, str]] = {
    "canonical": "order.schema.json",
    "headers": "headers.schema.json",
    "draft-07": "dist/order.draft-07.json",
    "draft-04": "dist/order.draft-04.json",
    "aws-apigateway": "dist/order.aws-apigateway.json",
    "openapi-3.0": "dist/openapi-3.0.yaml",
    "openapi-3.1": "dist/openapi-3.1.yaml",
}


class ArtefactMissingError(LookupError):
    """A dialect's file is not in this installation (artefacts not generated yet)."""

    def __init__(self, dialect: str, searched: tuple[str, ...]) -> None:
        self.dialect = dialect
        self.searched = searched
        super().__init__(str(self))

    def __str__(self) -> str:
        places = " or ".join(self.searched)
        return (
            f"the {self.dialect} schema is not available: {places} does not exist. In a source "
            "checkout, generate the artefacts with `make artefacts`."
        )


def _candidates(relative: str) -> tuple[Traversable, Traversable]:
    packaged = resources.files("order_validation").joinpath("_schema_files", *relative.split("/"))
    checkout = Path(__file__).resolve().parent.parent.joinpath("schema", *relative.split("/"))
    return packaged, checkout


def file_name(dialect: str) -> str:
    """The artefact's own file name, the default name ``schema export`` writes."""
    return DIALECT_FILES[dialect].rsplit("/", 1)[-1]


def read_dialect(dialect: str) -> str:
    """The text of a dialect's schema file; raises `ArtefactMissingError` when it is absent."""
    relative = DIALECT_FILES[dialect]
    candidates = _candidates(relative)
    for path in candidates:
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise ArtefactMissingError(dialect, tuple(str(p) for p in candidates))


def available(dialect: str) -> bool:
    """Whether `read_dialect` would find the file."""
    return any(path.is_file() for path in _candidates(DIALECT_FILES[dialect]))
