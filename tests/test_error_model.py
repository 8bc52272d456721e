"""The error model: issue fields, messages, problem details, exceptions, determinism."""

from __future__ import annotations

import dataclasses
import functools
import json
import pickle
import random
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from order_validation import Issue, OrderValidationError, ValidationResult, validate
from order_validation._codes import CODES
from tests.conftest import load_example
from tests.factories import Change, order, put, put_all
from tests.test_conditionals import LEAVE_CASES
from tests.test_datetimes import BAD_CASES as DATETIME_CASES
from tests.test_datetimes import SLOT_CASES
from tests.test_money_and_rules import MARKET_CASES, MONEY_CASES, TOTAL_CASES
from tests.test_sub_objects import (
    ADDRESS_CASES,
    CANCEL_CASES,
    CONTACT_CASES,
    IDENTIFIER_CASES,
    ITEM_CASES,
    SUMMARY_CASES,
    TEXT_CASES,
    VERIFICATION_CASES,
)
from tests.test_top_level import ENUM_BAD, LANGUAGE_CASES, UNKNOWN_CASES, URL_CASES

ISSUE_KEYS = {"code", "pointer", "message", "severity", "hint", "location", "schema_path"}

# Every failing single-defect case of the other files: the corpus the message checks run over.
FAILING = [
    case
    for case in (
        *IDENTIFIER_CASES,
        *TEXT_CASES,
        *CONTACT_CASES,
        *ITEM_CASES,
        *SUMMARY_CASES,
        *CANCEL_CASES,
        *ADDRESS_CASES,
        *VERIFICATION_CASES,
        *DATETIME_CASES,
        *SLOT_CASES,
        *MONEY_CASES,
        *MARKET_CASES,
        *TOTAL_CASES,
        *LEAVE_CASES,
        *ENUM_BAD,
        *LANGUAGE_CASES,
        *URL_CASES,
        *UNKNOWN_CASES,
    )
    if case.code is not None
]

JARGON = [
    "is not valid under any of the given schemas",
    "additionalProperties",
    "additional properties",
    "$defs",
    "$ref",
    "is not of type",
    "Failed validating",
    "does not match '",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "uniqueItems",
    "oneOf",
    "anyOf",
    "allOf",
    "should be non-empty",
    "is too long",
    "is too short",
    "schema",
    # regex source
    "^[",
    "]$",
    "[^",
    "\\x",
    "\\u",
    "[0-9]",
    "[A-Za-z]",
    "(?",
    "{1,",
]


@functools.cache
def _all_issues() -> list[tuple[str, Issue]]:
    found = []
    for case in FAILING:
        for issue in validate(case.build()).issues:
            found.append((case.id, issue))
    return found


def test_the_message_corpus_covers_most_codes() -> None:
    codes = {issue.code for _, issue in _all_issues()}
    assert len(codes) >= 30, sorted(codes)


def test_messages_and_hints_carry_no_json_schema_jargon() -> None:
    offenders = [
        (case_id, issue.code, text, word)
        for case_id, issue in _all_issues()
        for text in (issue.message, issue.hint or "")
        for word in JARGON
        if word in text
    ]
    assert offenders == []


def test_every_message_is_one_plain_sentence_naming_its_field() -> None:
    for case_id, issue in _all_issues():
        assert issue.message, case_id
        assert "\n" not in issue.message, (case_id, issue.message)
        assert issue.message.rstrip()[-1] in ".?", (case_id, issue.message)
        last = next(
            (s for s in reversed(issue.pointer.split("/")[1:]) if s and not s.isdigit()), None
        )
        if last is not None:
            name = last.replace("~1", "/").replace("~0", "~")
            assert name in issue.message, (case_id, issue.pointer, issue.message)


def test_every_issue_has_a_known_code_and_consistent_fields() -> None:
    for case_id, issue in _all_issues():
        assert issue.code in CODES, (case_id, issue.code)
        assert issue.severity == CODES[issue.code].severity, (case_id, issue.code)
        assert issue.location == "body", case_id
        assert issue.pointer == "" or issue.pointer.startswith("/"), (case_id, issue.pointer)
        if CODES[issue.code].source == "rule":
            assert issue.schema_path == f"rule:{issue.code}", (case_id, issue.schema_path)
        else:  # datetime_invalid is partly the schema's (month 13), partly a rule's (02-30)
            assert issue.schema_path.startswith("#") or issue.schema_path == f"rule:{issue.code}", (
                case_id,
                issue.schema_path,
            )


def test_enum_hints_list_every_allowed_value() -> None:
    for case_id, issue in _all_issues():
        if issue.code != "enum":
            continue
        assert issue.hint is not None, case_id
        # The allowed values also appear in the message, so a reader without hints sees them.
        for value in issue.hint.removeprefix("Allowed values: ").rstrip(".").split(", "):
            assert value in issue.message, (case_id, value, issue.message)


# ----------------------------------------------------------------------------------------------
# Issue, ValidationResult, to_dict, to_problem.


def _invalid() -> ValidationResult:
    return validate(load_example("invalid-delivery-order.json"))


