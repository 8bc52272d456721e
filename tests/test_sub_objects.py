"""The shared value types (identifier, text(n)) on every field that uses them, and each sub-object.

Every case changes one value of a valid order and expects either a clean result or exactly one
error, with the contract's code, at the changed value's pointer.
"""

from __future__ import annotations

from typing import Any

import pytest

from order_validation import validate
from tests.factories import (
    DROP,
    Change,
    Field,
    assert_one_error,
    order,
    params,
    put,
)

# ----------------------------------------------------------------------------------------------
# Identifiers: 1-64 characters, no leading/trailing whitespace, no control characters.

_CANCELLED = {"/order_status": "CANCELLED"}
_DI = {"/delivery_instructions": [{"type": "GENERAL", "text": "Ring twice."}]}
_CANCEL = {**_CANCELLED, "/cancel_details": {"reason_code": "OTHER", "reason_text": "Moved."}}
_BARCODE = {"/delivery_verification": {"barcodes": [{"value": "0123", "type": "QR"}]}}

IDENTIFIERS = [
    Field("/external_order_id"),
    Field("/store_id"),
    Field("/carrier"),
    Field("/delivery_id"),
    Field("/quote_id", service="W"),
    Field("/customer_id", service="W"),
    Field("/items/0/item_id"),
]


def _identifier_cases(field: Field) -> list[Change]:
    return [
        field.change("one-char", "A"),
        field.change("64-chars", "x" * 64),
        field.change("64-unicode-chars", "é" * 64),
        field.change("64-astral-chars", "😀" * 64),
        field.change("inner-space", "ORD 1"),
        field.change("cjk", "注文-1"),
        field.change("inner-nbsp", "A\u00a01"),
        field.change("empty", "", "too_short"),
        field.change("65-chars", "x" * 65, "too_long"),
        field.change("65-unicode-chars", "é" * 65, "too_long"),
        field.change("leading-space", " A1", "identifier_format"),
        field.change("trailing-space", "A1 ", "identifier_format"),
        field.change("only-space", " ", "identifier_format"),
        field.change("trailing-newline", "A1\n", "identifier_format"),
        field.change("trailing-cr", "A1\r", "identifier_format"),
        field.change("leading-tab", "\tA1", "identifier_format"),
        field.change("inner-tab", "A\t1", "identifier_format"),
        field.change("inner-newline", "A\n1", "identifier_format"),
        field.change("nul", "A\x001", "identifier_format"),
        field.change("del", "A\x7f1", "identifier_format"),
        field.change("c1-control", "A\x851", "identifier_format"),
        field.change("trailing-nbsp", "A1\u00a0", "identifier_format"),
        field.change("leading-ideographic-space", "\u3000A1", "identifier_format"),
        field.change("number", 123, "type"),
        field.change("null", None, "type"),
        field.change("boolean", True, "type"),
        field.change("object", {"id": "A"}, "type"),
    ]


IDENTIFIER_CASES = [case for field in IDENTIFIERS for case in _identifier_cases(field)]


@pytest.mark.parametrize("case", params(IDENTIFIER_CASES))
def test_identifier_values_follow_the_identifier_type(case: Change) -> None:
    case.check()


# ----------------------------------------------------------------------------------------------
# text(n): 1-n characters, at least one that is not whitespace.

TEXTS = [
    (Field("/customer_contact_info/first_name"), 100),
    (Field("/customer_contact_info/last_name"), 100),
    (Field("/items/0/name"), 200),
    (Field("/delivery_instructions/0/text", setup=_DI), 500),
    (Field("/cancel_details/reason_text", setup=_CANCEL), 500),
    (Field("/delivery_details/address_line1", service="D"), 200),
    (Field("/delivery_details/address_line2", service="D"), 200),
    (Field("/delivery_details/city", service="D"), 100),
    (Field("/delivery_details/state_or_region", service="D"), 100),
    (Field("/delivery_details/postal_code", service="D"), 20),
    (Field("/delivery_verification/barcodes/0/value", service="W", setup=_BARCODE), 100),
]


