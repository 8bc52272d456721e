"""How cheap could the contract's rules be in Python? A lower bound, for issue #6's 2x target.

    python -m benchmarks.rules_floor

On the valid benchmark order, in one process, it times:

- jsonschema-rs ``is_valid``: the reference of the 2x target;
- ``validate()`` with the rules switched off: the engine, the plain-JSON proof and the wrapper;
- the same with the rules replaced by ``_floor``: the ten rules hand-inlined for a schema-valid
  order, with no table, no error bookkeeping, no messages and no check that such an order cannot
  fail. It is not a validator (it only says whether some rule would fire), just the least work
  the rules can be: every amount, date-time and slot time read once, the sums done once;
- ``validate()`` as shipped: with the compiled screen (`order_validation/_screen.c`) when it was
  built, which spares the Python table on orders no rule can fire on.

The third line above 2x is why the screen is compiled: no arrangement of the rules in Python
alone meets the target on this machine.
"""

from __future__ import annotations

import sys
import timeit
from collections.abc import Callable
from typing import Any

from .payloads import payloads

_DATETIMES = ("pickup_ready_time", "start_delivery_slot_time", "end_delivery_slot_time")
_AMOUNTS = ("subtotal", "tax", "total", "bag_fee", "delivery_fee", "tip", "discount")
_WHITE_LABEL = ("deliverable_action", "undeliverable_action", "delivery_verification")
_COUNTRIES = {"US": {"US"}, "UK": {"GB"}}


def _floor(p: dict[str, Any]) -> bool:
    """True when some rule would fire on this schema-valid order (a lower bound, see above)."""
    fired = False
    for name in _DATETIMES:
        text = p.get(name)
        if text is not None and (text[8:10] > "28" or text < "1"):
            fired = True
    price = p.get("order_price_info")
    items = p.get("items")
    if price is not None:
        for name in _AMOUNTS:
            value = price.get(name)
            if value.__class__ is float and round(value * 100) / 100 != value:
                fired = True
    if items is not None:
        for item in items:
            value = item.get("unit_price")
            if value.__class__ is float and round(value * 100) / 100 != value:
                fired = True
    start, end = p.get("start_delivery_slot_time"), p.get("end_delivery_slot_time")
    pickup = p.get("pickup_ready_time")
    if start and end and end <= start:
        fired = True
    if pickup and end and pickup >= end:
        fired = True
    if price is not None:
        get = price.get
        expected = (
            get("subtotal", 0)
            + get("tax", 0)
            + get("bag_fee", 0)
            + get("delivery_fee", 0)
            + get("tip", 0)
            - get("discount", 0)
        )
        if abs(get("total", expected) - expected) > 0.005:
            fired = True
        if items is not None and "subtotal" in price:
            approximate = 0.0
            for item in items:
                approximate += item["quantity"] * item.get("unit_price", 0)
            if abs(approximate - price["subtotal"]) >= 0.005:
                fired = True
    if items is not None and len({item["item_id"] for item in items}) != len(items):
        fired = True
    if "cancel_details" in p and p["order_status"] == "NEW":
        fired = True
    if p["order_service"] != "W" and any(name in p for name in _WHITE_LABEL):
        fired = True
    details = p.get("delivery_details")
    allowed = _COUNTRIES.get(p["market"])
    if details is not None and allowed is not None and details["country"] not in allowed:
        fired = True
    return fired


def _best(call: Callable[[], object], number: int = 20_000) -> float:
    return min(timeit.repeat(call, number=number, repeat=9)) / number * 1e6


def main() -> int:
    import jsonschema_rs  # noqa: PLC0415 - the fast extra is needed for this comparison

    from order_validation import _validate, load_schema, validate  # noqa: PLC0415

    order = next(p for p in payloads() if p.key == "valid").value
    reference = jsonschema_rs.validator_for(load_schema()).is_valid
    shipped = _validate.run_rules
    if _floor(order) or validate(order).issues:
        print("the benchmark order should pass every rule", file=sys.stderr)
        return 1

    def floor_rules(payload: Any, schema: Any, paths: Any) -> tuple[list[Any], list[Any]]:
        _floor(payload)
        return [], []

    base = _best(lambda: reference(order))
    rows = [("jsonschema-rs is_valid (the 2x reference)", base)]
    try:
        setattr(_validate, "run_rules", lambda payload, schema, paths: ([], []))  # noqa: B010
        rows.append(("validate(), rules off", _best(lambda: validate(order))))
        setattr(_validate, "run_rules", floor_rules)  # noqa: B010
        rows.append(("validate(), hand-inlined floor of the rules", _best(lambda: validate(order))))
    finally:
        setattr(_validate, "run_rules", shipped)  # noqa: B010
    rows.append(("validate() as shipped", _best(lambda: validate(order))))
    rows.append(("the floor of the rules alone", _best(lambda: _floor(order))))
    for label, value in rows:
        print(f"{label:46} {value:7.2f} us  {value / base:5.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
