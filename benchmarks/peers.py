"""The rows of the table: every engine, parser and entry point, bound to the three payloads.

A row maps payload keys to zero-argument callables; a row that cannot run here (a library
missing, a schema it cannot compile) carries ``note`` instead and prints as n/a. The
order_validation rows are built by ``ours`` after the peers, so a broken core never hides them.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .payloads import Payload

Call = Callable[[], object]


def _bind(func: Callable[[Any], object], arg: Any) -> Call:
    """``func(arg)`` as a zero-argument call on a private deep copy of ``arg``.

    Each row gets its own copy so that a peer which writes into its input cannot change what
    the next row validates (fastjsonschema fills in schema defaults unless told not to).
    """
    mine = copy.deepcopy(arg)
    return lambda: func(mine)


def _listed(iter_errors: Callable[[Any], Any], value: Any) -> Call:
    """Collect every error, as a caller that reports them all must (on a private copy)."""
    mine = copy.deepcopy(value)
    return lambda: list(iter_errors(mine))


def _parse_then(
    validate: Callable[[Any], object], loads: Callable[[bytes], Any], raw: bytes
) -> Call:
    return lambda: validate(loads(raw))


@dataclass(slots=True)
class Row:
    key: str
    label: str
    cases: dict[str, Call] = field(default_factory=dict)
    note: str = ""
    max_samples: int = 100_000
    # Called around each visit of the row's cases (the pure-python row switches engines).
    before: Callable[[], object] | None = None
    after: Callable[[], object] | None = None
    # Set by the runner: payload key -> Timing.as_dict(), or missing for n/a.
    results: dict[str, dict[str, float | int]] = field(default_factory=dict)


def _parsers(items: tuple[Payload, ...]) -> list[Row]:
    rows = []
    try:
        import orjson  # noqa: PLC0415 - optional

        loads = orjson.loads
        rows.append(
            Row(
                "parse.orjson",
                "orjson.loads(bytes) - parse floor",
                {p.key: _bind(loads, p.raw) for p in items},
            )
        )
    except ImportError:
        rows.append(Row("parse.orjson", "orjson.loads(bytes) - parse floor", note="not installed"))
    rows.append(
        Row(
            "parse.json",
            "json.loads(bytes)",
            {p.key: _bind(json.loads, p.raw) for p in items},
        )
    )
    return rows


def _python_jsonschema(schema: dict[str, Any], items: tuple[Payload, ...]) -> list[Row]:
    import jsonschema  # noqa: PLC0415 - keeps import cost out of module import

    def naive(value: Any) -> bool:
        try:
            jsonschema.validate(value, schema)
        except jsonschema.ValidationError:
            return False
        return True

    prebuilt = jsonschema.Draft202012Validator(schema)
    is_valid, iter_errors = prebuilt.is_valid, prebuilt.iter_errors
    return [
        Row(
            "jsonschema.validate",
            "jsonschema.validate() naive (re-checks, recompiles)",
            {p.key: _bind(naive, p.value) for p in items},
            max_samples=12,
        ),
        Row(
            "jsonschema.is_valid",
            "python-jsonschema prebuilt is_valid",
            {p.key: _bind(is_valid, p.value) for p in items},
        ),
        Row(
            "jsonschema.iter_errors",
            "python-jsonschema prebuilt list(iter_errors)",
            {p.key: _listed(iter_errors, p.value) for p in items},
        ),
    ]


def _fastjsonschema(schema: dict[str, Any], items: tuple[Payload, ...]) -> Row:
    label = "fastjsonschema compile(s) (first error)"
    try:
        import fastjsonschema  # noqa: PLC0415 - optional
    except ImportError:
        return Row("fastjsonschema", label, note="not installed")
    try:
        # use_default=False: by default the compiled function writes schema defaults (uom,
        # deliverable_action) into the payload it checks, which changes it for later rows.
        check = fastjsonschema.compile(copy.deepcopy(schema), use_default=False)
    except Exception as exc:  # noqa: BLE001 - any compile failure is the finding to report
        return Row("fastjsonschema", label, note=f"does not compile: {type(exc).__name__}: {exc}")
    invalid = fastjsonschema.JsonSchemaValueException

    def verdict(value: Any) -> bool:
        try:
            check(value)
        except invalid:
            return False
        return True

    note = fastjsonschema_caveat(verdict, items)
    return Row("fastjsonschema", label, {p.key: _bind(verdict, p.value) for p in items}, note=note)


def fastjsonschema_caveat(verdict: Callable[[Any], bool], items: tuple[Payload, ...]) -> str:
    """Why fastjsonschema's number is not a like-for-like peer (it has no 2020-12 support)."""
    valid = next(p for p in items if p.key == "valid").value
    too_long = copy.deepcopy(valid)
    too_long["customer_contact_info"]["first_name"] = "A" * 101
    wrong_type = copy.deepcopy(valid)
    wrong_type["customer_contact_info"]["last_name"] = 5
    missed = [
        name
        for name, value in (("101-char first_name", too_long), ("numeric last_name", wrong_type))
        if verdict(value)
    ]
    if not missed:
        return "compiled with its newest (2019-09) generator; no 2020-12 support"
    return (
        "compiles, but it has no 2020-12 generator (the $schema falls through to its 2019-09 "
        "one) and lets $ref override sibling keywords, so the text20..text500 limits are "
        f"skipped: it accepts {' and '.join(missed)}; not a correct peer"
    )


