"""Running one function over many items in worker processes, in input order, with bounded memory.

Shared by batch scoring and batch reports. Not ``multiprocessing.Pool``: its worker-handler thread
wakes up whenever results wait in the pipe and polls in a loop while they do (with large JSON
results that cost the parent more CPU than writing them: 2 s against 0.9 s for 10,000 files), and
a worker that dies leaves ``imap`` waiting forever. Here a ``ProcessPoolExecutor`` runs chunks of
items, at most a few chunks ahead of the consumer; a dead worker raises :class:`WorkerError`.
"""

from __future__ import annotations

import contextlib
import gc
import itertools
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from maturity.errors import Problem, WorkerError

T = TypeVar("T")
R = TypeVar("R")

AHEAD = 4  # chunks in flight per worker: enough to keep every worker busy, few enough to bound memory

# Scoring one file allocates a few thousand short-lived, acyclic objects (YAML nodes, dicts,
# models). With the default threshold (700) the collector runs several times per file and, every
# so often, rescans everything loaded once (questionnaires, rules, caches): measured, that was a
# quarter of the time per file. Collecting less often keeps cycles collectable and memory bounded.
GC_THRESHOLD = 50_000


_raised = 0  # batches running now (they may be interleaved generators)
_saved: tuple[int, int, int] = (700, 10, 10)


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Raise the youngest generation's collection threshold while any batch runs, then restore it.

    Not per item: restoring the threshold between items would make the caller's next allocation
    trigger a collection at once, a full one every hundred items. A batch left unfinished but still
    referenced keeps the setting until it is closed or collected.
    """
    global _raised, _saved  # noqa: PLW0603 - one process-wide setting, counted across nested batches
    if _raised == 0:
        _saved = gc.get_threshold()
        gc.set_threshold(max(GC_THRESHOLD, _saved[0]), *_saved[1:])
    _raised += 1
    try:
        yield
    finally:
        _raised -= 1
        if _raised == 0:
            gc.set_threshold(*_saved)


def parallel_map(
    fn: Callable[[T], R], items: Sequence[T], jobs: int, initializer: Callable[..., None], initargs: tuple[Any, ...], chunksize: int = 1
) -> Generator[R, None, None]:
    """``fn`` over ``items`` in ``jobs`` worker processes; results in input order as they are ready."""
    pool = ProcessPoolExecutor(jobs, mp_context=pool_context(), initializer=_start_worker, initargs=(os.getpid(), initializer, initargs))
    chunks = _chunks(items, chunksize)
    try:
        with _stops_held():  # the first submissions start the workers
            pending: deque[Future[list[R]]] = deque(pool.submit(_run_chunk, fn, c) for c in itertools.islice(chunks, jobs * AHEAD))
        while pending:
            done = pending.popleft().result()
            if (chunk := next(chunks, None)) is not None:  # one out, one in: the window stays the same
                pending.append(pool.submit(_run_chunk, fn, chunk))
            yield from done
    except BrokenProcessPool:
        raise WorkerError([Problem("batch.worker_died")]) from None
    finally:
        # On an early stop (Ctrl-C, an error in the caller) the queued chunks are dropped and the few
        # already handed to a worker finish. Workers are not killed: one killed while it sends a result
        # would leave the pool's reader waiting for the rest of that message forever.
        pool.shutdown(cancel_futures=True)


@contextlib.contextmanager
def _stops_held() -> Iterator[None]:
    """Hold SIGTERM and SIGHUP until the pool knows all its workers: stopped half-way through starting
    one, it could not tell that one to end. A signal held here arrives at the end of the block."""
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


def _run_chunk(fn: Callable[[T], R], chunk: list[T]) -> list[R]:
    return [fn(item) for item in chunk]


def _start_worker(parent: int, initializer: Callable[..., None], initargs: tuple[Any, ...]) -> None:
    # Ctrl-C in a terminal, a hang-up or a `kill` of the process group reach every process of the group;
    # the parent alone decides what they mean (it drops the queued work), so a worker must not die
    # half-way through a message to the parent.
    for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(number, signal.SIG_IGN)
    _die_with(parent)
    gc.set_threshold(GC_THRESHOLD, *gc.get_threshold()[1:])  # a worker lives for one run: nothing to restore
    initializer(*initargs)


def _die_with(parent: int) -> None:
    """End this worker when ``parent`` ends, however it ends (even SIGKILL): otherwise an orphan waits
    for minutes on a pipe nobody reads. Linux only (prctl); elsewhere the pool's own checks remain."""
    if sys.platform == "linux":
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent was gone before the line above: no signal will come
        os._exit(1)


def pool_context() -> Any:
    """Worker processes are forked where possible (cheapest on Linux), else the platform default."""
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() and os.name == "posix" else None
    return multiprocessing.get_context(method)


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
