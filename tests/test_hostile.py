"""Hostile input: whatever arrives, the validator answers clearly, quickly and without touching it.

A validator is the first code to see what an attacker sends. Each test here feeds it one kind of
abuse (every JSON value at every field, Python values JSON cannot hold, absurd depth and size,
malformed bytes) and checks three things through ``checked``: no exception and no
``internal_error``, a documented code at the right pointer, and the input left unchanged.
Sizes are the ones the issue names (100,000 deep, 10 MB, a million entries); nothing is timed.
"""

from __future__ import annotations

import collections
import datetime
import decimal
import enum
import inspect as pyinspect
import json
import types
from collections.abc import Callable
from typing import Any

import pytest

from order_validation import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_DEPTH,
    ValidationResult,
    validate,
    validate_json,
)
from order_validation._codes import CODES

from .hostile_support import (
    JSONPath,
    assert_clear,
    at_or_under,
    checked,
    codes_at,
    example_orders,
    field_paths,
    is_plain_json,
    nested,
    pointer,
    replaced,
    value_at,
)

EXAMPLES = example_orders()
DELIVERY = EXAMPLES["delivery-order"]
TEN_MB = 10 * 1024 * 1024

JSON_VALUES: dict[str, Any] = {
    "null": None,
    "true": True,
    "false": False,
    "zero": 0,
    "minus_one": -1,
    "one_and_a_half": 1.5,
    "1e308": 1e308,
    "empty_string": "",
    "x": "x",
    "empty_array": [],
    "empty_object": {},
    "nested": {"a": [1, {"b": [None, "x", 2.5]}], "c": {}},
}


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    return type(value).__name__


def _validate_json_default(data: Any) -> ValidationResult:
    return validate_json(data)


# --- every JSON value, at the root and at every field of every example -------------------------


@pytest.mark.parametrize("value_name", sorted(JSON_VALUES))
@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_every_json_value_at_every_field_gives_a_clear_error_at_that_field(
    example: str, value_name: str
) -> None:
    """A wrong-typed value is reported at its own pointer (or below it, for an object)."""
    document = EXAMPLES[example]
    value = JSON_VALUES[value_name]
    misplaced: list[str] = []
    for path in field_paths(document):
        payload = replaced(document, path, value)
        result = checked(validate, payload)
        if result.valid:
            continue
        original = value_at(document, path)
        type_changed = _json_type(value) != _json_type(original)
        if (type_changed or value_name == "nested") and not any(at_or_under(result, pointer(path))):
            misplaced.append(f"{pointer(path) or '(root)'}: {result.to_dict()['errors'][:3]}")
    assert misplaced == []


@pytest.mark.parametrize("value_name", sorted(JSON_VALUES))
def test_a_root_that_is_not_an_object_is_reported_at_the_root(value_name: str) -> None:
    value = JSON_VALUES[value_name]
    result = checked(validate, value)
    assert not result.valid
    if not isinstance(value, dict):
        assert codes_at(result, "") == {"not_an_object"}


@pytest.mark.parametrize("value_name", sorted(JSON_VALUES))
def test_validate_json_agrees_with_validate_on_every_json_value_at_every_top_level_field(
    value_name: str,
) -> None:
    value = JSON_VALUES[value_name]
    for path in field_paths(DELIVERY):
        if len(path) > 1:
            continue
        payload = replaced(DELIVERY, path, value)
        assert checked(_validate_json_default, json.dumps(payload)) == validate(payload), path


# --- Python values that JSON cannot hold ------------------------------------------------------


class _RaisingRepr:
    def __repr__(self) -> str:
        raise RuntimeError("repr")


class _RaisingEq:
    def __eq__(self, other: object) -> bool:
        raise RuntimeError("eq")

    __hash__ = object.__hash__


class _RaisingHash:
    def __hash__(self) -> int:
        raise RuntimeError("hash")


