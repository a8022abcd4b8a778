"""Command-line interface: a thin layer over the library."""

from __future__ import annotations

from maturity.cli.app import app
from maturity.cli.commands import (  # noqa: F401  (importing registers the commands)
    assess,
    benchmark,
    history,
    migrate,
    questionnaire,
    report,
    score,
    sign,
)


def main() -> None:
    app(prog_name="maturity")


__all__ = ["app", "main"]
