"""The entry points: `validate`, `validate_json` and `validate_headers`.

Each runs the same pipeline: make sure the input is plain JSON, let the schema engine collect its
errors, map them onto the contract's issues, run the Python rules over what the schema accepted,
and sort. None of them raises: an unexpected failure inside the library comes back as an
``internal_error`` issue, because a validator that throws on odd input is itself an attack surface.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from . import _plain
from ._inspect import inspect, plain_copy
from ._mapping import Mapper, _Draft, finish, json_type_words
from ._parse import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, parse
from ._result import Issue, ValidationResult
from ._rules import run_rules
from ._schema import CompiledSchema, compiled
from ._types import JSONPath

HEADER_NAME = "WM_CONSUMER.ID"
_HEADER_KEY = HEADER_NAME.lower()


def _internal_error(exc: BaseException) -> ValidationResult:
    return ValidationResult(
        errors=(
            Issue(
                code="internal_error",
                pointer="",
                message=(
                    f"order-validation failed unexpectedly ({type(exc).__name__}); this is a bug "
                    "in the library, not in the order."
                ),
                hint="Please report it with the payload that caused it.",
                schema_path="internal",
            ),
        )
    )


def _body_issues(
    payload: Any, schema: CompiledSchema, *, max_depth: int, text: bytes | None = None
) -> tuple[list[Issue], list[Issue]]:
    """Issues of an order body. ``text`` is orjson's rendering of ``payload``, when known.

    Most payloads are plain JSON, and orjson proves that in C (`_plain`), so only doubtful ones
    pay for the Python walk in `_inspect`. With jsonschema-rs, a payload it accepts goes
    straight to the rules: deciding first costs a fraction of listing errors.
    """
    if payload.__class__ is dict and _plain.AVAILABLE:
        if text is None:
            text = _plain.render(payload)
        if text is not None:
            verdict = schema.engine.verdict  # jsonschema-rs: deciding first costs a fraction
            if verdict is not None and max_depth >= schema.max_nesting:
                try:
                    valid = verdict(payload)
                except (ValueError, TypeError, OverflowError, RecursionError):
                    valid = False  # the engine could not even read it: list the errors
                # Accepted means no NaN (the engine reads it as null, which no field allows)
                # and no deeper than a valid order; the array fields must still be lists.
                if valid and _plain.lists_at(payload, schema.array_fields, schema.max_items) >= 0:
                    rule_errors, rule_warnings = run_rules(payload, schema, ())
                    if not rule_errors and not rule_warnings:
                        return [], []
                    return (
                        finish(rule_errors, schema.field_rank),
                        finish(rule_warnings, schema.field_rank, severity="warning"),
                    )
            count = _plain.containers(payload, text, schema.array_fields, schema.max_items)
            if count is not None and count <= max_depth:
                return _checked(payload, schema)
    problems, subclassed = inspect(payload, max_depth=max_depth, max_items=schema.max_items)
    if problems:
        return finish(problems, schema.field_rank), []
    if subclassed:
        # Enum members and other subclasses count as the JSON values they are, as json.dumps
        # writes them; the engines and rules then see only exact types.
        payload = plain_copy(payload)
    return _checked(payload, schema)


def _checked(payload: Any, schema: CompiledSchema) -> tuple[list[Issue], list[Issue]]:
    """Schema errors, then the rules, of a payload known to be plain JSON."""
    drafts = Mapper(schema.locator, "body").map(schema.engine.errors(payload), payload)
    broken = [d.path for d in drafts] + [p for d in drafts for p in d.covers]
    rule_errors, rule_warnings = run_rules(payload, schema, broken)
    errors = finish([*drafts, *rule_errors], schema.field_rank)
    warnings = finish(rule_warnings, schema.field_rank, severity="warning")
    return errors, warnings


def _header_issues(headers: Any, schema: CompiledSchema) -> list[Issue]:
    normalised, problems = _normalise_headers(headers)
    if problems:
        return finish(problems, schema.field_rank, location="header")
    drafts = Mapper(schema.headers_locator, "header").map(
        schema.headers_engine.errors(normalised), normalised
    )
    return finish(drafts, schema.field_rank, location="header")


def _normalise_headers(headers: Any) -> tuple[dict[str, Any], list[_Draft]]:
    """Find WM_CONSUMER.ID in any letter case; other headers are not this contract's business."""
    pairs: Iterable[Any]
    if isinstance(headers, Mapping):
        pairs = headers.items()
    elif isinstance(headers, list | tuple):
        pairs = headers
    else:
        return {}, [
            _Draft(
                (),
                "type",
                f"The headers must be a mapping of names to values (or a list of name-value "
                f"pairs), not {type(headers).__name__}.",
                None,
                "header:type",
            )
        ]
    found: list[Any] = []
    for pair in pairs:
        if not isinstance(pair, tuple | list) or len(pair) != 2:
            continue
        name, value = pair
        if isinstance(name, bytes):
            name = name.decode("latin-1")
        if isinstance(name, str) and name.lower() == _HEADER_KEY:
            found.append(value.decode("latin-1") if isinstance(value, bytes) else value)
    if not found:
        return {}, []
    if len(found) > 1 and not (all(isinstance(v, str) for v in found) and len(set(found)) == 1):
        path: JSONPath = (HEADER_NAME,)
        return {}, [
            _Draft(
                path,
                "duplicate_header",
                f"{HEADER_NAME} is given {len(found)} times with different values.",
                "Send it once; header names are compared without regard to case.",
                "header:duplicate_header",
            )
        ]
    value = found[0]
    if not isinstance(value, str):
        # Judged here, not by an engine: an arbitrary object may not even survive repr().
        return {}, [
            _Draft(
                (HEADER_NAME,),
                "type",
                f"{HEADER_NAME} must be a string, not {json_type_words(value)}.",
                None,
                "header:type",
            )
        ]
    return {HEADER_NAME: value}, []


