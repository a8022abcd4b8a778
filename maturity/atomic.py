"""Atomic file output: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import io
import os
import stat
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


def file_id(path: Path | str) -> tuple[int, int] | None:
    """(device, inode) of a regular file, links followed; None for anything else or a path that
    cannot be read.

    Two names of one file (a symlink, a hard link, ``./a`` and ``a``) share it: one system call, no
    resolving. Devices and FIFOs are left out: writing to ``/dev/stdout`` destroys nothing.
    """
    try:
        found = os.stat(path)
    except (OSError, ValueError):  # missing, unreadable, a name too long, a NUL byte
        return None
    return (found.st_dev, found.st_ino) if stat.S_ISREG(found.st_mode) else None


def output_failed(path: Path, exc: OSError) -> InputError:
    """An output that cannot be written (full disk, read-only folder, name too long...): bad input,
    not a bug."""
    return InputError([Problem("output.failed", {"path": str(path), "reason": os_reason(exc)})])


def os_reason(exc: OSError) -> str:
    """The system's words for an error ("No space left on device"), without errno and file name."""
    return os.strerror(exc.errno) if exc.errno else str(exc)


class _Output(io.FileIO):
    """The output file: an error while writing it names the output instead of surfacing as a bare
    OSError."""

    def __init__(self, file: str | int, shown: Path) -> None:
        super().__init__(file, "wb")
        self.shown = shown

    def write(self, data: object) -> int:
        try:
            return super().write(data)  # type: ignore[arg-type]
        except OSError as exc:
            raise output_failed(self.shown, exc) from exc


@contextmanager
def atomic_stream(path: Path, mode: int | None = None) -> Iterator[IO[bytes]]:
    """A stream whose content replaces ``path`` only when the ``with`` block ends without an error.

    It writes a temporary file in the same directory and renames it. A symlink is followed (its
    target is replaced, not the link), and a path that exists but is not a regular file
    (``/dev/null``, ``/dev/stdout``, a FIFO) is written in place: renaming over a device node would
    replace it with a plain file. ``mode`` is set before the file appears (e.g. 0o600 for a private
    key); otherwise an existing file keeps its mode and a new one follows the umask. An output that
    cannot be written raises :class:`InputError` naming it, and leaves no temporary file.
    """
    try:
        target = path.resolve() if path.is_symlink() else path
        if target.is_dir():
            raise InputError([Problem("core.output_is_dir", {"path": str(path)})])
        special = target.exists() and not target.is_file()
        if not special:
            directory = target.parent if str(target.parent) else Path(".")
            fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise output_failed(path, exc) from exc
    if special:
        with _opened(_Output(str(target), path), path) as handle:
            yield handle
        return
    try:
        with _opened(_Output(fd, path), path) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:
            mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        raise output_failed(path, exc) from exc
    finally:
        Path(tmp).unlink(
            missing_ok=True
        )  # gone already once renamed; removed on any error or signal


@contextmanager
def _opened(raw: _Output, path: Path) -> Iterator[IO[bytes]]:
    """A buffered stream over ``raw``; the last flush at close fails as the output, too
    (``/dev/full``)."""
    handle = io.BufferedWriter(raw)
    try:
        yield handle
    finally:
        try:
            handle.close()
        except OSError as exc:
            raise output_failed(path, exc) from exc


def _umask() -> int:
    current = os.umask(0)  # reading the umask means setting it; put it back at once
    os.umask(current)
    return current
