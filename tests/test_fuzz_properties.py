"""Property-based fuzzing: arbitrary JSON, and valid orders broken at random.

Hypothesis explores two populations: any JSON value at all (what a broken client might send),
and the shipped example orders after a few random mutations (what a nearly-right client sends,
which reaches much deeper into the schema and the Python rules). For both, `validate` must
answer clearly, deterministically (also when dict keys arrive in another order), without touching
its input, and exactly as `validate_json` answers for the same value sent as text.
"""

from __future__ import annotations

import json
import random
from typing import Any

from hypothesis import given, note
from hypothesis import strategies as st

from order_validation import validate, validate_json

from .hostile_support import (
    JSONPath,
    checked,
    example_orders,
    field_paths,
    value_at,
)

EXAMPLES = example_orders()

# Field names from the contract, so inserted keys often collide with, or nearly spell, real ones.
KNOWN_NAMES = sorted(
    {str(path[-1]) for doc in EXAMPLES.values() for path in field_paths(doc) if path}
    | {"quote_id", "customer_id", "cancel_details", "reason_code", "reason_text", "tip"}
)

scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30)
)
keys = st.sampled_from(KNOWN_NAMES) | st.text(max_size=12)
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(keys, children, max_size=5),
    max_leaves=25,
)


def _containers(document: Any, kind: type) -> list[JSONPath]:
    return [p for p in field_paths(document) if isinstance(value_at(document, p), kind)]


@st.composite
def mutated_orders(draw: st.DrawFn) -> Any:
    """An example order after one to four random edits (each edit is noted for the report)."""
    document = json.loads(json.dumps(EXAMPLES[draw(st.sampled_from(sorted(EXAMPLES)))]))
    for _ in range(draw(st.integers(1, 4))):
        document = _mutate(draw, document)
    return document


def _mutate(draw: st.DrawFn, document: Any) -> Any:
    kind = draw(
        st.sampled_from(["delete", "replace", "insert", "duplicate", "change_string", "misspell"])
    )
    paths = [p for p in field_paths(document) if p]
    if not paths or not isinstance(document, dict):
        return draw(json_values)
    if kind == "delete":
        owners = [p for p in paths if isinstance(p[-1], str)]
        if owners:
            path = draw(st.sampled_from(owners))
            del value_at(document, path[:-1])[path[-1]]
            note(f"delete {path}")
    elif kind == "replace":
        path = draw(st.sampled_from(paths))
        value_at(document, path[:-1])[path[-1]] = draw(json_values)
        note(f"replace {path}")
    elif kind == "insert":
        owner = draw(st.sampled_from(_containers(document, dict)))
        value_at(document, owner)[draw(keys)] = draw(json_values)
        note(f"insert into {owner}")
    elif kind == "duplicate":
        arrays = [p for p in _containers(document, list) if value_at(document, p)]
        if arrays:
            array = value_at(document, draw(st.sampled_from(arrays)))
            array.insert(
                draw(st.integers(0, len(array))),
                json.loads(json.dumps(draw(st.sampled_from(array)))),
            )
            note("duplicate an array entry")
    elif kind == "change_string":
        strings = [p for p in paths if isinstance(value_at(document, p), str)]
        if strings:
            path = draw(st.sampled_from(strings))
            old: str = value_at(document, path)
            new = draw(
                st.sampled_from(
                    [old[:-1], old + "x", old.upper(), old.lower(), old[::-1], " " + old]
                )
                | st.text(max_size=30)
            )
            value_at(document, path[:-1])[path[-1]] = new
            note(f"change {path} to {new!r}")
    else:  # misspell a key: "subtotal" -> "subtotl", the shape of a real client bug
        owners = [p for p in paths if isinstance(p[-1], str) and len(str(p[-1])) > 2]
        if owners:
            path = draw(st.sampled_from(owners))
            name = str(path[-1])
            cut = draw(st.integers(0, len(name) - 1))
            parent = value_at(document, path[:-1])
            parent[name[:cut] + name[cut + 1 :]] = parent.pop(name)
            note(f"misspell {path}")
    return document


def _reordered(value: Any, rng: random.Random) -> Any:
    """The same value with the keys of every object in a shuffled order."""
    if isinstance(value, dict):
        items = list(value.items())
        rng.shuffle(items)
        return {k: _reordered(v, rng) for k, v in items}
    if isinstance(value, list):
        return [_reordered(v, rng) for v in value]
    return value


def _json_able(value: Any) -> str | None:
    try:
        return json.dumps(value, allow_nan=False)
    except ValueError:
        return None


def _check_all_properties(value: Any, seed: int) -> None:
    first = checked(validate, value)  # clear, no internal_error, input untouched
    assert checked(validate, value) == first  # deterministic
    shuffled = _reordered(value, random.Random(seed))
    assert checked(validate, shuffled) == first  # key order does not matter
    text = _json_able(value)
    if text is not None:
        assert checked(validate_json, text) == first  # the raw-bytes entry point agrees


@given(json_values, st.integers(0, 2**32))
def test_any_json_value_gets_a_clear_deterministic_result_that_validate_json_shares(
    value: Any, seed: int
) -> None:
    _check_all_properties(value, seed)


@given(st.dictionaries(keys, json_values, max_size=12), st.integers(0, 2**32))
def test_any_json_object_gets_a_clear_deterministic_result_that_validate_json_shares(
    value: dict[str, Any], seed: int
) -> None:
    _check_all_properties(value, seed)


@given(mutated_orders(), st.integers(0, 2**32))
def test_a_mutated_valid_order_gets_a_clear_deterministic_result_that_validate_json_shares(
    value: Any, seed: int
) -> None:
    _check_all_properties(value, seed)


@given(mutated_orders())
def test_a_mutated_order_sent_as_bytes_with_keys_reordered_gives_the_same_result(
    value: Any,
) -> None:
    body = json.dumps(value, sort_keys=True).encode()
    assert checked(validate_json, body) == checked(validate_json, json.dumps(value))
