"""Fixtures of the parity tests, and the parity matrix in the terminal summary of every run."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.parity._parity_engines import REPORT
from tests.parity._parity_node import NodeEngines, install_node_packages, node_available

if TYPE_CHECKING:
    from collections.abc import Iterator

    from _pytest.terminal import TerminalReporter


@pytest.fixture(scope="session")
def node_engines() -> Iterator[NodeEngines]:
    """ajv in one node process, installed from tests/node/package-lock.json on first use."""
    if not node_available():
        pytest.skip("node is not on PATH: the ajv engines cannot run (CI has node)")
    install_node_packages()
    engines = NodeEngines()
    yield engines
    engines.close()


def pytest_terminal_summary(terminalreporter: TerminalReporter) -> None:
    if REPORT:
        terminalreporter.write_sep("=", "schema artefact parity")
        for line in REPORT:
            terminalreporter.write_line(line)
