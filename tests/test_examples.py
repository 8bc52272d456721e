"""The shipped example orders validate exactly as examples/README.md says they do."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from order_validation import validate, validate_json
from tests.conftest import EXAMPLES, load_example
from tests.factories import explain, pairs

README = EXAMPLES / "README.md"


@dataclass(frozen=True)
class Documented:
    file: str
    service: str
    market: str
    valid: bool
    errors: tuple[tuple[str, str], ...]


def _documented() -> list[Documented]:
    rows = []
    for line in README.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 4 or not cells[0].startswith("`"):
            continue
        file, service, market, expected = cells
        status = re.match(r"(valid|invalid)\b", expected)
        assert status, f"README row without an outcome: {line}"
        rows.append(
            Documented(
                file=file.strip("`"),
                service=service.split()[0].rstrip(","),
                market=market,
                valid=status.group(1) == "valid",
                errors=tuple(re.findall(r"`([a-z_]+)` at `([^`]*)`", expected)),
            )
        )
    return rows


DOCUMENTED = _documented()


def test_the_readme_documents_every_shipped_example() -> None:
    shipped = sorted(p.name for p in EXAMPLES.glob("*.json"))
    assert sorted(d.file for d in DOCUMENTED) == shipped


def test_the_examples_cover_each_service_both_statuses_the_markets_and_an_invalid_order() -> None:
    orders = [load_example(d.file) for d in DOCUMENTED]
    assert {o["order_service"] for o in orders} >= {"P", "D", "PD", "W"}
    assert {o["order_status"] for o in orders} == {"NEW", "CANCELLED"}
    assert {o["market"] for o in orders} >= {"US", "UK", "EU"}
    assert any(not d.valid for d in DOCUMENTED)


@pytest.mark.parametrize("doc", DOCUMENTED, ids=[d.file for d in DOCUMENTED])
def test_each_example_has_the_documented_service_and_market(doc: Documented) -> None:
    payload = load_example(doc.file)
    assert payload["order_service"] == doc.service
    assert payload["market"] == doc.market


@pytest.mark.parametrize("doc", DOCUMENTED, ids=[d.file for d in DOCUMENTED])
def test_each_example_validates_as_documented(doc: Documented) -> None:
    result = validate(load_example(doc.file))
    if doc.valid:
        assert result.valid, explain(result)
        assert result.issues == (), explain(result)
    else:
        assert doc.errors, "an invalid example must document its errors"
        assert pairs(result.errors) == list(doc.errors), explain(result)


@pytest.mark.parametrize("doc", DOCUMENTED, ids=[d.file for d in DOCUMENTED])
def test_validate_json_on_the_file_bytes_agrees_with_validate(doc: Documented) -> None:
    raw = (EXAMPLES / doc.file).read_bytes()
    assert validate_json(raw).to_dict() == validate(load_example(doc.file)).to_dict()


def test_the_readme_notes_match_the_examples() -> None:
    uk = load_example("pick-and-deliver-uk.json")
    assert all(
        uk[k].endswith("Z")
        for k in ("pickup_ready_time", "start_delivery_slot_time", "end_delivery_slot_time")
    )
    assert any(item.get("uom") == "KG" for item in uk["items"])
    white_label = load_example("white-label-eu.json")
    assert white_label["deliverable_action"] == "deliverable_action_leave_at_door"
    assert white_label["delivery_verification"]["picture"] is True
    cancellation = load_example("cancellation.json")
    assert cancellation["order_status"] == "CANCELLED"
    assert cancellation["cancel_details"]["reason_code"] == "OTHER"
    assert cancellation["cancel_details"]["reason_text"]
