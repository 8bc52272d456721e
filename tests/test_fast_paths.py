"""The fast paths must be invisible: each gives exactly what the careful path it shortcuts gives.

- `validate` proves a payload plain JSON in C, with orjson (`_plain`), instead of walking it in
  Python (`_inspect`), and lets jsonschema-rs accept a valid order before any error is listed.
- `validate_json` parses a clean body with orjson instead of the json module (`_parse`), and
  detects the two things orjson lets through: a duplicate key and an integer beyond 64 bits.
- `run_rules` skips the table when the compiled screen (`_screen.c`) is sure no rule can fire.
- Issues are built with `make_issue`, which skips the frozen dataclass's slow __init__.
- The rules' bookkeeping (`_rules.Context`) answers "is this place free of errors?" with
  shortcuts that must agree with the plain definition.

Each test runs the same inputs both ways, so a new shortcut that changes one issue fails here.
"""

from __future__ import annotations

import copy
import dataclasses
import enum
import importlib.util
import json
import math
import os
import pickle
import shutil
import sysconfig
from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from itertools import islice
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from order_validation import _parse, _plain, _rules, validate, validate_json
from order_validation._generate import generate_records
from order_validation._result import Issue, Location, Severity, make_issue
from order_validation._rules import Context
from order_validation._schema import compiled, use_engine
from order_validation.strategies import invalid_orders
from tests.conftest import EXAMPLES, load_example
from tests.hostile_support import nested
from tests.test_engine_parity import mutations

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("orjson") is None, reason="the fast extra is not installed"
)

JSONPath = tuple[str | int, ...]


class _Status(enum.StrEnum):
    NEW = "NEW"


class _Count(enum.IntEnum):
    TWO = 2


class _Dict(dict[str, Any]):
    pass


class _Text(str):
    __slots__ = ()


def _odd_values() -> Iterator[Any]:
    """Values orjson renders without complaint, or refuses, that the careful walk must judge."""
    yield from (math.nan, math.inf, -math.inf, (1, 2), ("a",), Decimal("1.005"), 2**70, 2**1100)
    yield from (_Status.NEW, _Count.TWO, _Dict(a=1), _Text("x"), {1: "a"}, {"a": (1,)}, b"x")
    yield from ("\ud800", "null", "[", "{[{", [math.nan], {"a": math.nan}, set())
    yield datetime(2024, 1, 1)
    yield from (nested(40), nested(40, as_objects=True), nested(31), list(range(1001)), [None])


def _hostile_payloads() -> Iterator[Any]:
    """Odd values at known fields, under unknown keys, and inside arrays of shipped examples."""
    order = load_example("delivery-order.json")
    places: list[JSONPath] = [
        ("zzz",),
        ("market",),
        ("items",),
        ("items", 0, "unit_price"),
        ("items", 0, "zzz"),
        ("order_price_info", "total"),
        ("order_summary", "special_handling"),
        ("customer_contact_info", "first_name"),
        ("delivery_instructions", 0),
    ]
    for path in places:
        for value in _odd_values():
            changed = copy.deepcopy(order)
            node: Any = changed
            for segment in path[:-1]:
                node = node[segment]
            node[path[-1]] = value
            yield changed
    # Valid but busy: more containers than the default depth limit, which only bounds depth.
    many = copy.deepcopy(order)
    many["items"] = [dict(many["items"][0], item_id=f"SKU-{i}") for i in range(40)]
    yield many
    yield {**many, "market": 7}


def _generated(count: int) -> Iterator[Any]:
    yield from generate_records(count=count, seed=11)
    for record in generate_records(count=count * 2, seed=12, invalid=True):
        yield record["payload"]


def _results(payloads: list[Any], **kwargs: Any) -> list[dict[str, Any]]:
    return [validate(payload, **kwargs).to_dict() for payload in payloads]


def _compare(fast: list[Any], careful: list[Any], label: str) -> None:
    differing = [(i, f, c) for i, (f, c) in enumerate(zip(fast, careful, strict=True)) if f != c]
    print(f"{label}: {len(fast) - len(differing)}/{len(fast)} identical")
    assert not differing[:3], differing[:3]


