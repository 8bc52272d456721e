"""Each artefact under each real validator of its dialect, and the canonical verdicts to match.

A payload the canonical schema rejects only for rules an artefact declares it cannot carry
(its `*.limitations.json`, kind "dialect") is excluded for that artefact and counted apart;
every other payload must get the canonical verdict from every engine.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema
import jsonschema_rs
import yaml
from openapi_schema_validator import OAS30Validator, OAS31Validator

from tools._convert import escape, resolve_pointer
from tools._limitations import rule_at
from tools.export_artefacts import build

if TYPE_CHECKING:
    from tests.parity._parity_node import NodeEngines

ROOT = Path(__file__).resolve().parent.parent.parent
DIST_PATH = Path("schema/dist")
CANONICAL: dict[str, Any] = json.loads((ROOT / "schema/order.schema.json").read_text("utf-8"))
Check = Callable[[Any], bool]
#: Lines shown in the terminal summary of every run (tests/parity/conftest.py prints them).
REPORT: list[str] = []


@dataclass
class Subject:
    """One artefact: its schema, the rules it says it drops, and its engines."""

    name: str
    schema: dict[str, Any]
    dropped: frozenset[str]
    python: dict[str, Check]
    ajv_engine: str
    ajv_annotations: tuple[str, ...] = ()
    checks: dict[str, Check] = field(default_factory=dict)


@functools.cache
def artefact_files() -> dict[str, bytes]:
    """What the exporter generates now, by file name in schema/dist/.

    Built in memory rather than read from disk, so these tests judge the exporter even
    where schema/dist/ is stale (test_artefact_files.py fails on that separately).
    """
    return {path.name: content for path, content in build(ROOT).items() if path.parent == DIST_PATH}


def artefact(filename: str) -> Any:
    """One generated file, parsed."""
    text = artefact_files()[filename].decode("utf-8")
    return yaml.safe_load(text) if filename.endswith(".yaml") else json.loads(text)


def _dropped(limitations_file: str | None) -> frozenset[str]:
    if limitations_file is None:
        return frozenset()
    document = artefact(limitations_file)
    return frozenset(i["rule"] for i in document["not_enforced"] if i["kind"] == "dialect")


def _openapi_order(filename: str) -> dict[str, Any]:
    order: dict[str, Any] = artefact(filename)["components"]["schemas"]["Order"]
    return order


def subjects() -> list[Subject]:
    """The canonical schema first (its own engines must agree too), then every artefact."""
    draft07 = artefact("order.draft-07.json")
    draft04 = artefact("order.draft-04.json")
    aws = artefact("order.aws-apigateway.json")
    oas31 = _openapi_order("openapi-3.1.yaml")
    oas30 = _openapi_order("openapi-3.0.yaml")
    listed = [
        Subject("order.schema.json", CANONICAL, _dropped(None), {}, "2020"),
        Subject(
            "order.draft-07.json",
            draft07,
            _dropped("order.draft-07.limitations.json"),
            {"python-jsonschema Draft7": jsonschema.Draft7Validator(draft07).is_valid},
            "draft-07",
        ),
        Subject(
            "order.draft-04.json",
            draft04,
            _dropped("order.draft-04.limitations.json"),
            {"python-jsonschema Draft4": jsonschema.Draft4Validator(draft04).is_valid},
            "draft-04",
        ),
        Subject(
            "order.aws-apigateway.json",
            aws,
            _dropped("order.aws-apigateway.limitations.json"),
            {"python-jsonschema Draft4": jsonschema.Draft4Validator(aws).is_valid},
            "draft-04",
        ),
        Subject(
            "openapi-3.1.yaml Order",
            oas31,
            _dropped("openapi-3.1.limitations.json"),
            {"openapi-schema-validator OAS31": OAS31Validator(oas31).is_valid},
            "2020",
        ),
        Subject(
            "openapi-3.0.yaml Order",
            oas30,
            _dropped("openapi-3.0.limitations.json"),
            {"openapi-schema-validator OAS30": OAS30Validator(oas30).is_valid},
            "draft-04",
            ("example",),
        ),
    ]
    rust = {
        "order.schema.json": jsonschema_rs.validator_for(CANONICAL),
        "order.draft-07.json": jsonschema_rs.validator_for(draft07),
        "order.draft-04.json": jsonschema_rs.validator_for(draft04),
        "order.aws-apigateway.json": jsonschema_rs.validator_for(aws),
        "openapi-3.1.yaml Order": jsonschema_rs.Draft202012Validator(oas31),
        "openapi-3.0.yaml Order": jsonschema_rs.Draft4Validator(oas30),
    }
    for subject in listed:
        subject.checks.update(subject.python)
        subject.checks["jsonschema-rs"] = rust[subject.name].is_valid
    return listed


def canonical_location(path: Any) -> str:
    """A python-jsonschema schema path as a location in the canonical file.

    python-jsonschema leaves `$ref` out of the path, so a key the current node lacks is
    looked up behind that node's `$ref`.
    """
    node: Any = CANONICAL
    location = "#"
    for part in path:
        while isinstance(node, dict) and part not in node and "$ref" in node:
            location = node["$ref"]
            node = resolve_pointer(CANONICAL, location)
        node = node[part]
        location += "/" + escape(str(part))
    return location


@dataclass(frozen=True)
class Canonical:
    """The reference verdict for one payload, and the dialect rules its errors belong to."""

    valid: bool
    rules: frozenset[str | None]


def canonical_verdicts(payloads: list[Any]) -> list[Canonical]:
    validator = jsonschema.Draft202012Validator(CANONICAL)
    verdicts = []
    for payload in payloads:
        errors = list(validator.iter_errors(payload))
        rules = frozenset(
            rule_at(canonical_location(e.relative_schema_path), CANONICAL) for e in errors
        )
        verdicts.append(Canonical(not errors, rules))
    return verdicts


@dataclass
class Cell:
    """One artefact x engine entry of the parity matrix."""

    agreed: int = 0
    compared: int = 0
    excluded: int = 0
    quirks: int = 0
    disagreements: list[str] = field(default_factory=list)


#: ajv's multipleOf tests `x / m !== parseInt(x / m)`, and parseInt reads 1e+21 as 1, so
#: ajv rejects every number from 1e21 up under `multipleOf: 1`. Artefacts whose dialect
#: spells integers that way (draft-04 rejects 2.0 for `type: integer`) meet this on an
#: unbounded integer such as order_summary.item_count; other engines are right there.
AJV_MULTIPLE_OF_LIMIT = 1e21
_INTEGERS_AS_MULTIPLE_OF = frozenset(
    {"order.draft-04.json", "order.aws-apigateway.json", "openapi-3.0.yaml Order"}
)


def _has_huge_number(value: Any) -> bool:
    if isinstance(value, dict):
        return any(_has_huge_number(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_huge_number(v) for v in value)
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and abs(value) >= AJV_MULTIPLE_OF_LIMIT
    )


def excluded_for(subject: Subject, reference: Canonical) -> bool:
    """Rejected only for rules this artefact says it cannot carry."""
    return (
        not reference.valid and None not in reference.rules and reference.rules <= subject.dropped
    )


def parity_matrix(
    payloads: list[Any],
    references: list[Canonical],
    engines: NodeEngines | None,
    listed: list[Subject] | None = None,
) -> dict[tuple[str, str], Cell]:
    """Agreement of every subject's engines with the canonical verdicts (ajv if `engines`)."""
    listed = subjects() if listed is None else listed
    ajv: list[dict[str, bool]] = []
    if engines is not None:
        for subject in listed:
            # The canonical file is the lead's: its strict-mode warnings are asserted in
            # test_ajv_strict_mode.py, here only its verdicts matter.
            reply = engines.load(
                subject.name,
                subject.ajv_engine,
                subject.schema,
                subject.ajv_annotations,
                lenient_types=subject.name == "order.schema.json",
            )
            if not reply["ok"]:
                raise AssertionError(f"ajv cannot compile {subject.name}: {reply['error']}")
        ajv = engines.verdicts(payloads)
    matrix: dict[tuple[str, str], Cell] = {}
    for subject in listed:
        names = [*subject.checks, *(["ajv " + subject.ajv_engine] if engines else [])]
        cells = {name: matrix.setdefault((subject.name, name), Cell()) for name in names}
        for index, (payload, reference) in enumerate(zip(payloads, references, strict=True)):
            skip = excluded_for(subject, reference)
            quirk = subject.name in _INTEGERS_AS_MULTIPLE_OF and _has_huge_number(payload)
            for name, cell in cells.items():
                if skip:
                    cell.excluded += 1
                    continue
                if name.startswith("ajv "):
                    if quirk:
                        cell.quirks += 1
                        continue
                    verdict = ajv[index][subject.name]
                else:
                    verdict = subject.checks[name](payload)
                cell.compared += 1
                if verdict == reference.valid:
                    cell.agreed += 1
                elif len(cell.disagreements) < 5:
                    cell.disagreements.append(
                        f"canonical {'valid' if reference.valid else 'invalid'} "
                        f"({sorted(map(str, reference.rules))}), {name} says {verdict}: "
                        f"{json.dumps(payload)[:400]}"
                    )
    return matrix