class _RaisingEverything:
    def __repr__(self) -> str:
        raise RuntimeError("repr")

    def __str__(self) -> str:
        raise RuntimeError("str")

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("eq")

    def __hash__(self) -> int:
        raise RuntimeError("hash")

    def __bool__(self) -> bool:
        raise RuntimeError("bool")

    def __len__(self) -> int:
        raise RuntimeError("len")

    def __iter__(self) -> Any:
        raise RuntimeError("iter")


class _Plain:
    """An ordinary object with attributes: still not JSON."""

    def __init__(self) -> None:
        self.store_id = "5512"


def _generator() -> Any:
    yield "never consumed"


# Values validate() must refuse as not_json, wherever they sit.
NOT_JSON: dict[str, Callable[[], Any]] = {
    "set": lambda: {1, 2},
    "empty_set": set,
    "frozenset": lambda: frozenset({"a"}),
    "bytes": lambda: b"5512",
    "bytearray": lambda: bytearray(b"5512"),
    "memoryview": lambda: memoryview(b"5512"),
    "tuple": lambda: ("a", 1),
    "empty_tuple": tuple,
    "decimal": lambda: decimal.Decimal("1.50"),
    "decimal_nan": lambda: decimal.Decimal("NaN"),
    "decimal_infinity": lambda: decimal.Decimal("Infinity"),
    "datetime": lambda: datetime.datetime(2024, 2, 23, 8, 31, tzinfo=datetime.UTC),
    "date": lambda: datetime.date(2024, 2, 23),
    "time": lambda: datetime.time(8, 31),
    "timedelta": lambda: datetime.timedelta(minutes=5),
    "complex": lambda: complex(1, 2),
    "object": object,
    "plain_instance": _Plain,
    "raising_repr": _RaisingRepr,
    "raising_eq": _RaisingEq,
    "raising_hash": _RaisingHash,
    "raising_everything": _RaisingEverything,
    "range": lambda: range(3),
    "deque": lambda: collections.deque([1]),
    "mappingproxy": lambda: types.MappingProxyType({"a": 1}),
    "generator": _generator,
    "type": lambda: int,
    "function": lambda: len,
    "ellipsis": lambda: ...,
    "module": lambda: json,
}

# Numbers no JSON document can carry: non_finite_number.
NON_FINITE: dict[str, Callable[[], Any]] = {
    "nan": lambda: float("nan"),
    "infinity": lambda: float("inf"),
    "minus_infinity": lambda: float("-inf"),
    "10**400": lambda: 10**400,
    "minus_10**400": lambda: -(10**400),
    "2**1024": lambda: 2**1024,
}

# Where each value is planted: the root, a string, a number, an object, an array entry, a key
# with an enum, and the inside of a field the contract does not know.
LOCATIONS: dict[str, JSONPath] = {
    "root": (),
    "store_id": ("store_id",),
    "quantity": ("items", 0, "quantity"),
    "total": ("order_price_info", "total"),
    "contact": ("customer_contact_info",),
    "special_handling_entry": ("order_summary", "special_handling", 0),
    "order_status": ("order_status",),
    "unknown": ("zz_unknown",),
}


def _plant(path: JSONPath, value: Any) -> Any:
    """DELIVERY with ``value`` at ``path``, built without deep-copying ``value``."""
    if not path:
        return value
    document = json.loads(json.dumps(DELIVERY))
    node = document
    for segment in path[:-1]:
        node = node[segment]
    node[path[-1]] = value
    return document


@pytest.mark.parametrize("location", sorted(LOCATIONS))
@pytest.mark.parametrize("kind", sorted(NOT_JSON))
def test_a_python_value_json_cannot_hold_is_not_json_at_its_pointer(
    kind: str, location: str
) -> None:
    path = LOCATIONS[location]
    result = checked(validate, _plant(path, NOT_JSON[kind]()))
    assert "not_json" in codes_at(result, pointer(path)), result.to_dict()


