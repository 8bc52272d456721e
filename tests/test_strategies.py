"""Properties of the QA generators: the Hypothesis strategies and the seeded bulk generator.

Both drive one recipe and one defect catalogue, so the same properties hold for both:
valid orders draw no issue at all, each invalid order draws exactly its expected issue,
and the raw-bytes entry point agrees with the parsed one on everything generated.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections import Counter
from typing import Any

import pytest
from hypothesis import find, given
from hypothesis import strategies as st

from order_validation import validate, validate_headers, validate_json
from order_validation._generate import generate_records, write_jsonl
from order_validation._recipe import MARKETS, SERVICES, STATUSES
from order_validation._vocabulary import EU_PLACES
from order_validation.strategies import ExpectedIssue, headers, invalid_orders, orders

Case = tuple[Any, ExpectedIssue]


def _summary(payload: Any, **kwargs: Any) -> list[tuple[str, str, str]]:
    return [(i.code, i.pointer, i.severity) for i in validate(payload, **kwargs).issues]


def _expected(expected: ExpectedIssue) -> list[tuple[str, str, str]]:
    return [(expected.code, expected.pointer, expected.severity)]


# --- Hypothesis strategies ---------------------------------------------------------------


@given(orders())
def test_every_generated_order_validates_without_errors_or_warnings(order: dict[str, Any]) -> None:
    assert _summary(order) == []


@given(st.data(), st.sampled_from(SERVICES), st.sampled_from(STATUSES), st.sampled_from(MARKETS))
def test_orders_keep_the_service_status_and_market_asked_for(
    data: st.DataObject, service: str, status: str, market: str
) -> None:
    order = data.draw(orders(service=service, status=status, market=market))
    assert (order["order_service"], order["order_status"], order["market"]) == (
        service,
        status,
        market,
    )
    assert _summary(order) == []


@given(invalid_orders())
def test_every_invalid_order_yields_exactly_its_expected_issue(case: Case) -> None:
    payload, expected = case
    assert _summary(payload) == _expected(expected)


@given(invalid_orders(codes={"duplicate_item", "blank", "required_for_service"}))
def test_invalid_orders_keep_to_the_codes_asked_for(case: Case) -> None:
    payload, expected = case
    assert expected.code in {"duplicate_item", "blank", "required_for_service"}
    assert _summary(payload) == _expected(expected)


@given(st.one_of(orders(), invalid_orders().map(lambda case: case[0])))
def test_validate_json_of_the_dumped_payload_equals_validate(payload: Any) -> None:
    assert validate_json(json.dumps(payload)) == validate(payload)


@given(headers(), orders())
def test_generated_headers_are_valid_alone_and_with_an_order(
    request_headers: dict[str, str], order: dict[str, Any]
) -> None:
    assert validate_headers(request_headers).issues == ()
    assert _summary(order, headers=request_headers) == []


def test_header_names_come_in_other_letter_cases() -> None:
    found = find(headers(), lambda h: "WM_CONSUMER.ID" not in h and len(h) > 1)
    names = [name for name in found if name.upper() == "WM_CONSUMER.ID"]
    assert len(names) == 1
    assert validate_headers(found).issues == ()


def test_shrinking_an_order_keeps_it_valid() -> None:
    found = find(orders(), lambda o: len(o["items"]) >= 3 and "delivery_details" in o)
    assert len(found["items"]) == 3  # shrunk to the smallest order that still matches
    assert _summary(found) == []


def test_shrinking_an_invalid_order_keeps_its_one_issue() -> None:
    payload, expected = find(
        invalid_orders(codes={"price_total_mismatch"}), lambda case: len(case[0]["items"]) >= 2
    )
    assert len(payload["items"]) == 2
    assert _summary(payload) == _expected(expected)


@pytest.mark.parametrize(
    "make",
    [
        lambda: orders(service="X"),
        lambda: orders(status="new"),
        lambda: orders(market="GB"),
        lambda: invalid_orders(codes={"no_such_code"}),
        lambda: invalid_orders(codes=[]),
    ],
    ids=["service", "status", "market", "unknown code", "no code"],
)
def test_bad_arguments_fail_when_the_strategy_is_built(make: Any) -> None:
    with pytest.raises(ValueError, match=r"must be one of|no defect produces|codes is empty"):
        make()


# --- the seeded bulk generator ----------------------------------------------------------


def _jsonl(**kwargs: Any) -> str:
    stream = io.StringIO()
    assert write_jsonl(stream, **kwargs) == kwargs["count"]
    return stream.getvalue()


def test_the_same_seed_gives_byte_identical_output() -> None:
    for invalid in (False, True):
        assert _jsonl(count=200, seed=11, invalid=invalid) == _jsonl(
            count=200, seed=11, invalid=invalid
        )


def test_output_does_not_depend_on_the_process_hash_seed() -> None:
    code = (
        "import sys; from order_validation._generate import write_jsonl; "
        "write_jsonl(sys.stdout, count=300, seed=8, invalid=True)"
    )
    runs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": str(hash_seed)},
            capture_output=True,
            check=True,
        ).stdout
        for hash_seed in (0, 1, 2)
    }
    assert len(runs) == 1
    assert runs.pop().decode("ascii") == _jsonl(count=300, seed=8, invalid=True)


def test_different_seeds_give_different_output() -> None:
    assert _jsonl(count=50, seed=1) != _jsonl(count=50, seed=2)
    assert _jsonl(count=50, seed=1, invalid=True) != _jsonl(count=50, seed=2, invalid=True)


def test_a_shorter_run_is_a_prefix_of_a_longer_one() -> None:
    assert _jsonl(count=300, seed=5).startswith(_jsonl(count=120, seed=5))


def test_output_is_ascii_json_lines_one_record_each() -> None:
    text = _jsonl(count=100, seed=3, invalid=True)
    assert text.isascii()
    lines = text.splitlines()
    assert len(lines) == 100
    assert all(set(json.loads(line)) == {"defect", "expected", "payload"} for line in lines)


def test_every_generated_line_validates_without_issues() -> None:
    for line in _jsonl(count=1500, seed=20240223).splitlines():
        assert validate_json(line).issues == (), line


def test_every_generated_invalid_line_yields_exactly_its_expected_issue() -> None:
    for line in _jsonl(count=1500, seed=20240223, invalid=True).splitlines():
        record = json.loads(line)
        got = [(i.code, i.pointer, i.severity) for i in validate(record["payload"]).issues]
        want = record["expected"]
        assert got == [(want["code"], want["pointer"], want["severity"])], record["defect"]


@pytest.mark.parametrize(
    ("service", "market"), [("PD", "UK"), ("W", "EU"), ("P", None), (None, "US")]
)
def test_service_and_market_filters_hold_for_valid_and_invalid_runs(
    service: str | None, market: str | None
) -> None:
    for record in generate_records(count=300, seed=9, service=service, market=market):
        assert service in (None, record["order_service"])
        assert market in (None, record["market"])
    for record in generate_records(count=300, seed=9, service=service, market=market, invalid=True):
        got = [(i.code, i.pointer, i.severity) for i in validate(record["payload"]).issues]
        assert got == [tuple(record["expected"].values())]


@pytest.mark.parametrize(
    "kwargs",
    [{"count": -1}, {"count": 2.5}, {"seed": "x"}, {"service": "DP"}, {"market": "CA"}],
    ids=["negative count", "fractional count", "text seed", "service", "market"],
)
def test_bad_generator_arguments_raise_before_anything_is_written(kwargs: dict[str, Any]) -> None:
    stream = io.StringIO()
    with pytest.raises(ValueError, match="must be"):
        write_jsonl(stream, **{"count": 10, "seed": 1, **kwargs})
    assert stream.getvalue() == ""


def test_a_run_mixes_every_service_status_market_and_eu_country() -> None:
    records = list(generate_records(count=3000, seed=1))
    assert {(r["order_service"], r["order_status"], r["market"]) for r in records} == {
        (s, t, m) for s in SERVICES for t in STATUSES for m in MARKETS
    }
    countries = {
        r["delivery_details"]["country"]
        for r in records
        if r["market"] == "EU" and "delivery_details" in r
    }
    assert countries == {place.country for place in EU_PLACES}
    assert len(countries) == 27


def test_every_optional_field_is_sometimes_present_and_sometimes_absent() -> None:
    records = list(generate_records(count=3000, seed=2))
    optional = (
        "carrier", "pickup_ready_time", "delivery_instructions", "order_summary",
        "cancel_details", "delivery_details", "estimated_due_time", "tracking_url",
        "delivery_id", "deliverable_action", "undeliverable_action", "delivery_verification",
    )  # fmt: skip
    present = Counter(name for record in records for name in optional if name in record)
    assert all(0 < present[name] < len(records) for name in optional), present
    nested = Counter(
        name
        for record in records
        for part in ("customer_contact_info", "order_price_info")
        for name in record[part]
    )
    assert all(
        0 < nested[name] < len(records)
        for name in ("email", "bag_fee", "delivery_fee", "tip", "discount")
    )


def test_every_defect_of_the_catalogue_turns_up_in_a_long_invalid_run() -> None:
    from order_validation._defects import DEFECTS  # noqa: PLC0415 - only this test needs the table

    seen = {record["defect"] for record in generate_records(count=6000, seed=4, invalid=True)}
    assert seen == {defect.name for defect in DEFECTS}