def _text_cases(field: Field, limit: int) -> list[Change]:
    return [
        field.change("one-char", "A"),
        field.change(f"{limit}-chars", "x" * limit),
        field.change(f"{limit}-unicode-chars", "ß" * limit),
        field.change(f"{limit}-astral-chars", "😀" * limit),
        field.change("padded", "  A  "),
        field.change("trailing-newline", "A\n"),
        field.change("inner-newline", "A\nB"),
        field.change("non-whitespace-after-spaces", " " * (limit - 1) + "A"),
        field.change("empty", "", "too_short"),
        field.change(f"{limit + 1}-chars", "x" * (limit + 1), "too_long"),
        field.change(f"{limit + 1}-unicode-chars", "ß" * (limit + 1), "too_long"),
        field.change(f"{limit + 1}-spaces", " " * (limit + 1), "too_long"),
        field.change("one-space", " ", "blank"),
        field.change(f"{limit}-spaces", " " * limit, "blank"),
        field.change("tabs-and-newlines", "\t\r\n", "blank"),
        field.change("nbsp", "\u00a0", "blank"),
        field.change("ideographic-space", "\u3000\u2003", "blank"),
        field.change("next-line", "\x85", "blank"),
        field.change("line-separator", "\u2028\u2029", "blank"),
        field.change("number", 5, "type"),
        field.change("null", None, "type"),
        field.change("array", ["A"], "type"),
    ]


TEXT_CASES = [case for field, limit in TEXTS for case in _text_cases(field, limit)]


@pytest.mark.parametrize("case", params(TEXT_CASES))
def test_text_values_follow_the_text_type_and_its_limit(case: Change) -> None:
    case.check()


# ----------------------------------------------------------------------------------------------
# customer_contact_info: names required, phone E.164 required, email optional.

PHONE = Field("/customer_contact_info/phone_number")
EMAIL = Field("/customer_contact_info/email")

CONTACT_CASES = [
    Change(
        "first_name-missing",
        {"/customer_contact_info/first_name": DROP},
        "required",
        "/customer_contact_info/first_name",
    ),
    Change(
        "last_name-missing",
        {"/customer_contact_info/last_name": DROP},
        "required",
        "/customer_contact_info/last_name",
    ),
    Change(
        "phone_number-missing",
        {"/customer_contact_info/phone_number": DROP},
        "required",
        "/customer_contact_info/phone_number",
    ),
    Change("email-absent-is-fine", {"/customer_contact_info/email": DROP}),
    Change(
        "unknown-field",
        {"/customer_contact_info/middle_name": "Byron"},
        "unknown_field",
        "/customer_contact_info/middle_name",
    ),
    Change(
        "not-an-object",
        {"/customer_contact_info": "Ada Lovelace"},
        "type",
        "/customer_contact_info",
    ),
    PHONE.change("us", "+14155550100"),
    PHONE.change("7-digits", "+1234567"),
    PHONE.change("15-digits", "+123456789012345"),
    PHONE.change("uk", "+447700900123"),
    PHONE.change("6-digits", "+123456", "phone_format"),
    PHONE.change("16-digits", "+1234567890123456", "phone_format"),
    PHONE.change("first-digit-0", "+04155550100", "phone_format"),
    PHONE.change("no-plus", "14155550100", "phone_format"),
    PHONE.change("double-plus", "++14155550100", "phone_format"),
    PHONE.change("spaces", "+1 415 555 0100", "phone_format"),
    PHONE.change("dashes", "+1-415-555-0100", "phone_format"),
    PHONE.change("local", "555-0100", "phone_format"),
    PHONE.change("letters", "+1415555CALL", "phone_format"),
    PHONE.change("trailing-newline", "+14155550100\n", "phone_format"),
    PHONE.change("leading-space", " +14155550100", "phone_format"),
    PHONE.change(
        "arabic-indic-digits", "+\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668", "phone_format"
    ),
    PHONE.change("fullwidth-digits", "+１４１５５５５０１００", "phone_format"),
    PHONE.change("empty", "", "phone_format"),
    PHONE.change("number", 14155550100, "type"),
    EMAIL.change("simple", "ada@example.com"),
    EMAIL.change("short", "a@b.co"),
    EMAIL.change("one-letter-labels", "a@b.c"),
    EMAIL.change("subdomain-and-plus", "ada.lovelace+orders@mail.example.co.uk"),
    EMAIL.change("254-chars", "a" * (254 - len("@example.com")) + "@example.com"),
    EMAIL.change("255-chars", "a" * (255 - len("@example.com")) + "@example.com", "too_long"),
    EMAIL.change("no-at", "ada.example.com", "email_format"),
    EMAIL.change("two-ats", "ada@lovelace@example.com", "email_format"),
    EMAIL.change("double-at", "ada@@example.com", "email_format"),
    EMAIL.change("no-dot-in-domain", "ada@localhost", "email_format"),
    EMAIL.change("no-local-part", "@example.com", "email_format"),
    EMAIL.change("no-domain", "ada@", "email_format"),
    EMAIL.change("space", "ada lovelace@example.com", "email_format"),
    EMAIL.change("trailing-newline", "ada@example.com\n", "email_format"),
    EMAIL.change("empty", "", "email_format"),
    EMAIL.change("number", 42, "type"),
]


