"""Hypothesis strategies for orders, request headers and orders with one known defect.

Install with the ``qa`` extra (``pip install 'order-validation[qa]'``)::

    from hypothesis import given
    from order_validation import validate
    from order_validation.strategies import invalid_orders, orders

    @given(orders(service="PD", market="UK"))
    def test_partner_accepts_valid_orders(order):
        assert validate(order).valid

    @given(invalid_orders(codes={"price_total_mismatch"}))
    def test_reports_the_defect(case):
        payload, expected = case
        assert validate(payload).errors[0].code == expected.code

The strategies drive the same recipe (``_recipe.py``) and defect catalogue
(``_defects.py``) as the seeded bulk generator (``order-validation generate``); only the
source of choices differs. Every draw yields a valid order by construction, never by
filtering, so generation is fast and shrinking stays valid: a shrunk counterexample is a
smaller order that still passes every rule. Only public Hypothesis API is used.
Arguments are checked when the strategy is built, not when the first value is drawn.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from hypothesis import strategies as st

from order_validation._defects import ExpectedIssue, make_invalid, select
from order_validation._recipe import MARKETS, SERVICES, STATUSES, build_headers, build_order

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from order_validation._defects import Defect

__all__ = ["ExpectedIssue", "headers", "invalid_orders", "orders"]

T = TypeVar("T")
_PERCENT = st.integers(0, 99)


@lru_cache(maxsize=1024)
def _integers(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(low, high)


@lru_cache(maxsize=1024)
def _sampled(options: tuple[Any, ...], types: tuple[type, ...]) -> st.SearchStrategy[Any]:
    # ``types`` is part of the key because (1, 0) == (True, False) would share an entry.
    return st.sampled_from(options)


class _HypothesisDraw:
    """The recipe's ``Draw`` interface over a Hypothesis ``draw`` function.

    ``integers`` shrink towards the lower bound and ``sampled_from`` towards the first
    option, which is what the recipe expects; ``chance`` is ``True`` for the top
    ``percent`` of 0-99, so it shrinks towards ``False`` (optional parts absent).
    Strategies are cached: the recipe asks for the same few thousands of times.
    """

    __slots__ = ("_draw",)

    def __init__(self, draw: st.DrawFn) -> None:
        self._draw = draw

    def integer(self, low: int, high: int) -> int:
        return self._draw(_integers(low, high))

    def choice(self, options: Sequence[T]) -> T:
        try:
            strategy: st.SearchStrategy[T] = _sampled(options, tuple(map(type, options)))
        except TypeError:
            strategy = st.sampled_from(options)
        return self._draw(strategy)

    def chance(self, percent: int) -> bool:
        return self._draw(_PERCENT) >= 100 - percent

    def text(self, alphabet: str, min_size: int, max_size: int) -> str:
        return self._draw(st.text(alphabet, min_size=min_size, max_size=max_size))


def _check(name: str, value: str | None, allowed: tuple[str, ...]) -> None:
    if value is not None and value not in allowed:
        raise ValueError(f"{name} must be one of {', '.join(allowed)} or None, not {value!r}")


def orders(
    service: str | None = None, status: str | None = None, market: str | None = None
) -> st.SearchStrategy[dict[str, Any]]:
    """Valid orders: no errors and no warnings from ``validate()``.

    ``service`` (P, D, PD, W), ``status`` (NEW, CANCELLED) and ``market`` (US, UK, EU)
    fix that field; ``None`` draws it. Orders are internally consistent: times in order on
    real dates, totals that add up, currency and country of the market, whole quantities
    for EACH, W-only fields only on W, unique item ids, optional fields present and absent.
    """
    _check("service", service, SERVICES)
    _check("status", status, STATUSES)
    _check("market", market, MARKETS)
    return _orders(service, status, market)


@st.composite
def _orders(
    draw: st.DrawFn, service: str | None, status: str | None, market: str | None
) -> dict[str, Any]:
    return build_order(_HypothesisDraw(draw), service=service, status=status, market=market)


def headers() -> st.SearchStrategy[dict[str, str]]:
    """Valid request headers: ``WM_CONSUMER.ID`` (name in any letter case) plus other headers."""
    return _headers()


@st.composite
def _headers(draw: st.DrawFn) -> dict[str, str]:
    return build_headers(_HypothesisDraw(draw))


def invalid_orders(
    codes: Iterable[str] | None = None,
) -> st.SearchStrategy[tuple[Any, ExpectedIssue]]:
    """Pairs ``(payload, ExpectedIssue(code, pointer, severity))``.

    Each payload is a valid order with exactly one defect, so ``validate()`` reports
    exactly that issue: for errors, that single error and no warning; for warning codes
    (``duplicate_item``, ``subtotal_mismatch``, ...), no error and that single warning.
    ``codes`` restricts the defects to those codes; an unknown code raises ``ValueError``.
    """
    return _invalid_orders(select(codes))


@st.composite
def _invalid_orders(draw: st.DrawFn, defects: tuple[Defect, ...]) -> tuple[Any, ExpectedIssue]:
    _, payload, expected = make_invalid(_HypothesisDraw(draw), defects)
    return payload, expected
