"""Money, currency and market, and the Python rules of the contract (errors and warnings)."""

from __future__ import annotations

from typing import Any

import pytest

from order_validation import validate
from tests.factories import (
    COUNTRY,
    CURRENCY,
    DROP,
    Change,
    assert_clean,
    assert_one_error,
    assert_one_warning,
    explain,
    order,
    pairs,
    params,
    put,
    put_all,
)

PI = "/order_price_info"


def _price(**amounts: Any) -> dict[str, Any]:
    return {"currency": "USD", **amounts}


def _priced(case_id: str, code: str | None = None, at: str | None = None, **amounts: Any) -> Change:
    return Change(case_id, {PI: _price(**amounts)}, code, at)


# ----------------------------------------------------------------------------------------------
# money: >= 0, at most 2 decimal places, on every money field.

MONEY_OK: dict[str, float] = {
    "zero": 0,
    "zero-float": 0.0,
    "int": 2,
    "19.99": 19.99,
    "600.03": 600.03,
    "0.1": 0.1,
    "0.07": 0.07,
    "1.10": 1.1,
    "large": 1234567.89,
    "exponent": 1.5e1,
}
MONEY_BAD: dict[str, tuple[Any, str]] = {
    "19.999": (19.999, "money_precision"),
    "0.001": (0.001, "money_precision"),
    "1.005": (1.005, "money_precision"),
    "3-decimals-large": (1234567.891, "money_precision"),
    "negative": (-0.01, "out_of_range"),
    "negative-int": (-5, "out_of_range"),
    "negative-3-decimals": (-0.001, "out_of_range"),
    "string": ("19.99", "type"),
    "null": (None, "type"),
    "boolean": (True, "type"),
    "array": ([1], "type"),
}


def _money_cases() -> list[Change]:
    cases: list[Change] = []
    # Totals are kept consistent so only the value under test can be at fault.
    for label, value in MONEY_OK.items():
        cases += [
            _priced(f"subtotal-{label}", subtotal=value, tax=0, total=value),
            _priced(f"tax-{label}", subtotal=0, tax=value, total=value),
            _priced(f"total-{label}", subtotal=value, tax=0, total=value),
            _priced(f"bag_fee-{label}", subtotal=0, tax=0, bag_fee=value, total=value),
            _priced(f"delivery_fee-{label}", subtotal=0, tax=0, delivery_fee=value, total=value),
            _priced(f"tip-{label}", subtotal=0, tax=0, tip=value, total=value),
            _priced(f"discount-{label}", subtotal=value, tax=0, discount=value, total=0),
            Change(
                f"unit_price-{label}",
                {
                    "/items/0/unit_price": value,
                    f"{PI}/subtotal": value,
                    f"{PI}/tax": 0,
                    f"{PI}/total": value,
                },
            ),
        ]
    for label, (value, code) in MONEY_BAD.items():
        for name in ("subtotal", "tax", "total", "bag_fee", "delivery_fee", "tip", "discount"):
            cases.append(Change(f"{name}-{label}", {f"{PI}/{name}": value}, code, f"{PI}/{name}"))
        cases.append(
            Change(
                f"unit_price-{label}", {"/items/0/unit_price": value}, code, "/items/0/unit_price"
            )
        )
    return cases


MONEY_CASES = _money_cases()


@pytest.mark.parametrize("case", params(MONEY_CASES))
def test_money_fields_follow_the_money_type(case: Change) -> None:
    case.check()


def test_a_money_error_is_not_also_a_total_mismatch() -> None:
    payload = put(order(), f"{PI}/tax", 1.001)
    assert_one_error(validate(payload), "money_precision", f"{PI}/tax")


def test_a_unit_price_error_is_not_also_a_subtotal_warning() -> None:
    payload = put_all(order(), {"/items/0/unit_price": 3.999})
    result = validate(payload)
    assert_one_error(result, "money_precision", "/items/0/unit_price")
    assert result.warnings == ()


# ----------------------------------------------------------------------------------------------
# currency tied to market.

