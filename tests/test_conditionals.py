"""Conditional requirements per order_service, and the leave-at-door rules of white label orders."""

from __future__ import annotations

from typing import Any

import pytest

from order_validation import validate
from tests.factories import (
    DROP,
    Change,
    assert_clean,
    assert_one_error,
    explain,
    order,
    pairs,
    params,
    put,
)

DELIVERY = [
    "pickup_ready_time",
    "start_delivery_slot_time",
    "end_delivery_slot_time",
    "order_summary",
    "delivery_details",
]
PICKING = ["estimated_due_time"]
WHITE_LABEL = ["quote_id", "customer_id"]

NEEDS = {"P": PICKING, "D": DELIVERY, "PD": DELIVERY + PICKING, "W": WHITE_LABEL}
AUDIENCE = {
    "pickup_ready_time": ("delivery", "D or PD"),
    "start_delivery_slot_time": ("delivery", "D or PD"),
    "end_delivery_slot_time": ("delivery", "D or PD"),
    "order_summary": ("delivery", "D or PD"),
    "delivery_details": ("delivery", "D or PD"),
    "estimated_due_time": ("picking", "P or PD"),
    "quote_id": ("white label", "W"),
    "customer_id": ("white label", "W"),
}
REQUIRED_FOR_SERVICE = [(service, name) for service, names in NEEDS.items() for name in names]


@pytest.mark.parametrize("status", ["NEW", "CANCELLED"])
@pytest.mark.parametrize(
    ("service", "name"), REQUIRED_FOR_SERVICE, ids=[f"{s}-{n}" for s, n in REQUIRED_FOR_SERVICE]
)
def test_a_field_the_service_needs_is_one_required_for_service_error_naming_the_service(
    service: str, name: str, status: str
) -> None:
    payload = put(order(service, order_status=status), f"/{name}", DROP)
    issue = assert_one_error(validate(payload), "required_for_service", f"/{name}")
    kind, letters = AUDIENCE[name]
    assert name in issue.message
    assert kind in issue.message.lower()
    assert f"order_service {letters}" in issue.message


@pytest.mark.parametrize("service", ["P", "D", "PD", "W"])
def test_each_service_is_valid_with_exactly_its_own_fields(service: str) -> None:
    assert_clean(validate(order(service)))


NOT_NEEDED = [
    (service, name)
    for service in NEEDS
    for name in DELIVERY + PICKING + WHITE_LABEL
    if name not in NEEDS[service]
]


@pytest.mark.parametrize(
    ("service", "name"), NOT_NEEDED, ids=[f"{s}-without-{n}" for s, n in NOT_NEEDED]
)
def test_fields_of_other_services_are_not_required(service: str, name: str) -> None:
    payload = put(order(service), f"/{name}", DROP)
    assert_clean(validate(payload))


@pytest.mark.parametrize("service", ["D", "PD"])
def test_a_delivery_order_without_any_delivery_field_lists_each_once(service: str) -> None:
    payload = order(service)
    for name in DELIVERY:
        del payload[name]
    result = validate(payload)
    assert sorted(pairs(result.errors)) == sorted(
        ("required_for_service", f"/{name}") for name in DELIVERY
    )


def test_the_fields_of_other_services_are_accepted_on_a_picking_order() -> None:
    delivery = order("D")
    payload = order(
        "P", **{name: delivery[name] for name in DELIVERY}, quote_id="Q-1", customer_id="C-1"
    )
    assert_clean(validate(payload))


@pytest.mark.parametrize("value", ["X", "d", "", 7, None])
def test_a_bad_order_service_on_a_bare_order_is_the_only_error(value: Any) -> None:
    payload = order("P")
    del payload["estimated_due_time"]
    payload["order_service"] = value
    result = validate(payload)
    assert len(result.errors) == 1, explain(result)
    assert result.errors[0].pointer == "/order_service"


def test_a_present_but_invalid_service_field_is_its_own_error_not_a_requirement() -> None:
    payload = put(order("D"), "/order_summary", {"total_weight": 0, "weight_unit": "KG"})
    assert_one_error(validate(payload), "out_of_range", "/order_summary/total_weight")


def test_a_service_field_of_the_wrong_type_is_a_type_error_not_a_requirement() -> None:
    assert_one_error(validate(put(order("W"), "/quote_id", None)), "type", "/quote_id")


# ----------------------------------------------------------------------------------------------
# Leave at door: on W orders, the triggers and what they forbid.

DV = "/delivery_verification"
LEAVE = {"/deliverable_action": "deliverable_action_leave_at_door"}
LEAVE_UNDELIVERABLE = {"/undeliverable_action": "leave_at_door"}
BOTH = {**LEAVE, **LEAVE_UNDELIVERABLE}
MEET = {"/deliverable_action": "deliverable_action_meet_at_door"}
TRIGGERS = {
    "deliverable": LEAVE,
    "undeliverable": LEAVE_UNDELIVERABLE,
    "both": BOTH,
    "meet-and-undeliverable": {**MEET, **LEAVE_UNDELIVERABLE},
    "deliverable-and-return": {**LEAVE, "/undeliverable_action": "return"},
}
NO_TRIGGER = {
    "none": {},
    "meet": MEET,
    "return": {"/undeliverable_action": "return"},
    "discard": {"/undeliverable_action": "discard"},
    "meet-and-return": {**MEET, "/undeliverable_action": "return"},
}