def format_matrix(matrix: dict[tuple[str, str], Cell]) -> list[str]:
    """The matrix as text lines: artefact x engine, agreed/compared, excluded."""
    width = max(len(a) for a, _ in matrix) + 2
    lines = [
        f"{'artefact':<{width}}{'validator':<32}agreed/compared  excluded  ajv>=1e21",
    ]
    for (artefact, engine), cell in matrix.items():
        lines.append(
            f"{artefact:<{width}}{engine:<32}{cell.agreed:>6}/{cell.compared:<8}"
            f"  {cell.excluded:>8}  {cell.quirks:>9}"
        )
    lines.append(
        "excluded: canonical rejects only for rules the artefact lists as not carried "
        "(*.limitations.json); ajv>=1e21: numbers ajv's multipleOf misjudges"
    )
    return lines


def schema_keywords(schema: Any) -> Iterator[tuple[str, Any]]:
    """Every (keyword, value) of a schema tree, not descending into data values."""
    if not isinstance(schema, dict):
        return
    for key, value in schema.items():
        yield key, value
        if key in {"properties", "patternProperties"}:
            for sub in value.values():
                yield from schema_keywords(sub)
        elif key in {"allOf", "anyOf", "oneOf"}:
            for sub in value:
                yield from schema_keywords(sub)
        elif key in {"items", "not", "if", "then", "else", "additionalProperties"}:
            yield from schema_keywords(value)


def all_pairs(value: Any) -> Iterator[tuple[str, Any]]:
    """Every (key, value) of a JSON document, at any depth."""
    if isinstance(value, dict):
        for key, sub in value.items():
            yield key, sub
            yield from all_pairs(sub)
    elif isinstance(value, list):
        for sub in value:
            yield from all_pairs(sub)
