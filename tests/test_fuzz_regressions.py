"""Every finding of the fuzzers, kept as a test so it stays fixed.

Each finding appears twice: the body the fuzzer produced (kept as a seed in ``fuzz/corpus/``
so the fuzzer also keeps exercising it) and a one-change version of a shipped example that pins
the code and pointer the contract expects. A finding the core has not fixed yet is a strict
xfail carrying the diagnosis; when the fix lands it passes, the xfail turns into a failure, and
the marker comes off. (Every finding so far has been fixed.)

Found by ``fuzz/fuzz_validate_json.py`` (atheris) and by ``tests/test_fuzz_properties.py``
(Hypothesis) on 2026-12-04.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from order_validation import validate, validate_json

from .hostile_support import ROOT, JSONPath, checked, codes_at, example_orders, pointer

CORPUS = ROOT / "fuzz" / "corpus"
EXAMPLES = example_orders()


def _with(example: str, path: JSONPath, value: Any) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(json.dumps(EXAMPLES[example]))
    node: Any = document
    for segment in path[:-1]:
        node = node[segment]
    node[path[-1]] = value
    return document


def _renamed(example: str, parent: JSONPath, old: str, new: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(json.dumps(EXAMPLES[example]))
    node: Any = document
    for segment in parent:
        node = node[segment]
    node[new] = node.pop(old)
    return document


def _validate_json(body: Any) -> Any:
    return validate_json(body)


@pytest.mark.parametrize(
    "name",
    [
        # Each broke validate_json with internal_error when found; all fixed since (c9bade2).
        # A misspelt subtotal was folded into one unknown_field issue, so the subtotal rule
        # read a key that was not there (KeyError).
        "regression-subtotal-misspelt",
        # The calendar check ran on date-times the schema had rejected (int() of letters ->
        # ValueError; month 77 -> IndexError in the days-per-month table).
        "regression-datetime-letters",
        "regression-datetime-month-77",
    ],
)
def test_a_body_the_fuzzer_broke_the_validator_with_gets_a_clear_answer(name: str) -> None:
    body = (CORPUS / name).read_bytes()
    result = checked(_validate_json, body)
    assert not result.valid
    assert checked(validate, json.loads(body)) == result


@pytest.mark.parametrize("typo", ["subtotl", "sub_total", "subtotals", "Subtotal"])
def test_a_misspelt_subtotal_is_an_unknown_field_not_an_internal_error(typo: str) -> None:
    """Fuzz finding (fixed): KeyError in the subtotal rule."""
    payload = _renamed("pick-up-order", ("order_price_info",), "subtotal", typo)
    result = checked(validate, payload)
    assert codes_at(result, f"/order_price_info/{typo}") == {"unknown_field"}


@pytest.mark.parametrize(
    ("example", "parent", "field", "typo"),
    [
        # Found by the Hypothesis "long" profile (misspell mutations): KeyError in the price
        # rules, the same shape as the subtotal finding, on other fields the rules read.
        ("delivery-order", ("order_price_info",), "total", "totl"),
        ("delivery-order", ("order_price_info",), "tax", "taxx"),
        ("delivery-order", ("items", 1), "quantity", "uantity"),
        ("delivery-order", ("items", 0), "unit_price", "unit_prce"),
        ("white-label-eu", ("order_price_info",), "currency", "curency"),
    ],
)
def test_a_misspelt_field_a_rule_reads_is_an_unknown_field_not_an_internal_error(
    example: str, parent: JSONPath, field: str, typo: str
) -> None:
    result = checked(validate, _renamed(example, parent, field, typo))
    assert codes_at(result, pointer((*parent, typo))) == {"unknown_field"}


def test_a_subtotal_misspelt_beyond_recognition_is_unknown_and_required() -> None:
    """The neighbouring case that already works: no "did you mean", so both issues appear."""
    payload = _renamed("pick-up-order", ("order_price_info",), "subtotal", "zz")
    result = checked(validate, payload)
    assert codes_at(result, "/order_price_info/zz") == {"unknown_field"}
    assert codes_at(result, "/order_price_info/subtotal") == {"required"}


@pytest.mark.parametrize(
    ("field", "text", "code"),
    [
        ("start_delivery_slot_time", "2023string-02-23T09:00:00", "datetime_format"),
        ("pickup_ready_time", "not a date", "datetime_format"),
        ("pickup_ready_time", "xxxxxxxxx", "datetime_format"),
        ("end_delivery_slot_time", "2024-02-2xT08:31:00", "datetime_format"),
        ("end_delivery_slot_time", "2" * 50 + "024-03-01T18:00:00Z", "datetime_format"),
        ("end_delivery_slot_time", "00000000:", "datetime_format"),  # from Hypothesis
        ("end_delivery_slot_time", "2024-13-31T00:00:00", "datetime_invalid"),
        ("end_delivery_slot_time", "2024-77-30T00:00:00", "datetime_invalid"),
    ],
)
def test_a_malformed_date_time_is_a_datetime_error_at_its_field(
    field: str, text: str, code: str
) -> None:
    """Fuzz finding (fixed): these reached internal_error through the calendar rule."""
    result = checked(validate, _with("delivery-order", (field,), text))
    assert codes_at(result, pointer((field,))) == {code}


@pytest.mark.parametrize(
    ("text", "code"),
    [("2024-02-30T10:00:00", "datetime_invalid"), ("tomorrow morning", "datetime_format")],
)
def test_date_times_just_beside_the_finding_keep_their_codes(text: str, code: str) -> None:
    """Neighbours that already work: a day the month lacks, and text of the wrong shape."""
    result = checked(validate, _with("delivery-order", ("pickup_ready_time",), text))
    assert codes_at(result, "/pickup_ready_time") == {code}


def test_every_regression_seed_is_in_the_committed_corpus() -> None:
    seeds = sorted(path.name for path in CORPUS.glob("regression-*"))
    assert seeds == [
        "regression-datetime-letters",
        "regression-datetime-month-77",
        "regression-subtotal-misspelt",
    ]
    assert all(Path(CORPUS / name).stat().st_size < 4096 for name in seeds)
