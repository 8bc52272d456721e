"""Types of the optional compiled screen (`_screen.c`); see `_rules.run_rules`."""

from typing import Any

def quiet(payload: object, /) -> bool:
    """True when no rule of the table can fire on ``payload``; False means "maybe"."""

def configure(
    *,
    datetime_groups: tuple[tuple[tuple[str | None, ...], tuple[str, ...]], ...],
    money_groups: tuple[tuple[tuple[str | None, ...], tuple[str, ...]], ...],
    slot_start: str,
    slot_end: str,
    pickup: str,
    price: str,
    sum: tuple[str, ...],
    minus: str,
    total: str,
    items: str,
    quantity: str,
    unit_price: str,
    subtotal: str,
    item_id: str,
    cancel: str,
    service: str,
    white_label: str,
    white_label_only: tuple[str, ...],
    details: str,
    country: str,
    market: str,
    market_countries: dict[str, Any],
) -> None:
    """Tell the screen which fields the rules read."""
