"""Time ``order_validation`` beside every JSON Schema peer on this project's schema (issue #6).

    python -m benchmarks.run            # full run, about 2 minutes on 2 cores (make bench)
    python -m benchmarks.run --quick    # about 20 seconds, rougher numbers
    python -m benchmarks.run --smoke    # one call per case: checks the harness, not the speed

Prints the machine, a table of median (and p95) microseconds per call with ratios, the issue's
targets, start-up and batch figures; writes ``benchmarks/results/latest.json`` and ``latest.md``
(``--smoke`` writes only with ``--output``). Nothing here fails on a slow number.
"""

from __future__ import annotations

import argparse
import datetime
import json
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from . import ajv, cli_throughput, engine, machine, peers, report, startup
from .payloads import Payload, load_schema, payloads
from .peers import Row
from .timing import Sampler, measure_once

RESULTS = Path(__file__).resolve().parent / "results"

# Every row the report always carries, measured or n/a, in table order.
ROW_KEYS = (
    "parse.orjson",
    "parse.json",
    "jsonschema.validate",
    "jsonschema.is_valid",
    "jsonschema.iter_errors",
    "fastjsonschema",
    "jsonschema_rs.is_valid",
    "jsonschema_rs.iter_errors",
    "ajv.validate",
    "ajv.all_errors",
    "ajv.parse_then_validate",
    "ours.validate",
    "ours.validate_json",
    "ours.parse_then_validate",
    "ours.validate.python",
    "ours.validate.no_rules",
)


@dataclass(frozen=True, slots=True)
class Mode:
    name: str
    budget_s: float  # per case (one row on one payload), spread over the rounds
    rounds: int
    startup_runs: int
    cli_orders: int
    cli_cap_s: float  # longest single CLI run before the file is shrunk


MODES = {
    "full": Mode("full", 1.4, 6, 7, 100_000, 40.0),
    "quick": Mode("quick", 0.2, 2, 3, 5_000, 3.0),
    "smoke": Mode("smoke", 0.0, 1, 1, 200, 10.0),
}


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    speed = parser.add_mutually_exclusive_group()
    speed.add_argument("--quick", action="store_true", help="short budget (about 20 s)")
    speed.add_argument("--smoke", action="store_true", help="one call per case, no files")
    parser.add_argument("--output", type=Path, help=f"results folder (default {RESULTS})")
    parser.add_argument("--cli-orders", type=int, help="orders in the batch file")
    parser.add_argument("--no-write", action="store_true", help="print only")
    return parser.parse_args(argv)


def _visit(row: Row, action: Callable[[], None]) -> None:
    """Run ``action`` inside the row's before/after hooks."""
    if row.before is not None:
        row.before()
    try:
        action()
    finally:
        if row.after is not None:
            row.after()


def _time_rows(rows: list[Row], mode: Mode, progress: Callable[[str], None]) -> None:
    """Time every case: warm-up, then ``mode.rounds`` rounds visiting each case in turn."""
    samplers: list[tuple[Row, str, Sampler]] = []
    for row in rows:
        for payload_key, func in row.cases.items():
            sampler = Sampler(func, max_samples=row.max_samples)
            try:
                if mode.name == "smoke":
                    _visit(row, partial(_smoke, row, payload_key, func))
                    continue
                _visit(row, partial(sampler.warm_up, mode.budget_s * 0.1))
            except Exception as exc:  # noqa: BLE001 - one broken peer must not end the run
                row.note = row.note or f"raised {type(exc).__name__}: {exc}"
                continue
            samplers.append((row, payload_key, sampler))
    per_visit = mode.budget_s * 0.9 / max(1, mode.rounds)
    failed: set[int] = set()
    for number in range(mode.rounds if mode.name != "smoke" else 0):
        progress(f"round {number + 1} of {mode.rounds}")
        for index, (row, _key, sampler) in enumerate(samplers):
            if index in failed:
                continue
            at_most = math.ceil(row.max_samples / mode.rounds)
            try:
                _visit(row, partial(_sample, sampler, per_visit, at_most))
            except Exception as exc:  # noqa: BLE001 - as above
                row.note = row.note or f"raised {type(exc).__name__}: {exc}"
                failed.add(index)
    for index, (row, key, sampler) in enumerate(samplers):
        if index not in failed:
            row.results[key] = sampler.timing().as_dict()


def _smoke(row: Row, key: str, func: Callable[[], object]) -> None:
    row.results[key] = measure_once(func).as_dict()


def _sample(sampler: Sampler, budget_s: float, at_most: int) -> None:
    sampler.sample(budget_s, at_most=at_most)


def _verdict(result: object) -> dict[str, Any] | None:
    """What a call decided: valid or not, and how many errors when it lists them."""
    if isinstance(result, bool):
        return {"valid": result}
    if isinstance(result, list):
        return {"valid": not result, "errors": len(result)}
    errors = getattr(result, "errors", None)
    if isinstance(errors, tuple):
        return {"valid": not errors, "errors": len(errors)}
    return None