MARKETS = ["US", "UK", "EU"]
CURRENCIES = ["USD", "GBP", "EUR"]
MARKET_CASES = [
    *(
        Change(
            f"{m}-{c}",
            {"/market": m, f"{PI}/currency": c},
            None if CURRENCY[m] == c else "currency_market_mismatch",
            None if CURRENCY[m] == c else f"{PI}/currency",
        )
        for m in MARKETS
        for c in CURRENCIES
    ),
    Change("bad-market-GB-with-GBP", {"/market": "GB", f"{PI}/currency": "GBP"}, "enum", "/market"),
    Change("bad-market-lowercase", {"/market": "us"}, "enum", "/market"),
    Change("bad-market-empty", {"/market": ""}, "enum", "/market"),
    Change("bad-market-trailing-newline", {"/market": "US\n"}, "enum", "/market"),
    Change("bad-market-number", {"/market": 1}, "type", "/market"),
    Change(
        "missing-market-with-GBP", {"/market": DROP, f"{PI}/currency": "GBP"}, "required", "/market"
    ),
    Change("bad-currency-lowercase", {f"{PI}/currency": "usd"}, "enum", f"{PI}/currency"),
    Change("bad-currency-JPY", {f"{PI}/currency": "JPY"}, "enum", f"{PI}/currency"),
    Change("bad-currency-symbol", {f"{PI}/currency": "$"}, "enum", f"{PI}/currency"),
    Change("missing-currency", {f"{PI}/currency": DROP}, "required", f"{PI}/currency"),
]


@pytest.mark.parametrize("case", params(MARKET_CASES))
def test_currency_must_match_the_market(case: Change) -> None:
    case.check()


def test_a_currency_mismatch_message_names_both_and_the_hint_the_right_currency() -> None:
    payload = put(order(), f"{PI}/currency", "GBP")
    issue = assert_one_error(validate(payload), "currency_market_mismatch", f"{PI}/currency")
    assert "GBP" in issue.message
    assert "US" in issue.message
    assert issue.hint is not None
    assert "USD" in issue.hint


@pytest.mark.parametrize("market", MARKETS)
def test_a_bad_market_is_not_also_a_country_warning(market: str) -> None:
    payload = put(order("D", market), "/market", market.lower())
    result = validate(payload)
    assert_one_error(result, "enum", "/market")
    assert result.warnings == ()


# ----------------------------------------------------------------------------------------------
# price_total_mismatch: total = subtotal + tax + bag_fee + delivery_fee + tip - discount.

TOTAL = f"{PI}/total"
TOTAL_CASES = [
    _priced("exact", subtotal=10, tax=1, total=11),
    _priced(
        "all-parts",
        subtotal=14.48,
        tax=1.16,
        bag_fee=0.1,
        delivery_fee=4.99,
        tip=2,
        discount=1.5,
        total=21.23,
    ),
    _priced("float-sum-0.1-0.2", subtotal=0.1, tax=0.2, total=0.3),
    _priced(
        "float-sum-many-tenths",
        subtotal=0.1,
        tax=0.1,
        bag_fee=0.1,
        delivery_fee=0.1,
        tip=0.1,
        total=0.5,
    ),
    _priced("float-sum-large", subtotal=600.03, tax=48.01, delivery_fee=5.99, total=654.03),
    _priced("float-sum-millions", subtotal=1234567.89, tax=0.01, total=1234567.9),
    _priced("discount-to-zero", subtotal=5, tax=0, discount=5, total=0),
    _priced("ints-and-floats", subtotal=10, tax=0.5, tip=2, total=12.5),
    _priced("one-cent-over", "price_total_mismatch", TOTAL, subtotal=10, tax=1, total=11.01),
    _priced("one-cent-under", "price_total_mismatch", TOTAL, subtotal=10, tax=1, total=10.99),
    _priced(
        "bag_fee-left-out", "price_total_mismatch", TOTAL, subtotal=10, tax=1, bag_fee=0.1, total=11
    ),
    _priced(
        "delivery_fee-left-out",
        "price_total_mismatch",
        TOTAL,
        subtotal=10,
        tax=1,
        delivery_fee=4.99,
        total=11,
    ),
    _priced("tip-left-out", "price_total_mismatch", TOTAL, subtotal=10, tax=1, tip=2, total=11),
    _priced(
        "discount-added", "price_total_mismatch", TOTAL, subtotal=10, tax=1, discount=1, total=12
    ),
    _priced(
        "discount-ignored", "price_total_mismatch", TOTAL, subtotal=10, tax=1, discount=1, total=11
    ),
    _priced(
        "float-sum-0.1-0.2-off-by-cent",
        "price_total_mismatch",
        TOTAL,
        subtotal=0.1,
        tax=0.2,
        total=0.31,
    ),
    _priced(
        "discount-above-parts",
        "price_total_mismatch",
        TOTAL,
        subtotal=5,
        tax=0,
        discount=6,
        total=0,
    ),
]


