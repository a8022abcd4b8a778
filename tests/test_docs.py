"""Docs that cannot drift: the CLI reference is generated from the app and must be current."""

from __future__ import annotations

from pathlib import Path

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


def test_model_doc_counts_the_1_0_0_to_1_1_0_changes_as_the_id_map_does() -> None:
    # docs/model.md quotes how many 1.0.0 requirements were kept, narrowed, moved, split, merged,
    # retired and how many are new: the numbers must be those of the map kept as data
    import re
    from collections import Counter

    import yaml

    root = Path(__file__).resolve().parent.parent
    counts: Counter[str] = Counter()
    for path in (root / "questionnaires/cmmm/migrations/from-1.0.0").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        counts.update(entry["change"] for entry in data["map"].values())
        counts["new"] += len(data.get("new", []))
    text = " ".join((root / "docs/model.md").read_text(encoding="utf-8").split())
    quoted = re.search(
        r"Of the (\d+) requirements of 1\.0\.0, (\d+) keep their id and practice.*?, (\d+) keep "
        r"their id but were narrowed.*?, (\d+) moved .*?, (\d+) were split and (\d+) merged .*?, "
        r"(\d+) retired .*? (\d+) requirements are new",
        text,
    )
    assert quoted is not None
    expected = [sum(v for k, v in counts.items() if k != "new")] + [
        counts[k] for k in ("same", "narrowed", "moved", "split", "merged", "retired", "new")
    ]
    assert [int(n) for n in quoted.groups()] == expected
