"""Which schema engine ``order_validation`` uses, and switching it for the pure-python rows.

The core's engine interface is still moving, so every probe here is defensive: a missing hook
means "not switchable" or "unknown", never a crash of the benchmark.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

# Where a switch may live, most specific first: (module, function). Each takes "python"/"rust".
_SWITCHES = (
    ("order_validation._schema", "use_engine"),
    ("order_validation._engine", "select"),
    ("order_validation", "use_engine"),
)
_ALIASES = {"python": ("python", "jsonschema"), "rust": ("rust", "jsonschema-rs", "jsonschema_rs")}


def _function(module_name: str, attribute: str) -> Callable[..., Any] | None:
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        return None
    found = getattr(module, attribute, None)
    return found if callable(found) else None


def switch_hook() -> str | None:
    """The dotted name of the engine switch the core offers, or None."""
    for module_name, attribute in _SWITCHES:
        if _function(module_name, attribute) is not None:
            return f"{module_name}.{attribute}"
    return None


def select(kind: str) -> bool:
    """Ask the core to use ``kind`` ("python" or "rust"); True when a switch accepted it."""
    for module_name, attribute in _SWITCHES:
        func = _function(module_name, attribute)
        if func is None:
            continue
        for alias in _ALIASES.get(kind, (kind,)):
            try:
                func(alias)
            except (ValueError, TypeError, KeyError, ImportError):
                continue
            return True
    return False


def _describe(value: Any) -> str | None:
    module = type(value).__module__ or ""
    if module.startswith("jsonschema_rs"):
        return "jsonschema-rs"
    if module.startswith("jsonschema"):
        return "python-jsonschema"
    return None


def current() -> str:
    """The engine ``validate()`` is using now (compiling the schema if need be), or "unknown"."""
    try:
        schema_module = importlib.import_module("order_validation._schema")
        compiled = schema_module.compiled()
    except Exception:  # noqa: BLE001 - a half-finished core must not stop the benchmark
        return "unknown"
    engine = getattr(compiled, "engine", None)
    name = getattr(engine, "name", None)
    if isinstance(name, str):
        return name
    for attribute in ("engine_name", "engine"):
        value = getattr(compiled, attribute, None)
        if isinstance(value, str):
            return value
    found = {
        described
        for attribute in dir(compiled)
        if not attribute.startswith("_")
        and (described := _describe(getattr(compiled, attribute, None))) is not None
    }
    if "jsonschema-rs" in found:
        return "jsonschema-rs"
    return found.pop() if found else "unknown"


def is_python(name: str) -> bool:
    return name in {"python-jsonschema", "python"}