@pytest.mark.parametrize("case", params(CONTACT_CASES))
def test_customer_contact_info_follows_the_contract(case: Change) -> None:
    case.check()


def test_an_empty_customer_contact_info_reports_each_missing_field_once() -> None:
    result = validate(put(order(), "/customer_contact_info", {}))
    assert [(i.code, i.pointer) for i in result.errors] == [
        ("required", "/customer_contact_info/first_name"),
        ("required", "/customer_contact_info/last_name"),
        ("required", "/customer_contact_info/phone_number"),
    ]


# ----------------------------------------------------------------------------------------------
# order_price_info: its shape (money values and currency/market live in test_money_and_rules).

PRICE_CASES = [
    *(
        Change(
            f"{name}-missing",
            {f"/order_price_info/{name}": DROP},
            "required",
            f"/order_price_info/{name}",
        )
        for name in ("currency", "subtotal", "tax", "total")
    ),
    Change("optional-parts-absent", {}),
    Change(
        "unknown-field",
        {"/order_price_info/shipping": 1},
        "unknown_field",
        "/order_price_info/shipping",
    ),
    Change("not-an-object", {"/order_price_info": [10, 1, 11]}, "type", "/order_price_info"),
    Change(
        "currency-number", {"/order_price_info/currency": 840}, "type", "/order_price_info/currency"
    ),
]


@pytest.mark.parametrize("case", params(PRICE_CASES))
def test_order_price_info_follows_the_contract(case: Change) -> None:
    case.check()


# ----------------------------------------------------------------------------------------------
# item: item_id and quantity required; quantity > 0 and <= 9999, whole when uom is EACH or absent.

Q = "/items/0/quantity"
UOM = "/items/0/uom"

