"""Where ``validate()`` spends its time: cProfile over many calls on one benchmark payload.

    python -m benchmarks.profile_validate                       # valid order, default engine
    python -m benchmarks.profile_validate --payload invalid_one --engine python

Prints the top functions by own time (tottime) and by cumulative time. cProfile's per-call
overhead inflates functions that are called very often, so read the ranking, not the absolute
microseconds; the medians in ``benchmarks.run`` are the real speed.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys

from . import engine
from .payloads import payloads


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_validate")
    parser.add_argument(
        "--payload", choices=("valid", "invalid_one", "invalid_many"), default="valid"
    )
    parser.add_argument("--engine", choices=("default", "python", "rust"), default="default")
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--json", action="store_true", help="profile validate_json(bytes)")
    args = parser.parse_args(argv)

    if args.engine != "default" and not engine.select(args.engine):
        print(f"the core offers no switch to the {args.engine} engine", file=sys.stderr)
        return 2
    from order_validation import validate, validate_json  # noqa: PLC0415

    item = next(p for p in payloads() if p.key == args.payload)
    value, raw = item.value, item.raw
    validate(value)  # compile the schema outside the profile
    profiler = cProfile.Profile()
    if args.json:
        profiler.runcall(lambda: [validate_json(raw) for _ in range(args.calls)])
    else:
        profiler.runcall(lambda: [validate(value) for _ in range(args.calls)])
    stats = pstats.Stats(profiler, stream=io.StringIO())
    total = stats.total_tt  # type: ignore[attr-defined]
    entry = "validate_json(bytes)" if args.json else "validate(payload)"
    print(
        f"{entry} on {item.label!r}, engine {engine.current()}: {args.calls} calls, "
        f"{total / args.calls * 1e6:.1f} us per call under cProfile"
    )
    for sort, title in (("tottime", "own time"), ("cumulative", "cumulative time")):
        print(f"\nTop {args.top} by {title} (share of all profiled time, per validate call):")
        rows = sorted(
            stats.stats.items(),  # type: ignore[attr-defined]
            key=lambda kv: kv[1][2] if sort == "tottime" else kv[1][3],
            reverse=True,
        )
        shown = 0
        for (filename, line, name), (_cc, ncalls, tottime, cumtime, _callers) in rows:
            if sort == "cumulative" and name in ("<lambda>", "<listcomp>"):
                continue
            spent = tottime if sort == "tottime" else cumtime
            where = _short(filename, line)
            print(
                f"  {spent / total:6.1%}  {spent / args.calls * 1e6:8.2f} us  "
                f"{ncalls / args.calls:6.1f} calls  {name}  ({where})"
            )
            shown += 1
            if shown == args.top:
                break
    return 0


def _short(filename: str, line: int) -> str:
    for marker in ("order_validation/", "site-packages/"):
        if marker in filename:
            return f"{filename.split(marker, 1)[1]}:{line}"
    return f"{filename}:{line}" if line else filename


if __name__ == "__main__":
    sys.exit(main())
