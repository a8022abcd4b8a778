"""Consistency checks (maturity.consistency) through validate, score and the report.

The fixture is the mini questionnaire with one link added: b.2.01 presupposes b.1.01.
Mini: a: L1 x2, L2, L3, L4, L5; b: L1, L2 x2, L3, L4, L5; c: L2, L3, L3 (process), L4, L5.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from maturity.cli import app
from maturity.questionnaire import load_questionnaire
from tests.conftest import MINI, answer_doc, write_yaml

LINKED = "b.2.01"  # presupposes b.1.01


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    path = folder / "subdomains" / "b.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for req in data["requirements"]:
        if req["id"] == LINKED:
            req["presupposes"] = ["b.1.01"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return folder


def _all_full(folder: Path) -> dict[str, Any]:
    from maturity.schema.base import Profile

    q = load_questionnaire(folder)
    return {r.id: "full" for r in q.applicable(Profile.discrete)}


def run(folder: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--questionnaires", str(folder), *args, "--lang", "en"])
    return result.exit_code, result.stdout, result.stderr


def write(folder: Path, tmp_path: Path, answers: dict[str, Any], **extra: Any) -> Path:
    q = load_questionnaire(folder)
    return write_yaml(tmp_path / "a.yaml", answer_doc(q, answers, **extra))


def line_of(path: Path, req_id: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith(f"{req_id}:"))


def test_a_clean_file_has_no_notes(linked: Path, tmp_path: Path) -> None:
    path = write(linked, tmp_path, _all_full(linked))
    code, _, err = run(linked, "validate", str(path))
    assert (code, err) == (0, f"{path}: no errors.\n")


def test_higher_level_met_while_lower_is_not(linked: Path, tmp_path: Path) -> None:
    answers = _all_full(linked)
    answers.update({"b.2.01": "none", "b.2.02": "partial"})  # b: L2 = 0.25, L3 = 1
    path = write(linked, tmp_path, answers)
    code, _, err = run(linked, "validate", str(path))
    assert code == 0
    assert err.splitlines()[0] == (
        f"warning: {path}:{line_of(path, 'b.2.01')}:3: level 3 of Sub-domain b is met at 1.00 "
        "(gate 0.80) but level 2 only at 0.25: check the level-2 answers or the level-3 ones."
    )


def test_unanswered_items_are_no_inversion(linked: Path, tmp_path: Path) -> None:
    answers = _all_full(linked)
    del answers["b.2.01"], answers["b.2.02"]  # unanswered scores 0, but was not said to be 0
    path = write(linked, tmp_path, answers)
    _, _, err = run(linked, "validate", str(path))
    assert "level 3 of" not in err


def test_na_under_a_rated_requirement_that_presupposes_it(linked: Path, tmp_path: Path) -> None:
    answers = _all_full(linked)
    answers["b.1.01"] = {"rating": "na", "reason": "no such activity"}
    path = write(linked, tmp_path, answers)
    _, _, err = run(linked, "validate", str(path))
    assert err.splitlines()[0] == (
        f"warning: {path}:{line_of(path, LINKED)}:3: '{LINKED}' is rated full, but 'b.1.01', "
        "which it presupposes, is marked N/A (no such activity): if that activity does not "
        "exist, this one cannot be in place. Check both answers."
    )
    answers[LINKED] = "none"  # consistent: nothing built on the missing activity
    path = write(linked, tmp_path, answers)
    assert "presupposes" not in run(linked, "validate", str(path))[2]


def test_only_third_party_needs_evidence(linked: Path, tmp_path: Path) -> None:
    answers = _all_full(linked)
    answers["a.1.02"] = {"rating": "most", "evidence": ["audit report 2026"]}
    for mode, expected in (("third_party", len(answers) - 1), ("consultant", 0), ("self", 0)):
        assessment = {"date": "2026-11-20", "target_level": 3, "mode": mode}
        path = write(linked, tmp_path, answers, assessment=assessment)
        _, _, err = run(linked, "validate", str(path))
        notes = [line for line in err.splitlines() if "lists no evidence" in line]
        assert len(notes) == expected, mode


def test_third_party_message_text(linked: Path, tmp_path: Path) -> None:
    answers: dict[str, Any] = {i: {"rating": "full", "evidence": ["x"]} for i in _all_full(linked)}
    answers["a.1.01"] = "full"
    assessment = {"date": "2026-11-20", "target_level": 3, "mode": "third_party"}
    path = write(linked, tmp_path, answers, assessment=assessment)
    _, _, err = run(linked, "validate", str(path))
    assert err.splitlines()[0] == (
        f"warning: {path}:{line_of(path, 'a.1.01')}:3: 'a.1.01' is rated full in a third-party "
        "assessment but lists no evidence. Name the document, record or system that shows it "
        "under evidence:."
    )


def test_strict_makes_notes_errors(linked: Path, tmp_path: Path) -> None:
    answers = _all_full(linked)
    answers["b.1.01"] = {"rating": "na", "reason": "no such activity"}
    path = write(linked, tmp_path, answers)
    for command in ("validate", "score"):
        code, out, err = run(linked, command, str(path), "--strict")
        assert code == 2, command
        assert err.startswith(f"error: {path}:{line_of(path, LINKED)}:3: '{LINKED}' is rated")
        assert out == ""


def test_score_warns_and_still_scores(linked: Path, tmp_path: Path) -> None:
    answers = _all_full(linked)
    answers["b.1.01"] = {"rating": "na", "reason": "no such activity"}
    path = write(linked, tmp_path, answers)
    code, out, err = run(linked, "score", str(path), "-f", "json")
    assert code == 0
    assert err.startswith(f"warning: {path}:{line_of(path, LINKED)}:3: '{LINKED}' is rated")
    assert '"level": 5' in out


def test_hostile_reason_does_not_reach_the_terminal_raw(linked: Path, tmp_path: Path) -> None:
    answers = _all_full(linked)
    answers["b.1.01"] = {"rating": "na", "reason": "\x1b]0;pwned\x07\nerror: fake line"}
    path = write(linked, tmp_path, answers)
    _, _, err = run(linked, "validate", str(path))
    assert "\x1b" not in err and "\x07" not in err
    assert "marked N/A (\\x1b]0;pwned\\x07\\x0aerror: fake line)" in err
    assert not any(line.startswith("error:") for line in err.splitlines())


def test_report_annex_lists_the_notes_in_the_readers_language(linked: Path, tmp_path: Path) -> None:
    answers = _all_full(linked)
    answers["b.1.01"] = {"rating": "na", "reason": "no such activity"}
    path = write(linked, tmp_path, answers)
    for lang, heading, text in (
        (
            "en",
            "### Consistency notes",
            "**Requirements rated as in place although what they presuppose is marked N/A: 1**",
        ),
        ("zh", "### 检查提示", "**前提被标为不适用、本身却评为已开展的要求：1 条**"),
    ):
        out = tmp_path / f"r-{lang}.md"
        report = _report(linked, path, out, lang)
        assert heading in report and text in report, lang
        assert f"| {LINKED} ← b.1.01 |" in report and "evidence:" not in report


@pytest.mark.parametrize(
    ("lang", "title", "row"),
    [
        (
            "en",
            "**Ratings the assessor gave no basis for: 2 (fully or mostly met in a third-party"
            " assessment, with no evidence listed)**",
            "| Sub-domain a | 2 | a.1.01, a.1.02 |",
        ),
        (
            "zh",
            "**评估人未说明依据的评分：2 条（第三方评估中评为全部满足或大部分满足，但没有列出证据）**",
            "| 子域a | 2 | a.1.01, a.1.02 |",
        ),
    ],
)
def test_report_sums_up_missing_evidence_by_subdomain(
    linked: Path, tmp_path: Path, lang: str, title: str, row: str
) -> None:
    """One finding for the reader, not one sentence per requirement telling them to edit YAML."""
    answers: dict[str, Any] = {i: {"rating": "full", "evidence": ["x"]} for i in _all_full(linked)}
    answers["a.1.01"] = answers["a.1.02"] = "full"
    assessment = {"date": "2026-11-20", "target_level": 3, "mode": "third_party"}
    path = write(linked, tmp_path, answers, assessment=assessment)
    report = _report(linked, path, tmp_path / "r.md", lang)
    assert title in report and row in report
    assert report.count("a.1.01") == 1 and "evidence:" not in report


def test_report_without_notes_has_no_section(linked: Path, tmp_path: Path) -> None:
    path = write(linked, tmp_path, _all_full(linked))
    out = tmp_path / "r.md"
    assert "Consistency notes" not in _report(linked, path, out, "en")


def _report(folder: Path, answers: Path, out: Path, lang: str) -> str:
    args = ["report", str(answers), "-o", str(out), "--format", "md", "--lang", lang]
    result = CliRunner().invoke(app, ["--questionnaires", str(folder), *args])
    assert result.exit_code == 0, result.stderr
    return out.read_text(encoding="utf-8")