ITEM_CASES = [
    Change("item_id-missing", {"/items/0/item_id": DROP}, "required", "/items/0/item_id"),
    Change("quantity-missing", {Q: DROP}, "required", Q),
    Change("unknown-field", {"/items/0/colour": "red"}, "unknown_field", "/items/0/colour"),
    Change("not-an-object", {"/items/0": "SKU-1"}, "type", "/items/0"),
    Change(
        "second-item-bad",
        {"/items": [{"item_id": "A", "quantity": 1}, {"item_id": "B", "quantity": 0}]},
        "out_of_range",
        "/items/1/quantity",
    ),
    Change("quantity-1", {Q: 1}),
    Change("quantity-9999", {Q: 9999}),
    Change("quantity-2.0-each", {Q: 2.0, UOM: "EACH"}),
    Change("quantity-2.0-no-uom", {Q: 2.0}),
    Change("quantity-1e3-float", {Q: 1e3}),
    Change("quantity-tiny-kg", {Q: 1e-9, UOM: "KG"}),
    Change("quantity-9999-lb", {Q: 9999, UOM: "LB"}),
    Change("quantity-9998.5-lb", {Q: 9998.5, UOM: "LB"}),
    Change("quantity-0", {Q: 0}, "out_of_range", Q),
    Change("quantity-0.0-kg", {Q: 0.0, UOM: "KG"}, "out_of_range", Q),
    Change("quantity-negative", {Q: -1}, "out_of_range", Q),
    Change("quantity-negative-fraction-each", {Q: -1.5, UOM: "EACH"}, "out_of_range", Q),
    Change("quantity-10000", {Q: 10000}, "out_of_range", Q),
    Change("quantity-9999.5-lb", {Q: 9999.5, UOM: "LB"}, "out_of_range", Q),
    Change("quantity-10000.5-each", {Q: 10000.5, UOM: "EACH"}, "out_of_range", Q),
    Change("quantity-9999.01-g", {Q: 9999.01, UOM: "G"}, "out_of_range", Q),
    Change("quantity-1.5-each", {Q: 1.5, UOM: "EACH"}, "integer_quantity", Q),
    Change("quantity-1.5-no-uom", {Q: 1.5}, "integer_quantity", Q),
    Change("quantity-0.5-each", {Q: 0.5, UOM: "EACH"}, "integer_quantity", Q),
    Change("quantity-9998.5-no-uom", {Q: 9998.5}, "integer_quantity", Q),
    Change("quantity-string", {Q: "2"}, "type", Q),
    Change("quantity-boolean", {Q: True}, "type", Q),
    Change("quantity-null", {Q: None}, "type", Q),
    *(Change(f"quantity-1.5-{u}", {Q: 1.5, UOM: u}) for u in ("LB", "KG", "OZ", "G")),
    *(Change(f"uom-{u}", {UOM: u}) for u in ("EACH", "LB", "KG", "OZ", "G")),
    Change("uom-lowercase-with-fraction", {Q: 1.5, UOM: "each"}, "enum", UOM),
    Change("uom-number", {UOM: 1}, "type", UOM),
    Change("unit_price-absent", {"/items/0/unit_price": DROP}),
    Change("substitution_allowed-true", {"/items/0/substitution_allowed": True}),
    Change("substitution_allowed-false", {"/items/0/substitution_allowed": False}),
    Change(
        "substitution_allowed-string",
        {"/items/0/substitution_allowed": "yes"},
        "type",
        "/items/0/substitution_allowed",
    ),
    Change(
        "substitution_allowed-1",
        {"/items/0/substitution_allowed": 1},
        "type",
        "/items/0/substitution_allowed",
    ),
]


@pytest.mark.parametrize("case", params(ITEM_CASES))
def test_items_follow_the_contract(case: Change) -> None:
    case.check()


# ----------------------------------------------------------------------------------------------
# delivery instruction: type and text required.

DI = "/delivery_instructions"
INSTRUCTION_CASES = [
    Change("one", _DI),
    Change("twenty", {DI: [{"type": "GENERAL", "text": f"Note {i}."} for i in range(20)]}),
    Change(
        "twenty-one",
        {DI: [{"type": "GENERAL", "text": f"Note {i}."} for i in range(21)]},
        "too_many_items",
        DI,
    ),
    Change("empty-array", {DI: []}, "too_few_items", DI),
    Change("not-an-array", {DI: {"type": "GENERAL", "text": "x"}}, "type", DI),
    Change("entry-not-an-object", {DI: ["Ring twice."]}, "type", f"{DI}/0"),
    Change("type-missing", {**_DI, f"{DI}/0/type": DROP}, "required", f"{DI}/0/type"),
    Change("text-missing", {**_DI, f"{DI}/0/text": DROP}, "required", f"{DI}/0/text"),
    Change("unknown-field", {**_DI, f"{DI}/0/note": "x"}, "unknown_field", f"{DI}/0/note"),
    Change(
        "second-entry-bad",
        {DI: [{"type": "GENERAL", "text": "x"}, {"type": "GENERAL", "text": " "}]},
        "blank",
        f"{DI}/1/text",
    ),
]


