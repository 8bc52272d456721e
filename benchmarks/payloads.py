"""The three request bodies every peer is timed on, as parsed values and as the bytes sent."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_PATH = ROOT / "schema" / "order.schema.json"
VALID_PATH = ROOT / "examples" / "delivery-order.json"


@dataclass(frozen=True, slots=True)
class Payload:
    """One body: ``key`` names it in results, ``value`` is what ``json.loads(raw)`` returns."""

    key: str
    label: str
    value: Any
    raw: bytes


def load_schema() -> dict[str, Any]:
    """The canonical order schema, read straight from the file every peer compiles."""
    document: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return document


def _payload(key: str, label: str, value: Any) -> Payload:
    raw = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Payload(key, label, json.loads(raw), raw)


def payloads() -> tuple[Payload, ...]:
    """Valid delivery order; the same with one defect (phone number); a small order with many."""
    valid = json.loads(VALID_PATH.read_text(encoding="utf-8"))
    one_defect = copy.deepcopy(valid)
    one_defect["customer_contact_info"]["phone_number"] = "555-0100"
    many_defects = {
        "external_order_id": "ORD 1 ",
        "store_id": "",
        "order_source": "Store",
        "order_status": "PENDING",
        "customer_contact_info": {"first_name": "Ada", "phone_number": "12345"},
        "order_price_info": {"currency": "USD", "subtotal": -1, "tax": 0, "total": 0},
        "items": [],
        "market": "US",
        "language_isocode": "english",
        "order_service": "D",
    }
    return (
        _payload("valid", "valid delivery order", valid),
        _payload("invalid_one", "invalid, 1 defect (phone)", one_defect),
        _payload("invalid_many", "invalid, small, many defects", many_defects),
    )
