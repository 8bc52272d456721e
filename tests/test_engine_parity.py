"""jsonschema-rs and python-jsonschema must produce identical issues through the one mapping.

The fast engine is only worth having if switching to it changes nothing a caller can see: same
verdict, same codes, same pointers, same messages, for valid orders and for every kind of defect.
"""

from __future__ import annotations

import copy
import importlib.util
from collections.abc import Iterator
from typing import Any

import pytest

from order_validation import validate
from order_validation._schema import use_engine
from tests.conftest import EXAMPLES, load_example

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("jsonschema_rs") is None, reason="the fast extra is not installed"
)

_REPLACEMENTS: tuple[Any, ...] = (
    None,
    True,
    0,
    -1,
    1.5,
    10_000,
    19.999,
    "",
    " ",
    "x" * 2049,
    "bad value\n",
    [],
    {},
    [1],
    {"a": 1},
)


def _places(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    yield path
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _places(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _places(child, (*path, index))


def _set(document: Any, path: tuple[str | int, ...], value: Any) -> None:
    for segment in path[:-1]:
        document = document[segment]
    document[path[-1]] = value


def _delete(document: Any, path: tuple[str | int, ...]) -> None:
    for segment in path[:-1]:
        document = document[segment]
    del document[path[-1]]


def mutations() -> Iterator[Any]:
    """Every example, and for each of its places: deleted, and replaced by each odd value."""
    for example in sorted(EXAMPLES.glob("*.json")):
        order = load_example(example.name)
        yield order
        for path in _places(order):
            if not path:
                continue
            removed = copy.deepcopy(order)
            _delete(removed, path)
            yield removed
            for replacement in _REPLACEMENTS:
                changed = copy.deepcopy(order)
                _set(changed, path, copy.deepcopy(replacement))
                yield changed
        for extra in ("oder_status", "Market", "zzz"):
            yield {**order, extra: "x"}
    yield from ([], "order", 1, None, {})


def _results(engine: str, payloads: list[Any]) -> list[dict[str, Any]]:
    use_engine(engine)  # type: ignore[arg-type]
    try:
        return [validate(payload).to_dict() for payload in payloads]
    finally:
        use_engine("auto")


def test_both_engines_give_identical_issues_for_every_mutation_of_every_example() -> None:
    payloads = list(mutations())
    rust = _results("rust", payloads)
    python = _results("python", payloads)
    differing = [
        (index, r, p) for index, (r, p) in enumerate(zip(rust, python, strict=True)) if r != p
    ]
    print(f"engine parity: {len(payloads) - len(differing)}/{len(payloads)} identical")
    assert not differing[:3], differing[:3]
    assert len(payloads) > 2000