@pytest.mark.parametrize("case", params(INSTRUCTION_CASES))
def test_delivery_instructions_follow_the_contract(case: Change) -> None:
    case.check()


# ----------------------------------------------------------------------------------------------
# order_summary (on a delivery order, where it is required).

OS = "/order_summary"
_ALL_HANDLING = [
    "ALCOHOL",
    "TOBACCO",
    "PHARMACY",
    "FROZEN",
    "REFRIGERATED",
    "FRAGILE",
    "HEAVY",
    "HAZMAT",
]


def _summary(
    case_id: str, changes: dict[str, Any], code: str | None = None, at: str | None = None
) -> Change:
    return Change(case_id, changes, code, at, service="D")


SUMMARY_CASES = [
    _summary(
        "total_weight-missing", {f"{OS}/total_weight": DROP}, "required", f"{OS}/total_weight"
    ),
    _summary("weight_unit-missing", {f"{OS}/weight_unit": DROP}, "required", f"{OS}/weight_unit"),
    _summary("unknown-field", {f"{OS}/volume": 3}, "unknown_field", f"{OS}/volume"),
    _summary("not-an-object", {OS: 3.2}, "type", OS),
    _summary("total_weight-tiny", {f"{OS}/total_weight": 0.001}),
    _summary("total_weight-large", {f"{OS}/total_weight": 12000}),
    _summary("total_weight-0", {f"{OS}/total_weight": 0}, "out_of_range", f"{OS}/total_weight"),
    _summary(
        "total_weight-negative", {f"{OS}/total_weight": -0.5}, "out_of_range", f"{OS}/total_weight"
    ),
    _summary("total_weight-string", {f"{OS}/total_weight": "3.2"}, "type", f"{OS}/total_weight"),
    _summary("weight_unit-LB", {f"{OS}/weight_unit": "LB"}),
    _summary("weight_unit-OZ", {f"{OS}/weight_unit": "OZ"}, "enum", f"{OS}/weight_unit"),
    _summary("item_count-1", {f"{OS}/item_count": 1}),
    _summary("item_count-2.0", {f"{OS}/item_count": 2.0}),
    _summary("item_count-0", {f"{OS}/item_count": 0}, "out_of_range", f"{OS}/item_count"),
    _summary("item_count-negative", {f"{OS}/item_count": -1}, "out_of_range", f"{OS}/item_count"),
    _summary("item_count-fraction", {f"{OS}/item_count": 1.5}, "type", f"{OS}/item_count"),
    _summary("item_count-string", {f"{OS}/item_count": "2"}, "type", f"{OS}/item_count"),
    _summary("special_handling-empty", {f"{OS}/special_handling": []}),
    _summary("special_handling-one", {f"{OS}/special_handling": ["FROZEN"]}),
    _summary("special_handling-all-eight", {f"{OS}/special_handling": _ALL_HANDLING}),
    _summary(
        "special_handling-repeat",
        {f"{OS}/special_handling": ["FROZEN", "FRAGILE", "FROZEN"]},
        "not_unique",
        f"{OS}/special_handling",
    ),
    _summary(
        "special_handling-lowercase",
        {f"{OS}/special_handling": ["FROZEN", "fragile"]},
        "enum",
        f"{OS}/special_handling/1",
    ),
    _summary(
        "special_handling-not-array",
        {f"{OS}/special_handling": "FROZEN"},
        "type",
        f"{OS}/special_handling",
    ),
]


@pytest.mark.parametrize("case", params(SUMMARY_CASES))
def test_order_summary_follows_the_contract(case: Change) -> None:
    case.check()