@pytest.mark.parametrize("case", params(TOTAL_CASES))
def test_the_total_must_add_up(case: Change) -> None:
    case.check()


@pytest.mark.parametrize(
    ("name", "value", "code"),
    [
        ("subtotal", "10", "type"),
        ("tax", None, "type"),
        ("tip", -1, "out_of_range"),
        ("discount", 0.005, "money_precision"),
        ("subtotal", DROP, "required"),
    ],
    ids=["subtotal-string", "tax-null", "tip-negative", "discount-3-decimals", "subtotal-missing"],
)
def test_a_bad_price_part_is_not_also_a_total_mismatch(name: str, value: Any, code: str) -> None:
    payload = put(order(), f"{PI}/{name}", value)
    assert_one_error(validate(payload), code, f"{PI}/{name}")


def test_a_total_mismatch_message_gives_both_amounts() -> None:
    payload = put(order(), TOTAL, 25)
    issue = assert_one_error(validate(payload), "price_total_mismatch", TOTAL)
    assert "25" in issue.message
    assert "11" in issue.message


# Reading tested: a rule is skipped only when one of the values it reads failed the schema. An
# unrelated error nearby (the currency, an unknown key, an item's name) is a second defect, and
# the rule still reports its own.

Pairs = list[tuple[str, str]]
INDEPENDENT: dict[str, tuple[dict[str, Any], Pairs, Pairs]] = {
    "currency-mismatch-and-total": (
        {f"{PI}/currency": "GBP", TOTAL: 12},
        [("currency_market_mismatch", f"{PI}/currency"), ("price_total_mismatch", TOTAL)],
        [],
    ),
    "unknown-price-key-and-total": (
        {f"{PI}/shipping": 1, TOTAL: 12},
        [("unknown_field", f"{PI}/shipping"), ("price_total_mismatch", TOTAL)],
        [],
    ),
    "blank-item-name-and-subtotal": (
        {"/items/0/unit_price": 3, "/items/0/name": " "},
        [("blank", "/items/0/name")],
        [("subtotal_mismatch", f"{PI}/subtotal")],
    ),
}


@pytest.mark.parametrize("name", list(INDEPENDENT))
def test_a_rule_still_runs_when_an_unrelated_value_nearby_is_wrong(name: str) -> None:
    changes, errors, warnings = INDEPENDENT[name]
    result = validate(put_all(order(), changes))
    assert sorted(pairs(result.errors)) == sorted(errors), explain(result)
    assert pairs(result.warnings) == warnings, explain(result)


# ----------------------------------------------------------------------------------------------
# subtotal_mismatch (warning): every item has unit_price and the sum differs from subtotal.

SUB = f"{PI}/subtotal"


def _basket(items: list[dict[str, Any]], subtotal: float) -> dict[str, Any]:
    basket: dict[str, Any] = put_all(
        order(), {"/items": items, SUB: subtotal, f"{PI}/tax": 0, TOTAL: subtotal}
    )
    return basket


def _item(
    item_id: str, quantity: float, price: float | None = None, uom: str | None = None
) -> dict[str, Any]:
    item: dict[str, Any] = {"item_id": item_id, "quantity": quantity}
    if price is not None:
        item["unit_price"] = price
    if uom is not None:
        item["uom"] = uom
    return item