@pytest.mark.parametrize("location", sorted(LOCATIONS))
@pytest.mark.parametrize("kind", sorted(NON_FINITE))
def test_nan_infinity_and_huge_integers_are_non_finite_numbers_at_their_pointer(
    kind: str, location: str
) -> None:
    path = LOCATIONS[location]
    result = checked(validate, _plant(path, NON_FINITE[kind]()))
    assert "non_finite_number" in codes_at(result, pointer(path)), result.to_dict()


@pytest.mark.parametrize(
    "key", [1, 1.5, None, True, ("a",), frozenset({"a"}), b"store_id", _RaisingEq()]
)
@pytest.mark.parametrize("location", ["root", "contact", "unknown"])
def test_a_key_that_is_not_a_string_is_not_json_at_its_object(key: Any, location: str) -> None:
    path = LOCATIONS[location]
    if path:
        container: dict[Any, Any] = {key: "x"}
        payload = _plant(path, container)
    else:
        payload = dict(DELIVERY)
        payload[key] = "x"
    result = checked(validate, payload)
    assert "not_json" in codes_at(result, pointer(path)), result.to_dict()


@pytest.mark.parametrize("field", ["quantity", "total", "contact", "store_id"])
def test_true_where_a_value_of_another_type_belongs_is_a_type_error(field: str) -> None:
    path = LOCATIONS[field]
    result = checked(validate, _plant(path, True))
    assert codes_at(result, pointer(path)) == {"type"}


def test_an_unconsumed_generator_is_refused_without_being_consumed() -> None:
    generator = _generator()
    result = checked(validate, _plant(("items",), generator))
    assert "not_json" in codes_at(result, "/items")
    assert pyinspect.getgeneratorstate(generator) == pyinspect.GEN_CREATED


class _Status(enum.StrEnum):
    NEW = "NEW"


class _Count(enum.IntEnum):
    TWO = 2


class _PlainStr(str):
    __slots__ = ()


class _PlainFloat(float):
    pass


class _EvilStr(str):
    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("eq")

    def __hash__(self) -> int:
        raise RuntimeError("hash")

    def __repr__(self) -> str:
        raise RuntimeError("repr")


class _EvilFloat(float):
    def __eq__(self, other: object) -> bool:
        raise RuntimeError("eq")

    def __repr__(self) -> str:
        raise RuntimeError("repr")

    __hash__ = float.__hash__


class _EvilDict(dict[str, Any]):
    def __eq__(self, other: object) -> bool:
        raise RuntimeError("eq")

    def __repr__(self) -> str:
        raise RuntimeError("repr")

    __hash__ = None


_SUBCLASS_BUG = (
    "core: a str/float subclass whose __eq__/__repr__ raise passes the JSON-ness check, and the "
    "python-jsonschema reference engine calls them (enum's ==, the message's repr) -> "
    "RuntimeError -> internal_error (plain str/float subclasses are handled since c9bade2)"
)


def _subclass_case(name: str, path: JSONPath, factory: Callable[[], Any], *, bug: bool) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=_SUBCLASS_BUG)] if bug else []
    return pytest.param(path, factory, id=name, marks=marks)


