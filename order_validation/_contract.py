"""Facts of the contract that rules and messages need and JSON Schema cannot hand over directly.

Each table here is checked against the schema in the tests, so the two cannot drift apart.
"""

from __future__ import annotations

from typing import Final

# US orders are priced in USD, UK in GBP, EU in EUR (schema: $defs/currencyMatchesMarket).
MARKET_CURRENCY: Final[dict[str, str]] = {"US": "USD", "UK": "GBP", "EU": "EUR"}

# Delivery countries expected in each market; anything else draws country_market_mismatch.
EU_27: Final[frozenset[str]] = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
    ]
)
MARKET_COUNTRIES: Final[dict[str, frozenset[str]]] = {
    "US": frozenset({"US"}),
    "UK": frozenset({"GB"}),
    "EU": EU_27,
}

# Fields that only white-label (W) orders use; elsewhere they draw the white_label_only warning.
WHITE_LABEL_ONLY: Final[tuple[str, ...]] = (
    "deliverable_action",
    "undeliverable_action",
    "delivery_verification",
)

# Who each service-requirement block in the schema ($defs/<name>) applies to, for messages.
SERVICE_AUDIENCE: Final[dict[str, str]] = {
    "deliveryService": "delivery orders (order_service D or PD)",
    "pickingService": "picking orders (order_service P or PD)",
    "whiteLabelService": "white label orders (order_service W)",
}


def describe_services(def_name: str | None) -> str:
    """Who a service-requirement block applies to, as its messages say it."""
    return SERVICE_AUDIENCE.get(def_name or "", "this order_service")
