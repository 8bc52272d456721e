"""Top-level fields: required names, enums, language code, tracking URL, arrays, unknown names."""

from __future__ import annotations

from typing import Any

import pytest

from order_validation import validate
from tests.factories import (
    DROP,
    Change,
    Field,
    assert_clean,
    assert_one_error,
    order,
    params,
    put,
)

ALWAYS_REQUIRED = [
    "external_order_id",
    "store_id",
    "order_source",
    "order_status",
    "customer_contact_info",
    "order_price_info",
    "items",
    "market",
    "language_isocode",
    "order_service",
]


@pytest.mark.parametrize("service", ["P", "D", "PD", "W"])
@pytest.mark.parametrize("name", ALWAYS_REQUIRED)
def test_each_always_required_field_missing_is_one_required_error_at_the_field(
    name: str, service: str
) -> None:
    result = validate(put(order(service), f"/{name}", DROP))
    issue = assert_one_error(result, "required", f"/{name}")
    assert name in issue.message
    assert result.warnings == ()


@pytest.mark.parametrize("name", ALWAYS_REQUIRED)
def test_a_cancelled_order_needs_the_same_fields_as_a_new_one(name: str) -> None:
    payload = put(order("D", order_status="CANCELLED"), f"/{name}", DROP)
    assert_one_error(validate(payload), "required", f"/{name}")


def test_an_empty_object_reports_every_always_required_field_and_nothing_else() -> None:
    result = validate({})
    assert sorted(i.pointer for i in result.errors) == sorted(f"/{n}" for n in ALWAYS_REQUIRED)
    assert {i.code for i in result.errors} == {"required"}


@pytest.mark.parametrize(
    "body",
    [[], "order", 42, 4.2, None, True, [{"external_order_id": "A"}]],
    ids=["array", "string", "int", "float", "null", "boolean", "array-of-object"],
)
def test_a_body_that_is_not_an_object_is_one_not_an_object_error_at_the_root(body: Any) -> None:
    assert_one_error(validate(body), "not_an_object", "")


# ----------------------------------------------------------------------------------------------
# Enums on top-level fields (market and order_service have their own tests).

ENUMS: list[tuple[Field, list[str]]] = [
    (Field("/order_source"), ["Online"]),
    (Field("/order_status"), ["NEW", "CANCELLED"]),
    (
        Field("/deliverable_action", service="W"),
        ["deliverable_action_meet_at_door", "deliverable_action_leave_at_door"],
    ),
    (Field("/undeliverable_action", service="W"), ["leave_at_door", "return", "discard"]),
    (Field("/items/0/uom"), ["EACH", "LB", "KG", "OZ", "G"]),
    (
        Field(
            "/delivery_instructions/0/type",
            setup={"/delivery_instructions": [{"type": "GENERAL", "text": "Ring twice."}]},
        ),
        ["DROPOFF", "ACCESS", "PARKING", "GENERAL"],
    ),
    (Field("/order_summary/weight_unit", service="D"), ["LB", "KG"]),
    (
        Field(
            "/order_summary/special_handling/0",
            service="D",
            setup={"/order_summary/special_handling": ["FROZEN"]},
        ),
        ["ALCOHOL", "TOBACCO", "PHARMACY", "FROZEN", "REFRIGERATED", "FRAGILE", "HEAVY", "HAZMAT"],
    ),
    (
        Field(
            "/cancel_details/reason_code",
            setup={
                "/order_status": "CANCELLED",
                "/cancel_details": {"reason_code": "OTHER", "reason_text": "Moved away."},
            },
        ),
        [
            "CUSTOMER_REQUEST",
            "OUT_OF_STOCK",
            "STORE_CLOSED",
            "DELIVERY_UNAVAILABLE",
            "PAYMENT_FAILED",
            "FRAUD_SUSPECTED",
            "OTHER",
        ],
    ),
    (
        Field(
            "/cancel_details/cancelled_by",
            setup={
                "/order_status": "CANCELLED",
                "/cancel_details": {"reason_code": "OUT_OF_STOCK"},
            },
        ),
        ["CUSTOMER", "STORE", "CARRIER", "SYSTEM"],
    ),
    (
        Field(
            "/delivery_verification/barcodes/0/type",
            service="W",
            setup={"/delivery_verification": {"barcodes": [{"value": "X1", "type": "QR"}]}},
        ),
        ["CODE39", "CODE128", "QR", "PDF417", "EAN13", "UPC_A"],
    ),
    (Field("/order_price_info/currency"), ["USD"]),  # the others are market mismatches
]