def _verdicts(rows: list[Row], items: tuple[Payload, ...]) -> dict[str, dict[str, Any]]:
    """What each row decided on each payload, and whether that is the expected outcome."""
    expected = {p.key: p.key == "valid" for p in items}
    found: dict[str, dict[str, Any]] = {}

    def collect(row: Row) -> None:
        for key, func in row.cases.items():
            try:
                verdict = _verdict(func())
            except Exception:  # noqa: BLE001 - timing reports the failure
                continue
            if verdict is not None:
                verdict["agrees"] = verdict["valid"] == expected[key]
                found.setdefault(row.key, {})[key] = verdict

    for row in rows:
        _visit(row, partial(collect, row))
    return found


def _ajv_rows(result: dict[str, Any]) -> list[Row]:
    rows = []
    for key, label in ajv.ROW_LABELS.items():
        row = Row(key, label, note=str(result.get("error", "")))
        row.results = dict(result.get("results", {}).get(key, {}))
        rows.append(row)
    return rows


def _python_row(items: tuple[Payload, ...], default_engine: str) -> tuple[Row, str]:
    """The pure-python row (switching engines around each visit); returns it and its engine."""
    label = "ours validate(payload) [pure python engine]"
    hook = engine.switch_hook()
    if hook is not None and engine.select("python"):
        used = engine.current()
        _restore(default_engine)
        note = "" if engine.is_python(used) else f"switched via {hook}, but engine is {used}"
        row = peers.ours_python(items, f"ours validate(payload) [{used}, switched]", note)
        row.before = _switcher("python")
        row.after = lambda: _restore(default_engine)
        return row, used
    if engine.is_python(default_engine):
        note = "no engine switch; default is python"
        return peers.ours_python(items, label, note), default_engine
    why = "no engine switch in the core yet" if hook is None else f"{hook} refused 'python'"
    return Row("ours.validate.python", label, note=why), default_engine


def _switcher(kind: str) -> Callable[[], object]:
    """Switch engine, then compile outside any timed region with one call."""

    def switch() -> None:
        engine.select(kind)
        engine.current()

    return switch


def _restore(default_engine: str) -> None:
    if not engine.select("auto") and not engine.is_python(default_engine):
        engine.select("rust")
    engine.current()


def _target(name: str, top: float | None, bottom: float | None, limit: float) -> dict[str, Any]:
    value = report.divide(top, bottom)
    # Judged on the value as printed (2 decimals), so "1.00x, limit 1.00x" never reads as a miss.
    status = "n/a" if value is None else ("met" if round(value, 2) <= limit else "NOT MET")
    return {
        "name": name,
        "ratio": None if value is None else round(value, 3),
        "limit": limit,
        "status": status,
    }


def _targets(rows: dict[str, Row]) -> list[dict[str, Any]]:
    m = report.median
    return [
        _target(
            "valid: validate() / jsonschema-rs is_valid",
            m(rows, "ours.validate", "valid"),
            m(rows, "jsonschema_rs.is_valid", "valid"),
            2.0,
        ),
        _target(
            "1 defect: validate() / jsonschema-rs all errors",
            m(rows, "ours.validate", "invalid_one"),
            m(rows, "jsonschema_rs.iter_errors", "invalid_one"),
            3.0,
        ),
        _target(
            "pure python, valid: validate() / py-jsonschema all errors",
            m(rows, "ours.validate.python", "valid"),
            m(rows, "jsonschema.iter_errors", "valid"),
            1.0,
        ),
        _target(
            "pure python, 1 defect: validate() / py-jsonschema errors",
            m(rows, "ours.validate.python", "invalid_one"),
            m(rows, "jsonschema.iter_errors", "invalid_one"),
            1.0,
        ),
        _target(
            "valid: validate_json(bytes) / (parse + validate())",
            m(rows, "ours.validate_json", "valid"),
            m(rows, "ours.parse_then_validate", "valid"),
            1.5,
        ),
        _target(
            "1 defect: validate_json(bytes) / (parse + validate())",
            m(rows, "ours.validate_json", "invalid_one"),
            m(rows, "ours.parse_then_validate", "invalid_one"),
            1.5,
        ),
    ]


def _fastest_line(rows: dict[str, Row]) -> str:
    engines = ("jsonschema_rs.is_valid", "ajv.validate", "fastjsonschema", "jsonschema.is_valid")
    timed = [(report.median(rows, k, "valid"), k) for k in engines]
    found = sorted((v, k) for v, k in timed if v is not None and not rows[k].note)
    ours_valid = report.median(rows, "ours.validate", "valid")
    if not found or ours_valid is None:
        return "Fastest correct engine on the valid order: n/a"
    value, key = found[0]
    return (
        f"Fastest correct engine on the valid order: {key} {report.us(value)} us; "
        f"ours validate() {report.us(ours_valid)} us = {report.ratio(ours_valid / value)}; "
        f"parse floor (orjson) {report.us(report.median(rows, 'parse.orjson', 'valid'))} us."
    )


