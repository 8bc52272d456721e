"""``make demo``: validate every shipped example order and check it behaves as documented.

Each ``examples/*.json`` is validated from its raw bytes with a sample ``WM_CONSUMER.ID`` header,
its text report is printed, and the outcome is compared with the table in
``examples/README.md`` (valid, or invalid with exactly the listed codes at the listed pointers).
The exit status is 0 when every example matches, 1 when one does not, 2 when there are no
examples to read (an installed package does not carry them; pass a directory instead).

    python -m order_validation.demo [EXAMPLES_DIR]
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from ._batch import classify
from ._textreport import Style, render_document
from ._validate import validate_json

SAMPLE_HEADERS: Mapping[str, str] = {"WM_CONSUMER.ID": "2d6cf199-9b07-4350-bb2b9-0db3c2"}
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

_ROW = re.compile(r"^\|\s*`(?P<file>[^`]+\.json)`\s*\|.*\|\s*(?P<expected>[^|]+?)\s*\|\s*$")
_ISSUE = re.compile(r"`(?P<code>[a-z_]+)` at `(?P<pointer>/[^`]*)`")


@dataclass(frozen=True, slots=True)
class Expectation:
    """One row of the examples table: valid, or invalid with these (code, pointer) errors."""

    file: str
    valid: bool
    errors: frozenset[tuple[str, str]]

    def describe(self) -> str:
        if self.valid:
            return "valid"
        return "invalid: " + ", ".join(f"{c} at {p}" for c, p in sorted(self.errors))


def read_expectations(readme: str) -> dict[str, Expectation]:
    """Parse the table in examples/README.md."""
    table: dict[str, Expectation] = {}
    for line in readme.splitlines():
        match = _ROW.match(line.strip())
        if match is None:
            continue
        expected = match["expected"]
        errors = frozenset((m["code"], m["pointer"]) for m in _ISSUE.finditer(expected))
        table[match["file"]] = Expectation(match["file"], expected.startswith("valid"), errors)
    return table


def _found(directory: Path) -> bool:
    return (directory / "README.md").is_file() and any(directory.glob("*.json"))


def run(argv: Sequence[str], stdout: TextIO, *, colour: bool = False) -> int:
    """Validate the examples in ``argv[0]`` (default: the repository's) and report."""
    directory = Path(argv[0]) if argv else EXAMPLES
    if not _found(directory):
        stdout.write(
            f"No examples found at {directory}: the demo needs the repository's examples/ "
            "directory (an installed package does not include it). Run it from a source "
            "checkout with `make demo`, or pass a directory of examples.\n"
        )
        return 2
    style = Style(colour=colour)
    expectations = read_expectations((directory / "README.md").read_text(encoding="utf-8"))
    verdicts: list[tuple[str, bool, str]] = []
    for path in sorted(directory.glob("*.json")):
        data = path.read_bytes()
        result = validate_json(data, headers=SAMPLE_HEADERS)
        status = classify(result)
        parsed = status != "unparseable"
        stdout.write(
            render_document(
                path.name,
                result,
                status,
                document=json.loads(data) if parsed else None,
                parsed=parsed,
                headers=SAMPLE_HEADERS,
                style=style,
            )
            + "\n"
        )
        got = Expectation(
            path.name, result.valid, frozenset((i.code, i.pointer) for i in result.errors)
        )
        expected = expectations.get(path.name)
        if expected is None:
            verdicts.append((path.name, False, f"not listed in README.md; got {got.describe()}"))
        elif expected == got:
            verdicts.append((path.name, True, got.describe()))
        else:
            note = f"README.md says {expected.describe()}; got {got.describe()}"
            verdicts.append((path.name, False, note))
    for name in sorted(set(expectations) - {v[0] for v in verdicts}):
        verdicts.append((name, False, "listed in README.md but the file is missing"))
    matched = sum(ok for _, ok, _ in verdicts)
    stdout.write(
        style.bold(
            f"Summary: {matched} of {len(verdicts)} examples behave as examples/README.md documents"
        )
        + "\n"
    )
    width = max(len(name) for name, _, _ in verdicts)
    for name, ok, note in verdicts:
        mark = style.good("ok      ") if ok else style.severity("error", "MISMATCH")
        stdout.write(f"  {mark} {name.ljust(width)}  {note}\n")
    return 0 if matched == len(verdicts) else 1


def main() -> None:
    """``python -m order_validation.demo``: colour only on a terminal, and never with NO_COLOR."""
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    sys.exit(run(sys.argv[1:], sys.stdout, colour=colour))


if __name__ == "__main__":
    main()
