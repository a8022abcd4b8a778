"""The commands `make demo` runs must work: they are the first thing a new user sees."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from maturity.cli import app
from tests.conftest import REPO


def demo_commands() -> list[list[str]]:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^demo:.*?\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe, "no demo target in the Makefile"
    commands = [
        shlex.split(line.strip().removesuffix(">/dev/null"))
        for line in recipe.group(1).splitlines()
    ]
    return [cmd[1:] for cmd in commands if cmd and cmd[0] == "$(BIN)/maturity"]


def test_demo_commands_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commands = demo_commands()
    assert len(commands) >= 4
    monkeypatch.chdir(REPO)
    for command in commands:
        args = [a.replace("$(OUT)", str(tmp_path)) for a in command]
        if args[0] == "report" and any(a.endswith(".pdf") for a in args):
            continue  # PDF rendering is covered by tests/test_report.py; keep this test fast
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 0, (args, result.stderr)