def _variants(value: str) -> dict[str, str]:
    found = {
        "lowercase": value.lower(),
        "uppercase": value.upper(),
        "titlecase": value.title(),
        "leading-space": f" {value}",
        "trailing-space": f"{value} ",
        "trailing-newline": f"{value}\n",
    }
    return {label: v for label, v in found.items() if v != value}


ENUM_GOOD = [field.change(f"{v}", v) for field, allowed in ENUMS for v in allowed]
ENUM_BAD = [
    *(
        field.change(f"{value}-{label}", variant, "enum")
        for field, allowed in ENUMS
        for value in allowed
        for label, variant in _variants(value).items()
        if variant not in allowed
    ),
    *(field.change("empty", "", "enum") for field, _ in ENUMS),
    *(field.change("unknown", "SOMETHING_ELSE", "enum") for field, _ in ENUMS),
    *(field.change("number", 1, "type") for field, _ in ENUMS),
    *(field.change("null", None, "type") for field, _ in ENUMS),
    *(field.change("list", ["X"], "type") for field, _ in ENUMS),
]
_ALLOWED = {field.pointer: allowed for field, allowed in ENUMS}


@pytest.mark.parametrize("case", params(ENUM_GOOD))
def test_every_allowed_enum_value_passes(case: Change) -> None:
    case.check()


@pytest.mark.parametrize("case", params(ENUM_BAD))
def test_enum_values_match_exactly_and_case_sensitively(case: Change) -> None:
    result = case.check()
    issue = result.errors[0]
    if issue.code == "enum":
        allowed = _ALLOWED[issue.pointer]
        if issue.pointer == "/order_price_info/currency":
            allowed = ["USD", "GBP", "EUR"]
        assert issue.hint is not None
        for value in allowed:
            assert value in issue.hint, (value, issue.hint)


@pytest.mark.parametrize(
    ("value", "service_fields"),
    [("P", {}), ("D", {}), ("PD", {}), ("W", {})],
    ids=["P", "D", "PD", "W"],
)
def test_every_order_service_passes_with_its_fields(value: str, service_fields: Any) -> None:
    assert_clean(validate(order(value)))


@pytest.mark.parametrize(
    "value", ["p", "d", "pd", "Pd", "w", "DP", "X", "", " D", "D\n", "PICKING"]
)
def test_a_bad_order_service_is_one_enum_error_and_adds_no_requirements(value: str) -> None:
    # A bare order with none of the service-specific fields: nothing else may be reported.
    payload = put(order("P"), "/estimated_due_time", DROP)
    payload["order_service"] = value
    issue = assert_one_error(validate(payload), "enum", "/order_service")
    assert issue.hint is not None
    assert all(v in issue.hint for v in ("P", "D", "PD", "W"))


def test_a_missing_order_service_adds_no_requirements() -> None:
    payload = put(order("P"), "/estimated_due_time", DROP)
    assert_one_error(validate(put(payload, "/order_service", DROP)), "required", "/order_service")


@pytest.mark.parametrize("value", [1, None, ["D"], {"code": "D"}])
def test_an_order_service_of_the_wrong_type_adds_no_requirements(value: Any) -> None:
    payload = put(order("P"), "/estimated_due_time", DROP)
    assert_one_error(validate(put(payload, "/order_service", value)), "type", "/order_service")


# ----------------------------------------------------------------------------------------------
# language_isocode: ISO 639 of 2-3 letters, optional -RR region, any case.

LANG = Field("/language_isocode")
LANGUAGE_CASES = [
    *(
        LANG.change(v, v)
        for v in (
            "en-us",
            "fr-ca",
            "hi-in",
            "en",
            "fil",
            "EN-US",
            "en-GB",
            "En",
            "FIL",
            "fil-PH",
            "de-DE",
            "zh",
        )
    ),
    *(
        LANG.change(label, v, "language_code")
        for label, v in (
            ("english", "english"),
            ("e", "e"),
            ("en_us", "en_us"),
            ("en-usa", "en-usa"),
            ("empty", ""),
            ("en-dash-only", "en-"),
            ("en-u", "en-u"),
            ("four-letters", "engl"),
            ("digits", "12"),
            ("en-1", "en-12"),
            ("trailing-newline", "en\n"),
            ("region-trailing-newline", "en-us\n"),
            ("leading-space", " en"),
            ("trailing-space", "en "),
            ("two-regions", "en-us-ca"),
            ("non-ascii", "éń"),
            ("space-separated", "en us"),
            ("underscore-region", "fr_CA"),
        )
    ),
    LANG.change("number", 639, "type"),
    LANG.change("null", None, "type"),
    LANG.change("script-subtag", "zh-Hant", "language_code"),
]


