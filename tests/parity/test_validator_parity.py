"""Every artefact gives the canonical verdict under every real validator of its dialect."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

import pytest

from tests.parity._parity_corpus import corpus
from tests.parity._parity_engines import (
    REPORT,
    Canonical,
    Cell,
    canonical_verdicts,
    format_matrix,
    parity_matrix,
    subjects,
)
from tools._limitations import DIALECT_RULES

if TYPE_CHECKING:
    from tests.parity._parity_node import NodeEngines


@pytest.fixture(scope="module")
def payloads() -> list[Any]:
    return corpus()


@pytest.fixture(scope="module")
def references(payloads: list[Any]) -> list[Canonical]:
    return canonical_verdicts(payloads)


@pytest.fixture(scope="module")
def matrix(
    payloads: list[Any], references: list[Canonical], node_engines: NodeEngines
) -> dict[tuple[str, str], Cell]:
    result = parity_matrix(payloads, references, node_engines)
    valid = sum(r.valid for r in references)
    REPORT.append(
        f"{len(payloads)} payloads: {valid} valid, {len(payloads) - valid} invalid "
        "under the canonical schema (python-jsonschema Draft202012Validator)"
    )
    REPORT.extend(format_matrix(result))
    return result


def test_the_corpus_has_thousands_of_valid_and_invalid_payloads(
    references: list[Canonical],
) -> None:
    valid = sum(r.valid for r in references)
    assert valid >= 500
    assert len(references) - valid >= 2000


def test_the_corpus_breaks_every_rule_a_dialect_may_drop(references: list[Canonical]) -> None:
    broken = {rule for r in references if not r.valid for rule in r.rules}
    assert {rule.id for rule in DIALECT_RULES} <= broken


def test_every_artefact_agrees_with_the_canonical_schema_under_every_engine(
    matrix: dict[tuple[str, str], Cell],
) -> None:
    failures = [
        f"{artefact} under {engine}: {cell.compared - cell.agreed} of {cell.compared} differ\n  "
        + "\n  ".join(cell.disagreements)
        for (artefact, engine), cell in matrix.items()
        if cell.agreed != cell.compared
    ]
    assert not failures, "\n".join(failures)


def test_every_artefact_runs_under_python_rust_and_ajv(matrix: dict[tuple[str, str], Cell]) -> None:
    for subject in subjects():
        engines = {engine for artefact, engine in matrix if artefact == subject.name}
        assert "jsonschema-rs" in engines
        assert any(engine.startswith("ajv ") for engine in engines)
        assert subject.name == "order.schema.json" or len(engines) == 3


def test_only_artefacts_that_drop_rules_exclude_payloads(
    matrix: dict[tuple[str, str], Cell],
) -> None:
    for subject in subjects():
        cells = [cell for (artefact, _), cell in matrix.items() if artefact == subject.name]
        if subject.dropped:
            assert all(cell.excluded > 0 for cell in cells), subject.name
        else:
            assert all(cell.excluded == 0 for cell in cells), subject.name
        assert all(cell.compared > 2000 for cell in cells), subject.name


def test_the_aws_profile_declares_the_rules_it_cannot_carry() -> None:
    aws = next(s for s in subjects() if s.name == "order.aws-apigateway.json")
    assert {
        "required_for_service",
        "currency_market_mismatch",
        "leave_at_door_conflict",
        "integer_quantity",
        "reason_text_required",
        "unknown_field",
        "trailing_newline",
    } <= aws.dropped
    assert "blank" not in aws.dropped
    assert "datetime_checks" not in aws.dropped


def test_the_harness_notices_a_rule_an_artefact_drops_without_saying_so(
    payloads: list[Any], references: list[Canonical]
) -> None:
    aws = next(s for s in subjects() if s.name == "order.aws-apigateway.json")
    silent = dataclasses.replace(
        aws,
        dropped=frozenset(),
        checks={name: check for name, check in aws.checks.items() if name == "jsonschema-rs"},
    )
    cell = parity_matrix(payloads, references, None, [silent])[silent.name, "jsonschema-rs"]
    assert cell.excluded == 0
    assert cell.compared - cell.agreed >= 100
