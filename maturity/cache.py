"""A start-up cache for validated questionnaires (JSON, never pickle).

Loading the 20 sub-domain files of a questionnaire costs more than everything else `maturity score`
does for one answer file. The validated questionnaire is therefore kept as one JSON document per
(maturity version, questionnaire files with their sizes and modification times); any change to a
file gives a new key, and a cache that cannot be read or written is simply not used.
Location: $MATURITY_CACHE_DIR, else $XDG_CACHE_HOME/maturity, else ~/.cache/maturity;
MATURITY_CACHE_DIR=off disables it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

from maturity import __version__
from maturity.atomic import write_atomic

ENV = "MATURITY_CACHE_DIR"


def cache_dir() -> Path | None:
    configured = os.environ.get(ENV)
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "maturity"


def key(kind: str, files: Iterable[Path]) -> str | None:
    """A name for the cached form of ``files``; None when caching is off or a file is unreadable."""
    digest = hashlib.sha256(f"{kind}\0{__version__}".encode())
    try:
        for path in sorted(files):
            stat = path.stat()
            digest.update(f"\0{path.resolve()}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    except OSError:
        return None
    return f"{kind}-{digest.hexdigest()[:32]}.json"


def read(name: str | None) -> bytes | None:
    folder = cache_dir()
    if name is None or folder is None:
        return None
    try:
        return (folder / name).read_bytes()
    except OSError:
        return None


def write(name: str | None, data: bytes) -> None:
    folder = cache_dir()
    if name is None or folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / name, data)
    except OSError:
        pass  # a read-only home or a full disk only costs speed
