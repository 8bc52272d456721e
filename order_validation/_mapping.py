"""Turn raw validator errors into the contract's issues.

Engines disagree on error shapes and wording, so nothing here reads an engine's message: each raw
error is reduced to (keyword, instance path, schema path, value), its code is looked up by where
the keyword lives in the schema (`_codes.code_for`), and the message is written from the schema
itself. The same function serves every engine, which is what keeps their issues identical.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from json.encoder import encode_basestring as _quote
from typing import Any, NamedTuple

from ._codes import DEFAULT_PRIORITY, PRIORITY, code_for
from ._contract import MARKET_CURRENCY, describe_services
from ._pointer import display_name, to_pointer
from ._result import Issue, Location, Severity, make_issue
from ._schema import Locator
from ._types import JSONPath, RawError

# Beyond this many unknown keys in one object, the rest are summed up in one issue.
MAX_UNKNOWN_PER_OBJECT = 20

_TYPE_WORDS = {
    "string": "a string",
    "number": "a number",
    "integer": "a whole number",
    "boolean": "true or false",
    "object": "an object",
    "array": "an array",
    "null": "null",
}


def json_type_words(value: Any) -> str:
    """How a value's JSON type reads in a sentence."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return f"a Python {type(value).__name__}"


def preview(value: Any, limit: int = 40) -> str:
    """A short, safe rendering of a scalar value for messages; containers by type only."""
    if isinstance(value, str):
        shown = _quote(value[: limit + 1])  # what json.dumps(..., ensure_ascii=False) writes
        return shown if len(value) <= limit else shown[: limit + 1] + '..."'
    if isinstance(value, bool) or value is None:
        return "null" if value is None else ("true" if value else "false")
    if isinstance(value, int | float):
        text = repr(value)
        return text if len(text) <= limit else text[:limit] + "..."
    return json_type_words(value)


def _join(values: Iterable[Any]) -> str:
    return ", ".join(str(v) for v in values)


def _number(value: Any) -> str:
    return repr(value) if not isinstance(value, float) or not value.is_integer() else str(value)


class _Draft(NamedTuple):
    """An issue before sorting and de-duplication (a tuple: made by the thousand, cheaply)."""

    path: JSONPath
    code: str
    message: str
    hint: str | None
    schema_path: str
    # Other places this issue speaks for (a misspelt field also covers the missing one), so
    # rules treat them as broken too.
    covers: tuple[JSONPath, ...] = ()


