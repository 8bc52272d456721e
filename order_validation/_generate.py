"""Seeded bulk generation of orders as JSON Lines, for QA load and regression sets.

API (called by ``order-validation generate``)::

    generate_records(*, count, seed, service=None, market=None, invalid=False) -> Iterator[dict]
    write_jsonl(stream, *, count, seed, service=None, market=None, invalid=False) -> int

``count`` records are produced from a ``random.Random(seed)``; ``service`` (P, D, PD, W)
and ``market`` (US, UK, EU) fix those fields, ``None`` mixes them. ``write_jsonl`` writes
one record per line to a text stream and returns the number written.

Record shape:

- valid mode (default): the order itself, one request body per line, ready to send;
  every line validates with no errors and no warnings.
- ``invalid=True``: ``{"defect": name, "expected": {"code", "pointer", "severity"},
  "payload": order}``, where ``payload`` is a valid order with exactly one defect and
  ``expected`` is the one issue ``validate()`` must report for it (``payload`` need not
  be an object: the ``not_an_object`` defect sends an array, string or number).

Determinism: the same seed, arguments and library version give byte-identical output,
on any platform and locale. Lines are ``json.dumps`` with ``separators=(",", ":")`` and
``ensure_ascii=True`` (pure ASCII output); keys keep the recipe's order (the contract's
field order), which is itself fixed, so no ``sort_keys`` is needed. Generation is
sequential, so the first N lines of a larger run with the same seed equal a run of N.
The draws come from the same recipe and defect catalogue as the Hypothesis strategies.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from order_validation._defects import DEFECTS, make_invalid
from order_validation._draw import RandomDraw
from order_validation._recipe import MARKETS, SERVICES, build_order

if TYPE_CHECKING:
    from collections.abc import Iterator
    from typing import TextIO

_BATCH = 512  # lines joined per write: fewer calls on slow streams, little memory
_encode = json.JSONEncoder(ensure_ascii=True, separators=(",", ":"), allow_nan=False).encode


def generate_records(
    *,
    count: int,
    seed: int,
    service: str | None = None,
    market: str | None = None,
    invalid: bool = False,
) -> Iterator[dict[str, Any]]:
    """Yield ``count`` records (see the module docstring for their shape)."""
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise ValueError(f"count must be a whole number >= 0, not {count!r}")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"seed must be an integer, not {seed!r}")
    if service is not None and service not in SERVICES:
        raise ValueError(f"service must be one of {', '.join(SERVICES)}, not {service!r}")
    if market is not None and market not in MARKETS:
        raise ValueError(f"market must be one of {', '.join(MARKETS)}, not {market!r}")
    return (
        _invalid(count, seed, service, market) if invalid else _valid(count, seed, service, market)
    )


def _valid(
    count: int, seed: int, service: str | None, market: str | None
) -> Iterator[dict[str, Any]]:
    d = RandomDraw(seed)
    for _ in range(count):
        yield build_order(d, service=service, market=market)


def _invalid(
    count: int, seed: int, service: str | None, market: str | None
) -> Iterator[dict[str, Any]]:
    d = RandomDraw(seed)
    defects = tuple(defect for defect in DEFECTS if defect.suits(service=service, market=market))
    for _ in range(count):
        defect, payload, expected = make_invalid(d, defects, service=service, market=market)
        yield {"defect": defect.name, "expected": expected.to_dict(), "payload": payload}


def write_jsonl(
    stream: TextIO,
    *,
    count: int,
    seed: int,
    service: str | None = None,
    market: str | None = None,
    invalid: bool = False,
) -> int:
    """Write ``count`` records to ``stream`` as JSON Lines; return how many were written."""
    written = 0
    lines: list[str] = []
    for record in generate_records(
        count=count, seed=seed, service=service, market=market, invalid=invalid
    ):
        lines.append(_encode(record))
        if len(lines) == _BATCH:
            stream.write("\n".join(lines) + "\n")
            written += len(lines)
            lines.clear()
    if lines:
        stream.write("\n".join(lines) + "\n")
        written += len(lines)
    return written
