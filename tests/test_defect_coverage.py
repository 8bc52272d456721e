"""Every constraint of the contract has a defect, and every defect yields exactly its issue.

The schema file is walked here, independently of the catalogue: each ``required`` entry,
``enum``, ``const``, ``pattern``, bound, ``type``, ``if``/``then`` branch,
``additionalProperties: false`` and ``not`` guard is one constraint per field location
(shared ``$defs`` count once per field that uses them), and each rule beyond the schema is
one more. The catalogue must hold a defect for each, and that defect, applied to several
valid orders, must make ``validate()`` report that one issue first and alone (for a
warning rule: no error and that one warning). A constraint added to the schema without a
defect fails ``test_every_constraint_has_a_defect``; a keyword this walker does not know
fails at collection, so it cannot be skipped silently.

    python tests/test_defect_coverage.py    # prints the coverage figure and any gaps
"""

from __future__ import annotations

import json
import re
import sys
import zlib
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from order_validation import validate
from order_validation._codes import CODES as CORE_CODES
from order_validation._defects import DEFECTS, Defect
from order_validation._draw import RandomDraw

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schema" / "order.schema.json"
SEEDS_PER_DEFECT = 6

_ANNOTATIONS = frozenset(
    {"title", "description", "examples", "default", "$schema", "$id", "$defs", "$comment"}
)
_VALUE_KEYWORDS = frozenset(
    {
        "type", "enum", "const", "pattern", "minLength", "maxLength", "minItems", "maxItems",
        "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf",
        "minProperties", "maxProperties",
    }
)  # fmt: skip
# Rules beyond the schema (the contract's table) that are not tied to a kind of field:
# (code, severity, field location). datetime_invalid and money_precision are added below
# at every location the walk finds using utcDateTime and money.
_FIXED_RULES = (
    ("slot_window_order", "error", "/end_delivery_slot_time"),
    ("pickup_after_slot", "error", "/pickup_ready_time"),
    ("price_total_mismatch", "error", "/order_price_info/total"),
    ("subtotal_mismatch", "warning", "/order_price_info/subtotal"),
    ("duplicate_item", "warning", "/items/*/item_id"),
    ("cancel_details_on_new", "warning", "/cancel_details"),
    ("white_label_only", "warning", "/deliverable_action"),
    ("white_label_only", "warning", "/undeliverable_action"),
    ("white_label_only", "warning", "/delivery_verification"),
    ("country_market_mismatch", "warning", "/delivery_details/country"),
)


class _Walk:
    """Collects ``"<location> <schema path>"`` keys and which $defs each location uses.

    A ``type`` inside a ``then`` whose ``if`` asserts the same type at the same place (added
    for validators' strict-type modes) can never fail: it is listed in ``implied``, not
    counted as a constraint, since no payload could break it.
    """

    def __init__(self, schema: dict[str, Any]) -> None:
        self.schema = schema
        self.keys: list[str] = []
        self.implied: list[str] = []
        self.uses: dict[str, set[str]] = {}

    def resolve(self, ref: str) -> dict[str, Any]:
        assert ref.startswith("#/"), f"only local $ref is expected, got {ref}"
        node: Any = self.schema
        for part in ref[2:].split("/"):
            node = node[part]
        return dict(node)

    def walk(
        self, node: dict[str, Any], path: str, location: str, guard: dict[str, Any] | None = None
    ) -> None:
        """Walk ``node``; ``guard`` is the ``if`` that holds wherever this ``then`` applies."""
        for keyword, value in node.items():
            if keyword in _ANNOTATIONS or keyword == "if":  # `if` is a condition, not a constraint
                continue
            key = f"{location} {path}/{keyword}"
            if keyword == "$ref":
                self.uses.setdefault(location, set()).add(value)
                self.walk(self.resolve(value), value, location, guard)
            elif keyword == "type" and guard is not None and guard.get("type") == value:
                self.implied.append(key)
            elif keyword in _VALUE_KEYWORDS or keyword == "not":
                self.keys.append(key)
            elif keyword == "uniqueItems":
                if value is True:
                    self.keys.append(key)
            elif keyword == "additionalProperties":
                assert value is False, f"{path}: only additionalProperties: false is expected"
                self.keys.append(key)
            elif keyword == "required":
                self.keys += [f"{location}/{name} {path}/required/{name}" for name in value]
            elif keyword == "properties":
                guards = guard.get("properties", {}) if guard else {}
                for name, child in value.items():
                    self.walk(
                        child, f"{path}/properties/{name}", f"{location}/{name}", guards.get(name)
                    )
            elif keyword == "items":
                self.walk(
                    value, f"{path}/items", f"{location}/*", guard.get("items") if guard else None
                )
            elif keyword == "allOf":
                for index, child in enumerate(value):
                    self.walk(child, f"{path}/allOf/{index}", location, guard)
            elif keyword == "then":
                self.walk(value, f"{path}/then", location, node.get("if"))
            elif keyword == "else":
                self.walk(value, f"{path}/else", location)
            else:
                raise AssertionError(
                    f"{path}/{keyword}: the coverage walk does not know this keyword"
                )


