"""Payloads for the parity tests: valid orders and one-defect mutations of them.

The mutation set is driven by the canonical schema (enums, bounds and patterns are read
from it, not restated), plus targeted switches for every conditional rule, so each
schema-level rule is exercised. The QA generator's records
(`order_validation._generate`) are added on top.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from order_validation._generate import generate_records
from tools._convert import ANNOTATIONS, Node, inline, plain
from tools._openapi import FALLBACK_EXAMPLES

ROOT = Path(__file__).resolve().parent.parent.parent
CANONICAL: dict[str, Any] = json.loads((ROOT / "schema/order.schema.json").read_text("utf-8"))
_DELETE = object()

#: Strings every patterned field is probed with: each is close to some field's shape.
PATTERN_PROBES = (
    "2024-02-23T08:31:00+05:30",
    "2024-02-23T08:31:00+00:00",
    "2024-02-23T08:31:00-00:00",
    "2024-02-23T08:31:00Z",
    "2024-02-23T08:31:00.123456",
    "2024-02-23T08:31:00.1234567",
    "2024-13-23T08:31:00",
    "2024-02-32T08:31:00",
    "2024-02-23T24:00:00",
    "2024-02-23T08:60:00",
    "2024-02-23 08:31:00",
    "2024-02-23T08:31:00z",
    "2024-02-29T08:31:00",
    "2023-02-29T08:31:00",
    "en",
    "EN-us",
    "fil",
    "english",
    "e",
    "en_us",
    "en-usa",
    "hi-IN",
    "+14155550100",
    "+0123456",
    "14155550100",
    "+1 4155550100",
    "+1234567890123456",
    "a@b.co",
    "a@@b.co",
    "a@b",
    "a@b.",
    "a b@c.de",
    "@b.co",
    "http://x",
    "https://x.io/a b",
    "ftp://x.io",
    "HTTPS://X.IO/path?q=1#f",
    "http:///x",
    "US",
    "us",
    "USA",
    "G B",
    "GB\n",
    "\nGB",
)
NUMBER_PROBES = (
    0,
    -1,
    -0.01,
    0.5,
    1,
    1.5,
    2.0,
    18,
    25,
    26,
    90.5,
    -180.5,
    9999,
    9999.5,
    10000,
    1e300,
    2**53,
)
WRONG_TYPES: tuple[Any, ...] = (None, True, "text", 7, 1.25, [], {})


def example_orders() -> list[dict[str, Any]]:
    """Every valid order in examples/, the exporter's fallbacks, and a few extra shapes."""
    validator = Draft202012Validator(CANONICAL)
    orders = []
    for path in sorted((ROOT / "examples").glob("*.json")):
        order = json.loads(path.read_text("utf-8"))
        if isinstance(order, dict) and validator.is_valid(order):
            orders.append(order)
    orders += [copy.deepcopy(order) for order in FALLBACK_EXAMPLES.values()]
    leave = copy.deepcopy(FALLBACK_EXAMPLES["W"])
    leave["deliverable_action"] = "deliverable_action_leave_at_door"
    leave["undeliverable_action"] = "leave_at_door"
    leave["delivery_verification"] = {
        "picture": True,
        "signature": {"enabled": False},
        "pincode": {"enabled": False},
        "barcodes": [{"value": "0123456789012", "type": "EAN13"}],
    }
    cancelled = copy.deepcopy(FALLBACK_EXAMPLES["PD"])
    cancelled["order_status"] = "CANCELLED"
    cancelled["cancel_details"] = {
        "reason_code": "OTHER",
        "reason_text": "Customer moved house.",
        "cancelled_by": "CUSTOMER",
        "cancelled_at": "2024-02-23T08:45:00Z",
    }
    orders += [leave, cancelled]
    assert all(validator.is_valid(order) for order in orders)
    return orders


def _schema_at(node: Node | None, key: str | int) -> Node | None:
    if node is None:
        return None
    if isinstance(key, int):
        items = node.keywords.get("items")
        return items if isinstance(items, Node) else None
    found = node.keywords.get("properties", {}).get(key)
    return found if isinstance(found, Node) else None


