"""The tiny "draw" interface the order recipe is written against, and its seeded driver.

The recipe (``_recipe.py``) and the defect catalogue (``_defects.py``) never call
``random`` or Hypothesis directly: they ask a :class:`Draw` for an integer, a choice, a
weighted coin or a short text. Two drivers implement it: :class:`RandomDraw` here (a
seeded ``random.Random``, for fast reproducible bulk generation) and the Hypothesis driver
in ``strategies.py`` (so Hypothesis can shrink). One recipe, no copied logic.

Shrinking contract, which the recipe relies on: ``integer`` shrinks towards ``low``,
``choice`` towards the first option, ``chance`` towards ``False``. So the recipe lists the
plainest option first and puts optional parts behind ``chance``: a shrunk order is a
smaller valid order, never an invalid one.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from collections.abc import Sequence

T = TypeVar("T")


class Draw(Protocol):
    """A source of choices; every method's result must stay within the stated bounds."""

    def integer(self, low: int, high: int) -> int:
        """An integer with ``low <= n <= high``."""
        ...

    def choice(self, options: Sequence[T]) -> T:
        """One of ``options`` (non-empty)."""
        ...

    def chance(self, percent: int) -> bool:
        """``True`` with roughly ``percent`` % probability."""
        ...

    def text(self, alphabet: str, min_size: int, max_size: int) -> str:
        """A string of ``min_size`` to ``max_size`` characters taken from ``alphabet``."""
        ...


class RandomDraw:
    """:class:`Draw` over a seeded :class:`random.Random`.

    Uses ``random()`` arithmetic rather than ``randint``/``choice``: several times faster,
    and the sequence depends only on the seed (``random()`` is stable across Python versions).
    """

    __slots__ = ("_random",)

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed).random

    def integer(self, low: int, high: int) -> int:
        return low + int(self._random() * (high - low + 1))

    def choice(self, options: Sequence[T]) -> T:
        return options[int(self._random() * len(options))]

    def chance(self, percent: int) -> bool:
        return self._random() * 100 < percent

    def text(self, alphabet: str, min_size: int, max_size: int) -> str:
        rnd = self._random
        size = min_size + int(rnd() * (max_size - min_size + 1))
        count = len(alphabet)
        return "".join([alphabet[int(rnd() * count)] for _ in range(size)])
