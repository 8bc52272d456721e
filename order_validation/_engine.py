"""The JSON Schema engines behind `validate`, behind one small interface.

python-jsonschema is the reference engine and is always there. jsonschema-rs (the ``fast`` extra)
gives the same verdicts about two hundred times faster, so when it is installed it decides, and
for a payload it rejects it also lists the errors. Both feed the same `_mapping.Mapper`, which
is why they produce identical issues; ``tests/test_engine_parity.py`` proves it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Literal, Protocol

from ._types import RawError

EngineName = Literal["auto", "rust", "python"]


class Engine(Protocol):
    name: str
    # A direct yes/no, for engines that decide much faster than they list errors.
    verdict: Callable[[Any], bool] | None

    def errors(self, payload: Any) -> list[RawError]: ...


class PythonEngine:
    """python-jsonschema: the reference implementation of Draft 2020-12."""

    name = "python-jsonschema"
    # No fast verdict: its is_valid costs as much as collecting the errors.
    verdict: Callable[[Any], bool] | None = None

    def __init__(self, document: dict[str, Any]) -> None:
        # Imported here: with the fast extra installed, most processes never need it, and it is
        # half of the import time.
        from jsonschema import Draft202012Validator  # noqa: PLC0415

        self._validator = Draft202012Validator(inline_refs(document))

    def errors(self, payload: Any) -> list[RawError]:
        return [
            RawError(
                keyword=str(error.validator),
                instance_path=tuple(error.absolute_path),
                schema_path=tuple(error.absolute_schema_path),
                instance=error.instance,
            )
            for error in self._validator.iter_errors(payload)
        ]


_ANNOTATIONS = frozenset({"title", "description", "examples", "default", "$comment"})
_DATA = frozenset({"enum", "const", "examples", "default", "required"})


def inline_refs(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``document`` with each local ``$ref`` replaced by what it points at.

    python-jsonschema spends about a third of its time resolving references on this schema;
    without them it runs about 1.6 times faster. A reference and its siblings merge into one
    object, which is only equivalent when they share no assertion keyword, so a clash is an
    error rather than a silent change. Error paths are unchanged: python-jsonschema leaves
    ``$ref`` out of them anyway.
    """
    defs = document.get("$defs", {})

    def visit(node: Any, stack: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [visit(item, stack) for item in node]
        if not isinstance(node, dict):
            return node
        merged: dict[str, Any] = {}
        ref = node.get("$ref")
        if isinstance(ref, str):
            name = ref.removeprefix("#/$defs/")
            if name == ref or name in stack:
                raise ValueError(f"cannot inline {ref!r}")
            merged.update(visit(defs[name], (*stack, name)))
        for key, value in node.items():
            if key in ("$ref", "$defs"):
                continue
            if key in merged and key not in _ANNOTATIONS:
                raise ValueError(f"{key!r} beside $ref {ref!r} would change meaning when inlined")
            merged[key] = value if key in _DATA else visit(value, stack)
        return merged

    inlined: dict[str, Any] = visit(document, ())
    return inlined


class RustEngine:
    """jsonschema-rs: compiled validation in Rust, reporting canonical schema locations.

    It converts the Python value first and refuses what it cannot convert (subclasses of str or
    float, unpaired surrogates, ...) where python-jsonschema just validates; for those values the
    reference engine lists the errors instead, so no input becomes an exception.
    """

    name = "jsonschema-rs"

    def __init__(self, document: dict[str, Any]) -> None:
        import jsonschema_rs  # noqa: PLC0415 - optional dependency, imported only when chosen

        self._validator = jsonschema_rs.validator_for(document)
        self.verdict: Callable[[Any], bool] | None = self._validator.is_valid
        self._document = document
        self._reference: PythonEngine | None = None

    def errors(self, payload: Any) -> list[RawError]:
        try:
            return self._errors(payload)
        except (
            ValueError,
            TypeError,
            OverflowError,
            RecursionError,
        ):  # UnicodeError is a ValueError
            if self._reference is None:
                self._reference = PythonEngine(self._document)
            return self._reference.errors(payload)

    def _errors(self, payload: Any) -> list[RawError]:
        raw: list[RawError] = []
        for error in self._validator.iter_errors(payload):
            schema_path = tuple(error.schema_path)
            raw.append(
                RawError(
                    keyword=str(schema_path[-1]) if schema_path else "",
                    instance_path=tuple(error.instance_path),
                    schema_path=schema_path,
                    instance=error.instance,
                )
            )
        return raw


def rust_available() -> bool:
    """True when the ``fast`` extra (jsonschema-rs) is importable."""
    try:
        import jsonschema_rs  # noqa: F401, PLC0415 - probing the optional dependency
    except ImportError:
        return False
    return True


_preference: EngineName = "auto"
_preference_lock = threading.Lock()


def preference() -> EngineName:
    return _preference


def set_preference(name: EngineName) -> None:
    """Choose the engine for schemas compiled from now on (tests and benchmarks use this)."""
    global _preference  # noqa: PLW0603 - process-wide choice, like the compiled-schema cache
    if name not in ("auto", "rust", "python"):
        raise ValueError(f"engine must be auto, rust or python, not {name!r}")
    with _preference_lock:
        _preference = name


def build(document: dict[str, Any]) -> Engine:
    """The preferred engine for ``document``: jsonschema-rs when available (or asked for)."""
    choice = _preference
    if choice == "rust" or (choice == "auto" and rust_available()):
        return RustEngine(document)
    return PythonEngine(document)
