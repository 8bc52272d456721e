"""The contract's rules that JSON Schema cannot express, as a table.

Each rule reads only values the schema has already accepted (and that earlier rules have not
rejected), so one bad value is reported once, by the most basic check that catches it. Which
fields are money or date-times comes from the schema (`_schema.CompiledSchema`), not from here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from itertools import repeat
from typing import Any, Final

from ._contract import MARKET_COUNTRIES, MARKET_CURRENCY, WHITE_LABEL_ONLY
from ._mapping import _Draft, preview
from ._pointer import display_name
from ._result import Severity
from ._schema import CompiledSchema, FieldGroups
from ._types import FieldPattern, JSONPath

_quiet: Callable[[object], bool] | None
try:
    from ._screen import configure as _configure_screen
    from ._screen import quiet as _quiet
except ImportError:  # built without a C compiler (see hatch_build.py): the table alone decides
    _quiet = None

_DAYS: Final = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_TOLERANCE: Final = 0.005
_DECIMAL_TOLERANCE: Final = Decimal("0.005")
_AMOUNTS: Final = ("subtotal", "tax", "bag_fee", "delivery_fee", "tip", "discount", "total")


class Context:
    """What a rule may see: the payload, and which places already carry an error.

    Most payloads reach the rules with no error at all, and most errors sit in another branch
    than the one a rule reads, so the checks below first ask the cheap question: does any error
    sit under this top-level field (``tops``)? Only then do they compare paths.
    """

    __slots__ = ("_covered", "dirty", "payload", "schema", "tops")

    def __init__(
        self, payload: Mapping[str, Any], schema: CompiledSchema, dirty: Iterable[JSONPath] = ()
    ) -> None:
        self.payload = payload
        self.schema = schema
        self.dirty: set[JSONPath] = set()
        self.tops: set[str | int] = set()  # top-level fields with an error at or under them
        # Every dirty path and its ancestors but the root; built when first needed, since most
        # questions end at ``tops``.
        self._covered: set[JSONPath] | None = None
        for path in dirty:
            self.mark(path)

    def mark(self, path: JSONPath) -> None:
        """Record an error at ``path`` (never the root: `run_rules` stops before any rule then).
        Later rules will not read it, its parents or its children."""
        self.dirty.add(path)
        self.tops.add(path[0])
        if self._covered is not None:
            self._covered.update([path[:end] for end in range(1, len(path) + 1)])

    def clean(self, path: JSONPath) -> bool:
        """True when no error sits at, above or below ``path`` (not the root)."""
        if path[0] not in self.tops:
            return True
        covered = self._covered
        if covered is None:
            covered = self._covered = {
                bad[:end] for bad in self.dirty for end in range(1, len(bad) + 1)
            }
        if path in covered:
            return False
        dirty = self.dirty
        for end in range(1, len(path)):  # noqa: SIM110 - no generator on the hot path
            if path[:end] in dirty:
                return False
        return True

    def clean_fields(self, parent: JSONPath, names: tuple[str, ...], *, entries: bool) -> bool:
        """True when no error touches the fields ``names`` of ``parent`` (of each entry of the
        array ``parent`` when ``entries``): what a rule reads, and nothing else."""
        if parent[0] not in self.tops:
            return True
        depth = len(parent) + (1 if entries else 0)
        for bad in self.dirty:
            if bad[: len(parent)] != parent[: len(bad)]:
                continue  # another branch of the document
            if len(bad) <= depth or bad[depth] in names:
                return False
        return True

    def fields(self, groups: FieldGroups) -> list[tuple[JSONPath, dict[str, Any], tuple[str, ...]]]:
        """(path, object, field names) for every object that a group of fields lives in.

        A group's parent pattern has None for "any index of this array". The shapes this schema
        uses (the root, a top-level object, the entries of a top-level array) skip the general
        walk.
        """
        found: list[tuple[JSONPath, dict[str, Any], tuple[str, ...]]] = []
        payload = self.payload
        for parent, names in groups:
            size = len(parent)
            if not size:
                found.append(((), payload, names))  # type: ignore[arg-type]
                continue
            name = parent[0]
            if size == 1 and name is not None:
                node = payload.get(name)
                if node.__class__ is dict:
                    found.append(((name,), node, names))
            elif size == 2 and name is not None and parent[1] is None:
                entries = payload.get(name)
                if entries.__class__ is list:
                    for index, entry in enumerate(entries):
                        if entry.__class__ is dict:
                            found.append(((name, index), entry, names))
            else:
                for path, node in self._walk(parent):
                    found.append((path, node, names))
        return found

    def _walk(self, pattern: FieldPattern) -> list[tuple[JSONPath, dict[str, Any]]]:
        frontier: list[tuple[JSONPath, Any]] = [((), self.payload)]
        for segment in pattern:
            following: list[tuple[JSONPath, Any]] = []
            for path, node in frontier:
                if segment is None:
                    if node.__class__ is list:
                        following.extend(((*path, i), v) for i, v in enumerate(node))
                elif node.__class__ is dict and segment in node:
                    following.append(((*path, segment), node[segment]))
            frontier = following
        return [(path, node) for path, node in frontier if node.__class__ is dict]

    def instant(self, name: str) -> str | None:
        """A sortable key for the top-level UTC time ``name``, when present and error-free.

        The schema fixed the shape, so the first 19 characters sort like the instant. A zero
        fraction and the zone suffix are dropped and other fractions padded to 6 digits, so
        09:00:00, 09:00:00.000Z and 09:00:00+00:00 compare equal and 09:00:00.5 sorts after them.
        """
        text = self.payload.get(name)
        if not isinstance(text, str) or name in self.tops:
            return None
        if len(text) == 19:  # the common shape: no fraction, no zone
            return text
        if text[19] != ".":
            return text[:19]
        digits = text[20:].rstrip("Z").split("+", 1)[0].rstrip("0")
        return f"{text[:19]}.{digits:0<6}" if digits else text[:19]


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


def _datetime_invalid(ctx: Context, out: list[Finding]) -> None:
    for base, node, names in ctx.fields(ctx.schema.datetime_fields):
        for name in names:
            value = node.get(name)
            # Days up to 28 exist in every month: only later ones need the calendar.
            if value.__class__ is not str or (value[8:10] <= "28" and value[0:4] != "0000"):
                continue
            path = (*base, name)
            # Only a value the schema accepted has the shape day_exists reads.
            if ctx.clean(path) and not day_exists(value):
                out.append(
                    (
                        path,
                        f"{display_name(path)} is not a real date: {preview(value[:10])} "
                        "does not exist.",
                        "Check the day against the month (February has 28 days, 29 in leap years).",
                    )
                )


def _money_precision(ctx: Context, out: list[Finding]) -> None:
    for base, node, names in ctx.fields(ctx.schema.money_fields):
        for name in names:
            value = node.get(name)
            if value.__class__ is not float or _cents(value):
                continue  # an int has no decimals
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


def _cents(value: float) -> bool:
    """Whether a float is the double nearest some amount with at most 2 decimal places.

    Same answer as ``value == round(value, 2)``, faster: for such an amount ``round(value * 100)``
    is the exact number of cents and dividing it by 100 is correctly rounded back to ``value``.
    Beyond 2**53 cents the multiplication is no longer exact, so round() decides.
    """
    if -9e13 < value < 9e13:
        return round(value * 100) / 100 == value
    return value == round(value, 2)


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
    if (
        price.__class__ is not dict
        or "total" not in price
        or not ctx.clean_fields(("order_price_info",), _AMOUNTS, entries=False)
    ):
        return
    # Every amount has at most 2 decimals here (money_precision ran first), so any real
    # difference is at least 0.01 and float error is far below the 0.005 tolerance. The schema
    # bounds the amounts, so ints and floats mix exactly as float() would make them.
    get = price.get
    expected = (
        get("subtotal", 0)
        + get("tax", 0)
        + get("bag_fee", 0)
        + get("delivery_fee", 0)
        + get("tip", 0)
        - get("discount", 0)
    )
    total = price["total"]
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
    if items.__class__ is not list or price.__class__ is not dict:
        return
    for item in items:
        if item.__class__ is not dict or "unit_price" not in item:
            return  # without every unit price there is nothing to compare with
    if not ctx.clean_fields(("items",), ("quantity", "unit_price"), entries=True) or not ctx.clean(
        ("order_price_info", "subtotal")
    ):
        return
    subtotal = price.get("subtotal")
    if subtotal is None:
        return
    approximate = 0.0
    for item in items:
        approximate += item["quantity"] * item["unit_price"]
    gap = abs(approximate - subtotal)
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
    if items.__class__ is not list or len(items) < 2:
        return
    if "items" not in ctx.tops:
        # The usual case, decided in C: every entry is an object with its own item_id.
        try:
            if len(set(map(dict.get, items, repeat("item_id")))) == len(items):
                return
        except TypeError:  # an entry that is not an object, or an id that cannot be hashed
            pass
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        item_id = item.get("item_id") if item.__class__ is dict else None
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
    payload = ctx.payload
    if (
        "cancel_details" in payload
        and payload.get("order_status") == "NEW"
        and "order_status" not in ctx.tops
        and "cancel_details" not in ctx.tops
    ):
        out.append(
            (
                ("cancel_details",),
                "cancel_details is only meaningful on a CANCELLED order; this order is NEW.",
                "Remove cancel_details, or set order_status to CANCELLED.",
            )
        )


def _white_label_only(ctx: Context, out: list[Finding]) -> None:
    payload = ctx.payload
    service = payload.get("order_service")
    if service.__class__ is not str or service == "W":
        return
    tops = ctx.tops
    if "order_service" in tops:
        return
    for name in WHITE_LABEL_ONLY:
        if name in payload and name not in tops:
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
    if details.__class__ is not dict:
        return
    market = ctx.payload.get("market")
    allowed = MARKET_COUNTRIES.get(market) if market.__class__ is str else None
    country = details.get("country")
    if allowed is None or country.__class__ is not str or country in allowed:
        return
    path: JSONPath = ("delivery_details", "country")
    if "market" not in ctx.tops and ctx.clean(path):
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

# The table as the loop below reads it: (code, is an error, check, schema_path).
_PLAN: Final = tuple(
    (rule.code, rule.severity == "error", rule.check, f"rule:{rule.code}") for rule in RULES
)


class _Screen:
    """The compiled screen (`_screen.c`) in front of the table, when it was built.

    It answers "can no rule fire here?" in C, from the same values the rules read, and answers
    yes only when sure; otherwise the table runs. An error at some place only ever stops a rule
    from firing, so a payload the screen finds quiet stays quiet whatever the schema rejected.
    It is told the schema's field groups and the names the rules above read, so it restates
    nothing; tests/test_fast_paths.py checks it against the table on every rule's defects.
    """

    def __init__(self) -> None:
        self._told: tuple[FieldGroups, FieldGroups] | None = None

    def quiet(self, payload: dict[str, Any], schema: CompiledSchema) -> bool:
        if _quiet is None:
            return False
        told = self._told
        if (
            told is None
            or told[0] is not schema.datetime_fields
            or told[1] is not schema.money_fields
        ):
            _configure_screen(
                datetime_groups=schema.datetime_fields,
                money_groups=schema.money_fields,
                slot_start="start_delivery_slot_time",
                slot_end="end_delivery_slot_time",
                pickup="pickup_ready_time",
                price="order_price_info",
                sum=("subtotal", "tax", "bag_fee", "delivery_fee", "tip"),
                minus="discount",
                total="total",
                items="items",
                quantity="quantity",
                unit_price="unit_price",
                subtotal="subtotal",
                item_id="item_id",
                cancel="cancel_details",
                service="order_service",
                white_label="W",
                white_label_only=WHITE_LABEL_ONLY,
                details="delivery_details",
                country="country",
                market="market",
                market_countries=dict(MARKET_COUNTRIES),
            )
            self._told = (schema.datetime_fields, schema.money_fields)
        try:
            return _quiet(payload)
        except Exception:  # noqa: BLE001 - only memory errors get here; the table still decides
            return False


_SCREEN: Final = _Screen()


def run_rules(
    payload: Any, schema: CompiledSchema, error_paths: Iterable[JSONPath]
) -> tuple[list[_Draft], list[_Draft]]:
    """Run every rule over a payload whose schema errors sit at ``error_paths``.

    Returns (errors, warnings). An error found by one rule hides its field from later rules.
    """
    if payload.__class__ is not dict or _SCREEN.quiet(payload, schema):
        return [], []
    ctx = Context(payload, schema)
    for path in error_paths:
        if not path:
            return [], []  # the order itself is not an object: there is nothing to read
        ctx.mark(path)
    errors: list[_Draft] = []
    warnings: list[_Draft] = []
    found: list[Finding] = []
    for code, is_error, check, schema_path in _PLAN:
        check(ctx, found)
        if not found:
            continue
        for path, message, hint in found:
            draft = _Draft(path, code, message, hint, schema_path)
            if is_error:
                errors.append(draft)
                ctx.mark(path)
            else:
                warnings.append(draft)
        found.clear()
    return errors, warnings