FORBIDDEN = {
    "signature-enabled": (
        {"signature": {"enabled": True}},
        "leave_at_door_conflict",
        f"{DV}/signature",
    ),
    "signature-enabled-with-name": (
        {"signature": {"enabled": True, "collect_signer_name": True}},
        "leave_at_door_conflict",
        f"{DV}/signature",
    ),
    "pincode-enabled": ({"pincode": {"enabled": True}}, "leave_at_door_conflict", f"{DV}/pincode"),
    "identification": (
        {"identification": {"min_age": 21}},
        "leave_at_door_conflict",
        f"{DV}/identification",
    ),
    "picture-false": ({"picture": False}, "photo_required", f"{DV}/picture"),
}
ALLOWED = {
    "picture-true": {"picture": True},
    "signature-disabled": {"signature": {"enabled": False}},
    "signature-disabled-with-name": {"signature": {"enabled": False, "collect_signer_name": True}},
    "pincode-disabled": {"pincode": {"enabled": False}},
    "barcodes": {"barcodes": [{"value": "0123456789012", "type": "EAN13"}]},
    "everything-allowed": {
        "picture": True,
        "signature": {"enabled": False},
        "pincode": {"enabled": False},
        "barcodes": [{"value": "X1", "type": "QR"}],
    },
}

LEAVE_CASES = [
    *(
        Change(f"{t}-{f}", {**trigger, DV: value}, code, at, service="W")
        for t, trigger in TRIGGERS.items()
        for f, (value, code, at) in FORBIDDEN.items()
    ),
    *(
        Change(f"{t}-{a}", {**trigger, DV: value}, service="W")
        for t, trigger in TRIGGERS.items()
        for a, value in ALLOWED.items()
    ),
    *(
        Change(f"{t}-{f}", {**trigger, DV: value}, service="W")
        for t, trigger in NO_TRIGGER.items()
        for f, (value, _, _) in FORBIDDEN.items()
    ),
    Change("leave-without-verification", LEAVE, service="W"),
    Change("leave-undeliverable-without-verification", LEAVE_UNDELIVERABLE, service="W"),
    # No cascades: a trigger that is not valid triggers nothing.
    Change(
        "bad-trigger-value",
        {
            "/deliverable_action": "deliverable_action_leave_at_door ",
            DV: {"signature": {"enabled": True}},
        },
        "enum",
        "/deliverable_action",
        service="W",
    ),
    Change(
        "bad-undeliverable-trigger",
        {"/undeliverable_action": "LEAVE_AT_DOOR", DV: {"picture": False}},
        "enum",
        "/undeliverable_action",
        service="W",
    ),
    # A bad verification entry is its own error, not also a conflict.
    Change(
        "leave-signature-enabled-string",
        {**LEAVE, DV: {"signature": {"enabled": "true"}}},
        "type",
        f"{DV}/signature/enabled",
        service="W",
    ),
    Change(
        "leave-pincode-missing-enabled",
        {**LEAVE, DV: {"pincode": {}}},
        "required",
        f"{DV}/pincode/enabled",
        service="W",
    ),
    Change(
        "leave-picture-string",
        {**LEAVE, DV: {"picture": "false"}},
        "type",
        f"{DV}/picture",
        service="W",
    ),
    Change("leave-empty-verification", {**LEAVE, DV: {}}, "too_few_properties", DV, service="W"),
]


@pytest.mark.parametrize("case", params(LEAVE_CASES))
def test_leave_at_door_rules(case: Change) -> None:
    case.check()


def test_every_conflict_on_a_leave_at_door_order_is_reported_at_its_own_entry() -> None:
    payload = put(
        order("W", deliverable_action="deliverable_action_leave_at_door"),
        DV,
        {
            "signature": {"enabled": True},
            "pincode": {"enabled": True},
            "identification": {"min_age": 21},
            "picture": False,
        },
    )
    result = validate(payload)
    assert sorted(pairs(result.errors)) == sorted(
        [
            ("leave_at_door_conflict", f"{DV}/signature"),
            ("leave_at_door_conflict", f"{DV}/pincode"),
            ("leave_at_door_conflict", f"{DV}/identification"),
            ("photo_required", f"{DV}/picture"),
        ]
    )


def test_a_leave_at_door_conflict_message_explains_the_conflict() -> None:
    payload = put(
        order("W", undeliverable_action="leave_at_door"), DV, {"pincode": {"enabled": True}}
    )
    issue = assert_one_error(validate(payload), "leave_at_door_conflict", f"{DV}/pincode")
    assert "pincode" in issue.message
    assert "door" in issue.message


def test_photo_required_message_says_a_photo_is_required() -> None:
    payload = put(order("W", undeliverable_action="leave_at_door"), DV, {"picture": False})
    issue = assert_one_error(validate(payload), "photo_required", f"{DV}/picture")
    assert "picture" in issue.message


# ----------------------------------------------------------------------------------------------
# reason_text required when reason_code is OTHER (the cancel_details conditional).


@pytest.mark.parametrize("status", ["NEW", "CANCELLED"])
def test_reason_code_other_needs_reason_text(status: str) -> None:
    payload = order(order_status=status, cancel_details={"reason_code": "OTHER"})
    issue = assert_one_error(
        validate(payload), "reason_text_required", "/cancel_details/reason_text"
    )
    assert "reason_text" in issue.message
    assert "OTHER" in issue.message


@pytest.mark.parametrize(
    "reason",
    [
        "CUSTOMER_REQUEST",
        "OUT_OF_STOCK",
        "STORE_CLOSED",
        "DELIVERY_UNAVAILABLE",
        "PAYMENT_FAILED",
        "FRAUD_SUSPECTED",
    ],
)
def test_other_reason_codes_do_not_need_reason_text(reason: str) -> None:
    payload = order(order_status="CANCELLED", cancel_details={"reason_code": reason})
    assert_clean(validate(payload))
