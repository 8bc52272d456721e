"""utc-datetime: shape, UTC designator, calendar validity, and the slot rules built on them."""

from __future__ import annotations

import pytest

from order_validation import validate
from tests.factories import (
    Change,
    Field,
    assert_clean,
    assert_one_error,
    order,
    params,
    put_all,
)

_CANCEL = {"/order_status": "CANCELLED", "/cancel_details": {"reason_code": "OUT_OF_STOCK"}}

# Fields whose value does not take part in a rule: every value may be tried on them.
FREE_FIELDS = [
    Field("/estimated_due_time"),
    Field("/cancel_details/cancelled_at", setup=_CANCEL),
]
# Fields the slot rules read: only failing values here (no rule may see them).
SLOT_FIELDS = [
    Field("/pickup_ready_time", service="D"),
    Field("/start_delivery_slot_time", service="D"),
    Field("/end_delivery_slot_time", service="D"),
    Field("/estimated_due_time", service="PD", tag="PD"),
]

GOOD = {
    "seed-example": "2024-02-23T08:31:00",
    "seed-due-time": "2024-02-23T09:30:00",
    "fraction-1": "2024-02-23T08:31:00.1",
    "fraction-3": "2024-02-23T08:31:00.123",
    "fraction-6": "2024-02-23T08:31:00.123456",
    "Z": "2024-02-23T08:31:00Z",
    "plus-zero": "2024-02-23T08:31:00+00:00",
    "fraction-and-Z": "2024-02-23T08:31:00.5Z",
    "fraction-6-and-plus-zero": "2024-02-23T08:31:00.000001+00:00",
    "fraction-6-and-Z": "2024-02-23T08:31:00.123456Z",
    "leap-day": "2024-02-29T00:00:00",
    "leap-day-2000": "2000-02-29T12:00:00Z",
    "year-end": "2024-12-31T23:59:59",
    "year-start": "2025-01-01T00:00:00",
    "april-30": "2024-04-30T10:00:00",
    "january-31": "2024-01-31T10:00:00",
}

BAD = {
    # shape
    "fraction-7": ("2024-02-23T08:31:00.1234567", "datetime_format"),
    "fraction-empty": ("2024-02-23T08:31:00.", "datetime_format"),
    "lowercase-t": ("2024-02-23t08:31:00", "datetime_format"),
    "lowercase-z": ("2024-02-23T08:31:00z", "datetime_format"),
    "space-separator": ("2024-02-23 08:31:00", "datetime_format"),
    "date-only": ("2024-02-23", "datetime_format"),
    "no-seconds": ("2024-02-23T08:31", "datetime_format"),
    "one-digit-month": ("2024-2-23T08:31:00", "datetime_format"),
    "basic-format": ("20240223T083100Z", "datetime_format"),
    "offset-without-colon": ("2024-02-23T08:31:00+0000", "datetime_format"),
    "offset-hours-only": ("2024-02-23T08:31:00+00", "datetime_format"),
    "offset-and-Z": ("2024-02-23T08:31:00+00:00Z", "datetime_format"),
    "dot-then-Z": ("2024-02-23T08:31:00.Z", "datetime_format"),
    "space-before-Z": ("2024-02-23T08:31:00 Z", "datetime_format"),
    "fraction-7-plus-zero": ("2024-02-23T08:31:00.1234567+00:00", "datetime_format"),
    "trailing-newline": ("2024-02-23T08:31:00\n", "datetime_format"),
    "Z-trailing-newline": ("2024-02-23T08:31:00Z\n", "datetime_format"),
    "leading-space": (" 2024-02-23T08:31:00", "datetime_format"),
    "trailing-space": ("2024-02-23T08:31:00 ", "datetime_format"),
    "empty": ("", "datetime_format"),
    "words": ("tomorrow at 9", "datetime_format"),
    "unix-seconds-string": ("1708677060", "datetime_format"),
    "text-with-digits-at-8": ("deadline99", "datetime_format"),
    "not-a-date": ("not a date", "datetime_format"),
    "arabic-indic-digits": ("٢٠٢٤-02-23T08:31:00", "datetime_format"),
    # offsets other than UTC
    "minus-zero": ("2024-02-23T08:31:00-00:00", "datetime_not_utc"),
    "plus-0530": ("2024-02-23T08:31:00+05:30", "datetime_not_utc"),
    "plus-0100": ("2024-02-23T08:31:00+01:00", "datetime_not_utc"),
    "minus-0800": ("2024-02-23T08:31:00-08:00", "datetime_not_utc"),
    "fraction-and-offset": ("2024-02-23T08:31:00.25+02:00", "datetime_not_utc"),
    "offset-and-bad-day": ("2023-02-29T08:31:00+05:30", "datetime_not_utc"),
    # not a real calendar time
    "feb-29-non-leap": ("2023-02-29T08:31:00", "datetime_invalid"),
    "feb-29-1900": ("1900-02-29T08:31:00", "datetime_invalid"),
    "feb-30": ("2024-02-30T08:31:00", "datetime_invalid"),
    "april-31": ("2024-04-31T08:31:00", "datetime_invalid"),
    "june-31-Z": ("2024-06-31T08:31:00Z", "datetime_invalid"),
    "month-13": ("2024-13-01T08:31:00", "datetime_invalid"),
    "month-00": ("2024-00-10T08:31:00", "datetime_invalid"),
    "day-00": ("2024-02-00T08:31:00", "datetime_invalid"),
    "day-32": ("2024-01-32T08:31:00", "datetime_invalid"),
    "hour-24": ("2024-02-23T24:00:00", "datetime_invalid"),
    "minute-60": ("2024-02-23T08:60:00", "datetime_invalid"),
    "second-60": ("2024-02-23T08:31:60", "datetime_invalid"),
    "hour-99-Z": ("2024-02-23T99:00:00Z", "datetime_invalid"),
    # wrong JSON type
    "number": (1708677060, "type"),
    "null": (None, "type"),
    "object": ({"date": "2024-02-23"}, "type"),
}

