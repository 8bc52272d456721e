"""The defect catalogue: one entry per constraint of the contract, each a single mutation.

A :class:`Defect` is data (the issue it must cause, the constraint it covers, which base
orders suit it) plus a small mutation from ``_mutations.py``. Applied to a valid order
from the recipe, the mutation changes exactly one thing, so ``validate()`` must report
exactly one issue: the defect's code, at the pointer the mutation returns, with its
severity (warnings: no errors and that one warning).

``covers`` names the constraint the defect breaks as
``"<field location> <schema path of the keyword>"``, for example
``"/items/*/item_id #/$defs/identifier/maxLength"``, or ``"<field location> rule:<code>"``
for a rule beyond the schema. Shared ``$defs`` are covered at every field that uses them;
a constraint may have several defects (different ways to break it).
``tests/test_defect_coverage.py`` walks the schema file independently and fails when a
constraint has no defect, so the schema and this table cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from order_validation import _mutations as m
from order_validation import _recipe as recipe
from order_validation import _vocabulary as vocab

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from order_validation._draw import Draw
    from order_validation._mutations import MakeValue, Mutation

_NON_W = ("P", "D", "PD")
_DELIVERY = recipe.DELIVERY_SERVICES


@dataclass(frozen=True, slots=True)
class ExpectedIssue:
    """The one issue a defective payload must produce."""

    code: str
    pointer: str
    severity: str = "error"

    def to_dict(self) -> dict[str, str]:
        """The three fields as a JSON-ready dict (the bulk generator's ``expected``)."""
        return {"code": self.code, "pointer": self.pointer, "severity": self.severity}


@dataclass(frozen=True, slots=True)
class Defect:
    """One way to break a valid order, and the issue that must follow.

    ``mutate`` changes the order in place (or returns a replacement payload) and returns
    ``(payload, pointer)`` with a concrete pointer (``/items/2/quantity``). ``services``,
    ``statuses`` and ``markets`` restrict the base orders it is applied to.
    """

    name: str
    code: str
    covers: str
    mutate: Mutation = field(repr=False)
    severity: str = "error"
    services: tuple[str, ...] = recipe.SERVICES
    statuses: tuple[str, ...] = recipe.STATUSES
    markets: tuple[str, ...] = recipe.MARKETS

    def apply(
        self, d: Draw, *, service: str | None = None, market: str | None = None
    ) -> tuple[Any, ExpectedIssue]:
        """Build a suitable valid order and break it; return the payload and its issue.

        ``service`` and ``market`` fix the base order's (they must be among the defect's).
        """
        order = recipe.build_order(
            d,
            service=service or d.choice(self.services),
            status=d.choice(self.statuses),
            market=market or d.choice(self.markets),
        )
        payload, pointer = self.mutate(order, d)
        return payload, ExpectedIssue(self.code, pointer, self.severity)

    def suits(self, *, service: str | None = None, market: str | None = None) -> bool:
        """Whether the defect can be applied to orders of this service and market."""
        return (service is None or service in self.services) and (
            market is None or market in self.markets
        )


def _defect(
    tag: str,
    code: str,
    location: str,
    keyword: str,
    mutate: Mutation,
    *,
    severity: str = "error",
    services: tuple[str, ...] | None = None,
    statuses: tuple[str, ...] | None = None,
    markets: tuple[str, ...] = recipe.MARKETS,
) -> Defect:
    """A defect at ``location`` breaking ``keyword``; base orders are those where the field
    is at home."""
    top = location.split("/")[1] if location else ""
    if services is None:
        # W-only fields elsewhere draw white_label_only; a broken order_service must not
        # strand W-only fields either.
        services = (
            ("W",)
            if top in recipe.WHITE_LABEL_FIELDS
            else _NON_W
            if top == "order_service"
            else recipe.SERVICES
        )
    if statuses is None:
        # cancel_details on a NEW order draws cancel_details_on_new.
        statuses = ("CANCELLED",) if top == "cancel_details" else recipe.STATUSES
    return Defect(
        name=f"{location or '/'} {tag}",
        code=code,
        covers=f"{location} {keyword}",
        mutate=mutate,
        severity=severity,
        services=services,
        statuses=statuses,
        markets=markets,
    )


# --- defects per kind of field --------------------------------------------------------


def _typed(location: str, base: str, kind: str) -> Defect:
    return _defect(
        "type", "type", location, f"{base}/type", m.set_value(location, m.wrong_type(kind))
    )


def _set(tag: str, code: str, location: str, keyword: str, make: MakeValue) -> Defect:
    return _defect(tag, code, location, keyword, m.set_value(location, make))


def _identifier(location: str) -> list[Defect]:
    base = "#/$defs/identifier"
    return [
        _typed(location, base, "string"),
        _set("too_short", "too_short", location, f"{base}/minLength", m.one_of("")),
        _set("too_long", "too_long", location, f"{base}/maxLength", m.long_text("", m.LETTERS, 65)),
        _set("format", "identifier_format", location, f"{base}/pattern", m.bad_identifier),
        _set(
            "newline",
            "identifier_format",
            location,
            f"{base}/not",
            m.newline(lambda d, _: m.short_id(d)),
        ),
    ]


def _text(location: str, size: int) -> list[Defect]:
    base = f"#/$defs/text{size}"
    return [
        _typed(location, base, "string"),
        _set("too_short", "too_short", location, f"{base}/minLength", m.one_of("")),
        _set(
            "too_long",
            "too_long",
            location,
            f"{base}/maxLength",
            m.long_text("", m.LETTERS + " ", size + 1),
        ),
        _set("blank", "blank", location, "#/$defs/nonBlank/then/pattern", m.one_of(*m.BLANKS)),
    ]


def _datetime(location: str) -> list[Defect]:
    base = "#/$defs/utcDateTime"
    return [
        _typed(location, base, "string"),
        # The shape caps a time at 39 characters; the core reports a longer value by its shape.
        _set(
            "too_long",
            "datetime_format",
            location,
            f"{base}/maxLength",
            m.long_text("2024-02-23T08:31:00.", m.DIGITS, 65),
        ),
        _set("shape", "datetime_format", location, f"{base}/pattern", m.bad_datetime_shape),
        _set(
            "newline",
            "datetime_format",
            location,
            f"{base}/not",
            m.newline(lambda d, _: m.utc_time(d)),
        ),
        _set("not_utc", "datetime_not_utc", location, f"{base}/then/pattern", m.non_utc),
        _set(
            "ranges",
            "datetime_invalid",
            location,
            f"{base}/then/then/pattern",
            m.out_of_range_datetime,
        ),
        _set("calendar", "datetime_invalid", location, "rule:datetime_invalid", m.impossible_date),
    ]


def _money(location: str) -> list[Defect]:
    base = "#/$defs/money"
    return [
        _typed(location, base, "number"),
        _set("negative", "out_of_range", location, f"{base}/minimum", m.one_of(-0.01, -1, -25.5)),
        _defect(
            "precision", "money_precision", location, "rule:money_precision", m.precision(location)
        ),
    ]


def _patterned(
    location: str,
    base: str,
    code: str,
    *,
    bad: MakeValue,
    good: MakeValue,
    long: MakeValue,
    shape_caps_length: bool = False,
) -> list[Defect]:
    """A string with a pattern. Where the pattern itself caps the length (country, phone,
    language), maxLength is only a gateway guard and an over-long value is reported as the
    wrong shape it also is (the core's ``PRIORITY``), so that defect expects ``code``."""
    return [
        _typed(location, base, "string"),
        _set(
            "too_long",
            code if shape_caps_length else "too_long",
            location,
            f"{base}/maxLength",
            long,
        ),
        _set("format", code, location, f"{base}/pattern", bad),
        _set("newline", code, location, f"{base}/not", m.newline(good)),
    ]


def _enum(location: str, base: str, *bad: Any) -> list[Defect]:
    return [
        _typed(location, base, "string"),
        _set("enum", "enum", location, f"{base}/enum", m.one_of(*bad)),
    ]


def _object(location: str, base: str, required: Iterable[str] = ()) -> list[Defect]:
    defects = [
        _defect(
            "unknown_field",
            "unknown_field",
            location,
            f"{base}/additionalProperties",
            m.add_unknown(location),
        )
    ]
    if location:
        defects.append(_typed(location, base, "object"))
    for name in required:
        child = f"{location}/{name}"
        defects.append(
            _defect("required", "required", child, f"{base}/required/{name}", m.remove(child))
        )
    return defects


def _array(location: str, base: str, *, min_items: bool = True) -> list[Defect]:
    defects = [
        _typed(location, base, "array"),
        _defect(
            "too_many_items", "too_many_items", location, f"{base}/maxItems", m.overfill(location)
        ),
    ]
    if min_items:
        defects.append(
            _set("too_few_items", "too_few_items", location, f"{base}/minItems", m.one_of([]))
        )
    return defects


def _number(
    location: str, base: str, kind: str = "number", **bounds: tuple[Any, ...]
) -> list[Defect]:
    """Type plus one out_of_range defect per bound keyword (exclusiveMinimum=(values...))."""
    defects = [_typed(location, base, kind)]
    for keyword, values in bounds.items():
        defects.append(
            _set(
                f"out_of_range_{keyword}",
                "out_of_range",
                location,
                f"{base}/{keyword}",
                m.one_of(*values),
            )
        )
    return defects


def _required_for_service(name: str, block: str, services: tuple[str, ...]) -> Defect:
    return _defect(
        "required_for_service",
        "required_for_service",
        f"/{name}",
        f"#/$defs/{block}/then/required/{name}",
        m.remove(f"/{name}"),
        services=services,
    )


# --- the catalogue, section by section ------------------------------------------------

_IDENTIFIERS = (
    "/external_order_id",
    "/store_id",
    "/carrier",
    "/delivery_id",
    "/quote_id",
    "/customer_id",
    "/items/*/item_id",
)
_TEXTS = (
    ("/customer_contact_info/first_name", 100),
    ("/customer_contact_info/last_name", 100),
    ("/items/*/name", 200),
    ("/delivery_instructions/*/text", 500),
    ("/cancel_details/reason_text", 500),
    ("/delivery_details/address_line1", 200),
    ("/delivery_details/address_line2", 200),
    ("/delivery_details/city", 100),
    ("/delivery_details/state_or_region", 100),
    ("/delivery_details/postal_code", 20),
    ("/delivery_verification/barcodes/*/value", 100),
)
_DATETIMES = (
    "/pickup_ready_time",
    "/start_delivery_slot_time",
    "/end_delivery_slot_time",
    "/estimated_due_time",
    "/cancel_details/cancelled_at",
)
_PRICES = ("subtotal", "tax", "total", "bag_fee", "delivery_fee", "tip", "discount")
_MONEY = (*(f"/order_price_info/{name}" for name in _PRICES), "/items/*/unit_price")
_TOP_REQUIRED = (
    "external_order_id",
    "store_id",
    "order_source",
    "order_status",
    "customer_contact_info",
    "order_price_info",
    "items",
    "market",
    "language_isocode",
    "order_service",
)
_DELIVERY_REQUIRED = (
    "pickup_ready_time",
    "start_delivery_slot_time",
    "end_delivery_slot_time",
    "order_summary",
    "delivery_details",
)
_CONTACT = "#/$defs/customerContactInfo/properties"
_ITEM = "#/$defs/item"
_SUMMARY = "#/$defs/orderSummary/properties"
_CANCEL = "#/$defs/cancelDetails/properties"
_DETAILS = "#/$defs/deliveryDetails/properties"
_CHECKS = "#/$defs/deliveryVerification/properties"
_LEAVE = "#/$defs/leaveAtDoor/then/properties/delivery_verification/properties"


def _shared_types() -> list[Defect]:
    """Every field built on a shared $def, at each of its locations."""
    defects: list[Defect] = []
    for location in _IDENTIFIERS:
        defects += _identifier(location)
    for location, size in _TEXTS:
        defects += _text(location, size)
    for location in _DATETIMES:
        defects += _datetime(location)
    for location in _MONEY:
        defects += _money(location)
    return defects


def _top_level() -> list[Defect]:
    defects = [_defect("not_an_object", "not_an_object", "", "#/type", m.not_an_object)]
    defects += _object("", "#", _TOP_REQUIRED)
    defects += [
        _required_for_service(name, "deliveryService", _DELIVERY) for name in _DELIVERY_REQUIRED
    ]
    defects.append(
        _required_for_service("estimated_due_time", "pickingService", recipe.PICKING_SERVICES)
    )
    defects += [
        _required_for_service(name, "whiteLabelService", ("W",))
        for name in ("quote_id", "customer_id")
    ]
    defects += _enum("/order_source", "#/properties/order_source", "online", "Store", "")
    defects += _enum("/order_status", "#/properties/order_status", "new", "PENDING", "CANCELED")
    defects += _enum("/market", "#/properties/market", "GB", "us", "CA")
    defects += _enum("/order_service", "#/properties/order_service", "pd", "DP", "X", "")
    defects += _enum(
        "/deliverable_action", "#/properties/deliverable_action", "leave_at_door", "meet_at_door"
    )
    defects += _enum(
        "/undeliverable_action",
        "#/properties/undeliverable_action",
        "deliverable_action_leave_at_door",
        "RETURN",
    )
    defects += _patterned(
        "/language_isocode",
        "#/properties/language_isocode",
        "language_code",
        bad=m.one_of("english", "e", "en_us", "en-usa", "", "en-", "e1"),
        good=m.one_of("en-us", "fil", "EN-gb"),
        long=m.long_text("en-", m.LETTERS, 17),
        shape_caps_length=True,
    )
    defects += _patterned(
        "/tracking_url",
        "#/properties/tracking_url",
        "url_format",
        bad=m.one_of(
            "ftp://example.com/x",
            "track.example.com/d/1",
            "https://",
            "https://exa mple.com/a",
            "https:///path",
            "mailto:ops@example.com",
            "https//example.com",
        ),
        good=lambda d, _: m.url(d),
        long=m.long_text("https://track.example.com/d/", "0123456789abcdef", 2049),
    )
    defects += _array("/items", "#/properties/items")
    defects += _array("/delivery_instructions", "#/properties/delivery_instructions")
    return defects


def _contact_and_prices() -> list[Defect]:
    defects = _object(
        "/customer_contact_info",
        "#/$defs/customerContactInfo",
        ("first_name", "last_name", "phone_number"),
    )
    defects += _patterned(
        "/customer_contact_info/phone_number",
        f"{_CONTACT}/phone_number",
        "phone_format",
        bad=m.bad_phone,
        good=lambda d, _: m.phone(d),
        long=m.long_text("+1", m.DIGITS, 33),
        shape_caps_length=True,
    )
    defects += _patterned(
        "/customer_contact_info/email",
        f"{_CONTACT}/email",
        "email_format",
        bad=m.bad_email,
        good=lambda d, _: m.email(d),
        long=m.long_text("", m.LETTERS, 255, "@example.com"),
    )
    defects += _object(
        "/order_price_info", "#/$defs/orderPriceInfo", ("currency", "subtotal", "tax", "total")
    )
    defects += _enum(
        "/order_price_info/currency",
        "#/$defs/orderPriceInfo/properties/currency",
        "usd",
        "JPY",
        "€",
    )
    for index, market in enumerate(recipe.MARKETS):
        defects.append(
            _defect(
                f"currency_market_mismatch_{market}",
                "currency_market_mismatch",
                "/order_price_info/currency",
                f"#/$defs/currencyMatchesMarket/allOf/{index}/then/properties/order_price_info/properties/currency/not",
                m.wrong_currency(market),
                markets=(market,),
            )
        )
    return defects


def _items_and_instructions() -> list[Defect]:
    quantity = f"{_ITEM}/properties/quantity"
    defects = _object("/items/*", _ITEM, ("item_id", "quantity"))
    defects.append(
        _defect(
            "type_when_counted_each",
            "type",
            "/items/*/quantity",
            f"{quantity}/type",
            m.quantity_of_wrong_type,
        )
    )
    defects += _number(
        "/items/*/quantity",
        quantity,
        exclusiveMinimum=(0, -1, -0.5),
        maximum=(10000, 12000, 99999.5),
    )
    defects.append(
        _defect(
            "integer_quantity",
            "integer_quantity",
            "/items/*/quantity",
            f"{_ITEM}/then/properties/quantity/multipleOf",
            m.integer_quantity,
        )
    )
    defects += _enum("/items/*/uom", f"{_ITEM}/properties/uom", "each", "BOX", "L")
    defects.append(
        _typed(
            "/items/*/substitution_allowed", f"{_ITEM}/properties/substitution_allowed", "boolean"
        )
    )
    defects += _object("/delivery_instructions/*", "#/$defs/deliveryInstruction", ("type", "text"))
    defects += _enum(
        "/delivery_instructions/*/type",
        "#/$defs/deliveryInstruction/properties/type",
        "dropoff",
        "NOTE",
    )
    return defects


def _summary_and_cancel() -> list[Defect]:
    needs = "/order_summary/special_handling"
    defects = _object("/order_summary", "#/$defs/orderSummary", ("total_weight", "weight_unit"))
    defects += _number(
        "/order_summary/total_weight", f"{_SUMMARY}/total_weight", exclusiveMinimum=(0, -2.5)
    )
    defects += _enum("/order_summary/weight_unit", f"{_SUMMARY}/weight_unit", "kg", "G", "TONNE")
    defects += _number(
        "/order_summary/item_count", f"{_SUMMARY}/item_count", "integer", minimum=(0, -1)
    )
    defects += _array(needs, f"{_SUMMARY}/special_handling", min_items=False)
    defects.append(
        _set(
            "not_unique",
            "not_unique",
            needs,
            f"{_SUMMARY}/special_handling/uniqueItems",
            m.repeated_need,
        )
    )
    defects += _enum(f"{needs}/*", f"{_SUMMARY}/special_handling/items", "frozen", "DRY")
    defects += _object("/cancel_details", "#/$defs/cancelDetails", ("reason_code",))
    defects += _enum(
        "/cancel_details/reason_code", f"{_CANCEL}/reason_code", "other", "CHANGED_MIND"
    )
    defects += _enum("/cancel_details/cancelled_by", f"{_CANCEL}/cancelled_by", "customer", "ROBOT")
    defects.append(
        _defect(
            "reason_text_required",
            "reason_text_required",
            "/cancel_details/reason_text",
            "#/$defs/cancelDetails/then/required/reason_text",
            m.reason_text_missing,
        )
    )
    return defects


def _delivery_details() -> list[Defect]:
    defects = _object(
        "/delivery_details",
        "#/$defs/deliveryDetails",
        ("address_line1", "city", "postal_code", "country", "latitude", "longitude"),
    )
    defects += _patterned(
        "/delivery_details/country",
        f"{_DETAILS}/country",
        "country_code",
        bad=m.one_of("us", "USA", "U1", "", "Us", "U"),
        good=lambda d, _: d.choice(vocab.US_PLACES).country,
        long=m.long_text("", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", 9),
        shape_caps_length=True,
    )
    defects += _number(
        "/delivery_details/latitude",
        f"{_DETAILS}/latitude",
        minimum=(-90.5, -180),
        maximum=(90.0001, 91),
    )
    defects += _number(
        "/delivery_details/longitude",
        f"{_DETAILS}/longitude",
        minimum=(-180.5, -360),
        maximum=(180.0001, 181),
    )
    return defects


def _verification() -> list[Defect]:
    checks = "/delivery_verification"
    defects = _object(checks, "#/$defs/deliveryVerification")
    defects.append(
        _defect(
            "type_when_left_at_door",
            "type",
            checks,
            "#/$defs/deliveryVerification/type",
            m.verification_of_wrong_type_left_at_door,
        )
    )
    defects.append(
        _set(
            "too_few_properties",
            "too_few_properties",
            checks,
            "#/$defs/deliveryVerification/minProperties",
            m.one_of({}),
        )
    )
    defects += _object(f"{checks}/signature", f"{_CHECKS}/signature", ("enabled",))
    for name in ("enabled", "collect_signer_name", "collect_signer_relationship"):
        defects.append(
            _typed(
                f"{checks}/signature/{name}", f"{_CHECKS}/signature/properties/{name}", "boolean"
            )
        )
    defects += _object(f"{checks}/pincode", "#/$defs/enabledFlag", ("enabled",))
    defects.append(
        _typed(f"{checks}/pincode/enabled", "#/$defs/enabledFlag/properties/enabled", "boolean")
    )
    defects += _object(f"{checks}/identification", f"{_CHECKS}/identification", ("min_age",))
    defects += _number(
        f"{checks}/identification/min_age",
        f"{_CHECKS}/identification/properties/min_age",
        "integer",
        minimum=(17, 0),
        maximum=(26, 99),
    )
    defects.append(_typed(f"{checks}/picture", f"{_CHECKS}/picture", "boolean"))
    defects += _array(f"{checks}/barcodes", f"{_CHECKS}/barcodes")
    defects += _object(f"{checks}/barcodes/*", f"{_CHECKS}/barcodes/items", ("value", "type"))
    defects += _enum(
        f"{checks}/barcodes/*/type", f"{_CHECKS}/barcodes/items/properties/type", "ean13", "ISBN"
    )
    for entry in ("signature", "pincode", "identification"):
        defects.append(
            _defect(
                "leave_at_door_conflict",
                "leave_at_door_conflict",
                f"{checks}/{entry}",
                f"{_LEAVE}/{entry}/not",
                m.leave_conflict(entry),
            )
        )
    defects.append(
        _defect(
            "photo_required",
            "photo_required",
            f"{checks}/picture",
            f"{_LEAVE}/picture/not",
            m.leave_conflict("picture"),
        )
    )
    return defects


def _rules() -> list[Defect]:
    """Rules beyond the schema that are not tied to one kind of field."""
    defects = [
        _defect(
            "slot_window_order",
            "slot_window_order",
            "/end_delivery_slot_time",
            "rule:slot_window_order",
            m.slot_reversed,
            services=_DELIVERY,
        ),
        _defect(
            "pickup_after_slot",
            "pickup_after_slot",
            "/pickup_ready_time",
            "rule:pickup_after_slot",
            m.pickup_late,
            services=_DELIVERY,
        ),
        _defect(
            "price_total_mismatch",
            "price_total_mismatch",
            "/order_price_info/total",
            "rule:price_total_mismatch",
            m.total_mismatch,
        ),
        _defect(
            "subtotal_mismatch",
            "subtotal_mismatch",
            "/order_price_info/subtotal",
            "rule:subtotal_mismatch",
            m.subtotal_mismatch,
            severity="warning",
        ),
        _defect(
            "duplicate_item",
            "duplicate_item",
            "/items/*/item_id",
            "rule:duplicate_item",
            m.duplicate_item,
            severity="warning",
        ),
        _defect(
            "cancel_details_on_new",
            "cancel_details_on_new",
            "/cancel_details",
            "rule:cancel_details_on_new",
            m.cancel_on_new,
            severity="warning",
            statuses=("NEW",),
        ),
        _defect(
            "country_market_mismatch",
            "country_market_mismatch",
            "/delivery_details/country",
            "rule:country_market_mismatch",
            m.foreign_country,
            severity="warning",
        ),
    ]
    for name in recipe.WHITE_LABEL_FIELDS:
        defects.append(
            _defect(
                "white_label_only",
                "white_label_only",
                f"/{name}",
                "rule:white_label_only",
                m.set_value(f"/{name}", m.white_label_value(name)),
                severity="warning",
                services=_NON_W,
            )
        )
    return defects


DEFECTS: tuple[Defect, ...] = (
    *_shared_types(),
    *_top_level(),
    *_contact_and_prices(),
    *_items_and_instructions(),
    *_summary_and_cancel(),
    *_delivery_details(),
    *_verification(),
    *_rules(),
)
CODES: frozenset[str] = frozenset(defect.code for defect in DEFECTS)


def select(codes: Iterable[str] | None = None) -> tuple[Defect, ...]:
    """The defects producing ``codes`` (all when ``None``); unknown codes fail at once."""
    if codes is None:
        return DEFECTS
    wanted = set(codes)
    if not wanted:
        raise ValueError("codes is empty: pass None for every defect")
    unknown = sorted(wanted - CODES)
    if unknown:
        raise ValueError(f"no defect produces {unknown}; known codes: {sorted(CODES)}")
    return tuple(defect for defect in DEFECTS if defect.code in wanted)


def make_invalid(
    d: Draw,
    defects: Sequence[Defect] = DEFECTS,
    *,
    service: str | None = None,
    market: str | None = None,
) -> tuple[Defect, Any, ExpectedIssue]:
    """Draw a defect and apply it to a fresh valid order made for it.

    With ``service`` or ``market``, pass only defects that :meth:`Defect.suits` them.
    """
    defect = d.choice(defects)
    payload, expected = defect.apply(d, service=service, market=market)
    return defect, payload, expected