@pytest.mark.parametrize("case", params(LANGUAGE_CASES))
def test_language_isocode_follows_the_contract(case: Change) -> None:
    case.check()


# ----------------------------------------------------------------------------------------------
# Over-long values of fields whose contract gives a format but no length limit.
#
# The schema guards them with a generous maxLength (so a gateway is protected), but the contract
# defines no length limit for them, so the reading tested here is that a value past the guard is
# still reported with the field's own format code, as a shorter wrong value is.

_DT = "2024-02-23T08:31:00"
OVERLONG = [
    Field("/language_isocode").change("16-letters", "x" * 16, "language_code"),
    Field("/language_isocode").change("17-letters", "x" * 17, "language_code"),
    Field("/delivery_details/country", "D").change("8-letters", "USAUSAUS", "country_code"),
    Field("/delivery_details/country", "D").change("9-letters", "USAUSAUSA", "country_code"),
    Field("/customer_contact_info/phone_number").change("32-chars", "+" + "1" * 31, "phone_format"),
    Field("/customer_contact_info/phone_number").change("41-chars", "+" + "1" * 40, "phone_format"),
    Field("/estimated_due_time").change("64-chars", _DT + "0" * 45, "datetime_format"),
    Field("/estimated_due_time").change("190-chars", _DT * 10, "datetime_format"),
]


@pytest.mark.parametrize("case", params(OVERLONG))
def test_an_overlong_formatted_value_is_one_format_error(case: Change) -> None:
    case.check()


# ----------------------------------------------------------------------------------------------
# tracking_url: optional absolute http/https URL of at most 2048 characters.

URL = Field("/tracking_url")
_HOST = "https://track.example.com/"
URL_CASES = [
    URL.change("https", "https://track.example.com/d/8f2a"),
    URL.change("http", "http://track.example.com"),
    URL.change("query-and-fragment", "https://t.example/x?id=1&s=2#map"),
    URL.change("port", "https://t.example:8443/x"),
    URL.change("uppercase-scheme", "HTTPS://T.EXAMPLE/X"),
    URL.change("2048-chars", _HOST + "a" * (2048 - len(_HOST))),
    URL.change("2049-chars", _HOST + "a" * (2049 - len(_HOST)), "too_long"),
    URL.change("ftp", "ftp://track.example.com/x", "url_format"),
    URL.change("no-scheme", "track.example.com/d/8f2a", "url_format"),
    URL.change("scheme-relative", "//track.example.com/d", "url_format"),
    URL.change("relative-path", "/d/8f2a", "url_format"),
    URL.change("scheme-only", "https://", "url_format"),
    URL.change("empty-host", "https:///path", "url_format"),
    URL.change("javascript", "javascript:alert(1)", "url_format"),
    URL.change("space-in-host", "https://track example.com", "url_format"),
    URL.change("space-in-path", "https://track.example.com/a b", "url_format"),
    URL.change("trailing-newline", "https://track.example.com/d\n", "url_format"),
    URL.change("leading-space", " https://track.example.com", "url_format"),
    URL.change("empty", "", "url_format"),
    URL.change("number", 1, "type"),
]


@pytest.mark.parametrize("case", params(URL_CASES))
def test_tracking_url_follows_the_contract(case: Change) -> None:
    case.check()


# ----------------------------------------------------------------------------------------------
# items: 1-1000 entries.


def _items(count: int) -> list[dict[str, Any]]:
    return [{"item_id": f"SKU-{i}", "quantity": 1} for i in range(count)]


ARRAY_CASES = [
    Change("items-1", {"/items": _items(1)}),
    Change("items-1000", {"/items": _items(1000)}),
    Change("items-1001", {"/items": _items(1001)}, "too_many_items", "/items"),
    Change("items-empty", {"/items": []}, "too_few_items", "/items"),
    Change("items-object", {"/items": {"item_id": "SKU-1", "quantity": 1}}, "type", "/items"),
    Change("items-null", {"/items": None}, "type", "/items"),
]


@pytest.mark.parametrize("case", params(ARRAY_CASES))
def test_items_array_bounds(case: Change) -> None:
    case.check()


# ----------------------------------------------------------------------------------------------
# Unknown fields, with "did you mean" for near misses.