def test_nine_special_handling_entries_are_one_error_at_the_array() -> None:
    payload = put(order("D"), f"{OS}/special_handling", [*_ALL_HANDLING, "FROZEN"])
    result = validate(payload)
    assert len(result.errors) == 1
    assert result.errors[0].pointer == f"{OS}/special_handling"
    assert result.errors[0].code in {"too_many_items", "not_unique"}


# ----------------------------------------------------------------------------------------------
# cancel_details.

CD = "/cancel_details"


def _cancel(
    case_id: str,
    details: Any,
    code: str | None = None,
    at: str | None = None,
    status: str = "CANCELLED",
) -> Change:
    return Change(case_id, {"/order_status": status, CD: details}, code, at)


CANCEL_CASES = [
    *(
        _cancel(f"reason_code-{reason}", {"reason_code": reason})
        for reason in (
            "CUSTOMER_REQUEST",
            "OUT_OF_STOCK",
            "STORE_CLOSED",
            "DELIVERY_UNAVAILABLE",
            "PAYMENT_FAILED",
            "FRAUD_SUSPECTED",
        )
    ),
    _cancel("reason_code-OTHER-with-text", {"reason_code": "OTHER", "reason_text": "Moved."}),
    _cancel("reason_text-with-other-code", {"reason_code": "OUT_OF_STOCK", "reason_text": "Gone."}),
    _cancel("reason_code-missing", {"reason_text": "Moved."}, "required", f"{CD}/reason_code"),
    _cancel("reason_code-lowercase", {"reason_code": "other"}, "enum", f"{CD}/reason_code"),
    _cancel(
        "reason_code-unknown-without-text",
        {"reason_code": "CHANGED_MIND"},
        "enum",
        f"{CD}/reason_code",
    ),
    _cancel(
        "OTHER-without-text", {"reason_code": "OTHER"}, "reason_text_required", f"{CD}/reason_text"
    ),
    _cancel(
        "OTHER-with-empty-text",
        {"reason_code": "OTHER", "reason_text": ""},
        "too_short",
        f"{CD}/reason_text",
    ),
    _cancel(
        "OTHER-with-blank-text",
        {"reason_code": "OTHER", "reason_text": "  "},
        "blank",
        f"{CD}/reason_text",
    ),
    _cancel(
        "OTHER-with-null-text",
        {"reason_code": "OTHER", "reason_text": None},
        "type",
        f"{CD}/reason_text",
    ),
    *(
        _cancel(
            f"cancelled_by-{who}", {"reason_code": "OTHER", "reason_text": "x", "cancelled_by": who}
        )
        for who in ("CUSTOMER", "STORE", "CARRIER", "SYSTEM")
    ),
    _cancel(
        "cancelled_by-lowercase",
        {"reason_code": "OUT_OF_STOCK", "cancelled_by": "store"},
        "enum",
        f"{CD}/cancelled_by",
    ),
    _cancel(
        "cancelled_at-utc", {"reason_code": "OUT_OF_STOCK", "cancelled_at": "2024-02-23T08:45:00Z"}
    ),
    _cancel(
        "cancelled_at-offset",
        {"reason_code": "OUT_OF_STOCK", "cancelled_at": "2024-02-23T08:45:00+01:00"},
        "datetime_not_utc",
        f"{CD}/cancelled_at",
    ),
    _cancel(
        "unknown-field", {"reason_code": "OUT_OF_STOCK", "note": "x"}, "unknown_field", f"{CD}/note"
    ),
    _cancel("not-an-object", "OUT_OF_STOCK", "type", CD),
    _cancel("empty-object", {}, "required", f"{CD}/reason_code"),
    Change("cancelled-without-cancel_details", {"/order_status": "CANCELLED"}),
]


@pytest.mark.parametrize("case", params(CANCEL_CASES))
def test_cancel_details_follow_the_contract(case: Change) -> None:
    case.check()


# ----------------------------------------------------------------------------------------------
# delivery_details (on a delivery order, where it is required).

DD = "/delivery_details"


