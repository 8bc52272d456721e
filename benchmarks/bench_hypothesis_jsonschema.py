"""hypothesis-jsonschema's ``from_schema`` on our schema, beside our own generators, in one run.

    python -m benchmarks.bench_hypothesis_jsonschema               # minutes: see below
    python -m benchmarks.bench_hypothesis_jsonschema --examples 500

For each generator: whether it works at all, orders per second, and the share of its output
that passes our full validation (schema plus the rules beyond it). hypothesis-jsonschema
0.23.1 calls a private Hypothesis API that Hypothesis 6.170.10 removed, so with a newer
Hypothesis it fails on any object schema: the exception is caught and printed as
"fails: <exception>". Before failing, ``from_schema`` spends minutes canonicalising our
schema (about 100 s of CPU here), so this script is slow by the peer's doing. Every
Hypothesis run uses the same settings (generate phase only, no database, derandomised,
health checks off), so the rates compare like with like.
A benchmark, not a test: it prints and never fails.
"""

from __future__ import annotations

import argparse
import platform
import sys
import time
from importlib import metadata
from typing import TYPE_CHECKING, Any

from hypothesis import HealthCheck, Phase, given, settings

from order_validation import load_schema, validate
from order_validation._generate import generate_records
from order_validation.strategies import invalid_orders, orders

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from hypothesis.strategies import SearchStrategy


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def _collect(strategy: SearchStrategy[Any], examples: int) -> tuple[list[Any], float]:
    """Draw ``examples`` values through ``@given``; return them and the seconds it took."""
    drawn: list[Any] = []

    @settings(
        max_examples=examples,
        database=None,
        phases=[Phase.generate],
        deadline=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def run(value: Any) -> None:
        drawn.append(value)

    start = time.perf_counter()
    run()
    return drawn, time.perf_counter() - start


def _hypothesis_jsonschema() -> SearchStrategy[Any]:
    from hypothesis_jsonschema import from_schema  # noqa: PLC0415 - optional peer, imported when measured

    return from_schema(load_schema())


def _passes(value: Any) -> bool:
    return validate(value).valid


def _exactly_expected(case: tuple[Any, Any]) -> bool:
    payload, expected = case
    result = validate(payload)
    got = [(i.code, i.pointer, i.severity) for i in result.issues]
    return got == [(expected.code, expected.pointer, expected.severity)]


def _row(
    label: str,
    make: Callable[[], SearchStrategy[Any]],
    examples: int,
    check: Callable[[Any], bool],
) -> str:
    """One line of the table; building the strategy is timed apart from drawing from it."""
    start = time.perf_counter()
    try:
        strategy = make()
        built = time.perf_counter() - start
        drawn, seconds = _collect(strategy, examples)
    except Exception as exc:  # noqa: BLE001 - reporting the peer's failure is the point
        message = str(exc).splitlines()[0] if str(exc) else ""
        took = time.perf_counter() - start
        return f"{label:<52} fails: {type(exc).__name__}: {message} (after {took:.1f} s)"
    share = sum(map(check, drawn)) / len(drawn) if drawn else 0.0
    rate = len(drawn) / seconds
    return f"{label:<52} {rate:>9,.0f} /s  {share:>7.1%} of {len(drawn)}  (built in {built:.2f} s)"


def _bulk_row(examples: int) -> str:
    count = max(examples, 5_000)
    start = time.perf_counter()
    drawn = list(generate_records(count=count, seed=7))
    seconds = time.perf_counter() - start
    share = sum(map(_passes, drawn)) / count
    label = "order_validation generate (seeded, no Hypothesis)"
    return f"{label:<52} {count / seconds:>9,.0f} /s  {share:>7.1%} of {count}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.bench_hypothesis_jsonschema", description=__doc__
    )
    parser.add_argument(
        "--examples", type=int, default=300, help="examples per generator (default 300)"
    )
    args = parser.parse_args(argv)
    print(
        f"Python {platform.python_version()}, hypothesis {_version('hypothesis')}, "
        f"hypothesis-jsonschema {_version('hypothesis-jsonschema')}, "
        f"order-validation {_version('order-validation')}\n"
    )
    print(f"{'generator':<52} {'orders/s':>12}  share passing validate()")
    print(
        _row(
            "hypothesis-jsonschema from_schema(order schema)",
            _hypothesis_jsonschema,
            args.examples,
            _passes,
        )
    )
    print(_row("order_validation.strategies.orders()", orders, args.examples, _passes))
    print(_bulk_row(args.examples))
    print(
        _row(
            "order_validation.strategies.invalid_orders() [1]",
            invalid_orders,
            args.examples,
            _exactly_expected,
        )
    )
    print("\n[1] share yielding exactly its expected issue, not share passing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