@pytest.mark.parametrize("engine", ["rust", "python"])
def test_the_c_proof_of_plain_json_changes_no_issue(
    engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    size = 400 if engine == "rust" else 60
    payloads = [
        *_hostile_payloads(),
        *_generated(size),
        *islice(mutations(), 0, None, 1 if engine == "rust" else 25),
    ]
    use_engine(engine)  # type: ignore[arg-type]
    try:
        fast = _results(payloads)
        monkeypatch.setattr(_plain, "AVAILABLE", False)
        careful = _results(payloads)
    finally:
        use_engine("auto")
    _compare(fast, careful, f"plain-JSON proof, {engine} engine")
    assert len(payloads) > 300


def _bodies() -> Iterator[bytes | str]:
    """Bodies in every style clients send, and the texts orjson alone would misread."""
    orders = [*_generated(60), load_example("delivery-order.json")]
    for order in orders:
        yield json.dumps(order).encode()
        yield json.dumps(order, separators=(",", ":"), ensure_ascii=False).encode()
        yield json.dumps(order, indent=2)
    compact = json.dumps(load_example("delivery-order.json"), separators=(",", ":"))
    yield '{"market":"US",' + compact[1:]  # a duplicate key
    yield '{"market" : "US" , ' + compact[1:]
    yield compact[:-1] + ',"delivery_details":{"country":"US"}}'
    yield '{"a":1,"a":2,"b":"\\u003a"}'  # the escaped colon hides the lost key from a count
    yield '{"a":1,"a":2,"b":"\\u003A"}'
    yield '{"a\\u003a":1}'
    yield compact.replace('"item_count":2', '"item_count":123456789012345678901234')
    yield compact.replace('"item_count":2', '"item_count":18446744073709551616')
    yield compact.replace('"item_count":2', '"item_count":-9223372036854775809')
    yield compact.replace('"item_count":2', '"item_count":1' + "0" * 400)
    yield compact.replace('"tip":2', '"tip":0.12345678901234567890')
    for literal in ("NaN", "Infinity", "-Infinity", "1e400", "-1e400"):
        yield compact.replace('"tip":2', f'"tip":{literal}')
    yield b"\xef\xbb\xbf" + compact.encode()
    yield compact.encode().replace(b"Springfield", b"Spring\xfffield")
    yield compact.replace("Springfield", "Spring\\ud800field")
    yield compact.replace("Springfield", "Spring\ud800field")
    yield compact + " x"
    yield compact.replace("Springfield", 'Spring\\"field\\\\')
    yield "[" * 300 + "]" * 300
    yield "[" * 3000 + "]" * 3000
    yield '{"a":' * 40 + "1" + "}" * 40
    yield from ("", " ", "null", "[]", "{}", "1", '"x"', "{", '{"a":}')


def test_the_orjson_parse_changes_no_issue(monkeypatch: pytest.MonkeyPatch) -> None:
    bodies = list(_bodies())
    depths = (2, 5, 32)
    fast = [validate_json(b, max_depth=d).to_dict() for b in bodies for d in depths]
    monkeypatch.setattr(_parse, "_loads", None)
    careful = [validate_json(b, max_depth=d).to_dict() for b in bodies for d in depths]
    _compare(fast, careful, "orjson parse")


_KEYS = st.sampled_from(["a", "b", "order_status", "x:y", "\u00e9", 'q"', "a\\b"])
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(alphabet=st.sampled_from('ab:\\"\u00e9\x00 '), max_size=6),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.lists(st.tuples(_KEYS, inner), max_size=4),
    max_leaves=12,
)


def _write(value: Any, spaced: bool, ascii_only: bool) -> str:
    """JSON text; a list of (key, value) pairs is written as an object, duplicates and all."""
    if isinstance(value, list) and value and all(isinstance(p, tuple) for p in value):
        colon, comma = (" : ", " , ") if spaced else (":", ",")
        members = (
            json.dumps(k, ensure_ascii=ascii_only) + colon + _write(v, spaced, ascii_only)
            for k, v in value
        )
        return "{" + comma.join(members) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_write(v, spaced, ascii_only) for v in value) + "]"
    if isinstance(value, tuple):
        return _write(list(value), spaced, ascii_only)
    return json.dumps(value, ensure_ascii=ascii_only)


@given(value=_VALUES, spaced=st.booleans(), ascii_only=st.booleans())
def test_orjson_and_the_json_module_parse_every_body_alike(
    value: Any, spaced: bool, ascii_only: bool
) -> None:
    body = _write(value, spaced, ascii_only).encode("utf-8", "surrogatepass")
    fast = _parse.parse(body, max_bytes=1 << 20, max_depth=64)
    saved = _parse._loads
    _parse._loads = None
    try:
        careful = _parse.parse(body, max_bytes=1 << 20, max_depth=64)
    finally:
        _parse._loads = saved
    assert [d.code for d in fast.problems] == [d.code for d in careful.problems]
    assert repr(fast.value) == repr(careful.value)


