"""The upstream page fixes the top-level fields; where it and the contract differ, it wins.

The table below restates, in our own words, the facts the upstream page gives about each body
field and the header: JSON type, whether it is always required, the allowed values, the example
values, and which services make it mandatory. The schema must agree with every row.

Reading of the two documents (checked by these tests): no top-level disagreement was found. The
contract adds constraints the page leaves open (identifier lengths, the datetime grammar, the
language-code grammar, the sub-object shapes); the page's own example values must still pass.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest

from order_validation import validate, validate_headers
from tests.conftest import ROOT
from tests.factories import SEED_CONSUMER_ID, assert_clean, order, put

SCHEMA = json.loads((ROOT / "schema" / "order.schema.json").read_text(encoding="utf-8"))
HEADERS = json.loads((ROOT / "schema" / "headers.schema.json").read_text(encoding="utf-8"))
DEFS = SCHEMA["$defs"]


@dataclass(frozen=True)
class SeedField:
    name: str
    json_type: str
    required: bool = False
    allowed: tuple[str, ...] | None = None
    examples: tuple[Any, ...] = ()
    mandatory_for: tuple[str, ...] = field(default=())


SEED = [
    SeedField("external_order_id", "string", required=True),
    SeedField("store_id", "string", required=True),
    SeedField("order_source", "string", required=True, allowed=("Online",)),
    SeedField("order_status", "string", required=True, allowed=("NEW", "CANCELLED")),
    SeedField("carrier", "string"),
    SeedField(
        "pickup_ready_time", "string", examples=("2024-02-23T08:31:00",), mandatory_for=("D", "PD")
    ),
    SeedField(
        "start_delivery_slot_time",
        "string",
        examples=("2024-02-23T09:00:00",),
        mandatory_for=("D", "PD"),
    ),
    SeedField(
        "end_delivery_slot_time",
        "string",
        examples=("2024-02-23T09:30:00",),
        mandatory_for=("D", "PD"),
    ),
    SeedField("customer_contact_info", "object", required=True),
    SeedField("order_price_info", "object", required=True),
    SeedField("items", "array", required=True),
    SeedField("delivery_instructions", "array"),
    SeedField("order_summary", "object", mandatory_for=("D", "PD")),
    SeedField("cancel_details", "object"),
    SeedField("market", "string", required=True, allowed=("US", "UK", "EU")),
    SeedField("delivery_details", "object", mandatory_for=("D", "PD")),
    SeedField("language_isocode", "string", required=True, examples=("en-us", "fr-ca", "hi-in")),
    SeedField("order_service", "string", required=True, allowed=("P", "D", "PD", "W")),
    SeedField(
        "estimated_due_time", "string", examples=("2024-02-23T09:30:00",), mandatory_for=("P", "PD")
    ),
    SeedField("tracking_url", "string"),
    SeedField("delivery_id", "string"),
    SeedField("quote_id", "string", mandatory_for=("W",)),
    SeedField("customer_id", "string", mandatory_for=("W",)),
    SeedField(
        "deliverable_action",
        "string",
        allowed=("deliverable_action_meet_at_door", "deliverable_action_leave_at_door"),
    ),
    SeedField("undeliverable_action", "string", allowed=("leave_at_door", "return", "discard")),
    SeedField("delivery_verification", "object"),
]
BY_NAME = {f.name: f for f in SEED}
SEED_HEADER = ("WM_CONSUMER.ID", "string", True, SEED_CONSUMER_ID)
DELIVERABLE_DEFAULT = "deliverable_action_meet_at_door"


def _resolved(name: str) -> dict[str, Any]:
    """The property's schema with one level of $ref (and that target's $ref) merged in."""
    node = dict(SCHEMA["properties"][name])
    while "$ref" in node:
        target = DEFS[node.pop("$ref").rsplit("/", 1)[-1]]
        node = {**target, **node}
    return node


def _mandatory_for(name: str) -> set[str]:
    services = set()
    for block in (d for d in DEFS.values() if "if" in d and "order_service" in str(d["if"])):
        if name in block["then"].get("required", []):
            services |= set(block["if"]["properties"]["order_service"]["enum"])
    return services


def test_the_schema_has_exactly_the_seeds_top_level_fields() -> None:
    assert set(SCHEMA["properties"]) == set(BY_NAME)


def test_the_schema_requires_exactly_the_fields_the_seed_requires() -> None:
    assert set(SCHEMA["required"]) == {f.name for f in SEED if f.required}


@pytest.mark.parametrize("seed", SEED, ids=[f.name for f in SEED])
def test_each_field_has_the_seeds_type(seed: SeedField) -> None:
    assert _resolved(seed.name)["type"] == seed.json_type


ENUMS = [f for f in SEED if f.allowed]


@pytest.mark.parametrize("seed", ENUMS, ids=[f.name for f in ENUMS])
def test_each_enum_has_exactly_the_seeds_values(seed: SeedField) -> None:
    assert seed.allowed is not None
    assert list(_resolved(seed.name)["enum"]) == list(seed.allowed)


@pytest.mark.parametrize("seed", SEED, ids=[f.name for f in SEED])
def test_each_field_is_mandatory_for_the_seeds_services(seed: SeedField) -> None:
    assert _mandatory_for(seed.name) == set(seed.mandatory_for)


def test_deliverable_action_defaults_to_meet_at_door() -> None:
    assert SCHEMA["properties"]["deliverable_action"]["default"] == DELIVERABLE_DEFAULT


EXAMPLES = [(f.name, e) for f in SEED for e in f.examples]


@pytest.mark.parametrize(("name", "example"), EXAMPLES, ids=[f"{n}={e}" for n, e in EXAMPLES])
def test_the_seeds_example_values_pass(name: str, example: Any) -> None:
    assert_clean(validate(put(order("PD"), f"/{name}", example)))


@pytest.mark.parametrize(("name", "example"), EXAMPLES, ids=[f"{n}={e}" for n, e in EXAMPLES])
def test_the_seeds_example_values_are_among_the_schemas_examples(name: str, example: Any) -> None:
    assert example in SCHEMA["properties"][name]["examples"]


def test_an_order_made_only_of_the_seeds_examples_passes() -> None:
    payload = order("PD")
    for name, example in EXAMPLES:
        if name != "language_isocode":
            payload[name] = example
    assert_clean(validate(payload, headers={SEED_HEADER[0]: SEED_HEADER[3]}))


def test_the_header_is_required_and_the_seeds_consumer_id_passes() -> None:
    name, json_type, required, example = SEED_HEADER
    prop = HEADERS["properties"][name]
    assert prop["type"] == json_type
    assert (name in HEADERS["required"]) is required
    assert example in prop["examples"]
    assert_clean(validate_headers({name: example}))


def test_the_seeds_consumer_id_is_not_a_uuid_and_still_passes() -> None:
    # 5 groups like a UUID, but the fourth has 5 hex digits and the last 6: not a UUID.
    groups = SEED_CONSUMER_ID.split("-")
    assert [len(g) for g in groups] != [8, 4, 4, 4, 12]
    assert validate_headers({"wm_consumer.id": SEED_CONSUMER_ID}).valid
