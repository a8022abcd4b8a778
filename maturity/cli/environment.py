"""The environment variables the CLI reads for the library (the library itself reads none)."""

from __future__ import annotations

import os
from pathlib import Path

QUESTIONNAIRES = "MATURITY_QUESTIONNAIRES"
CACHE_DIR = "MATURITY_CACHE_DIR"


def questionnaire_dirs(given: list[Path]) -> list[Path]:
    """``--questionnaires`` first, then $MATURITY_QUESTIONNAIRES (os.pathsep-separated); built-ins
    come after both."""
    configured = os.environ.get(QUESTIONNAIRES)
    return (
        [*given, *(Path(p) for p in configured.split(os.pathsep) if p)]
        if configured
        else list(given)
    )


def cache_dir() -> Path | None:
    """$MATURITY_CACHE_DIR ("off": none), else $XDG_CACHE_HOME/maturity, else ~/.cache/maturity."""
    configured = os.environ.get(CACHE_DIR)
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "maturity"