@pytest.mark.parametrize(
    ("path", "factory"),
    [
        _subclass_case("str_enum_status", ("order_status",), lambda: _Status.NEW, bug=False),
        _subclass_case(
            "int_enum_quantity", ("items", 0, "quantity"), lambda: _Count.TWO, bug=False
        ),
        _subclass_case(
            "ordered_dict_contact",
            ("customer_contact_info",),
            lambda: collections.OrderedDict(DELIVERY["customer_contact_info"]),
            bug=False,
        ),
        _subclass_case(
            "raising_dict_subclass_contact",
            ("customer_contact_info",),
            lambda: _EvilDict(DELIVERY["customer_contact_info"]),
            bug=False,
        ),
        _subclass_case(
            "str_subclass_store_id", ("store_id",), lambda: _PlainStr("5512"), bug=False
        ),
        _subclass_case(
            "float_subclass_total",
            ("order_price_info", "total"),
            lambda: _PlainFloat(21.13),
            bug=False,
        ),
        _subclass_case(
            "raising_str_subclass_status", ("order_status",), lambda: _EvilStr("NEW"), bug=False
        ),
        _subclass_case(
            "raising_float_subclass_total",
            ("order_price_info", "total"),
            lambda: _EvilFloat(21.13),
            bug=False,
        ),
    ],
)
def test_subclasses_of_json_types_get_a_clear_answer(
    path: JSONPath, factory: Callable[[], Any]
) -> None:
    """Enums, dict subclasses and str/float subclasses: valid, or a documented error."""
    payload = _plant(path, factory())
    invalid_elsewhere = dict(payload, market="XX")  # forces the full error-collecting path
    checked(validate, payload)
    result = checked(validate, invalid_elsewhere)
    assert "enum" in codes_at(result, "/market")


@pytest.mark.parametrize(
    ("path", "text"),
    [
        (("store_id",), "\ud800"),
        (("order_status",), "NEW\udfff"),
        (("customer_contact_info", "first_name"), "\ude00\ud83d"),
        (("zz_unknown",), "\ud800"),
    ],
)
def test_a_lone_surrogate_in_a_python_string_is_an_error_at_its_pointer(
    path: JSONPath, text: str
) -> None:
    """What json.loads makes of "\\ud800": validate() must refuse it, as validate_json does.

    (A finding of this suite: it used to reach jsonschema-rs and come back as internal_error.)
    """
    result = checked(validate, _plant(path, text))
    assert codes_at(result, pointer(path)) & {"invalid_json", "not_json"}, result.to_dict()


def test_a_lone_surrogate_in_a_python_key_is_an_error_at_its_object() -> None:
    payload = dict(DELIVERY)
    payload["\ud800"] = "x"
    result = checked(validate, payload)
    assert codes_at(result, "") & {"invalid_json", "not_json"}, result.to_dict()


def _header_case(kind: str, shape: str) -> Any:
    return pytest.param(kind, shape, id=f"{kind}-{shape}")


@pytest.mark.parametrize(
    ("kind", "shape"),
    [
        *(
            _header_case(kind, "whole")
            for kind in ("set", "tuple", "raising_everything", "decimal")
        ),
        *(
            _header_case(kind, shape)
            for kind in ("tuple", "decimal", "set", "raising_everything")
            for shape in ("dict", "pairs")
        ),
    ],
)
def test_hostile_headers_get_a_clear_answer(kind: str, shape: str) -> None:
    """A finding of this suite: a set or an object with a raising __repr__ as the header value
    used to reach the engines and come back as internal_error."""
    hostile = NOT_JSON[kind]()
    headers: Any = {
        "whole": hostile,
        "dict": {"WM_CONSUMER.ID": hostile},
        "pairs": [("WM_CONSUMER.ID", hostile)],
    }[shape]
    result = checked(lambda payload: validate(payload, headers=headers), DELIVERY)
    assert not result.valid
    assert {issue.location for issue in result.errors} == {"header"}


# --- depth -------------------------------------------------------------------------------------


@pytest.mark.parametrize("as_objects", [False, True], ids=["arrays", "objects"])
def test_a_value_nested_100000_deep_inside_an_unknown_field_is_refused_without_recursion(
    as_objects: bool,
) -> None:
    payload = _plant(("zz_unknown",), nested(100_000, as_objects=as_objects))
    result = checked(validate, payload)
    codes = {issue.code for issue in result.errors}
    assert codes, result.to_dict()
    assert codes <= {"too_deeply_nested", "unknown_field"}


