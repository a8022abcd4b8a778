"""Entry point of the ``maturity`` command: process settings that suit a short CLI run, then the CLI.

Kept apart from :mod:`maturity.cli` so that importing the CLI (tests, embedding) changes nothing
process-wide, and light so that it runs before anything heavy is imported.
"""

from __future__ import annotations

import gc
import signal
import sys
from types import FrameType


class Terminated(BaseException):  # like KeyboardInterrupt: not an error, never caught as one
    """SIGTERM or SIGHUP, raised where the program is, so that ``finally`` blocks and atomic writers clean up."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def _terminate(number: int, _frame: FrameType | None) -> None:
    raise Terminated(number)


def main() -> None:
    """Run the CLI as the ``maturity`` command. For the process's last act only: it leaves the
    collector on and every object frozen (use :func:`maturity.cli.main` to run it in-process)."""
    # Start-up creates tens of thousands of long-lived objects (modules, classes, pydantic schemas)
    # and next to no garbage, so collections during it are pure cost (~10 ms of a ~150 ms run).
    gc.disable()
    try:
        from maturity.cli import main as run
    finally:
        gc.enable()  # the command itself runs with the collector on: a batch may make cyclic garbage
    # `kill`, a closed terminal or a stopped service: end like Ctrl-C, leaving no temporary file, with
    # the shell's code for the signal (128 + its number: 143, 129). Not before: during the imports
    # the default (ending at once) loses nothing.
    for number in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, _terminate)
    try:
        run()
    except Terminated as exc:
        sys.exit(128 + exc.number)
    finally:
        # At exit the interpreter would scan every object once more only to free memory the OS takes
        # back anyway (~20 ms); frozen objects are skipped. Files are closed and flushed as before.
        gc.freeze()
