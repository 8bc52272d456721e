"""Generate docs/fields.md and docs/errors.md; ``--check`` fails when either is stale.

    python -m tools.gen_docs           # (re)write both pages
    python -m tools.gen_docs --check   # exit 1 and name the stale pages, writing nothing

Both pages are pure functions of the schema files, the code table and the example orders, so
the same tree always renders the same bytes.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tools import _errors_doc, _fields_doc

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def _schema(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((ROOT / "schema" / name).read_text(encoding="utf-8"))
    return document


def render_all(docs: Path | None = None) -> dict[Path, str]:
    """Every generated page, by path (under ``docs``, default the repository's docs/)."""
    docs = DOCS if docs is None else docs
    return {
        docs / "fields.md": _fields_doc.render(
            _schema("order.schema.json"), _schema("headers.schema.json")
        ),
        docs / "errors.md": _errors_doc.render(),
    }


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def stale(pages: dict[Path, str]) -> list[Path]:
    """The pages whose file on disk differs from the rendered text (or is missing)."""
    return [
        path
        for path, text in pages.items()
        if not path.is_file() or path.read_text(encoding="utf-8") != text
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.gen_docs", description=__doc__)
    parser.add_argument("--check", action="store_true", help="only check; exit 1 when stale")
    parser.add_argument("--docs", type=Path, default=DOCS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    pages = render_all(args.docs)
    outdated = stale(pages)
    if args.check:
        for path in outdated:
            print(f"{_shown(path)} is stale: run `make docs`", file=sys.stderr)
        return 1 if outdated else 0
    args.docs.mkdir(exist_ok=True)
    for path in outdated:
        path.write_text(pages[path], encoding="utf-8", newline="\n")
        print(f"wrote {_shown(path)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
