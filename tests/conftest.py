"""Shared fixtures and the Hypothesis profiles.

``HYPOTHESIS_PROFILE`` picks one: ``ci`` (derandomised, fixed example counts: the same run every
time), ``dev`` (the default locally) or ``long`` (on demand, for soak runs).
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

settings.register_profile(
    "ci",
    max_examples=150,
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "long",
    max_examples=20_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def load_example(name: str) -> dict[str, Any]:
    """A fresh copy of a shipped example order (tests may mutate it)."""
    data: dict[str, Any] = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return copy.deepcopy(data)


@pytest.fixture
def delivery_order() -> dict[str, Any]:
    """A valid US delivery (D) order with every optional top-level field a D order may carry."""
    return load_example("delivery-order.json")


@pytest.fixture
def pickup_order() -> dict[str, Any]:
    return load_example("pick-up-order.json")


@pytest.fixture
def white_label_order() -> dict[str, Any]:
    return load_example("white-label-eu.json")


@pytest.fixture
def uk_order() -> dict[str, Any]:
    return load_example("pick-and-deliver-uk.json")