def _address(
    case_id: str, changes: dict[str, Any], code: str | None = None, at: str | None = None
) -> Change:
    return Change(case_id, changes, code, at, service="D")


ADDRESS_CASES = [
    *(
        _address(f"{name}-missing", {f"{DD}/{name}": DROP}, "required", f"{DD}/{name}")
        for name in ("address_line1", "city", "postal_code", "country", "latitude", "longitude")
    ),
    _address("optional-lines", {f"{DD}/address_line2": "Apt 4B", f"{DD}/state_or_region": "IL"}),
    _address("unknown-field", {f"{DD}/zip": "62701"}, "unknown_field", f"{DD}/zip"),
    _address("not-an-object", {DD: "1 Main St"}, "type", DD),
    _address("country-lowercase", {f"{DD}/country": "us"}, "country_code", f"{DD}/country"),
    _address("country-alpha-3", {f"{DD}/country": "USA"}, "country_code", f"{DD}/country"),
    _address("country-one-letter", {f"{DD}/country": "U"}, "country_code", f"{DD}/country"),
    _address("country-empty", {f"{DD}/country": ""}, "country_code", f"{DD}/country"),
    _address(
        "country-trailing-newline", {f"{DD}/country": "US\n"}, "country_code", f"{DD}/country"
    ),
    _address("country-padded", {f"{DD}/country": " US"}, "country_code", f"{DD}/country"),
    _address(
        "country-non-ascii-capitals", {f"{DD}/country": "ÜS"}, "country_code", f"{DD}/country"
    ),
    _address("country-number", {f"{DD}/country": 840}, "type", f"{DD}/country"),
    _address("latitude-minus-90", {f"{DD}/latitude": -90}),
    _address("latitude-90", {f"{DD}/latitude": 90}),
    _address("latitude-0", {f"{DD}/latitude": 0}),
    _address("latitude-below", {f"{DD}/latitude": -90.0001}, "out_of_range", f"{DD}/latitude"),
    _address("latitude-above", {f"{DD}/latitude": 90.5}, "out_of_range", f"{DD}/latitude"),
    _address("latitude-string", {f"{DD}/latitude": "39.78"}, "type", f"{DD}/latitude"),
    _address("longitude-minus-180", {f"{DD}/longitude": -180}),
    _address("longitude-180", {f"{DD}/longitude": 180.0}),
    _address("longitude-below", {f"{DD}/longitude": -180.01}, "out_of_range", f"{DD}/longitude"),
    _address("longitude-above", {f"{DD}/longitude": 181}, "out_of_range", f"{DD}/longitude"),
    _address("longitude-null", {f"{DD}/longitude": None}, "type", f"{DD}/longitude"),
]


@pytest.mark.parametrize("case", params(ADDRESS_CASES))
def test_delivery_details_follow_the_contract(case: Change) -> None:
    case.check()


# ----------------------------------------------------------------------------------------------
# delivery_verification (on a white label order, meet at door, so no leave-at-door rules apply).

DV = "/delivery_verification"


def _verify(case_id: str, value: Any, code: str | None = None, at: str | None = None) -> Change:
    return Change(case_id, {DV: value}, code, at, service="W")


