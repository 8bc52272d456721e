"""The ``order-validation`` command: validate, schema show/export, generate.

`run` takes the argument list and the four streams and returns the exit code, so the whole tool
is tested in-process with in-memory streams; ``__main__`` only hands it the real ones. The
environment (``NO_COLOR``) is read here and nowhere in the library.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import json
import os
import stat
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TextIO

from ._batch import BatchRunner, BatchSummary, Options, classify, read_items
from ._packaged import DIALECT_FILES, ArtefactMissingError, file_name, read_dialect
from ._parse import DEFAULT_MAX_BYTES, DEFAULT_MAX_DEPTH
from ._textreport import Style, render_document, render_summary, safe
from ._validate import validate_json
from ._version import __version__

EXIT_VALID = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141

_EXIT_STATUS = """\
exit status:
  0    every input is valid (warnings allowed, unless --warnings-as-errors)
  1    at least one document or line is invalid or unparseable
  2    usage error, or an input/output error (unreadable file, missing artefact)
  130  interrupted (Ctrl-C): validation stops and the partial summary is printed
  141  stdout was closed early (output piped into head, for example)
"""

_VALIDATE_HELP = """\
Each FILE is one JSON document or a JSON Lines file (one order per line). A file is read as JSON
Lines when its name ends in .jsonl or .ndjson, or when its first non-blank line is a whole
object on its own and another line follows; --jsonl and --json force either reading.

JSON Lines files stream in constant memory on --jobs processes and end with a summary. Each line
counts once as valid, invalid or unparseable (not JSON, not UTF-8, truncated, too large or too
deep, and blank lines). Without --header/--headers the WM_CONSUMER.ID header is not checked.
"""

SERVICES = ("P", "D", "PD", "W")
MARKETS = ("US", "UK", "EU")


class UsageError(Exception):
    """A problem with the command line or its inputs: exit status 2."""


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text} is not at least 1")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is negative")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used to render ``--help`` in the docs)."""
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(
        prog="order-validation",
        description="Validate POST /v1/orders request bodies against the order contract.",
        epilog=_EXIT_STATUS,
        formatter_class=formatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = commands.add_parser(
        "validate",
        help="validate JSON documents or JSON Lines files of orders",
        description=_VALIDATE_HELP,
        epilog=_EXIT_STATUS,
        formatter_class=formatter,
    )
    check.add_argument("files", nargs="*", metavar="FILE", help="input files; - is stdin (default)")
    shape = check.add_mutually_exclusive_group()
    shape.add_argument("--jsonl", action="store_true", help="read every input as JSON Lines")
    shape.add_argument("--json", action="store_true", help="read every input as one document")
    check.add_argument(
        "--header",
        action="append",
        default=[],
        metavar="'NAME: VALUE'",
        help="a request header, such as 'WM_CONSUMER.ID: 2d6cf199-9b07' (repeatable)",
    )
    check.add_argument("--headers", metavar="FILE", help="request headers as a JSON object")
    check.add_argument(
        "--format",
        choices=("text", "json", "problem"),
        default="text",
        help="text (default), json (one document), or problem (RFC 9457; documents only)",
    )
    check.add_argument(
        "--warnings-as-errors", action="store_true", help="a warning fails the input too"
    )
    check.add_argument(
        "--max-bytes",
        type=_positive,
        metavar="N",
        default=DEFAULT_MAX_BYTES,
        help=f"largest accepted document or line (default {DEFAULT_MAX_BYTES})",
    )
    check.add_argument(
        "--max-depth",
        type=_positive,
        metavar="N",
        default=DEFAULT_MAX_DEPTH,
        help=f"deepest accepted nesting (default {DEFAULT_MAX_DEPTH})",
    )
    check.add_argument(
        "--jobs",
        "-j",
        type=_positive,
        metavar="N",
        default=os.cpu_count() or 1,
        help="worker processes for JSON Lines (default: all cores)",
    )
    check.add_argument(
        "--report", metavar="FILE", help="write one JSON result per line (or document) to FILE"
    )
    check.add_argument(
        "--first-failures",
        type=_count,
        default=10,
        metavar="N",
        help="failing lines listed in a JSON Lines summary (default 10)",
    )
    check.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour the text report (auto: when stdout is a terminal and NO_COLOR is unset)",
    )
    check.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress bar (shown on stderr only when it is a terminal)",
    )

    schema = commands.add_parser(
        "schema",
        help="print or export the schema or a gateway artefact",
        epilog=_EXIT_STATUS,
        formatter_class=formatter,
    )
    actions = schema.add_subparsers(dest="action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="print a schema dialect to stdout")
    show.add_argument("--dialect", choices=tuple(DIALECT_FILES), default="canonical")
    export = actions.add_parser("export", help="write a schema dialect to a file")
    export.add_argument("--dialect", choices=tuple(DIALECT_FILES), required=True)
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="where to write (default: the artefact's own file name here; - for stdout)",
    )

    generate = commands.add_parser(
        "generate",
        help="write generated orders as JSON Lines",
        epilog=_EXIT_STATUS,
        formatter_class=formatter,
    )
    generate.add_argument("--count", type=_count, required=True, help="how many orders")
    generate.add_argument("--seed", type=int, required=True, help="the same seed, the same orders")
    generate.add_argument("--service", choices=SERVICES, help="only this order_service")
    generate.add_argument("--market", choices=MARKETS, help="only this market")
    generate.add_argument(
        "--invalid",
        action="store_true",
        help='write {"defect", "expected", "payload"} records: each payload has one known defect',
    )
    generate.add_argument("-o", "--output", metavar="FILE", help="where to write (default stdout)")
    return parser


