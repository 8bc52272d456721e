"""``make demo`` (``python -m order_validation.demo``): every example behaves as documented."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from order_validation import demo
from tests.conftest import EXAMPLES, ROOT


def run_demo(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    return demo.run(list(argv), out), out.getvalue()


def test_demo_passes_on_the_shipped_examples() -> None:
    code, out = run_demo()
    count = len(list(EXAMPLES.glob("*.json")))
    assert code == 0
    assert f"Summary: {count} of {count} examples behave as examples/README.md documents" in out


def test_demo_prints_a_text_report_for_each_example() -> None:
    _, out = run_demo()
    for path in EXAMPLES.glob("*.json"):
        assert f"{path.name}: " in out
    assert "[slot_window_order]" in out
    assert '>   "phone_number": "555-0100",' in out


def test_readme_table_is_read_into_expectations() -> None:
    table = demo.read_expectations((EXAMPLES / "README.md").read_text(encoding="utf-8"))
    invalid = table["invalid-delivery-order.json"]
    assert table["white-label-eu.json"].valid
    assert not invalid.valid
    assert ("phone_format", "/customer_contact_info/phone_number") in invalid.errors
    assert len(invalid.errors) == 4


def test_demo_fails_when_an_example_disagrees_with_the_readme(tmp_path: Path) -> None:
    for path in EXAMPLES.iterdir():
        shutil.copy(path, tmp_path / path.name)
    readme = tmp_path / "README.md"
    readme.write_text(
        readme.read_text(encoding="utf-8").replace(
            "`phone_format` at `/customer_contact_info/phone_number`, ", ""
        ),
        encoding="utf-8",
    )
    code, out = run_demo(str(tmp_path))
    assert code == 1
    assert "MISMATCH" in out
    assert "invalid-delivery-order.json" in out.split("Summary:")[1]


def test_demo_without_examples_says_so_and_exits_2(tmp_path: Path) -> None:
    code, out = run_demo(str(tmp_path))
    assert code == 2
    assert "No examples found" in out


@pytest.mark.slow
def test_demo_runs_as_a_module() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "order_validation.demo"],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0
    assert b"Summary:" in done.stdout
