#!/usr/bin/env python3
"""Coverage-guided fuzzing of `validate_json`, the entry point that sees raw request bodies.

``validate_json`` promises to return a result for any bytes: this harness turns a broken
promise (an exception, an ``internal_error`` issue, a result that disagrees with `validate` on
the same parsed value) into a libFuzzer crash, with the input saved for a regression test.

Run with ``make fuzz`` (``FUZZ_SECONDS`` sets the budget) or directly::

    .venv/bin/python fuzz/fuzz_validate_json.py fuzz/corpus-run fuzz/corpus -max_total_time=600

libFuzzer writes new inputs into the first corpus directory, so point it at a scratch one
(``fuzz/corpus-run/`` is git-ignored) to keep the committed seeds small.

For long runs, ``FUZZ_FINDINGS=<dir>`` makes the harness record each distinct finding (one input
per exception type and source line) in that directory and keep going, instead of stopping at the
first one; atheris cannot run libFuzzer's ``-fork`` mode, which would otherwise do this.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import traceback
from pathlib import Path
from typing import Any

import atheris

with atheris.instrument_imports():
    from order_validation import ValidationResult, validate, validate_json

_FINDINGS = os.environ.get("FUZZ_FINDINGS")
_seen: set[str] = set()


def _strict_value(data: bytes) -> tuple[bool, Any]:
    """Parse the way a caller of `validate` would; (False, None) when the body is not JSON."""
    try:
        return True, json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):
        return False, None


def check(data: bytes) -> ValidationResult:
    """The properties every body must satisfy; raises AssertionError on a finding."""
    result = validate_json(data)
    codes = [issue.code for issue in result.issues]
    assert "internal_error" not in codes, (codes, result.to_dict())
    assert result.valid == (not result.errors)
    result.to_problem()  # must render for any result
    parse_level = any(issue.schema_path.startswith("parse:") for issue in result.errors)
    if not parse_level:
        ok, value = _strict_value(data)
        assert ok, ("validate_json accepted a body json.loads rejects", codes)
        again = validate(value)
        assert again == result, (again.to_dict(), result.to_dict())
    # The same body as str must give the same verdict (when it decodes at all).
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return result
    assert validate_json(text) == result
    return result


def _signature(data: bytes, failure: AssertionError) -> str:
    """Name a finding by where the core raised (re-run without its safety net), else by kind.

    The re-run uses private functions, so it is best effort: if they moved, the finding is
    named by its assertion message instead.
    """
    try:
        from order_validation import _parse, _schema, _validate  # noqa: PLC0415 - diagnosis only

        parsed = _parse.parse(
            data, max_bytes=_parse.DEFAULT_MAX_BYTES, max_depth=_parse.DEFAULT_MAX_DEPTH
        )
        if not parsed.problems:
            _validate._body_issues(
                parsed.value,
                _schema.compiled(),
                max_depth=_parse.DEFAULT_MAX_DEPTH,
                text=parsed.text,
            )
    except Exception as exc:  # noqa: BLE001 - diagnosing the core's exception is the point
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        return f"{type(exc).__name__}@{Path(frame.filename).name}:{frame.lineno}"
    return f"assertion:{str(failure)[:60]}"


def _record(data: bytes, failure: AssertionError) -> None:
    assert _FINDINGS is not None
    signature = _signature(data, failure)
    if signature in _seen:
        return
    _seen.add(signature)
    folder = Path(_FINDINGS)
    folder.mkdir(parents=True, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    (folder / f"finding-{name}").write_bytes(data)
    with (folder / "findings.log").open("a", encoding="utf-8") as log:
        log.write(f"{signature}\tfinding-{name}\t{str(failure)[:300]!r}\n")
    print(f"FINDING {signature} -> finding-{name}", file=sys.stderr)


def TestOneInput(data: bytes) -> None:
    try:
        check(data)
    except AssertionError as failure:
        if _FINDINGS is None:
            raise
        _record(data, failure)


def main() -> None:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 1000))
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
