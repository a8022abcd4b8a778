"""Command-line interface: a thin layer over the library."""

from __future__ import annotations

from maturity.cli import assess_command, core_commands, report_command, sign_commands  # noqa: F401  (registers the commands)
from maturity.cli.app import app


def main() -> None:
    app(prog_name="maturity")


__all__ = ["app", "main"]
