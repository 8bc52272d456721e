"""Concurrency: threads share one compiled schema, and nothing they share may leak between calls.

A web server validates from many threads at once. The compiled schema, the locator's cache and
anything else module-level are shared, so the results from eight threads must be exactly those
of one thread, issue for issue, and the schema must be compiled once even when the very first
calls race for it.

Size: the stream is 10,000 payloads (valid examples, mutated ones, hostile ones), validated once
on one thread for the reference and then split across eight threads (1,250 each, interleaved so
neighbouring payloads run on different threads), with a tiny switch interval so the threads
really interleave. Eight threads times 10,000 would be 80,000 calls, about a minute under the
GIL, for no extra interleaving: the split keeps the file at a few seconds.
"""

from __future__ import annotations

import contextlib
import json
import random
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import pytest

import order_validation._schema as schema_module
from order_validation import ValidationResult, validate, validate_json

from .hostile_support import (
    BROKEN,
    ROOT,
    example_orders,
    field_paths,
    is_plain_json,
    nested,
    value_at,
)

THREADS = 8
STREAM = 10_000

Call = Callable[[], ValidationResult]


def _mutations(rng: random.Random) -> Iterator[Any]:
    """Endless example orders with one random field replaced, dropped or misnamed."""
    examples = list(example_orders().values())
    odd_values: list[Any] = [
        None,
        True,
        -1,
        1.5,
        "",
        "x" * 300,
        [],
        {},
        {"zz": [1]},
        "2024-02-30T10:00:00",
    ]
    while True:
        document = json.loads(json.dumps(rng.choice(examples)))
        paths = [p for p in field_paths(document) if p]
        path = rng.choice(paths)
        parent = value_at(document, path[:-1])
        choice = rng.random()
        if choice < 0.5:
            parent[path[-1]] = rng.choice(odd_values)
        elif choice < 0.8 and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[str(path[-1]) + "s"] = parent.pop(path[-1])
        yield document


def _hostile() -> list[Any]:
    return [
        [1, 2],
        "order",
        None,
        {"zz": nested(200)},
        {"store_id": float("nan")},
        {"store_id": 10**400},
        {"items": (1, 2)},
        {1: "x"},
        {"store_id": {"a"}},
    ]


def _hostile_bodies() -> list[bytes]:
    return [
        b"",
        b"\xef\xbb\xbf{}",
        b'{"a":1,"a":2}',
        b"[" * 5_000,
        b'{"store_id":"\\ud800"}',
        b'{"total":1e400}',
        b"{} {}",
        b"\xff",
    ]


def _stream() -> list[Call]:
    """10,000 calls: a third valid, most of the rest mutated, some hostile; some as raw bytes."""
    rng = random.Random(7)
    examples = [e for name, e in example_orders().items() if not name.startswith("invalid")]
    mutated = _mutations(rng)
    hostile = _hostile()
    bodies = _hostile_bodies()
    calls: list[Call] = []
    for index in range(STREAM):
        roll = rng.random()
        if roll < 0.3:
            payload = rng.choice(examples)
        elif roll < 0.85:
            payload = next(mutated)
        elif roll < 0.93:
            payload = rng.choice(hostile)
        else:
            body = rng.choice(bodies)
            calls.append(partial(validate_json, body))
            continue
        if index % 3 == 0 and is_plain_json(payload):
            text = json.dumps(payload)
            calls.append(partial(validate_json, text))
        else:
            calls.append(partial(validate, payload))
    return calls


