"""The order recipe: one description of a realistic, internally consistent order.

Written once against the :class:`~order_validation._draw.Draw` interface and driven both
by Hypothesis (``strategies.py``) and by a seeded ``random.Random`` (``_generate.py``).
Everything a rule beyond the schema checks is made true by construction rather than by
filtering, so every draw sequence (including a shrunk one) yields a valid order:

- times are whole minutes from a fixed epoch turned into real calendar dates, with seconds
  and fractions added inside the minute, so pickup < slot end and slot start < slot end
  survive any rendering (``Z``, ``+00:00`` or no designator);
- money is integer cents, rendered with at most 2 decimals; the total is computed from
  its parts; when every item has a unit price the subtotal is the rounded sum of
  quantity x unit price, and an exact half-cent tie is nudged away so float arithmetic
  in any checker stays well inside the 0.005 tolerance;
- currency, country, phone prefix and language follow the market; W-only fields appear
  only on W orders and never conflict with leave-at-door; cancel details only on
  CANCELLED orders; item ids are unique.

No clock, no environment: the output depends on the draws alone.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from order_validation import _vocabulary as vocab

if TYPE_CHECKING:
    from order_validation._draw import Draw

Order = dict[str, Any]

SERVICES = ("P", "D", "PD", "W")
STATUSES = ("NEW", "CANCELLED")
MARKETS = ("US", "UK", "EU")
DELIVERY_SERVICES = ("D", "PD")
PICKING_SERVICES = ("P", "PD")
LEAVE = "deliverable_action_leave_at_door"
MEET = "deliverable_action_meet_at_door"
WHITE_LABEL_FIELDS = ("deliverable_action", "undeliverable_action", "delivery_verification")

EPOCH = datetime(2023, 1, 1)
_DAYS = 5 * 365 + 1  # 2023-01-01 to 2027-12-31, leap day 2024-02-29 included
_MINUTE = timedelta(minutes=1)
_UTC_SUFFIXES = ("Z", "", "+00:00")
_SLOT_MINUTES = (60, 30, 90, 120, 180, 240)
_TAX_BASIS_POINTS = {
    "US": (0, 625, 725, 825, 1025),
    "UK": (0, 500, 2000),
    "EU": (0, 700, 1900, 2100),
}
_ID_EDGE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:#/ÄÖÜßéñ中"
_ID_INNER = _ID_EDGE + " "
_HEX = "0123456789abcdef"
_TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-"
_HEADER_VALUE_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789 ;=/.,-_"
CONSUMER_ID_HEADER = "WM_CONSUMER.ID"
DOCUMENTED_CONSUMER_ID = "2d6cf199-9b07-4350-bb2b9-0db3c2"
_OTHER_HEADERS = (
    ("Accept", "application/json"),
    ("Content-Type", "application/json; charset=utf-8"),
    ("Authorization", "Bearer qa-token"),
    ("User-Agent", "order-qa/1.0"),
    ("WM_SVC.NAME", "orders"),
)


def money(cents: int) -> int | float:
    """Cents as a JSON number with at most 2 decimals (whole amounts as integers)."""
    return cents // 100 if cents % 100 == 0 else cents / 100


def to_cents(value: float) -> int:
    """The inverse of :func:`money` for values with at most 2 decimals."""
    return round(value * 100)


def render_time(d: Draw, minute: int, *, exact: bool = False) -> str:
    """A UTC time string for ``minute`` (minutes since :data:`EPOCH`).

    Seconds and a fraction are added inside the minute unless ``exact``, so the rendered
    time stays within ``[minute, minute + 1)`` and comparisons at minute level hold.
    """
    moment = EPOCH + minute * _MINUTE
    seconds = 0
    fraction = ""
    if not exact:
        if d.chance(20):
            seconds = d.integer(0, 59)
        if d.chance(15):
            digits = d.integer(1, 6)
            fraction = "." + str(d.integer(0, 10**digits - 1)).zfill(digits)
    return f"{moment:%Y-%m-%dT%H:%M}:{seconds:02d}{fraction}{d.choice(_UTC_SUFFIXES)}"


def parse_minute(value: str) -> int:
    """Minutes since :data:`EPOCH` of a time written by :func:`render_time` (seconds ignored)."""
    return (datetime.strptime(value[:16], "%Y-%m-%dT%H:%M") - EPOCH) // _MINUTE


def identifier(d: Draw) -> str:
    """An unusual but valid identifier: 1-64 characters, inner spaces, non-ASCII letters."""
    size = d.integer(1, 64)
    if size == 1:
        return d.text(_ID_EDGE, 1, 1)
    return d.text(_ID_EDGE, 1, 1) + d.text(_ID_INNER, size - 2, size - 2) + d.text(_ID_EDGE, 1, 1)


def build_order(
    d: Draw, *, service: str | None = None, status: str | None = None, market: str | None = None
) -> Order:
    """A valid order; ``None`` arguments are drawn. Keys follow the contract's order."""
    service = service or d.choice(SERVICES)
    status = status or d.choice(STATUSES)
    market = market or d.choice(MARKETS)
    chance = d.chance
    place = d.choice(vocab.PLACES[market])
    delivers = service != "P"
    day = d.integer(0, _DAYS - 1)
    pickup, start, end = _slot(d, day)

    order: Order = {
        "external_order_id": identifier(d)
        if chance(10)
        else f"ORD-{2023 + day // 365}-{d.integer(0, 999999):06d}",
        "store_id": str(d.integer(1, 99999))
        if not chance(20)
        else f"{place.country}-{d.integer(1, 999):04d}",
        "order_source": "Online",
        "order_status": status,
    }
    if chance(20):
        order["carrier"] = d.choice(vocab.CARRIERS)
    if service in DELIVERY_SERVICES or (service == "W" and chance(60)) or chance(3):
        order["pickup_ready_time"] = render_time(d, pickup)
        order["start_delivery_slot_time"] = render_time(d, start)
        order["end_delivery_slot_time"] = render_time(d, end)
    order["customer_contact_info"] = contact(d, place)
    items, exact_subtotal = build_items(d, market)
    order["order_price_info"] = price_info(d, market, exact_subtotal, delivers=delivers)
    order["items"] = items
    if delivers and chance(40):
        order["delivery_instructions"] = instructions(d)
    if service in DELIVERY_SERVICES or chance(10):
        order["order_summary"] = order_summary(d, market, items)
    if status == "CANCELLED" and chance(70):
        order["cancel_details"] = cancel_details(d, start)
    order["market"] = market
    if service in DELIVERY_SERVICES or (service == "W" and chance(80)) or chance(3):
        order["delivery_details"] = delivery_details(d, place)
    order["language_isocode"] = language(d, place)
    order["order_service"] = service
    if service in PICKING_SERVICES or chance(10):
        order["estimated_due_time"] = render_time(d, pickup - d.integer(0, 30))
    if delivers:
        _delivery_references(d, order)
    if service == "W":
        order["quote_id"] = f"Q-{d.integer(1, 99999)}" if not chance(10) else identifier(d)
        order["customer_id"] = f"CUST-{d.integer(1, 9999):04d}"
        white_label_fields(d, order)
    return order


