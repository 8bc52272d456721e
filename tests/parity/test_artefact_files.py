"""schema/dist/ is generated, current, self-contained, and in each target's own dialect."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.parity._parity_engines import (
    CANONICAL,
    ROOT,
    all_pairs,
    artefact,
    artefact_files,
    schema_keywords,
)
from tools._convert import ExportError
from tools._dialects import ARTEFACTS, AWS_API_GATEWAY, DRAFT_04
from tools._limitations import LIBRARY_RULES, RULES, dropped_rules
from tools.export_artefacts import DIST, DOCS, README, build, run, stale

SCHEMA_FILES = ("order.draft-07.json", "order.draft-04.json", "order.aws-apigateway.json")


def _copy_sources(target: Path) -> None:
    (target / "schema").mkdir(parents=True)
    for name in ("order.schema.json", "headers.schema.json"):
        shutil.copy(ROOT / "schema" / name, target / "schema" / name)
    shutil.copytree(ROOT / "examples", target / "examples")
    shutil.copy(ROOT / README, target / README)


def test_schema_dist_and_the_gateway_docs_are_up_to_date() -> None:
    problems = stale(ROOT, build(ROOT))
    assert not problems, f"run `make artefacts`: {problems}"


def test_regeneration_is_byte_identical() -> None:
    assert build(ROOT) == build(ROOT)


def test_check_fails_on_missing_stale_or_stray_files_and_passes_after_writing(
    tmp_path: Path,
) -> None:
    _copy_sources(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    assert run(["--check"], out, err, root=tmp_path) == 1
    assert "missing" in err.getvalue()
    assert run([], out, err, root=tmp_path) == 0
    assert run(["--check"], out, err, root=tmp_path) == 0
    draft = tmp_path / DIST / "order.draft-07.json"
    draft.write_text(
        draft.read_text("utf-8").replace('"maxLength": 64', '"maxLength": 65'), "utf-8"
    )
    assert run(["--check"], out, io.StringIO(), root=tmp_path) == 1
    assert run([], out, err, root=tmp_path) == 0
    (tmp_path / DIST / "order.draft-06.json").write_text("{}", "utf-8")
    errors = io.StringIO()
    assert run(["--check"], out, errors, root=tmp_path) == 1
    assert "order.draft-06.json: not generated any more" in errors.getvalue()


def test_the_check_runs_as_a_module_from_the_repository_root() -> None:
    completed = subprocess.run(
        [sys.executable, "-m", "tools.export_artefacts", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert "up to date" in completed.stdout


def test_every_artefact_has_its_limitation_list_and_nothing_else_is_generated() -> None:
    expected = {a.filename for a in ARTEFACTS} | {a.limitations_filename for a in ARTEFACTS}
    assert set(artefact_files()) == expected
    assert set(build(ROOT)) == {DIST / name for name in expected} | {DOCS, README}


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_schema_artefacts_are_self_contained(name: str) -> None:
    assert "$ref" not in json.dumps(artefact(name))
    assert "$defs" not in artefact(name)


@pytest.mark.parametrize("name", ["openapi-3.0.yaml", "openapi-3.1.yaml"])
def test_openapi_documents_refer_only_to_their_own_components(name: str) -> None:
    refs = [value for key, value in all_pairs(artefact(name)) if key == "$ref"]
    assert refs
    assert all(ref.startswith("#/components/schemas/") for ref in refs)


@pytest.mark.parametrize(
    ("name", "validator"),
    [
        ("order.draft-07.json", jsonschema.Draft7Validator),
        ("order.draft-04.json", jsonschema.Draft4Validator),
        ("order.aws-apigateway.json", jsonschema.Draft4Validator),
    ],
)
def test_schema_artefacts_pass_their_dialects_meta_schema(name: str, validator: Any) -> None:
    schema = artefact(name)
    validator.check_schema(schema)
    assert schema["$schema"] == validator.META_SCHEMA["$schema"]


def test_the_draft_07_artefact_keeps_if_then_and_const() -> None:
    keys = {key for key, _ in schema_keywords(artefact("order.draft-07.json"))}
    assert {"if", "then", "const", "$id"} <= keys


@pytest.mark.parametrize("name", ["order.draft-04.json", "order.aws-apigateway.json"])
def test_draft_04_artefacts_use_only_draft_04_spellings(name: str) -> None:
    schema = artefact(name)
    pairs = list(schema_keywords(schema))
    assert {key for key, _ in pairs}.isdisjoint({"if", "then", "else", "const", "$id", "examples"})
    for key, value in pairs:
        if key in {"exclusiveMinimum", "exclusiveMaximum"}:
            assert value is True
        if key == "type":
            assert value != "integer", "draft-04 rejects 2.0 as an integer; 2020-12 accepts it"


def test_the_draft_04_artefact_rewrites_conditionals_to_any_of_not() -> None:
    schema = artefact("order.draft-04.json")
    assert schema["id"].endswith("/order.draft-04.json")
    delivery = schema["allOf"][0]["anyOf"]
    assert delivery[0]["not"]["properties"]["order_service"]["enum"] == ["D", "PD"]
    assert "pickup_ready_time" in delivery[1]["required"]


def test_the_aws_profile_uses_nothing_aws_models_refuse() -> None:
    keys = {key for key, _ in schema_keywords(artefact("order.aws-apigateway.json"))}
    refused = {
        "anyOf",
        "oneOf",
        "not",
        "additionalProperties",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "if",
        "then",
        "const",
        "id",
        "$id",
        "discriminator",
        "example",
        "examples",
    }
    assert keys.isdisjoint(refused)
    assert keys <= AWS_API_GATEWAY.keywords | AWS_API_GATEWAY.annotations | {"$schema"}
    assert keys <= DRAFT_04.keywords | DRAFT_04.annotations | {"$schema", "id"}


def test_the_aws_profile_still_checks_blank_text_and_utc_times() -> None:
    schema = artefact("order.aws-apigateway.json")
    first_name = schema["properties"]["customer_contact_info"]["properties"]["first_name"]
    assert "pattern" in first_name
    due = schema["properties"]["estimated_due_time"]
    assert "Z|\\+00:00" in due["allOf"][0]["pattern"]


def test_every_limitation_list_starts_with_the_dialect_rules_and_ends_with_the_library_rules() -> (
    None
):
    library = [rule.id for rule in LIBRARY_RULES]
    for item in ARTEFACTS:
        listed = [i["rule"] for i in artefact(item.limitations_filename)["not_enforced"]]
        assert listed[-len(library) :] == library
        assert all(RULES[rule].kind == "dialect" for rule in listed[: -len(library)])
    aws = [i["rule"] for i in artefact("order.aws-apigateway.limitations.json")["not_enforced"]]
    assert aws[: -len(library)] == [
        "required_for_service",
        "currency_market_mismatch",
        "leave_at_door_conflict",
        "integer_quantity",
        "reason_text_required",
        "unknown_field",
        "trailing_newline",
        "positive_amounts",
    ]
    draft07 = [i["rule"] for i in artefact("order.draft-07.limitations.json")["not_enforced"]]
    assert draft07 == library


def test_a_dropped_keyword_that_no_rule_explains_stops_the_export() -> None:
    with pytest.raises(ExportError, match="no rule"):
        dropped_rules(["#/$defs/money/minimum"], CANONICAL)


def test_the_gateway_docs_show_one_table_per_artefact() -> None:
    docs = (ROOT / DOCS).read_text("utf-8")
    for item in ARTEFACTS:
        assert f"## `{item.filename}`" in docs
        assert f"`schema/dist/{item.filename}`" in docs
    section = docs.split("## `order.aws-apigateway.json`")[1].split("\n## ")[0]
    assert RULES["required_for_service"].summary in section
    assert RULES["money_precision"].summary in section


def test_the_readme_table_of_limitations_is_generated_and_fresh() -> None:
    readme = (ROOT / README).read_text("utf-8")
    block = readme[readme.index("<!-- BEGIN generated") : readme.index("<!-- END generated")]
    for item in ARTEFACTS:
        assert f"`{item.filename}`" in block
    assert "`money_precision` | library | library" in block
    assert build(ROOT)[README] == (ROOT / README).read_bytes()
