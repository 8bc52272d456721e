"""JSON Pointers (RFC 6901) and the dotted names messages use for the same places."""

from __future__ import annotations

from collections.abc import Iterable

from ._types import JSONPath


def to_pointer(path: Iterable[str | int]) -> str:
    """``("items", 0, "a/b")`` -> ``/items/0/a~1b``; the root is ``""``."""
    return "".join("/" + str(s).replace("~", "~0").replace("/", "~1") for s in path)


def display_name(path: JSONPath) -> str:
    """``("items", 0, "quantity")`` -> ``items[0].quantity``, the way people write it."""
    text = ""
    for segment in path:
        if isinstance(segment, int):
            text += f"[{segment}]"
        else:
            name = segment if len(segment) <= 60 else segment[:60] + "..."
            text += f".{name}" if text else name
    return text or "the order"