@pytest.mark.parametrize("path", [(), ("items",), ("customer_contact_info", "first_name")])
def test_a_value_nested_100000_deep_anywhere_is_too_deeply_nested(path: JSONPath) -> None:
    result = checked(validate, _plant(path, nested(100_000)))
    assert "too_deeply_nested" in {issue.code for issue in result.errors}
    assert all(issue.pointer.startswith(pointer(path)) for issue in result.errors)


@pytest.mark.parametrize(
    "body",
    [
        b'{"zz_unknown":' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"zz_unknown":' + b'{"a":' * 100_000 + b"{}" + b"}" * 100_000 + b"}",
        b'{"zz_unknown":' + b"[" * 100_000,
        b"[" * 100_000 + b"]" * 100_000,
        b'{"items":' + b'[{"a":' * 50_000 + b"1" + b"}]" * 50_000 + b"}",
        b'{"zz":"' + b"[" * 100_000 + b'"}',
    ],
    ids=["arrays", "objects", "unterminated", "at_root", "inside_items", "inside_a_string"],
)
def test_raw_bytes_nested_100000_deep_are_too_deeply_nested_not_a_recursion_error(
    body: bytes,
) -> None:
    result = checked(_validate_json_default, body)
    codes = {issue.code for issue in result.errors}
    if body.startswith(b'{"zz":"'):
        assert codes <= {"unknown_field", "required"}  # brackets inside a string are text
    elif body.endswith(b"[" * 10):
        assert codes <= {"too_deeply_nested", "invalid_json"}
        assert codes
    else:
        assert codes == {"too_deeply_nested"}


def test_validate_and_validate_json_share_the_default_depth_limit() -> None:
    for depth, too_deep in ((DEFAULT_MAX_DEPTH, False), (DEFAULT_MAX_DEPTH + 1, True)):
        # The order itself is the first level.
        payload = _plant(("zz_unknown",), nested(depth - 1))
        for result in (checked(validate, payload), validate_json(json.dumps(payload))):
            assert_clear(result)
            codes = {issue.code for issue in result.errors}
            assert ("too_deeply_nested" in codes) is too_deep, (depth, codes)


def _depth(value: Any) -> int:
    deepest = 0
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, depth)
            stack.extend(
                (child, depth + 1) for child in (node.values() if isinstance(node, dict) else node)
            )
    return deepest


@pytest.mark.parametrize("example", sorted(EXAMPLES))
def test_a_custom_max_depth_refuses_exactly_what_is_deeper(example: str) -> None:
    document = EXAMPLES[example]
    body = json.dumps(document)
    depth = _depth(document)
    fits = validate_json(body, max_depth=depth)
    assert "too_deeply_nested" not in {issue.code for issue in assert_clear(fits).errors}
    assert fits == validate(document)
    refused = assert_clear(validate_json(body, max_depth=depth - 1))
    assert {issue.code for issue in refused.errors} == {"too_deeply_nested"}


def test_a_raised_max_depth_still_never_recurses() -> None:
    body = b"[" * 200_000 + b"]" * 200_000
    result = assert_clear(validate_json(body, max_depth=1_000_000, max_bytes=1_000_000))
    assert {issue.code for issue in result.errors} == {"too_deeply_nested"}


# --- size --------------------------------------------------------------------------------------


def _bounded_text(result: ValidationResult) -> None:
    """No issue echoes a huge value back: messages and hints stay short."""
    for issue in result.issues:
        assert len(issue.message) < 2_000, issue.message[:200]
        assert len(issue.hint or "") < 2_000


STRING_FIELDS = [
    pytest.param(path, id=pointer(path))
    for path in field_paths(DELIVERY)
    if isinstance(value_at(DELIVERY, path), str)
]


@pytest.fixture(scope="module")
def ten_mb() -> str:
    return "a" * TEN_MB


