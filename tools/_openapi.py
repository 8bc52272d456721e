"""The OpenAPI documents for POST /v1/orders, built from the converted schemas.

The request body, the WM_CONSUMER.ID header and the problem document are written once,
in Draft 2020-12 terms, and converted by the same `Converter` as the schema artefacts, so
the 3.0 and 3.1 documents differ only where their dialect tables differ.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from jsonschema import Draft202012Validator

from tools._convert import Converter, inline

if TYPE_CHECKING:
    from pathlib import Path

    from tools._dialects import Artefact, Dialect

OPENAPI_VERSIONS = {"openapi-3.0": "3.0.3", "openapi-3.1": "3.1.0"}
SERVICES = (
    ("P", "pick-up-order", "Picking order (P)"),
    ("D", "delivery-order", "Delivery order (D)"),
    ("PD", "pick-and-deliver-order", "Picking and delivery order (PD)"),
    ("W", "white-label-order", "White-label carrier delivery order (W)"),
)

_ISSUE: dict[str, Any] = {
    "title": "Issue",
    "description": "One finding about the request, error or warning.",
    "type": "object",
    "properties": {
        "code": {
            "type": "string",
            "description": "Stable machine-readable code, such as required_for_service.",
            "examples": ["required_for_service"],
        },
        "pointer": {
            "type": "string",
            "description": "RFC 6901 JSON Pointer of the offending value; for a missing field, "
            "where it would be. The empty string is the whole body.",
            "examples": ["/pickup_ready_time"],
        },
        "message": {
            "type": "string",
            "description": "One plain-English sentence naming the field and the rule.",
        },
        "severity": {"type": "string", "enum": ["error", "warning"]},
        "hint": {
            "type": ["string", "null"],
            "description": "Allowed values or a did-you-mean suggestion, when useful.",
        },
        "location": {"type": "string", "enum": ["body", "header"]},
        "schema_path": {
            "type": "string",
            "description": "Where the rule lives: a pointer into the schema "
            "(#/$defs/identifier/pattern) or rule:<name> for a rule the library adds.",
            "examples": ["#/$defs/deliveryService/then/required"],
        },
    },
    "required": ["code", "pointer", "message", "severity", "hint", "location", "schema_path"],
    "additionalProperties": False,
}

_PROBLEM: dict[str, Any] = {
    "title": "Problem",
    "description": "RFC 9457 problem details listing every error and warning found.",
    "type": "object",
    "properties": {
        "type": {"type": "string", "description": "URI reference naming the problem type."},
        "title": {"type": "string"},
        "status": {"const": 400, "description": "The HTTP status, always 400."},
        "detail": {"type": "string"},
        "errors": {"type": "array", "items": {}},
        "warnings": {"type": "array", "items": {}},
    },
    "required": ["type", "title", "status", "detail", "errors", "warnings"],
}

_PROBLEM_EXAMPLE = {
    "type": "https://order-validation.example/problems/invalid-order",
    "title": "The order is not valid",
    "status": 400,
    "detail": "pickup_ready_time is required for delivery orders (order_service D or PD).",
    "errors": [
        {
            "code": "required_for_service",
            "pointer": "/pickup_ready_time",
            "message": "pickup_ready_time is required for delivery orders (order_service D or PD).",
            "severity": "error",
            "hint": None,
            "location": "body",
            "schema_path": "#/$defs/deliveryService/then/required",
        }
    ],
    "warnings": [],
}

_CONTACT = {"first_name": "Ada", "last_name": "Lovelace", "phone_number": "+14155550100"}

#: Used when examples/ has no valid order of a service. Each passes every library rule too.
FALLBACK_EXAMPLES: dict[str, dict[str, Any]] = {
    "P": {
        "external_order_id": "ORD-2024-000123",
        "store_id": "5512",
        "order_source": "Online",
        "order_status": "NEW",
        "customer_contact_info": _CONTACT,
        "order_price_info": {"currency": "USD", "subtotal": 20.5, "tax": 1.64, "total": 22.14},
        "items": [{"item_id": "SKU-1001", "quantity": 2, "unit_price": 10.25}],
        "market": "US",
        "language_isocode": "en-us",
        "order_service": "P",
        "estimated_due_time": "2024-02-23T09:30:00",
    },
    "D": {
        "external_order_id": "ORD-2024-000124",
        "store_id": "2201",
        "order_source": "Online",
        "order_status": "NEW",
        "pickup_ready_time": "2024-02-23T08:31:00",
        "start_delivery_slot_time": "2024-02-23T09:00:00",
        "end_delivery_slot_time": "2024-02-23T10:00:00",
        "customer_contact_info": {
            "first_name": "Alan",
            "last_name": "Turing",
            "phone_number": "+447700900123",
            "email": "alan@example.co.uk",
        },
        "order_price_info": {
            "currency": "GBP",
            "subtotal": 12,
            "tax": 2.4,
            "delivery_fee": 3.99,
            "total": 18.39,
        },
        "items": [{"item_id": "SKU-2001", "quantity": 1.5, "uom": "KG", "unit_price": 8}],
        "order_summary": {"total_weight": 1.5, "weight_unit": "KG", "item_count": 1},
        "market": "UK",
        "delivery_details": {
            "address_line1": "221B Baker Street",
            "city": "London",
            "postal_code": "NW1 6XE",
            "country": "GB",
            "latitude": 51.5238,
            "longitude": -0.1586,
        },
        "language_isocode": "en-gb",
        "order_service": "D",
    },
    "PD": {
        "external_order_id": "ORD-2024-000125",
        "store_id": "7730",
        "order_source": "Online",
        "order_status": "NEW",
        "pickup_ready_time": "2024-02-23T08:45:00Z",
        "start_delivery_slot_time": "2024-02-23T09:00:00Z",
        "end_delivery_slot_time": "2024-02-23T09:30:00Z",
        "customer_contact_info": {
            "first_name": "Marie",
            "last_name": "Curie",
            "phone_number": "+33612345678",
        },
        "order_price_info": {
            "currency": "EUR",
            "subtotal": 8.1,
            "tax": 0.81,
            "bag_fee": 0.1,
            "delivery_fee": 2.99,
            "tip": 1,
            "discount": 0.5,
            "total": 12.5,
        },
        "items": [
            {
                "item_id": "SKU-3001",
                "quantity": 3,
                "uom": "EACH",
                "unit_price": 1.2,
                "name": "Baguette",
                "substitution_allowed": True,
            },
            {"item_id": "SKU-3002", "quantity": 1, "unit_price": 4.5},
        ],
        "delivery_instructions": [{"type": "ACCESS", "text": "Gate code 4512."}],
        "order_summary": {
            "total_weight": 2.1,
            "weight_unit": "KG",
            "item_count": 4,
            "special_handling": ["FRAGILE"],
        },
        "market": "EU",
        "delivery_details": {
            "address_line1": "12 Rue de Rivoli",
            "city": "Paris",
            "postal_code": "75004",
            "country": "FR",
            "latitude": 48.8556,
            "longitude": 2.3601,
        },
        "language_isocode": "fr-fr",
        "order_service": "PD",
        "estimated_due_time": "2024-02-23T08:40:00Z",
    },
    "W": {
        "external_order_id": "ORD-2024-000126",
        "store_id": "5512",
        "order_source": "Online",
        "order_status": "NEW",
        "pickup_ready_time": "2024-02-23T15:00:00",
        "start_delivery_slot_time": "2024-02-23T15:30:00",
        "end_delivery_slot_time": "2024-02-23T16:30:00",
        "customer_contact_info": _CONTACT,
        "order_price_info": {
            "currency": "USD",
            "subtotal": 35,
            "tax": 2.8,
            "tip": 5,
            "total": 42.8,
        },
        "items": [
            {"item_id": "SKU-4001", "quantity": 1, "unit_price": 35, "name": "Red wine, 75 cl"}
        ],
        "market": "US",
        "delivery_details": {
            "address_line1": "1 Main St",
            "city": "Springfield",
            "state_or_region": "IL",
            "postal_code": "62701",
            "country": "US",
            "latitude": 39.7817,
            "longitude": -89.6501,
        },
        "language_isocode": "en-us",
        "order_service": "W",
        "tracking_url": "https://track.example.com/d/8f2a",
        "quote_id": "Q-55120",
        "customer_id": "CUST-0042",
        "deliverable_action": "deliverable_action_meet_at_door",
        "undeliverable_action": "return",
        "delivery_verification": {
            "signature": {"enabled": True, "collect_signer_name": True},
            "identification": {"min_age": 21},
        },
    },
}


def service_examples(examples_dir: Path, schema: dict[str, Any]) -> list[tuple[str, Any, str]]:
    """One (name, order, summary) per service, from examples/ where it has a valid order.

    A NEW order is preferred over a cancellation, then file names decide, so the choice
    does not depend on the order the file system lists files in.
    """
    validator = Draft202012Validator(schema)
    candidates = []
    for path in examples_dir.glob("*.json") if examples_dir.is_dir() else []:
        try:
            order = json.loads(path.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        if isinstance(order, dict) and validator.is_valid(order):
            candidates.append((order.get("order_status") != "NEW", path.stem, order))
    found: dict[str, tuple[str, Any]] = {}
    for _, stem, order in sorted(candidates, key=lambda c: (c[0], c[1])):
        found.setdefault(order["order_service"], (stem, order))
    chosen = []
    for code, name, summary in SERVICES:
        stem, order = found.get(code, (name, FALLBACK_EXAMPLES[code]))
        chosen.append((stem, order, summary))
    return chosen


def _convert(dialect: Dialect, document: dict[str, Any], pointer: str = "#") -> dict[str, Any]:
    converter = Converter(dialect)
    schema = converter.convert(inline(document, pointer))
    if converter.dropped:
        raise AssertionError(f"OpenAPI dialects must carry everything: {converter.dropped}")
    return schema


def _assertions(schema: dict[str, Any]) -> dict[str, Any]:
    """`schema` without the annotations its parameter object already carries."""
    return {
        k: v for k, v in schema.items() if k not in {"title", "description", "example", "examples"}
    }


def openapi_document(
    artefact: Artefact,
    order: dict[str, Any],
    headers: dict[str, Any],
    examples: list[tuple[str, Any, str]],
) -> dict[str, Any]:
    """The whole OpenAPI document of one artefact (OpenAPI 3.0 or 3.1)."""
    dialect = artefact.dialect
    consumer = headers["properties"]["WM_CONSUMER.ID"]
    problem = _convert(dialect, _PROBLEM)
    for key in ("errors", "warnings"):
        problem["properties"][key]["items"] = {"$ref": "#/components/schemas/Issue"}
    return {
        "openapi": OPENAPI_VERSIONS[dialect.name],
        "info": {
            "title": "Store fulfilment orders",
            "version": "1.0.0",
            "description": (
                "Create or cancel a store-fulfilment order. Generated from "
                "schema/order.schema.json by tools/export_artefacts.py: do not edit. The "
                "schemas do not check everything the contract says: "
                f"{artefact.limitations_filename} lists what only the order-validation "
                "library checks."
            ),
        },
        "paths": {
            "/v1/orders": {
                "post": {
                    "operationId": "createOrCancelOrder",
                    "summary": "Create or cancel an order",
                    "parameters": [
                        {
                            "name": "WM_CONSUMER.ID",
                            "in": "header",
                            "required": True,
                            "description": consumer["description"],
                            "schema": _assertions(
                                _convert(dialect, headers, "#/properties/WM_CONSUMER.ID")
                            ),
                            "example": consumer["examples"][0],
                        }
                    ],
                    "requestBody": {
                        "required": True,
                        "content": {
                            "application/json": {
                                "schema": {"$ref": "#/components/schemas/Order"},
                                "examples": {
                                    name: {"summary": summary, "value": value}
                                    for name, value, summary in examples
                                },
                            }
                        },
                    },
                    "responses": {
                        "200": {"description": "The order was accepted (created or cancelled)."},
                        "400": {
                            "description": "The request broke the contract: every error and "
                            "warning, each with its code and JSON Pointer.",
                            "content": {
                                "application/problem+json": {
                                    "schema": {"$ref": "#/components/schemas/Problem"},
                                    "example": _PROBLEM_EXAMPLE,
                                }
                            },
                        },
                    },
                }
            }
        },
        "components": {
            "schemas": {
                "Order": _convert(dialect, order),
                "Problem": problem,
                "Issue": _convert(dialect, _ISSUE),
            }
        },
    }