def _slot(d: Draw, day: int) -> tuple[int, int, int]:
    """Pickup, slot start and slot end in minutes: start < end and pickup < end always."""
    start = day * 1440 + d.integer(28, 84) * 15  # 07:00 to 21:00, on the quarter hour
    length = d.choice(_SLOT_MINUTES)
    if d.chance(15):
        return start + d.integer(0, length - 1), start, start + length  # ready during the slot
    return start - d.integer(0, 120), start, start + length


def _delivery_references(d: Draw, order: Order) -> None:
    if d.chance(30):
        order["tracking_url"] = d.choice(vocab.TRACKING_HOSTS) + d.text(_HEX, 4, 16)
    if d.chance(30):
        order["delivery_id"] = f"DLV-{d.integer(1, 999999)}"


def contact(d: Draw, place: vocab.Place) -> dict[str, Any]:
    """Customer contact with a phone number in the place's country."""
    digits = place.national_digits
    national = d.integer(2 * 10 ** (digits - 1), 10**digits - 1)
    info: dict[str, Any] = {
        "first_name": d.choice(vocab.FIRST_NAMES),
        "last_name": d.choice(vocab.LAST_NAMES),
        "phone_number": f"+{place.calling_code}{national}",
    }
    if d.chance(60):
        number = str(d.integer(1, 999)) if d.chance(30) else ""
        info["email"] = f"{d.choice(vocab.EMAIL_NAMES)}{number}@{d.choice(vocab.EMAIL_DOMAINS)}"
    return info


