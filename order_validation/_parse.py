"""Strict JSON parsing for request bodies that arrive as bytes.

Python's ``json`` module is lenient where a validator must not be: it accepts NaN and Infinity,
keeps the last of two equal keys, turns 1e400 into infinity and lone surrogate escapes into
strings that cannot be encoded. Each of those becomes a contract code here, before any schema
runs. Depth is checked on the parsed value without recursion; a body too deep for the parser
itself is located by a linear scan of its tokens.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any, NamedTuple

from ._mapping import _Draft
from ._plain import render
from ._pointer import display_name
from ._types import JSONPath

_loads: Callable[[bytes], Any] | None
try:
    from orjson import loads as _loads
except ImportError:  # the fast extra is optional
    _loads = None

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
DEFAULT_MAX_DEPTH = 32

# Strings (unrolled-loop form, linear) or one structural character.
# The closing quote is optional and the quantifiers possessive, so an unterminated string is
# consumed once instead of being rescanned from every quote inside it (quadratic otherwise).
_TOKENS = re.compile(r'(?s)"[^"\\]*+(?:\\.[^"\\]*+)*+"?|[\[\]{},:]')


class _Duplicates(dict[str, Any]):
    """A parsed object that had a key twice; remembers which."""

    duplicate: str = ""


class _NonFinite(float):
    """NaN, Infinity, or a number that overflowed a double."""

    literal: str = ""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            marked = _Duplicates(pairs)
            marked.duplicate = key
            return marked
        result[key] = value
    return result


def _constant(literal: str) -> float:
    marker = _NonFinite("nan")
    marker.literal = literal
    return marker


def _float(literal: str) -> float:
    value = float(literal)
    if math.isfinite(value):
        return value
    return _constant(literal)


def _int(literal: str) -> Any:
    # Longer than any double (about 1.8e308): refuse instead of carrying an unportable number.
    if len(literal.lstrip("-")) > 309:
        return _constant(literal[:20] + "...")
    value = int(literal)
    return value if value.bit_length() <= 1024 else _constant(literal[:20] + "...")


def _error(path: JSONPath, code: str, message: str, hint: str | None = None) -> _Draft:
    return _Draft(path, code, message, hint, f"parse:{code}")


def _deepest_path(text: str, max_depth: int) -> JSONPath | None:
    """The path of the first container nested deeper than ``max_depth``, by scanning tokens."""
    stack: list[list[Any]] = []  # per open container: [is_object, key or index, expecting key]
    last_string = ""
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            if len(stack) >= max_depth:
                return tuple(entry[1] for entry in stack if entry[1] is not None)
            stack.append([token == "{", 0 if token == "[" else None, True])
        elif token in "]}":
            if stack:
                stack.pop()
        elif token == ",":
            if stack and not stack[-1][0]:
                stack[-1][1] += 1
            elif stack:
                stack[-1][2] = True
        elif token == ":":
            if stack and stack[-1][0]:
                stack[-1][1] = last_string
                stack[-1][2] = False
        elif stack and stack[-1][0] and stack[-1][2]:
            try:
                last_string = json.loads(token)
            except ValueError:
                last_string = token[1:-1]
    return None


def _too_deep(path: JSONPath, max_depth: int) -> _Draft:
    where = f" (at {display_name(path)})" if path else ""
    return _error(
        path,
        "too_deeply_nested",
        f"The body nests arrays and objects deeper than {max_depth} levels{where}.",
        "No order needs more than a few levels.",
    )


def _find_markers(value: Any, max_depth: int) -> list[_Draft]:
    """Walk the parsed value (iteratively) for depth, duplicate keys, non-finite numbers and
    unpaired surrogates."""
    problems: list[_Draft] = []
    stack: list[tuple[Any, JSONPath]] = [(value, ())]
    while stack and len(problems) < 100:
        node, path = stack.pop()
        if isinstance(node, dict | list) and len(path) >= max_depth:
            problems.append(_too_deep(path, max_depth))
            continue
        if isinstance(node, dict):
            if isinstance(node, _Duplicates):
                key_path = (*path, node.duplicate)
                problems.append(
                    _error(
                        key_path,
                        "duplicate_key",
                        f"{display_name(key_path)} appears twice in the same object.",
                        "Keep one; parsers disagree on which of two equal keys wins.",
                    )
                )
            for key, child in node.items():
                if not key.isascii() and _has_surrogate(key):
                    problems.append(_surrogate(path))
                stack.append((child, (*path, key)))
        elif isinstance(node, list):
            stack.extend((child, (*path, i)) for i, child in enumerate(node))
        elif isinstance(node, _NonFinite):
            problems.append(
                _error(
                    path,
                    "non_finite_number",
                    f"{display_name(path)} is not a finite number ({node.literal}).",
                    "JSON numbers must be finite and fit in a double.",
                )
            )
        elif isinstance(node, str) and not node.isascii() and _has_surrogate(node):
            problems.append(_surrogate(path))
    return problems


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _surrogate(path: JSONPath) -> _Draft:
    return _error(
        path,
        "invalid_json",
        f"{display_name(path)} contains an unpaired surrogate escape (such as \\ud800), which is "
        "not text.",
    )


class Parsed(NamedTuple):
    """A parsed body: the value, or the problems that stopped it; and, when orjson parsed it,
    orjson's rendering of the value (so `_plain` need not render it again)."""

    value: Any
    problems: list[_Draft]
    text: bytes | None = None


