"""Every `pattern` of the schemas means the same in Python `re`, ECMA-262 (node) and Rust.

Python's `$` also matches before a final newline; ECMA's and Rust's do not. The schemas
stop that with a sibling `not: {pattern: "\\n$"}`, so patterns are compared as the schema
applies them: the pattern, and the guard where one covers it.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

import jsonschema_rs
import pytest

from tests.parity._parity_engines import ROOT, artefact
from tools._convert import escape, is_newline_guard

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.parity._parity_node import NodeEngines

GUARD = "\\n$"
_SAME_INSTANCE = ("if", "then", "else", "not")
_SAME_INSTANCE_LISTS = ("allOf", "anyOf", "oneOf")
_CHILD_MAPS = ("properties", "$defs", "patternProperties")

_BASE_PROBES = [
    "",
    "a",
    "A",
    "z",
    "0",
    "9",
    "-",
    "_",
    ".",
    "@",
    "+",
    " ",
    "US",
    "GB",
    "us",
    "USA",
    "en",
    "en-us",
    "EN-US",
    "fil",
    "english",
    "e",
    "en_us",
    "en-usa",
    "+14155550100",
    "+0123456",
    "+1234567890123456",
    "ada@example.com",
    "a@b",
    "a@@b.co",
    "a@b.",
    "@b.co",
    "https://track.example.com/d/8f2a",
    "HTTP://X",
    "ftp://x",
    "http:///x",
    "https://a b",
    "2024-02-23T08:31:00",
    "2024-02-23T08:31:00Z",
    "2024-02-23T08:31:00+00:00",
    "2024-02-23T08:31:00+05:30",
    "2024-02-23T08:31:00.1234567",
    "2024-13-01T00:00:00",
    "2024-02-23T24:00:00",
    "2d6cf199-9b07-4350-bb2b9-0db3c2",
    "SKU-1001",
    "ORD 1",
    " lead",
    "trail ",
    "in  side",
    "\u00a0x",
    "x\u00a0",
    "\u3000",
    "\u2028",
    "\u2029",
    "\u200b",
    "\ufeff",
    "\u0085",
    "\u1680",
    "\u202f",
    "\t",
    "\r",
    "\x0b",
    "\x0c",
    "\x00",
    "\x1f",
    "\x7f",
    "\x9f",
    "\u00e9",
    "\u00df",
    "\u0130",
    "\u212a",
    "\U0001f600",
    "a\U0001f600b",
    "\u0661\u0662",
    "\uff21",
    "x" * 65,
    "A1b2-C3",
]
PROBES = sorted(
    {
        *_BASE_PROBES,
        *(p + "\n" for p in _BASE_PROBES),
        *("\n" + p for p in _BASE_PROBES),
        *(p + "\r\n" for p in _BASE_PROBES),
        "\n",
        "\n\n",
        "a\nb",
    }
)


def _documents() -> dict[str, Any]:
    return {
        name: json.loads((ROOT / "schema" / name).read_text("utf-8"))
        for name in ("order.schema.json", "headers.schema.json")
    }


def _patterns(node: Any, location: str, guarded: bool) -> Iterator[tuple[str, str, bool]]:
    """(location, pattern, whether a newline guard covers the same value) for each pattern."""
    if not isinstance(node, dict):
        return
    guarded = guarded or is_newline_guard(node.get("not"))
    if isinstance(node.get("pattern"), str):
        # The guard itself is compared raw: it is what the others lean on.
        yield f"{location}/pattern", node["pattern"], guarded and node["pattern"] != GUARD
    for key in _SAME_INSTANCE:
        yield from _patterns(node.get(key), f"{location}/{key}", guarded)
    for key in _SAME_INSTANCE_LISTS:
        for index, sub in enumerate(node.get(key, [])):
            yield from _patterns(sub, f"{location}/{key}/{index}", guarded)
    for key in _CHILD_MAPS:
        for name, sub in node.get(key, {}).items():
            yield from _patterns(sub, f"{location}/{key}/{escape(name)}", False)
    if isinstance(node.get("items"), dict):
        yield from _patterns(node["items"], f"{location}/items", False)


def schema_patterns() -> list[tuple[str, str, bool]]:
    found = []
    for name, document in _documents().items():
        found += [(f"{name}{loc}", p, g) for loc, p, g in _patterns(document, "#", False)]
    return found


PATTERNS = schema_patterns()
UNIQUE = sorted({(p, g) for _, p, g in PATTERNS})


def _unescaped(pattern: str) -> Iterator[tuple[int, str, bool]]:
    """(index, character, inside a [...] class) for each character not escaped."""
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "[" and not in_class:
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        yield index, char, in_class
        index += 1


def test_the_schemas_have_patterns_to_check() -> None:
    assert len(UNIQUE) >= 10
    assert any(loc.startswith("headers.schema.json") for loc, _, _ in PATTERNS)


@pytest.mark.parametrize(("location", "pattern", "guarded"), PATTERNS, ids=[p[0] for p in PATTERNS])
def test_each_pattern_is_anchored_ascii_and_portable(
    location: str, pattern: str, guarded: bool
) -> None:
    assert pattern.isascii(), "write non-ASCII characters as \\uXXXX escapes"
    assert pattern.startswith("^") or pattern == GUARD, "anchor with ^"
    for shorthand in ("\\d", "\\w", "\\s", "\\D", "\\W", "\\S", "\\b", "\\B"):
        assert shorthand not in pattern.replace("\\\\", ""), f"{shorthand} differs between engines"
    for lookaround in ("(?=", "(?!", "(?<=", "(?<!", "(?P", "(?i", "(?m", "(?s"):
        assert lookaround not in pattern, f"{lookaround} is not portable (RE2, ECMA)"
    assert not re.search(r"\\[1-9]|\\k<", pattern), "no backreferences"
    assert all(c != "." or in_class for _, c, in_class in _unescaped(pattern)), "no bare ."
    if pattern.endswith("$") and pattern != GUARD:
        assert guarded, "Python's $ matches before a final newline: add not: {pattern: '\\n$'}"


def _python(pattern: str, guarded: bool, probe: str) -> bool:
    return re.search(pattern, probe) is not None and not (guarded and re.search(GUARD, probe))


@pytest.fixture(scope="module")
def ecma(node_engines: NodeEngines) -> dict[tuple[str, bool], list[bool]]:
    verdicts = {}
    for pattern, guarded in UNIQUE:
        reply = node_engines.regex(pattern, PROBES)
        assert reply["ok"], f"ECMA cannot compile {pattern!r}: {reply.get('error')}"
        matches: list[bool] = reply["matches"]
        guard = node_engines.regex(GUARD, PROBES)["matches"]
        verdicts[pattern, guarded] = [
            m and not (guarded and g) for m, g in zip(matches, guard, strict=True)
        ]
    return verdicts


def _disagreements(
    pattern: str, guarded: bool, ecma: list[bool]
) -> list[tuple[str, bool, bool, bool]]:
    """(probe, python, ecma, rust) wherever the three engines do not all agree."""
    schema: dict[str, Any] = {"type": "string", "pattern": pattern}
    if guarded:
        schema["not"] = {"pattern": GUARD}
    rust = jsonschema_rs.validator_for(schema)
    verdicts = [
        (probe, _python(pattern, guarded, probe), es, rust.is_valid(probe))
        for probe, es in zip(PROBES, ecma, strict=True)
    ]
    return [v for v in verdicts if not v[1] == v[2] == v[3]]


@pytest.mark.parametrize(("pattern", "guarded"), UNIQUE, ids=[p for p, _ in UNIQUE])
def test_python_ecma_and_rust_agree_on_every_probe(
    ecma: dict[tuple[str, bool], list[bool]], pattern: str, guarded: bool
) -> None:
    differ = _disagreements(pattern, guarded, ecma[pattern, guarded])
    assert not differ, f"(probe, python, ecma, rust): {differ[:10]}"
    python = [_python(pattern, guarded, probe) for probe in PROBES]
    assert any(python), "some probe should pass the pattern"
    assert not all(python), "some probe should fail the pattern"


def test_the_probes_catch_an_unguarded_dollar_and_a_unicode_shorthand(
    node_engines: NodeEngines,
) -> None:
    dollar = node_engines.regex("^[A-Z]{2}$", PROBES)["matches"]
    assert ("US\n", True, False, False) in _disagreements("^[A-Z]{2}$", False, dollar)
    digits = node_engines.regex("^\\d+$", PROBES)["matches"]
    assert any(probe == "\u0661\u0662" for probe, *_ in _disagreements("^\\d+$", True, digits))


def test_the_artefacts_use_only_the_canonical_patterns() -> None:
    canonical = {pattern for _, pattern, _ in PATTERNS}
    for name in (
        "order.draft-07.json",
        "order.draft-04.json",
        "order.aws-apigateway.json",
        "openapi-3.0.yaml",
        "openapi-3.1.yaml",
    ):
        found = set(re.findall(r'"pattern": ("(?:[^"\\]|\\.)*")', json.dumps(artefact(name))))
        assert {json.loads(p) for p in found} <= canonical, name
