"""Helpers shared by the hostile-input, fuzzing and concurrency tests.

They answer two questions about any call: did the validator give a *clear* result (every issue
carries a documented code and renders), and did it leave its input exactly as it found it. The
second is checked by a fingerprint taken without recursion, without ``==`` and without ``repr``,
so it works on 100,000-deep values and on objects whose ``__eq__`` or ``__repr__`` raise.
"""

from __future__ import annotations

import copy
import inspect
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from order_validation import ValidationResult
from order_validation._codes import CODES

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

JSONPath = tuple[str | int, ...]

# A documented code, but one that says the library failed: never acceptable as an answer.
BROKEN = "internal_error"


def example_orders() -> dict[str, Any]:
    """Every shipped example by file stem, freshly parsed."""
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted(EXAMPLES.glob("*.json"))
    }


def pointer(path: JSONPath) -> str:
    """RFC 6901 pointer of a path ("" for the root)."""
    return "".join("/" + str(s).replace("~", "~0").replace("/", "~1") for s in path)


def field_paths(document: Any) -> list[JSONPath]:
    """The path of every value in ``document``, the root first, in document order."""
    paths: list[JSONPath] = []
    stack: list[tuple[Any, JSONPath]] = [(document, ())]
    while stack:
        node, path = stack.pop()
        paths.append(path)
        if isinstance(node, dict):
            stack.extend((child, (*path, key)) for key, child in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((node[i], (*path, i)) for i in range(len(node) - 1, -1, -1))
    return paths


def replaced(document: Any, path: JSONPath, value: Any) -> Any:
    """A deep copy of ``document`` with the value at ``path`` replaced (the root when empty)."""
    if not path:
        return value
    result = copy.deepcopy(document)
    node = result
    for segment in path[:-1]:
        node = node[segment]
    node[path[-1]] = value
    return result


def value_at(document: Any, path: JSONPath) -> Any:
    node = document
    for segment in path:
        node = node[segment]
    return node


def nested(depth: int, *, leaf: Any = None, as_objects: bool = False) -> Any:
    """A value ``depth`` containers deep, built without recursion."""
    value: Any = leaf if leaf is not None else ({} if as_objects else [])
    for _ in range(depth - 1):
        value = {"a": value} if as_objects else [value]
    return value


def fingerprint(value: Any) -> list[tuple[Any, ...]]:
    """Identity and shape of every node: changes when anything in ``value`` is mutated.

    Immutable leaves are compared by identity (their content cannot change); containers by
    identity, length and the identity of their keys and members, in order.
    """
    marks: list[tuple[Any, ...]] = []
    stack: list[Any] = [value]
    while stack:
        node = stack.pop()
        kind = type(node)
        if isinstance(node, dict):
            keys = list(dict.keys(node))
            marks.append((kind, id(node), tuple(id(k) for k in keys)))
            stack.extend(dict.__getitem__(node, k) for k in keys)
        elif isinstance(node, list):
            members = list(list.__iter__(node))
            marks.append((kind, id(node), tuple(id(m) for m in members)))
            stack.extend(members)
        elif isinstance(node, set | frozenset):
            marks.append((kind, id(node), tuple(id(m) for m in node)))
        elif isinstance(node, bytearray):
            marks.append((kind, id(node), bytes(node)))
        elif inspect.isgenerator(node):
            marks.append((kind, id(node), inspect.getgeneratorstate(node)))
        else:
            marks.append((kind, id(node)))
    return marks


def is_plain_json(value: Any, *, max_depth: int = 200, max_nodes: int = 100_000) -> bool:
    """Exactly dict/list/str/int/float/bool/None, small and shallow enough to deep-copy cheaply.

    Bigger values are still checked by `fingerprint`; the copy only adds an ``==`` comparison.
    """
    stack: list[tuple[Any, int]] = [(value, 1)]
    seen = 0
    while stack:
        node, depth = stack.pop()
        seen += 1
        if depth > max_depth or seen > max_nodes:
            return False
        if type(node) is dict:
            if any(type(k) is not str for k in node):
                return False
            stack.extend((v, depth + 1) for v in node.values())
        elif type(node) is list:
            stack.extend((v, depth + 1) for v in node)
        elif type(node) not in (str, int, float, bool, type(None)):
            return False
    return True


def assert_clear(result: ValidationResult) -> ValidationResult:
    """Every issue has a documented code (never internal_error) and the result renders."""
    assert isinstance(result, ValidationResult)
    codes = [issue.code for issue in result.issues]
    assert BROKEN not in codes, result.to_dict()
    assert set(codes) <= set(CODES), sorted(set(codes) - set(CODES))
    assert result.valid == (not result.errors)
    for issue in result.issues:
        assert issue.message, issue
        assert issue.pointer == "" or issue.pointer.startswith("/"), issue
    json.dumps(result.to_problem())  # renders, and is itself plain JSON
    return result


def checked(call: Callable[[Any], ValidationResult], payload: Any) -> ValidationResult:
    """Run ``call(payload)``; assert the result is clear and the payload left untouched."""
    before = fingerprint(payload)
    twin = copy.deepcopy(payload) if is_plain_json(payload) else None
    result = call(payload)
    assert fingerprint(payload) == before, "the validator changed its input"
    if twin is not None:  # (a list compares members by identity first: NaN equals itself)
        assert [payload] == [twin], "the validator changed its input"
    return assert_clear(result)


def codes_at(result: ValidationResult, where: str) -> set[str]:
    """Codes of the errors at exactly the pointer ``where``."""
    return {issue.code for issue in result.errors if issue.pointer == where}


def at_or_under(result: ValidationResult, where: str) -> Iterator[str]:
    """Codes of the errors at ``where`` or inside it."""
    for issue in result.errors:
        if issue.pointer == where or issue.pointer.startswith(where + "/"):
            yield issue.code
