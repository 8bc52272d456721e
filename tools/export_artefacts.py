"""Generate schema/dist/ (gateway schemas, OpenAPI, limitation lists), docs/gateways.md and the
README's table of what each artefact cannot carry.

    python -m tools.export_artefacts            # write the files
    python -m tools.export_artefacts --check    # exit 1 if any file is missing or stale

Everything is derived from schema/order.schema.json, schema/headers.schema.json and
examples/*.json; output is byte-identical from run to run.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from tools._convert import Converter, inline
from tools._dialects import ARTEFACTS
from tools._limitations import dropped_rules, limitation_document
from tools._openapi import openapi_document, service_examples
from tools._render import gateway_docs, readme_block, to_json, to_yaml, with_readme_block

if TYPE_CHECKING:
    from collections.abc import Sequence

    from tools._dialects import Artefact

ROOT = Path(__file__).resolve().parent.parent
DIST = Path("schema/dist")
DOCS = Path("docs/gateways.md")
README = Path("README.md")
#: Where each artefact says it lives; the canonical $id with the file name swapped.
_ID_BASE = "https://order-validation.example/schema/v1/dist/"


def _load(path: Path) -> dict[str, Any]:
    value = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(value, dict):
        raise TypeError(f"{path} is not a JSON object")
    return value


def _schema_artefact(artefact: Artefact, order: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    dialect = artefact.dialect
    converter = Converter(dialect)
    body = converter.convert(inline(order))
    head: dict[str, Any] = {}
    if dialect.schema_uri:
        head["$schema"] = dialect.schema_uri
    if dialect.id_keyword:
        head[dialect.id_keyword] = _ID_BASE + artefact.filename
    note = (
        f" Generated for {dialect.title} from order.schema.json by tools/export_artefacts.py: "
        f"do not edit. {artefact.limitations_filename} lists what this file does not check."
    )
    body["description"] = body.get("description", "") + note
    return {**head, **body}, converter.dropped


def build(root: Path = ROOT) -> dict[Path, bytes]:
    """Every generated file, by path relative to `root`."""
    order = _load(root / "schema/order.schema.json")
    headers = _load(root / "schema/headers.schema.json")
    examples = service_examples(root / "examples", order)
    files: dict[Path, bytes] = {}
    documented: list[tuple[Artefact, dict[str, Any]]] = []
    for artefact in ARTEFACTS:
        if artefact.form == "schema":
            schema, dropped = _schema_artefact(artefact, order)
            files[DIST / artefact.filename] = to_json(schema)
        else:
            document = openapi_document(artefact, order, headers, examples)
            files[DIST / artefact.filename] = to_yaml(document)
            dropped = []
        limits = limitation_document(
            artefact.filename, artefact.dialect.name, dropped_rules(dropped, order)
        )
        files[DIST / artefact.limitations_filename] = to_json(limits)
        documented.append((artefact, limits))
    files[DOCS] = gateway_docs(documented)
    readme = (root / README).read_text(encoding="utf-8")
    files[README] = with_readme_block(readme, readme_block(documented)).encode("utf-8")
    return files


def stale(root: Path, files: dict[Path, bytes]) -> list[tuple[Path, str]]:
    """(path, reason) for each generated file that differs on disk, and each stray in dist/."""
    problems = [
        (path, "missing" if not (root / path).is_file() else "out of date")
        for path, content in files.items()
        if not (root / path).is_file() or (root / path).read_bytes() != content
    ]
    dist = root / DIST
    if dist.is_dir():
        problems += [
            (path.relative_to(root), "not generated any more")
            for path in sorted(dist.iterdir())
            if path.relative_to(root) not in files
        ]
    return problems


def write(root: Path, files: dict[Path, bytes]) -> list[Path]:
    """Write what changed and remove strays; returns the paths touched."""
    touched = []
    for path, _ in stale(root, files):
        target = root / path
        if path in files:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(files[path])
        else:
            target.unlink()
        touched.append(path)
    return touched


def run(argv: Sequence[str], stdout: IO[str], stderr: IO[str], root: Path = ROOT) -> int:
    """The command line, returning the exit status (0 ok, 1 stale under --check)."""
    parser = argparse.ArgumentParser(prog="python -m tools.export_artefacts", description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail if schema/dist is stale")
    args = parser.parse_args(argv)
    files = build(root)
    if args.check:
        problems = stale(root, files)
        for path, reason in problems:
            print(f"{path}: {reason}", file=stderr)
        if problems:
            print("run `make artefacts` (python -m tools.export_artefacts)", file=stderr)
            return 1
        print(f"{len(files)} generated files are up to date", file=stdout)
        return 0
    for path in write(root, files):
        print(f"wrote {path}", file=stdout)
    return 0


def main() -> None:
    sys.exit(run(sys.argv[1:], sys.stdout, sys.stderr))


if __name__ == "__main__":
    main()
