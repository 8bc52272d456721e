"""ajv compiles every artefact in strict mode without a single warning."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest

from tests.parity._parity_engines import CANONICAL, artefact, subjects

if TYPE_CHECKING:
    from tests.parity._parity_node import NodeEngines


def _openapi_schemas(filename: str) -> dict[str, Any]:
    document = artefact(filename)
    schemas: dict[str, Any] = document["components"]["schemas"]
    parameter = document["paths"]["/v1/orders"]["post"]["parameters"][0]
    return {**schemas, "WM_CONSUMER.ID": parameter["schema"]}


@pytest.mark.parametrize(
    "subject", [s for s in subjects() if s.name != "order.schema.json"], ids=lambda s: s.name
)
def test_ajv_compiles_each_artefact_in_strict_mode_without_warnings(
    node_engines: NodeEngines, subject: Any
) -> None:
    reply = node_engines.load(
        "strict " + subject.name, subject.ajv_engine, subject.schema, subject.ajv_annotations
    )
    assert reply["ok"], reply.get("error")
    assert reply["warnings"] == []


@pytest.mark.parametrize(
    ("filename", "engine", "annotations"),
    [
        ("openapi-3.1.yaml", "2020", ()),
        ("openapi-3.0.yaml", "draft-04", ("example",)),
    ],
)
def test_ajv_compiles_the_header_and_problem_schemas_without_warnings(
    node_engines: NodeEngines, filename: str, engine: str, annotations: tuple[str, ...]
) -> None:
    schemas = _openapi_schemas(filename)
    issue = schemas["Issue"]
    problem = json.loads(json.dumps(schemas["Problem"]))
    for key in ("errors", "warnings"):
        problem["properties"][key]["items"] = issue
    for name, schema in (("problem", problem), ("header", schemas["WM_CONSUMER.ID"])):
        reply = node_engines.load(f"{filename} {name}", engine, schema, annotations)
        assert reply["ok"], reply.get("error")
        assert reply["warnings"] == []


def test_ajv_compiles_the_canonical_schema_in_strict_mode_without_warnings(
    node_engines: NodeEngines,
) -> None:
    reply = node_engines.load("strict canonical", "2020", CANONICAL)
    assert reply["ok"], reply.get("error")
    assert reply["warnings"] == []