def _rules_line(rows: dict[str, Row]) -> str:
    """How much of validate() the contract's Python rules take, and the ratio without them."""
    m = report.median
    parts = []
    for key, reference in (
        ("valid", "jsonschema_rs.is_valid"),
        ("invalid_one", "jsonschema_rs.iter_errors"),
    ):
        full, bare = m(rows, "ours.validate", key), m(rows, "ours.validate.no_rules", key)
        if full is None or bare is None:
            return "Rules' share of validate(): n/a"
        parts.append(
            f"{report.SHORT[key]}: {report.us(full - bare)} of {report.us(full)} us, "
            f"{report.ratio(report.divide(bare, m(rows, reference, key)))} "
            f"{report.REFERENCE_SHORT[reference]} without them"
        )
    return (
        "The contract's rules (compiled screen, Python table) in validate(): "
        + "; ".join(parts)
        + "."
    )


def _startup_line(result: dict[str, Any]) -> str:
    if "error" in result:
        return f"Start-up: n/a ({result['error']})"
    compiled = {True: "yes", False: "no", None: "unknown"}[result["compiled_at_import"]]
    return (
        f"Start-up (fresh interpreter, median of {result['runs']}): import order_validation "
        f"{result['import_ms']:.1f} ms; first validate() {result['first_validate_ms']:.1f} ms "
        f"(second {result['second_validate_ms']:.2f} ms); schema compiled at import: {compiled}."
    )


def _cli_line(result: dict[str, Any]) -> str:
    if "error" in result:
        return f"Batch CLI (validate --jsonl --format json): n/a ({result['error']})"
    parts = []
    for run in result["runs"]:
        text = f"{run['jobs']} process{'es' if run['jobs'] > 1 else ''}: "
        if "error" in run:
            text += f"failed ({run['error']})"
        else:
            text += f"{run['orders_per_s']:,.0f} orders/s ({run['seconds']:.1f} s"
            if "cli_orders_per_s" in run:
                text += f"; {run['cli_orders_per_s']:,.0f}/s by the CLI's own clock"
            if run.get("valid", run["orders"]) != run["orders"]:
                text += f"; only {run['valid']:,} counted valid"
            text += ")"
        parts.append(text)
    note = f"; {result['note']}" if result["note"] else ""
    return (
        f"Batch CLI on {result['orders']:,} generated valid orders (whole process, "
        f"start-up included): {'; '.join(parts)}{note}."
    )


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    mode = MODES["smoke" if args.smoke else "quick" if args.quick else "full"]
    progress: Callable[[str], None] = (
        (lambda text: print(f"  timing {text}...", file=sys.stderr, flush=True))
        if sys.stderr.isatty()
        else (lambda text: None)
    )
    schema = load_schema()
    items = payloads()
    info = machine.describe()

    default_engine = engine.current()
    python_row, python_engine = _python_row(items, default_engine)
    rows = [
        *peers.peers(schema, items),
        *peers.ours(items, default_engine),
        python_row,
        peers.ours_without_rules(items),
    ]
    _time_rows(rows, mode, progress)
    progress("ajv in node")
    ajv_result = ajv.run(schema, items, budget_s=mode.budget_s, smoke=mode.name == "smoke")
    all_rows = [*rows, *_ajv_rows(ajv_result)]
    verdicts = _verdicts(all_rows, items)

    by_key = {row.key: row for row in all_rows}
    ordered = [by_key[key] for key in ROW_KEYS]
    progress("start-up in fresh interpreters")
    started = startup.measure(mode.startup_runs)
    progress("batch CLI")
    cli = cli_throughput.measure(args.cli_orders or mode.cli_orders, mode.cli_cap_s)

    info["load_at_end"] = machine.load_average()
    targets = _targets(by_key)
    extras = [
        _fastest_line(by_key),
        _rules_line(by_key),
        _startup_line(started),
        _cli_line(cli),
    ]
    disagreeing = [
        f"{row}/{key}"
        for row, found in verdicts.items()
        for key, v in found.items()
        if not v["agrees"]
    ]
    if disagreeing:
        extras.append(
            f"Verdicts that disagree with the payload's expected outcome: {', '.join(disagreeing)}"
        )
    header = machine.lines(info, default_engine, ajv_result)
    print(report.console(header, ordered, items, targets, extras))

    output = args.output or (None if mode.name == "smoke" else RESULTS)
    if output is None or args.no_write:
        return 0
    output.mkdir(parents=True, exist_ok=True)
    document = {
        "mode": mode.name,
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "machine": info,
        "engine": {"default": default_engine, "pure_python_row": python_engine},
        "node": {k: ajv_result[k] for k in ("node", "ajv") if k in ajv_result},
        "payloads": {p.key: {"label": p.label, "bytes": len(p.raw)} for p in items},
        "rows": [
            {"key": r.key, "label": r.label, "note": r.note, "results": r.results} for r in ordered
        ],
        "verdicts": verdicts,
        "targets": targets,
        "startup": started,
        "cli": cli,
    }
    (output / "latest.json").write_text(json.dumps(document, indent=1) + "\n", encoding="utf-8")
    (output / "latest.md").write_text(
        report.markdown(info, default_engine, ordered, items, targets=targets, extras=extras),
        encoding="utf-8",
    )
    print(f"\nWrote {output / 'latest.json'} and {output / 'latest.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