@pytest.fixture
def fast_switching() -> Iterator[None]:
    """Make the interpreter switch threads every microsecond, so races have room to happen."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        yield
    finally:
        sys.setswitchinterval(before)


def test_eight_threads_give_exactly_the_results_of_one_thread(fast_switching: None) -> None:
    calls = _stream()
    reference = [call() for call in calls]
    results: list[ValidationResult | None] = [None] * len(calls)
    failures: list[BaseException] = []
    barrier = threading.Barrier(THREADS)

    def worker(offset: int) -> None:
        try:
            barrier.wait()
            for index in range(offset, len(calls), THREADS):
                results[index] = calls[index]()
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread below
            failures.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    differing = [
        i for i, (got, want) in enumerate(zip(results, reference, strict=True)) if got != want
    ]
    assert differing == []
    # The stream exercised both outcomes (and the hostile part never broke the validator).
    assert sum(r.valid for r in reference) > STREAM // 5
    assert sum(not r.valid for r in reference) > STREAM // 2


def test_the_mixed_stream_itself_gets_clear_answers() -> None:
    """The stream is only a fair test if every payload in it gets a clear answer on one thread,
    and if it reaches a wide range of codes (schema, rules, parse and input checks)."""
    results = [call() for call in _stream()]
    codes = {issue.code for result in results for issue in result.issues}
    assert BROKEN not in codes
    assert {"type", "required", "unknown_field", "slot_window_order", "invalid_json"} <= codes
    assert {"not_json", "non_finite_number", "too_deeply_nested", "duplicate_key"} <= codes
    assert len(codes) >= 25


def _race_first_calls(monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[ValidationResult]]:
    """Empty the schema cache, then make eight threads call validate() at the same instant.

    The build is slowed by 50 ms so every thread arrives while it is still running. Returns
    how many builds ran and what each thread got. monkeypatch restores the real cache after.
    """
    builds: list[int] = []
    real_build = schema_module._build

    def slow_counting_build() -> Any:
        builds.append(threading.get_ident())
        time.sleep(0.05)
        return real_build()

    monkeypatch.setattr(schema_module, "_compiled", None)
    monkeypatch.setattr(schema_module, "_build", slow_counting_build)
    order = example_orders()["delivery-order"]
    barrier = threading.Barrier(THREADS)
    results: list[ValidationResult] = []
    lock = threading.Lock()

    def first_call() -> None:
        barrier.wait()
        result = validate(order)
        with lock:
            results.append(result)

    threads = [threading.Thread(target=first_call) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(builds), results


def test_the_schema_is_compiled_once_when_the_first_calls_race(
    monkeypatch: pytest.MonkeyPatch, fast_switching: None
) -> None:
    builds, results = _race_first_calls(monkeypatch)
    assert builds == 1
    assert len(results) == THREADS
    assert all(result.valid for result in results)
    assert schema_module._compiled is not None


def test_the_race_check_would_catch_a_cache_without_its_lock(
    monkeypatch: pytest.MonkeyPatch, fast_switching: None
) -> None:
    """Negative control: with the lock replaced by a no-op, the same race builds many times."""
    monkeypatch.setattr(schema_module, "_compile_lock", contextlib.nullcontext())
    builds, results = _race_first_calls(monkeypatch)
    assert builds > 1
    assert all(result.valid for result in results)


_COLD_START = textwrap.dedent(
    """
    import json, sys, threading
    import order_validation._schema as schema
    assert schema._compiled is None, "imported already compiled"
    from order_validation import validate
    builds = []
    real = schema._build
    def counting():
        builds.append(1)
        return real()
    schema._build = counting
    sys.setswitchinterval(1e-6)
    order = json.load(open(sys.argv[1], encoding="utf-8"))
    barrier = threading.Barrier(8)
    valid = []
    def go():
        barrier.wait()
        valid.append(validate(order).valid)
    threads = [threading.Thread(target=go) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(json.dumps({"builds": len(builds), "valid": valid}))
    """
)


def test_a_fresh_process_compiles_the_schema_once_under_eight_racing_first_calls() -> None:
    example = ROOT / "examples" / "delivery-order.json"
    completed = subprocess.run(
        [sys.executable, "-c", _COLD_START, str(example)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert completed.returncode == 0, completed.stderr
    report = json.loads(completed.stdout)
    assert report == {"builds": 1, "valid": [True] * THREADS}
