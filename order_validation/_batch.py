"""Validate a JSON Lines stream of orders in constant memory, on every core.

The main process reads the input in binary, one line at a time, and groups lines into chunks; a
pool of worker processes validates the chunks; results come back in input order. At most a few
chunks per worker are in flight, so memory stays flat whatever the file's size, and a line
longer than the size limit is skipped over without being held in memory.

Every line read is accounted for exactly once, as one of:

* ``valid``: no error (and no warning, with ``warnings_as_errors``);
* ``unparseable``: the library rejected the line before the schema ran (a code whose source is
  ``parse`` in `_codes.CODES`): not JSON, not UTF-8, truncated, over the size or depth limit,
  a duplicate key, NaN. A blank line is unparseable too: it usually means a record was lost
  when files were concatenated or cut, so it is counted rather than skipped;
* ``invalid``: parsed, but with at least one error.

A final line without a newline is a line; a newline at the very end does not start another.
"""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import signal
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from itertools import chain
from multiprocessing.pool import AsyncResult, Pool
from typing import IO, Any, Literal

from ._codes import CODES
from ._result import Issue, ValidationResult
from ._validate import validate_json

Status = Literal["valid", "invalid", "unparseable"]

# A line as read: its bytes without the newline, or its size when it was too long to keep.
Item = bytes | int

LINES_PER_CHUNK = 2000
BYTES_PER_CHUNK = 1 << 20
CHUNKS_IN_FLIGHT_PER_JOB = 3


@dataclass(frozen=True, slots=True)
class Options:
    """How every line is validated and what each worker sends back."""

    headers: Any = None
    max_bytes: int = 2 * 1024 * 1024
    max_depth: int = 32
    warnings_as_errors: bool = False
    report: bool = False
    first_failures: int = 10


def classify(result: ValidationResult, *, warnings_as_errors: bool = False) -> Status:
    """Which of the three counts a result belongs to."""
    if any(_is_parse_error(issue) for issue in result.errors):
        return "unparseable"
    if result.errors or (warnings_as_errors and result.warnings):
        return "invalid"
    return "valid"


def _is_parse_error(issue: Issue) -> bool:
    info = CODES.get(issue.code)
    return info is not None and info.source == "parse"


@dataclass(frozen=True, slots=True)
class Failure:
    """A line that did not pass, kept for the summary."""

    line: int
    status: Status
    result: ValidationResult

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "status": self.status, **_issues(self.result)}


def _issues(result: ValidationResult) -> dict[str, Any]:
    data = result.to_dict()
    return {"errors": data["errors"], "warnings": data["warnings"]}


@dataclass(frozen=True, slots=True)
class Chunk:
    """Consecutive lines of one input, numbered from ``first_line`` (1-based)."""

    input: str
    first_line: int
    items: list[Item]
    size: int


@dataclass(slots=True)
class ChunkResult:
    """What a worker sends back for one chunk: counts, a few failures, report lines."""

    lines: int = 0
    size: int = 0
    counts: Counter[str] = field(default_factory=Counter)
    error_codes: Counter[str] = field(default_factory=Counter)
    warning_codes: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    report: bytes = b""


@dataclass(slots=True)
class BatchSummary:
    """Totals for one JSON Lines input; ``valid + invalid + unparseable == lines``."""

    input: str
    lines: int = 0
    valid: int = 0
    invalid: int = 0
    unparseable: int = 0
    error_codes: Counter[str] = field(default_factory=Counter)
    warning_codes: Counter[str] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.invalid == 0 and self.unparseable == 0 and not self.interrupted

    def add(self, chunk: ChunkResult, first_failures: int) -> None:
        self.lines += chunk.lines
        self.valid += chunk.counts["valid"]
        self.invalid += chunk.counts["invalid"]
        self.unparseable += chunk.counts["unparseable"]
        self.error_codes.update(chunk.error_codes)
        self.warning_codes.update(chunk.warning_codes)
        room = first_failures - len(self.failures)
        if room > 0:
            self.failures.extend(chunk.failures[:room])

    def to_dict(self) -> dict[str, Any]:
        return {
            "input": self.input,
            "kind": "jsonl",
            "lines": self.lines,
            "valid": self.valid,
            "invalid": self.invalid,
            "unparseable": self.unparseable,
            "interrupted": self.interrupted,
            "errors_by_code": dict(sorted(self.error_codes.items())),
            "warnings_by_code": dict(sorted(self.warning_codes.items())),
            "first_failures": [failure.to_dict() for failure in self.failures],
            "seconds": round(self.seconds, 3),
        }


def _too_large(size: int, options: Options) -> ValidationResult:
    """The library's verdict on a line too long to keep, restated with the line's real size."""
    result = validate_json(
        b" " * (options.max_bytes + 1), headers=options.headers, max_bytes=options.max_bytes
    )
    stated = f"{options.max_bytes + 1} bytes"
    errors = tuple(
        replace(issue, message=issue.message.replace(stated, f"{size} bytes"))
        if issue.code == "payload_too_large"
        else issue
        for issue in result.errors
    )
    return ValidationResult(errors=errors, warnings=result.warnings)


