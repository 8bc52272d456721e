"""Which contract rules a schema artefact cannot enforce, as data.

Two kinds. Library rules are beyond JSON Schema (arithmetic, calendars, comparing two
fields, warnings): no artefact carries them. Dialect rules live in the canonical schema
but use constructs a weaker dialect lacks; the converter records the canonical location
of everything it drops, and `rule_at` names the rule that location implements. A drop
that no rule here explains stops the export, so the lists cannot silently fall behind.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from tools._convert import ExportError, is_newline_guard, resolve_pointer


@dataclass(frozen=True)
class Rule:
    """A contract rule that some artefact may not enforce."""

    id: str
    codes: tuple[str, ...]
    severity: Literal["error", "warning"]
    kind: Literal["library", "dialect"]
    #: What a gateway loading the artefact lets through, in one sentence.
    summary: str
    #: Canonical schema locations (prefixes) implementing the rule; empty for library rules
    #: and for rules recognised by keyword (see `rule_at`).
    locations: tuple[str, ...] = ()

    def as_json(self) -> dict[str, Any]:
        return {
            "rule": self.id,
            "codes": list(self.codes),
            "severity": self.severity,
            "kind": self.kind,
            "summary": self.summary,
        }


LIBRARY_RULES = (
    Rule(
        "datetime_invalid",
        ("datetime_invalid",),
        "error",
        "library",
        "Date-times that do not exist in the calendar, such as 2023-02-29 or 2024-04-31.",
    ),
    Rule(
        "money_precision",
        ("money_precision",),
        "error",
        "library",
        "Money amounts with more than 2 decimal places, such as 19.999.",
    ),
    Rule(
        "slot_window_order",
        ("slot_window_order",),
        "error",
        "library",
        "A delivery slot that does not end after it starts.",
    ),
    Rule(
        "pickup_after_slot",
        ("pickup_after_slot",),
        "error",
        "library",
        "A pickup ready time at or after the end of the delivery slot.",
    ),
    Rule(
        "price_total_mismatch",
        ("price_total_mismatch",),
        "error",
        "library",
        "A total that is not subtotal + tax + bag_fee + delivery_fee + tip - discount.",
    ),
    Rule(
        "subtotal_mismatch",
        ("subtotal_mismatch",),
        "warning",
        "library",
        "A subtotal that differs from the sum of quantity x unit_price over the items.",
    ),
    Rule(
        "duplicate_item",
        ("duplicate_item",),
        "warning",
        "library",
        "An item_id listed more than once.",
    ),
    Rule(
        "cancel_details_on_new",
        ("cancel_details_on_new",),
        "warning",
        "library",
        "cancel_details on a NEW order.",
    ),
    Rule(
        "white_label_only",
        ("white_label_only",),
        "warning",
        "library",
        "deliverable_action, undeliverable_action or delivery_verification on a non-W order.",
    ),
    Rule(
        "country_market_mismatch",
        ("country_market_mismatch",),
        "warning",
        "library",
        "A delivery country outside the order's market.",
    ),
)

DIALECT_RULES = (
    Rule(
        "required_for_service",
        ("required_for_service",),
        "error",
        "dialect",
        "Fields each service requires: pickup time, delivery slot, order_summary and "
        "delivery_details for D and PD, estimated_due_time for P and PD, quote_id and "
        "customer_id for W.",
        ("#/$defs/deliveryService", "#/$defs/pickingService", "#/$defs/whiteLabelService"),
    ),
    Rule(
        "currency_market_mismatch",
        ("currency_market_mismatch",),
        "error",
        "dialect",
        "A currency that is not the market's (US: USD, UK: GBP, EU: EUR).",
        ("#/$defs/currencyMatchesMarket",),
    ),
    Rule(
        "leave_at_door_conflict",
        ("leave_at_door_conflict", "photo_required"),
        "error",
        "dialect",
        "On an order that may be left at the door: an enabled signature or PIN, an ID "
        "check, or picture switched off.",
        ("#/$defs/leaveAtDoor",),
    ),
    Rule(
        "integer_quantity",
        ("integer_quantity",),
        "error",
        "dialect",
        "A fractional quantity on an item counted in EACH (or with no uom).",
        ("#/$defs/item/if", "#/$defs/item/then"),
    ),
    Rule(
        "reason_text_required",
        ("reason_text_required",),
        "error",
        "dialect",
        "A cancellation with reason_code OTHER but no reason_text.",
        ("#/$defs/cancelDetails/if", "#/$defs/cancelDetails/then"),
    ),
    Rule(
        "blank",
        ("blank",),
        "error",
        "dialect",
        "Text made only of whitespace.",
        ("#/$defs/nonBlank",),
    ),
    Rule(
        "datetime_checks",
        ("datetime_not_utc", "datetime_format"),
        "error",
        "dialect",
        "Date-times with a non-UTC offset, or a month, day, hour, minute or second out of range.",
        ("#/$defs/utcDateTime/if", "#/$defs/utcDateTime/then"),
    ),
    Rule(
        "unknown_field",
        ("unknown_field",),
        "error",
        "dialect",
        "Properties the contract does not define (typos such as oder_status).",
    ),
    Rule(
        "trailing_newline",
        (
            "identifier_format",
            "language_code",
            "phone_format",
            "email_format",
            "country_code",
            "url_format",
            "datetime_format",
        ),
        "error",
        "dialect",
        'A patterned value followed by a newline ("US\\n"), which engines whose `$` matches '
        "before a final newline (Python re, Java, PCRE) accept.",
    ),
    Rule(
        "positive_amounts",
        ("out_of_range",),
        "error",
        "dialect",
        "A quantity or total_weight of exactly 0 (the lower bound becomes inclusive).",
    ),
)

RULES = {rule.id: rule for rule in (*LIBRARY_RULES, *DIALECT_RULES)}
_BY_KEYWORD = {
    "additionalProperties": "unknown_field",
    "exclusiveMinimum": "positive_amounts",
    "exclusiveMaximum": "positive_amounts",
}


def rule_at(location: str, document: dict[str, Any]) -> str | None:
    """The dialect rule implemented at a canonical schema location, or None for core rules.

    Core rules (types, enums, bounds, patterns, required fields...) hold in every dialect.
    """
    keyword = location.rpartition("/")[2]
    if keyword == "not" and is_newline_guard(resolve_pointer(document, location)):
        return "trailing_newline"
    matches = [
        (len(prefix), rule.id)
        for rule in DIALECT_RULES
        for prefix in rule.locations
        if location == prefix or location.startswith(prefix + "/")
    ]
    if matches:
        return max(matches)[1]
    return _BY_KEYWORD.get(keyword)


def dropped_rules(locations: list[str], document: dict[str, Any]) -> list[str]:
    """Rule ids for every dropped location, in catalogue order; fails on an unexplained drop."""
    found = set()
    for location in locations:
        rule = rule_at(location, document)
        if rule is None:
            raise ExportError(
                f"{location}: dropped, but no rule in tools/_limitations.py covers it"
            )
        found.add(rule)
    return [rule.id for rule in DIALECT_RULES if rule.id in found]


def limitation_document(artefact: str, dialect: str, dropped: list[str]) -> dict[str, Any]:
    """The machine-readable list of what one artefact does not enforce."""
    rules = [*dropped, *(rule.id for rule in LIBRARY_RULES)]
    return {
        "artefact": artefact,
        "dialect": dialect,
        "enforced_by_library": "order_validation.validate reports every rule listed here",
        "not_enforced": [RULES[rule].as_json() for rule in rules],
    }
