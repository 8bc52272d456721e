"""The converter, one construct at a time: each rewrite keeps the verdicts it claims to keep."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from tools._convert import Converter, ExportError, inline
from tools._dialects import AWS_API_GATEWAY, DRAFT_04, DRAFT_07, OPENAPI_30, OPENAPI_31, Dialect


def _convert(dialect: Dialect, schema: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    converter = Converter(dialect)
    return converter.convert(inline(schema)), converter.dropped


def _same_verdicts(
    original: dict[str, Any], converted: dict[str, Any], instances: list[Any]
) -> None:
    before = jsonschema.Draft202012Validator(original)
    after = jsonschema.Draft4Validator(converted)
    assert [after.is_valid(i) for i in instances] == [before.is_valid(i) for i in instances]


CONDITIONAL = {
    "type": "object",
    "properties": {"kind": {"type": "string"}, "extra": {"type": "string"}},
    "if": {"properties": {"kind": {"const": "x"}}, "required": ["kind"]},
    "then": {"required": ["extra"]},
}
INSTANCES: list[Any] = [
    {},
    {"kind": "x"},
    {"kind": "x", "extra": "e"},
    {"kind": "y"},
    {"kind": 1},
    3,
]


def test_if_then_becomes_any_of_not_in_draft_04_with_the_same_verdicts() -> None:
    converted, dropped = _convert(DRAFT_04, CONDITIONAL)
    assert "if" not in converted
    assert converted["anyOf"][0]["not"]["properties"]["kind"] == {"enum": ["x"]}
    assert converted["anyOf"][1]["required"] == ["extra"]
    assert dropped == []
    _same_verdicts(CONDITIONAL, converted, INSTANCES)


def test_if_then_stays_in_draft_07_with_the_branch_types_written_out() -> None:
    converted, _ = _convert(DRAFT_07, CONDITIONAL)
    assert converted["if"]["type"] == "object"
    assert converted["then"] == {"type": "object", "required": ["extra"]}
    assert converted["if"]["properties"]["kind"] == {"const": "x"}


def test_a_conditional_without_any_of_is_dropped_and_its_location_recorded() -> None:
    converted, dropped = _convert(AWS_API_GATEWAY, CONDITIONAL)
    assert "anyOf" not in converted
    assert "if" not in converted
    assert dropped == ["#/if", "#/then"]


def test_a_condition_the_schema_already_guarantees_is_merged_even_without_any_of() -> None:
    schema = {"type": "string", "minLength": 1, "if": {"minLength": 1}, "then": {"pattern": "[^ ]"}}
    converted, dropped = _convert(AWS_API_GATEWAY, schema)
    assert converted == {"type": "string", "minLength": 1, "pattern": "[^ ]"}
    assert dropped == []
    _same_verdicts(schema, converted, ["", " ", "a", " a", 5])


def test_a_merged_consequence_that_clashes_goes_into_all_of() -> None:
    schema = {"type": "string", "pattern": "^a", "if": {"pattern": "^a"}, "then": {"pattern": "b$"}}
    converted, _ = _convert(AWS_API_GATEWAY, schema)
    assert converted["pattern"] == "^a"
    assert converted["allOf"] == [{"type": "string", "pattern": "b$"}]
    _same_verdicts(schema, converted, ["ab", "a", "b", "cb"])


@pytest.mark.parametrize(
    ("dialect", "expected"),
    [
        (DRAFT_07, {"type": "number", "exclusiveMinimum": 0}),
        (DRAFT_04, {"type": "number", "minimum": 0, "exclusiveMinimum": True}),
        (OPENAPI_30, {"type": "number", "minimum": 0, "exclusiveMinimum": True}),
        (AWS_API_GATEWAY, {"type": "number", "minimum": 0}),
    ],
    ids=lambda v: getattr(v, "name", ""),
)
def test_exclusive_bounds_take_each_dialects_form(
    dialect: Dialect, expected: dict[str, Any]
) -> None:
    converted, dropped = _convert(dialect, {"type": "number", "exclusiveMinimum": 0})
    assert converted == expected
    assert dropped == (["#/exclusiveMinimum"] if dialect is AWS_API_GATEWAY else [])


def test_draft_04_integers_accept_two_point_zero_as_2020_12_does() -> None:
    schema = {"type": "integer", "minimum": 1}
    converted, _ = _convert(DRAFT_04, schema)
    assert converted == {"type": "number", "minimum": 1, "multipleOf": 1}
    _same_verdicts(schema, converted, [1, 2.0, 2.5, 0, "1", True, 10**20])
    assert _convert(DRAFT_07, schema)[0] == schema


def test_const_becomes_a_one_value_enum_where_const_is_missing() -> None:
    assert _convert(DRAFT_04, {"const": False})[0] == {"enum": [False]}
    assert _convert(OPENAPI_31, {"const": False})[0] == {"const": False}


def test_nullable_types_take_each_openapi_versions_form() -> None:
    schema = {"type": ["string", "null"], "examples": ["a", None]}
    assert _convert(OPENAPI_30, schema)[0] == {"type": "string", "nullable": True, "example": "a"}
    assert _convert(OPENAPI_31, schema)[0] == schema


def test_a_ref_with_siblings_is_merged_and_the_referrer_describes_it() -> None:
    schema = {
        "properties": {
            "a": {"$ref": "#/$defs/t", "title": "A", "maxLength": 3},
            "b": {"$ref": "#/$defs/t", "minLength": 2},
        },
        "$defs": {"t": {"title": "T", "type": "string", "minLength": 1}},
    }
    converted, _ = _convert(DRAFT_07, schema)
    assert converted["properties"]["a"] == {
        "title": "A",
        "type": "string",
        "minLength": 1,
        "maxLength": 3,
    }
    assert converted["properties"]["b"]["allOf"] == [
        {"title": "T", "type": "string", "minLength": 1},
        {"minLength": 2},
    ]


def test_a_recursive_ref_cannot_be_inlined() -> None:
    schema = {"$defs": {"n": {"items": {"$ref": "#/$defs/n"}}}, "$ref": "#/$defs/n"}
    with pytest.raises(ExportError, match="recursive"):
        inline(schema)


def test_unknown_annotations_are_removed_silently_and_unknown_assertions_recorded() -> None:
    converted, dropped = _convert(AWS_API_GATEWAY, {"examples": [1], "default": 1, "not": {}})
    assert converted == {}
    assert dropped == ["#/not"]
