"""Command-line interface: a thin layer over the library."""

from __future__ import annotations

from maturity.cli import (  # noqa: F401  (importing registers the commands)
    assess_command,
    benchmark_command,
    core_commands,
    history_commands,
    report_command,
    sign_commands,
)
from maturity.cli.app import app


def main() -> None:
    app(prog_name="maturity")


__all__ = ["app", "main"]
