"""validate_json: the raw-bytes entry point's own codes, then the same verdict as validate()."""

from __future__ import annotations

import json

import pytest

from order_validation import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH, validate, validate_json
from tests.conftest import EXAMPLES
from tests.factories import SEED_CONSUMER_ID, assert_clean, assert_one_error, order

BASE = (EXAMPLES / "pick-up-order.json").read_text(encoding="utf-8")


def _replace(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new, 1)


def test_the_documented_limits() -> None:
    assert DEFAULT_MAX_BYTES == 2 * 1024 * 1024
    assert DEFAULT_MAX_DEPTH == 32


@pytest.mark.parametrize("as_bytes", [True, False], ids=["bytes", "str"])
def test_a_valid_body_passes_as_bytes_or_text(as_bytes: bool) -> None:
    assert_clean(validate_json(BASE.encode() if as_bytes else BASE))


def test_bytearray_and_memoryview_are_accepted() -> None:
    assert_clean(validate_json(bytearray(BASE.encode())))
    assert_clean(validate_json(memoryview(BASE.encode())))


INVALID_JSON = {
    "trailing-comma": '{"a": 1,}',
    "empty": "",
    "only-whitespace": "   ",
    "single-quotes": "{'a': 1}",
    "data-after-the-document": BASE + " {}",
    "byte-order-mark": "\ufeff" + BASE,
    "unterminated-string": '{"store_id": "55',
    "comment": "// order\n" + BASE,
}


@pytest.mark.parametrize("text", INVALID_JSON.values(), ids=INVALID_JSON.keys())
def test_text_that_is_not_one_json_document_is_invalid_json(text: str) -> None:
    result = validate_json(text)
    assert [i.code for i in result.errors] == ["invalid_json"]
    assert result.errors[0].message


def test_invalid_utf8_is_invalid_json() -> None:
    assert [i.code for i in validate_json(b'{"store_id": "\xff"}').errors] == ["invalid_json"]


def test_an_unpaired_surrogate_escape_is_invalid_json() -> None:
    result = validate_json(_replace('"5512"', '"\\ud800"'))
    assert [i.code for i in result.errors] == ["invalid_json"]


@pytest.mark.parametrize(
    ("text", "pointer"),
    [
        (BASE.rstrip()[:-1] + ', "store_id": "9"\n}', "/store_id"),
        (
            _replace('"first_name": "Ada",', '"first_name": "Ada", "first_name": "Bo",'),
            "/customer_contact_info/first_name",
        ),
        (_replace('"quantity": 2,', '"quantity": 2, "quantity": 3,'), "/items/0/quantity"),
    ],
    ids=["top-level", "nested", "in-array"],
)
def test_a_repeated_key_is_one_duplicate_key_error_at_that_key(text: str, pointer: str) -> None:
    assert_one_error(validate_json(text), "duplicate_key", pointer)


def test_the_same_key_in_two_objects_is_not_a_duplicate() -> None:
    assert_clean(validate_json(BASE))  # item_id, quantity... appear in each item


@pytest.mark.parametrize("literal", ["NaN", "Infinity", "-Infinity", "1e400", "-1e400"])
def test_non_finite_numbers_are_one_error_at_their_place(literal: str) -> None:
    text = _replace('"tax": 1.16', f'"tax": {literal}')
    assert_one_error(validate_json(text), "non_finite_number", "/order_price_info/tax")


def test_a_body_at_the_byte_limit_passes_and_one_byte_over_fails() -> None:
    size = len(BASE.encode())
    assert_clean(validate_json(BASE, max_bytes=size))
    assert_one_error(validate_json(BASE, max_bytes=size - 1), "payload_too_large", "")


def test_the_byte_limit_counts_utf8_bytes_not_characters() -> None:
    text = _replace('"Ada"', '"Åda"')
    size = len(text.encode())
    assert size == len(text) + 1
    assert_clean(validate_json(text, max_bytes=size))
    assert_one_error(validate_json(text, max_bytes=len(text)), "payload_too_large", "")


def test_a_body_over_the_default_limit_is_too_large() -> None:
    text = BASE.rstrip()[:-1] + ', "notes": "' + "x" * DEFAULT_MAX_BYTES + '"\n}'
    assert_one_error(validate_json(text), "payload_too_large", "")


def test_nesting_deeper_than_the_limit_is_too_deeply_nested() -> None:
    text = BASE.rstrip()[:-1] + ', "notes": ' + "[" * 40 + "]" * 40 + "\n}"
    result = validate_json(text)
    assert [i.code for i in result.errors] == ["too_deeply_nested"]
    assert result.errors[0].pointer.startswith("/notes/0")


def test_nesting_far_deeper_than_the_parser_allows_is_still_an_issue() -> None:
    text = '{"notes": ' + "[" * 100_000 + "]" * 100_000 + "}"
    result = validate_json(text)
    assert [i.code for i in result.errors] == ["too_deeply_nested"]


def test_max_depth_is_configurable() -> None:
    assert_clean(validate_json(BASE, max_depth=3))
    result = validate_json(BASE, max_depth=2)
    assert result.errors
    assert {i.code for i in result.errors} == {"too_deeply_nested"}
    assert result.errors[0].pointer == "/items/0"  # root 1, items 2, items[0] 3


def test_after_parsing_the_verdict_is_validates() -> None:
    payload = order("D")
    payload["delivery_details"]["country"] = "usa"
    payload["cancel_details"] = {"reason_code": "OUT_OF_STOCK"}
    text = json.dumps(payload)
    assert validate_json(text).to_dict() == validate(payload).to_dict()


def test_headers_are_checked_by_validate_json_too() -> None:
    assert_clean(validate_json(BASE, headers={"wm_consumer.id": SEED_CONSUMER_ID}))
    result = validate_json(BASE, headers={"WM_CONSUMER.ID": "a b"})
    assert [(i.code, i.location) for i in result.errors] == [("consumer_id_format", "header")]


@pytest.mark.parametrize("data", [None, 42, ["{}"]], ids=["none", "int", "list"])
def test_validate_json_never_raises_on_a_wrong_argument(data: object) -> None:
    result = validate_json(data)  # type: ignore[arg-type]
    assert result.valid is False