class Mapper:
    """Maps the raw errors of one document (order body or headers) onto issues."""

    def __init__(self, locator: Locator, location: Location) -> None:
        self._locator = locator
        self._location = location

    def map(self, raw_errors: Iterable[RawError], root: Any) -> list[_Draft]:
        drafts: list[_Draft] = []
        seen_required: set[tuple[JSONPath, JSONPath]] = set()
        for raw in raw_errors:
            _, holder, fragment, def_name, rest = self._locator.locate(raw.schema_path)
            value = holder.get(raw.keyword) if isinstance(holder, dict) else None
            code = code_for(def_name, rest, raw.keyword)
            if code == "type" and not raw.instance_path and self._location == "body":
                code = "not_an_object"
            if raw.keyword == "required":
                key = (raw.instance_path, raw.schema_path)
                if key in seen_required:
                    continue  # python-jsonschema yields one error per missing name: all done below
                seen_required.add(key)
                drafts.extend(self._missing(raw, value, code, fragment, def_name))
            elif raw.keyword == "additionalProperties":
                drafts.extend(self._unknown(raw, holder, fragment))
            else:
                message, hint = self._describe(code, raw, value, root)
                drafts.append(_Draft(raw.instance_path, code, message, hint, fragment))
        return _merge_misspellings(drafts)

    def _missing(
        self, raw: RawError, names: Any, code: str, fragment: str, def_name: str | None
    ) -> Iterable[_Draft]:
        if not isinstance(raw.instance, dict) or not isinstance(names, list):
            return
        for name in names:
            if name in raw.instance:
                continue
            path = (*raw.instance_path, name)
            field = display_name(path)
            if code == "required_for_service":
                message = f"{field} is required for {describe_services(def_name)}."
            elif code == "reason_text_required":
                message = f"{field} is required when reason_code is OTHER."
            else:
                message = f"{field} is required."
            yield _Draft(path, code, message, None, fragment)

    def _unknown(self, raw: RawError, holder: Any, fragment: str) -> Iterable[_Draft]:
        if not isinstance(raw.instance, dict):
            return
        known = list(holder.get("properties", {})) if isinstance(holder, dict) else []
        owner = display_name(raw.instance_path) if raw.instance_path else "the order"
        extras = sorted(
            (k for k in raw.instance if k not in known), key=lambda k: (str(type(k)), str(k))
        )
        if len(extras) > MAX_UNKNOWN_PER_OBJECT:
            # A flood of unknown keys is one problem, not thousands: name the first few.
            rest = len(extras) - MAX_UNKNOWN_PER_OBJECT
            yield _Draft(
                raw.instance_path,
                "unknown_field",
                f"{owner[:1].upper()}{owner[1:]} has {len(extras)} unknown fields; the first "
                f"{MAX_UNKNOWN_PER_OBJECT} are listed one by one, the other {rest} are not.",
                f"Known fields: {_join(known)}.",
                fragment,
            )
            extras = extras[:MAX_UNKNOWN_PER_OBJECT]
        for extra in extras:
            name = str(extra)
            guess = _closest(name, known)
            hint = f"Did you mean {guess}?" if guess else f"Known fields: {_join(known)}."
            yield _Draft(
                (*raw.instance_path, name),
                "unknown_field",
                f"{preview(name)} is not a field of {owner}.",
                hint,
                fragment,
            )

    def _describe(self, code: str, raw: RawError, kv: Any, root: Any) -> tuple[str, str | None]:
        field = display_name(raw.instance_path)
        value = raw.instance
        keyword = raw.keyword
        if code in ("type", "not_an_object"):
            expected = kv if isinstance(kv, list) else [kv]
            words = " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in expected)
            if not raw.instance_path:
                return (f"The order must be a JSON object, not {json_type_words(value)}.", None)
            return f"{field} must be {words}, not {json_type_words(value)}.", None
        if code == "enum":
            allowed = kv if keyword == "enum" else [kv]
            return (
                f"{field} must be one of {_join(allowed)}; {preview(value)} is not.",
                f"Allowed values: {_join(allowed)}.",
            )
        if code == "too_short":
            return f"{field} must not be empty.", None
        if code == "too_long":
            count = len(value) if isinstance(value, str) else 0
            return f"{field} must be at most {kv} characters long (it has {count}).", None
        if code == "too_few_items":
            noun = "entry" if kv == 1 else "entries"
            return f"{field} must have at least {kv} {noun}.", None
        if code == "too_many_items":
            count = len(value) if isinstance(value, list) else 0
            return f"{field} must have at most {kv} entries (it has {count}).", None
        if code == "not_unique":
            return f"{field} must not list the same value twice.", None
        if code == "out_of_range":
            bound = {
                "minimum": "at least",
                "maximum": "at most",
                "exclusiveMinimum": "greater than",
                "exclusiveMaximum": "less than",
            }[keyword]
            return f"{field} must be {bound} {_number(kv)}; {preview(value)} is not.", None
        if code == "too_few_properties":
            return f"{field} must ask for at least one verification step.", (
                "Add signature, pincode, identification, picture or barcodes, or leave the "
                "field out."
            )
        if code == "blank":
            return f"{field} must contain a character other than whitespace.", None
        return _FORMAT_MESSAGES.get(code, _generic)(field, value, root)


def _generic(field: str, value: Any, root: Any) -> tuple[str, str | None]:
    return f"{field} is not valid.", None


def _currency(field: str, value: Any, root: Any) -> tuple[str, str | None]:
    market = root.get("market") if isinstance(root, dict) else None
    expected = MARKET_CURRENCY.get(market) if isinstance(market, str) else None
    return (
        f"{field} {preview(value)} does not match market {market}, which is priced in {expected}.",
        f"Use {expected} for market {market}.",
    )


_MessageBuilder = Callable[[str, Any, Any], tuple[str, str | None]]

