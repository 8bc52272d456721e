"""The schema files themselves: valid 2020-12, portable, bounded, and in step with the Python side.

These tests read the files in ``schema/`` directly, so they guard what a gateway loading only the
file gets, and that the small tables Python keeps (``_contract.py``, ``_codes.py``) cannot drift
from the schema.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import order_validation
from order_validation import SCHEMA_ID, load_schema, validate
from order_validation._codes import CODES, KEYWORD_CODES, LOCATION_CODES, code_for
from order_validation._contract import (
    EU_27,
    MARKET_COUNTRIES,
    MARKET_CURRENCY,
    SERVICE_AUDIENCE,
    WHITE_LABEL_ONLY,
)
from order_validation._rules import RULES
from order_validation._schema import split_location
from tests.conftest import ROOT
from tests.factories import order, pairs, put

ORDER_FILE = ROOT / "schema" / "order.schema.json"
HEADERS_FILE = ROOT / "schema" / "headers.schema.json"
ORDER = json.loads(ORDER_FILE.read_text(encoding="utf-8"))
HEADERS = json.loads(HEADERS_FILE.read_text(encoding="utf-8"))
DEFS = ORDER["$defs"]

# The codes of the contract's "Rules beyond the schema" table.
RULE_CODES = {
    "datetime_invalid",
    "money_precision",
    "slot_window_order",
    "pickup_after_slot",
    "price_total_mismatch",
    "subtotal_mismatch",
    "duplicate_item",
    "cancel_details_on_new",
    "white_label_only",
    "country_market_mismatch",
}
# Codes the contract names (error model, raw-bytes entry points, rules table).
CONTRACT_CODES = {
    "required",
    "required_for_service",
    "unknown_field",
    "type",
    "enum",
    "too_short",
    "too_long",
    "blank",
    "too_few_items",
    "too_many_items",
    "not_unique",
    "out_of_range",
    "too_few_properties",
    "datetime_format",
    "datetime_not_utc",
    "language_code",
    "phone_format",
    "email_format",
    "country_code",
    "url_format",
    "identifier_format",
    "consumer_id_format",
    "integer_quantity",
    "currency_market_mismatch",
    "leave_at_door_conflict",
    "photo_required",
    "reason_text_required",
    "not_an_object",
    "invalid_json",
    "duplicate_key",
    "non_finite_number",
    "payload_too_large",
    "too_deeply_nested",
    *RULE_CODES,
}
# The library's additions, each documented in _codes.CODES.
ADDITIONS = {"duplicate_header", "not_json", "internal_error"}
# Codes produced outside the keyword mapping (entry points, parser, input guard, headers).
NON_KEYWORD_CODES = {
    "not_an_object",
    "internal_error",
    "duplicate_header",
    "not_json",
    "non_finite_number",
    "too_deeply_nested",
    "too_many_items",
    "invalid_json",
    "duplicate_key",
    "payload_too_large",
}
WARNINGS = {
    "subtotal_mismatch",
    "duplicate_item",
    "cancel_details_on_new",
    "white_label_only",
    "country_market_mismatch",
}


@pytest.mark.parametrize("document", [ORDER, HEADERS], ids=["order", "headers"])
def test_each_schema_file_passes_its_metaschema(document: dict[str, Any]) -> None:
    Draft202012Validator.check_schema(document)
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_id_is_the_files_id_and_carries_the_contract_version() -> None:
    assert ORDER["$id"] == SCHEMA_ID
    assert "v1" in SCHEMA_ID
    assert "v1" in HEADERS["$id"]
    assert load_schema()["$id"] == order_validation.SCHEMA_ID


def test_load_schema_returns_the_file_as_a_private_copy() -> None:
    first = load_schema()
    assert first == ORDER
    first["properties"].clear()
    assert load_schema() == ORDER


def test_version_is_exposed() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", order_validation.__version__)


# ----------------------------------------------------------------------------------------------
# _contract.py agrees with the schema.


def test_market_currency_table_agrees_with_the_schema() -> None:
    markets = ORDER["properties"]["market"]["enum"]
    currencies = DEFS["orderPriceInfo"]["properties"]["currency"]["enum"]
    assert sorted(MARKET_CURRENCY) == sorted(markets)
    assert sorted(MARKET_CURRENCY.values()) == sorted(currencies)
    from_schema = {}
    for block in DEFS["currencyMatchesMarket"]["allOf"]:
        market = block["if"]["properties"]["market"]["const"]
        forbidden = block["then"]["properties"]["order_price_info"]["properties"]["currency"]
        allowed = set(currencies) - set(forbidden["not"]["enum"])
        assert len(allowed) == 1, (market, allowed)
        from_schema[market] = allowed.pop()
    assert from_schema == MARKET_CURRENCY


def test_the_currency_table_is_what_validate_enforces() -> None:
    for market, currency in MARKET_CURRENCY.items():
        payload = put(order("P", market), "/order_price_info/currency", currency)
        assert validate(payload).valid, market


def test_service_audience_agrees_with_the_schema_blocks() -> None:
    services = set(ORDER["properties"]["order_service"]["enum"])
    for name, audience in SERVICE_AUDIENCE.items():
        block = DEFS[name]
        letters = block["if"]["properties"]["order_service"]["enum"]
        assert set(letters) <= services
        assert f"order_service {' or '.join(letters)}" in audience, (name, audience)
        assert block["title"].lower() == audience.lower()
        assert {"$ref": f"#/$defs/{name}"} in ORDER["allOf"]


def test_every_service_has_a_requirement_block() -> None:
    covered = {
        letter
        for name in SERVICE_AUDIENCE
        for letter in DEFS[name]["if"]["properties"]["order_service"]["enum"]
    }
    assert covered == set(ORDER["properties"]["order_service"]["enum"])


def test_white_label_only_fields_are_top_level_properties() -> None:
    assert set(WHITE_LABEL_ONLY) <= set(ORDER["properties"])
    assert set(WHITE_LABEL_ONLY) == {
        "deliverable_action",
        "undeliverable_action",
        "delivery_verification",
    }


def test_market_countries_are_iso_codes_and_the_eu_has_27() -> None:
    assert len(EU_27) == 27
    assert "GB" not in EU_27
    assert set(MARKET_COUNTRIES) == set(MARKET_CURRENCY)
    for countries in MARKET_COUNTRIES.values():
        assert all(re.fullmatch(r"[A-Z]{2}", c) for c in countries)
    assert MARKET_COUNTRIES["US"] == {"US"}
    assert MARKET_COUNTRIES["UK"] == {"GB"}


# ----------------------------------------------------------------------------------------------
# Codes: every code the mapping can produce is known and in the contract (or an addition).

VALIDATION_KEYWORDS = set(KEYWORD_CODES) | {"pattern", "not", "multipleOf"}
_NAME_MAPS = {"properties", "$defs", "patternProperties", "dependentSchemas"}
_SCHEMA_LISTS = {"allOf", "anyOf", "oneOf", "prefixItems"}
_SUBSCHEMAS = {"items", "then", "else", "additionalProperties", "contains", "propertyNames"}


def _keyword_locations(
    node: Any, location: tuple[str | int, ...] = ()
) -> Iterator[tuple[str | int, ...]]:
    """Every place a validation keyword can fail and be reported (not inside ``if``/``not``)."""
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        here = (*location, key)
        # additionalProperties reports only where it closes the object.
        if key in VALIDATION_KEYWORDS and (key != "additionalProperties" or value is False):
            yield here
        if key in _NAME_MAPS and isinstance(value, dict):
            for name, sub in value.items():
                yield from _keyword_locations(sub, (*here, name))
        elif key in _SCHEMA_LISTS and isinstance(value, list):
            for index, sub in enumerate(value):
                yield from _keyword_locations(sub, (*here, index))
        elif key in _SUBSCHEMAS and isinstance(value, dict):
            yield from _keyword_locations(value, here)


LOCATIONS = [*_keyword_locations(ORDER), *_keyword_locations(HEADERS)]


def test_the_keyword_walk_finds_the_schemas_keywords() -> None:
    assert len(LOCATIONS) > 100
    assert ("$defs", "utcDateTime", "then", "then", "pattern") in LOCATIONS


@pytest.mark.parametrize("location", LOCATIONS, ids=["/".join(map(str, x)) for x in LOCATIONS])
def test_every_schema_keyword_maps_to_a_known_code(location: tuple[str | int, ...]) -> None:
    def_name, rest = split_location(location)
    code = code_for(def_name, rest, str(location[-1]))
    assert code in CODES, (location, code)


def test_every_mapped_and_rule_code_is_in_the_code_table() -> None:
    produced = (
        set(LOCATION_CODES.values())
        | set(KEYWORD_CODES.values())
        | {rule.code for rule in RULES}
        | NON_KEYWORD_CODES
    )
    assert produced <= set(CODES), produced - set(CODES)


def test_every_code_is_the_contracts_or_a_documented_addition() -> None:
    assert set(CODES) <= CONTRACT_CODES | ADDITIONS, set(CODES) - CONTRACT_CODES - ADDITIONS
    assert set(CODES) >= CONTRACT_CODES, CONTRACT_CODES - set(CODES)
    for code in ADDITIONS:
        assert CODES[code].trigger
        assert CODES[code].example_message


def test_rule_codes_and_severities_follow_the_contracts_rules_table() -> None:
    assert {rule.code for rule in RULES} == RULE_CODES
    for rule in RULES:
        assert rule.severity == ("warning" if rule.code in WARNINGS else "error"), rule.code
    for code, info in CODES.items():
        assert info.severity == ("warning" if code in WARNINGS else "error"), code


# ----------------------------------------------------------------------------------------------
# What a gateway loading only the file gets: bounds, closed objects, portable patterns.


def _nodes(node: Any, path: str = "#") -> Iterator[tuple[str, dict[str, Any]]]:
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            if key in ("examples", "default", "enum", "const"):
                continue
            yield from _nodes(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _nodes(value, f"{path}/{index}")


ORDER_NODES = list(_nodes(ORDER))
ALL_NODES = ORDER_NODES + list(_nodes(HEADERS))


def test_every_string_has_an_upper_bound() -> None:
    unbounded = [
        path
        for path, node in ALL_NODES
        if node.get("type") == "string"
        and "maxLength" not in node
        and "enum" not in node
        and "const" not in node
        # A conditional branch or a guard restates the type of a field whose own schema is
        # bounded.
        and not path.endswith(("/if", "/then", "/not"))
    ]
    assert unbounded == []


def test_every_array_has_an_upper_bound() -> None:
    unbounded = [p for p, n in ALL_NODES if n.get("type") == "array" and "maxItems" not in n]
    assert unbounded == []


def test_every_object_rejects_unknown_properties() -> None:
    open_objects = [
        path
        for path, node in ORDER_NODES
        if "properties" in node
        and "/if" not in path
        and "/then" not in path
        and "/not" not in path
        and node.get("additionalProperties") is not False
    ]
    assert open_objects == []


def test_every_property_has_a_title_a_description_and_examples() -> None:
    missing = []
    for path, node in ORDER_NODES:
        if "/if" in path or "/then" in path or "/not" in path:
            continue
        for name, prop in node.get("properties", {}).items():
            for key in ("title", "description", "examples"):
                if not prop.get(key):
                    missing.append(f"{path}/properties/{name}: {key}")
    assert missing == []


def test_no_money_multiple_of_and_no_rule_that_lives_only_in_format() -> None:
    assert all("format" not in node for _, node in ALL_NODES)
    assert "multipleOf" not in DEFS["money"]
    multiples = [path for path, node in ORDER_NODES if "multipleOf" in node]
    assert multiples == ["#/$defs/item/then/properties/quantity"]
    assert DEFS["item"]["then"]["properties"]["quantity"]["multipleOf"] == 1


PATTERNS = [(path, node["pattern"]) for path, node in ALL_NODES if "pattern" in node]


@pytest.mark.parametrize(("path", "pattern"), PATTERNS, ids=[p for p, _ in PATTERNS])
def test_patterns_are_portable(path: str, pattern: str) -> None:
    assert not re.search(r"\\[dDwWsSbB]", pattern), "ASCII/Unicode classes differ between engines"
    assert "(?" not in pattern, "no lookaround, no inline flags"
    assert not re.search(r"\\[1-9]", pattern), "no backreferences"
    assert pattern.startswith("^") or pattern == "\\n$", "anchored at the start"
    re.compile(pattern)


def test_every_patterned_string_guards_against_a_trailing_newline() -> None:
    unguarded = [
        path
        for path, node in ALL_NODES
        if node.get("type") == "string"
        and "pattern" in node
        # Only an end anchor lets Python's `$` accept a trailing newline.
        and node["pattern"].endswith("$")
        and not path.endswith("/not")  # the guard itself
        and node.get("not") != {"type": "string", "pattern": "\\n$"}
    ]
    assert unguarded == []


def test_the_schema_says_what_it_does_not_check() -> None:
    text = ORDER["description"].lower()
    for words in (
        "2023-02-29",
        "decimal",
        "slot",
        "pickup",
        "total",
        "subtotal",
        "item_id",
        "cancel_details",
        "white-label",
        "country",
    ):
        assert words in text, words


# ----------------------------------------------------------------------------------------------
# The schema's own examples are valid where they stand.

TOP_EXAMPLES = [
    (name, example)
    for name, prop in ORDER["properties"].items()
    for example in prop.get("examples", [])
]


@pytest.mark.parametrize(
    ("name", "example"), TOP_EXAMPLES, ids=[f"{n}-{i}" for i, (n, _) in enumerate(TOP_EXAMPLES)]
)
def test_each_top_level_example_is_valid_in_an_order(name: str, example: Any) -> None:
    service = "W" if name in WHITE_LABEL_ONLY or name in ("quote_id", "customer_id") else "PD"
    result = validate(put(order(service), f"/{name}", example))
    assert pairs(result.errors) == []
