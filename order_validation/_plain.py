"""Prove in C that a value is plain JSON, so most payloads skip the Python walk in `_inspect`.

orjson renders a value only when it is made of exact JSON types (no subclasses, no ``Decimal``,
no ``datetime``), with str keys, integers within 64 bits and text that is valid Unicode. Two
things still pass it: NaN and the infinities (written as ``null``) and tuples (written as
arrays). Counting bytes of the rendering catches both, because no valid order holds a null and
every array of an order is a list at one of the schema's array fields.

Nothing here names a problem: the answer is "certainly plain" or "not sure", and for "not sure"
the caller walks the value with `_inspect.inspect`, which finds and names it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._types import FieldPattern

_dumps: Callable[..., bytes] | None
try:
    import orjson
except ImportError:  # the fast extra is optional
    _dumps = None
    _STRICT = 0
else:
    _dumps = orjson.dumps
    # Refuse, rather than convert, dataclasses, datetimes and subclasses: they are not JSON.
    _STRICT = (
        orjson.OPT_PASSTHROUGH_DATACLASS
        | orjson.OPT_PASSTHROUGH_DATETIME
        | orjson.OPT_PASSTHROUGH_SUBCLASS
    )

AVAILABLE = _dumps is not None


def render(value: Any) -> bytes | None:
    """orjson's strict rendering of ``value``; None when it refuses (or orjson is missing)."""
    if _dumps is None:
        return None
    try:
        return _dumps(value, option=_STRICT)
    except (TypeError, ValueError, OverflowError, RecursionError):  # JSONEncodeError: TypeError
        return None


def lists_at(value: dict[str, Any], array_fields: tuple[FieldPattern, ...], max_items: int) -> int:
    """How many exact lists, none longer than ``max_items``, sit at the schema's array fields;
    -1 when one of those fields holds something else that is array-like (a tuple, say)."""
    found = 0
    for pattern in array_fields:
        node: Any = value
        for key in pattern:
            node = node.get(key) if key is not None and node.__class__ is dict else None
        if node is None:
            continue
        if node.__class__ is list and len(node) <= max_items:
            found += 1
        elif isinstance(node, list | tuple):
            return -1
    return found


def containers(
    value: dict[str, Any],
    text: bytes,
    array_fields: tuple[FieldPattern, ...],
    max_items: int,
) -> int | None:
    """For an object orjson rendered as ``text``: how many objects and arrays it holds (which
    bounds its depth) when `_inspect.inspect` would certainly find nothing; else None."""
    lists = lists_at(value, array_fields, max_items)
    if lists < 0 or b"null" in text or text.count(b"[") != lists:
        # A null is a NaN or a real null; an unexpected "[" a tuple, an array at an unknown
        # key, or one inside a string: in every case, let the walk decide.
        return None
    return text.count(b"{") + lists
