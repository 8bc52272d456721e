"""Check that a Python value is plain JSON before any engine sees it.

Engines assume JSON: python-jsonschema takes a ``Decimal`` for a number and builds the ``repr`` of
whatever it rejects, which recurses without bound on a deeply nested value; jsonschema-rs stops at
its own recursion limit. One iterative pass here turns every such hazard into an issue, in time
linear in the size of the value and without recursion, and never changes the value.
"""

from __future__ import annotations

import math
from typing import Any

from ._mapping import _Draft, json_type_words
from ._pointer import display_name
from ._types import JSONPath

MAX_PROBLEMS = 100


def _huge_int(value: int) -> bool:
    # Beyond a double's range (about 1.8e308) a number cannot travel between most JSON parsers,
    # so it is treated like 1e400. bit_length is O(1), unlike str().
    return value.bit_length() > 1024


def inspect(value: Any, *, max_depth: int, max_items: int) -> list[_Draft]:
    """Return the places where ``value`` is not plain, bounded JSON (empty when it is)."""
    problems: list[_Draft] = []
    stack: list[tuple[Any, JSONPath, int]] = [(value, (), 1)]
    while stack and len(problems) < MAX_PROBLEMS:
        node, path, depth = stack.pop()
        cls = node.__class__
        # Exact JSON classes first: this loop sees every value of every payload.
        if cls is str:
            if not node.isascii() and _unpaired_surrogate(node):
                problems.append(_surrogate(path))
            continue
        if cls is bool or node is None:
            continue
        if cls is int or cls is float or (cls is not dict and cls is not list and _scalar(node)):
            problem = _number_problem(node, path)
            if problem is not None:
                problems.append(problem)
            continue
        if isinstance(node, dict | list) and depth > max_depth:
            problems.append(_too_deep(path, max_depth))
            continue
        if isinstance(node, dict):
            children: list[tuple[Any, JSONPath, int]] = []
            for key, child in node.items():
                if key.__class__ is not str and not isinstance(key, str):
                    problems.append(
                        _draft(path, "not_json", f"has a key {key!r:.40} that is not a string")
                    )
                    continue
                if not key.isascii() and _unpaired_surrogate(key):
                    problems.append(_surrogate(path))
                    continue
                children.append((child, (*path, key), depth + 1))
            stack.extend(reversed(children))
        elif isinstance(node, list):
            if len(node) > max_items:
                problems.append(_too_many(path, len(node), max_items))
                continue
            child_depth = depth + 1
            stack.extend((node[i], (*path, i), child_depth) for i in range(len(node) - 1, -1, -1))
        else:
            hint = "use a list" if isinstance(node, tuple | set | frozenset) else None
            problems.append(
                _draft(
                    path, "not_json", f"is {json_type_words(node)}, which is not a JSON value", hint
                )
            )
    return problems


def _unpaired_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _surrogate(path: JSONPath) -> _Draft:
    return _draft(
        path,
        "not_json",
        "contains an unpaired surrogate (such as \\ud800), which is not text and cannot be "
        "encoded as JSON",
    )


def _scalar(node: Any) -> bool:
    """Subclasses of str, int and float are JSON scalars too (bool is handled before)."""
    return isinstance(node, str | int | float)


def _number_problem(node: Any, path: JSONPath) -> _Draft | None:
    if isinstance(node, str):
        return _surrogate(path) if not node.isascii() and _unpaired_surrogate(node) else None
    if isinstance(node, int):
        return (
            _draft(path, "non_finite_number", "is too large to be a JSON number")
            if _huge_int(node)
            else None
        )
    if not math.isfinite(node):
        return _draft(path, "non_finite_number", "is not a finite number")
    return None


def _too_deep(path: JSONPath, max_depth: int) -> _Draft:
    return _Draft(
        path,
        "too_deeply_nested",
        f"{display_name(path)} nests arrays and objects deeper than {max_depth} levels.",
        "No order needs more than a few levels; this looks like a broken or hostile client.",
        "limit:max_depth",
    )


def _too_many(path: JSONPath, count: int, max_items: int) -> _Draft:
    return _Draft(
        path,
        "too_many_items",
        f"{display_name(path)} has {count} entries; no list in an order may have more than "
        f"{max_items}.",
        None,
        "limit:max_items",
    )


def _draft(path: JSONPath, code: str, text: str, hint: str | None = None) -> _Draft:
    subject = display_name(path) if path else "The order"
    return _Draft(path, code, f"{subject} {text}.", hint, f"input:{code}")
