"""``python -m order_validation`` and the ``order-validation`` console script (see `_cli`)."""

from __future__ import annotations

import os
import sys

from ._cli import EXIT_BROKEN_PIPE, run


def main() -> None:
    """Run the command line on the process's own arguments and streams, then exit."""
    # Untrusted text must never crash the report: unencodable characters are escaped instead.
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="backslashreplace")
    try:
        status = run(sys.argv[1:], sys.stdin.buffer, sys.stdout, sys.stderr)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (``| head``): stop quietly, and keep the interpreter's final
        # flush from failing again on the closed pipe.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        status = EXIT_BROKEN_PIPE
    sys.exit(status)


if __name__ == "__main__":
    main()
