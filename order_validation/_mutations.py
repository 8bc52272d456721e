"""Mutations for the defect catalogue: find a value in an order, break it, say where.

Each function here either makes a bad value (``(draw, current) -> value``) or is a whole
mutation (``(order, draw) -> (payload, pointer)``). Mutations change exactly one thing
and keep every other rule satisfied (for example a third decimal on a price moves the
total by less than the 0.005 tolerance), so the one issue they aim at is the only one.
Optional containers a mutation needs (order_summary, cancel_details, ...) are built with
the recipe's own builders, so they are valid before the mutation breaks them.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from order_validation import _recipe as recipe
from order_validation import _vocabulary as vocab

if TYPE_CHECKING:
    from collections.abc import Callable

    from order_validation._draw import Draw

    Mutation = Callable[[dict[str, Any], Draw], tuple[Any, str]]
    MakeValue = Callable[[Draw, Any], Any]

Order = dict[str, Any]
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
DIGITS = "0123456789"


def _escape(segment: str) -> str:
    return segment.replace("~", "~0").replace("/", "~1")


def _any_minute(order: Order) -> int:
    for key in ("start_delivery_slot_time", "estimated_due_time", "pickup_ready_time"):
        if isinstance(order.get(key), str):
            return recipe.parse_minute(order[key])
    return 0


def _place(order: Order, d: Draw) -> vocab.Place:
    return d.choice(vocab.PLACES[order["market"]])


def _identification(order: Order, d: Draw) -> dict[str, Any]:
    recipe.clear_leave_at_door(order)  # any identification conflicts with leave-at-door
    return {"min_age": d.integer(18, 25)}


def _flag(order: Order, d: Draw) -> dict[str, Any]:
    return {"enabled": not recipe.leaves_at_door(order) and d.chance(50)}


# Builders for the optional containers a mutation needs, keyed by field location.
_BUILD: dict[str, Callable[[Order, Draw], Any]] = {
    "/delivery_instructions": lambda o, d: recipe.instructions(d),
    "/order_summary": lambda o, d: recipe.order_summary(d, o["market"], o["items"]),
    "/order_summary/special_handling": lambda o, d: recipe.special_handling(d),
    "/cancel_details": lambda o, d: recipe.cancel_details(d, _any_minute(o)),
    "/delivery_details": lambda o, d: recipe.delivery_details(d, _place(o, d)),
    "/delivery_verification": lambda o, d: recipe.verification(d, leave=recipe.leaves_at_door(o)),
    "/delivery_verification/signature": _flag,
    "/delivery_verification/pincode": _flag,
    "/delivery_verification/identification": _identification,
    "/delivery_verification/barcodes": lambda o, d: recipe.barcodes(d),
}


def _resolve(order: Order, location: str, d: Draw) -> tuple[Any, str]:
    """The node at ``location`` (creating optional containers), and its concrete pointer."""
    node: Any = order
    pointer = ""
    prefix = ""
    for segment in location.split("/")[1:]:
        prefix += "/" + segment
        if segment == "*":
            index = d.integer(0, len(node) - 1)
            node = node[index]
            pointer += f"/{index}"
            continue
        if segment not in node:
            node[segment] = _BUILD[prefix](order, d)
        node = node[segment]
        pointer += "/" + segment
    return node, pointer


def _parent(order: Order, location: str, d: Draw) -> tuple[Any, Any, str]:
    """The container holding ``location``'s value, the key or index in it, and the pointer."""
    head, _, last = location.rpartition("/")
    parent, pointer = _resolve(order, head, d)
    if last == "*":
        index = d.integer(0, len(parent) - 1)
        return parent, index, f"{pointer}/{index}"
    return parent, last, f"{pointer}/{last}"


def set_value(location: str, make: MakeValue) -> Mutation:
    """Replace the value at ``location`` with ``make(draw, current value or None)``."""

    def mutate(order: Order, d: Draw) -> tuple[Any, str]:
        parent, key, pointer = _parent(order, location, d)
        current = parent.get(key) if isinstance(parent, dict) else parent[key]
        parent[key] = make(d, current)
        return order, pointer

    return mutate


def remove(location: str) -> Mutation:
    def mutate(order: Order, d: Draw) -> tuple[Any, str]:
        parent, key, pointer = _parent(order, location, d)
        del parent[key]
        return order, pointer

    return mutate


_UNKNOWN_NAMES = ("x_legacy_ref", "internal_note", "zz", "~tmp/flag", "Ünknown field")


def add_unknown(location: str) -> Mutation:
    def mutate(order: Order, d: Draw) -> tuple[Any, str]:
        node, pointer = _resolve(order, location, d)
        name = d.choice(_UNKNOWN_NAMES)
        node[name] = d.choice((True, "x", 1, None))
        return order, f"{pointer}/{_escape(name)}"

    return mutate


