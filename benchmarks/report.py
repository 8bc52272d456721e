"""Render the results three ways: a console table, a Markdown block for the README, and JSON.

Every row is always printed, with "n/a" and a footnote when it could not run, so a reader (and
the smoke test) can tell "not measured" from "forgotten".
"""

from __future__ import annotations

from typing import Any

from .payloads import Payload
from .peers import Row

# The denominator of each payload's ratio column: the fastest correct engine's matching call.
REFERENCE = {
    "valid": "jsonschema_rs.is_valid",
    "invalid_one": "jsonschema_rs.iter_errors",
    "invalid_many": "jsonschema_rs.iter_errors",
}
SHORT = {"valid": "valid", "invalid_one": "invalid, 1 defect", "invalid_many": "invalid, many"}
REFERENCE_SHORT = {
    "jsonschema_rs.is_valid": "rs is_valid",
    "jsonschema_rs.iter_errors": "rs errors",
}


def us(value: float | None) -> str:
    """Microseconds with precision that suits their size."""
    if value is None:
        return "n/a"
    if value < 10:
        return f"{value:.2f}"
    if value < 1000:
        return f"{value:.1f}"
    return f"{value:,.0f}"


def ratio(value: float | None) -> str:
    if value is None:
        return "n/a"
    return f"{value:.2f}x" if value < 10 else f"{value:,.0f}x"


def median(rows: dict[str, Row], key: str, payload: str) -> float | None:
    row = rows.get(key)
    if row is None or payload not in row.results:
        return None
    return float(row.results[payload]["median_us"])


def divide(top: float | None, bottom: float | None) -> float | None:
    return top / bottom if top is not None and bottom else None


def _grid(rows: list[Row], items: tuple[Payload, ...]) -> tuple[list[str], list[list[str]]]:
    by_key = {row.key: row for row in rows}
    header = ["", "implementation"]
    for p in items:
        header += [f"{SHORT[p.key]} us (p95)", f"x {REFERENCE_SHORT[REFERENCE[p.key]]}"]
    body = []
    notes = [row for row in rows if row.note]
    for row in rows:
        mark = f"[{notes.index(row) + 1}]" if row in notes else ""
        cells = [mark, row.label]
        for p in items:
            result = row.results.get(p.key)
            if result is None:
                cells += ["n/a", "n/a"]
                continue
            cells.append(f"{us(float(result['median_us']))} ({us(float(result['p95_us']))})")
            reference = median(by_key, REFERENCE[p.key], p.key)
            cells.append(ratio(divide(float(result["median_us"]), reference)))
        body.append(cells)
    return header, body


def console(
    header_lines: list[str],
    rows: list[Row],
    items: tuple[Payload, ...],
    targets: list[dict[str, Any]],
    extras: list[str],
) -> str:
    """The plain-text report printed by ``python -m benchmarks.run``."""
    header, body = _grid(rows, items)
    widths = [max(len(line[i]) for line in [header, *body]) for i in range(len(header))]
    left = {0, 1}

    def fmt(cells: list[str]) -> str:
        return "  ".join(
            c.ljust(w) if i in left else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    out = [*header_lines, "", "Median microseconds per call (p95 in brackets); ratio = median /"]
    out.append("jsonschema-rs on the same payload (is_valid for the valid order, all errors else).")
    out += ["", fmt(header), fmt(["-" * w for w in widths]), *(fmt(cells) for cells in body)]
    notes = [row for row in rows if row.note]
    out += [""] + [f"[{i}] {row.key}: {row.note}" for i, row in enumerate(notes, 1)]
    out += ["", "Targets (issue #6; reported, never asserted):"]
    for target in targets:
        status = target["status"]
        out.append(
            f"  {target['name']:<58} {ratio(target['ratio']):>9}  limit {target['limit']:.2f}x"
            f"  {status}"
        )
    out += ["", *extras]
    return "\n".join(out)


def markdown(
    machine: dict[str, Any],
    engine: str,
    rows: list[Row],
    items: tuple[Payload, ...],
    *,
    targets: list[dict[str, Any]],
    extras: list[str],
) -> str:
    """A README-ready block: machine, table, targets, start-up and batch lines."""
    header, body = _grid(rows, items)
    header = header[1:]
    load = machine.get("load_at_start")
    busy = f", load average {load} at start" if load is not None else ""
    lines = [
        f"Measured with `make bench` on {machine['cpu']}, {machine['cores']} cores{busy}, "
        f"{machine['python']} (order_validation engine: {engine}; revision {machine['revision']}).",
        "Median microseconds per call (p95 in brackets); ratios against jsonschema-rs on the same "
        "payload (`is_valid` for the valid order, all errors for the invalid ones).",
        "",
        "| " + " | ".join(header) + " |",
        "|" + "|".join(["---"] + ["---:"] * (len(header) - 1)) + "|",
    ]
    for cells in body:
        label = f"{cells[1]} {cells[0]}".strip()
        lines.append("| " + " | ".join([label, *cells[2:]]) + " |")
    notes = [row for row in rows if row.note]
    if notes:
        lines += [""] + [f"{i}. `{row.key}`: {row.note}" for i, row in enumerate(notes, 1)]
    lines += ["", "| target (issue #6) | measured | limit | |", "|---|---:|---:|---|"]
    for target in targets:
        lines.append(
            f"| {target['name']} | {ratio(target['ratio'])} | {target['limit']:.2f}x "
            f"| {target['status']} |"
        )
    lines += ["", *(f"- {line}" for line in extras)]
    return "\n".join(lines) + "\n"
