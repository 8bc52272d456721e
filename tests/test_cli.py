"""The command line, run in-process with in-memory streams (``order_validation._cli.run``)."""

from __future__ import annotations

import importlib.util
import io
import json
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from order_validation import load_schema, validate
from order_validation._cli import run
from order_validation._packaged import DIALECT_FILES
from order_validation._textreport import context, safe
from tests.conftest import EXAMPLES, ROOT, load_example

CONSUMER = "WM_CONSUMER.ID: 2d6cf199-9b07-4350-bb2b9-0db3c2"
DIST_DIALECTS = [d for d, f in DIALECT_FILES.items() if f.startswith("dist/")]
HAS_GENERATE = importlib.util.find_spec("order_validation._generate") is not None


class Terminal(io.StringIO):
    """An in-memory stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


def cli(
    *argv: str,
    stdin: bytes = b"",
    environ: Mapping[str, str] | None = None,
    stdout: io.StringIO | None = None,
    stderr: io.StringIO | None = None,
) -> tuple[int, str, str]:
    out = stdout if stdout is not None else io.StringIO()
    err = stderr if stderr is not None else io.StringIO()
    code = run(list(argv), io.BytesIO(stdin), out, err, environ=environ or {})
    return code, out.getvalue(), err.getvalue()


def body(order: Any) -> bytes:
    return json.dumps(order, indent=2).encode()


def example(name: str) -> str:
    return str(EXAMPLES / name)


# --- validate: verdicts and exit status -------------------------------------------------------


def test_valid_example_exits_zero_and_says_valid() -> None:
    code, out, _ = cli("validate", example("delivery-order.json"), "--header", CONSUMER)
    assert code == 0
    assert out.startswith(f"{example('delivery-order.json')}: valid")


def test_invalid_example_exits_one_and_names_pointer_message_and_hint() -> None:
    code, out, _ = cli("validate", example("invalid-delivery-order.json"))
    assert code == 1
    assert "/customer_contact_info/phone_number [phone_format]" in out
    assert "must be a phone number in E.164 form" in out
    assert "hint: A plus sign" in out


def test_text_report_marks_the_offending_value_inside_its_parent_object() -> None:
    _, out, _ = cli("validate", example("invalid-delivery-order.json"))
    assert "customer_contact_info: {" in out
    assert '>   "phone_number": "555-0100",' in out
    assert '      "first_name": "Ada",' in out  # a neighbour, unmarked


def test_missing_field_is_shown_as_missing_in_its_parent() -> None:
    _, out, _ = cli("validate", example("invalid-delivery-order.json"))
    assert '>   "delivery_details": (missing)' in out


def test_array_entry_is_shown_with_its_index() -> None:
    order = load_example("delivery-order.json")
    order["items"][1]["quantity"] = 0
    _, out, _ = cli("validate", stdin=body(order))
    assert "items[1]: {" in out
    assert '>   "quantity": 0,' in out


def test_stdin_is_the_default_input_and_is_named_dash() -> None:
    code, out, _ = cli("validate", stdin=body(load_example("pick-up-order.json")))
    assert code == 0
    assert out.startswith("-: valid")


def test_no_file_and_stdin_a_terminal_is_a_usage_error_not_a_hang() -> None:
    class TerminalInput(io.BytesIO):
        def isatty(self) -> bool:
            return True

    out, err = io.StringIO(), io.StringIO()
    code = run(["validate"], TerminalInput(), out, err, environ={})
    assert code == 2
    assert "no input" in err.getvalue()


def test_truncated_document_reports_the_library_parse_code() -> None:
    code, out, _ = cli("validate", stdin=b'{"store_id": "5512",')
    assert code == 1
    assert "[invalid_json]" in out
    assert "not JSON" in out


def test_duplicate_keys_are_caught_because_the_raw_bytes_are_validated() -> None:
    # json.load would keep the last value silently; validate_json reports the duplicate.
    raw = body(load_example("delivery-order.json"))
    raw = raw.replace(b'"store_id": "5512"', b'"store_id": "5512", "store_id": "5513"', 1)
    code, out, _ = cli("validate", "--format", "json", stdin=raw)
    document = json.loads(out)
    assert code == 1
    assert [e["code"] for e in document["inputs"][0]["errors"]] == ["duplicate_key"]


def test_document_that_is_not_utf8_is_invalid_json() -> None:
    code, out, _ = cli("validate", "--format", "json", stdin=b'{"store_id": "\xff"}')
    assert code == 1
    assert json.loads(out)["inputs"][0]["errors"][0]["code"] == "invalid_json"


def test_warnings_pass_by_default_and_fail_with_warnings_as_errors() -> None:
    order = load_example("delivery-order.json")
    order["cancel_details"] = {"reason_code": "OUT_OF_STOCK"}  # cancel_details_on_new
    assert cli("validate", stdin=body(order))[0] == 0
    code, out, _ = cli("validate", "--warnings-as-errors", stdin=body(order))
    assert code == 1
    assert "warning /cancel_details [cancel_details_on_new]" in out


def test_max_bytes_is_passed_to_the_library() -> None:
    code, out, _ = cli("validate", "--max-bytes", "100", example("delivery-order.json"))
    assert code == 1
    assert "[payload_too_large]" in out


def test_max_depth_is_passed_to_the_library() -> None:
    nested = b'{"notes": [[[[[[1]]]]]]}'
    code, out, _ = cli("validate", "--max-depth", "4", stdin=nested)
    assert code == 1
    assert "[too_deeply_nested]" in out


def test_missing_file_is_exit_2_and_the_other_inputs_are_still_checked() -> None:
    code, out, err = cli("validate", "no-such-file.json", example("delivery-order.json"))
    assert code == 2
    assert "cannot read no-such-file.json" in err
    assert f"{example('delivery-order.json')}: valid" in out


def test_unreadable_input_is_listed_as_an_error_in_json_output() -> None:
    code, out, _ = cli("validate", "--format", "json", "no-such-file.json")
    document = json.loads(out)
    assert code == 2
    assert document["ok"] is False
    assert document["inputs"][0]["kind"] == "error"
    assert "no-such-file.json" in document["inputs"][0]["error"]


def test_several_inputs_end_with_a_count_of_those_that_passed() -> None:
    code, out, _ = cli(
        "validate", example("delivery-order.json"), example("invalid-delivery-order.json")
    )
    assert code == 1
    assert out.endswith("1 of 2 inputs passed\n")


# --- headers ----------------------------------------------------------------------------------


def test_header_flag_is_validated_and_shown_in_context() -> None:
    code, out, _ = cli(
        "validate", example("delivery-order.json"), "--header", "wm_consumer.id: abc_def"
    )
    assert code == 1
    assert "header WM_CONSUMER.ID [consumer_id_format]" in out
    assert "> wm_consumer.id: abc_def" in out


def test_headers_file_is_read_as_a_json_object(tmp_path: Path) -> None:
    headers = tmp_path / "headers.json"
    headers.write_text(json.dumps({"WM_CONSUMER.ID": "a b"}))
    code, out, _ = cli(
        "validate", "--headers", str(headers), "--format", "json", example("delivery-order.json")
    )
    assert code == 1
    assert json.loads(out)["inputs"][0]["errors"][0]["code"] == "consumer_id_format"


def test_without_headers_the_header_check_is_skipped() -> None:
    assert cli("validate", example("delivery-order.json"))[0] == 0


def test_header_without_a_colon_is_a_usage_error() -> None:
    code, _, err = cli("validate", "--header", "WM_CONSUMER.ID abc", example("cancellation.json"))
    assert code == 2
    assert "NAME: VALUE" in err


@pytest.mark.parametrize("content", ["[1, 2]", "not json"])
def test_headers_file_that_is_not_a_json_object_is_a_usage_error(
    tmp_path: Path, content: str
) -> None:
    headers = tmp_path / "headers.json"
    headers.write_text(content)
    code, out, err = cli("validate", "--headers", str(headers), example("cancellation.json"))
    assert code == 2
    assert out == ""
    assert "--headers" in err


# --- output formats ---------------------------------------------------------------------------


def test_json_format_is_one_document_covering_every_input() -> None:
    code, out, _ = cli(
        "validate",
        "--format",
        "json",
        example("delivery-order.json"),
        example("invalid-delivery-order.json"),
    )
    document = json.loads(out)
    assert code == 1
    assert document["ok"] is False
    assert [i["status"] for i in document["inputs"]] == ["valid", "invalid"]
    assert {e["code"] for e in document["inputs"][1]["errors"]} == {
        "slot_window_order",
        "phone_format",
        "currency_market_mismatch",
        "required_for_service",
    }
    assert set(document["inputs"][1]["errors"][0]) == {
        "code",
        "pointer",
        "message",
        "severity",
        "hint",
        "location",
        "schema_path",
    }


def test_problem_format_is_the_libraries_rfc_9457_document() -> None:
    raw = (EXAMPLES / "invalid-delivery-order.json").read_bytes()
    code, out, _ = cli("validate", "--format", "problem", stdin=raw)
    problem = json.loads(out)
    assert code == 1
    assert problem["status"] == 400
    assert {"type", "title", "detail", "errors", "warnings"} <= set(problem)
    assert problem["errors"][0]["code"] == "slot_window_order"


def test_problem_format_with_several_inputs_is_a_list_naming_each_instance() -> None:
    files = [example("delivery-order.json"), example("invalid-delivery-order.json")]
    _, out, _ = cli("validate", "--format", "problem", *files)
    problems = json.loads(out)
    assert [p["instance"] for p in problems] == files
    assert [p["status"] for p in problems] == [200, 400]


def test_problem_format_refuses_json_lines_with_exit_2() -> None:
    lines = b"{}\n{}\n"
    code, out, err = cli("validate", "--format", "problem", stdin=lines)
    assert code == 2
    assert out == ""
    assert "--report" in err


# --- colour and hostile text ------------------------------------------------------------------


def test_no_colour_when_stdout_is_not_a_terminal() -> None:
    _, out, _ = cli("validate", example("invalid-delivery-order.json"))
    assert "\x1b[" not in out


def test_colour_on_a_terminal_unless_no_color_is_set() -> None:
    args = ("validate", example("invalid-delivery-order.json"))
    _, coloured, _ = cli(*args, stdout=Terminal())
    _, plain, _ = cli(*args, stdout=Terminal(), environ={"NO_COLOR": "1"})
    assert "\x1b[31m" in coloured
    assert "\x1b[" not in plain


@pytest.mark.parametrize(("flag", "expected"), [("always", True), ("never", False)])
def test_color_flag_overrides_the_terminal_check(flag: str, expected: bool) -> None:
    _, out, _ = cli("validate", "--color", flag, example("invalid-delivery-order.json"))
    assert ("\x1b[" in out) is expected


def test_control_and_bidi_characters_from_the_payload_never_reach_the_terminal() -> None:
    order = load_example("delivery-order.json")
    order["customer_contact_info"]["phone_number"] = "+1\u202e555\u009b31m"
    _, out, _ = cli("validate", stdin=body(order))
    assert "\u202e" not in out
    assert "\u009b" not in out
    assert "\\u202e" in out


# --- input shape detection --------------------------------------------------------------------


def test_compact_lines_are_read_as_json_lines() -> None:
    line = json.dumps(load_example("delivery-order.json")).encode()
    code, out, _ = cli("validate", "--format", "json", stdin=line + b"\n" + line + b"\n")
    assert code == 0
    assert json.loads(out)["inputs"][0]["kind"] == "jsonl"


def test_pretty_printed_document_is_not_mistaken_for_json_lines() -> None:
    _, out, _ = cli("validate", "--format", "json", example("delivery-order.json"))
    assert json.loads(out)["inputs"][0]["kind"] == "document"


def test_single_compact_line_is_a_document() -> None:
    line = json.dumps(load_example("delivery-order.json")).encode() + b"\n"
    _, out, _ = cli("validate", "--format", "json", stdin=line)
    assert json.loads(out)["inputs"][0]["kind"] == "document"


def test_jsonl_extension_selects_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    path.write_bytes(json.dumps(load_example("delivery-order.json")).encode() + b"\n")
    _, out, _ = cli("validate", "--format", "json", str(path))
    assert json.loads(out)["inputs"][0]["kind"] == "jsonl"


def test_json_flag_reads_lines_as_one_document() -> None:
    code, out, _ = cli("validate", "--json", "--format", "json", stdin=b"{}\n{}\n")
    assert code == 1
    assert json.loads(out)["inputs"][0]["errors"][0]["code"] == "invalid_json"


def test_jsonl_flag_reads_a_broken_first_line_as_a_line() -> None:
    code, out, _ = cli("validate", "--jsonl", "--format", "json", stdin=b'{"a": \n{}\n')
    summary = json.loads(out)["inputs"][0]
    assert code == 1
    assert (summary["lines"], summary["unparseable"], summary["invalid"]) == (2, 1, 1)


# --- help, version, usage ---------------------------------------------------------------------


def test_help_documents_every_exit_status() -> None:
    code, out, _ = cli("--help")
    assert code == 0
    for status in ("0 ", "1 ", "2 ", "130"):
        assert f"\n  {status}" in out


def test_validate_help_documents_exit_status_and_input_detection() -> None:
    code, out, _ = cli("validate", "--help")
    assert code == 0
    assert "130" in out
    assert "JSON Lines" in out


def test_version_is_printed() -> None:
    code, out, _ = cli("--version")
    assert code == 0
    assert out.startswith("order-validation ")


@pytest.mark.parametrize(
    "argv",
    [(), ("frobnicate",), ("validate", "--format", "xml"), ("validate", "--jobs", "0")],
)
def test_bad_command_lines_are_usage_errors(argv: tuple[str, ...]) -> None:
    code, _, err = cli(*argv)
    assert code == 2
    assert "usage:" in err


# --- schema show / export ---------------------------------------------------------------------


def test_schema_show_prints_the_canonical_schema() -> None:
    code, out, _ = cli("schema", "show")
    assert code == 0
    assert json.loads(out) == load_schema()


def test_schema_show_headers_prints_the_header_schema() -> None:
    _, out, _ = cli("schema", "show", "--dialect", "headers")
    assert "WM_CONSUMER.ID" in json.loads(out)["properties"]


@pytest.mark.parametrize("dialect", DIST_DIALECTS)
def test_schema_show_prints_each_generated_artefact_as_stored(dialect: str) -> None:
    path = ROOT / "schema" / DIALECT_FILES[dialect]
    if not path.is_file():
        pytest.skip(f"{path.name} has not been generated yet")
    code, out, _ = cli("schema", "show", "--dialect", dialect)
    assert code == 0
    assert out == path.read_text(encoding="utf-8")


def test_schema_export_writes_the_artefact_under_its_own_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("schema", "export", "--dialect", "canonical")
    assert code == 0
    assert out == ""
    written = tmp_path / "order.schema.json"
    assert json.loads(written.read_text(encoding="utf-8")) == load_schema()
    assert "order.schema.json" in err


def test_schema_export_to_an_explicit_file_and_to_stdout(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    assert cli("schema", "export", "--dialect", "headers", "-o", str(target))[0] == 0
    _, out, _ = cli("schema", "export", "--dialect", "headers", "-o", "-")
    assert target.read_text(encoding="utf-8") == out


def test_absent_artefact_is_exit_2_with_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(DIALECT_FILES, "draft-07", "dist/not-generated.json")
    code, out, err = cli("schema", "show", "--dialect", "draft-07")
    assert code == 2
    assert out == ""
    assert "draft-07 schema is not available" in err
    assert "make artefacts" in err


def test_schema_export_needs_a_dialect() -> None:
    assert cli("schema", "export")[0] == 2


# --- generate ---------------------------------------------------------------------------------

needs_generate = pytest.mark.skipif(not HAS_GENERATE, reason="order_validation._generate absent")


@needs_generate
def test_generate_writes_count_orders_that_all_validate() -> None:
    code, out, _ = cli("generate", "--count", "25", "--seed", "3", "--service", "W")
    lines = out.splitlines()
    assert code == 0
    assert len(lines) == 25
    for line in lines:
        order = json.loads(line)
        assert order["order_service"] == "W"
        assert validate(order).valid


@needs_generate
def test_generate_is_deterministic_for_a_seed() -> None:
    first = cli("generate", "--count", "10", "--seed", "42", "--market", "UK")[1]
    again = cli("generate", "--count", "10", "--seed", "42", "--market", "UK")[1]
    other = cli("generate", "--count", "10", "--seed", "43", "--market", "UK")[1]
    assert first == again
    assert first != other


@needs_generate
def test_generate_invalid_records_carry_the_issue_they_cause() -> None:
    _, out, _ = cli("generate", "--count", "20", "--seed", "5", "--invalid")
    for line in out.splitlines():
        record = json.loads(line)
        result = validate(record["payload"])
        assert (record["expected"]["code"], record["expected"]["pointer"]) in {
            (i.code, i.pointer) for i in result.issues
        }


@needs_generate
def test_generated_file_passes_the_batch_validator(tmp_path: Path) -> None:
    target = tmp_path / "orders.jsonl"
    code, _, err = cli("generate", "--count", "300", "--seed", "9", "-o", str(target))
    assert code == 0
    assert "300" in err
    code, out, _ = cli("validate", "--jobs", "1", "--format", "json", str(target))
    summary = json.loads(out)["inputs"][0]
    assert code == 0
    assert (summary["lines"], summary["valid"]) == (300, 300)


# --- the text report's building blocks, for any input -----------------------------------------

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=15,
)
tokens = st.lists(st.text(max_size=4) | st.integers(0, 5).map(str), max_size=4)


@given(json_values, tokens)
def test_context_marks_exactly_one_line_for_any_document_and_pointer(
    document: Any, path: list[str]
) -> None:
    pointer = "".join("/" + t.replace("~", "~0").replace("/", "~1") for t in path)
    lines = context(document, pointer)
    assert sum(marked for _, marked in lines) == 1


@given(st.text())
def test_safe_text_holds_no_control_format_or_separator_characters(text: str) -> None:
    shown = safe(text)
    assert not any(
        unicodedata.category(c) in {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"} for c in shown
    )
    assert safe(shown) == shown
