"""Small, valid orders to mutate, and the assertions the contract tests share.

Each service gets the smallest order that is valid for it, so a test that changes one field knows
that any issue it sees comes from that change. Places are written as RFC 6901 pointers, the way
issues report them, so a case reads "put this value at /items/0/quantity, expect this code there".
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pytest

from order_validation import Issue, ValidationResult, validate

DROP: Any = object()
"""Put this at a pointer to remove the field instead of setting it."""

SEED_CONSUMER_ID = "2d6cf199-9b07-4350-bb2b9-0db3c2"

_COMMON: dict[str, Any] = {
    "external_order_id": "ORD-1",
    "store_id": "5512",
    "order_source": "Online",
    "order_status": "NEW",
    "customer_contact_info": {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "phone_number": "+14155550100",
    },
    "order_price_info": {"currency": "USD", "subtotal": 10, "tax": 1, "total": 11},
    "items": [{"item_id": "SKU-1", "quantity": 1}],
    "market": "US",
    "language_isocode": "en-us",
}

_DELIVERY: dict[str, Any] = {
    "pickup_ready_time": "2024-02-23T08:31:00",
    "start_delivery_slot_time": "2024-02-23T09:00:00",
    "end_delivery_slot_time": "2024-02-23T09:30:00",
    "order_summary": {"total_weight": 3.2, "weight_unit": "KG"},
    "delivery_details": {
        "address_line1": "1 Main St",
        "city": "Springfield",
        "postal_code": "62701",
        "country": "US",
        "latitude": 39.7817,
        "longitude": -89.6501,
    },
}
_PICKING: dict[str, Any] = {"estimated_due_time": "2024-02-23T09:30:00"}
_WHITE_LABEL: dict[str, Any] = {"quote_id": "Q-55120", "customer_id": "CUST-0042"}

_BY_SERVICE: dict[str, tuple[dict[str, Any], ...]] = {
    "P": (_PICKING,),
    "D": (_DELIVERY,),
    "PD": (_DELIVERY, _PICKING),
    "W": (_WHITE_LABEL,),
}

CURRENCY = {"US": "USD", "UK": "GBP", "EU": "EUR"}
COUNTRY = {"US": "US", "UK": "GB", "EU": "FR"}


def order(service: str = "P", market: str = "US", **fields: Any) -> dict[str, Any]:
    """The smallest valid order for ``service`` in ``market``, plus ``fields`` at the top level."""
    result = copy.deepcopy(_COMMON)
    for extra in _BY_SERVICE[service]:
        result.update(copy.deepcopy(extra))
    result["order_service"] = service
    result["market"] = market
    result["order_price_info"]["currency"] = CURRENCY[market]
    if "delivery_details" in result:
        result["delivery_details"]["country"] = COUNTRY[market]
    result.update(copy.deepcopy(fields))
    return result


def _parse_pointer(pointer: str) -> list[str]:
    if pointer == "":
        return []
    assert pointer.startswith("/"), pointer
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer[1:].split("/")]


def put(document: Any, pointer: str, value: Any) -> Any:
    """A deep copy of ``document`` with ``value`` at ``pointer`` (or the field removed: `DROP`).

    Missing objects along the way are created, so ``/delivery_verification/picture`` works on an
    order without ``delivery_verification``.
    """
    result = copy.deepcopy(document)
    segments = _parse_pointer(pointer)
    if not segments:
        return copy.deepcopy(value)
    node = result
    for segment in segments[:-1]:
        node = node[int(segment)] if isinstance(node, list) else node.setdefault(segment, {})
    last = segments[-1]
    if isinstance(node, list):
        if value is DROP:
            del node[int(last)]
        else:
            node[int(last)] = copy.deepcopy(value)
    elif value is DROP:
        node.pop(last, None)
    else:
        node[last] = copy.deepcopy(value)
    return result


def put_all(document: Any, changes: Mapping[str, Any]) -> Any:
    """Apply several `put` changes in order."""
    for pointer, value in changes.items():
        document = put(document, pointer, value)
    return document


def pairs(issues: Iterable[Issue]) -> list[tuple[str, str]]:
    """(code, pointer) of each issue, in the order given."""
    return [(issue.code, issue.pointer) for issue in issues]


def explain(result: ValidationResult) -> str:
    """The whole result, for assertion messages."""
    return "\n".join(f"{i.severity} {i.code} {i.pointer!r}: {i.message}" for i in result.issues)


def assert_one_error(result: ValidationResult, code: str, pointer: str) -> Issue:
    """Exactly one error, with this code at this pointer; returns it."""
    assert pairs(result.errors) == [(code, pointer)], explain(result)
    assert result.valid is False
    return result.errors[0]


def assert_clean(result: ValidationResult) -> None:
    """No errors and no warnings."""
    assert result.valid, explain(result)
    assert result.issues == (), explain(result)


def assert_valid(result: ValidationResult) -> None:
    """No errors (warnings allowed)."""
    assert result.valid, explain(result)
    assert result.errors == (), explain(result)


def assert_one_warning(result: ValidationResult, code: str, pointer: str) -> Issue:
    """Valid, with exactly one warning, with this code at this pointer; returns it."""
    assert result.valid, explain(result)
    assert pairs(result.warnings) == [(code, pointer)], explain(result)
    return result.warnings[0]


@dataclass(frozen=True)
class Change:
    """One mutation of a base order and the single error it must cause (or none).

    ``code is None`` means the changed order must be valid without warnings.
    """

    id: str
    changes: Mapping[str, Any]
    code: str | None = None
    pointer: str | None = None
    service: str = "P"
    market: str = "US"

    def build(self) -> dict[str, Any]:
        built: dict[str, Any] = put_all(order(self.service, self.market), self.changes)
        return built

    def check(self) -> ValidationResult:
        result = validate(self.build())
        if self.code is None:
            assert_clean(result)
        else:
            assert self.pointer is not None
            assert_one_error(result, self.code, self.pointer)
        return result


def ok(case_id: str, pointer: str, value: Any, **kw: Any) -> Change:
    """A change that must leave the order valid and free of warnings."""
    return Change(case_id, {pointer: value}, **kw)


def bad(
    case_id: str, pointer: str, value: Any, code: str, at: str | None = None, **kw: Any
) -> Change:
    """A change that must cause exactly one error ``code`` at ``at`` (default: ``pointer``)."""
    return Change(case_id, {pointer: value}, code, pointer if at is None else at, **kw)


def ids(cases: Iterable[Change]) -> list[str]:
    return [case.id for case in cases]


@dataclass(frozen=True)
class Field:
    """A place in an order, with the setup an order needs before a value can sit there."""

    pointer: str
    service: str = "P"
    setup: Mapping[str, Any] | None = None
    market: str = "US"
    tag: str = ""

    @property
    def name(self) -> str:
        name = self.pointer.lstrip("/").replace("/", ".")
        return f"{name}[{self.tag}]" if self.tag else name

    def change(
        self, label: str, value: Any, code: str | None = None, at: str | None = None
    ) -> Change:
        changes = {**(self.setup or {}), self.pointer: value}
        pointer = None if code is None else (at if at is not None else self.pointer)
        return Change(
            f"{self.name}-{label}", changes, code, pointer, service=self.service, market=self.market
        )


def params(cases: Iterable[Change], core_bugs: Mapping[str, str] | None = None) -> list[Any]:
    """Cases as pytest params with readable ids; ids in ``core_bugs`` are strict xfails.

    ``core_bugs`` maps a case id to a short description of where the core disagrees with the
    contract, so the suite stays green and the list of disagreements stays in one place.
    """
    known = dict(core_bugs or {})
    result = []
    for case in cases:
        marks = []
        if case.id in known:
            marks.append(pytest.mark.xfail(reason=f"core: {known.pop(case.id)}", strict=True))
        result.append(pytest.param(case, id=case.id, marks=marks))
    assert not known, f"core_bugs names cases that do not exist: {sorted(known)}"
    return result
