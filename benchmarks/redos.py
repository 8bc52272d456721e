"""ReDoS check: every ``pattern`` in the schemas against 100 KB adversarial strings (issue #7).

    python -m benchmarks.redos                   # table of worst times; exit 1 if any > 10 ms
    python -m benchmarks.redos --size 20000      # smaller strings, quicker
    python -m benchmarks.redos --json out.json   # also write every measurement

A pattern is only safe to put in front of a gateway if its matching time stays linear in the
input. Backtracking engines (Python ``re``, which python-jsonschema calls through ``re.search``)
go quadratic or exponential on nested or overlapping quantifiers, and only on inputs built to
make them backtrack: a long run of what one quantifier accepts, then a character that makes the
match fail. This script builds those inputs from each pattern's own syntax tree (for every
quantifier: its prefix, a 100 KB run of what it accepts, then each of several mismatching
characters; a run of every alternative of every alternation; a valid match with a trailing
newline) and times both engines the library can use: Python ``re.search`` and jsonschema-rs (a
``{"type": "string", "pattern": p}`` validator). Each worst case is re-timed (best of 3) so a
scheduling hiccup is not reported as a ReDoS.

The cheap structural part (no nested quantifiers, anchored) is a test:
``tests/test_patterns_safety.py``, which imports `collect_patterns` and `nested_quantifiers`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The parser behind ``re`` (``sre_parse`` before 3.11); private, so typed as Any.
_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = (ROOT / "schema" / "order.schema.json", ROOT / "schema" / "headers.schema.json")
SIZE = 100_000
THRESHOLD_MS = 10.0

# Characters tried wherever a pattern needs "some character this class accepts / refuses":
# ASCII letters, digits and punctuation, controls, and the Unicode spaces and letters the
# schema's classes single out.
POOL = (
    "aZ0-_.@/:+?#!~ \t\n\r\x00\x1f\x7f\x85\x9f\u00a0\u00e9\u1680\u2000\u2028\u202f\u3000\ufeff"
    "\u4e2d\U0001f600AzT9"
)
TAILS = ("!", "\n", "\x00", " ", "@", "\u2028")
_REPEATS = (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", _c.MAX_REPEAT))


@dataclass(frozen=True, slots=True)
class Pattern:
    """One ``pattern`` keyword: where it is (file and JSON Pointer) and its regex."""

    where: str
    regex: str


def collect_patterns(paths: Sequence[Path] = SCHEMAS) -> list[Pattern]:
    """Every ``pattern`` value and ``patternProperties`` key, at any depth (if/then/not too)."""
    found: list[Pattern] = []
    for path in paths:
        stack: list[tuple[Any, str]] = [(json.loads(path.read_text(encoding="utf-8")), "")]
        while stack:
            node, pointer = stack.pop()
            if isinstance(node, dict):
                if isinstance(node.get("pattern"), str):
                    found.append(Pattern(f"{path.name}#{pointer}/pattern", node["pattern"]))
                for key in node.get("patternProperties", {}) or {}:
                    found.append(Pattern(f"{path.name}#{pointer}/patternProperties", key))
                for key, child in node.items():
                    escaped = key.replace("~", "~0").replace("/", "~1")
                    stack.append((child, f"{pointer}/{escaped}"))
            elif isinstance(node, list):
                stack.extend((child, f"{pointer}/{i}") for i, child in enumerate(node))
    return sorted(found, key=lambda p: p.where)


# --- the syntax tree -------------------------------------------------------------------------


def parse(regex: str) -> Any:
    return _parser.parse(regex)


def _children(op: Any, av: Any) -> list[Any]:
    """The sub-sequences directly inside one node."""
    if op in _REPEATS:
        return [av[2]]
    if op is _c.SUBPATTERN:
        return [av[3]]
    if op is _c.BRANCH:
        return list(av[1])
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        return [av[1]]
    if op is getattr(_c, "ATOMIC_GROUP", None):
        return [av]
    return []


def _unbounded(op: Any, av: Any) -> bool:
    return op in _REPEATS and av[1] == _c.MAXREPEAT


def _contains_variable(items: Any) -> bool:
    """Whether ``items`` hold a quantifier whose count can vary (``*``, ``+``, ``?``, ``{2,3}``)."""
    for op, av in items:
        if op in _REPEATS and av[0] != av[1]:
            return True
        if any(_contains_variable(sub) for sub in _children(op, av)):
            return True
    return False


def nested_quantifiers(regex: str) -> list[str]:
    """Unboundedly repeated groups that contain a quantifier: ``(a+)+``, ``(a|b*)*``.

    Those are the exponential shapes: the same text splits between the inner and the outer
    loop in exponentially many ways, and a backtracking engine tries them all before failing.
    The check is a little stricter than "an unbounded quantifier inside": a bounded but
    variable one is just as bad (``(a{2,3})+`` takes 50 ms on 40 characters in Python ``re``).
    The list names each offender by its repetition bounds.
    """
    offenders: list[str] = []
    stack = [parse(regex)]
    while stack:
        for op, av in stack.pop():
            if _unbounded(op, av) and _contains_variable(av[2]):
                offenders.append(f"{{{av[0]},}} around a group with a variable quantifier")
            stack.extend(_children(op, av))
    return offenders


def is_anchored(regex: str) -> bool:
    """Whether the match can only start at the beginning (``^`` or ``\\A`` first)."""
    items = list(parse(regex))
    return (
        bool(items)
        and items[0][0] is _c.AT
        and items[0][1] in (_c.AT_BEGINNING, _c.AT_BEGINNING_STRING)
    )


def is_fixed_width(regex: str) -> bool:
    """No quantifier at all: each start position costs a bounded amount, so search is linear."""
    lo, hi = parse(regex).getwidth()
    return bool(lo == hi and hi < _c.MAXREPEAT)


# --- which characters a one-character node accepts ------------------------------------------

_CATEGORY = {
    _c.CATEGORY_DIGIT: re.compile(r"\d"),
    _c.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
    _c.CATEGORY_SPACE: re.compile(r"\s"),
    _c.CATEGORY_NOT_SPACE: re.compile(r"\S"),
    _c.CATEGORY_WORD: re.compile(r"\w"),
    _c.CATEGORY_NOT_WORD: re.compile(r"\W"),
}


def _in_class(items: Any, char: str) -> bool:
    code = ord(char)
    negate = False
    hit = False
    for op, av in items:
        if op is _c.NEGATE:
            negate = True
        elif op is _c.LITERAL:
            hit = hit or code == av
        elif op in (_c.RANGE, getattr(_c, "RANGE_UNI_IGNORE", _c.RANGE)):
            hit = hit or av[0] <= code <= av[1]
        elif op is _c.CATEGORY:
            hit = hit or bool(_CATEGORY[av].match(char))
    return hit != negate


def accepts(op: Any, av: Any, char: str) -> bool | None:
    """Whether a one-character node accepts ``char`` (None for nodes that are not one char)."""
    if op is _c.LITERAL:
        return bool(ord(char) == av)
    if op is _c.NOT_LITERAL:
        return bool(ord(char) != av)
    if op is _c.ANY:
        return char != "\n"
    if op is _c.IN:
        return _in_class(av, char)
    return None


def _candidates(op: Any, av: Any) -> str:
    """The pool, plus the characters a node names itself (so ``[Hh]`` can be satisfied)."""
    named: list[int] = []
    if op is _c.LITERAL:
        named.append(av)
    elif op is _c.IN:
        for sub_op, sub_av in av:
            if sub_op is _c.LITERAL:
                named.append(sub_av)
            elif sub_op is _c.RANGE:
                named.extend((sub_av[0], sub_av[1], sub_av[1] + 1))
    return "".join(chr(code) for code in named if code < 0x110000) + POOL


def sample_chars(op: Any, av: Any) -> list[str]:
    """Characters a one-character node accepts, most ordinary first."""
    return list(dict.fromkeys(c for c in _candidates(op, av) if accepts(op, av, c)))


def first_chars(items: Any) -> list[str]:
    """Characters that can start a match of ``items`` (best effort, for building runs)."""
    for op, av in items:
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue
        if accepts(op, av, "a") is not None:
            return sample_chars(op, av)
        if op is _c.BRANCH:
            return list(dict.fromkeys(c for alt in av[1] for c in first_chars(alt)))
        subs = _children(op, av)
        if subs:
            return first_chars(subs[0])
    return []


def _generate(items: Any, *, loops: int) -> str:
    """A string matching ``items``: the minimum (``loops=0``) or one pass of every loop."""
    out: list[str] = []
    for op, av in items:
        if accepts(op, av, "a") is not None:
            out.append(next(iter(sample_chars(op, av)), ""))
        elif op in _REPEATS:
            out.append(_generate(av[2], loops=loops) * max(av[0], min(loops, av[1])))
        elif op is _c.BRANCH:
            out.append(_generate(av[1][0], loops=loops))
        elif op is _c.SUBPATTERN:
            out.append(_generate(av[3], loops=loops))
        elif op is getattr(_c, "ATOMIC_GROUP", None):
            out.append(_generate(av, loops=loops))
    return "".join(out)


def minimal(items: Any) -> str:
    return _generate(items, loops=0)


def one_pass(items: Any) -> str:
    return _generate(items, loops=1)


# --- adversarial inputs ----------------------------------------------------------------------


def _quantifiers(items: Any, prefix: str) -> Iterator[tuple[str, Any, Any]]:
    """(text that leads up to it, op, av) for every repeat and alternation, outermost first."""
    items = list(items)
    for index, (op, av) in enumerate(items):
        here = prefix + minimal(items[:index])
        if op in _REPEATS or op is _c.BRANCH:
            yield here, op, av
        for sub in _children(op, av):
            yield from _quantifiers(sub, here)


def adversarial_inputs(regex: str, size: int = SIZE) -> Iterator[tuple[str, str]]:
    """(description, input) pairs of about ``size`` characters built to make ``regex`` backtrack."""
    tree = parse(regex)
    whole = one_pass(tree)
    yield "valid match + newline", whole + "\n"
    yield "valid match + junk run", whole + "!" * size
    for char in POOL[:12]:
        yield f"run of {char!r}", char * size
    for number, (prefix, op, av) in enumerate(_quantifiers(tree, "")):
        body = av[1][0] if op is _c.BRANCH else av[2]
        accepted = first_chars(body)
        if op is _c.BRANCH:
            units = {f"alternative {i}": one_pass(alt) for i, alt in enumerate(av[1])}
        else:
            units = {"one pass": one_pass(body)}
            units.update({f"{c!r}": c for c in accepted[:4]})
        refused = next((c for c in POOL if c not in accepted), "!")
        for label, unit in units.items():
            if not unit:
                continue
            run = unit * max(1, size // len(unit))
            for tail in (*TAILS, refused, ""):
                yield f"q{number} run of {label} + {tail!r}", prefix + run + tail


# --- timing ----------------------------------------------------------------------------------

Matcher = Callable[[str], object]


def python_re(regex: str) -> Matcher:
    compiled = re.compile(regex)
    return compiled.search


def jsonschema_rs(regex: str) -> Matcher | None:
    try:
        import jsonschema_rs as rs  # noqa: PLC0415 - optional (the "fast" extra)
    except ImportError:
        return None
    validator = rs.validator_for({"type": "string", "pattern": regex})
    is_valid: Matcher = validator.is_valid
    return is_valid


def _time(matcher: Matcher, text: str) -> float:
    start = time.perf_counter()
    matcher(text)
    return (time.perf_counter() - start) * 1000


@dataclass(frozen=True, slots=True)
class Worst:
    """An engine's slowest input for one pattern, and how its time grows with the input.

    ``growth`` is time(size) / time(size / 4) for that same input: about 4 when matching is
    linear, 16 when quadratic. Absolute times on a busy machine are noisy; growth is not fooled
    by a uniformly slow machine, so a pattern is flagged on either.
    """

    engine: str
    ms: float
    what: str
    growth: float


def _best(matcher: Matcher, text: str, repeat: int = 5) -> float:
    return min(_time(matcher, text) for _ in range(repeat))


def worst_case(
    matcher: Matcher,
    engine: str,
    inputs: dict[str, str],
    quarter: dict[str, str],
) -> Worst:
    """The slowest input, re-timed as best of 5 so noise does not pass for backtracking."""
    first = sorted(((_time(matcher, text), what) for what, text in inputs.items()), reverse=True)
    retimed = [(_best(matcher, inputs[what]), what) for _, what in first[:3]]
    ms, what = max(retimed)
    small = _best(matcher, quarter[what]) if what in quarter else 0.0
    return Worst(engine, ms, what, ms / small if small > 0 else 0.0)


@dataclass(frozen=True, slots=True)
class Row:
    pattern: Pattern
    inputs: int
    worst: tuple[Worst, ...]


def measure(patterns: Sequence[Pattern], size: int) -> list[Row]:
    rows: list[Row] = []
    for pattern in patterns:
        inputs = dict(adversarial_inputs(pattern.regex, size))
        quarter = dict(adversarial_inputs(pattern.regex, max(1, size // 4)))
        worst = [worst_case(python_re(pattern.regex), "re", inputs, quarter)]
        rs = jsonschema_rs(pattern.regex)
        if rs is not None:
            worst.append(worst_case(rs, "jsonschema-rs", inputs, quarter))
        rows.append(Row(pattern, len(inputs), tuple(worst)))
    return rows


# Growth above this (x for 4x the input), on a time long enough to measure, means superlinear.
GROWTH_LIMIT = 8.0
_MEASURABLE_MS = 0.5


def verdict(row: Row, threshold_ms: float) -> str:
    if any(w.ms > threshold_ms for w in row.worst):
        return "SLOW"
    if any(w.growth > GROWTH_LIMIT and w.ms > _MEASURABLE_MS for w in row.worst):
        return "SUPERLINEAR"
    return "ok"


def _short(text: str, width: int) -> str:
    text = text.encode("unicode_escape").decode()
    return text if len(text) <= width else text[: width - 3] + "..."


def render(rows: Sequence[Row], threshold_ms: float, size: int) -> str:
    engines = [w.engine for w in rows[0].worst] if rows else []
    head = [
        "#",
        "where",
        "pattern",
        "inputs",
        *[f"{e} worst ms (growth x4)" for e in engines],
        "worst input",
        "",
    ]
    lines = [
        f"ReDoS check: {len(rows)} patterns, inputs of about {size:,} characters, "
        f"flag above {threshold_ms:g} ms or growth above {GROWTH_LIMIT:g} for 4x the input",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for number, row in enumerate(rows, 1):
        slowest = max(row.worst, key=lambda w: w.ms)
        cells = [
            str(number),
            row.pattern.where.replace("order.schema.json#", "").replace("/pattern", ""),
            f"`{_short(row.pattern.regex, 40)}`",
            str(row.inputs),
            *[f"{w.ms:.3f} ({w.growth:.1f})" for w in row.worst],
            f"{slowest.engine}: {_short(slowest.what, 36)}",
            verdict(row, threshold_ms),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=SIZE, help="characters per input")
    parser.add_argument("--threshold-ms", type=float, default=THRESHOLD_MS)
    parser.add_argument("--json", type=Path, help="write every row to this file")
    args = parser.parse_args(argv)
    rows = measure(collect_patterns(), args.size)
    print(render(rows, args.threshold_ms, args.size))
    if args.json:
        args.json.write_text(
            json.dumps(
                [
                    {
                        "where": r.pattern.where,
                        "pattern": r.pattern.regex,
                        "inputs": r.inputs,
                        "verdict": verdict(r, args.threshold_ms),
                        "worst": [
                            {"engine": w.engine, "ms": w.ms, "growth": w.growth, "input": w.what}
                            for w in r.worst
                        ],
                    }
                    for r in rows
                ],
                indent=2,
            ),
            encoding="utf-8",
        )
    slow = [r for r in rows if verdict(r, args.threshold_ms) != "ok"]
    if slow:
        print(f"\n{len(slow)} pattern(s) flagged", file=sys.stderr)
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