def _jsonschema_rs(schema: dict[str, Any], items: tuple[Payload, ...]) -> list[Row]:
    try:
        import jsonschema_rs  # noqa: PLC0415 - optional
    except ImportError:
        return [
            Row("jsonschema_rs.is_valid", "jsonschema-rs is_valid", note="not installed"),
            Row(
                "jsonschema_rs.iter_errors", "jsonschema-rs list(iter_errors)", note="not installed"
            ),
        ]
    validator = jsonschema_rs.validator_for(schema)
    is_valid, iter_errors = validator.is_valid, validator.iter_errors
    return [
        Row(
            "jsonschema_rs.is_valid",
            "jsonschema-rs validator_for(s).is_valid",
            {p.key: _bind(is_valid, p.value) for p in items},
        ),
        Row(
            "jsonschema_rs.iter_errors",
            "jsonschema-rs list(iter_errors)",
            {p.key: _listed(iter_errors, p.value) for p in items},
        ),
    ]


def peers(schema: dict[str, Any], items: tuple[Payload, ...]) -> list[Row]:
    """Every in-process peer, in table order (ajv is added by the runner from its own process)."""
    return [
        *_parsers(items),
        *_python_jsonschema(schema, items),
        _fastjsonschema(schema, items),
        *_jsonschema_rs(schema, items),
    ]


def ours(items: tuple[Payload, ...], engine_label: str) -> list[Row]:
    """order_validation's entry points on the default engine."""
    try:
        from order_validation import validate, validate_json  # noqa: PLC0415
    except Exception as exc:  # noqa: BLE001 - report a broken core as n/a rows
        note = f"import failed: {type(exc).__name__}: {exc}"
        return [
            Row("ours.validate", "ours validate(payload)", note=note),
            Row("ours.validate_json", "ours validate_json(bytes)", note=note),
            Row("ours.parse_then_validate", "ours validate(orjson.loads(bytes))", note=note),
        ]
    try:
        import orjson  # noqa: PLC0415 - optional

        loads: Callable[[bytes], Any] = orjson.loads
        parser = "orjson"
    except ImportError:
        loads, parser = json.loads, "json"
    return [
        Row(
            "ours.validate",
            f"ours validate(payload) [{engine_label}]",
            {p.key: _bind(validate, p.value) for p in items},
        ),
        Row(
            "ours.validate_json",
            "ours validate_json(bytes)",
            {p.key: _bind(validate_json, p.raw) for p in items},
        ),
        Row(
            "ours.parse_then_validate",
            f"ours validate({parser}.loads(bytes)) - 1.5x baseline",
            {p.key: _parse_then(validate, loads, p.raw) for p in items},
        ),
    ]


def ours_python(items: tuple[Payload, ...], label: str, note: str = "") -> Row:
    """validate() on the pure-python engine (the runner switches the engine first)."""
    from order_validation import validate  # noqa: PLC0415

    return Row(
        "ours.validate.python",
        label,
        {p.key: _bind(validate, p.value) for p in items},
        note=note,
    )


def ours_without_rules(items: tuple[Payload, ...]) -> Row:
    """Diagnostic: validate() with the contract's Python rules switched off around each visit.

    Not a way to use the library (the rules are part of the contract): it splits validate()'s
    time into the schema pipeline (engine, plain-JSON proof, error mapping) and the rules.
    """
    label = "diagnostic: ours validate(payload) with the rules off"
    try:
        from order_validation import _validate, validate  # noqa: PLC0415
    except Exception as exc:  # noqa: BLE001 - report a broken core as an n/a row
        return Row("ours.validate.no_rules", label, note=f"import failed: {exc}")
    real = getattr(_validate, "run_rules", None)
    if real is None:
        return Row("ours.validate.no_rules", label, note="the core has no run_rules to switch")

    def off() -> None:
        setattr(_validate, "run_rules", lambda payload, schema, paths: ([], []))  # noqa: B010

    def on() -> None:
        setattr(_validate, "run_rules", real)  # noqa: B010

    return Row(
        "ours.validate.no_rules",
        label,
        {p.key: _bind(validate, p.value) for p in items},
        before=off,
        after=on,
    )
