"""A start-up cache for validated questionnaires (JSON, never pickle).

Loading the 20 sub-domain files of a questionnaire costs more than everything else `maturity score`
does for one answer file. The validated questionnaire is therefore kept as one JSON document per
(maturity version, questionnaire files with the sha256 of their content); any change to a file gives
a new key (a size and modification time can be kept or restored by an edit, so they are not
enough), and a cache that cannot be read or written is simply not used.
The folder is the caller's choice (the CLI: $MATURITY_CACHE_DIR, else $XDG_CACHE_HOME/maturity,
else ~/.cache/maturity); the library uses none unless given one.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from maturity import __version__, yamlio
from maturity.atomic import write_atomic
from maturity.errors import InputError

MAX_BYTES = 64 * 1024 * 1024  # far above the largest cached questionnaire (~1 MB)


def key(kind: str, files: Iterable[Path]) -> str | None:
    """A name for the cached form of ``files``; None when a file is unreadable."""
    digest = hashlib.sha256(f"{kind}\0{__version__}".encode())
    try:
        for path in sorted(files):
            # hashing the ~40 small files of a questionnaire costs well under a millisecond
            digest.update(f"\0{path.resolve()}\0".encode())
            digest.update(hashlib.sha256(yamlio.read_bytes(path)).digest())
    except (OSError, InputError):  # the load that follows reports what is wrong with the file
        return None
    return f"{kind}-{digest.hexdigest()[:32]}.json"


def read(folder: Path, name: str | None) -> bytes | None:
    if name is None:
        return None
    try:
        if not _private(folder / name):
            return None
        return yamlio.read_bytes(folder / name, max_bytes=MAX_BYTES)
    except (OSError, InputError):  # missing, unreadable, damaged, not a file: simply not used
        return None


def _private(path: Path) -> bool:
    """Served only if this user wrote it and nobody else may change it: a cache entry is trusted
    as a validated questionnaire, so one planted in a shared folder would change every result."""
    info = path.stat()
    return info.st_uid == os.geteuid() and not info.st_mode & 0o022


def write(folder: Path, name: str | None, data: bytes) -> None:
    if name is None:
        return
    target = folder / name
    try:  # is_symlink() and exists() raise too, in a folder that cannot be searched
        if target.is_symlink() or (target.exists() and not target.is_file()):
            return  # written in place, a FIFO would block; a symlink would be followed elsewhere
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data, mode=0o600)  # private: see _private
    except (OSError, InputError):  # write_atomic reports as InputError; either only costs speed
        pass