_VALID = ValidationResult()  # frozen, so one instance serves every clean request


def _result(errors: list[Issue], warnings: list[Issue]) -> ValidationResult:
    if not errors and not warnings:
        return _VALID
    return ValidationResult(errors=tuple(errors), warnings=tuple(warnings))


def validate(payload: Any, *, headers: Any = None) -> ValidationResult:
    """Validate a parsed order body (and, when given, its request headers). Never raises.

    ``payload`` is what ``json.loads`` returns: dicts, lists, str, int, float, bool, None. Other
    Python values (tuples, ``Decimal``, ``datetime``...) are reported as ``not_json`` issues.
    ``headers`` is any mapping of header names to values, or a list of (name, value) pairs;
    ``None`` skips the header check.
    """
    try:
        schema = compiled()
        errors, warnings = _body_issues(payload, schema, max_depth=DEFAULT_MAX_DEPTH)
        if headers is not None:
            errors = _header_issues(headers, schema) + errors
        return _result(errors, warnings)
    except Exception as exc:  # noqa: BLE001 - the contract is "never raises"; see module doc
        return _internal_error(exc)


def validate_json(
    data: bytes | bytearray | memoryview | str,
    *,
    headers: Any = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> ValidationResult:
    """Parse a raw body strictly, then validate it like `validate`. Never raises.

    Size, depth, duplicate keys, NaN/Infinity, overflowing numbers, invalid UTF-8, byte-order
    marks and unpaired surrogates are reported as issues (see docs/errors.md), not exceptions.
    """
    try:
        schema = compiled()
        header_errors = _header_issues(headers, schema) if headers is not None else []
        value, problems, text = parse(data, max_bytes=max_bytes, max_depth=max_depth)
        if problems:
            return _result(header_errors + finish(problems, schema.field_rank), [])
        errors, warnings = _body_issues(value, schema, max_depth=max_depth, text=text)
        return _result(header_errors + errors, warnings)
    except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
        return _internal_error(exc)


def validate_headers(headers: Any) -> ValidationResult:
    """Validate request headers alone: WM_CONSUMER.ID present and well formed. Never raises."""
    try:
        return _result(_header_issues(headers, compiled()), [])
    except Exception as exc:  # noqa: BLE001 - the contract is "never raises"
        return _internal_error(exc)