def _walk(
    value: Any, schema: Node | None, path: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], Any, Node | None]]:
    yield path, value, schema
    if isinstance(value, dict):
        for key, sub in value.items():
            yield from _walk(sub, _schema_at(schema, key), (*path, key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield from _walk(sub, _schema_at(schema, index), (*path, index))


def _replace(order: Any, path: tuple[str | int, ...], new: Any) -> Any:
    result = copy.deepcopy(order)
    if not path:
        return new
    parent = result
    for key in path[:-1]:
        parent = parent[key]
    if new is _DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = new
    return result


def _string_values(value: str, schema: Node | None) -> list[Any]:
    kw = schema.keywords if schema is not None else {}
    values: list[Any] = [
        "",
        " ",
        "\t",
        "\u00a0",
        "\u3000x",
        value + "\n",
        value + " ",
        " " + value,
        value + "\u2028",
        "a\x00b",
        value.lower(),
        value.upper(),
        "\u00e9" + value,
    ]
    values += list(kw.get("enum", []))
    if "enum" in kw:
        values.append(value + "X")
    if isinstance(kw.get("maxLength"), int):
        values += ["x" * kw["maxLength"], "x" * (kw["maxLength"] + 1)]
    if "pattern" in kw:
        values += list(PATTERN_PROBES)
    return values


def _value_mutations(value: Any, schema: Node | None) -> list[Any]:
    values: list[Any] = list(WRONG_TYPES)
    if isinstance(value, bool):
        values += [not value, "true", 1]
    elif isinstance(value, str):
        values += _string_values(value, schema)
    elif isinstance(value, (int, float)):
        values += list(NUMBER_PROBES)
    elif isinstance(value, list):
        values += [value + value[:1], [*value, 1]]
        limit = schema.keywords.get("maxItems") if schema is not None else None
        if value and isinstance(limit, int):
            values.append([copy.deepcopy(value[0]) for _ in range(limit + 1)])
    elif isinstance(value, dict):
        values.append({**value, "zz_unknown": 1})
        if value:
            first = next(iter(value))
            typo = {(first[1:] if k == first else k): v for k, v in value.items()}
            values.append(typo)
    return values


def _shape(schema: Node) -> str:
    """What a field schema asserts, without its annotations (which name the field)."""
    asserted = {k: v for k, v in schema.keywords.items() if k not in ANNOTATIONS}
    return json.dumps(plain(asserted), sort_keys=True)


def mutations(order: dict[str, Any], seen: set[str]) -> Iterator[Any]:
    """One change at a time, at every position of `order`.

    A replacement value already tried against the same field schema (identifiers, text,
    date-times... share theirs) is skipped: `seen` carries those across fields and base
    orders, and keeps the corpus small enough to run under every engine in seconds.
    Removals and the targeted switches always run, since what they break depends on
    the rest of the order.
    """
    root = inline(CANONICAL)
    for path, value, schema in _walk(order, root, ()):
        if path and isinstance(path[-1], str):
            yield _replace(order, path, _DELETE)
        shape = _shape(schema) if schema is not None else "/".join(map(str, path))
        for new in _value_mutations(value, schema) if path else []:
            key = f"{shape} {json.dumps(new, sort_keys=True)[:200]}"
            if key not in seen:
                seen.add(key)
                yield _replace(order, path, new)
    yield from _targeted(order)


def _targeted(order: dict[str, Any]) -> Iterator[Any]:
    """Switches that fire each conditional rule of the schema."""
    for service in ("P", "D", "PD", "W", "X"):
        yield {**copy.deepcopy(order), "order_service": service}
    for market in ("US", "UK", "EU", "FR"):
        for currency in ("USD", "GBP", "EUR", "JPY"):
            changed = copy.deepcopy(order)
            changed["market"] = market
            changed["order_price_info"]["currency"] = currency
            yield changed
    for uom in (None, "EACH", "KG"):
        for quantity in (1, 1.5, 2.0, 0, 9999.5, "1"):
            changed = copy.deepcopy(order)
            item = changed["items"][0]
            item.pop("uom", None)
            if uom is not None:
                item["uom"] = uom
            item["quantity"] = quantity
            yield changed
    for reason, text in (
        ("OTHER", None),
        ("OTHER", "  "),
        ("OTHER", "Moved."),
        ("FRAUD_SUSPECTED", None),
    ):
        changed = copy.deepcopy(order)
        changed["cancel_details"] = {"reason_code": reason}
        if text is not None:
            changed["cancel_details"]["reason_text"] = text
        yield changed
    verifications: list[Any] = [
        {},
        {"picture": False},
        {"picture": True},
        {"signature": {"enabled": True}},
        {"signature": {"enabled": False}},
        {"pincode": {"enabled": True}},
        {"pincode": {"enabled": False}},
        {"identification": {"min_age": 21}},
        {"picture": True, "pincode": {"enabled": True}},
        {"signature": {}},
        {"signature": "yes"},
        {"identification": {"min_age": 17}},
    ]
    actions = [
        ("deliverable_action", "deliverable_action_leave_at_door"),
        ("undeliverable_action", "leave_at_door"),
        ("undeliverable_action", "return"),
    ]
    for field, action in actions:
        for verification in verifications:
            changed = copy.deepcopy(order)
            changed.pop("deliverable_action", None)
            changed.pop("undeliverable_action", None)
            changed[field] = action
            changed["delivery_verification"] = copy.deepcopy(verification)
            yield changed


def generated_payloads(count: int = 300) -> list[Any]:
    """Orders from the QA generator: `count` valid ones and twice as many with one defect.

    Valid records are the orders themselves; invalid ones wrap the order in "payload".
    """
    valid = list(generate_records(count=count, seed=20240223))
    invalid = [r["payload"] for r in generate_records(count=2 * count, seed=20240223, invalid=True)]
    return [*valid, *invalid]


def _finite(value: Any) -> bool:
    try:
        json.dumps(value, allow_nan=False)
    except (ValueError, TypeError):
        return False
    return True


def corpus() -> list[Any]:
    """Every payload once, in a fixed order."""
    seen: set[str] = set()
    payloads: list[Any] = []
    sources: list[Any] = []
    tried: set[str] = set()
    for order in example_orders():
        sources.append(order)
        sources.extend(mutations(order, tried))
    sources.extend(generated_payloads())
    for payload in sources:
        if not _finite(payload):
            continue
        key = json.dumps(payload, sort_keys=True)
        if key not in seen:
            seen.add(key)
            payloads.append(payload)
    return payloads
