"""The error model: `Issue`, `ValidationResult` and `OrderValidationError`.

Everything a caller sees is a plain frozen value, so results can be cached, compared, logged and
sent across processes without surprises.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, Literal

Severity = Literal["error", "warning"]
Location = Literal["body", "header"]

PROBLEM_TYPE = "https://order-validation.example/problems/invalid-order"


@dataclass(frozen=True, slots=True)
class Issue:
    """One thing wrong with a request, at one place in it.

    ``code`` is stable and meant for machines; ``message`` is one plain-English sentence meant for
    people; ``pointer`` is an RFC 6901 JSON Pointer into the body (or the header name, for
    ``location == "header"``). For a missing field the pointer is where the field would be.
    ``schema_path`` says where the rule lives: a location in the schema such as
    ``#/$defs/identifier/pattern``, or ``rule:<code>`` for a rule the schema cannot express.
    """

    code: str
    pointer: str
    message: str
    severity: Severity = "error"
    hint: str | None = None
    location: Location = "body"
    schema_path: str = ""

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict with all seven keys, ``hint`` possibly ``None``."""
        return {
            "code": self.code,
            "pointer": self.pointer,
            "message": self.message,
            "severity": self.severity,
            "hint": self.hint,
            "location": self.location,
            "schema_path": self.schema_path,
        }

    def __str__(self) -> str:
        where = self.pointer or "(the whole body)"
        if self.location == "header":
            where = f"header {self.pointer.lstrip('/')}"
        text = f"{where}: {self.message} [{self.code}]"
        return f"{text} ({self.hint})" if self.hint else text


# A frozen dataclass's __init__ sets each field through object.__setattr__; the slot descriptors
# below do the same job in half the time, and an order with a dozen defects makes a dozen issues.
_ISSUE_FIELDS = ("code", "pointer", "message", "severity", "hint", "location", "schema_path")
if tuple(f.name for f in fields(Issue)) != _ISSUE_FIELDS:  # pragma: no cover - a guard for edits
    raise RuntimeError("Issue's fields changed: update make_issue to match")
(
    _set_code,
    _set_pointer,
    _set_message,
    _set_severity,
    _set_hint,
    _set_location,
    _set_schema_path,
) = (Issue.__dict__[name].__set__ for name in _ISSUE_FIELDS)
_new = object.__new__


def make_issue(  # noqa: PLR0917 - mirrors Issue's seven fields, in order
    code: str,
    pointer: str,
    message: str,
    severity: Severity,
    hint: str | None,
    location: Location,
    schema_path: str,
) -> Issue:
    """``Issue(code, pointer, ...)`` for the library's hot path: the same value, built faster."""
    issue: Issue = _new(Issue)
    _set_code(issue, code)
    _set_pointer(issue, pointer)
    _set_message(issue, message)
    _set_severity(issue, severity)
    _set_hint(issue, hint)
    _set_location(issue, location)
    _set_schema_path(issue, schema_path)
    return issue


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """The outcome of validating one request.

    ``valid`` means no errors; warnings never make a request invalid. ``errors`` and ``warnings``
    are in a deterministic order: by place in the order (fields in the contract's order, array
    entries by index), so the same request always gives the same result.
    """

    errors: tuple[Issue, ...] = ()
    warnings: tuple[Issue, ...] = ()

    @property
    def valid(self) -> bool:
        """True when there is no error (warnings allowed)."""
        return not self.errors

    def __bool__(self) -> bool:
        return self.valid

    @property
    def issues(self) -> tuple[Issue, ...]:
        """Errors first, then warnings."""
        return self.errors + self.warnings

    def raise_for_errors(self) -> ValidationResult:
        """Raise `OrderValidationError` if there is any error; return ``self`` otherwise."""
        if self.errors:
            raise OrderValidationError(self)
        return self

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary: ``{"valid", "errors", "warnings"}``."""
        return {
            "valid": self.valid,
            "errors": [issue.to_dict() for issue in self.errors],
            "warnings": [issue.to_dict() for issue in self.warnings],
        }

    def to_problem(self, *, instance: str | None = None) -> dict[str, Any]:
        """RFC 9457 problem details for a 400 response, the issues as extension members."""
        problem: dict[str, Any] = {
            "type": PROBLEM_TYPE,
            "title": "The order is not valid" if self.errors else "The order is valid",
            "status": 400 if self.errors else 200,
            "detail": _detail(self),
        }
        if instance is not None:
            problem["instance"] = instance
        problem["errors"] = [issue.to_dict() for issue in self.errors]
        problem["warnings"] = [issue.to_dict() for issue in self.warnings]
        return problem


def _detail(result: ValidationResult) -> str:
    if not result.errors:
        return f"No errors, {len(result.warnings)} warning(s)."
    first = result.errors[0]
    more = len(result.errors) - 1
    tail = f" (and {more} more error{'s' if more > 1 else ''})" if more else ""
    return f"{first.message}{tail}"


class OrderValidationError(ValueError):
    """Raised by `ValidationResult.raise_for_errors`; carries the whole result."""

    def __init__(self, result: ValidationResult) -> None:
        self.result = result
        super().__init__(str(self))

    @property
    def errors(self) -> tuple[Issue, ...]:
        return self.result.errors

    def __str__(self) -> str:
        lines = [f"the order has {len(self.result.errors)} error(s); fix these and resend it:"]
        lines += [f"  - {issue}" for issue in self.result.errors]
        return "\n".join(lines)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.result,))