def _brute_clean(dirty: set[JSONPath], path: JSONPath) -> bool:
    """No error at, above or below ``path``."""
    return not any(bad[: len(path)] == path or path[: len(bad)] == bad for bad in dirty)


def _brute_fields_clean(
    dirty: set[JSONPath], parent: JSONPath, names: tuple[str, ...], entries: bool
) -> bool:
    """No error at or above ``parent``, at an entry of it (when ``entries``), or at or below
    one of the fields ``names`` that a rule reads; errors at its other fields do not matter."""
    for bad in dirty:
        if parent[: len(bad)] == bad:
            return False
        if bad[: len(parent)] != parent:
            continue
        below = bad[len(parent) :]
        if entries and (len(below) == 1 or below[1] in names):
            return False
        if not entries and below[0] in names:
            return False
    return True


_SEGMENTS = st.sampled_from(["items", "order_price_info", "total", 0, 1, "a"])
_PATHS = st.lists(_SEGMENTS, min_size=1, max_size=4).map(tuple)


@given(dirty=st.sets(_PATHS, max_size=6), probes=st.lists(_PATHS, min_size=1, max_size=8))
def test_the_rules_see_an_error_exactly_where_one_sits(
    dirty: set[JSONPath], probes: list[JSONPath]
) -> None:
    ctx = Context({}, compiled(), dirty)
    for path in probes:
        assert ctx.clean(path) == _brute_clean(dirty, path), path
        for entries in (False, True):
            expected = _brute_fields_clean(dirty, path, ("total", "a"), entries)
            assert ctx.clean_fields(path, ("total", "a"), entries=entries) == expected, path


_UTC_TIMES = st.datetimes(
    min_value=datetime(1000, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59)
).flatmap(
    lambda moment: st.tuples(
        st.just(moment),
        st.sampled_from(["", "Z", "+00:00"]),
        st.sampled_from([0, 1, 3, 6]),
    )
)


def _written(moment: datetime, zone: str, digits: int) -> str:
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    if digits:
        text += "." + f"{moment.microsecond:06d}"[:digits]
    return text + zone


@given(first=_UTC_TIMES, second=_UTC_TIMES)
def test_slot_times_compare_like_the_instants_they_name(
    first: tuple[datetime, str, int], second: tuple[datetime, str, int]
) -> None:
    a, b = _written(*first), _written(*second)
    ctx = Context({"start": a, "end": b}, compiled())
    key_a, key_b = ctx.instant("start"), ctx.instant("end")
    assert key_a is not None
    assert key_b is not None
    moment_a = datetime.fromisoformat(a.removesuffix("Z").removesuffix("+00:00"))
    moment_b = datetime.fromisoformat(b.removesuffix("Z").removesuffix("+00:00"))
    assert (key_a < key_b) == (moment_a < moment_b)
    assert (key_a == key_b) == (moment_a == moment_b)


@given(
    texts=st.lists(st.text(max_size=8), min_size=5, max_size=5),
    hint=st.none() | st.text(max_size=8),
    severity=st.sampled_from(["error", "warning"]),
    location=st.sampled_from(["body", "header"]),
)
def test_the_fast_issue_constructor_builds_the_same_value(
    texts: list[str], hint: str | None, severity: Severity, location: Location
) -> None:
    code, pointer, message, schema_path, other = texts
    made = make_issue(code, pointer, message, severity, hint, location, schema_path)
    built = Issue(code, pointer, message, severity, hint, location, schema_path)
    assert made == built
    assert hash(made) == hash(built)
    assert made.to_dict() == built.to_dict()
    assert pickle.loads(pickle.dumps(made)) == built
    assert dataclasses.replace(made, message=other) == dataclasses.replace(built, message=other)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.code = other  # type: ignore[misc]


def _rule_codes() -> set[str]:
    return {rule.code for rule in _rules.RULES}


def _compiler() -> str | None:
    """The compiler this Python links extensions with, if it is on this machine."""
    link = sysconfig.get_config_var("LDSHARED")
    return shutil.which(link.split()[0]) if link else None


@pytest.mark.skipif(
    bool(os.environ.get("ORDER_VALIDATION_PURE")), reason="built without the C screen on purpose"
)
@pytest.mark.skipif(_compiler() is None, reason="no C compiler here: the pure build is expected")
def test_the_c_screen_is_built_where_a_compiler_is() -> None:
    # A build that silently fell back to pure Python would hide the screen from every other
    # test here.
    assert _rules._quiet is not None


_needs_screen = pytest.mark.skipif(_rules._quiet is None, reason="the C screen is not built")


