"""Check that a Python value is plain JSON before any engine sees it.

Engines assume JSON: python-jsonschema takes a ``Decimal`` for a number and builds the ``repr`` of
whatever it rejects, which recurses without bound on a deeply nested value; jsonschema-rs stops at
its own recursion limit. One pass here turns every such hazard into an issue, in time linear in
the size of the value and at most ``max_depth`` frames deep, and never changes the value.
"""

from __future__ import annotations

import math
from typing import Any

from ._mapping import _Draft, json_type_words
from ._pointer import display_name
from ._types import JSONPath

MAX_PROBLEMS = 100
# Beyond a double's range (about 1.8e308) a number cannot travel between most JSON parsers, so
# it is treated like 1e400.
_HUGE = 2**1024


def inspect(value: Any, *, max_depth: int, max_items: int) -> tuple[list[_Draft], bool]:
    """Return (the places where ``value`` is not plain, bounded JSON; whether it holds
    subclasses of JSON types, such as a ``StrEnum`` member, that `plain_copy` should flatten).

    The walk recurses, but never deeper than ``max_depth``: a container at the limit is reported
    and not entered, so a value nested 100,000 deep costs 32 frames. Subclasses are read through
    their base class's methods, so an override that raises cannot break the walk.
    """
    problems: list[_Draft] = []
    root_problem = _scalar_problem(value, ())
    if root_problem is not None:
        return [root_problem], False
    cls = value.__class__
    if cls is dict or cls is list:
        return problems, _walk(value, (), 1, max_depth, max_items, problems)
    if isinstance(value, dict | list):
        _walk(value, (), 1, max_depth, max_items, problems)
        return problems, True
    return problems, cls is not str and isinstance(value, str | int | float) and cls is not bool


def plain_copy(value: Any) -> Any:
    """A copy made only of exact JSON types (``StrEnum.NEW`` becomes ``"NEW"``).

    Called only on values `inspect` accepted, so depth is bounded and every leaf is a str, int,
    float, bool or None, or a subclass of one; base-class methods do the reading.
    """
    if value is None or value.__class__ is bool:
        return value
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, bool):
        return bool(int.__index__(value))
    if isinstance(value, int):
        return int.__index__(value)
    if isinstance(value, float):
        return float.__float__(value)
    if isinstance(value, dict):
        return {str.__str__(k): plain_copy(v) for k, v in dict.items(value)}
    return [plain_copy(item) for item in list.__iter__(value)]


def _walk(  # noqa: PLR0917 - hot recursive path: plain arguments beat a parameter object
    node: Any, path: JSONPath, depth: int, max_depth: int, max_items: int, out: list[_Draft]
) -> bool:
    """Walk one container; True when a subclass of a JSON type was seen in it."""
    if depth > max_depth:
        out.append(_too_deep(path, max_depth))
        return False
    skip: set[Any] = set()
    subclassed = False
    if isinstance(node, dict):
        entries: Any = dict.items(node)
        try:
            plain_keys = all(map(str.isascii, dict.keys(node)))  # in C; TypeError: non-str key
        except TypeError:
            plain_keys = False
        if not plain_keys:
            skip = _bad_keys(node, path, out)
    else:
        if list.__len__(node) > max_items:
            out.append(_too_many(path, list.__len__(node), max_items))
            return False
        entries = enumerate(list.__iter__(node))
    for key, child in entries:
        cls = child.__class__
        # Exact JSON classes first, cheapest checks first: this loop sees every value.
        if cls is str:
            if child.isascii() or not _unpaired_surrogate(child):
                continue
        elif cls is int:
            if -_HUGE < child < _HUGE:
                continue
        elif cls is float:
            if child - child == 0.0:  # false for NaN and the infinities
                continue
        elif cls is bool or child is None:
            continue
        elif cls is dict or cls is list:
            if (not skip or key not in skip) and _walk(
                child, (*path, key), depth + 1, max_depth, max_items, out
            ):
                subclassed = True
            continue
        if len(out) >= MAX_PROBLEMS:
            return subclassed
        if skip and key in skip:
            continue
        if cls is not str and isinstance(child, str | int | float | dict | list):
            subclassed = True
        if isinstance(child, dict | list):
            _walk(child, (*path, key), depth + 1, max_depth, max_items, out)
            continue
        problem = _scalar_problem(child, (*path, key))
        if problem is not None:
            out.append(problem)
    return subclassed


def _bad_keys(node: dict[Any, Any], path: JSONPath, out: list[_Draft]) -> set[Any]:
    """Report keys that are not strings, or not text; their values are not looked at."""
    bad: set[Any] = set()
    for key in node:
        if not isinstance(key, str):
            out.append(_draft(path, "not_json", f"has a key {key!r:.40} that is not a string"))
            bad.add(key)
        elif not key.isascii() and _unpaired_surrogate(key):
            out.append(_surrogate(path))
            bad.add(key)
    return bad


def _scalar_problem(node: Any, path: JSONPath) -> _Draft | None:
    """The problem with a non-container value, if any (containers are walked, not judged)."""
    if node is None or isinstance(node, bool | dict | list):
        return None
    if isinstance(node, str):
        return _surrogate(path) if not str.isascii(node) and _unpaired_surrogate(node) else None
    if isinstance(node, int):
        if int.bit_length(node) <= 1024:
            return None
        return _draft(path, "non_finite_number", "is too large to be a JSON number")
    if isinstance(node, float):
        return (
            None
            if math.isfinite(node)
            else _draft(path, "non_finite_number", "is not a finite number")
        )
    hint = "Use a list." if isinstance(node, tuple | set | frozenset) else None
    return _draft(path, "not_json", f"is {json_type_words(node)}, which is not a JSON value", hint)


def _unpaired_surrogate(text: str) -> bool:
    try:
        str.encode(text, "utf-8")
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