GOOD_CASES = [f.change(label, v) for f in FREE_FIELDS for label, v in GOOD.items()]
BAD_CASES = [
    f.change(label, v, code)
    for f in [*FREE_FIELDS, *SLOT_FIELDS]
    for label, (v, code) in BAD.items()
]


@pytest.mark.parametrize("case", params(GOOD_CASES))
def test_utc_datetimes_that_pass(case: Change) -> None:
    case.check()


# Among these, strings the schema rejects whose characters 8-9 sort after "28" ("not a date",
# "2024-2-23T08:31:00") once reached the calendar rule and came back as internal_error.
@pytest.mark.parametrize("case", params(BAD_CASES))
def test_each_bad_datetime_is_one_error_at_the_field(case: Change) -> None:
    case.check()


def test_the_seed_timestamps_pass_on_a_delivery_order() -> None:
    payload = order(
        "PD",
        pickup_ready_time="2024-02-23T08:31:00",
        start_delivery_slot_time="2024-02-23T09:00:00",
        end_delivery_slot_time="2024-02-23T09:30:00",
        estimated_due_time="2024-02-23T09:30:00",
    )
    assert_clean(validate(payload))


# ----------------------------------------------------------------------------------------------
# slot_window_order and pickup_after_slot.

P, S, E = "/pickup_ready_time", "/start_delivery_slot_time", "/end_delivery_slot_time"


T8, T9, T930 = "2024-02-23T08:00:00", "2024-02-23T09:00:00", "2024-02-23T09:30:00"
SLOT_ERROR = ("slot_window_order", E)
PICKUP_ERROR = ("pickup_after_slot", P)

