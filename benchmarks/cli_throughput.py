"""Batch throughput of the command-line validator on a generated JSON Lines file.

Each run is a fresh ``python -m order_validation validate --jsonl FILE --jobs N --format json``
process, so the figure includes interpreter start-up and the schema compile, as a batch job
would see them. Before the big file, a pilot run on a small one projects how long the big run
would take; when that exceeds the cap (a slow engine), the file is shrunk to fit and the table
says so, which keeps ``make bench`` within its time budget.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .payloads import ROOT

PILOT_ORDERS = 2_000
SEED = 6


def unavailable() -> str | None:
    """None when both the CLI and the generator exist, else what is missing."""
    missing = []
    if importlib.util.find_spec("order_validation.__main__") is None:
        missing.append("CLI (order_validation/__main__.py)")
    try:
        generate = importlib.import_module("order_validation._generate")
    except ImportError:
        generate = None
    if generate is None or not callable(getattr(generate, "write_jsonl", None)):
        missing.append("generator (order_validation._generate.write_jsonl)")
    if missing:
        return "missing " + " and ".join(missing)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "order_validation", "validate", "--help"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return "CLI --help timed out"
    flags = [flag for flag in ("--jsonl", "--jobs", "--format") if flag not in done.stdout]
    if done.returncode != 0 or flags:
        return f"CLI 'validate' lacks {', '.join(flags) or 'a working --help'}"
    return None


def _generate(path: Path, count: int) -> None:
    write_jsonl = importlib.import_module("order_validation._generate").write_jsonl
    try:
        with path.open("w", encoding="utf-8") as stream:
            write_jsonl(stream, count=count, seed=SEED, invalid=False)
    except TypeError:  # a generator that writes bytes
        with path.open("wb") as binary:
            write_jsonl(binary, count=count, seed=SEED, invalid=False)


def _count_lines(path: Path) -> int:
    with path.open("rb") as stream:
        return sum(1 for line in stream if line.strip())


def _run(path: Path, jobs: int, out_dir: Path) -> dict[str, Any]:
    output = out_dir / f"out-{jobs}.json"
    command = [sys.executable, "-m", "order_validation", "validate", "--jsonl", str(path)]
    command += ["--jobs", str(jobs), "--format", "json"]
    with output.open("wb") as sink:
        start = time.perf_counter()
        done = subprocess.run(
            command, cwd=ROOT, stdout=sink, stderr=subprocess.PIPE, timeout=1800, check=False
        )
        seconds = time.perf_counter() - start
    orders = _count_lines(path)
    run: dict[str, Any] = {
        "jobs": jobs,
        "orders": orders,
        "seconds": round(seconds, 3),
        "orders_per_s": round(orders / seconds, 1) if seconds else None,
        "exit_code": done.returncode,
    }
    run.update(_summary(output))
    if done.returncode not in (0, 1):
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["no output"]
        run["error"] = tail[0][:200]
    return run


def _summary(output: Path) -> dict[str, Any]:
    """The CLI's own counts and timing from its JSON summary, when it has that shape."""
    try:
        document = json.loads(output.read_text(encoding="utf-8"))
        inputs = document["inputs"]
        counts: dict[str, Any] = {
            key: sum(int(part[key]) for part in inputs)
            for key in ("lines", "valid", "invalid", "unparseable")
        }
        seconds = sum(float(part["seconds"]) for part in inputs)
    except (ValueError, KeyError, TypeError, OSError):
        return {}
    counts["cli_seconds"] = round(seconds, 3)
    if seconds:
        counts["cli_orders_per_s"] = round(counts["lines"] / seconds, 1)
    return counts


def measure(orders: int, cap_s: float) -> dict[str, Any]:
    """orders/s with 1 and 2 processes; {"error": why} when the CLI cannot run yet."""
    reason = unavailable()
    if reason is not None:
        return {"error": reason}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        note = ""
        pilot_size = min(PILOT_ORDERS, orders)
        if orders > pilot_size:
            pilot_file = folder / "pilot.jsonl"
            _generate(pilot_file, pilot_size)
            pilot = _run(pilot_file, 1, folder)
            if "error" in pilot:
                return {"error": f"pilot run failed: {pilot['error']}"}
            # Start-up does not grow with the file: scale only the CLI's own validating time.
            working = float(pilot.get("cli_seconds", pilot["seconds"]))
            projected = pilot["seconds"] - working + working * orders / pilot_size
            if projected > cap_s:
                shrunk = max(pilot_size, int(orders * cap_s / projected) // 1000 * 1000)
                note = (
                    f"{shrunk:,} orders instead of {orders:,}: 1 process projected at "
                    f"{projected:.0f} s, over the {cap_s:.0f} s cap"
                )
                orders = shrunk
        data = folder / "orders.jsonl"
        start = time.perf_counter()
        _generate(data, orders)
        generated_s = time.perf_counter() - start
        runs = [_run(data, jobs, folder) for jobs in (1, 2)]
    return {
        "orders": orders,
        "generate_s": round(generated_s, 3),
        "runs": runs,
        "note": note,
    }
