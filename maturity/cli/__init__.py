"""Command-line interface: a thin layer over the library."""

from __future__ import annotations

import os

# This process uses no pydantic plugins; skipping their discovery (an entry-point scan of every
# installed package) saves a tenth of the start-up time. Set before pydantic is first imported.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from maturity.cli.app import app
from maturity.cli.commands import (  # noqa: F401  (importing registers the commands)
    assess,
    benchmark,
    history,
    questionnaire,
    report,
    score,
    sign,
)


def main() -> None:
    app(prog_name="maturity")


__all__ = ["app", "main"]
