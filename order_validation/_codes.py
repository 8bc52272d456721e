"""Every error code the library can return, and how schema keywords map onto them.

Codes are the stable part of the error model: messages may be reworded, codes may not. This
table is the one place they are listed; ``docs/errors.md`` is generated from it and a test checks
that every code the mapping or the rules can produce is here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

Source = Literal["schema", "rule", "parse", "input", "header", "internal"]


@dataclass(frozen=True, slots=True)
class CodeInfo:
    """What one code means, for documentation and for tooling."""

    code: str
    severity: Literal["error", "warning"]
    source: Source
    trigger: str
    example_pointer: str
    example_message: str


def _c(
    code: str, source: Source, trigger: str, pointer: str, message: str, *, warning: bool = False
) -> CodeInfo:
    return CodeInfo(code, "warning" if warning else "error", source, trigger, pointer, message)


CODES: Final[dict[str, CodeInfo]] = {
    info.code: info
    for info in (
        # Schema-level codes.
        _c(
            "not_an_object",
            "schema",
            "The body is not a JSON object.",
            "",
            "The order must be a JSON object, not an array.",
        ),
        _c(
            "required",
            "schema",
            "A field every order needs is missing.",
            "/store_id",
            "store_id is required.",
        ),
        _c(
            "required_for_service",
            "schema",
            "A field the order's service needs is missing (D/PD: pickup and slot times, "
            "order_summary, delivery_details; P/PD: estimated_due_time; W: quote_id, customer_id).",
            "/delivery_details",
            "delivery_details is required for delivery orders (order_service D or PD).",
        ),
        _c(
            "unknown_field",
            "schema",
            "A field the contract does not define.",
            "/oder_status",
            "oder_status is not a field of the order.",
        ),
        _c(
            "type",
            "schema",
            "A value of the wrong JSON type.",
            "/items/0/quantity",
            "items[0].quantity must be a number, not a string.",
        ),
        _c(
            "enum",
            "schema",
            "A value outside the allowed list.",
            "/order_status",
            "order_status must be one of NEW, CANCELLED; 'PENDING' is not.",
        ),
        _c("too_short", "schema", "An empty string.", "/store_id", "store_id must not be empty."),
        _c(
            "too_long",
            "schema",
            "A string over its length limit.",
            "/customer_contact_info/first_name",
            "customer_contact_info.first_name must be at most 100 characters long (it has 101).",
        ),
        _c(
            "blank",
            "schema",
            "Text made only of whitespace.",
            "/customer_contact_info/first_name",
            "customer_contact_info.first_name must contain a character other than whitespace.",
        ),
        _c(
            "too_few_items",
            "schema",
            "An empty list where at least one entry is needed.",
            "/items",
            "items must have at least 1 entry.",
        ),
        _c(
            "too_many_items",
            "schema",
            "A list over its size limit.",
            "/delivery_instructions",
            "delivery_instructions must have at most 20 entries (it has 21).",
        ),
        _c(
            "not_unique",
            "schema",
            "A list that must not repeat a value repeats one.",
            "/order_summary/special_handling",
            "order_summary.special_handling must not list the same value twice.",
        ),
        _c(
            "out_of_range",
            "schema",
            "A number outside its bounds.",
            "/items/0/quantity",
            "items[0].quantity must be greater than 0.",
        ),
        _c(
            "too_few_properties",
            "schema",
            "An empty delivery_verification object.",
            "/delivery_verification",
            "delivery_verification must ask for at least one verification step.",
        ),
        _c(
            "datetime_format",
            "schema",
            "A date-time not of the form YYYY-MM-DDTHH:MM:SS[.ffffff][Z|+00:00].",
            "/pickup_ready_time",
            "pickup_ready_time must be a UTC date and time such as 2024-02-23T08:31:00.",
        ),
        _c(
            "datetime_not_utc",
            "schema",
            "A date-time with an offset other than Z or +00:00.",
            "/pickup_ready_time",
            "pickup_ready_time must be in UTC, not at offset +05:30.",
        ),
        _c(
            "datetime_invalid",
            "schema",
            "A date-time that does not exist: month 13, hour 24, or a day the month lacks "
            "(2023-02-29, 2024-04-31; the last is checked by the library).",
            "/pickup_ready_time",
            "pickup_ready_time is not a real date and time.",
        ),
        _c(
            "language_code",
            "schema",
            "Not an ISO 639 code of 2 or 3 letters with an optional -RR region.",
            "/language_isocode",
            "language_isocode must be a language code such as en-us.",
        ),
        _c(
            "phone_format",
            "schema",
            "A phone number not in E.164 form.",
            "/customer_contact_info/phone_number",
            "customer_contact_info.phone_number must be in E.164 form, such as +14155550100.",
        ),
        _c(
            "email_format",
            "schema",
            "An email address without one @ and a dotted domain.",
            "/customer_contact_info/email",
            "customer_contact_info.email must be an email address such as ada@example.com.",
        ),
        _c(
            "country_code",
            "schema",
            "A country that is not two capital letters.",
            "/delivery_details/country",
            "delivery_details.country must be an ISO 3166-1 alpha-2 code such as US.",
        ),
        _c(
            "url_format",
            "schema",
            "A tracking URL that is not an absolute http(s) URL.",
            "/tracking_url",
            "tracking_url must be an absolute http or https URL.",
        ),
        _c(
            "identifier_format",
            "schema",
            "An identifier with control characters or leading/trailing whitespace.",
            "/external_order_id",
            "external_order_id must not start or end with whitespace or hold control characters.",
        ),
        _c(
            "integer_quantity",
            "schema",
            "A fractional quantity of an item counted in EACH.",
            "/items/0/quantity",
            "items[0].quantity must be a whole number when uom is EACH.",
        ),
        _c(
            "currency_market_mismatch",
            "schema",
            "A currency that is not the market's.",
            "/order_price_info/currency",
            "order_price_info.currency GBP does not match market US, which is priced in USD.",
        ),
        _c(
            "leave_at_door_conflict",
            "schema",
            "Signature, PIN or ID verification on an order that may be left at the door.",
            "/delivery_verification/signature",
            "delivery_verification.signature cannot be enabled on an order that may be left at "
            "the door.",
        ),
        _c(
            "photo_required",
            "schema",
            "picture: false on an order that may be left at the door.",
            "/delivery_verification/picture",
            "delivery_verification.picture cannot be false on an order that may be left at the "
            "door: a drop-off photo is required.",
        ),
        _c(
            "reason_text_required",
            "schema",
            "reason_code OTHER without reason_text.",
            "/cancel_details/reason_text",
            "cancel_details.reason_text is required when reason_code is OTHER.",
        ),
        # Python rules (the schema cannot express these).
        _c(
            "money_precision",
            "rule",
            "Money with more than 2 decimal places.",
            "/order_price_info/tax",
            "order_price_info.tax must have at most 2 decimal places.",
        ),
        _c(
            "slot_window_order",
            "rule",
            "The delivery slot does not end after it starts.",
            "/end_delivery_slot_time",
            "end_delivery_slot_time must be after start_delivery_slot_time.",
        ),
        _c(
            "pickup_after_slot",
            "rule",
            "Pickup is ready at or after the slot ends.",
            "/pickup_ready_time",
            "pickup_ready_time must be before end_delivery_slot_time.",
        ),
        _c(
            "price_total_mismatch",
            "rule",
            "total differs from subtotal + tax + bag_fee + delivery_fee + tip - discount "
            "by more than 0.005.",
            "/order_price_info/total",
            "order_price_info.total is 25.0 but the parts add up to 22.14.",
        ),
        _c(
            "subtotal_mismatch",
            "rule",
            "Every item has a unit_price and their sum differs from subtotal by more than 0.005.",
            "/order_price_info/subtotal",
            "order_price_info.subtotal is 20.0 but the items add up to 20.5.",
            warning=True,
        ),
        _c(
            "duplicate_item",
            "rule",
            "An item_id that appears earlier in items.",
            "/items/1/item_id",
            "items[1].item_id SKU-1 repeats items[0].",
            warning=True,
        ),
        _c(
            "cancel_details_on_new",
            "rule",
            "cancel_details on a NEW order.",
            "/cancel_details",
            "cancel_details is only meaningful on a CANCELLED order.",
            warning=True,
        ),
        _c(
            "white_label_only",
            "rule",
            "deliverable_action, undeliverable_action or delivery_verification on an order "
            "whose service is not W.",
            "/deliverable_action",
            "deliverable_action applies only to white label orders (order_service W).",
            warning=True,
        ),
        _c(
            "country_market_mismatch",
            "rule",
            "A delivery country outside the market (US: US, UK: GB, EU: the EU-27).",
            "/delivery_details/country",
            "delivery_details.country FR is outside market US.",
            warning=True,
        ),
        # Header codes.
        _c(
            "consumer_id_format",
            "header",
            "WM_CONSUMER.ID with characters other than letters, digits and hyphens.",
            "/WM_CONSUMER.ID",
            "WM_CONSUMER.ID may hold only letters, digits and hyphens.",
        ),
        _c(
            "duplicate_header",
            "header",
            "WM_CONSUMER.ID given more than once (names differing only in case) with different "
            "values.",
            "/WM_CONSUMER.ID",
            "WM_CONSUMER.ID is given twice with different values.",
        ),
        # Raw-bytes entry points (validate_json).
        _c(
            "invalid_json",
            "parse",
            "Bytes that are not one JSON document: syntax error, invalid UTF-8, a byte-order mark, "
            "an unpaired surrogate escape, or data after the document.",
            "",
            "The body is not valid JSON: expecting ',' delimiter at line 1, column 12.",
        ),
        _c(
            "duplicate_key",
            "parse",
            "An object with the same key twice.",
            "/store_id",
            "store_id appears twice in the same object.",
        ),
        _c(
            "non_finite_number",
            "parse",
            "NaN, Infinity, or a number too large for a double (1e400).",
            "/order_price_info/tax",
            "order_price_info.tax is not a finite number.",
        ),
        _c(
            "payload_too_large",
            "parse",
            "A body over max_bytes (default 2 MiB).",
            "",
            "The body is 3000000 bytes; the limit is 2097152.",
        ),
        _c(
            "too_deeply_nested",
            "parse",
            "Arrays and objects nested deeper than max_depth (default 32).",
            "/notes",
            "The body nests arrays and objects deeper than 32 levels.",
        ),
        _c(
            "not_json",
            "input",
            "A Python value passed to validate() that JSON cannot hold: a tuple, set, bytes, "
            "Decimal, datetime, custom object, or a dict key that is not a string.",
            "/items",
            "items is a Python tuple, which is not a JSON value; use a list.",
        ),
        _c(
            "internal_error",
            "internal",
            "A bug in this library. validate() returns it instead of raising; please report it.",
            "",
            "order-validation failed unexpectedly (RuntimeError); this is a bug.",
        ),
    )
}

# Codes by where the failing keyword lives: (``$defs`` entry or None, the rest of the location)
# first, then ($defs entry, keyword). Everything else takes its keyword's default code below.
_FORMAT_FIELDS: Final[dict[tuple[str | None, str], str]] = {
    ("identifier", ""): "identifier_format",
    ("utcDateTime", ""): "datetime_format",
    ("customerContactInfo", "properties/phone_number/"): "phone_format",
    ("customerContactInfo", "properties/email/"): "email_format",
    (None, "properties/language_isocode/"): "language_code",
    (None, "properties/tracking_url/"): "url_format",
    ("deliveryDetails", "properties/country/"): "country_code",
    (None, "properties/WM_CONSUMER.ID/"): "consumer_id_format",
}

LOCATION_CODES: Final[dict[tuple[str | None, str], str]] = {
    # A pattern and its trailing-newline guard (``not: {type: string, pattern: "\n$"}``)
    # report the same code.
    **{
        (d, f"{prefix}{kw}"): code
        for (d, prefix), code in _FORMAT_FIELDS.items()
        for kw in ("pattern", "not")
    },
    ("nonBlank", "then/pattern"): "blank",
    ("utcDateTime", "then/pattern"): "datetime_not_utc",
    ("utcDateTime", "then/then/pattern"): "datetime_invalid",
    ("item", "then/properties/quantity/multipleOf"): "integer_quantity",
    ("cancelDetails", "then/required"): "reason_text_required",
    ("deliveryService", "then/required"): "required_for_service",
    ("pickingService", "then/required"): "required_for_service",
    ("whiteLabelService", "then/required"): "required_for_service",
    ("currencyMatchesMarket", "not"): "currency_market_mismatch",
    (
        "leaveAtDoor",
        "then/properties/delivery_verification/properties/picture/not",
    ): "photo_required",
    ("leaveAtDoor", "not"): "leave_at_door_conflict",
}

KEYWORD_CODES: Final[dict[str, str]] = {
    "type": "type",
    "enum": "enum",
    "const": "enum",
    "required": "required",
    "additionalProperties": "unknown_field",
    "minLength": "too_short",
    "maxLength": "too_long",
    "minItems": "too_few_items",
    "maxItems": "too_many_items",
    "uniqueItems": "not_unique",
    "minimum": "out_of_range",
    "maximum": "out_of_range",
    "exclusiveMinimum": "out_of_range",
    "exclusiveMaximum": "out_of_range",
    "minProperties": "too_few_properties",
}

# When one value breaks several keywords, the most basic complaint wins (a number where a string
# belongs is a type error, whatever else is wrong with it).
PRIORITY: Final[dict[str, int]] = {
    "not_json": 0,
    "non_finite_number": 0,
    "not_an_object": 0,
    "type": 0,
    "enum": 1,
    # These fields have no length in the contract, only a shape; their maxLength is a guard for
    # gateways, so an over-long value is reported as the wrong shape it also is.
    "language_code": 2,
    "country_code": 2,
    "phone_format": 2,
    "datetime_format": 2,
    "too_short": 3,
    "too_long": 3,
    "too_few_items": 3,
    "too_many_items": 3,
}
DEFAULT_PRIORITY: Final = 4


def code_for(def_name: str | None, rest: str, keyword: str) -> str:
    """The contract code of a failing keyword at a schema location."""
    return (
        LOCATION_CODES.get((def_name, rest))
        or LOCATION_CODES.get((def_name, keyword))
        or KEYWORD_CODES.get(keyword)
        or "schema"
    )