def build_items(d: Draw, market: str) -> tuple[list[dict[str, Any]], int]:
    """Items with unique ids, and the exact subtotal in ten-thousandths (quantity x cents)."""
    count = d.integer(1, 6) if not d.chance(8) else d.integer(7, 40)
    all_priced = d.chance(60)
    id_style = d.integer(0, 2)
    items: list[dict[str, Any]] = []
    lines: list[tuple[dict[str, Any], int, int]] = []
    seen: set[str] = set()
    exact = 0
    for index in range(count):
        item, hundredths, cents = _item(d, market, id_style, priced=all_priced or d.chance(50))
        if item["item_id"] in seen:
            # "~" is in no drawn id, so the renamed one cannot collide either.
            item["item_id"] = f"{item['item_id'][:56]}~{index}"
        seen.add(item["item_id"])
        exact += hundredths * cents
        items.append(item)
        lines.append((item, hundredths, cents))
    if exact % 100 == 50 and all("unit_price" in item for item in items):
        # An exact half-cent tie would sit on the 0.005 tolerance: move one fractional
        # line's price by a cent, which shifts the sum by a non-multiple of a cent.
        for item, hundredths, cents in lines:
            if hundredths % 100:
                item["unit_price"] = money(cents + 1)
                exact += hundredths
                break
    return items, exact


def _item(d: Draw, market: str, id_style: int, *, priced: bool) -> tuple[dict[str, Any], int, int]:
    """One line, its quantity in hundredths and its unit price in cents."""
    chance = d.chance
    product = d.choice(vocab.PRODUCTS)
    cents = d.integer(product.min_cents, product.max_cents)
    if id_style == 0:
        item: dict[str, Any] = {"item_id": f"SKU-{d.integer(1000, 99999)}"}
    elif id_style == 1:
        item = {"item_id": str(d.integer(10**12, 10**13 - 1))}
    else:
        item = {"item_id": identifier(d)}
    uom: str | None
    if product.sold_by == "each":
        whole = d.integer(1, 6) if not chance(3) else d.integer(7, 9999)
        hundredths = whole * 100
        item["quantity"] = float(whole) if chance(5) else whole
        uom = "EACH" if chance(60) else None
    elif product.sold_by == "weight":
        hundredths = d.integer(1, 500)
        item["quantity"] = hundredths / 100
        uom = ("LB" if market == "US" else "KG") if not chance(15) else d.choice(("KG", "LB"))
    else:
        whole = d.integer(1, 500)
        hundredths = whole * 100
        item["quantity"] = whole
        uom = ("OZ" if market == "US" else "G") if not chance(15) else d.choice(("G", "OZ"))
    if uom is not None:
        item["uom"] = uom
    if priced:
        item["unit_price"] = money(cents)
    if chance(70):
        item["name"] = product.name
    if chance(30):
        item["substitution_allowed"] = chance(50)
    return item, hundredths, cents


