"""Docs that cannot drift: the CLI reference is generated from the app and must be current."""

from __future__ import annotations

import typer
import typer.main

from maturity.cli import app
from maturity.docgen import EXIT_MEANINGS, render
from maturity.errors import ExitCode
from tests.conftest import REPO


def test_cli_reference_is_current() -> None:
    committed = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == render(), "docs/cli.md is stale: run `make docs`"


def test_every_command_has_help_and_appears_in_the_readme() -> None:
    group = typer.main.get_command(app)
    ctx = typer.Context(group)
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in group.list_commands(ctx):  # type: ignore[attr-defined]
        command = group.get_command(ctx, name)  # type: ignore[attr-defined]
        assert command.help, name
        assert f"maturity {name}" in readme, f"README does not mention `maturity {name}`"


def test_every_exit_code_is_documented_in_the_reference_and_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert set(EXIT_MEANINGS) == set(ExitCode)
    for code in ExitCode:
        assert f"\n| {int(code)} | " in readme, f"README's exit codes miss {int(code)}"
