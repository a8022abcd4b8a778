"""Atomic file output: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from maturity.errors import InputError, Problem


def write_atomic(path: Path, data: str | bytes, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` at once (see :func:`atomic_stream`)."""
    with atomic_stream(path, mode) as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)


@contextmanager
def atomic_stream(path: Path, mode: int | None = None) -> Iterator[IO[bytes]]:
    """A stream whose content replaces ``path`` only when the ``with`` block ends without an error.

    It writes a temporary file in the same directory and renames it. A symlink is followed (its
    target is replaced, not the link), and a path that exists but is not a regular file
    (``/dev/null``, ``/dev/stdout``, a FIFO) is written in place: renaming over a device node would
    replace it with a plain file. ``mode`` is set before the file appears (e.g. 0o600 for a private
    key); otherwise an existing file keeps its mode and a new one follows the umask.
    """
    target = path.resolve() if path.is_symlink() else path
    if target.is_dir():
        raise InputError([Problem("cli.output_is_dir", {"path": str(path)})])
    if target.exists() and not target.is_file():
        with open(target, "wb") as special:
            yield special
        return
    directory = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:
            mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    current = os.umask(0)  # reading the umask means setting it; put it back at once
    os.umask(current)
    return current