UNKNOWN_CASES = [
    Change("top-level", {"/notes": "x"}, "unknown_field", "/notes"),
    Change("top-level-null", {"/coupon": None}, "unknown_field", "/coupon"),
    Change("slash-in-name", {"/a~1b": 1}, "unknown_field", "/a~1b"),
    Change("tilde-in-name", {"/a~0b": 1}, "unknown_field", "/a~0b"),
    Change("empty-name", {"/": 1}, "unknown_field", "/"),
    Change(
        "in-contact",
        {"/customer_contact_info/phone": "+1"},
        "unknown_field",
        "/customer_contact_info/phone",
    ),
    Change("in-price", {"/order_price_info/fees": 1}, "unknown_field", "/order_price_info/fees"),
    Change("in-item", {"/items/0/sku": "x"}, "unknown_field", "/items/0/sku"),
]


@pytest.mark.parametrize("case", params(UNKNOWN_CASES))
def test_unknown_fields_are_rejected_at_their_own_pointer(case: Change) -> None:
    case.check()


MISSPELLINGS = [
    ("order_status", "oder_status"),
    ("order_status", "Order_Status"),
    ("store_id", "store-id"),
    ("external_order_id", "external_orderid"),
    ("language_isocode", "language_iso_code"),
    ("order_service", "order_servce"),
]


@pytest.mark.parametrize(("right", "wrong"), MISSPELLINGS, ids=[w for _, w in MISSPELLINGS])
def test_a_misspelt_required_field_is_one_combined_unknown_field_error(
    right: str, wrong: str
) -> None:
    payload = order("P")
    payload[wrong] = payload.pop(right)
    issue = assert_one_error(validate(payload), "unknown_field", f"/{wrong}")
    assert issue.hint is not None
    assert right in issue.hint
    assert "did you mean" in issue.hint.lower()
    assert wrong in issue.message
    assert right in issue.message


def test_a_misspelt_nested_field_is_one_combined_error_at_the_misspelt_name() -> None:
    payload = order("P")
    payload["items"][0]["quantty"] = payload["items"][0].pop("quantity")
    issue = assert_one_error(validate(payload), "unknown_field", "/items/0/quantty")
    assert issue.hint is not None
    assert "quantity" in issue.hint


def test_a_near_miss_of_an_optional_field_hints_the_right_name() -> None:
    issue = assert_one_error(validate(order("D", carier="UPS")), "unknown_field", "/carier")
    assert issue.hint is not None
    assert "carrier" in issue.hint


def test_a_misspelt_service_field_is_one_combined_error() -> None:
    payload = order("D")
    payload["delivery_detail"] = payload.pop("delivery_details")
    issue = assert_one_error(validate(payload), "unknown_field", "/delivery_detail")
    assert issue.hint is not None
    assert "delivery_details" in issue.hint


def test_a_misspelt_service_required_field_is_one_combined_error() -> None:
    payload = order("D")
    payload["pickup_ready_tme"] = payload.pop("pickup_ready_time")
    issue = assert_one_error(validate(payload), "unknown_field", "/pickup_ready_tme")
    assert issue.hint is not None
    assert "pickup_ready_time" in issue.hint


def test_a_misspelt_required_field_of_a_sub_object_is_one_combined_error() -> None:
    payload = order("D")
    payload["delivery_details"]["citi"] = payload["delivery_details"].pop("city")
    issue = assert_one_error(validate(payload), "unknown_field", "/delivery_details/citi")
    assert issue.hint is not None
    assert "city" in issue.hint


def test_several_unknown_fields_are_each_reported_in_a_fixed_order() -> None:
    result = validate(order("P", zzz=1, aaa=2))
    assert [(i.code, i.pointer) for i in result.errors] == [
        ("unknown_field", "/aaa"),
        ("unknown_field", "/zzz"),
    ]


def test_a_misspelt_field_next_to_the_real_one_is_just_unknown() -> None:
    payload = order("P", oder_status="NEW")
    issue = assert_one_error(validate(payload), "unknown_field", "/oder_status")
    assert issue.hint is not None
    assert "order_status" in issue.hint


def test_every_optional_top_level_field_together_is_valid() -> None:
    payload = order(
        "PD",
        carrier="EXPRESS-ONE",
        delivery_instructions=[{"type": "ACCESS", "text": "Gate code 4512."}],
        tracking_url="https://track.example.com/d/8f2a",
        delivery_id="DLV-77812",
        quote_id="Q-1",
        customer_id="C-1",
    )
    assert_clean(validate(payload))