_FORMAT_MESSAGES: dict[str, _MessageBuilder] = {
    "datetime_format": lambda f, v, r: (
        f"{f} must be a UTC date and time such as 2024-02-23T08:31:00; {preview(v)} is not.",
        "Write YYYY-MM-DDTHH:MM:SS, optionally with a fraction of up to 6 digits and Z or +00:00.",
    ),
    "datetime_not_utc": lambda f, v, r: (
        f"{f} must be in UTC; {preview(v)} has another offset.",
        "Convert to UTC and end with Z, +00:00, or no offset.",
    ),
    "datetime_invalid": lambda f, v, r: (
        f"{f} is not a real date and time: {preview(v)}.",
        "Month 01-12, day within the month, hour 00-23, minute and second 00-59.",
    ),
    "language_code": lambda f, v, r: (
        f"{f} must be an ISO 639 language code such as en-us; {preview(v)} is not.",
        "Two or three letters, optionally a hyphen and a two-letter region: en, fil, en-us.",
    ),
    "phone_format": lambda f, v, r: (
        f"{f} must be a phone number in E.164 form; {preview(v)} is not.",
        "A plus sign, then 7 to 15 digits, the first not 0: +14155550100.",
    ),
    "email_format": lambda f, v, r: (
        f"{f} must be an email address; {preview(v)} is not.",
        "One @, no spaces, and a dot in the domain: ada@example.com.",
    ),
    "country_code": lambda f, v, r: (
        f"{f} must be an ISO 3166-1 alpha-2 country code; {preview(v)} is not.",
        "Two capital letters: US, GB, FR.",
    ),
    "url_format": lambda f, v, r: (
        f"{f} must be an absolute http or https URL; {preview(v)} is not.",
        "For example https://track.example.com/d/8f2a (no spaces).",
    ),
    "identifier_format": lambda f, v, r: (
        f"{f} must not start or end with whitespace or contain control characters.",
        None,
    ),
    "consumer_id_format": lambda f, v, r: (
        f"{f} may hold only letters, digits and hyphens; {preview(v)} does not.",
        "For example 2d6cf199-9b07-4350-bb2b9-0db3c2.",
    ),
    "integer_quantity": lambda f, v, r: (
        f"{f} must be a whole number when uom is EACH; {preview(v)} is not.",
        "Use a whole number, or a weight unit (LB, KG, OZ, G) for loose goods.",
    ),
    "currency_market_mismatch": _currency,
    "leave_at_door_conflict": lambda f, v, r: (
        f"{f} cannot be asked for on an order that may be left at the door.",
        "Remove it, or do not use deliverable_action_leave_at_door / undeliverable_action "
        "leave_at_door.",
    ),
    "photo_required": lambda f, v, r: (
        f"{f} cannot be false on an order that may be left at the door: a drop-off photo is "
        "required.",
        "Set picture to true or leave it out.",
    ),
}


def _closest(name: str, known: list[str]) -> str | None:
    folded = {k.casefold(): k for k in known}
    if name.casefold() in folded:
        return folded[name.casefold()]
    matches = difflib.get_close_matches(name[:200], known, n=1, cutoff=0.75)
    return matches[0] if matches else None


def _merge_misspellings(drafts: list[_Draft]) -> list[_Draft]:
    """One misspelt field is one defect: fold "unknown x" and "missing y" into one issue."""
    if len(drafts) < 2:
        return drafts
    missing = {
        d.path: d for d in drafts if d.code in ("required", "required_for_service") and d.path
    }
    if not missing:
        return drafts
    dropped: set[JSONPath] = set()
    merged: list[_Draft] = []
    for draft in drafts:
        if draft.code == "unknown_field" and draft.hint and draft.hint.startswith("Did you mean "):
            guess = draft.hint.removeprefix("Did you mean ").removesuffix("?")
            target = (*draft.path[:-1], guess)
            if target in missing and target not in dropped:
                dropped.add(target)
                merged.append(
                    _Draft(
                        draft.path,
                        draft.code,
                        f"{preview(str(draft.path[-1]))} is not a field, and "
                        f"{display_name(target)} is required and missing: rename "
                        f"{display_name(draft.path)} to {guess}.",
                        f"Did you mean {guess}?",
                        draft.schema_path,
                        covers=(target,),
                    )
                )
                continue
        merged.append(draft)
    return [d for d in merged if not (d.path in dropped and d.code != "unknown_field")]


def finish(
    drafts: list[_Draft],
    field_rank: Mapping[str, int],
    *,
    severity: str = "error",
    location: Location = "body",
) -> list[Issue]:
    """Keep the most basic issue per place, then sort into the contract's field order."""
    ordered: Iterable[_Draft]
    if len(drafts) < 2:
        ordered = drafts  # nothing to choose between or to sort: the usual single defect
    else:
        best: dict[JSONPath, _Draft] = {}
        for draft in drafts:
            current = best.get(draft.path)
            if current is None or _rank(draft) < _rank(current):
                best[draft.path] = draft
        ordered = sorted(best.values(), key=lambda d: (sort_key(d.path, field_rank), d.code))
    kind: Severity = "warning" if severity == "warning" else "error"
    return [
        make_issue(d.code, to_pointer(d.path), d.message, kind, d.hint, location, d.schema_path)
        for d in ordered
    ]


def _rank(draft: _Draft) -> tuple[int, str, int, str]:
    # Ties go to the most direct rule (the shortest schema location), then alphabetically, so
    # the choice never depends on the order an engine reports errors in.
    return (
        PRIORITY.get(draft.code, DEFAULT_PRIORITY),
        draft.code,
        len(draft.schema_path),
        draft.schema_path,
    )


def sort_key(path: JSONPath, field_rank: Mapping[str, int]) -> tuple[tuple[int, int, str], ...]:
    """Order places by the contract's field order and array index, not by the payload's key order.

    Sorting by the schema keeps results identical whatever order the keys arrive in.
    """
    unknown = len(field_rank)
    return tuple(
        [
            (0, segment, "")
            if isinstance(segment, int)
            else (1, field_rank.get(segment, unknown), segment)
            for segment in path
        ]
    )
