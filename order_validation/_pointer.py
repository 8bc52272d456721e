"""JSON Pointers (RFC 6901) and the dotted names messages use for the same places."""

from __future__ import annotations

from collections.abc import Iterable

from ._types import JSONPath


def to_pointer(path: Iterable[str | int]) -> str:
    """``("items", 0, "a/b")`` -> ``/items/0/a~1b``; the root is ``""``."""
    parts = [""]
    for segment in path:
        text = segment if isinstance(segment, str) else str(segment)
        if "~" in text or "/" in text:
            text = text.replace("~", "~0").replace("/", "~1")
        parts.append(text)
    return "/".join(parts)


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
