"""`maturity migrate`: answers carried through the id map of tests/data/migrate (mini 1.0 -> 1.1,
one change of every kind), the map checked on load, the input never overwritten."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from maturity.cli.app import app
from maturity.errors import QuestionnaireError
from maturity.migrate import load_migration
from maturity.questionnaire import Catalog
from tests.conftest import DATA

PAIR = DATA / "migrate"
OLD = """\
# my answers
format: maturity-answers/1
questionnaire: {id: mini, version: "1.0"}
organisation: {name: Test Works, type: discrete}
assessment: {date: 2026-11-20, target_level: 3}
priorities: [quality]
not_asked: [a.4.01, a.5.01, b.2.02]
answers:
  a.1.01: full
  a.1.02: {rating: most, note: "paper forms in hall 2", evidence: [form.pdf]}
  a.2.01: {rating: partial, note: "only line 1"}
  a.3.01: {rating: na, reason: "no such activity"}
  b.1.01: most
  b.2.01: full
  b.3.01: partial
  b.4.01:
  c.2.01: none
"""


def run(*args: str, root: Path = PAIR, lang: str = "en") -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app, ["--questionnaires", str(root), *args], env={"MATURITY_LANG": lang}
    )
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def old(tmp_path: Path) -> Path:
    path = tmp_path / "old.yaml"
    path.write_text(OLD, encoding="utf-8")
    return path


def test_every_kind_of_change_is_carried_left_blank_or_dropped(old: Path, tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    code, _, err = run("migrate", str(old), "-o", str(new))
    assert code == 0, err
    data = yaml.safe_load(new.read_text(encoding="utf-8"))
    assert data["questionnaire"] == {"id": "mini", "version": "1.1"}
    assert data["organisation"] == {"name": "Test Works", "type": "discrete"}
    assert data["priorities"] == ["quality"]
    # mapped to the new ids; b.2.01 is asked: b.2.02 was not, but b.2.01 (merged with it) was
    assert data["not_asked"] == ["a.4.01", "a.5.01"]
    assert data["answers"] == {
        "a.1.01": "full",  # same
        "a.1.03": None,  # new
        "a.2.01": None,  # split: answer again
        "a.2.02": {  # moved, with note and evidence
            "rating": "most",
            "note": "paper forms in hall 2",
            "evidence": ["form.pdf"],
        },
        "a.2.03": None,
        "a.3.01": {"rating": "na", "reason": "no such activity"},  # N/A reason carried
        "b.1.01": "most",
        "b.2.01": None,
        "b.4.01": None,
        "b.5.01": None,
        "c.2.01": "none",
        "c.3.01": None,
        "c.4.01": None,
        "c.5.01": None,
    }  # b.3.01 retired, c.3.02 only for process plants
    text = new.read_text(encoding="utf-8")
    assert (
        '  # a.2.01 (split) was answered in 1.0: partial, "only line 1" - answer again\n'
        "  a.2.03:\n" in text
    )
    assert "# dropped: the answer to b.3.01 (requirement retired; see a.3.01)\n" in text
    assert "# my answers" not in text  # comments of the input are not kept (--help says so)
    assert err.splitlines() == [
        f"wrote {new}",
        "Answers carried to questionnaire mini 1.1: 5.",
        "Need an answer: 9",
        "  a.1.03  Statement new at level 1",
        "  a.2.01  Statement first half of old a.2.01",
        "  a.2.03  Statement second half of old a.2.01",
        "  b.2.01  Statement old b.2.01 and b.2.02 together",
        "  b.4.01  Statement b.4.01",
        "  b.5.01  Statement b.5.01",
        "  c.3.01  Statement",
        "  c.4.01  Statement",
        "  c.5.01  Statement",
        "Answers dropped (requirement retired): 1",
        "  b.3.01, see a.3.01",
    ]
    code, _, err = run("validate", str(new))
    assert code == 0, err  # the new file is a valid 1.1 file, its blanks listed as unanswered


def test_the_summary_speaks_chinese(old: Path, tmp_path: Path) -> None:
    code, _, err = run("migrate", str(old), "-o", str(tmp_path / "new.yaml"), lang="zh")
    assert code == 0, err
    assert "沿用到问卷 mini 1.1 的回答：5 条。" in err.splitlines()
    assert "  b.3.01，参见 a.3.01" in err.splitlines()


def test_it_works_without_the_old_version_installed(old: Path, tmp_path: Path) -> None:
    root = tmp_path / "q"
    shutil.copytree(PAIR / "mini-1.1", root / "mini-1.1")
    code, out, err = run("migrate", str(old), root=root)
    assert code == 0, err
    assert yaml.safe_load(out)["answers"]["a.2.02"]["rating"] == "most"
    old.write_text(OLD.replace("  b.1.01: most", "  x.1.01: most"), encoding="utf-8")
    code, _, err = run("migrate", str(old), root=root)
    assert code == 2
    assert err.splitlines()[0] == (
        f"error: {old}:13:3: unknown requirement id 'x.1.01': questionnaire mini 1.0 has no such "
        "item. Check the id against `maturity template mini`."
    )


def test_hostile_notes_survive_as_data_and_never_reach_the_terminal_raw(
    old: Path, tmp_path: Path
) -> None:
    old.write_text(
        OLD.replace('"paper forms in hall 2"', r'"a\e[2J\u2028b\nc"').replace(
            '"only line 1"', r'"x\e]0;t\u0007\u2029\u0085y"'
        ),
        encoding="utf-8",
    )
    new = tmp_path / "new.yaml"
    code, out, err = run("migrate", str(old), "-o", str(new))
    assert code == 0, err
    text = new.read_text(encoding="utf-8")
    assert yaml.safe_load(text)["answers"]["a.2.02"]["note"] == "a\x1b[2J\u2028b\nc"
    comment = '  # a.2.01 (split) was answered in 1.0: partial, "x\\x1b]0;t\\x07\\u2029\\x85y"'
    assert comment + " - answer again\n  a.2.01:\n" in text  # one line: nothing breaks out
    assert not any(c in text for c in "\x1b\x07\u2028\u2029\x85")  # escaped in YAML, not raw
    assert not any(c in out + err for c in "\x1b\x07\u2028\u2029\x85")
    code, _, err = run("validate", str(new))
    assert code == 0, err


def test_the_input_is_never_overwritten(old: Path, tmp_path: Path) -> None:
    hard = tmp_path / "hard.yaml"
    os.link(old, hard)
    soft = tmp_path / "soft.yaml"
    soft.symlink_to(old)
    for target in (old, hard, soft):
        code, _, err = run("migrate", str(old), "-o", str(target), "--force")
        assert code == 2
        assert err == (
            f"error: the output {target} is the same file as the input {old}; choose another "
            "output name so the input is not overwritten.\n"
        )
    assert old.read_text(encoding="utf-8") == OLD


def test_an_existing_output_needs_force(old: Path, tmp_path: Path) -> None:
    new = tmp_path / "new.yaml"
    new.write_text("precious\n", encoding="utf-8")
    code, _, err = run("migrate", str(old), "-o", str(new))
    assert (code, err) == (2, f"error: {new} already exists; add --force to overwrite it.\n")
    assert new.read_text(encoding="utf-8") == "precious\n"
    code, _, err = run("migrate", str(old), "-o", str(new), "--force")
    assert code == 0, err
    assert "version: '1.1'" in new.read_text(encoding="utf-8")


def test_a_file_of_the_newest_version_or_without_a_map_is_refused(
    old: Path, tmp_path: Path
) -> None:
    code, _, err = run("migrate", str(old), "--to", "1.0")
    assert (code, err.splitlines()[0]) == (
        2,
        f"error: {old}:3:27: the answer file is already for version 1.0 of questionnaire mini: "
        "nothing to migrate.",
    )
    root = tmp_path / "q"
    shutil.copytree(PAIR, root)
    shutil.rmtree(root / "mini-1.1" / "migrations")
    code, _, err = run("migrate", str(old), root=root)
    assert code == 2
    assert err.splitlines()[0] == (
        f"error: questionnaire mini 1.1 has no id map from version 1.0 (no folder "
        f"{root / 'mini-1.1' / 'migrations' / 'from-1.0'}). It has maps from: -."
    )


def test_a_broken_map_reports_every_problem_with_its_place(tmp_path: Path) -> None:
    root = tmp_path / "q"
    shutil.copytree(PAIR, root)
    maps = root / "mini-1.1" / "migrations" / "from-1.0"
    text = (maps / "a.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "a.1.01: {to: [a.1.01], change: same}", "a.9.01: {to: [a.1.01], change: same}"
    )
    text = text.replace("{to: [a.2.02], change: moved}", "{to: [a.2.02], change: same}")
    text = text.replace("{to: [a.3.01], change: same}", "{to: [a.3.09], change: same}")
    (maps / "a.yaml").write_text(text.replace("new: [a.1.03]", "new: []"), encoding="utf-8")
    with (maps / "c.yaml").open("a", encoding="utf-8") as handle:
        handle.write("  b.1.01: {to: [b.1.01], change: same}\n")
    text = (maps / "b.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "b.2.02: {to: [b.2.01], change: merged}", "b.2.02: {to: [b.1.01], change: moved}"
    )
    (maps / "b.yaml").write_text(text, encoding="utf-8")
    catalog = Catalog([root])
    with pytest.raises(QuestionnaireError) as caught:
        load_migration(catalog.load("mini"), "1.0", catalog.load("mini", "1.0"))
    a, b, c = (f"mini-1.1/migrations/from-1.0/{sub}.yaml" for sub in "abc")
    shown = [p.render("en") for p in caught.value.problems]
    assert shown == [
        f"{a}:4:3: '{'a.9.01'}' is not a requirement of sub-domain a in version 1.0.",
        f"{a}:5:17: 'a.1.02' is marked same, but its target 'a.2.02' is at level 2, not 1; use "
        "moved when the level changes.",
        f"{a}:7:17: 'a.3.09' is not a requirement of version 1.1.",
        f"{b}:6:3: 'b.2.02' and 'b.1.01' would both carry their answers to 'b.1.01': a "
        "requirement takes one answer; use merged.",
        f"{c}:9:3: id 'b.1.01' appears more than once.",
        f"{c}:9:3: 'b.1.01' is not a requirement of sub-domain c in version 1.0.",
        f"{a}:3:1: requirement 'a.1.01' of version 1.0 is missing from the map: list every old id "
        "of the sub-domain once.",
        f"{a}:10:1: requirement 'a.1.03' of version 1.1 is neither a target in the map nor listed "
        "under new.",
        f"{a}:10:1: requirement 'a.3.01' of version 1.1 is neither a target in the map nor listed "
        "under new.",
    ]


def test_the_built_in_map_covers_every_id() -> None:
    """Every 1.0.0 id once, every 1.1.0 id a target or new, all ids known (load_migration checks
    exactly that against both installed versions)."""
    catalog = Catalog()
    migration = load_migration(catalog.load("cmmm"), "1.0.0", catalog.load("cmmm", "1.0.0"))
    assert set(migration.entries) == {r.id for r in catalog.load("cmmm", "1.0.0").requirements}


def test_a_version_that_is_a_path_cannot_point_the_map_elsewhere(old: Path, tmp_path: Path) -> None:
    root = tmp_path / "q"
    shutil.copytree(PAIR, root)
    elsewhere = tmp_path / "evil"  # mini-1.1/migrations/from-1.0/../../../../evil
    shutil.copytree(PAIR / "mini-1.1" / "migrations" / "from-1.0", elsewhere)
    old.write_text(OLD.replace('version: "1.0"', 'version: "1.0/../../../../evil"'), "utf-8")
    code, _, err = run("migrate", str(old), root=root)
    assert code == 2
    assert err.splitlines()[0] == (
        "error: questionnaire mini 1.1 has no id map from version 1.0/../../../../evil (no folder "
        f"{root / 'mini-1.1' / 'migrations' / 'from-'}). It has maps from: 1.0."
    )


def test_a_narrowed_requirement_is_carried_and_listed_for_checking(
    old: Path, tmp_path: Path
) -> None:
    root = tmp_path / "q"
    shutil.copytree(PAIR, root)
    a_map = root / "mini-1.1" / "migrations" / "from-1.0" / "a.yaml"
    text = a_map.read_text(encoding="utf-8")
    a_map.write_text(
        text.replace(
            "a.3.01: {to: [a.3.01], change: same}", "a.3.01: {to: [a.3.01], change: narrowed}"
        ),
        encoding="utf-8",
    )
    new = tmp_path / "new.yaml"
    code, _, err = run("migrate", str(old), "-o", str(new), root=root)
    assert code == 0, err
    written = new.read_text(encoding="utf-8")
    assert yaml.safe_load(written)["answers"]["a.3.01"] == {
        "rating": "na",
        "reason": "no such activity",
    }
    assert (
        "  # a.3.01 carried from 1.0; the requirement is narrower/re-scoped now - check the rating\n"
        "  a.3.01:\n" in written
    )
    lines = err.splitlines()
    assert lines[1] == "Answers carried to questionnaire mini 1.1: 5."
    at = lines.index("Carried - check, the requirement is narrower/re-scoped now: 1")
    assert lines[at + 1].startswith("  a.3.01  ")
    code, _, err = run("migrate", str(old), "-o", str(tmp_path / "zh.yaml"), root=root, lang="zh")
    assert code == 0, err
    assert "沿用但请核对（要求现已收窄或调整范围）：1 条" in err.splitlines()
