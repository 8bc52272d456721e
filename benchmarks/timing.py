"""How one callable is timed: warm up, calibrate a batch size, then sample in rounds.

Each sample times a batch of calls with ``perf_counter_ns`` and divides by the batch size, so
the timer's own cost (tens of nanoseconds) stays below 1% even for calls of a few microseconds.
Batches are about ``SAMPLE_NS`` long; a call slower than that is timed one call per sample, so
its p95 is a true per-call p95. For fast calls p95 is the 95th percentile of batch means and
so understates single-call tails; the median is what the targets compare.

The runner visits every case once per round, several rounds, instead of finishing one case
before starting the next: on a shared machine a burst of other work then lands on all cases
alike, and ratios taken within one run stay fair. The garbage collector stays on (a service
runs with it on), after one ``gc.collect()`` per visit.
"""

from __future__ import annotations

import gc
import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

SAMPLE_NS = 200_000


@dataclass(frozen=True, slots=True)
class Timing:
    """Per-call statistics of one case, in microseconds."""

    median_us: float
    p95_us: float
    min_us: float
    samples: int
    calls: int

    def as_dict(self) -> dict[str, float | int]:
        return {
            "median_us": round(self.median_us, 3),
            "p95_us": round(self.p95_us, 3),
            "min_us": round(self.min_us, 3),
            "samples": self.samples,
            "calls": self.calls,
        }


def _percentile(sorted_values: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    rank = max(1, math.ceil(fraction * len(sorted_values)))
    return sorted_values[rank - 1]


class Sampler:
    """Collects per-call samples of one callable across several visits."""

    def __init__(self, func: Callable[[], object], *, max_samples: int = 100_000) -> None:
        self._func = func
        self._max_samples = max_samples
        self._batch = 0
        self._samples: list[float] = []

    def warm_up(self, budget_s: float) -> None:
        """Call until ``budget_s`` is spent (at least once); the rate sets the batch size."""
        func, clock = self._func, time.perf_counter_ns
        calls = 0
        start = clock()
        deadline = start + int(budget_s * 1e9)
        while True:
            func()
            calls += 1
            if clock() >= deadline:
                break
        per_call = max(1, (clock() - start) // calls)
        self._batch = max(1, SAMPLE_NS // per_call)

    def sample(self, budget_s: float, *, at_least: int = 1, at_most: int | None = None) -> None:
        """Take batches for about ``budget_s`` seconds."""
        if not self._batch:
            self.warm_up(0.0)
        func, clock, batch = self._func, time.perf_counter_ns, self._batch
        room = self._max_samples - len(self._samples)
        limit = room if at_most is None else min(room, at_most)
        loop = range(batch)
        taken = 0
        gc.collect()
        deadline = clock() + int(budget_s * 1e9)
        while taken < limit:
            start = clock()
            for _ in loop:
                func()
            self._samples.append((clock() - start) / batch / 1000.0)
            taken += 1
            if taken >= at_least and clock() >= deadline:
                break

    def timing(self) -> Timing:
        values = sorted(self._samples)
        return Timing(
            median_us=statistics.median(values),
            p95_us=_percentile(values, 0.95),
            min_us=values[0],
            samples=len(values),
            calls=len(values) * self._batch,
        )


def measure_once(func: Callable[[], object]) -> Timing:
    """One untimed warm-up call and one timed call: the ``--smoke`` mode."""
    func()
    start = time.perf_counter_ns()
    func()
    elapsed = (time.perf_counter_ns() - start) / 1000.0
    return Timing(elapsed, elapsed, elapsed, 1, 1)