_BC = {"value": "0123456789012", "type": "EAN13"}
VERIFICATION_CASES = [
    _verify("picture-only", {"picture": True}),
    _verify("picture-false", {"picture": False}),
    _verify(
        "signature",
        {
            "signature": {
                "enabled": True,
                "collect_signer_name": True,
                "collect_signer_relationship": False,
            }
        },
    ),
    _verify("pincode", {"pincode": {"enabled": True}}),
    _verify("identification-18", {"identification": {"min_age": 18}}),
    _verify("identification-25", {"identification": {"min_age": 25}}),
    _verify("identification-21.0", {"identification": {"min_age": 21.0}}),
    _verify(
        "everything",
        {
            "signature": {"enabled": False},
            "pincode": {"enabled": False},
            "identification": {"min_age": 21},
            "picture": True,
            "barcodes": [_BC],
        },
    ),
    *(
        _verify(f"barcode-{kind}", {"barcodes": [{"value": "X1", "type": kind}]})
        for kind in ("CODE39", "CODE128", "QR", "PDF417", "EAN13", "UPC_A")
    ),
    _verify("barcodes-20", {"barcodes": [_BC] * 20}),
    _verify("empty", {}, "too_few_properties", DV),
    _verify("not-an-object", True, "type", DV),
    _verify("unknown-field", {"picture": True, "photo": True}, "unknown_field", f"{DV}/photo"),
    _verify(
        "signature-without-enabled",
        {"signature": {"collect_signer_name": True}},
        "required",
        f"{DV}/signature/enabled",
    ),
    _verify(
        "signature-enabled-string",
        {"signature": {"enabled": "yes"}},
        "type",
        f"{DV}/signature/enabled",
    ),
    _verify(
        "signature-name-string",
        {"signature": {"enabled": True, "collect_signer_name": "y"}},
        "type",
        f"{DV}/signature/collect_signer_name",
    ),
    _verify(
        "signature-unknown-field",
        {"signature": {"enabled": True, "witness": True}},
        "unknown_field",
        f"{DV}/signature/witness",
    ),
    _verify("pincode-empty", {"pincode": {}}, "required", f"{DV}/pincode/enabled"),
    _verify(
        "pincode-unknown-field",
        {"pincode": {"enabled": True, "code": "1234"}},
        "unknown_field",
        f"{DV}/pincode/code",
    ),
    _verify("pincode-not-object", {"pincode": True}, "type", f"{DV}/pincode"),
    _verify(
        "identification-empty", {"identification": {}}, "required", f"{DV}/identification/min_age"
    ),
    _verify(
        "identification-17",
        {"identification": {"min_age": 17}},
        "out_of_range",
        f"{DV}/identification/min_age",
    ),
    _verify(
        "identification-26",
        {"identification": {"min_age": 26}},
        "out_of_range",
        f"{DV}/identification/min_age",
    ),
    _verify(
        "identification-fraction",
        {"identification": {"min_age": 20.5}},
        "type",
        f"{DV}/identification/min_age",
    ),
    _verify(
        "identification-unknown-field",
        {"identification": {"min_age": 21, "doc": "ID"}},
        "unknown_field",
        f"{DV}/identification/doc",
    ),
    _verify("picture-string", {"picture": "true"}, "type", f"{DV}/picture"),
    _verify("barcodes-empty", {"barcodes": []}, "too_few_items", f"{DV}/barcodes"),
    _verify("barcodes-21", {"barcodes": [_BC] * 21}, "too_many_items", f"{DV}/barcodes"),
    _verify(
        "barcode-type-lowercase",
        {"barcodes": [{"value": "X1", "type": "qr"}]},
        "enum",
        f"{DV}/barcodes/0/type",
    ),
    _verify(
        "barcode-type-missing", {"barcodes": [{"value": "X1"}]}, "required", f"{DV}/barcodes/0/type"
    ),
    _verify(
        "barcode-value-missing",
        {"barcodes": [{"type": "QR"}]},
        "required",
        f"{DV}/barcodes/0/value",
    ),
    _verify(
        "barcode-unknown-field",
        {"barcodes": [{**_BC, "format": "x"}]},
        "unknown_field",
        f"{DV}/barcodes/0/format",
    ),
    _verify("barcode-not-object", {"barcodes": ["0123456789012"]}, "type", f"{DV}/barcodes/0"),
]


@pytest.mark.parametrize("case", params(VERIFICATION_CASES))
def test_delivery_verification_follows_the_contract(case: Change) -> None:
    case.check()


def test_a_missing_required_field_points_at_the_field_not_its_parent() -> None:
    result = validate(put(order("D"), "/delivery_details/city", DROP))
    issue = assert_one_error(result, "required", "/delivery_details/city")
    assert "city" in issue.message