def _fired_rules(payload: Any, monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The rules the table alone finds on ``payload`` (the screen switched off)."""
    with monkeypatch.context() as patch:
        patch.setattr(_rules, "_quiet", None)
        result = validate(payload)
    return {i.code for i in result.issues if i.schema_path.startswith("rule:")}


def _edge_payloads() -> Iterator[dict[str, Any]]:
    """Every shipped example pushed to each rule's edge: the places a screen could misjudge."""
    for example in sorted(EXAMPLES.glob("*.json")):
        order = load_example(example.name)
        price = order.get("order_price_info", {})
        for name in ("total", "subtotal"):
            for step in (0.01, -0.01, 0.005, -0.005, 0.004, 0.006, 0.0049, 1e-9, 2.0):
                if name in price:
                    yield _changed(order, ("order_price_info", name), round(price[name] + step, 4))
        for name in ("tax", "tip", "discount", "delivery_fee", "bag_fee"):
            yield _changed(order, ("order_price_info", name), 0.015)
        yield _changed(order, ("order_price_info", "total"), 10**13 + 0.5)
        if order.get("items"):
            yield _changed(order, ("items", 0, "unit_price"), 1.005)
            yield _changed(order, ("items", 0, "quantity"), 10**6)
            item_id = order["items"][0]["item_id"]
            yield {**order, "items": [*order["items"], dict(order["items"][0], item_id=item_id)]}
        for name in ("pickup_ready_time", "start_delivery_slot_time", "end_delivery_slot_time"):
            for text in (
                "0000-01-15T10:00:00",
                "0999-01-15T10:00:00",
                "1000-02-28T10:00:00",
                "2023-02-29T10:00:00",
                "2024-02-29T10:00:00",
                "2024-04-31T10:00:00",
                "2024-02-23T09:30:00",
                "2024-02-23T09:30:00.000Z",
                "2024-02-23T09:30:00.5",
                "2024-02-23T09:30:00+00:00",
            ):
                yield _changed(order, (name,), text)
        yield {**order, "cancel_details": {"reason_code": "OTHER"}}
        yield {**order, "market": "EU", "delivery_details": {"country": "GB"}}


def _changed(order: dict[str, Any], path: JSONPath, value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(order)
    node: Any = changed
    for segment in path[:-1]:
        node = node[segment]
    node[path[-1]] = value
    return changed


@_needs_screen
def test_the_c_screen_lets_the_table_see_every_rule_defect(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Sound: where the table finds a rule broken, the screen must not have answered "quiet"."""
    records = [
        *generate_records(count=6000, seed=21, invalid=True),
        *({"defect": "edge", "payload": p} for p in _edge_payloads()),
    ]
    fired = [(r, _fired_rules(r["payload"], monkeypatch)) for r in records]
    broken = [(r, codes) for r, codes in fired if codes]
    schema = compiled()
    hidden = [(r["defect"], c) for r, c in broken if _rules._SCREEN.quiet(r["payload"], schema)]
    assert set().union(*(codes for _, codes in broken)) == _rule_codes()  # every rule exercised
    assert not hidden[:3], hidden[:3]


@_needs_screen
@given(case=invalid_orders(codes=_rule_codes()))
def test_the_c_screen_never_hides_a_rule(case: tuple[Any, Any]) -> None:
    payload, expected = case
    with pytest.MonkeyPatch.context() as patch:
        if not _fired_rules(payload, patch):
            return  # this defect is the schema's (month 13 is datetime_invalid there too)
    assert not _rules._SCREEN.quiet(payload, compiled()), expected


@_needs_screen
@pytest.mark.parametrize("engine", ["rust", "python"])
def test_the_c_screen_changes_no_issue(engine: str, monkeypatch: pytest.MonkeyPatch) -> None:
    size = 400 if engine == "rust" else 60
    payloads = [
        *_hostile_payloads(),
        *_edge_payloads(),
        *_generated(size),
        *islice(mutations(), 0, None, 1 if engine == "rust" else 25),
    ]
    quiet = sum(1 for p in payloads if isinstance(p, dict) and _rules._SCREEN.quiet(p, compiled()))
    use_engine(engine)  # type: ignore[arg-type]
    try:
        screened = _results(payloads)
        monkeypatch.setattr(_rules, "_quiet", None)
        table = _results(payloads)
    finally:
        use_engine("auto")
    _compare(screened, table, f"C screen, {engine} engine")
    print(f"the screen let {quiet} of {len(payloads)} payloads skip the table")
    assert quiet > len(payloads) // 10  # it does take the load off the table
