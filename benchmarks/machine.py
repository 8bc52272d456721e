"""What the numbers were measured on: CPU, cores, Python and the versions of every peer."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from .payloads import ROOT

_PACKAGES = ("order-validation", "jsonschema", "jsonschema-rs", "fastjsonschema", "orjson")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _revision() -> str:
    try:
        done = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return done.stdout.strip() or "unknown"


def load_average() -> float | None:
    """The 1-minute load average: other work on the machine skews every number."""
    try:
        return round(os.getloadavg()[0], 2)
    except (AttributeError, OSError):
        return None


def describe() -> dict[str, Any]:
    """A JSON-ready description of the machine and software versions."""
    return {
        "load_at_start": load_average(),
        "cpu": _cpu_model(),
        "cores": _cores(),
        "os": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "executable": sys.executable,
        "packages": {name: _version(name) for name in _PACKAGES},
        "revision": _revision(),
    }


def lines(info: dict[str, Any], engine: str, ajv: dict[str, Any]) -> list[str]:
    """The header printed above the table."""
    packages = ", ".join(f"{k} {v}" for k, v in info["packages"].items())
    node = f"node {ajv['node']}, ajv {ajv['ajv']}" if "ajv" in ajv else "ajv n/a"
    load = info["load_at_start"]
    busy = f", load average {load} at start" if load is not None else ""
    return [
        f"Machine: {info['cpu']}, {info['cores']} cores, {info['os']}{busy}",
        f"Python:  {info['python']}; {packages}; {node}",
        f"Engine:  order_validation default engine = {engine}; revision {info['revision']}",
    ]