def check_chunk(chunk: Chunk, options: Options) -> ChunkResult:
    """Validate every line of a chunk (runs in a worker, or in-process with one job)."""
    out = ChunkResult(lines=len(chunk.items), size=chunk.size)
    report: list[bytes] = []
    for offset, item in enumerate(chunk.items):
        line = chunk.first_line + offset
        if isinstance(item, int):
            result = _too_large(item, options)
        else:
            result = validate_json(
                item,
                headers=options.headers,
                max_bytes=options.max_bytes,
                max_depth=options.max_depth,
            )
        status = classify(result, warnings_as_errors=options.warnings_as_errors)
        out.counts[status] += 1
        out.error_codes.update({issue.code for issue in result.errors})
        out.warning_codes.update({issue.code for issue in result.warnings})
        if status != "valid" and len(out.failures) < options.first_failures:
            out.failures.append(Failure(line, status, result))
        if options.report:
            record = {
                "input": chunk.input,
                "line": line,
                "status": status,
                "valid": result.valid,
                **_issues(result),
            }
            report.append(json.dumps(record).encode("ascii") + b"\n")
    out.report = b"".join(report)
    return out


_worker_options = Options()


def _init_worker(options: Options) -> None:
    # Ctrl-C reaches the whole process group; only the parent handles it, then ends the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    global _worker_options  # noqa: PLW0603 - per-process state set once by the pool
    _worker_options = options
    validate_json(b"{}")  # compile the schema before the first chunk arrives


def _work(chunk: Chunk) -> ChunkResult:
    return check_chunk(chunk, _worker_options)


def read_items(stream: IO[bytes], limit: int, first: Iterable[bytes] = ()) -> Iterator[Item]:
    """Lines of a binary stream without their newline; a line over ``limit`` bytes is drained
    and yielded as its size, so it never sits in memory. ``first`` holds lines already read
    (with their newlines) by format detection."""
    for raw in chain(first, iter(lambda: stream.readline(limit + 1), b"")):
        if raw.endswith(b"\n"):
            yield raw[:-1]
        elif len(raw) <= limit:
            yield raw  # the last line, without a newline
        else:
            size = len(raw)
            while True:
                more = stream.readline(1 << 20)
                if not more:
                    break
                if more.endswith(b"\n"):
                    size += len(more) - 1
                    break
                size += len(more)
            yield size


def chunked(name: str, items: Iterable[Item]) -> Iterator[Chunk]:
    """Group lines into chunks of at most `LINES_PER_CHUNK` lines or about 1 MiB."""
    batch: list[Item] = []
    size = 0
    first_line = 1
    for item in items:
        batch.append(item)
        size += (item if isinstance(item, int) else len(item)) + 1
        if len(batch) >= LINES_PER_CHUNK or size >= BYTES_PER_CHUNK:
            yield Chunk(name, first_line, batch, size)
            first_line += len(batch)
            batch, size = [], 0
    if batch:
        yield Chunk(name, first_line, batch, size)


Progress = Callable[[int, int], None]


@contextlib.contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C until the block ends (POSIX, main thread); it is raised right after."""
    if not hasattr(signal, "pthread_sigmask") or (
        threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class BatchRunner:
    """Runs JSON Lines inputs through one lazily started worker pool."""

    def __init__(self, options: Options, jobs: int) -> None:
        self.options = options
        self.jobs = max(1, jobs)
        self._pool: Pool | None = None

    def __enter__(self) -> BatchRunner:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close(terminate=exc[0] is not None)

    def close(self, *, terminate: bool = False) -> None:
        if self._pool is not None:
            if terminate:
                self._pool.terminate()
            else:
                self._pool.close()
            self._pool.join()
            self._pool = None

    def _pool_started(self) -> Pool:
        if self._pool is None:
            self._pool = multiprocessing.get_context().Pool(
                self.jobs, initializer=_init_worker, initargs=(self.options,)
            )
        return self._pool

    def run(
        self,
        name: str,
        items: Iterable[Item],
        *,
        report: IO[bytes] | None = None,
        progress: Progress | None = None,
    ) -> BatchSummary:
        """Validate every line; on Ctrl-C return the summary of the lines finished so far."""
        summary = BatchSummary(name)
        started = time.monotonic()
        done_bytes = 0

        def consume(result: ChunkResult) -> None:
            nonlocal done_bytes
            # Counted and reported together or not at all, so the two always agree.
            with _interrupts_deferred():
                summary.add(result, self.options.first_failures)
                if report is not None and result.report:
                    report.write(result.report)
                    report.flush()
            done_bytes += result.size
            if progress is not None:
                progress(summary.lines, done_bytes)

        chunks = chunked(name, items)
        try:
            head = [c for c in (next(chunks, None), next(chunks, None)) if c is not None]
            if self.jobs == 1 or len(head) < 2:
                # One job, or input that fits one chunk: no pool, no inter-process traffic.
                for chunk in chain(head, chunks):
                    consume(check_chunk(chunk, self.options))
            else:
                pool = self._pool_started()
                pending: deque[AsyncResult[ChunkResult]] = deque()
                bound = self.jobs * CHUNKS_IN_FLIGHT_PER_JOB
                for chunk in chain(head, chunks):
                    pending.append(pool.apply_async(_work, (chunk,)))
                    # Wait when the bound is reached; otherwise take what is already done, so
                    # the report and the progress keep up with a slow producer (a pipe).
                    while pending and (len(pending) >= bound or pending[0].ready()):
                        consume(pending.popleft().get())
                while pending:
                    consume(pending.popleft().get())
        except KeyboardInterrupt:
            summary.interrupted = True
            self.close(terminate=True)
        summary.seconds = time.monotonic() - started
        return summary
