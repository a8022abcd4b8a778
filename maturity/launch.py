"""Entry point of the ``maturity`` command: process settings that suit a CLI run, then the CLI.

Everything process-wide is decided here (and, for batch workers, in :func:`worker_setup`, which
the CLI hands to maturity.parallel), never in the library: importing the CLI or the library
(tests, embedding) changes nothing process-wide. The library itself (maturity/__init__.py) is
imported before this module.
"""

from __future__ import annotations

import functools
import gc
import os
import signal
import sys
from collections.abc import Callable
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


def _quiet_loggers() -> None:
    import logging  # ~2 ms, imported by no other module of a plain `maturity score`

    for name in ("pyhanko", "pyhanko_certvalidator"):
        # pyHanko logs every untrusted path with a traceback;
        # verify's verdict carries the message instead
        logging.getLogger(name).setLevel(logging.CRITICAL)
    # WeasyPrint warns about every CSS property it ignores; a failed render raises instead.
    # Setting the level before weasyprint is imported holds: its logger is this same object.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)


def worker_setup() -> Callable[[], None]:
    """The start-up of a batch worker of this process (for maturity.parallel.run_each)."""
    return functools.partial(_start_worker, os.getpid())


def _start_worker(parent: int) -> None:
    # Ctrl-C in a terminal, a hang-up or a `kill` of the process group reach every process of the
    # group; the parent alone decides what they mean (it drops the queued work), so a worker must
    # not die half-way through a message to the parent.
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_IGN)
    _die_with(parent)
    collect_less_often()  # a worker lives for one batch
    _quiet_loggers()  # inherited when forked, not when spawned


def _die_with(parent: int) -> None:
    """End this worker when ``parent`` ends, however it ends (even SIGKILL): otherwise an orphan
    waits for minutes on a pipe nobody reads. Linux only (prctl); elsewhere the pool's own checks
    remain."""
    if sys.platform == "linux":
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent was gone before the line above: no signal will come
        os._exit(1)


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
    collector collecting less often, pyHanko and WeasyPrint quiet and every object frozen (use
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
    _quiet_loggers()
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