@pytest.mark.parametrize("path", STRING_FIELDS)
def test_a_10_mb_string_in_any_string_field_is_an_error_there(path: JSONPath, ten_mb: str) -> None:
    result = checked(validate, _plant(path, ten_mb + "!"))
    assert codes_at(result, pointer(path)), result.to_dict()
    _bounded_text(result)


def test_a_10_mb_field_name_is_an_unknown_field_with_a_short_message(ten_mb: str) -> None:
    payload = dict(DELIVERY)
    payload[ten_mb] = 1
    result = checked(validate, payload)
    assert [issue.code for issue in result.errors] == ["unknown_field"]
    _bounded_text(result)


def test_a_10_mb_body_is_too_large_by_default_and_too_long_when_the_limit_allows(
    ten_mb: str,
) -> None:
    body = json.dumps(_plant(("store_id",), ten_mb)).encode()
    default = assert_clear(validate_json(body))
    assert [(i.code, i.pointer) for i in default.errors] == [("payload_too_large", "")]
    raised = assert_clear(validate_json(body, max_bytes=2 * TEN_MB))
    assert codes_at(raised, "/store_id") == {"too_long"}
    _bounded_text(raised)


@pytest.mark.parametrize("path", [("items",), ("zz_unknown",), (), ("delivery_instructions",)])
def test_an_array_of_a_million_entries_is_too_many_items(path: JSONPath) -> None:
    result = checked(validate, _plant(path, [0] * 1_000_000))
    assert codes_at(result, pointer(path)) & {"too_many_items", "not_an_object"}
    _bounded_text(result)


def test_a_million_entry_array_under_the_default_byte_limit_is_too_many_items() -> None:
    body = b'{"items":[' + b"0," * 999_999 + b"0]}"
    assert len(body) < DEFAULT_MAX_BYTES
    result = checked(_validate_json_default, body)
    assert codes_at(result, "/items") == {"too_many_items"}


def test_a_flood_of_unknown_fields_gives_a_bounded_number_of_issues() -> None:
    """A finding of this suite: one issue per unknown key, each with a "did you mean", made a
    2 MiB body of 200,000 keys (under the default max_bytes) cost 34 s and 96 MB of issue text."""
    body = b"{" + b",".join(b'"%d":0' % i for i in range(50_000)) + b"}"
    result = checked(_validate_json_default, body)
    assert "unknown_field" in {issue.code for issue in result.errors}
    assert len(result.issues) <= 1_000


# --- numbers -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "literal",
    [b"1e400", b"-1e400", b"1E400", b"1.0e309", b"9" * 400, b"-" + b"9" * 400, b"1" + b"0" * 400],
)
@pytest.mark.parametrize("where", ["/items/0/quantity", "/order_price_info/total", "/zz"])
def test_numbers_beyond_a_double_are_non_finite_numbers(literal: bytes, where: str) -> None:
    body = json.dumps(_plant(tuple(_segments(where)), "@@")).encode().replace(b'"@@"', literal)
    result = checked(_validate_json_default, body)
    assert codes_at(result, where) == {"non_finite_number"}


@pytest.mark.parametrize("literal", [b"NaN", b"Infinity", b"-Infinity"])
def test_nan_and_infinity_literals_are_non_finite_numbers(literal: bytes) -> None:
    body = json.dumps(_plant(("order_price_info", "total"), "@@")).encode()
    result = checked(_validate_json_default, body.replace(b'"@@"', literal))
    assert codes_at(result, "/order_price_info/total") == {"non_finite_number"}


@pytest.mark.parametrize("literal", [b"1e-400", b"-0", b"0.0000000000000000000001", b"1" * 300])
def test_extreme_but_finite_numbers_get_a_clear_answer(literal: bytes) -> None:
    body = json.dumps(_plant(("items", 0, "quantity"), "@@")).encode()
    result = checked(_validate_json_default, body.replace(b'"@@"', literal))
    assert "non_finite_number" not in {issue.code for issue in result.errors}


