"""The contract's rules that JSON Schema cannot express, as a table.

Each rule reads only values the schema has already accepted (and that earlier rules have not
rejected), so one bad value is reported once, by the most basic check that catches it. Which
fields are money or date-times comes from the schema (`_schema.CompiledSchema`), not from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from ._contract import MARKET_COUNTRIES, MARKET_CURRENCY, WHITE_LABEL_ONLY
from ._mapping import _Draft, preview
from ._pointer import display_name
from ._result import Severity
from ._schema import CompiledSchema, FieldPattern, JSONPath

_DAYS: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_TOLERANCE: Final = 0.005
_DECIMAL_TOLERANCE: Final = Decimal("0.005")
_PRICE_PARTS: Final = ("subtotal", "tax", "bag_fee", "delivery_fee", "tip")

# A UTC time as a tuple compares like the instant it names (all times are UTC here).
Instant = tuple[int, int, int, int, int, int, int]


def parse_utc(text: str) -> Instant | None:
    """Parse a date-time the schema accepted; None when the day does not exist in its month."""
    year, month, day = int(text[0:4]), int(text[5:7]), int(text[8:10])
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    last = 29 if month == 2 and leap else _DAYS[month - 1]
    if year < 1 or day > last:
        return None
    micro = 0
    if len(text) > 19 and text[19] == ".":
        digits = text[20:].rstrip("Z").split("+", 1)[0]
        micro = int(digits.ljust(6, "0"))
    return (year, month, day, int(text[11:13]), int(text[14:16]), int(text[17:19]), micro)


class Context:
    """What a rule may see: the payload, and which places already carry an error."""

    def __init__(self, payload: Mapping[str, Any], schema: CompiledSchema, dirty: set[JSONPath]):
        self.payload = payload
        self.schema = schema
        self.dirty = dirty
        self.instants: dict[JSONPath, Instant] = {}

    def clean(self, path: JSONPath) -> bool:
        """True when no error sits at, above or below ``path``."""
        if not self.dirty:
            return True
        size = len(path)
        for bad in self.dirty:
            common = min(size, len(bad))
            if path[:common] == bad[:common]:
                return False
        return True

    def get(self, path: JSONPath) -> Any:
        node: Any = self.payload
        for segment in path:
            if isinstance(segment, int):
                if not isinstance(node, list) or segment >= len(node):
                    return None
            elif not isinstance(node, Mapping) or segment not in node:
                return None
            node = node[segment]
        return node

    def expand(self, pattern: FieldPattern) -> Iterator[tuple[JSONPath, Any]]:
        """Every present value matching a field pattern (None stands for any array index)."""
        frontier: list[tuple[JSONPath, Any]] = [((), self.payload)]
        for segment in pattern:
            following: list[tuple[JSONPath, Any]] = []
            for path, node in frontier:
                if segment is None:
                    if isinstance(node, list):
                        following.extend(((*path, i), v) for i, v in enumerate(node))
                elif isinstance(node, Mapping) and segment in node:
                    following.append(((*path, segment), node[segment]))
            frontier = following
        return iter(frontier)

    def instant(self, name: str) -> Instant | None:
        """The parsed top-level date-time ``name`` when present and error-free."""
        path = (name,)
        return self.instants.get(path) if self.clean(path) else None


@dataclass(frozen=True, slots=True)
class Finding:
    path: JSONPath
    message: str
    hint: str | None = None


@dataclass(frozen=True, slots=True)
class Rule:
    """One check beyond the schema. ``code`` names it in issues and in ``schema_path``."""

    code: str
    severity: Severity
    check: Callable[[Context], Iterator[Finding]]


def _datetime_invalid(ctx: Context) -> Iterator[Finding]:
    for pattern in ctx.schema.datetime_fields:
        for path, value in ctx.expand(pattern):
            if not isinstance(value, str) or not ctx.clean(path):
                continue
            parsed = parse_utc(value)
            if parsed is None:
                yield Finding(
                    path,
                    f"{display_name(path)} is not a real date: {preview(value[:10])} does not "
                    "exist.",
                    "Check the day against the month (February has 28 days, 29 in leap years).",
                )
            else:
                ctx.instants[path] = parsed


def _money_precision(ctx: Context) -> Iterator[Finding]:
    for pattern in ctx.schema.money_fields:
        for path, value in ctx.expand(pattern):
            if isinstance(value, float) and value != round(value, 2) and ctx.clean(path):
                yield Finding(
                    path,
                    f"{display_name(path)} must have at most 2 decimal places; {value!r} has more.",
                    f"Round to cents, for example {round(value, 2):.2f}.",
                )


def _slot_window_order(ctx: Context) -> Iterator[Finding]:
    start = ctx.instant("start_delivery_slot_time")
    end = ctx.instant("end_delivery_slot_time")
    if start is not None and end is not None and end <= start:
        yield Finding(
            ("end_delivery_slot_time",),
            "end_delivery_slot_time must be after start_delivery_slot_time.",
            f"The slot starts at {ctx.payload['start_delivery_slot_time']}.",
        )


def _pickup_after_slot(ctx: Context) -> Iterator[Finding]:
    pickup = ctx.instant("pickup_ready_time")
    end = ctx.instant("end_delivery_slot_time")
    if pickup is not None and end is not None and pickup >= end:
        yield Finding(
            ("pickup_ready_time",),
            "pickup_ready_time must be before end_delivery_slot_time, or the slot cannot be met.",
            f"The slot ends at {ctx.payload['end_delivery_slot_time']}.",
        )


def _price_total_mismatch(ctx: Context) -> Iterator[Finding]:
    price = ctx.payload.get("order_price_info")
    if not isinstance(price, Mapping) or not ctx.clean(("order_price_info",)):
        return
    expected = sum(float(price.get(part, 0)) for part in _PRICE_PARTS)
    expected -= float(price.get("discount", 0))
    total = float(price["total"])
    if abs(total - expected) > _TOLERANCE:
        yield Finding(
            ("order_price_info", "total"),
            f"order_price_info.total is {total:.2f} but subtotal + tax + bag_fee + delivery_fee "
            f"+ tip - discount come to {expected:.2f}.",
            f"Expected {expected:.2f}.",
        )


def _subtotal_mismatch(ctx: Context) -> Iterator[Finding]:
    items = ctx.payload.get("items")
    price = ctx.payload.get("order_price_info")
    if (
        not isinstance(items, list)
        or not isinstance(price, Mapping)
        or not ctx.clean(("items",))
        or not ctx.clean(("order_price_info", "subtotal"))
        or not all(isinstance(item, Mapping) and "unit_price" in item for item in items)
    ):
        return
    # Decimal of the shortest repr is exact for what the client wrote, so 3 x 0.1 is 0.3 here.
    summed = sum(
        (Decimal(repr(item["quantity"])) * Decimal(repr(item["unit_price"])) for item in items),
        Decimal(0),
    )
    subtotal = Decimal(repr(price["subtotal"]))
    if abs(summed - subtotal) > _DECIMAL_TOLERANCE:
        yield Finding(
            ("order_price_info", "subtotal"),
            f"order_price_info.subtotal is {subtotal} but quantity x unit_price over the items "
            f"comes to {summed}.",
            "Check the subtotal, or the items' quantities and unit prices.",
        )


def _duplicate_item(ctx: Context) -> Iterator[Finding]:
    items = ctx.payload.get("items")
    if not isinstance(items, list):
        return
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        path: JSONPath = ("items", index, "item_id")
        item_id = item.get("item_id") if isinstance(item, Mapping) else None
        if not isinstance(item_id, str) or not ctx.clean(path):
            continue
        if item_id in first:
            yield Finding(
                path,
                f"items[{index}].item_id {preview(item_id)} repeats items[{first[item_id]}]; "
                "list each item once with its total quantity.",
            )
        else:
            first[item_id] = index


def _cancel_details_on_new(ctx: Context) -> Iterator[Finding]:
    if (
        ctx.payload.get("order_status") == "NEW"
        and "cancel_details" in ctx.payload
        and ctx.clean(("order_status",))
        and ctx.clean(("cancel_details",))
    ):
        yield Finding(
            ("cancel_details",),
            "cancel_details is only meaningful on a CANCELLED order; this order is NEW.",
            "Remove cancel_details, or set order_status to CANCELLED.",
        )


def _white_label_only(ctx: Context) -> Iterator[Finding]:
    service = ctx.payload.get("order_service")
    if not isinstance(service, str) or service == "W" or not ctx.clean(("order_service",)):
        return
    for name in WHITE_LABEL_ONLY:
        if name in ctx.payload and ctx.clean((name,)):
            yield Finding(
                (name,),
                f"{name} applies only to white label orders (order_service W); this order's "
                f"service is {service}, so it will be ignored.",
            )


def _country_market_mismatch(ctx: Context) -> Iterator[Finding]:
    market = ctx.payload.get("market")
    country = ctx.get(("delivery_details", "country"))
    path: JSONPath = ("delivery_details", "country")
    if (
        isinstance(market, str)
        and isinstance(country, str)
        and market in MARKET_COUNTRIES
        and ctx.clean(("market",))
        and ctx.clean(path)
        and country not in MARKET_COUNTRIES[market]
    ):
        yield Finding(
            path,
            f"delivery_details.country {country} is outside market {market} "
            f"(orders priced in {MARKET_CURRENCY[market]}).",
            "Check the market and the delivery address.",
        )


RULES: Final[tuple[Rule, ...]] = (
    Rule("datetime_invalid", "error", _datetime_invalid),
    Rule("money_precision", "error", _money_precision),
    Rule("slot_window_order", "error", _slot_window_order),
    Rule("pickup_after_slot", "error", _pickup_after_slot),
    Rule("price_total_mismatch", "error", _price_total_mismatch),
    Rule("subtotal_mismatch", "warning", _subtotal_mismatch),
    Rule("duplicate_item", "warning", _duplicate_item),
    Rule("cancel_details_on_new", "warning", _cancel_details_on_new),
    Rule("white_label_only", "warning", _white_label_only),
    Rule("country_market_mismatch", "warning", _country_market_mismatch),
)


def run_rules(
    payload: Any, schema: CompiledSchema, error_paths: Sequence[JSONPath]
) -> tuple[list[_Draft], list[_Draft]]:
    """Run every rule over a payload whose schema errors sit at ``error_paths``.

    Returns (errors, warnings). An error found by one rule hides its field from later rules.
    """
    if not isinstance(payload, Mapping) or () in error_paths:
        return [], []
    ctx = Context(payload, schema, set(error_paths))
    errors: list[_Draft] = []
    warnings: list[_Draft] = []
    for rule in RULES:
        for finding in rule.check(ctx):
            draft = _Draft(
                finding.path, rule.code, finding.message, finding.hint, f"rule:{rule.code}"
            )
            if rule.severity == "error":
                errors.append(draft)
                ctx.dirty.add(finding.path)
            else:
                warnings.append(draft)
    return errors, warnings
