"""Orders per second of the seeded generator (issue #3: at least 5,000 valid orders/s, one core).

    python -m benchmarks.bench_generate                 # about 10 seconds
    python -m benchmarks.bench_generate --count 50000   # steadier numbers

Measures ``generate_records`` (dicts only) and ``write_jsonl`` (dicts encoded as JSON Lines
into memory, what ``order-validation generate`` does) for valid and invalid orders, best of
``--rounds``. The process is pinned to one CPU where the OS allows, so the figure is per
core. A benchmark, not a test: it prints and never fails on a slow number.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import sys
import time
from typing import TYPE_CHECKING

from order_validation import __version__
from order_validation._generate import generate_records, write_jsonl

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

TARGET = 5_000  # valid orders per second, from the issue


def _pin_to_one_cpu() -> str:
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
    except (AttributeError, OSError):
        return "not pinned (the OS does not allow it)"
    return f"pinned to CPU {cpu}"


def _best_rate(run: Callable[[], int], rounds: int) -> float:
    best = 0.0
    for _ in range(rounds):
        start = time.perf_counter()
        made = run()
        best = max(best, made / (time.perf_counter() - start))
    return best


def _records(count: int, *, invalid: bool) -> Callable[[], int]:
    return lambda: sum(1 for _ in generate_records(count=count, seed=20240223, invalid=invalid))


def _jsonl(count: int, *, invalid: bool) -> Callable[[], int]:
    return lambda: write_jsonl(io.StringIO(), count=count, seed=20240223, invalid=invalid)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_generate", description=__doc__
    )
    parser.add_argument(
        "--count", type=int, default=20_000, help="orders per round (default 20000)"
    )
    parser.add_argument(
        "--rounds", type=int, default=3, help="rounds per case, best kept (default 3)"
    )
    args = parser.parse_args(argv)

    print(
        f"order-validation {__version__}, Python {platform.python_version()}, {_pin_to_one_cpu()}"
    )
    print(f"{args.count} orders per round, best of {args.rounds}\n")
    print(f"{'case':<36} {'orders/s':>10} {'us/order':>9}")
    rates: dict[str, float] = {}
    cases = (
        ("valid, records (dicts)", _records(args.count, invalid=False)),
        ("valid, JSON Lines (write_jsonl)", _jsonl(args.count, invalid=False)),
        ("invalid, records (dicts)", _records(args.count, invalid=True)),
        ("invalid, JSON Lines (write_jsonl)", _jsonl(args.count, invalid=True)),
    )
    for label, run in cases:
        rate = _best_rate(run, args.rounds)
        rates[label] = rate
        print(f"{label:<36} {rate:>10,.0f} {1e6 / rate:>9.1f}")
    valid = rates["valid, JSON Lines (write_jsonl)"]
    verdict = "met" if valid >= TARGET else "NOT met"
    print(
        f"\ntarget: {TARGET:,} valid orders/s as JSON Lines on one core: {verdict} ({valid:,.0f})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
