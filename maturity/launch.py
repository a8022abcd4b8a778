"""Entry point of the ``maturity`` command: process settings that suit a CLI run, then the CLI.

Everything process-wide is decided here (and, for batch workers, in their start-up in
maturity.parallel), never in the library: importing the CLI or the library (tests, embedding)
changes nothing process-wide. The library itself (maturity/__init__.py) is imported before this
module.
"""

from __future__ import annotations

import gc
import signal
import sys
from types import FrameType

# Scoring one file allocates a few thousand short-lived, acyclic objects (YAML nodes, dicts,
# models). With the default threshold (700) the collector runs several times per file and, every
# so often, rescans everything loaded once (questionnaires, rules, caches): measured, that was a
# quarter of the time per file in a batch. Collecting less often keeps cycles collectable and
# memory bounded.
GC_THRESHOLD = 50_000


def collect_less_often() -> None:
    """For a process that runs one command or one batch: see GC_THRESHOLD."""
    gc.set_threshold(max(GC_THRESHOLD, gc.get_threshold()[0]), *gc.get_threshold()[1:])


def _quiet_pyhanko() -> None:
    import logging  # ~2 ms, imported by no other module of a plain `maturity score`

    for name in ("pyhanko", "pyhanko_certvalidator"):
        # pyHanko logs every untrusted path with a traceback;
        # verify's verdict carries the message instead
        logging.getLogger(name).setLevel(logging.CRITICAL)


class Terminated(BaseException):  # like KeyboardInterrupt: not an error, never caught as one
    """SIGTERM or SIGHUP, raised where the program is, so that ``finally`` blocks and atomic writers
    clean up."""

    def __init__(self, number: int) -> None:
        super().__init__(number)
        self.number = number


def _terminate(number: int, _frame: FrameType | None) -> None:
    raise Terminated(number)


def main() -> None:
    """Run the CLI as the ``maturity`` command. For the process's last act only: it leaves the
    collector collecting less often, pyHanko quiet and every object frozen (use
    :func:`maturity.cli.main` to run the CLI in-process)."""
    # Start-up creates tens of thousands of long-lived objects (modules, classes, pydantic schemas)
    # and next to no garbage, so collections during it are pure cost (~10 ms of a ~150 ms run).
    gc.disable()
    try:
        from maturity.cli import main as run
    finally:
        # the command itself runs with the collector on: a batch may make cyclic garbage
        gc.enable()
    collect_less_often()
    _quiet_pyhanko()
    # `kill`, a closed terminal or a stopped service: end like Ctrl-C, leaving no temporary file,
    # with the shell's code for the signal (128 + its number: 143, 129). Not before: during the
    # imports the default (ending at once) loses nothing.
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
