"""Where the bundled data lives, in a source checkout and in an installed wheel.

The wheel carries ``questionnaires/``, ``scoring_rules/`` and ``report_templates/`` under
``maturity/_data/`` (see pyproject.toml); a source checkout has them at the repository root.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def data_root() -> Path:
    installed = PACKAGE_DIR / "_data"
    return installed if installed.is_dir() else PACKAGE_DIR.parent


def builtin_dir(name: str) -> Path:
    """``questionnaires``, ``scoring_rules`` or ``report_templates`` shipped with maturity."""
    return data_root() / name