# --- bad values -----------------------------------------------------------------------

_WRONG_TYPES: dict[str, tuple[Any, ...]] = {
    "string": (42, None, True, ["x"], {"value": "x"}),
    "number": ("12.5", None, True, [1]),
    "integer": (1.5, "3", None, True),
    "boolean": ("true", 1, None, 0),
    "object": ("x", 1, None, []),
    "array": ("x", {}, None, 1),
}


def _fresh(value: Any) -> Any:
    """A private copy of a list or dict option, so no two payloads share one object."""
    return copy.deepcopy(value) if isinstance(value, list | dict) else value


def wrong_type(kind: str) -> MakeValue:
    options = _WRONG_TYPES[kind]
    return lambda d, _: _fresh(d.choice(options))


def one_of(*values: Any) -> MakeValue:
    return lambda d, _: _fresh(d.choice(values))


def long_text(prefix: str, alphabet: str, length: int, suffix: str = "") -> MakeValue:
    """A string of at least ``length`` characters: a short drawn chunk repeated."""

    def make(d: Draw, _: Any) -> str:
        size = d.integer(length, length + 40) - len(prefix) - len(suffix)
        chunk = d.text(alphabet, 1, 8)
        return prefix + (chunk * (size // len(chunk) + 1))[:size] + suffix

    return make


def short_id(d: Draw) -> str:
    return f"ID-{d.integer(1, 99999)}"


def bad_identifier(d: Draw, _: Any) -> str:
    base = short_id(d)
    variant = d.integer(0, 6)
    return (
        " " + base,
        base + " ",
        "\t" + base,
        base + "\u00a0",
        base[:2] + "\x07" + base[2:],
        base[:2] + "\x7f" + base[2:],
        "\u3000" + base,
    )[variant]


def utc_time(d: Draw) -> str:
    """A valid time without designator, to be broken."""
    return recipe.render_time(d, d.integer(0, 2_600_000), exact=True)[:19]


def bad_datetime_shape(d: Draw, _: Any) -> str:
    good = utc_time(d)
    return (
        good.replace("T", " "),
        good[:16],
        good[:10],
        good[2:],
        good.replace("-", "/"),
        good + ".1234567",
        good + "z",
        good.replace("T", "t"),
        good + "+0000",
    )[d.integer(0, 8)]


def non_utc(d: Draw, _: Any) -> str:
    return utc_time(d) + d.choice(("+05:30", "-08:00", "-00:00", "+01:00", "+00:30"))


def out_of_range_datetime(d: Draw, _: Any) -> str:
    good = utc_time(d)
    field_start, options = d.choice(
        (
            (5, ("13", "00", "19")),
            (8, ("32", "00", "39")),
            (11, ("24", "25", "29")),
            (14, ("60", "75")),
            (17, ("60", "61")),
        )
    )
    value = good[:field_start] + d.choice(options) + good[field_start + 2 :]
    return value + d.choice(("", "Z", "+00:00"))


def impossible_date(d: Draw, _: Any) -> str:
    day = d.choice(
        (
            "2023-02-29",
            "2024-02-30",
            "2024-04-31",
            "2100-02-29",
            "2025-06-31",
            "2026-09-31",
            "2027-11-31",
        )
    )
    return day + utc_time(d)[10:] + d.choice(("", "Z", "+00:00"))


def newline(make_valid: Callable[[Draw, Any], str]) -> Callable[[Draw, Any], str]:
    """A valid value plus a trailing newline, which Python's ``$`` would let through."""
    return lambda d, current: make_valid(d, current) + "\n"


def phone(d: Draw) -> str:
    return f"+1{d.integer(2_000_000_000, 9_999_999_999)}"


def bad_phone(d: Draw, _: Any) -> str:
    national = str(d.integer(2_000_000_000, 9_999_999_999))
    return (
        national,
        "+0" + national,
        "+1 " + national[:3] + " " + national[3:],
        "+1-" + national,
        "+" + national[:5],
        "+1" + national + "12345",
        "+1" + national[:4] + "O" + national[5:],
    )[d.integer(0, 6)]


def bad_email(d: Draw, _: Any) -> str:
    name = d.choice(vocab.EMAIL_NAMES)
    return (
        f"{name}.example.com",
        f"{name}@@example.com",
        f"{name}@example",
        f"{name} smith@example.com",
        f"{name}@example.com.",
        "@example.com",
        f"{name}@.com",
    )[d.integer(0, 6)]


def email(d: Draw) -> str:
    return f"{d.choice(vocab.EMAIL_NAMES)}@{d.choice(vocab.EMAIL_DOMAINS)}"


def url(d: Draw) -> str:
    return d.choice(vocab.TRACKING_HOSTS) + d.text("0123456789abcdef", 4, 12)


BLANKS = (" ", "   ", "\t", "\u00a0", "\u3000 ", " \n ", "\u2003")


# --- mutations that need more than one value ------------------------------------------


def overfill(location: str) -> Mutation:
    """One entry past the array's maxItems, every entry valid on its own."""

    def mutate(order: Order, d: Draw) -> tuple[Any, str]:
        parent, key, pointer = _parent(order, location, d)
        if location == "/items":
            # Extra lines without unit price keep the subtotal rule out of play; ids stay unique.
            parent[key] = parent[key] + [
                {"item_id": f"QA~{n}", "quantity": 1} for n in range(1001 - len(parent[key]))
            ]
        elif location == "/order_summary/special_handling":
            parent[key] = [*vocab.SPECIAL_HANDLING, d.choice(vocab.SPECIAL_HANDLING)]
        elif location == "/delivery_instructions":
            parent[key] = [{"type": "GENERAL", "text": f"Note {n}."} for n in range(21)]
        else:
            parent[key] = [{"value": f"PKG-{n}", "type": "CODE128"} for n in range(21)]
        return order, pointer

    return mutate


def precision(location: str) -> Mutation:
    """Give a money field a third decimal while every sum stays within its tolerance."""

    def mutate(order: Order, d: Draw) -> tuple[Any, str]:
        thousandths = d.integer(1, 4)
        if location == "/items/*/unit_price":
            items = order["items"]
            index = d.integer(0, len(items) - 1)
            item = items[index]
            cents = (
                recipe.to_cents(item["unit_price"]) if "unit_price" in item else d.integer(1, 999)
            )
            item["unit_price"] = (cents * 10 + thousandths) / 1000
            # Keep subtotal_mismatch out of play: make sure some other line has no unit price.
            others = [i for i in range(len(items)) if i != index]
            if others:
                items[d.choice(others)].pop("unit_price", None)
            else:
                items.append({"item_id": "QA~extra", "quantity": 1})
            return order, f"/items/{index}/unit_price"
        info = order["order_price_info"]
        name = location.rsplit("/", 1)[1]
        cents = recipe.to_cents(info.get(name, 0))
        step = thousandths
        if name == "subtotal" and _every_priced(order) and info["subtotal"] > _items_sum(order):
            step = -thousandths  # move towards the item sum, never away past the tolerance
        info[name] = (cents * 10 + step) / 1000
        return order, f"/order_price_info/{name}"

    return mutate


def _every_priced(order: Order) -> bool:
    return all("unit_price" in item for item in order["items"])


def _items_sum(order: Order) -> float:
    """Sum of quantity x unit price, exactly, in currency units."""
    total: int = sum(
        round(item["quantity"] * 100) * recipe.to_cents(item["unit_price"])
        for item in order["items"]
    )
    return total / 10000


def _reprice(info: dict[str, Any]) -> None:
    """Set total = subtotal + tax + fees + tip - discount, to the cent."""
    cents = {k: recipe.to_cents(v) for k, v in info.items() if k != "currency"}
    total = sum(cents.get(k, 0) for k in ("subtotal", "tax", "bag_fee", "delivery_fee", "tip"))
    info["total"] = recipe.money(total - cents.get("discount", 0))


def total_mismatch(order: Order, d: Draw) -> tuple[Any, str]:
    info = order["order_price_info"]
    total = recipe.to_cents(info["total"])
    delta = d.integer(1, 500)
    info["total"] = recipe.money(total + delta if total < delta or d.chance(50) else total - delta)
    return order, "/order_price_info/total"


def subtotal_mismatch(order: Order, d: Draw) -> tuple[Any, str]:
    for item in order["items"]:
        item.setdefault("unit_price", recipe.money(d.integer(1, 999)))
    info = order["order_price_info"]
    exact = round(_items_sum(order) * 10000)
    subtotal = (exact + 50) // 100 + d.integer(2, 500)
    info["subtotal"] = recipe.money(subtotal)
    if recipe.to_cents(info.get("discount", 0)) > subtotal:
        info["discount"] = recipe.money(subtotal)  # keep the total at or above zero
    _reprice(info)
    return order, "/order_price_info/subtotal"


def duplicate_item(order: Order, d: Draw) -> tuple[Any, str]:
    items = order["items"]
    if len(items) == 1:
        items.append({"item_id": items[0]["item_id"], "quantity": 1})  # unpriced: subtotal rule off
        return order, "/items/1/item_id"
    first = d.integer(0, len(items) - 2)
    second = d.integer(first + 1, len(items) - 1)
    items[second]["item_id"] = items[first]["item_id"]
    return order, f"/items/{second}/item_id"


def slot_reversed(order: Order, d: Draw) -> tuple[Any, str]:
    start = recipe.parse_minute(order["start_delivery_slot_time"])
    if d.chance(50):
        order["end_delivery_slot_time"] = order["start_delivery_slot_time"]
        end = start
    else:
        end = start - d.integer(1, 240)
        order["end_delivery_slot_time"] = recipe.render_time(d, end)
    order["pickup_ready_time"] = recipe.render_time(d, end - d.integer(1, 120))
    return order, "/end_delivery_slot_time"


def pickup_late(order: Order, d: Draw) -> tuple[Any, str]:
    if d.chance(50):
        order["pickup_ready_time"] = order["end_delivery_slot_time"]
    else:
        end = recipe.parse_minute(order["end_delivery_slot_time"])
        order["pickup_ready_time"] = recipe.render_time(d, end + d.integer(1, 240))
    return order, "/pickup_ready_time"


def integer_quantity(order: Order, d: Draw) -> tuple[Any, str]:
    items = order["items"]
    index = d.integer(0, len(items) - 1)
    item = items[index]
    if d.chance(50):
        item["uom"] = "EACH"
    else:
        item.pop("uom", None)
    item["quantity"] = d.integer(0, 500) + d.choice((0.5, 0.25, 0.01, 0.99))
    return order, f"/items/{index}/quantity"


def quantity_of_wrong_type(order: Order, d: Draw) -> tuple[Any, str]:
    """A quantity of the wrong type on a line counted in EACH (uom EACH or absent)."""
    items = order["items"]
    index = d.integer(0, len(items) - 1)
    if d.chance(50):
        items[index]["uom"] = "EACH"
    else:
        items[index].pop("uom", None)
    items[index]["quantity"] = _fresh(d.choice(_WRONG_TYPES["number"]))
    return order, f"/items/{index}/quantity"


def verification_of_wrong_type_left_at_door(order: Order, d: Draw) -> tuple[Any, str]:
    """delivery_verification of the wrong type on an order that may be left at the door."""
    if d.chance(50):
        order["deliverable_action"] = recipe.LEAVE
    else:
        order["undeliverable_action"] = "leave_at_door"
    order["delivery_verification"] = _fresh(d.choice(_WRONG_TYPES["object"]))
    return order, "/delivery_verification"


def wrong_currency(market: str) -> Mutation:
    others = tuple(c for m, c in vocab.CURRENCY.items() if m != market)

    def mutate(order: Order, d: Draw) -> tuple[Any, str]:
        order["order_price_info"]["currency"] = d.choice(others)
        return order, "/order_price_info/currency"

    return mutate


def leave_conflict(entry: str) -> Mutation:
    def mutate(order: Order, d: Draw) -> tuple[Any, str]:
        if d.chance(50):
            order["deliverable_action"] = recipe.LEAVE
        else:
            order["undeliverable_action"] = "leave_at_door"
        checks = order.setdefault("delivery_verification", {})
        for name in ("signature", "pincode"):
            if isinstance(checks.get(name), dict) and checks[name].get("enabled") is True:
                checks[name]["enabled"] = False
        checks.pop("identification", None)
        if checks.get("picture") is False:
            checks["picture"] = True
        if entry == "identification":
            checks[entry] = {"min_age": d.integer(18, 25)}
        elif entry == "picture":
            checks[entry] = False
        else:
            checks[entry] = {"enabled": True}
        return order, f"/delivery_verification/{entry}"

    return mutate


def white_label_value(name: str) -> MakeValue:
    if name == "deliverable_action":
        return one_of(recipe.MEET, recipe.LEAVE)
    if name == "undeliverable_action":
        return one_of("return", "discard", "leave_at_door")
    return lambda d, _: recipe.verification(d, leave=False)


def repeated_need(d: Draw, current: Any) -> list[str]:
    needs = list(current or recipe.special_handling(d))[:7]  # stay within maxItems 8
    return [*needs, d.choice(needs)]


def cancel_on_new(order: Order, d: Draw) -> tuple[Any, str]:
    order["cancel_details"] = recipe.cancel_details(d, _any_minute(order))
    return order, "/cancel_details"


def foreign_country(order: Order, d: Draw) -> tuple[Any, str]:
    details, pointer = _resolve(order, "/delivery_details", d)
    details["country"] = d.choice(vocab.FOREIGN_COUNTRIES[order["market"]])
    return order, f"{pointer}/country"


def not_an_object(order: Order, d: Draw) -> tuple[Any, str]:
    return d.choice(([order], "order", None, 42, True)), ""


def reason_text_missing(order: Order, d: Draw) -> tuple[Any, str]:
    details, pointer = _resolve(order, "/cancel_details", d)
    details["reason_code"] = "OTHER"
    details.pop("reason_text", None)
    return order, f"{pointer}/reason_text"
