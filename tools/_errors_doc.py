"""Render docs/errors.md from `order_validation._codes.CODES`, with real example issues.

The code table is the one the library uses. Each example message is not copied from the table
but produced by validating a shipped example order with exactly one defect, so the page shows
what callers will actually see; `EXAMPLES` lists those one-defect payloads. A code without a
practical payload (``internal_error``) falls back to the table's own example.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from order_validation import Issue, ValidationResult, validate, validate_json
from order_validation._codes import CODES, CodeInfo

ROOT = Path(__file__).resolve().parent.parent
HEADERS = {"WM_CONSUMER.ID": "2d6cf199-9b07-4350-bb2b9-0db3c2"}

Order = dict[str, Any]


def example_order(name: str) -> Order:
    """A fresh copy of ``examples/<name>``."""
    order: Order = json.loads((ROOT / "examples" / name).read_text(encoding="utf-8"))
    return copy.deepcopy(order)


@dataclass(frozen=True, slots=True)
class Example:
    """How to cause one code: a description of the change, and the validation that shows it."""

    code: str
    change: str
    run: Callable[[], ValidationResult]


def _body(name: str, mutate: Callable[[Order], Any]) -> Callable[[], ValidationResult]:
    def run() -> ValidationResult:
        order = example_order(name)
        replaced = mutate(order)
        return validate(order if replaced is None else replaced)

    return run


def _raw(data: bytes, **limits: int) -> Callable[[], ValidationResult]:
    return lambda: validate_json(data, **limits)


def _headers(headers: Any) -> Callable[[], ValidationResult]:
    return lambda: validate(example_order("delivery-order.json"), headers=headers)


def _set(path: tuple[str | int, ...], value: Any) -> Callable[[Order], None]:
    def mutate(order: Order) -> None:
        node: Any = order
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return mutate


def _delete(*path: str | int) -> Callable[[Order], None]:
    def mutate(order: Order) -> None:
        node: Any = order
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return mutate


def _rename(old: str, new: str) -> Callable[[Order], None]:
    def mutate(order: Order) -> None:
        order[new] = order.pop(old)

    return mutate


def _shift_price(order: Order) -> None:
    # Subtotal and total move together, so only the items no longer add up.
    order["order_price_info"]["subtotal"] = 15.48
    order["order_price_info"]["total"] = 22.13


_D = "delivery-order.json"
_W = "white-label-eu.json"
_C = "cancellation.json"
_LINKED = {name: f"[{name}](../examples/{name})" for name in (_D, _W, _C)}
_DEEP = b'{"notes": ' + b"[" * 40 + b"]" * 40 + b"}"

EXAMPLES: tuple[Example, ...] = (
    Example("not_an_object", "the body is an array: `[]`", lambda: validate([])),
    Example("required", f"{_D} without `store_id`", _body(_D, _delete("store_id"))),
    Example(
        "required_for_service",
        f"{_D} without `delivery_details`",
        _body(_D, _delete("delivery_details")),
    ),
    Example(
        "unknown_field",
        f"{_D} with `order_status` misspelt `oder_status`",
        _body(_D, _rename("order_status", "oder_status")),
    ),
    Example(
        "type", f'{_D} with items[0].quantity `"2"`', _body(_D, _set(("items", 0, "quantity"), "2"))
    ),
    Example(
        "enum", f'{_D} with order_status `"PENDING"`', _body(_D, _set(("order_status",), "PENDING"))
    ),
    Example("too_short", f'{_D} with store_id `""`', _body(_D, _set(("store_id",), ""))),
    Example(
        "too_long",
        f"{_D} with a first_name of 101 characters",
        _body(_D, _set(("customer_contact_info", "first_name"), "A" * 101)),
    ),
    Example(
        "blank",
        f'{_D} with first_name `"   "`',
        _body(_D, _set(("customer_contact_info", "first_name"), "   ")),
    ),
    Example("too_few_items", f"{_D} with items `[]`", _body(_D, _set(("items",), []))),
    Example(
        "too_many_items",
        f"{_D} with 21 delivery_instructions",
        _body(
            _D,
            _set(("delivery_instructions",), [{"type": "GENERAL", "text": "Ring twice."}] * 21),
        ),
    ),
    Example(
        "not_unique",
        f'{_D} with special_handling `["FROZEN", "FROZEN"]`',
        _body(_D, _set(("order_summary", "special_handling"), ["FROZEN", "FROZEN"])),
    ),
    Example(
        "out_of_range",
        f"{_D} with items[0].quantity `0`",
        _body(_D, _set(("items", 0, "quantity"), 0)),
    ),
    Example(
        "too_few_properties",
        f"{_W} with delivery_verification `{{}}`",
        _body(_W, _set(("delivery_verification",), {})),
    ),
    Example(
        "datetime_format",
        f'{_D} with pickup_ready_time `"23/02/2024 08:31"`',
        _body(_D, _set(("pickup_ready_time",), "23/02/2024 08:31")),
    ),
    Example(
        "datetime_not_utc",
        f'{_D} with pickup_ready_time `"2024-02-23T08:31:00+05:30"`',
        _body(_D, _set(("pickup_ready_time",), "2024-02-23T08:31:00+05:30")),
    ),
    Example(
        "datetime_invalid",
        f'{_D} with pickup_ready_time `"2023-02-29T08:31:00"`',
        _body(_D, _set(("pickup_ready_time",), "2023-02-29T08:31:00")),
    ),
    Example(
        "language_code",
        f'{_D} with language_isocode `"english"`',
        _body(_D, _set(("language_isocode",), "english")),
    ),
    Example(
        "phone_format",
        f'{_D} with phone_number `"555-0100"`',
        _body(_D, _set(("customer_contact_info", "phone_number"), "555-0100")),
    ),
    Example(
        "email_format",
        f'{_D} with email `"ada@example"`',
        _body(_D, _set(("customer_contact_info", "email"), "ada@example")),
    ),
    Example(
        "country_code",
        f'{_D} with delivery_details.country `"USA"`',
        _body(_D, _set(("delivery_details", "country"), "USA")),
    ),
    Example(
        "url_format",
        f'{_D} with tracking_url `"track.example.com/d/8f2a"`',
        _body(_D, _set(("tracking_url",), "track.example.com/d/8f2a")),
    ),
    Example(
        "identifier_format",
        f'{_D} with external_order_id `" ORD-1"`',
        _body(_D, _set(("external_order_id",), " ORD-1")),
    ),
    Example(
        "integer_quantity",
        f"{_D} with items[0] (uom EACH) quantity `1.5`",
        _body(_D, _set(("items", 0, "quantity"), 1.5)),
    ),
    Example(
        "currency_market_mismatch",
        f'{_D} (market US) with currency `"GBP"`',
        _body(_D, _set(("order_price_info", "currency"), "GBP")),
    ),
    Example(
        "leave_at_door_conflict",
        f"{_W} (leave at door) with an enabled signature",
        _body(_W, _set(("delivery_verification", "signature"), {"enabled": True})),
    ),
    Example(
        "photo_required",
        f"{_W} (leave at door) with picture `false`",
        _body(_W, _set(("delivery_verification", "picture"), False)),
    ),
    Example(
        "reason_text_required",
        f"{_C} (reason_code OTHER) without reason_text",
        _body(_C, _delete("cancel_details", "reason_text")),
    ),
    Example(
        "money_precision",
        f"{_D} with tax `1.165`",
        _body(_D, _set(("order_price_info", "tax"), 1.165)),
    ),
    Example(
        "slot_window_order",
        f"{_D} with the slot ending at 08:30, before it starts at 09:00",
        _body(_D, _set(("end_delivery_slot_time",), "2024-02-23T08:30:00")),
    ),
    Example(
        "pickup_after_slot",
        f"{_D} with pickup ready at 09:45, after the slot ends at 09:30",
        _body(_D, _set(("pickup_ready_time",), "2024-02-23T09:45:00")),
    ),
    Example(
        "price_total_mismatch",
        f"{_D} with total `25.0`",
        _body(_D, _set(("order_price_info", "total"), 25.0)),
    ),
    Example(
        "subtotal_mismatch",
        f"{_D} with subtotal and total both 1.00 higher",
        _body(_D, _shift_price),
    ),
    Example(
        "duplicate_item",
        f"{_D} with items[1].item_id equal to items[0]'s",
        _body(_D, _set(("items", 1, "item_id"), "SKU-1001")),
    ),
    Example(
        "cancel_details_on_new",
        f"{_D} (NEW) with cancel_details",
        _body(_D, _set(("cancel_details",), {"reason_code": "OUT_OF_STOCK"})),
    ),
    Example(
        "white_label_only",
        f"{_D} (service D) with deliverable_action",
        _body(_D, _set(("deliverable_action",), "deliverable_action_meet_at_door")),
    ),
    Example(
        "country_market_mismatch",
        f'{_D} (market US) with delivery_details.country `"FR"`',
        _body(_D, _set(("delivery_details", "country"), "FR")),
    ),
    Example(
        "consumer_id_format",
        f'{_D} with the header `WM_CONSUMER.ID: "abc_def"`',
        _headers({"WM_CONSUMER.ID": "abc_def"}),
    ),
    Example(
        "duplicate_header",
        f"{_D} with `WM_CONSUMER.ID: a` and `wm_consumer.id: b`",
        _headers([("WM_CONSUMER.ID", "a"), ("wm_consumer.id", "b")]),
    ),
    Example(
        "invalid_json",
        'the bytes `{"store_id": "5512" "market": "US"}`',
        _raw(b'{"store_id": "5512" "market": "US"}'),
    ),
    Example(
        "duplicate_key",
        'the bytes `{"store_id": "1", "store_id": "2"}`',
        _raw(b'{"store_id": "1", "store_id": "2"}'),
    ),
    Example(
        "non_finite_number",
        'the bytes `{"order_price_info": {"tax": NaN}}`',
        _raw(b'{"order_price_info": {"tax": NaN}}'),
    ),
    Example(
        "payload_too_large",
        f"{_D}'s bytes with `max_bytes=1024`",
        lambda: validate_json((ROOT / "examples" / _D).read_bytes(), max_bytes=1024),
    ),
    Example(
        "too_deeply_nested",
        "`notes` holding 40 nested arrays",
        _raw(_DEEP),
    ),
    Example(
        "not_json",
        "validate() given items as a Python tuple",
        _body(_D, lambda order: order.__setitem__("items", tuple(order["items"]))),
    ),
)

_SOURCES = {
    "schema": "the schema file: any gateway that loads it enforces this",
    "rule": "a Python rule beyond the schema (the library only)",
    "parse": "strict parsing of raw bytes (`validate_json`)",
    "input": "Python values given to `validate()`",
    "header": "the request headers",
    "internal": "the library itself: it is a bug, returned instead of raised",
}


def shown_issue(example: Example) -> Issue | None:
    """The issue with the example's code, from actually validating the example."""
    result = example.run()
    return next((i for i in result.issues if i.code == example.code), None)


