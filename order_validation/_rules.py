"""The contract's rules that JSON Schema cannot express, as a table.

Each rule reads only values the schema has already accepted (and that earlier rules have not
rejected), so one bad value is reported once, by the most basic check that catches it. Which
fields are money or date-times comes from the schema (`_schema.CompiledSchema`), not from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final

from ._contract import MARKET_COUNTRIES, MARKET_CURRENCY, WHITE_LABEL_ONLY
from ._mapping import _Draft, preview
from ._pointer import display_name
from ._result import Severity
from ._schema import CompiledSchema
from ._types import FieldPattern, JSONPath

_DAYS: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_TOLERANCE: Final = 0.005
_DECIMAL_TOLERANCE: Final = Decimal("0.005")
_AMOUNTS: Final = ("subtotal", "tax", "bag_fee", "delivery_fee", "tip", "discount", "total")


class Context:
    """What a rule may see: the payload, and which places already carry an error."""

    __slots__ = ("_covered", "dirty", "payload", "schema")

    def __init__(self, payload: Mapping[str, Any], schema: CompiledSchema, dirty: set[JSONPath]):
        self.payload = payload
        self.schema = schema
        self.dirty: set[JSONPath] = set()
        self._covered: set[JSONPath] = set()  # every dirty path and all its ancestors
        for path in dirty:
            self.mark(path)

    def mark(self, path: JSONPath) -> None:
        """Record an error at ``path``: later rules will not read it, its parents or children."""
        self.dirty.add(path)
        self._covered.update(path[:i] for i in range(len(path) + 1))

    def clean(self, path: JSONPath) -> bool:
        """True when no error sits at, above or below ``path``."""
        dirty = self.dirty
        if not dirty:
            return True
        if path in self._covered:
            return False
        for end in range(len(path)):  # noqa: SIM110 - no generator on the hot path
            if path[:end] in dirty:
                return False
        return True

    def clean_fields(self, parent: JSONPath, names: tuple[str, ...], *, entries: bool) -> bool:
        """True when no error touches the fields ``names`` of ``parent`` (of each entry of the
        array ``parent`` when ``entries``): what a rule reads, and nothing else."""
        depth = len(parent) + (1 if entries else 0)
        for bad in self.dirty:
            if bad[: len(parent)] != parent[: len(bad)]:
                continue  # another branch of the document
            if len(bad) <= depth or bad[depth] in names:
                return False
        return True

    def parents(self, pattern: FieldPattern) -> list[tuple[JSONPath, Mapping[str, Any]]]:
        """Every object matching a field pattern (None stands for any array index)."""
        if not pattern:
            return [((), self.payload)]
        name = pattern[0]
        if len(pattern) == 1 and name is not None:
            # The common cases, without the general loop: a top-level object such as
            # order_price_info, and the entries of a top-level array such as items.
            node = self.payload.get(name)
            return [((name,), node)] if isinstance(node, dict) else []
        if len(pattern) == 2 and name is not None and pattern[1] is None:
            entries = self.payload.get(name)
            if entries.__class__ is not list:
                return []
            return [((name, i), e) for i, e in enumerate(entries) if isinstance(e, dict)]
        frontier: list[tuple[JSONPath, Any]] = [((), self.payload)]
        for segment in pattern:
            following: list[tuple[JSONPath, Any]] = []
            for path, node in frontier:
                if segment is None:
                    if isinstance(node, list):
                        following.extend(((*path, i), v) for i, v in enumerate(node))
                elif isinstance(node, dict) and segment in node:
                    following.append(((*path, segment), node[segment]))
            frontier = following
        return [(path, node) for path, node in frontier if isinstance(node, dict)]

    def instant(self, name: str) -> str | None:
        """A sortable key for the top-level UTC time ``name``, when present and error-free.

        The schema fixed the shape, so the first 19 characters sort like the instant; the
        fraction is padded so 09:00:00 and 09:00:00.000 compare equal.
        """
        text = self.payload.get(name)
        if not isinstance(text, str) or not self.clean((name,)):
            return None
        if len(text) > 19 and text[19] == ".":
            digits = text[20:].rstrip("Z").split("+", 1)[0]
            return f"{text[:19]}.{digits:0<6}"
        return f"{text[:19]}.000000"


Finding = tuple[JSONPath, str, "str | None"]
Check = Callable[[Context, list[Finding]], None]


@dataclass(frozen=True, slots=True)
class Rule:
    """One check beyond the schema. ``code`` names it in issues and in ``schema_path``."""

    code: str
    severity: Severity
    check: Check


def day_exists(text: str) -> bool:
    """Whether the date of a schema-valid UTC time exists (the schema bounds day to 01-31)."""
    if text[8:10] <= "28":
        return text[:4] != "0000"
    year, month, day = int(text[0:4]), int(text[5:7]), int(text[8:10])
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return year > 0 and day <= (29 if month == 2 and leap else _DAYS[month - 1])


def _cents(value: float) -> bool:
    """Whether a float is the double nearest some amount with at most 2 decimal places.

    Same answer as ``value == round(value, 2)``, faster: for such an amount ``round(value * 100)``
    is the exact number of cents and dividing it by 100 is correctly rounded back to ``value``.
    Beyond 2**53 cents the multiplication is no longer exact, so round() decides.
    """
    if -9e13 < value < 9e13:
        return round(value * 100) / 100 == value
    return value == round(value, 2)


def _datetime_invalid(ctx: Context, out: list[Finding]) -> None:
    for parent, names in ctx.schema.datetime_fields:
        for base, node in ctx.parents(parent):
            for name in names:
                value = node.get(name)
                # Days up to 28 exist in every month: only later ones need the calendar.
                if value.__class__ is not str or (value[8:10] <= "28" and value[0:4] != "0000"):
                    continue
                path = (*base, name)
                if ctx.clean(path) and not day_exists(value):
                    out.append(
                        (
                            path,
                            f"{display_name(path)} is not a real date: {preview(value[:10])} "
                            "does not exist.",
                            "Check the day against the month (February has 28 days, 29 in "
                            "leap years).",
                        )
                    )


def _money_precision(ctx: Context, out: list[Finding]) -> None:
    for parent, names in ctx.schema.money_fields:
        for base, node in ctx.parents(parent):
            for name in names:
                value = node.get(name)
                if value.__class__ is not float or _cents(value):
                    continue
                path = (*base, name)
                if ctx.clean(path):
                    out.append(
                        (
                            path,
                            f"{display_name(path)} must have at most 2 decimal places; "
                            f"{value!r} has more.",
                            f"Round to cents, for example {round(value, 2):.2f}.",
                        )
                    )


def _slot_window_order(ctx: Context, out: list[Finding]) -> None:
    start = ctx.instant("start_delivery_slot_time")
    end = ctx.instant("end_delivery_slot_time")
    if start is not None and end is not None and end <= start:
        out.append(
            (
                ("end_delivery_slot_time",),
                "end_delivery_slot_time must be after start_delivery_slot_time.",
                f"The slot starts at {ctx.payload['start_delivery_slot_time']}.",
            )
        )


def _pickup_after_slot(ctx: Context, out: list[Finding]) -> None:
    pickup = ctx.instant("pickup_ready_time")
    end = ctx.instant("end_delivery_slot_time")
    if pickup is not None and end is not None and pickup >= end:
        out.append(
            (
                ("pickup_ready_time",),
                "pickup_ready_time must be before end_delivery_slot_time, or the slot cannot be "
                "met.",
                f"The slot ends at {ctx.payload['end_delivery_slot_time']}.",
            )
        )


def _price_total_mismatch(ctx: Context, out: list[Finding]) -> None:
    price = ctx.payload.get("order_price_info")
    # Only the amounts matter: a wrong currency or an unknown key does not hide a bad total.
    if not isinstance(price, dict) or not ctx.clean_fields(
        ("order_price_info",), _AMOUNTS, entries=False
    ):
        return
    # Every amount has at most 2 decimals here (money_precision ran first), so any real
    # difference is at least 0.01 and float error is far below the 0.005 tolerance.
    get = price.get
    expected = (
        float(get("subtotal", 0))
        + float(get("tax", 0))
        + float(get("bag_fee", 0))
        + float(get("delivery_fee", 0))
        + float(get("tip", 0))
        - float(get("discount", 0))
    )
    if "total" not in price:
        return
    total = float(price["total"])
    if abs(total - expected) > _TOLERANCE:
        out.append(
            (
                ("order_price_info", "total"),
                f"order_price_info.total is {total:.2f} but subtotal + tax + bag_fee + "
                f"delivery_fee + tip - discount come to {expected:.2f}.",
                f"Expected {expected:.2f}.",
            )
        )


def _subtotal_mismatch(ctx: Context, out: list[Finding]) -> None:
    items = ctx.payload.get("items")
    price = ctx.payload.get("order_price_info")
    if (
        not isinstance(items, list)
        or not isinstance(price, dict)
        or not all(isinstance(item, dict) and "unit_price" in item for item in items)
        or not ctx.clean_fields(("items",), ("quantity", "unit_price"), entries=True)
        or not ctx.clean(("order_price_info", "subtotal"))
    ):
        return
    subtotal = price.get("subtotal")
    if subtotal is None:
        return
    approximate = sum(float(item["quantity"]) * float(item["unit_price"]) for item in items)
    gap = abs(approximate - float(subtotal))
    if gap < _TOLERANCE - 1e-6:
        return
    if gap <= _TOLERANCE + 1e-6:
        # Too close to call in binary floats: decide exactly on what the client wrote.
        exact = sum(
            (Decimal(repr(item["quantity"])) * Decimal(repr(item["unit_price"])) for item in items),
            Decimal(0),
        )
        if abs(exact - Decimal(repr(subtotal))) <= _DECIMAL_TOLERANCE:
            return
    out.append(
        (
            ("order_price_info", "subtotal"),
            f"order_price_info.subtotal is {subtotal} but quantity x unit_price over the items "
            f"comes to {approximate:.2f}.",
            "Check the subtotal, or the items' quantities and unit prices.",
        )
    )


def _duplicate_item(ctx: Context, out: list[Finding]) -> None:
    items = ctx.payload.get("items")
    if not isinstance(items, list):
        return
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        item_id = item.get("item_id") if isinstance(item, dict) else None
        if not isinstance(item_id, str):
            continue
        seen = first.setdefault(item_id, index)
        if seen != index and ctx.clean(("items", index, "item_id")):
            out.append(
                (
                    ("items", index, "item_id"),
                    f"items[{index}].item_id {preview(item_id)} repeats items[{seen}]; list each "
                    "item once with its total quantity.",
                    None,
                )
            )


def _cancel_details_on_new(ctx: Context, out: list[Finding]) -> None:
    if (
        "cancel_details" in ctx.payload
        and ctx.payload.get("order_status") == "NEW"
        and ctx.clean(("order_status",))
        and ctx.clean(("cancel_details",))
    ):
        out.append(
            (
                ("cancel_details",),
                "cancel_details is only meaningful on a CANCELLED order; this order is NEW.",
                "Remove cancel_details, or set order_status to CANCELLED.",
            )
        )


def _white_label_only(ctx: Context, out: list[Finding]) -> None:
    service = ctx.payload.get("order_service")
    if not isinstance(service, str) or service == "W" or not ctx.clean(("order_service",)):
        return
    for name in WHITE_LABEL_ONLY:
        if name in ctx.payload and ctx.clean((name,)):
            out.append(
                (
                    (name,),
                    f"{name} applies only to white label orders (order_service W); this "
                    f"order's service is {service}, so it will be ignored.",
                    None,
                )
            )


def _country_market_mismatch(ctx: Context, out: list[Finding]) -> None:
    details = ctx.payload.get("delivery_details")
    if not isinstance(details, dict):
        return
    market = ctx.payload.get("market")
    country = details.get("country")
    allowed = MARKET_COUNTRIES.get(market) if isinstance(market, str) else None
    path: JSONPath = ("delivery_details", "country")
    if (
        allowed is not None
        and isinstance(country, str)
        and country not in allowed
        and ctx.clean(("market",))
        and ctx.clean(path)
    ):
        out.append(
            (
                path,
                f"delivery_details.country {country} is outside market {market} "
                f"(orders priced in {MARKET_CURRENCY.get(str(market))}).",
                "Check the market and the delivery address.",
            )
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
    payload: Any, schema: CompiledSchema, error_paths: Iterable[JSONPath]
) -> tuple[list[_Draft], list[_Draft]]:
    """Run every rule over a payload whose schema errors sit at ``error_paths``.

    Returns (errors, warnings). An error found by one rule hides its field from later rules.
    """
    dirty = set(error_paths)
    if not isinstance(payload, dict) or () in dirty:
        return [], []
    ctx = Context(payload, schema, dirty)
    errors: list[_Draft] = []
    warnings: list[_Draft] = []
    found: list[Finding] = []
    for rule in RULES:
        rule.check(ctx, found)
        if not found:
            continue
        target = errors if rule.severity == "error" else warnings
        for path, message, hint in found:
            target.append(_Draft(path, rule.code, message, hint, f"rule:{rule.code}"))
            if rule.severity == "error":
                ctx.mark(path)
        found.clear()
    return errors, warnings