# id: ((pickup, slot start, slot end), expected (code, pointer) or None)
SLOTS: dict[str, tuple[tuple[str, str, str], tuple[str, str] | None]] = {
    "seed-times": (("2024-02-23T08:31:00", T9, T930), None),
    "end-one-microsecond-after-start": ((T8, T9, "2024-02-23T09:00:00.000001"), None),
    "pickup-just-before-end": (("2024-02-23T09:29:59.999999", T9, T930), None),
    "pickup-inside-the-slot": (("2024-02-23T09:10:00", T9, T930), None),
    "mixed-designators": (("2024-02-23T08:31:00Z", "2024-02-23T09:00:00+00:00", T930), None),
    "slot-over-midnight": (
        ("2024-02-23T22:00:00", "2024-02-23T23:30:00", "2024-02-24T00:30:00"),
        None,
    ),
    "slot-over-leap-day": (
        ("2024-02-28T22:00:00", "2024-02-28T23:30:00", "2024-02-29T00:30:00"),
        None,
    ),
    "end-before-start": ((T8, T9, "2024-02-23T08:30:00"), SLOT_ERROR),
    "end-equals-start": ((T8, T9, T9), SLOT_ERROR),
    "end-equals-start-Z-vs-plain": ((T8, "2024-02-23T09:00:00Z", T9), SLOT_ERROR),
    "end-equals-start-fraction-zero": ((T8, T9, "2024-02-23T09:00:00.0+00:00"), SLOT_ERROR),
    "end-a-microsecond-before-start": ((T8, "2024-02-23T09:00:00.000001", T9), SLOT_ERROR),
    "end-a-day-earlier": (
        ("2024-02-22T08:00:00", T9, "2024-02-22T09:30:00"),
        SLOT_ERROR,
    ),
    "pickup-at-end": ((T930, T9, T930), PICKUP_ERROR),
    "pickup-at-end-other-designator": (("2024-02-23T09:30:00.000Z", T9, T930), PICKUP_ERROR),
    "pickup-after-end": (("2024-02-23T10:00:00", T9, T930), PICKUP_ERROR),
    "pickup-next-year": (
        ("2025-01-01T00:00:00", "2024-12-31T23:00:00", "2024-12-31T23:30:00"),
        PICKUP_ERROR,
    ),
    # No cascades: a bad time is reported once and no slot rule sees it.
    "invalid-start-no-slot-rule": ((T8, "2024-02-30T09:00:00", T930), ("datetime_invalid", S)),
    "invalid-end-no-slot-rules": ((T8, T9, "2024-02-23T24:00:00"), ("datetime_invalid", E)),
    "invalid-end-day-no-slot-rules": (
        ("2024-04-30T10:00:00", "2024-04-30T09:00:00", "2024-04-31T09:30:00"),
        ("datetime_invalid", E),
    ),
    "offset-end-no-slot-rules": ((T8, T9, "2024-02-23T10:30:00+05:30"), ("datetime_not_utc", E)),
    "badly-shaped-end-no-slot-rules": ((T8, T9, "2024-02-23"), ("datetime_format", E)),
    "invalid-pickup-no-pickup-rule": (("2024-02-31T10:00:00", T9, T930), ("datetime_invalid", P)),
    "month-13-pickup-no-pickup-rule": (
        ("2024-13-01T10:00:00", T9, T930),
        ("datetime_invalid", P),
    ),
}
SLOT_CASES = [
    Change(
        case_id,
        {P: pickup, S: start, E: end},
        expected[0] if expected else None,
        expected[1] if expected else None,
        service="D",
    )
    for case_id, ((pickup, start, end), expected) in SLOTS.items()
]


@pytest.mark.parametrize("case", params(SLOT_CASES))
def test_delivery_slot_rules(case: Change) -> None:
    case.check()


def test_an_end_before_start_is_not_also_a_pickup_error() -> None:
    # The pickup is after the (wrong) end only because the end is wrong: one defect, one error.
    payload = put_all(
        order("D"), {P: "2024-02-23T08:45:00", S: "2024-02-23T09:00:00", E: "2024-02-23T08:30:00"}
    )
    assert_one_error(validate(payload), "slot_window_order", E)


def test_slot_rules_read_times_on_any_service() -> None:
    # A P order may carry slot times; when it does they must still make sense.
    payload = put_all(order("P"), {S: "2024-02-23T09:00:00", E: "2024-02-23T08:00:00"})
    assert_one_error(validate(payload), "slot_window_order", E)


def test_pickup_after_slot_compares_pickup_with_the_end_alone() -> None:
    payload = put_all(order("P"), {P: "2024-02-23T10:00:00", E: "2024-02-23T09:00:00"})
    assert_one_error(validate(payload), "pickup_after_slot", P)


def test_a_slot_rule_needs_both_ends() -> None:
    payload = put_all(order("P"), {E: "2024-02-23T08:00:00", P: "2024-02-23T07:00:00"})
    assert_clean(validate(payload))
