"""The OpenAPI documents: valid for their version, complete, and their examples pass."""

from __future__ import annotations

import json
from typing import Any

import pytest
from openapi_schema_validator import OAS30Validator, OAS31Validator
from openapi_spec_validator import validate

from order_validation import validate as validate_order
from tests.parity._parity_engines import ROOT, artefact, schema_keywords

DOCUMENTS = {
    "openapi-3.0.yaml": ("3.0.3", OAS30Validator),
    "openapi-3.1.yaml": ("3.1.0", OAS31Validator),
}
HEADERS = json.loads((ROOT / "schema/headers.schema.json").read_text("utf-8"))


def _operation(name: str) -> dict[str, Any]:
    operation: dict[str, Any] = artefact(name)["paths"]["/v1/orders"]["post"]
    return operation


def _validator(name: str, component: str) -> Any:
    """A validator for one component that resolves the document's own `#/components` refs."""
    document = artefact(name)
    schema = {
        "allOf": [{"$ref": f"#/components/schemas/{component}"}],
        "components": document["components"],
    }
    return DOCUMENTS[name][1](schema)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_document_passes_openapi_spec_validator(name: str) -> None:
    document = artefact(name)
    assert document["openapi"] == DOCUMENTS[name][0]
    validate(document)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_consumer_id_header_is_required_with_the_header_schema(name: str) -> None:
    (parameter,) = _operation(name)["parameters"]
    assert (parameter["name"], parameter["in"], parameter["required"]) == (
        "WM_CONSUMER.ID",
        "header",
        True,
    )
    expected = HEADERS["properties"]["WM_CONSUMER.ID"]
    for key in ("minLength", "maxLength", "pattern"):
        assert parameter["schema"][key] == expected[key]
    assert parameter["schema"]["not"]["pattern"] == "\\n$"


@pytest.mark.parametrize("name", DOCUMENTS)
def test_there_is_one_valid_example_per_service(name: str) -> None:
    content = _operation(name)["requestBody"]["content"]["application/json"]
    assert content["schema"] == {"$ref": "#/components/schemas/Order"}
    examples = content["examples"]
    assert sorted(e["value"]["order_service"] for e in examples.values()) == ["D", "P", "PD", "W"]
    order = _validator(name, "Order")
    for example in examples.values():
        assert order.is_valid(example["value"])
        result = validate_order(example["value"])
        assert result.valid, result.issues
        assert not result.warnings, result.issues


def test_the_examples_come_from_the_examples_directory() -> None:
    content = _operation("openapi-3.1.yaml")["requestBody"]["content"]["application/json"]
    for key, example in content["examples"].items():
        shipped = ROOT / "examples" / f"{key}.json"
        if shipped.exists():
            assert json.loads(shipped.read_text("utf-8")) == example["value"]


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_400_response_is_a_problem_document_of_our_issues(name: str) -> None:
    responses = _operation(name)["responses"]
    assert set(responses) == {"200", "400"}
    body = responses["400"]["content"]["application/problem+json"]
    problem = _validator(name, "Problem")
    assert problem.is_valid(body["example"])
    invalid = json.loads((ROOT / "examples/invalid-delivery-order.json").read_text("utf-8"))
    produced = validate_order(invalid).to_problem()
    errors = list(problem.iter_errors(produced))
    assert not errors, errors[0].message if errors else ""
    assert produced["errors"]
    assert body["example"]["errors"][0]["hint"] is None, "the example shows hint may be null"
    assert not problem.is_valid({**produced, "errors": [{"code": "x"}]})


def test_the_openapi_3_0_document_uses_only_3_0_schema_spellings() -> None:
    schemas = artefact("openapi-3.0.yaml")["components"]["schemas"]
    pairs = [pair for schema in schemas.values() for pair in schema_keywords(schema)]
    keys = {key for key, _ in pairs}
    assert keys.isdisjoint({"$schema", "$id", "const", "if", "then", "examples", "$defs"})
    assert {"example", "nullable", "anyOf", "not"} <= keys
    for key, value in pairs:
        if key == "type":
            assert isinstance(value, str), "OpenAPI 3.0 takes one type string"
        if key in {"exclusiveMinimum", "exclusiveMaximum"}:
            assert value is True
    hint = artefact("openapi-3.0.yaml")["components"]["schemas"]["Issue"]["properties"]["hint"]
    assert hint["type"] == "string"
    assert hint["nullable"] is True


def test_the_openapi_3_1_document_keeps_json_schema_2020_12_spellings() -> None:
    schemas = artefact("openapi-3.1.yaml")["components"]["schemas"]
    assert schemas["Issue"]["properties"]["hint"]["type"] == ["string", "null"]
    keys = {key for key, _ in schema_keywords(schemas["Order"])}
    assert {"if", "then", "const"} <= keys
