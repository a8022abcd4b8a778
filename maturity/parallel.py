"""Running one task over many items in worker processes, in input order, with bounded memory.

Shared by batch scoring and batch reports. Not ``multiprocessing.Pool``: its worker-handler thread
wakes up whenever results wait in the pipe and polls in a loop while they do (with large JSON
results that cost the parent more CPU than writing them: 2 s against 0.9 s for 10,000 files), and
a worker that dies leaves ``imap`` waiting forever. Here a ``ProcessPoolExecutor`` runs chunks of
items, at most a few chunks ahead of the consumer; a dead worker raises :class:`WorkerError`.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from maturity.errors import Problem, WorkerError

T = TypeVar("T")
R = TypeVar("R")

AHEAD = (
    4  # chunks in flight per worker: enough to keep every worker busy, few enough to bound memory
)


Initializer = Callable[[], None]  # run first in each worker: the program's process settings


def run_each(
    task: Callable[[T], R],
    items: Sequence[T],
    jobs: int,
    chunksize: int = 1,
    initializer: Initializer | None = None,
) -> Generator[R, None, None]:
    """``task`` over ``items`` in input order, in ``jobs`` worker processes (1: in this process).

    ``task`` is the per-process state (e.g. an object that keeps what it loads for the next
    item): each worker receives it once, when it starts, and calls it for every item it is given.
    ``initializer`` is the program's own worker set-up (signals, collector, log levels): the
    library changes nothing process-wide by itself (the CLI passes
    :func:`maturity.launch.worker_setup`).
    """
    if jobs <= 1 or len(items) < 2:
        yield from (task(item) for item in items)
        return
    yield from _in_workers(task, items, jobs, chunksize, initializer)


def _in_workers(
    task: Callable[[T], R],
    items: Sequence[T],
    jobs: int,
    chunksize: int,
    initializer: Initializer | None,
) -> Generator[R, None, None]:
    pool = ProcessPoolExecutor(
        jobs, mp_context=pool_context(), initializer=_start_worker, initargs=(task, initializer)
    )
    chunks = _chunks(items, chunksize)
    try:
        with _stops_held():  # the first submissions start the workers
            pending: deque[Future[list[R]]] = deque(
                pool.submit(_run_chunk, c) for c in itertools.islice(chunks, jobs * AHEAD)
            )
        while pending:
            done = pending.popleft().result()
            if (
                chunk := next(chunks, None)
            ) is not None:  # one out, one in: the window stays the same
                pending.append(pool.submit(_run_chunk, chunk))
            yield from done
    except BrokenProcessPool:
        raise WorkerError([Problem("batch.worker_died")]) from None
    finally:
        # On an early stop (Ctrl-C, an error in the caller) the queued chunks are dropped and the
        # few already handed to a worker finish. Workers are not killed: one killed while it sends a
        # result would leave the pool's reader waiting for the rest of that message forever.
        pool.shutdown(cancel_futures=True)


@contextlib.contextmanager
def _stops_held() -> Iterator[None]:
    """Hold SIGTERM and SIGHUP until the pool knows all its workers: stopped half-way through
    starting one, it could not tell that one to end. A signal held here arrives at the end of the
    block."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM, signal.SIGHUP})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


def _chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


_task: Callable[[Any], Any] | None = None  # this worker's task, received once when it starts


def _run_chunk(chunk: list[Any]) -> list[Any]:
    assert _task is not None
    return [_task(item) for item in chunk]


def _start_worker(task: Callable[[Any], Any], initializer: Initializer | None) -> None:
    global _task  # noqa: PLW0603 - the one per-process state of a pool worker
    if initializer is not None:
        initializer()
    _task = task


def pool_context() -> Any:
    """Worker processes are forked where possible (cheapest on Linux), else the platform default."""
    method = (
        "fork" if "fork" in multiprocessing.get_all_start_methods() and os.name == "posix" else None
    )
    return multiprocessing.get_context(method)


def default_jobs() -> int:
    return max(
        1,
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1),
    )