def price_info(d: Draw, market: str, exact_subtotal: int, *, delivers: bool) -> dict[str, Any]:
    """Prices in the market's currency whose total adds up to the cent."""
    chance = d.chance
    subtotal = (exact_subtotal + 50) // 100
    tax = subtotal * d.choice(_TAX_BASIS_POINTS[market]) // 10000
    info: dict[str, Any] = {
        "currency": vocab.CURRENCY[market],
        "subtotal": money(subtotal),
        "tax": money(tax),
    }
    total = subtotal + tax
    if chance(25):
        bag_fee = d.integer(0, 20) * 5
        info["bag_fee"] = money(bag_fee)
        total += bag_fee
    if (delivers and chance(70)) or chance(3):
        fee = d.integer(0, 999)
        info["delivery_fee"] = money(fee)
        total += fee
    if delivers and chance(40):
        tip = d.integer(0, 2000)
        info["tip"] = money(tip)
        total += tip
    if chance(20):
        discount = d.integer(0, subtotal)
        info["discount"] = money(discount)
        total -= discount
    info["total"] = money(total)
    return info


def instructions(d: Draw) -> list[dict[str, Any]]:
    """1-3 courier instructions, rarely up to the limit of 20."""
    count = d.integer(1, 3) if not d.chance(3) else d.integer(4, 20)
    result = []
    for _ in range(count):
        kind = d.choice(vocab.INSTRUCTION_TYPES)
        result.append({"type": kind, "text": d.choice(vocab.INSTRUCTIONS[kind])})
    return result


def order_summary(d: Draw, market: str, items: list[dict[str, Any]]) -> dict[str, Any]:
    """Weight in the market's usual unit; special handling drawn as a bit mask, so unique."""
    summary: dict[str, Any] = {
        "total_weight": d.integer(1, 4000) / 10,
        "weight_unit": ("LB" if market == "US" else "KG")
        if not d.chance(10)
        else d.choice(("KG", "LB")),
    }
    if d.chance(60):
        summary["item_count"] = len(items)
    if d.chance(25):
        summary["special_handling"] = special_handling(d)
    return summary


def special_handling(d: Draw) -> list[str]:
    """Usually one need, sometimes several; drawn as a bit mask, so never repeated."""
    if not d.chance(30):
        return [d.choice(vocab.SPECIAL_HANDLING)]
    mask = d.integer(1, 255)
    return [v for i, v in enumerate(vocab.SPECIAL_HANDLING) if mask >> i & 1]


def cancel_details(d: Draw, around_minute: int) -> dict[str, Any]:
    """Cancellation details; a reason text whenever the code is OTHER."""
    reason = d.choice(vocab.CANCEL_REASONS)
    details: dict[str, Any] = {"reason_code": reason}
    if reason == "OTHER" or d.chance(30):
        details["reason_text"] = d.choice(vocab.CANCEL_TEXTS)
    if d.chance(70):
        details["cancelled_by"] = d.choice(vocab.CANCELLED_BY)
    if d.chance(60):
        details["cancelled_at"] = render_time(d, around_minute - d.integer(1, 2880))
    return details


def delivery_details(d: Draw, place: vocab.Place) -> dict[str, Any]:
    """An address in ``place`` with coordinates within a few km of its centre."""
    number = d.integer(1, 250)
    street = d.choice(place.streets)
    details: dict[str, Any] = {
        "address_line1": f"{number} {street}" if place.number_first else f"{street} {number}"
    }
    if d.chance(30):
        details["address_line2"] = d.choice(vocab.ADDRESS_EXTRAS)
    details["city"] = place.city
    if place.region is not None and d.chance(80):
        details["state_or_region"] = place.region
    details["postal_code"] = place.postal_code
    details["country"] = place.country
    details["latitude"] = round(place.latitude + d.integer(-300, 300) / 10000, 4)
    details["longitude"] = round(place.longitude + d.integer(-300, 300) / 10000, 4)
    return details


def language(d: Draw, place: vocab.Place) -> str:
    """One of the place's languages, in any letter case (the contract is case-insensitive)."""
    code = d.choice(place.languages)
    style = d.integer(0, 3)
    if style == 1:
        return code[:-2] + code[-2:].upper() if "-" in code else code
    if style == 2:
        return code.upper()
    if style == 3:
        return code.capitalize()
    return code


