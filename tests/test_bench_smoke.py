"""The benchmark harness runs end to end (one call per case); it never judges speed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.run import ROW_KEYS

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_smoke_run_prints_and_records_every_row(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", "--smoke", "--output", str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    document = json.loads((tmp_path / "latest.json").read_text(encoding="utf-8"))
    rows = {row["key"]: row for row in document["rows"]}
    assert tuple(rows) == ROW_KEYS
    for row in rows.values():
        assert row["label"] in done.stdout
        assert row["results"] or row["note"], f"{row['key']} has neither timings nor a reason"
    markdown = (tmp_path / "latest.md").read_text(encoding="utf-8")
    assert all(row["label"] in markdown for row in rows.values())
    assert "Targets (issue #6" in done.stdout
