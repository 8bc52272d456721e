"""The WM_CONSUMER.ID header: required, 1-64 letters, digits and hyphens, name in any case."""

from __future__ import annotations

from typing import Any

import pytest

from order_validation import validate, validate_headers
from tests.factories import SEED_CONSUMER_ID, assert_clean, explain, order

H = "WM_CONSUMER.ID"
AT = f"/{H}"


def _one_header_error(headers: Any, code: str) -> None:
    result = validate_headers(headers)
    assert [(i.code, i.pointer) for i in result.errors] == [(code, AT)], explain(result)
    assert result.errors[0].location == "header"
    assert result.errors[0].severity == "error"
    assert result.valid is False


GOOD_VALUES = {
    "seed-example": SEED_CONSUMER_ID,
    "one-char": "a",
    "64-chars": "a" * 64,
    "digits": "1234567890",
    "hyphens-only": "---",
    "uuid": "2d6cf199-9b07-4350-bb29-0db3c2a1b2c3",
    "uppercase": "ABC-DEF",
}
BAD_VALUES = {
    "empty": ("", "too_short"),
    "65-chars": ("a" * 65, "too_long"),
    "underscore": ("2d6cf199_9b07", "consumer_id_format"),
    "space": ("2d6cf199 9b07", "consumer_id_format"),
    "leading-space": (" 2d6cf199", "consumer_id_format"),
    "trailing-newline": (f"{SEED_CONSUMER_ID}\n", "consumer_id_format"),
    "dot": ("tenant.1", "consumer_id_format"),
    "braces": ("{2d6cf199}", "consumer_id_format"),
    "non-ascii-letter": ("tenänt", "consumer_id_format"),
    "only-space": (" ", "consumer_id_format"),
    "number": (12345, "type"),
    "null": (None, "type"),
}


@pytest.mark.parametrize("value", GOOD_VALUES.values(), ids=GOOD_VALUES.keys())
def test_good_consumer_ids_pass(value: str) -> None:
    assert_clean(validate_headers({H: value}))


@pytest.mark.parametrize(("value", "code"), BAD_VALUES.values(), ids=BAD_VALUES.keys())
def test_each_bad_consumer_id_is_one_header_error(value: Any, code: str) -> None:
    _one_header_error({H: value}, code)


@pytest.mark.parametrize(
    "name", [H, H.lower(), "Wm_Consumer.Id", "WM_CONSUMER.id", "wM_cOnSuMeR.iD"]
)
def test_the_header_name_matches_in_any_case(name: str) -> None:
    assert_clean(validate_headers({name: SEED_CONSUMER_ID}))


@pytest.mark.parametrize("name", [H.lower(), "Wm_Consumer.Id"])
def test_a_bad_value_under_a_differently_cased_name_is_still_checked(name: str) -> None:
    _one_header_error({name: "bad value"}, "consumer_id_format")


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer x"},
        {"WM-CONSUMER-ID": SEED_CONSUMER_ID},
        {"WM_CONSUMER_ID": SEED_CONSUMER_ID},
        {"WM_CONSUMER.ID ": SEED_CONSUMER_ID},
    ],
    ids=["none", "only-others", "hyphenated-name", "underscore-name", "name-with-space"],
)
def test_a_missing_consumer_id_is_one_required_error(headers: dict[str, str]) -> None:
    result = validate_headers(headers)
    assert [(i.code, i.pointer, i.location) for i in result.errors] == [
        ("required", AT, "header")
    ], explain(result)
    assert H in result.errors[0].message


def test_other_headers_are_ignored_whatever_they_hold() -> None:
    headers = {
        H: SEED_CONSUMER_ID,
        "Authorization": "Bearer \x00 not checked",
        "Accept": "*/*",
        "Content-Type": "application/json; charset=utf-8",
        "X-Empty": "",
        "X_Underscore": "a_b",
    }
    assert_clean(validate_headers(headers))


def test_headers_may_be_a_list_of_pairs() -> None:
    assert_clean(validate_headers([("accept", "*/*"), ("wm_consumer.id", SEED_CONSUMER_ID)]))


def test_the_same_value_under_two_casings_is_accepted() -> None:
    assert_clean(validate_headers({H: "abc", H.lower(): "abc"}))


def test_two_casings_with_different_values_are_one_error() -> None:
    result = validate_headers({H: "abc", H.lower(): "def"})
    assert len(result.errors) == 1, explain(result)
    assert result.errors[0].location == "header"


def test_validate_checks_headers_when_given() -> None:
    assert_clean(validate(order(), headers={H: SEED_CONSUMER_ID}))
    result = validate(order(), headers={"Accept": "*/*"})
    assert [(i.code, i.pointer, i.location) for i in result.errors] == [("required", AT, "header")]


def test_validate_reports_header_and_body_issues_together() -> None:
    body = order()
    body["store_id"] = ""
    result = validate(body, headers={H: "a_b"})
    assert {(i.code, i.pointer, i.location) for i in result.errors} == {
        ("consumer_id_format", AT, "header"),
        ("too_short", "/store_id", "body"),
    }


def test_validate_skips_the_header_check_without_headers() -> None:
    assert_clean(validate(order()))


@pytest.mark.parametrize("headers", ["WM_CONSUMER.ID: abc", 42], ids=["string", "int"])
def test_headers_that_are_not_a_mapping_are_an_error_not_an_exception(headers: Any) -> None:
    result = validate_headers(headers)
    assert result.valid is False
    assert all(i.location == "header" for i in result.errors)