SUBTOTAL_OK = {
    "matches": ([_item("A", 2, 3.99), _item("B", 1.25, 5.2, "LB")], 14.48),
    "three-tenths": ([_item("A", 3, 0.1)], 0.3),
    "one-unpriced-item-skips-the-rule": ([_item("A", 2, 3.99), _item("B", 1)], 99),
    "no-unit-prices": ([_item("A", 2), _item("B", 1)], 99),
    "fractional-weight": ([_item("A", 0.333, 3, "KG")], 1.0),
    "free-items": ([_item("A", 5, 0)], 0),
    "half-cent-within-tolerance": ([_item("A", 0.5, 0.01, "KG")], 0.01),
}
SUBTOTAL_WARN = {
    "one-cent-off": ([_item("A", 2, 3.99)], 7.99),
    "one-cent-under": ([_item("A", 2, 3.99)], 7.97),
    "sum-of-two-off": ([_item("A", 2, 3.99), _item("B", 1.25, 5.2, "LB")], 14.0),
    "ten-tenths-off": ([_item("A", 10, 0.1)], 1.01),
}


@pytest.mark.parametrize(("items", "subtotal"), SUBTOTAL_OK.values(), ids=SUBTOTAL_OK.keys())
def test_a_subtotal_that_agrees_or_cannot_be_checked_draws_no_warning(
    items: list[dict[str, Any]], subtotal: float
) -> None:
    assert_clean(validate(_basket(items, subtotal)))


@pytest.mark.parametrize(("items", "subtotal"), SUBTOTAL_WARN.values(), ids=SUBTOTAL_WARN.keys())
def test_a_subtotal_off_from_priced_items_is_a_warning_and_still_valid(
    items: list[dict[str, Any]], subtotal: float
) -> None:
    result = validate(_basket(items, subtotal))
    issue = assert_one_warning(result, "subtotal_mismatch", SUB)
    assert issue.severity == "warning"
    assert result.errors == ()


# ----------------------------------------------------------------------------------------------
# duplicate_item (warning) at the second occurrence.


def test_a_repeated_item_id_warns_at_the_second_occurrence() -> None:
    payload = put(order(), "/items", [_item("A", 1), _item("B", 1), _item("A", 2)])
    issue = assert_one_warning(validate(payload), "duplicate_item", "/items/2/item_id")
    assert "A" in issue.message


def test_each_later_repeat_of_an_item_id_warns() -> None:
    payload = put(order(), "/items", [_item("A", 1), _item("A", 1), _item("A", 1)])
    result = validate(payload)
    assert result.valid
    assert pairs(result.warnings) == [
        ("duplicate_item", "/items/1/item_id"),
        ("duplicate_item", "/items/2/item_id"),
    ]


def test_item_ids_that_differ_only_in_case_are_not_duplicates() -> None:
    payload = put(order(), "/items", [_item("sku-1", 1), _item("SKU-1", 1)])
    assert_clean(validate(payload))


def test_a_repeat_of_an_invalid_item_id_is_not_a_duplicate_warning() -> None:
    payload = put(order(), "/items", [_item(" A", 1), _item(" A", 1)])
    result = validate(payload)
    assert pairs(result.errors) == [
        ("identifier_format", "/items/0/item_id"),
        ("identifier_format", "/items/1/item_id"),
    ]
    assert result.warnings == ()


# ----------------------------------------------------------------------------------------------
# cancel_details_on_new (warning).

CANCEL = {"reason_code": "OUT_OF_STOCK"}


def test_cancel_details_on_a_new_order_is_a_warning_and_still_valid() -> None:
    result = validate(order(cancel_details=CANCEL))
    assert_one_warning(result, "cancel_details_on_new", "/cancel_details")


def test_cancel_details_on_a_cancelled_order_draws_no_warning() -> None:
    assert_clean(validate(order(order_status="CANCELLED", cancel_details=CANCEL)))


def test_cancel_details_with_a_bad_status_is_only_the_status_error() -> None:
    result = validate(order(order_status="new", cancel_details=CANCEL))
    assert_one_error(result, "enum", "/order_status")
    assert result.warnings == ()


def test_invalid_cancel_details_on_a_new_order_is_only_the_error() -> None:
    result = validate(order(cancel_details={"reason_code": "OTHER"}))
    assert_one_error(result, "reason_text_required", "/cancel_details/reason_text")
    assert result.warnings == ()


# ----------------------------------------------------------------------------------------------
# white_label_only (warning).

WL_FIELDS: dict[str, Any] = {
    "deliverable_action": "deliverable_action_meet_at_door",
    "undeliverable_action": "return",
    "delivery_verification": {"picture": True},
}


