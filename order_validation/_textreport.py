"""Human-readable reports for the command line: each issue with the value it is about, in context.

Everything printed passes through `safe`, because payloads are untrusted: a control or format
character in a value (an escape sequence, a bidi override) would otherwise reach the terminal.
Colour is the caller's decision (`Style`); nothing here reads the environment.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ._batch import BatchSummary, Status
from ._pointer import display_name
from ._result import Issue, ValidationResult

WIDTH = 76
_WINDOW = 2  # entries shown on each side of the offending one
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def safe(text: str) -> str:
    """Escape characters a terminal would act on or hide (controls, format, separators)."""
    if text.isprintable():
        return text
    out: list[str] = []
    for char in text:
        if unicodedata.category(char) in _UNSAFE_CATEGORIES:
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)


@dataclass(frozen=True, slots=True)
class Style:
    """ANSI colour, or none."""

    colour: bool = False

    def _wrap(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.colour else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)

    def good(self, text: str) -> str:
        return self._wrap("32", text)

    def severity(self, severity: str, text: str) -> str:
        return self._wrap("31" if severity == "error" else "33", text)


def parse_pointer(pointer: str) -> list[str]:
    """RFC 6901 reference tokens: ``/a~1b/0`` -> ``["a/b", "0"]``; ``""`` is the root."""
    if not pointer:
        return []
    return [token.replace("~1", "/").replace("~0", "~") for token in pointer[1:].split("/")]


_ABSENT = object()


def _child(node: Any, token: str) -> Any:
    if isinstance(node, dict):
        return node.get(token, _ABSENT)
    if isinstance(node, list) and token.isdigit() and int(token) < len(node):
        return node[int(token)]
    return _ABSENT


def compact(value: Any, width: int = WIDTH) -> str:
    """One-line JSON, cut to ``width`` characters."""
    text = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
    return text if len(text) <= width else text[: width - 3] + "..."


def context(document: Any, pointer: str) -> list[tuple[str, bool]]:
    """Lines showing the value at ``pointer`` inside its parent, the offending line marked.

    A pointer to a missing field shows the nearest existing parent with a ``(missing)`` line.
    """
    tokens = parse_pointer(pointer)
    if not tokens:
        return [(compact(document), True)]
    node: Any = document
    path: list[str | int] = []
    for token in tokens[:-1]:
        child = _child(node, token)
        if child is _ABSENT or not isinstance(child, dict | list):
            break
        path.append(int(token) if isinstance(node, list) else token)
        node = child
    key = tokens[len(path)]
    opening = f"{display_name(tuple(path))}: " if path else ""
    if isinstance(node, dict):
        lines = _object_lines(node, key)
        return [(opening + "{", False), *lines, ("}", False)]
    if isinstance(node, list):
        return [(opening + "[", False), *_array_lines(node, key), ("]", False)]
    return [(opening + compact(node), True)]


def _elided(count: int) -> list[tuple[str, bool]]:
    return [(f"  ... {count} more", False)] if count else []


def _fields(count: int) -> list[tuple[str, bool]]:
    return [(f"  ... {count} field{'s' * (count != 1)}", False)] if count else []


def _object_lines(node: dict[str, Any], key: str) -> list[tuple[str, bool]]:
    keys = list(node)

    def entry(k: str) -> tuple[str, bool]:
        comma = "," if k != keys[-1] or key not in node else ""
        return _entry(f"{json.dumps(k, ensure_ascii=False)}: ", node[k]) + comma, k == key

    if key in node:
        at = keys.index(key)
        start, stop = max(0, at - _WINDOW), min(len(keys), at + _WINDOW + 1)
        shown = [entry(k) for k in keys[start:stop]]
        return [*_elided(start), *shown, *_elided(len(keys) - stop)]
    # A missing field has no value to show: where it belongs is enough.
    missing = (f"  {json.dumps(key, ensure_ascii=False)}: (missing)", True)
    return [*_fields(len(keys)), missing]


def _array_lines(node: list[Any], token: str) -> list[tuple[str, bool]]:
    at = int(token) if token.isdigit() else len(node)
    start, stop = max(0, at - _WINDOW), min(len(node), at + _WINDOW + 1)
    last = len(node) - 1 if at < len(node) else -1
    shown = [
        (_entry(f"[{i}] ", node[i]) + ("," if i != last else ""), i == at)
        for i in range(start, stop)
    ]
    if at >= len(node):
        shown.append((f"  [{at}] (missing)", True))
    return [*_elided(start), *shown, *_elided(len(node) - stop)]


def _entry(label: str, value: Any) -> str:
    return "  " + label + compact(value, WIDTH - len(label) - 2)


def header_context(headers: Any, name: str) -> list[tuple[str, bool]]:
    """The header line an issue is about, as it was given (matched without regard to case)."""
    pairs: Iterable[Any] = headers.items() if isinstance(headers, Mapping) else headers or ()
    lines = [
        (f"{key}: {value}", True)
        for key, value in pairs
        if isinstance(key, str) and key.lower() == name.lower()
    ]
    return lines or [(f"{name}: (missing)", True)]


def _issue_lines(
    issue: Issue, document: Any, headers: Any, style: Style, *, show_context: bool
) -> list[str]:
    where = issue.pointer or "(the whole body)"
    if issue.location == "header":
        where = f"header {issue.pointer.lstrip('/')}"
    lines = [
        f"  {style.severity(issue.severity, issue.severity)} {style.bold(safe(where))} "
        f"[{issue.code}]",
        f"    {safe(issue.message)}",
    ]
    if issue.hint:
        lines.append(f"    hint: {safe(issue.hint)}")
    if show_context:
        if issue.location == "header":
            excerpt = header_context(headers, issue.pointer.lstrip("/"))
        else:
            excerpt = context(document, issue.pointer)
        for text, marked in excerpt:
            if marked:
                lines.append("    " + style.severity(issue.severity, "> " + safe(text)))
            else:
                lines.append("    " + style.dim("  " + safe(text)))
    return lines


def _verdict(status: Status, result: ValidationResult, style: Style) -> str:
    errors, warnings = len(result.errors), len(result.warnings)
    counts = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    if status == "valid":
        return style.good("valid") + (f" ({counts})" if warnings else "")
    word = "not JSON" if status == "unparseable" else "invalid"
    return style.severity("error", word) + f" ({counts})"


def render_document(
    name: str,
    result: ValidationResult,
    status: Status,
    *,
    document: Any = None,
    parsed: bool = False,
    headers: Any = None,
    style: Style | None = None,
) -> str:
    """The text report for one JSON document: a verdict line, then each issue.

    ``document`` is the parsed body when ``parsed``; issues are then shown in context.
    """
    style = style or Style()
    lines = [f"{style.bold(safe(name))}: {_verdict(status, result, style)}"]
    for issue in result.issues:
        show = parsed or issue.location == "header"
        lines += _issue_lines(issue, document, headers, style, show_context=show)
    return "\n".join(lines) + "\n"


def render_summary(summary: BatchSummary, style: Style | None = None) -> str:
    """The closing summary of a JSON Lines input: totals, codes, first failures."""
    style = style or Style()
    rate = f", {summary.lines / summary.seconds:,.0f} lines/s" if summary.seconds > 0 else ""
    head = f"{style.bold(safe(summary.input))}: {summary.lines:,} line{'s' * (summary.lines != 1)}"
    if summary.interrupted:
        head += style.severity("warning", " (interrupted: later lines were not checked)")
    lines = [
        head,
        f"  {style.good('valid')} {summary.valid:,}, "
        f"{style.severity('error', 'invalid')} {summary.invalid:,}, "
        f"{style.severity('error', 'unparseable')} {summary.unparseable:,}"
        f"  ({summary.seconds:.2f} s{rate})",
    ]
    for title, counts, severity in (
        ("errors by code (lines)", summary.error_codes, "error"),
        ("warnings by code (lines)", summary.warning_codes, "warning"),
    ):
        if counts:
            lines.append(f"  {title}:")
            width = max(len(code) for code in counts)
            for code, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
                lines.append(f"    {style.severity(severity, code.ljust(width))} {count:>10,}")
    if summary.failures:
        lines.append(f"  first {len(summary.failures)} failure(s):")
        for failure in summary.failures:
            lines.append(f"    line {failure.line} ({failure.status}):")
            lines += [f"    {text}" for text in _brief(failure.result.issues, style)]
    return "\n".join(lines) + "\n"


def _brief(issues: Sequence[Issue], style: Style) -> list[str]:
    out: list[str] = []
    for issue in issues:
        where = issue.pointer or "(the whole line)"
        if issue.location == "header":
            where = f"header {issue.pointer.lstrip('/')}"
        out.append(
            f"  {style.severity(issue.severity, issue.severity)} {safe(where)}: "
            f"{safe(issue.message)} [{issue.code}]"
        )
    return out
