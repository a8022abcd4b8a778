"""Where the bundled data lives, in a source checkout and in an installed wheel.

The wheel carries ``questionnaires/``, ``scoring_rules/`` and ``report_templates/`` under
``maturity/_data/`` (see pyproject.toml); a source checkout has them at the repository root.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ENV_QUESTIONNAIRES = "MATURITY_QUESTIONNAIRES"


def data_root() -> Path:
    installed = PACKAGE_DIR / "_data"
    return installed if installed.is_dir() else PACKAGE_DIR.parent


def builtin_dir(name: str) -> Path:
    """``questionnaires``, ``scoring_rules`` or ``report_templates`` shipped with maturity."""
    return data_root() / name


def questionnaire_search_path(extra: list[Path] | None = None) -> list[Path]:
    """User directories first (``--questionnaires``, then $MATURITY_QUESTIONNAIRES), built-ins last."""
    dirs = list(extra or [])
    env = os.environ.get(ENV_QUESTIONNAIRES)
    if env:
        dirs.extend(Path(p) for p in env.split(os.pathsep) if p)
    dirs.append(builtin_dir("questionnaires"))
    return dirs