def test_a_huge_integer_means_the_same_to_validate_and_validate_json() -> None:
    payload = _plant(("items", 0, "quantity"), 10**400)
    from_python = checked(validate, payload)
    from_bytes = checked(_validate_json_default, json.dumps(payload))
    assert [(i.code, i.pointer) for i in from_python.errors] == [
        (i.code, i.pointer) for i in from_bytes.errors
    ]


def _segments(where: str) -> list[str | int]:
    return [int(s) if s.isdigit() else s for s in where.split("/")[1:]]


# --- malformed bodies --------------------------------------------------------------------------

_ORDER = json.dumps(DELIVERY).encode()


@pytest.mark.parametrize(
    ("body", "where"),
    [
        (b'{"store_id":"1","store_id":"2"}', "/store_id"),
        (b'{"store_id":"1","store_id":"1"}', "/store_id"),
        (b'{"store_id":"1","store\\u005fid":"2"}', "/store_id"),
        (_ORDER[:-1] + b',"market":"US"}', "/market"),
        (
            _ORDER.replace(b'"email":', b'"email":"a@b.co","email":', 1),
            "/customer_contact_info/email",
        ),
        (b'{"zz":[{"a":1,"a":2}]}', "/zz/0/a"),
    ],
    ids=["different", "same", "escaped", "top_level_of_an_order", "nested", "in_unknown"],
)
def test_a_duplicate_key_is_reported_at_the_key(body: bytes, where: str) -> None:
    result = checked(_validate_json_default, body)
    assert codes_at(result, where) == {"duplicate_key"}


INVALID_JSON: dict[str, bytes | str] = {
    "empty_bytes": b"",
    "empty_str": "",
    "whitespace": b" \n\t\r ",
    "form_feed": b"\x0c{}",
    "no_break_space": "\u00a0{}",
    "bom_bytes": b"\xef\xbb\xbf" + _ORDER,
    "bom_str": "\ufeff" + _ORDER.decode(),
    "utf16": _ORDER.decode().encode("utf-16"),
    "invalid_utf8": b'{"store_id":"\xff"}',
    "overlong_utf8": b'{"store_id":"\xc0\xaf"}',
    "encoded_surrogate_utf8": b'{"store_id":"\xed\xa0\x80"}',
    "truncated_utf8": b'{"store_id":"\xe2\x82"}',
    "lone_high_surrogate": b'{"store_id":"\\ud800"}',
    "lone_low_surrogate": b'{"store_id":"\\udfff"}',
    "reversed_pair": b'{"store_id":"\\ude00\\ud83d"}',
    "surrogate_in_key": b'{"\\ud800":1}',
    "surrogate_in_str_input": '{"store_id":"\ud800"}',
    "trailing_object": _ORDER + b" {}",
    "trailing_garbage": _ORDER + b"x",
    "trailing_nul": _ORDER + b"\x00",
    "trailing_comment": _ORDER + b" // done",
    "raw_control_char": b'{"store_id":"a\x01b"}',
    "raw_newline_in_string": b'{"store_id":"a\nb"}',
    "single_quotes": b"{'store_id':'5512'}",
    "trailing_comma": b'{"store_id":"5512",}',
    "leading_zero": b'{"zz":01}',
    "plus_sign": b'{"zz":+1}',
    "bare_fraction": b'{"zz":.5}',
    "hex": b'{"zz":0x10}',
    "python_literals": b'{"zz":True}',
    "unterminated_string": b'{"store_id":"abc',
    "unterminated_object": b'{"store_id":"abc"',
    "lone_brace": b"}",
    "nul": b"\x00",
}


@pytest.mark.parametrize("name", sorted(INVALID_JSON))
def test_a_body_that_is_not_one_json_document_is_invalid_json(name: str) -> None:
    result = checked(_validate_json_default, INVALID_JSON[name])
    codes = {issue.code for issue in result.errors}
    assert codes == {"invalid_json"}, result.to_dict()


