"""The generated docs (``python -m tools.gen_docs``) are current, complete and deterministic."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from order_validation._codes import CODES
from tests.conftest import ROOT
from tools import _errors_doc, _fields_doc, gen_docs


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return {path.name: text for path, text in gen_docs.render_all().items()}


def test_generated_docs_are_up_to_date() -> None:
    stale = gen_docs.stale(gen_docs.render_all())
    assert not stale, f"run `make docs`: {[p.name for p in stale]} differ from the generator"


def test_generator_is_deterministic(pages: dict[str, str]) -> None:
    again = {path.name: text for path, text in gen_docs.render_all().items()}
    assert again == pages


def test_check_mode_fails_on_a_stale_page_and_writing_fixes_it(tmp_path: Path) -> None:
    docs = ["--docs", str(tmp_path)]
    assert gen_docs.main(["--check", *docs]) == 1  # missing
    assert gen_docs.main(docs) == 0
    assert gen_docs.main(["--check", *docs]) == 0
    (tmp_path / "errors.md").write_text("edited by hand\n", encoding="utf-8")
    assert gen_docs.main(["--check", *docs]) == 1


def test_fields_page_lists_every_field_by_pointer(pages: dict[str, str]) -> None:
    schema = json.loads((ROOT / "schema" / "order.schema.json").read_text(encoding="utf-8"))
    pointers = _fields_doc.pointers(schema)
    assert "/items/N/quantity" in pointers
    assert "/delivery_verification/signature/enabled" in pointers
    assert "/delivery_verification/barcodes/N/type" in pointers
    for pointer in pointers:
        assert f"| `{pointer}` |" in pages["fields.md"]


def test_fields_page_says_when_each_field_is_required(pages: dict[str, str]) -> None:
    rows = {
        m.group(1): m.group(2)
        for m in re.finditer(r"^\| `([^`]+)` \| [^|]+ \| ([^|]+) \|", pages["fields.md"], re.M)
    }
    assert rows["/store_id"] == "always"
    assert rows["/delivery_details"] == "D, PD"
    assert rows["/estimated_due_time"] == "P, PD"
    assert rows["/quote_id"] == "W"
    assert rows["/cancel_details/reason_text"] == "when reason_code is OTHER"
    assert rows["/carrier"] == "optional"
    assert rows["/WM_CONSUMER.ID"] == "always"


def test_fields_page_uses_the_schemas_titles_descriptions_and_examples(
    pages: dict[str, str],
) -> None:
    text = pages["fields.md"]
    assert "(Phone number): The customer's phone number in E.164 form" in text
    assert '`"+14155550100"`' in text
    assert '`"P"`, `"D"`, `"PD"`, `"W"`' in text


def test_errors_page_documents_every_code(pages: dict[str, str]) -> None:
    for code, info in CODES.items():
        assert f"### `{code}`" in pages["errors.md"]
        assert info.trigger in pages["errors.md"]


@pytest.mark.parametrize("example", _errors_doc.EXAMPLES, ids=lambda e: e.code)
def test_each_error_example_really_produces_its_code_alone(example: _errors_doc.Example) -> None:
    result = example.run()
    assert [issue.code for issue in result.issues] == [example.code]


def test_every_code_but_internal_error_has_a_real_example() -> None:
    assert set(CODES) - {e.code for e in _errors_doc.EXAMPLES} == {"internal_error"}