def _source(info: CodeInfo) -> str:
    return _SOURCES.get(info.source, info.source)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _quote(text: str) -> str:
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _pointer(pointer: str) -> str:
    return _quote(pointer) if pointer else '`""` (the whole body)'


def _entry(info: CodeInfo, example: Example | None) -> list[str]:
    lines = [
        f"### `{info.code}`",
        "",
        f"**{info.severity}**, from {_source(info)}.",
        "",
        f"Triggered by: {info.trigger}",
        "",
    ]
    issue = shown_issue(example) if example is not None else None
    if example is not None and issue is not None:
        change = example.change
        for name, link in _LINKED.items():
            change = change.replace(name, link, 1) if change.startswith(name) else change
        lines += [
            f"Example: {change}.",
            "",
            f"- pointer: {_pointer(issue.pointer)}",
            f"- message: {issue.message}",
        ]
        if issue.hint:
            lines.append(f"- hint: {issue.hint}")
    else:
        lines += [
            "Example (from the code table):",
            "",
            f"- pointer: {_pointer(info.example_pointer)}",
            f"- message: {info.example_message}",
        ]
    lines.append("")
    return lines


_INTRO = """\
Every issue carries `code` (stable, for machines), `pointer` (RFC 6901 JSON Pointer of the
offending value, or where a missing field would be; `""` is the whole body), `message` (one
sentence for people; wording may change between versions, codes do not), `severity`
(`error` or `warning`; warnings never make an order invalid), `hint` (or null), `location`
(`body` or `header`) and `schema_path` (the schema keyword, or `rule:<code>` for a Python
rule). Example messages below come from validating a shipped example order with one defect."""


def render() -> str:
    """The whole of docs/errors.md."""
    by_code = {example.code: example for example in EXAMPLES}
    lines = [
        "# Error codes",
        "",
        "<!-- Generated by `python -m tools.gen_docs` from order_validation/_codes.py and real "
        "validation results. Do not edit by hand. -->",
        "",
        _INTRO,
        "",
        "| Code | Severity | Source | Triggered by |",
        "|---|---|---|---|",
    ]
    for info in CODES.values():
        lines.append(
            f"| [`{info.code}`](#{info.code}) | {info.severity} | {info.source} | "
            f"{_cell(info.trigger)} |"
        )
    lines.append("")
    for info in CODES.values():
        lines += _entry(info, by_code.get(info.code))
    return "\n".join(lines).rstrip() + "\n"