def _walked(schema: dict[str, Any] | None = None) -> _Walk:
    walk = _Walk(schema or json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    walk.walk(walk.schema, "#", "")
    return walk


def constraints(schema: dict[str, Any] | None = None) -> dict[str, str]:
    """Every constraint key, mapped to the severity its defect must have."""
    walk = _walked(schema)
    found = dict.fromkeys(walk.keys, "error")
    for location, refs in walk.uses.items():
        if "#/$defs/utcDateTime" in refs:
            found[f"{location} rule:datetime_invalid"] = "error"
        if "#/$defs/money" in refs:
            found[f"{location} rule:money_precision"] = "error"
    for code, severity, location in _FIXED_RULES:
        found[f"{location} rule:{code}"] = severity
    return found


CONSTRAINTS = constraints()
IMPLIED = _walked().implied
_SCHEMA = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
_RAW = Draft202012Validator(_SCHEMA)
_REQUIRED_MESSAGE = re.compile(r"^'(.*)' is a required property$", re.DOTALL)


def broken_constraints(payload: Any) -> set[str]:
    """The constraint keys a plain python-jsonschema run reports broken, in the walk's terms.

    This checks the catalogue independently of the library's mapping: a defect must break
    the very constraint it claims, not merely produce the same code some other way.
    """
    keys = set()
    for error in _RAW.iter_errors(payload):
        node: Any = _SCHEMA
        path = "#"
        for part in error.absolute_schema_path:
            # python-jsonschema leaves $ref hops out of the path: follow them where needed.
            while isinstance(node, dict) and part not in node and "$ref" in node:
                path = node["$ref"]
                node = _Walk(_SCHEMA).resolve(path)
            node = node[part]
            path += f"/{part}"
        location = "".join("/*" if isinstance(p, int) else f"/{p}" for p in error.absolute_path)
        if error.validator == "required":
            match = _REQUIRED_MESSAGE.match(error.message)
            assert match is not None, error.message
            name = match.group(1)
            keys.add(f"{location}/{name} {path}/{name}")
        else:
            keys.add(f"{location} {path}")
    return keys


def _failures(defect: Defect, seeds: int) -> list[str]:
    """What goes wrong when ``defect`` is applied to ``seeds`` different valid orders."""
    problems = []
    for seed in range(seeds):
        draw = RandomDraw(zlib.crc32(f"{defect.name}|{seed}".encode()))
        payload, expected = defect.apply(draw)
        issues = validate(payload).issues
        got = [(issue.code, issue.pointer, str(issue.severity)) for issue in issues]
        want = (expected.code, expected.pointer, expected.severity)
        if got != [want]:
            problems.append(f"seed {seed}: expected only {want}, got {got}")
            continue
        keyword = defect.covers.split(" ", 1)[1]
        if keyword.startswith("rule:"):
            if issues[0].schema_path != keyword:
                problems.append(f"seed {seed}: issue from {issues[0].schema_path}, not {keyword}")
        elif defect.covers not in broken_constraints(payload):
            problems.append(f"seed {seed}: the payload does not break {defect.covers}")
    return problems


def coverage(seeds: int = 3) -> tuple[int, int, list[str]]:
    """(covered, total, gaps): covered means a defect exists and yields exactly its issue."""
    by_key: dict[str, list[Defect]] = {}
    for defect in DEFECTS:
        by_key.setdefault(defect.covers, []).append(defect)
    gaps = []
    for key in CONSTRAINTS:
        defects = by_key.get(key, [])
        if not defects:
            gaps.append(f"{key}: no defect")
        for defect in defects:
            gaps += [f"{key}: {problem}" for problem in _failures(defect, seeds)]
    uncovered = {gap.split(": ", 1)[0] for gap in gaps}
    return len(CONSTRAINTS) - len(uncovered), len(CONSTRAINTS), gaps


def test_every_constraint_has_a_defect() -> None:
    covered_keys = {defect.covers for defect in DEFECTS}
    missing = sorted(set(CONSTRAINTS) - covered_keys)
    print(f"constraints with a defect: {len(CONSTRAINTS) - len(missing)}/{len(CONSTRAINTS)}")
    assert missing == [], "constraints without a defect:\n" + "\n".join(missing)


def test_a_constraint_added_to_the_schema_would_have_no_defect() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    schema["$defs"]["deliveryDetails"]["properties"]["city"]["maxLength"] = 80
    schema["$defs"]["item"]["properties"]["name"]["pattern"] = "^[^<>]*$"
    added = set(constraints(schema)) - {defect.covers for defect in DEFECTS}
    assert added == {
        "/delivery_details/city #/$defs/deliveryDetails/properties/city/maxLength",
        "/items/*/name #/$defs/item/properties/name/pattern",
    }


def test_a_keyword_the_walk_does_not_know_fails_loudly() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    schema["$defs"]["orderSummary"]["dependentRequired"] = {"item_count": ["total_weight"]}
    with pytest.raises(AssertionError, match="dependentRequired"):
        constraints(schema)


def test_a_defect_whose_issue_does_not_follow_is_reported() -> None:
    real = next(d for d in DEFECTS if d.name == "/items/*/uom enum")
    mislabelled = Defect(real.name, "too_long", real.covers, real.mutate)
    assert len(_failures(mislabelled, 2)) == 2


def test_only_type_checks_repeated_from_their_if_are_left_uncounted() -> None:
    assert all(key.endswith("/type") and "/then/" in key for key in IMPLIED)
    for key in IMPLIED:
        assert key not in CONSTRAINTS


def test_a_then_type_that_its_if_does_not_assert_is_counted() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    del schema["$defs"]["nonBlank"]["if"]["type"]
    assert "/customer_contact_info/first_name #/$defs/nonBlank/then/type" in constraints(schema)


def test_every_defect_names_a_constraint_of_the_schema_or_the_rules() -> None:
    stale = sorted(defect.name for defect in DEFECTS if defect.covers not in CONSTRAINTS)
    assert stale == [], f"defects covering nothing the schema or rules still have: {stale}"


def test_defect_names_are_unique() -> None:
    names = [defect.name for defect in DEFECTS]
    assert len(names) == len(set(names))


def test_each_defect_has_the_severity_of_its_constraint() -> None:
    wrong = [d.name for d in DEFECTS if d.severity != CONSTRAINTS.get(d.covers, d.severity)]
    assert wrong == []


def test_every_body_code_of_the_core_is_produced_by_some_defect() -> None:
    body_codes = {info.code for info in CORE_CODES.values() if info.source in ("schema", "rule")}
    assert body_codes - {defect.code for defect in DEFECTS} == set()


@pytest.mark.parametrize("defect", DEFECTS, ids=lambda defect: defect.name)
def test_defect_yields_exactly_its_issue(defect: Defect) -> None:
    assert _failures(defect, SEEDS_PER_DEFECT) == []


def test_coverage_of_the_contract_is_complete() -> None:
    covered, total, gaps = coverage()
    print(_figure(covered, total))
    assert covered == total, "\n".join(gaps)


def _figure(covered: int, total: int) -> str:
    return (
        f"defect coverage: {covered}/{total} constraints ({covered / total:.0%}); "
        f"{len(IMPLIED)} type checks repeated from their `if` cannot fail and are not counted"
    )


if __name__ == "__main__":
    covered, total, gaps = coverage()
    print(_figure(covered, total))
    print("\n".join(gaps))
    sys.exit(0 if covered == total else 1)