def white_label_fields(d: Draw, order: Order) -> None:
    """Add the optional W-only fields, never asking for a check that leave-at-door forbids."""
    leave = False
    if d.chance(60):
        action = d.choice((MEET, LEAVE))
        order["deliverable_action"] = action
        leave = action == LEAVE
    if d.chance(60):
        fallback = d.choice(("return", "discard", "leave_at_door"))
        order["undeliverable_action"] = fallback
        leave = leave or fallback == "leave_at_door"
    if d.chance(60):
        order["delivery_verification"] = verification(d, leave=leave)


def verification(d: Draw, *, leave: bool) -> dict[str, Any]:
    """A non-empty delivery verification; with ``leave`` no enabled signature, PIN or ID."""
    chance = d.chance
    result: dict[str, Any] = {}
    if chance(35):
        signature: dict[str, Any] = {"enabled": False if leave else chance(70)}
        if chance(40):
            signature["collect_signer_name"] = chance(50)
        if chance(30):
            signature["collect_signer_relationship"] = chance(50)
        result["signature"] = signature
    if chance(30):
        result["pincode"] = {"enabled": False if leave else chance(70)}
    if not leave and chance(20):
        result["identification"] = {"min_age": d.integer(18, 25)}
    if chance(50):
        result["picture"] = True if leave else not chance(30)
    if chance(25):
        result["barcodes"] = barcodes(d)
    if not result:
        result["picture"] = True
    return result


def barcodes(d: Draw) -> list[dict[str, Any]]:
    """1-3 barcodes, rarely up to 20, with values shaped like their symbology."""
    count = d.integer(1, 3) if not d.chance(3) else d.integer(4, 20)
    result = []
    for _ in range(count):
        kind = d.choice(vocab.BARCODE_TYPES)
        if kind == "EAN13":
            value = str(d.integer(10**12, 10**13 - 1))
        elif kind == "UPC_A":
            value = str(d.integer(10**11, 10**12 - 1))
        else:
            value = f"PKG-{d.integer(1, 10**8)}"
        result.append({"value": value, "type": kind})
    return result


def clear_leave_at_door(order: Order) -> None:
    """Turn leave-at-door off, so any verification entry may be set freely."""
    if order.get("deliverable_action") == LEAVE:
        order["deliverable_action"] = MEET
    if order.get("undeliverable_action") == "leave_at_door":
        order["undeliverable_action"] = "return"


def leaves_at_door(order: Order) -> bool:
    """Whether the order may be left at the door (either action says so)."""
    return (
        order.get("deliverable_action") == LEAVE
        or order.get("undeliverable_action") == "leave_at_door"
    )


def build_headers(d: Draw) -> dict[str, str]:
    """Valid request headers: the consumer id under a name in any letter case, plus others."""
    style = d.integer(0, 2)
    if style == 0:
        name = CONSUMER_ID_HEADER
    elif style == 1:
        name = CONSUMER_ID_HEADER.lower()
    else:
        lower = d.integer(0, 2 ** len(CONSUMER_ID_HEADER) - 1)  # bit i: character i lower-cased
        name = "".join(c.lower() if lower >> i & 1 else c for i, c in enumerate(CONSUMER_ID_HEADER))
    kind = d.integer(0, 2)
    if kind == 0:
        value = DOCUMENTED_CONSUMER_ID
    elif kind == 1:
        value = "-".join(d.text(_HEX, n, n) for n in (8, 4, 4, 4, 12))
    else:
        value = d.text(_TOKEN_ALPHABET, 1, 64)
    headers = {name: value}
    for _ in range(d.integer(0, 3)):
        if d.chance(50):
            other, text = d.choice(_OTHER_HEADERS)
        else:
            other = "X-" + d.text(_TOKEN_ALPHABET, 1, 12)
            text = d.text(_HEADER_VALUE_ALPHABET, 0, 40)
        headers[other] = text
    return headers