def parse(data: Any, *, max_bytes: int, max_depth: int) -> Parsed:
    """Parse a body strictly: (value, [], ...) on success, (None, [issue], None) otherwise.

    Depth is the caller's to check on a value that parsed cleanly (`_validate` does, in C for
    plain values): here it only limits the careful parse's walk and names a body too deep to
    parse at all.
    """
    if isinstance(data, bytearray | memoryview):
        data = bytes(data)
    if isinstance(data, bytes):
        size = len(data)
    elif isinstance(data, str):
        size = len(data.encode("utf-8", "surrogatepass"))
    else:
        return Parsed(
            None,
            [
                _error(
                    (),
                    "invalid_json",
                    f"validate_json() takes the body as bytes or str, not {type(data).__name__}.",
                    "Pass already-parsed values to validate() instead.",
                )
            ],
        )
    if size > max_bytes:
        return Parsed(
            None,
            [
                _error(
                    (),
                    "payload_too_large",
                    f"The body is {size} bytes; the limit is {max_bytes}.",
                    "Raise max_bytes if such orders are expected.",
                )
            ],
        )
    quick = _orjson_parse(data)
    if quick is not None:
        return quick
    if isinstance(data, bytes):
        if data.startswith(b"\xef\xbb\xbf"):
            return Parsed(None, [_bom()])
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return Parsed(
                None,
                [
                    _error(
                        (),
                        "invalid_json",
                        f"The body is not valid UTF-8 (byte {exc.start}).",
                        "JSON bodies must be encoded in UTF-8.",
                    )
                ],
            )
    else:
        text = data
        if text.startswith("\ufeff"):
            return Parsed(None, [_bom()])
    value, settled = _quick_parse(text, data)
    if settled:
        return Parsed(value, [])
    try:
        value = json.loads(
            text,
            object_pairs_hook=_pairs,
            parse_constant=_constant,
            parse_float=_float,
            parse_int=_int,
        )
    except json.JSONDecodeError as exc:
        return Parsed(
            None,
            [
                _error(
                    (),
                    "invalid_json",
                    f"The body is not valid JSON: {exc.msg.lower()} at line {exc.lineno}, "
                    f"column {exc.colno}.",
                )
            ],
        )
    except RecursionError:
        return Parsed(None, [_too_deep(_deepest_path(text, max_depth) or (), max_depth)])
    except ValueError as exc:
        return Parsed(None, [_error((), "invalid_json", f"The body is not valid JSON: {exc}.")])
    problems = _find_markers(value, max_depth)
    if problems:
        return Parsed(None, problems)
    return Parsed(value, [])


class _Doubt(Exception):
    """The quick parse saw something only the careful parse can name exactly."""


def _strict_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Doubt
    return result


def _doubt(literal: str) -> Any:
    raise _Doubt


# No per-number hooks here: 1e400 becomes inf and huge integers stay exact, and the input check
# before the schema reports both as non_finite_number, as it does for validate().
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_QUICK = json.JSONDecoder(object_pairs_hook=_strict_pairs, parse_constant=_doubt)


def _quick_parse(text: str, data: bytes | str) -> tuple[Any, bool]:
    """Parse the common, clean body in one pass of the C scanner: (value, True).

    Anything unusual (a duplicate key, NaN, a surrogate escape, a syntax error, an integer too
    long for ``int()``) returns (None, False), and the careful parse finds and names it.
    """
    if "\\u" in text and _SURROGATE_ESCAPE.search(text):
        return None, False
    if isinstance(data, str):
        try:
            data.encode("utf-8")
        except UnicodeEncodeError:
            return None, False
    try:
        return _QUICK.decode(text), True
    except (_Doubt, ValueError, RecursionError):
        return None, False


def _bom() -> _Draft:
    return _error(
        (),
        "invalid_json",
        "The body starts with a byte-order mark, which JSON does not allow.",
        "Send UTF-8 without a BOM.",
    )


# 19 digits in a row: orjson turns an integer literal beyond 64 bits into a float, where the
# json module keeps it exact, so such a body takes the careful parse.
_DIGITS_AS_ZEROS = bytes.maketrans(b"123456789", b"000000000")
_LONG_NUMBER = b"0" * 19
_COLON_ESCAPE = re.compile(rb"\\u003[aA]")


def _orjson_parse(data: bytes | str) -> Parsed | None:
    """Parse a clean body with orjson, the fastest strict parser; None when in doubt.

    orjson refuses NaN, Infinity, 1e400, invalid UTF-8, unpaired surrogates, byte-order marks
    and trailing data by itself; the careful parse then names the problem. Two things it
    accepts silently are caught here: a key given twice (orjson keeps the last) and an integer
    beyond 64 bits (orjson makes it a float). A duplicate key shows as fewer colons in orjson's
    compact rendering than in the body: each key has one, and the text of strings is the same
    in both, unless the body escapes a colon as \\u003a, which sends it to the careful parse.
    """
    if _loads is None:
        return None
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError:
            return None
    try:
        value = _loads(data)
    except ValueError:  # orjson.JSONDecodeError
        return None
    text = render(value)
    if (
        text is None
        or data.count(b":") != text.count(b":")
        or _LONG_NUMBER in data.translate(_DIGITS_AS_ZEROS)
        or (b"\\" in data and _COLON_ESCAPE.search(data) is not None)
    ):
        return None
    return Parsed(value, [], text)