def test_an_issue_dict_has_exactly_the_seven_keys() -> None:
    for issue in _invalid().issues:
        assert set(issue.to_dict()) == ISSUE_KEYS
    assert Issue("required", "/x", "x is required.").to_dict()["hint"] is None


def test_issues_are_frozen() -> None:
    issue = _invalid().errors[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        issue.code = "other"  # type: ignore[misc]


def test_issues_are_errors_then_warnings() -> None:
    payload = put_all(
        load_example("invalid-delivery-order.json"),
        {"/cancel_details": {"reason_code": "OUT_OF_STOCK"}},
    )
    result = validate(payload)
    assert result.warnings
    assert result.issues == result.errors + result.warnings
    assert all(i.severity == "error" for i in result.errors)
    assert all(i.severity == "warning" for i in result.warnings)


def test_to_dict_is_json_ready() -> None:
    result = _invalid()
    data = json.loads(json.dumps(result.to_dict()))
    assert data["valid"] is False
    assert [e["code"] for e in data["errors"]] == [i.code for i in result.errors]
    assert data["warnings"] == []


def test_to_problem_is_rfc_9457_problem_details() -> None:
    result = _invalid()
    problem = result.to_problem()
    assert json.loads(json.dumps(problem)) == problem
    assert {"type", "title", "status", "detail", "errors", "warnings"} <= set(problem)
    assert isinstance(problem["type"], str)
    assert problem["type"]
    assert isinstance(problem["title"], str)
    assert problem["title"]
    assert problem["status"] == 400
    assert isinstance(problem["detail"], str)
    assert result.errors[0].message in problem["detail"]
    assert problem["errors"] == [i.to_dict() for i in result.errors]
    assert problem["warnings"] == [i.to_dict() for i in result.warnings]


def test_to_problem_carries_an_instance_when_given() -> None:
    problem = _invalid().to_problem(instance="/v1/orders/ORD-1")
    assert problem["instance"] == "/v1/orders/ORD-1"


def test_raise_for_errors_raises_a_value_error_carrying_the_result() -> None:
    result = _invalid()
    with pytest.raises(OrderValidationError) as caught:
        result.raise_for_errors()
    assert isinstance(caught.value, ValueError)
    assert caught.value.result is result
    assert caught.value.errors == result.errors
    text = str(caught.value)
    assert all(issue.code in text for issue in result.errors)


def test_the_exception_survives_pickling() -> None:
    result = _invalid()
    with pytest.raises(OrderValidationError) as caught:
        result.raise_for_errors()
    copy = pickle.loads(pickle.dumps(caught.value))
    assert copy.result == result


def test_raise_for_errors_returns_the_result_when_there_are_only_warnings() -> None:
    result = validate(order(cancel_details={"reason_code": "OUT_OF_STOCK"}))
    assert result.warnings
    assert result.valid is True
    assert result.raise_for_errors() is result


def test_a_valid_result_is_truthy_and_an_invalid_one_falsy() -> None:
    assert bool(validate(order())) is True
    assert bool(_invalid()) is False


# ----------------------------------------------------------------------------------------------
# One defect, one error, first; many defects in a fixed order.


@pytest.mark.parametrize("case", FAILING[::7], ids=[c.id for c in FAILING[::7]])
def test_a_single_defect_gives_its_error_first_and_alone(case: Change) -> None:
    result = validate(case.build())
    assert len(result.errors) == 1
    assert (result.errors[0].code, result.errors[0].pointer) == (case.code, case.pointer)


def test_errors_come_in_the_contracts_field_order_not_the_payloads() -> None:
    result = _invalid()
    assert [(i.code, i.pointer) for i in result.errors] == [
        ("slot_window_order", "/end_delivery_slot_time"),
        ("phone_format", "/customer_contact_info/phone_number"),
        ("currency_market_mismatch", "/order_price_info/currency"),
        ("required_for_service", "/delivery_details"),
    ]


def test_array_entries_are_reported_in_index_order() -> None:
    items = [{"item_id": f"S{i}", "quantity": 0 if i % 2 else 1.5} for i in range(12)]
    result = validate(put(order(), "/items", items))
    assert [i.pointer for i in result.errors] == [f"/items/{i}/quantity" for i in range(12)]


def _shuffled(value: Any, rnd: random.Random) -> Any:
    if isinstance(value, dict):
        keys = list(value)
        rnd.shuffle(keys)
        return {k: _shuffled(value[k], rnd) for k in keys}
    if isinstance(value, list):
        return [_shuffled(v, rnd) for v in value]
    return value


def _many_defects() -> dict[str, Any]:
    payload = load_example("invalid-delivery-order.json")
    payload["oder_source"] = payload.pop("order_source")
    payload["notes"] = "x"
    payload["items"].append({"item_id": "SKU-1001", "quantity": 1.5, "colour": "red"})
    payload["cancel_details"] = {"reason_code": "OTHER"}
    payload["order_summary"]["special_handling"] = ["FROZEN", "FROZEN"]
    payload["deliverable_action"] = "deliverable_action_meet_at_door"
    payload["customer_contact_info"]["email"] = "nobody"
    return payload


MANY = _many_defects()
MANY_RESULT = validate(MANY)


def test_the_many_defect_payload_has_many_issues() -> None:
    assert len(MANY_RESULT.errors) >= 8
    assert MANY_RESULT.warnings


@given(st.randoms(use_true_random=False))
def test_results_do_not_depend_on_key_order(rnd: random.Random) -> None:
    shuffled = _shuffled(MANY, rnd)
    assert validate(shuffled).to_dict() == MANY_RESULT.to_dict()


def test_results_are_the_same_every_time() -> None:
    first = [validate(MANY).to_dict() for _ in range(5)]
    assert all(run == first[0] for run in first)


def test_validate_does_not_modify_the_payload() -> None:
    payload = _many_defects()
    before = json.dumps(payload, sort_keys=True)
    validate(payload)
    assert json.dumps(payload, sort_keys=True) == before


# ----------------------------------------------------------------------------------------------
# validate() never raises.


class _Custom:
    pass


STRANGE = {
    "object": _Custom(),
    "non-string-key": {1: "x"},
    "tuple-items": put(order(), "/items", None) | {"items": ({"item_id": "A", "quantity": 1},)},
    "decimal": put(order(), "/order_price_info/tax", Decimal("1.00")),
    "nan": put(order(), "/order_price_info/tax", float("nan")),
    "infinity": put(order(), "/order_price_info/tax", float("inf")),
    "huge-int": put(order(), "/order_price_info/tax", 10**400),
    "bytes": put(order(), "/store_id", b"5512"),
    "set": put(order(), "/items", None) | {"items": {"a"}},
    "deep": put(order(), "/notes", json.loads("[" * 200 + "]" * 200)),
    "lone-surrogate": put(order(), "/store_id", "\ud800"),
}
STRANGE_CORE_BUGS: dict[str, str] = {}


@pytest.mark.parametrize(
    "value",
    [
        pytest.param(
            value,
            id=name,
            marks=[pytest.mark.xfail(reason=f"core: {STRANGE_CORE_BUGS[name]}", strict=True)]
            if name in STRANGE_CORE_BUGS
            else [],
        )
        for name, value in STRANGE.items()
    ],
)
def test_validate_never_raises_and_never_calls_itself_broken(value: Any) -> None:
    result = validate(value)
    assert isinstance(result, ValidationResult)
    assert result.valid is False
    assert "internal_error" not in {i.code for i in result.errors}


# ----------------------------------------------------------------------------------------------
# Property: any one JSON value at one field gives at most one error, at that field.
# (Date-times are covered case by case in test_datetimes.py; money and the fields that switch
# conditions, market and order_service, legitimately report elsewhere.)

_SETUP_DI = {"/delivery_instructions": [{"type": "GENERAL", "text": "x"}]}
_SETUP_BC = {"/delivery_verification": {"barcodes": [{"value": "X1", "type": "QR"}]}}
PROPERTY_FIELDS = [
    ("P", "/external_order_id", {}),
    ("P", "/store_id", {}),
    ("P", "/order_source", {}),
    ("P", "/order_status", {}),
    ("P", "/carrier", {}),
    ("P", "/language_isocode", {}),
    ("P", "/tracking_url", {}),
    ("W", "/quote_id", {}),
    ("W", "/undeliverable_action", {}),
    ("P", "/customer_contact_info/first_name", {}),
    ("P", "/customer_contact_info/phone_number", {}),
    ("P", "/customer_contact_info/email", {}),
    ("P", "/order_price_info/currency", {}),
    ("P", "/items/0/item_id", {}),
    ("P", "/items/0/quantity", {}),
    ("P", "/items/0/uom", {}),
    ("P", "/items/0/name", {}),
    ("P", "/items/0/substitution_allowed", {}),
    ("P", "/delivery_instructions/0/text", _SETUP_DI),
    ("D", "/order_summary/total_weight", {}),
    ("D", "/order_summary/item_count", {}),
    ("D", "/delivery_details/postal_code", {}),
    ("D", "/delivery_details/country", {}),
    ("D", "/delivery_details/latitude", {}),
    ("W", "/delivery_verification/barcodes/0/type", _SETUP_BC),
]
JSON_SCALARS = st.one_of(
    st.text(max_size=80),
    st.text(alphabet="0123456789-:TZ+. \n", max_size=30),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
    st.lists(st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


@given(st.sampled_from(PROPERTY_FIELDS), JSON_SCALARS)
def test_one_value_at_one_field_gives_at_most_one_error_there(
    field: tuple[str, str, dict[str, Any]], value: Any
) -> None:
    service, pointer, setup = field
    result = validate(put(put_all(order(service), setup), pointer, value))
    assert len(result.errors) <= 1, [(i.code, i.pointer) for i in result.errors]
    for issue in result.errors:
        assert issue.code != "internal_error"
        assert issue.pointer == pointer or issue.pointer.startswith(pointer + "/"), issue
        assert issue.code in CODES