def test_a_surrogate_pair_escape_is_ordinary_text() -> None:
    body = _ORDER.replace(b'"Gala apples"', b'"Gala \\ud83c\\udf4e"')
    assert body != _ORDER
    assert checked(_validate_json_default, body).valid


def test_trailing_whitespace_after_the_document_is_allowed() -> None:
    assert checked(_validate_json_default, _ORDER + b" \r\n\t").valid


@pytest.mark.parametrize(
    "data", [None, 42, 1.5, {"store_id": "1"}, ["x"], object(), _RaisingEverything()]
)
def test_validate_json_given_something_other_than_bytes_or_str_is_invalid_json(data: Any) -> None:
    result = checked(validate_json, data)
    assert [(i.code, i.pointer) for i in result.errors] == [("invalid_json", "")]


@pytest.mark.parametrize("wrap", [bytes, bytearray, memoryview, lambda b: b.decode()])
def test_every_accepted_body_type_gives_the_same_result(wrap: Callable[[bytes], Any]) -> None:
    for body in (_ORDER, b'{"store_id":1}', b"[", b'{"a":1,"a":2}'):
        assert checked(_validate_json_default, wrap(body)) == validate_json(body)


# --- limits ------------------------------------------------------------------------------------


def test_the_limits_are_documented_with_their_defaults() -> None:
    signature = pyinspect.signature(validate_json)
    assert signature.parameters["max_bytes"].default == DEFAULT_MAX_BYTES == 2 * 1024 * 1024
    assert signature.parameters["max_depth"].default == DEFAULT_MAX_DEPTH == 32
    assert "max_bytes" in CODES["payload_too_large"].trigger
    assert "2 MiB" in CODES["payload_too_large"].trigger
    assert "max_depth" in CODES["too_deeply_nested"].trigger
    assert "32" in CODES["too_deeply_nested"].trigger


def _padded(size: int) -> bytes:
    body = _ORDER + b" " * (size - len(_ORDER))
    assert len(body) == size
    return body


def test_the_default_byte_limit_admits_exactly_max_bytes() -> None:
    assert checked(_validate_json_default, _padded(DEFAULT_MAX_BYTES)).valid
    over = checked(_validate_json_default, _padded(DEFAULT_MAX_BYTES + 1))
    assert [(i.code, i.pointer) for i in over.errors] == [("payload_too_large", "")]


@pytest.mark.parametrize("limit", [len(_ORDER), len(_ORDER) + 1, 10 * len(_ORDER)])
def test_a_custom_byte_limit_is_honoured(limit: int) -> None:
    assert assert_clear(validate_json(_ORDER, max_bytes=limit)).valid
    over = assert_clear(validate_json(_padded(limit + 1), max_bytes=limit))
    assert [(i.code, i.pointer) for i in over.errors] == [("payload_too_large", "")]


def test_the_byte_limit_counts_utf8_bytes_of_a_str_body() -> None:
    text = json.dumps({"zz": "é" * 600}, ensure_ascii=False)
    size = len(text.encode())
    assert size > len(text)
    assert validate_json(text, max_bytes=size - 1).errors[0].code == "payload_too_large"
    assert validate_json(text, max_bytes=size).errors[0].code != "payload_too_large"


@pytest.mark.parametrize(("max_bytes", "max_depth"), [(0, 32), (-1, 32), (2_000, 0), (2_000, -5)])
def test_degenerate_limits_give_a_clear_answer(max_bytes: int, max_depth: int) -> None:
    result = assert_clear(validate_json(_ORDER, max_bytes=max_bytes, max_depth=max_depth))
    assert not result.valid


def test_is_plain_json_recognises_what_json_loads_returns() -> None:
    """The helper behind the deep-copy comparison must not skip ordinary payloads."""
    assert is_plain_json(json.loads(_ORDER))
    assert not is_plain_json({"a": (1,)})
    assert not is_plain_json({1: "a"})