@dataclass
class _Context:
    args: argparse.Namespace
    stdin: IO[bytes]
    stdout: TextIO
    stderr: TextIO
    environ: Mapping[str, str]
    style: Style = field(default_factory=Style)


def run(
    argv: Sequence[str],
    stdin: IO[bytes],
    stdout: TextIO,
    stderr: TextIO,
    *,
    environ: Mapping[str, str] | None = None,
) -> int:
    """Run the command line ``argv`` (without the program name); return the exit status."""
    parser = build_parser()
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            args = parser.parse_args(list(argv))
    except SystemExit as exc:  # --help, --version and usage errors end argparse this way
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    ctx = _Context(args, stdin, stdout, stderr, os.environ if environ is None else environ)
    commands: dict[str, Callable[[_Context], int]] = {
        "validate": _validate,
        "schema": _schema,
        "generate": _generate,
    }
    try:
        return commands[args.command](ctx)
    except UsageError as exc:
        stderr.write(f"order-validation: error: {exc}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        stderr.write("order-validation: interrupted\n")
        return EXIT_INTERRUPTED


# --- validate ---------------------------------------------------------------------------------


def _headers(args: argparse.Namespace) -> list[tuple[str, Any]] | None:
    pairs: list[tuple[str, Any]] = []
    if args.headers:
        try:
            loaded = json.loads(Path(args.headers).read_bytes())
        except OSError as exc:
            raise UsageError(f"cannot read --headers {args.headers}: {exc.strerror}") from None
        except ValueError as exc:
            raise UsageError(f"--headers {args.headers} is not JSON: {exc}") from None
        if not isinstance(loaded, dict):
            raise UsageError(f"--headers {args.headers} must hold a JSON object of headers")
        pairs.extend(loaded.items())
    for text in args.header:
        name, colon, value = text.partition(":")
        if not colon or not name.strip():
            raise UsageError(f"--header {text!r} is not of the form 'NAME: VALUE'")
        pairs.append((name.strip(), value.strip()))
    return pairs or None


def _wants_colour(ctx: _Context) -> bool:
    choice = ctx.args.color
    if choice != "auto":
        return bool(choice == "always")
    return _isatty(ctx.stdout) and not ctx.environ.get("NO_COLOR")


def _isatty(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def _open_input(name: str, stdin: IO[bytes]) -> Iterator[tuple[IO[bytes], int | None]]:
    """The input as a binary stream, with its size when it is a regular file (for progress)."""
    if name == "-":
        yield stdin, None
        return
    try:
        stream = open(name, "rb")  # noqa: SIM115 - closed below; the context manager wraps it
    except OSError as exc:
        raise OSError(f"cannot read {name}: {exc.strerror}") from None
    with stream:
        info = os.fstat(stream.fileno())
        yield stream, info.st_size if stat.S_ISREG(info.st_mode) else None


def _sniff(stream: IO[bytes], limit: int) -> tuple[bool, list[bytes]]:
    """Whether a stream looks like JSON Lines, and the lines read to decide (to be replayed).

    JSON Lines when the first non-blank line is a whole object or array by its brackets and a
    second non-blank line follows: a pretty-printed document opens with a lone ``{``.
    """
    head: list[bytes] = []
    filled: list[bytes] = []
    while len(filled) < 2 and len(head) < 1000:
        raw = stream.readline(limit + 1)
        if not raw:
            break
        head.append(raw)
        if raw.strip():
            filled.append(raw.strip())
        if not raw.endswith(b"\n"):
            break
    first = filled[0] if filled else b""
    bracketed = len(first) >= 2 and (first[:1], first[-1:]) in ((b"{", b"}"), (b"[", b"]"))
    return bracketed and len(filled) == 2, head


def _is_jsonl_name(name: str) -> bool:
    return name.endswith((".jsonl", ".ndjson", ".jsonlines"))


class _ProgressBar:
    """A one-line progress bar on stderr, redrawn at most ten times a second."""

    def __init__(self, stream: TextIO, total: int | None) -> None:
        self.stream = stream
        self.total = total
        self.started = time.monotonic()
        self.drawn = 0.0

    def __call__(self, lines: int, done: int) -> None:
        now = time.monotonic()
        if now - self.drawn < 0.1:
            return
        self.drawn = now
        rate = lines / max(now - self.started, 1e-9)
        text = f"{lines:,} lines  {rate:,.0f} lines/s"
        if self.total:
            share = min(done / self.total, 1.0)
            filled = int(share * 30)
            text = f"[{'#' * filled}{'.' * (30 - filled)}] {share:4.0%}  {text}"
        self.stream.write(f"\r{text}\x1b[K")
        self.stream.flush()

    def clear(self) -> None:
        self.stream.write("\r\x1b[K")
        self.stream.flush()


@dataclass
class _Outcome:
    """What one input produced, for the final output and the exit status."""

    status: int
    record: dict[str, Any] | None = None
    problem: dict[str, Any] | None = None
    interrupted: bool = False


def _excerpt_source(data: bytes) -> tuple[Any, bool]:
    """The body parsed again, only to show excerpts: validate_json already parsed it strictly."""
    try:
        return json.loads(data), True
    except (ValueError, RecursionError):
        return None, False


def _check_document(
    ctx: _Context, name: str, data: bytes, options: Options, report: IO[bytes] | None
) -> _Outcome:
    args = ctx.args
    result = validate_json(
        data, headers=options.headers, max_bytes=args.max_bytes, max_depth=args.max_depth
    )
    status = classify(result, warnings_as_errors=args.warnings_as_errors)
    record = {"input": name, "kind": "document", "status": status, **result.to_dict()}
    if report is not None:
        line = {"input": name, "line": None, "status": status, **result.to_dict()}
        report.write(json.dumps(line).encode("ascii") + b"\n")
    if args.format == "text":
        document, parsed = _excerpt_source(data) if status != "unparseable" else (None, False)
        ctx.stdout.write(
            render_document(
                name,
                result,
                status,
                document=document,
                parsed=parsed,
                headers=options.headers,
                style=ctx.style,
            )
        )
    problem = result.to_problem(instance=None if name == "-" else name)
    return _Outcome(EXIT_VALID if status == "valid" else EXIT_INVALID, record, problem)


def _check_lines(
    ctx: _Context,
    runner: BatchRunner,
    name: str,
    stream: IO[bytes],
    *,
    head: list[bytes],
    size: int | None,
    report: IO[bytes] | None,
) -> _Outcome:
    args = ctx.args
    if args.format == "problem":
        raise UsageError(
            f"{name} is JSON Lines; --format problem describes one document. Use --format json, "
            "or --report FILE for one result per line."
        )
    bar = _ProgressBar(ctx.stderr, size) if _isatty(ctx.stderr) and not args.no_progress else None
    items = read_items(stream, args.max_bytes, head)
    try:
        summary: BatchSummary = runner.run(name, items, report=report, progress=bar)
    finally:
        if bar is not None:
            bar.clear()
    if args.format == "text":
        ctx.stdout.write(render_summary(summary, ctx.style))
    status = EXIT_VALID if summary.ok else EXIT_INVALID
    return _Outcome(status, summary.to_dict(), interrupted=summary.interrupted)


def _check_input(
    ctx: _Context, runner: BatchRunner, name: str, options: Options, report: IO[bytes] | None
) -> _Outcome:
    args = ctx.args
    with _open_input(name, ctx.stdin) as (stream, size):
        jsonl = bool(args.jsonl) or (not args.json and _is_jsonl_name(name))
        head: list[bytes] = []
        if not jsonl and not args.json:
            jsonl, head = _sniff(stream, args.max_bytes)
        if jsonl:
            return _check_lines(ctx, runner, name, stream, head=head, size=size, report=report)
        data = b"".join(head) + stream.read()
        return _check_document(ctx, name, data, options, report)


def _validate(ctx: _Context) -> int:
    args = ctx.args
    ctx.style = Style(colour=_wants_colour(ctx))
    options = Options(
        headers=_headers(args),
        max_bytes=args.max_bytes,
        max_depth=args.max_depth,
        warnings_as_errors=args.warnings_as_errors,
        report=bool(args.report),
        first_failures=args.first_failures,
    )
    names: list[str] = args.files or ["-"]
    if not args.files and _isatty(ctx.stdin):
        raise UsageError("no input: name a FILE, or pipe a document or JSON Lines into stdin")
    outcomes: list[_Outcome] = []
    with contextlib.ExitStack() as stack:
        report: IO[bytes] | None = None
        if args.report:
            try:
                report = stack.enter_context(open(args.report, "wb"))
            except OSError as exc:
                raise UsageError(f"cannot write --report {args.report}: {exc.strerror}") from None
        runner = stack.enter_context(BatchRunner(options, args.jobs))
        for name in names:
            try:
                outcome = _check_input(ctx, runner, name, options, report)
            except BrokenPipeError:
                raise  # our own stdout, not the input: see __main__
            except OSError as exc:
                ctx.stderr.write(f"order-validation: error: {safe(str(exc))}\n")
                record = {"input": name, "kind": "error", "status": "error", "error": str(exc)}
                outcomes.append(_Outcome(EXIT_USAGE, record))
                continue
            outcomes.append(outcome)
            if outcome.interrupted:
                break
    _finish_output(ctx, outcomes)
    if any(o.interrupted for o in outcomes):
        ctx.stderr.write("order-validation: interrupted; the summary covers the lines read\n")
        return EXIT_INTERRUPTED
    return max((o.status for o in outcomes), default=EXIT_VALID)


def _finish_output(ctx: _Context, outcomes: list[_Outcome]) -> None:
    fmt = ctx.args.format
    records = [o.record for o in outcomes if o.record is not None]
    if fmt == "json":
        document = {
            "ok": all(o.status == EXIT_VALID and not o.interrupted for o in outcomes),
            "warnings_as_errors": ctx.args.warnings_as_errors,
            "inputs": records,
        }
        ctx.stdout.write(json.dumps(document, indent=2) + "\n")
    elif fmt == "problem":
        problems = [o.problem for o in outcomes if o.problem is not None]
        if len(problems) == 1 and len(ctx.args.files) <= 1:
            problems[0].pop("instance", None)
            ctx.stdout.write(json.dumps(problems[0], indent=2) + "\n")
        elif problems:
            ctx.stdout.write(json.dumps(problems, indent=2) + "\n")
    elif len(outcomes) > 1:
        passed = sum(o.status == EXIT_VALID for o in outcomes)
        ctx.stdout.write(f"{passed} of {len(outcomes)} inputs passed\n")


# --- schema -----------------------------------------------------------------------------------


def _schema(ctx: _Context) -> int:
    args = ctx.args
    try:
        text = read_dialect(args.dialect)
    except ArtefactMissingError as exc:
        raise UsageError(str(exc)) from None
    if args.action == "show":
        ctx.stdout.write(text)
        return EXIT_VALID
    target = args.output or file_name(args.dialect)
    if target == "-":
        ctx.stdout.write(text)
        return EXIT_VALID
    try:
        Path(target).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror}") from None
    ctx.stderr.write(f"wrote the {args.dialect} schema to {target}\n")
    return EXIT_VALID


# --- generate ---------------------------------------------------------------------------------


def _generate(ctx: _Context) -> int:
    args = ctx.args
    try:
        module = importlib.import_module("order_validation._generate")
    except ImportError as exc:
        raise UsageError(f"order generation is not available here ({exc})") from None
    write_jsonl = module.write_jsonl
    options = {
        "count": args.count,
        "seed": args.seed,
        "service": args.service,
        "market": args.market,
        "invalid": args.invalid,
    }
    try:
        if not args.output or args.output == "-":
            write_jsonl(ctx.stdout, **options)
            ctx.stdout.flush()
            return EXIT_VALID
        with open(args.output, "w", encoding="utf-8", newline="\n") as out:
            written = write_jsonl(out, **options)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise UsageError(f"cannot write {args.output}: {exc.strerror}") from None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    ctx.stderr.write(f"wrote {written} records to {args.output}\n")
    return EXIT_VALID
