"""Batch validation of JSON Lines: accounting, the report, the pool, Ctrl-C; and the CLI as a
real process."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from order_validation import _batch
from order_validation._cli import run
from tests.conftest import EXAMPLES, ROOT, load_example

VALID = json.dumps(load_example("delivery-order.json")).encode()
INVALID = json.dumps(json.loads((EXAMPLES / "invalid-delivery-order.json").read_bytes())).encode()
TRUNCATED = VALID[: len(VALID) // 2]
NOT_UTF8 = VALID.replace(b'"Ada"', b'"Ad\xe9"')
DUPLICATE = b'{"store_id": "1", "store_id": "2"}'

# (line, status): every kind of line a real file may hold.
MIXED: list[tuple[bytes, str]] = [
    (VALID, "valid"),
    (INVALID, "invalid"),
    (b"", "unparseable"),
    (TRUNCATED, "unparseable"),
    (NOT_UTF8, "unparseable"),
    (b"   \t", "unparseable"),
    (DUPLICATE, "unparseable"),
    (b"[]", "invalid"),
    (VALID + b"\r", "valid"),
]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def cli(
    *argv: str, stdin: bytes | io.BytesIO = b"", stderr: io.StringIO | None = None
) -> tuple[int, str, str]:
    out, err = io.StringIO(), stderr if stderr is not None else io.StringIO()
    source = stdin if isinstance(stdin, io.BytesIO) else io.BytesIO(stdin)
    code = run(list(argv), source, out, err, environ={})
    return code, out.getvalue(), err.getvalue()


def summary_of(out: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(out)["inputs"][0]
    return document


def mixed_file(tmp_path: Path, repeat: int = 1, *, final_newline: bool = True) -> Path:
    path = tmp_path / "mixed.jsonl"
    data = b"\n".join(line for line, _ in MIXED * repeat)
    path.write_bytes(data + (b"\n" if final_newline else b""))
    return path


def test_every_line_is_counted_once_as_valid_invalid_or_unparseable(tmp_path: Path) -> None:
    code, out, _ = cli("validate", "--jobs", "1", "--format", "json", str(mixed_file(tmp_path)))
    summary = summary_of(out)
    expected = [status for _, status in MIXED]
    assert code == 1
    assert summary["lines"] == len(MIXED)
    assert summary["valid"] + summary["invalid"] + summary["unparseable"] == summary["lines"]
    assert (summary["valid"], summary["invalid"], summary["unparseable"]) == (
        expected.count("valid"),
        expected.count("invalid"),
        expected.count("unparseable"),
    )


def test_report_has_one_record_per_line_in_input_order(tmp_path: Path) -> None:
    report = tmp_path / "report.jsonl"
    cli("validate", "--jobs", "1", "--report", str(report), str(mixed_file(tmp_path)))
    records = [json.loads(line) for line in report.read_text().splitlines()]
    assert [r["line"] for r in records] == list(range(1, len(MIXED) + 1))
    assert [r["status"] for r in records] == [status for _, status in MIXED]
    assert records[2]["errors"][0]["code"] == "invalid_json"  # the blank line
    assert records[4]["errors"][0]["code"] == "invalid_json"  # the non-UTF-8 line
    assert records[6]["errors"][0]["code"] == "duplicate_key"
    assert set(records[0]) == {"input", "line", "status", "valid", "errors", "warnings"}


def test_last_line_without_newline_counts_and_a_final_newline_adds_none(tmp_path: Path) -> None:
    with_newline = mixed_file(tmp_path)
    _, out, _ = cli("validate", "--jobs", "1", "--format", "json", str(with_newline))
    without = mixed_file(tmp_path, final_newline=False)
    _, out2, _ = cli("validate", "--jobs", "1", "--format", "json", str(without))
    assert summary_of(out)["lines"] == summary_of(out2)["lines"] == len(MIXED)


def test_summary_counts_lines_by_code_and_lists_the_first_failures(tmp_path: Path) -> None:
    path = mixed_file(tmp_path, repeat=3)
    _, out, _ = cli(
        "validate", "--jobs", "1", "--format", "json", "--first-failures", "4", str(path)
    )
    summary = summary_of(out)
    assert summary["errors_by_code"]["invalid_json"] == 3 * 4
    assert summary["errors_by_code"]["phone_format"] == 3
    assert [f["line"] for f in summary["first_failures"]] == [2, 3, 4, 5]
    assert summary["first_failures"][0]["status"] == "invalid"


def test_text_summary_shows_totals_codes_and_failing_line_numbers(tmp_path: Path) -> None:
    _, out, _ = cli("validate", "--jobs", "1", str(mixed_file(tmp_path)))
    assert f"{len(MIXED)} lines" in out
    assert "valid 2, invalid 2, unparseable 5" in out
    assert "errors by code (lines):" in out
    assert "line 3 (unparseable):" in out
    assert "(the whole line): The body is not valid JSON" in out


def test_line_over_max_bytes_is_too_large_with_its_real_size_and_reading_goes_on() -> None:
    long_line = b'{"notes": "' + b"x" * 5000 + b'"}'
    data = VALID + b"\n" + long_line + b"\n" + VALID + b"\n"
    _, out, _ = cli("validate", "--jsonl", "--format", "json", "--max-bytes", "2000", stdin=data)
    summary = summary_of(out)
    failure = summary["first_failures"][0]
    assert (summary["lines"], summary["valid"], summary["unparseable"]) == (3, 2, 1)
    assert failure["line"] == 2
    assert failure["errors"][0]["code"] == "payload_too_large"
    assert f"{len(long_line)} bytes" in failure["errors"][0]["message"]


def test_unterminated_oversized_last_line_is_counted() -> None:
    data = VALID + b"\n" + b"[" + b"1," * 3000
    _, out, _ = cli("validate", "--jsonl", "--format", "json", "--max-bytes", "2000", stdin=data)
    summary = summary_of(out)
    assert (summary["lines"], summary["valid"], summary["unparseable"]) == (2, 1, 1)


def test_warnings_as_errors_moves_warning_lines_to_invalid() -> None:
    order = load_example("delivery-order.json")
    order["cancel_details"] = {"reason_code": "OUT_OF_STOCK"}
    line = json.dumps(order).encode()
    data = line + b"\n" + VALID + b"\n"
    code, out, _ = cli("validate", "--format", "json", stdin=data)
    loose = summary_of(out)
    code2, out2, _ = cli("validate", "--format", "json", "--warnings-as-errors", stdin=data)
    strict = summary_of(out2)
    assert (code, loose["valid"], loose["warnings_by_code"]) == (0, 2, {"cancel_details_on_new": 1})
    assert (code2, strict["valid"], strict["invalid"]) == (1, 1, 1)


def test_headers_apply_to_every_line() -> None:
    data = VALID + b"\n" + VALID + b"\n"
    code, out, _ = cli(
        "validate", "--format", "json", "--header", "WM_CONSUMER.ID: a_b", stdin=data
    )
    summary = summary_of(out)
    assert code == 1
    assert summary["errors_by_code"] == {"consumer_id_format": 2}


def test_worker_pool_gives_the_same_report_as_one_job(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_batch, "LINES_PER_CHUNK", 7)  # many chunks, many in flight
    path = mixed_file(tmp_path, repeat=40)
    reports = []
    for jobs in ("1", "2"):
        report = tmp_path / f"report-{jobs}.jsonl"
        code, out, _ = cli(
            "validate", "--jobs", jobs, "--format", "json", "--report", str(report), str(path)
        )
        summary = summary_of(out)
        summary.pop("seconds")
        reports.append((code, summary, report.read_bytes()))
    assert reports[0] == reports[1]
    assert reports[0][1]["lines"] == 40 * len(MIXED)


class InterruptedStream(io.BytesIO):
    """Raises KeyboardInterrupt after ``limit`` lines, as Ctrl-C would during a read."""

    def __init__(self, data: bytes, limit: int) -> None:
        super().__init__(data)
        self.limit = limit
        self.read_lines = 0

    def readline(self, size: int | None = -1) -> bytes:
        if self.read_lines >= self.limit:
            raise KeyboardInterrupt
        self.read_lines += 1
        return super().readline(size)


def test_ctrl_c_stops_with_exit_130_and_a_summary_of_the_lines_finished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_batch, "LINES_PER_CHUNK", 10)
    data = b"\n".join([VALID, INVALID] * 50) + b"\n"
    report = tmp_path / "report.jsonl"
    code, out, err = cli(
        "validate",
        "--jsonl",
        "--jobs",
        "1",
        "--format",
        "json",
        "--report",
        str(report),
        stdin=InterruptedStream(data, limit=35),
    )
    summary = summary_of(out)
    assert code == 130
    assert summary["interrupted"] is True
    assert summary["lines"] == 30  # three whole chunks; the fourth was cut short
    assert summary["valid"] + summary["invalid"] + summary["unparseable"] == 30
    assert len(report.read_text().splitlines()) == 30
    assert "interrupted" in err


def test_progress_bar_is_drawn_only_when_stderr_is_a_terminal() -> None:
    data = VALID + b"\n" + VALID + b"\n"
    _, _, plain = cli("validate", stdin=data)
    terminal = Terminal()
    cli("validate", stdin=data, stderr=terminal)
    quiet = Terminal()
    cli("validate", "--no-progress", stdin=data, stderr=quiet)
    assert plain == ""
    assert "2 lines" in terminal.getvalue()
    assert quiet.getvalue() == ""


# --- as a real process ------------------------------------------------------------------------


def process(
    *argv: str, stdin: bytes = b"", timeout: float = 120
) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    return subprocess.run(
        [sys.executable, "-m", "order_validation", *argv],
        input=stdin,
        capture_output=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
        check=False,
    )


@pytest.mark.slow
def test_module_runs_as_a_process_with_the_documented_exit_status() -> None:
    good = process("validate", "examples/delivery-order.json")
    bad = process("validate", "examples/invalid-delivery-order.json")
    usage = process("validate", "--format", "yaml")
    assert (good.returncode, bad.returncode, usage.returncode) == (0, 1, 2)
    assert b"[phone_format]" in bad.stdout
    assert b"\x1b[" not in bad.stdout  # a pipe is not a terminal


@pytest.mark.slow
def test_process_reads_stdin_and_prints_a_problem_document() -> None:
    raw = (EXAMPLES / "invalid-delivery-order.json").read_bytes()
    done = process("validate", "--format", "problem", "-", stdin=raw)
    assert done.returncode == 1
    assert json.loads(done.stdout)["status"] == 400


@pytest.mark.slow
def test_console_script_is_installed_and_runs() -> None:
    script = shutil.which("order-validation", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the console script is not installed in this environment")
    done = subprocess.run([script, "--version"], capture_output=True, check=False, timeout=60)
    assert done.returncode == 0
    assert done.stdout.startswith(b"order-validation ")


@pytest.mark.slow
def test_batch_of_100000_lines_with_bad_lines_mixed_in_accounts_for_every_line(
    tmp_path: Path,
) -> None:
    block = [line for line, _ in MIXED]
    repeat = 100_000 // len(block) + 1
    path = tmp_path / "big.jsonl"
    path.write_bytes(b"\n".join(block * repeat) + b"\n")
    report = tmp_path / "report.jsonl"
    done = process(
        "validate",
        "--jobs",
        "2",
        "--format",
        "json",
        "--report",
        str(report),
        str(path),
        timeout=300,
    )
    summary = json.loads(done.stdout)["inputs"][0]
    expected = [status for _, status in MIXED]
    total = len(block) * repeat
    assert done.returncode == 1
    assert total >= 100_000
    assert summary["lines"] == total
    assert summary["valid"] + summary["invalid"] + summary["unparseable"] == total
    assert summary["unparseable"] == expected.count("unparseable") * repeat
    assert summary["valid"] == expected.count("valid") * repeat
    with report.open("rb") as lines:
        assert sum(1 for _ in lines) == total


@pytest.mark.slow
def test_ctrl_c_in_a_real_process_prints_the_partial_summary_and_exits_130(
    tmp_path: Path,
) -> None:
    report = tmp_path / "report.jsonl"
    child = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "order_validation",
            "validate",
            "--jsonl",
            "--jobs",
            "2",
            "--report",
            str(report),
            "-",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert child.stdin is not None
    child.stdin.write(b"\n".join([VALID, INVALID, b""] * 3000) + b"\n")
    child.stdin.flush()  # and keep the pipe open: the process waits for more
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not report.exists() or report.stat().st_size == 0):
        time.sleep(0.05)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    child.stdin.close()
    first = out.decode().splitlines()[0]
    counted = int(first.split(": ")[1].split(" line")[0].replace(",", ""))
    assert child.returncode == 130
    assert "interrupted" in first
    assert b"interrupted" in err
    assert counted > 0
    assert counted == len(report.read_bytes().splitlines())


@pytest.mark.slow
def test_closing_stdout_early_ends_the_process_quietly_with_141() -> None:
    child = subprocess.Popen(
        [sys.executable, "-m", "order_validation", "generate", "--count", "1000000", "--seed", "1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert child.stdout is not None
    assert child.stdout.readline().startswith(b"{")
    child.stdout.close()  # like `| head -1`
    _, err = child.communicate(timeout=120)
    assert child.returncode == 141
    assert err == b""
