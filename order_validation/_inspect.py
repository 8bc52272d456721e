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

# A double's largest finite value is about 1.8e308: a longer integer cannot travel as a JSON
# number between most parsers, so it is treated like 1e400.
_MAX_INT_DIGITS = 309
MAX_PROBLEMS = 100


def _huge_int(value: int) -> bool:
    # bit_length is O(1) and, unlike str(), not subject to the int-to-str digit limit.
    return value.bit_length() > 1024


def inspect(value: Any, *, max_depth: int, max_items: int) -> list[_Draft]:
    """Return the places where ``value`` is not plain, bounded JSON (empty when it is)."""
    problems: list[_Draft] = []
    stack: list[tuple[Any, JSONPath, int]] = [(value, (), 1)]
    while stack and len(problems) < MAX_PROBLEMS:
        node, path, depth = stack.pop()
        if isinstance(node, str) or node is None or isinstance(node, bool):
            continue
        if isinstance(node, int):
            if _huge_int(node):
                problems.append(
                    _draft(path, "non_finite_number", "is too large to be a JSON number")
                )
            continue
        if isinstance(node, float):
            if not math.isfinite(node):
                problems.append(_draft(path, "non_finite_number", "is not a finite number"))
            continue
        if isinstance(node, dict | list) and depth > max_depth:
            problems.append(
                _Draft(
                    path,
                    "too_deeply_nested",
                    f"{display_name(path)} nests arrays and objects deeper than {max_depth} "
                    "levels.",
                    "No order needs more than a few levels; this looks like a broken or hostile "
                    "client.",
                    "limit:max_depth",
                )
            )
            continue
        if isinstance(node, dict):
            children: list[tuple[Any, JSONPath, int]] = []
            for key, child in node.items():
                if not isinstance(key, str):
                    problems.append(
                        _draft(path, "not_json", f"has a key {key!r:.40} that is not a string")
                    )
                    continue
                children.append((child, (*path, key), depth + 1))
            stack.extend(reversed(children))
        elif isinstance(node, list):
            if len(node) > max_items:
                problems.append(
                    _Draft(
                        path,
                        "too_many_items",
                        f"{display_name(path)} has {len(node)} entries; no list in an order may "
                        f"have more than {max_items}.",
                        None,
                        "limit:max_items",
                    )
                )
                continue
            stack.extend((node[i], (*path, i), depth + 1) for i in range(len(node) - 1, -1, -1))
        else:
            hint = "use a list" if isinstance(node, tuple | set | frozenset) else None
            problems.append(
                _draft(
                    path,
                    "not_json",
                    f"is {json_type_words(node)}, which is not a JSON value",
                    hint,
                )
            )
    return problems


def _draft(path: JSONPath, code: str, text: str, hint: str | None = None) -> _Draft:
    subject = display_name(path) if path else "The order"
    return _Draft(path, code, f"{subject} {text}.", hint, f"input:{code}")