@pytest.mark.parametrize("service", ["P", "D", "PD"])
@pytest.mark.parametrize("name", list(WL_FIELDS))
def test_a_white_label_field_on_another_service_is_a_warning(name: str, service: str) -> None:
    result = validate(order(service, **{name: WL_FIELDS[name]}))
    issue = assert_one_warning(result, "white_label_only", f"/{name}")
    assert name in issue.message


def test_every_white_label_field_on_another_service_warns_once_each() -> None:
    result = validate(order("D", **WL_FIELDS))
    assert result.valid, explain(result)
    assert sorted(pairs(result.warnings)) == sorted(
        ("white_label_only", f"/{name}") for name in WL_FIELDS
    )


def test_white_label_fields_on_a_white_label_order_draw_no_warning() -> None:
    assert_clean(validate(order("W", **WL_FIELDS)))


def test_a_bad_service_with_a_white_label_field_is_only_the_service_error() -> None:
    payload = put(
        order("P", deliverable_action="deliverable_action_meet_at_door"),
        "/estimated_due_time",
        DROP,
    )
    payload["order_service"] = "w"
    result = validate(payload)
    assert_one_error(result, "enum", "/order_service")
    assert result.warnings == ()


def test_a_bad_white_label_value_on_another_service_is_only_the_error() -> None:
    result = validate(order("P", undeliverable_action="Return"))
    assert_one_error(result, "enum", "/undeliverable_action")
    assert result.warnings == ()


# ----------------------------------------------------------------------------------------------
# country_market_mismatch (warning).

COUNTRY_OK = [
    ("US", "US"),
    ("UK", "GB"),
    ("EU", "FR"),
    ("EU", "DE"),
    ("EU", "IE"),
    ("EU", "SE"),
    ("EU", "BG"),
    ("EU", "CY"),
]
COUNTRY_WARN = [
    ("US", "CA"),
    ("US", "GB"),
    ("UK", "UK"),
    ("UK", "IE"),
    ("UK", "US"),
    ("EU", "GB"),
    ("EU", "CH"),
    ("EU", "NO"),
    ("EU", "US"),
]


@pytest.mark.parametrize(("market", "country"), COUNTRY_OK, ids=[f"{m}-{c}" for m, c in COUNTRY_OK])
def test_a_delivery_country_inside_the_market_draws_no_warning(market: str, country: str) -> None:
    payload = put(order("D", market), "/delivery_details/country", country)
    assert_clean(validate(payload))


@pytest.mark.parametrize(
    ("market", "country"), COUNTRY_WARN, ids=[f"{m}-{c}" for m, c in COUNTRY_WARN]
)
def test_a_delivery_country_outside_the_market_is_a_warning(market: str, country: str) -> None:
    payload = put(order("D", market), "/delivery_details/country", country)
    assert_one_warning(validate(payload), "country_market_mismatch", "/delivery_details/country")


def test_a_badly_written_country_is_only_the_format_error() -> None:
    result = validate(put(order("D"), "/delivery_details/country", "ca"))
    assert_one_error(result, "country_code", "/delivery_details/country")
    assert result.warnings == ()


def test_the_country_rule_reads_delivery_details_on_any_service() -> None:
    address = order("D", "EU")["delivery_details"]
    assert address["country"] == COUNTRY["EU"]
    payload = order("W", "EU", delivery_details={**address, "country": "US"})
    assert_one_warning(validate(payload), "country_market_mismatch", "/delivery_details/country")


# ----------------------------------------------------------------------------------------------
# Warnings never make an order invalid, and several can stand together.


def test_several_warnings_together_leave_the_order_valid() -> None:
    payload = order(
        "D",
        cancel_details=CANCEL,
        deliverable_action="deliverable_action_meet_at_door",
    )
    payload["items"] = [_item("A", 1, 5), _item("A", 1, 5)]
    payload["order_price_info"].update(subtotal=11, tax=0, total=11)
    payload["delivery_details"]["country"] = "CA"
    result = validate(payload)
    assert result.valid, explain(result)
    assert result.errors == ()
    assert {i.code for i in result.warnings} == {
        "subtotal_mismatch",
        "duplicate_item",
        "cancel_details_on_new",
        "white_label_only",
        "country_market_mismatch",
    }
    assert all(i.severity == "warning" for i in result.warnings)
    assert result.raise_for_errors() is result
