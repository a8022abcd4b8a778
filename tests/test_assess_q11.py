"""Questionnaire 1.1, `assess`: starting from a quick scan (`--from`), and an interview that
respects the user's time (issue 12, items 5 and 6)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from maturity.cli import app
from tests.conftest import DATA, MINI, write_yaml
from tests.test_assess import PROFILE, TAILOR, assess, saved

QUICK_MINI = DATA / "quick-mini"


def test_a_quick_scan_question_is_answered_na_at_the_prompt(tmp_path: Path) -> None:
    code, out, err, path = assess(
        tmp_path, [*PROFILE, "n", "", "no strategy yet", "q"], questionnaire="quick"
    )
    assert code == 0, err
    assert "n Not applicable (the whole sub-domain does not concern you; give a reason)" in out
    assert saved(path)["answers"] == {"strategy": {"rating": "na", "reason": "no strategy yet"}}


# --- assess --from ----------------------------------------------------------------------------
def _quick_mini_answers(tmp_path: Path) -> Path:
    data = {
        "format": "maturity-answers/1",
        "questionnaire": {"id": "quick_mini", "version": "0.1"},
        "organisation": {
            "name": "Quick Works",
            "type": "discrete",
            "profile": "mixed",
            "industry": "toys",
            "region": "Suzhou",
            "size": "small",
        },
        "assessment": {"date": "2026-11-20", "target_level": 2},
        "priorities": ["quality"],
        "tailoring": {"b": "no b here"},
        "answers": {"a": 2, "b": 0, "c": {"rating": "na", "reason": "we do not do c"}},
    }
    return write_yaml(tmp_path / "quick.yaml", data)


def _assess_from(tmp_path: Path, source: Path, lines: list[str]) -> tuple[int, str, str, Path]:
    out = tmp_path / "full.yaml"
    cli = ["--questionnaires", str(MINI), "--questionnaires", str(QUICK_MINI)]
    result = CliRunner().invoke(
        app,
        [*cli, "assess", "mini", "--from", str(source), "-o", str(out)],
        input="".join(f"{line}\n" for line in lines),
        env={"COLUMNS": "120"},
    )
    return result.exit_code, " ".join(result.stdout.split()), result.stderr, out


def test_assess_from_a_quick_scan_reuses_it_and_starts_where_it_points(tmp_path: Path) -> None:
    source = _quick_mini_answers(tmp_path)
    lines = ["", TAILOR, "4", "3", "2", "q"]  # assessor, then sub-domain a
    code, out, err, path = _assess_from(tmp_path, source, lines)
    assert code == 0, err
    data = saved(path)
    assert data["organisation"] == {
        "name": "Quick Works",
        "type": "discrete",
        "profile": "mixed",
        "industry": "toys",
        "region": "Suzhou",
        "size": "small",
    }
    assert data["assessment"]["target_level"] == 2  # type: ignore[index]
    assert data["priorities"] == ["quality"]
    assert data["tailoring"] == {"b": "no b here", "c": "we do not do c"}  # c: its N/A
    # a chose level 2: levels 2 and 3 first, then the rest
    assert data["answers"] == {"a.2.01": "full", "a.3.01": "most", "a.1.01": "partial"}
    screens = out.split("Your choice")
    assert ["a.2.01" in screens[0], "a.3.01" in screens[1], "a.1.01" in screens[2]] == [True] * 3
    assert "c.2.01" not in data.get("not_asked", [])  # type: ignore[operator]


def test_assess_from_needs_a_quick_scan_of_the_questionnaire(tmp_path: Path) -> None:
    source = write_yaml(
        tmp_path / "mini.yaml",
        {
            "format": "maturity-answers/1",
            "questionnaire": {"id": "mini", "version": "0.1"},
            "organisation": {"name": "W", "type": "discrete"},
            "assessment": {"date": "2026-11-20"},
            "answers": {},
        },
    )
    code, _, err, path = _assess_from(tmp_path, source, [])
    assert code == 2
    assert err == (
        f"error: {source}: this answer file is for questionnaire mini, not a quick scan of mini; "
        "--from needs a quick-scan answer file (maturity assess quick).\n"
    )
    assert not path.exists()


# --- an interview that respects the user's time ------------------------------------------------
ALL_LEVELS = [TAILOR, *"444444", TAILOR, *"444444", TAILOR, *"4444"]


def test_all_answered_only_when_true(tmp_path: Path) -> None:
    code, out, err, path = assess(tmp_path, PROFILE + ALL_LEVELS, "--all-levels")
    assert code == 0, err
    assert f"All answered. Answer file: {path}" in out


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        (
            {},
            "Not everything is answered: 1 skipped (they score 0 until answered; continue with "
            "--resume), 0 not asked. Answer file: {path}",
        ),
        (
            {"MATURITY_LANG": "zh"},
            "尚未全部作答：跳过 1 题（按未作答计 0 分，用 --resume 补答），未问 0 题。答卷：{path}",
        ),
    ],
)
def test_the_closing_message_says_what_was_skipped(
    tmp_path: Path, env: dict[str, str], expected: str
) -> None:
    lines = [*ALL_LEVELS[:-1], "s"]
    out = tmp_path / "answers.yaml"
    result = CliRunner().invoke(
        app,
        ["--questionnaires", str(MINI), "assess", "mini", "-o", str(out), "--all-levels"],
        input="".join(f"{line}\n" for line in PROFILE + lines),
        env={"COLUMNS": "400", **env},
    )
    assert result.exit_code == 0, result.stderr
    assert expected.format(path=out) in result.stdout
    assert "All answered" not in result.stdout and "全部作答完毕" not in result.stdout


def test_number_keys_mean_the_same_direction_in_both_questionnaires(tmp_path: Path) -> None:
    (tmp_path / "f").mkdir()
    (tmp_path / "q").mkdir()
    _, full, _, _ = assess(tmp_path / "f", [*PROFILE, TAILOR, "h", "1", "q"])
    _, quick, _, _ = assess(tmp_path / "q", [*PROFILE, "h", "1", "q"], questionnaire="quick")
    assert "a higher number means more done (as in the quick scan): 4 fully met" in full
    assert "4 full — full 3 most — most 2 partial — partial 1 none — none n na — na" in full
    assert "a higher number means more done (as in the full questionnaire)" in quick
    assert "higher number = more done · n N/A" in full and "higher number = more done" in quick


def test_the_target_prompt_explains_each_level_in_one_line(tmp_path: Path) -> None:
    _, out, _, _ = assess(tmp_path, PROFILE[:6])
    levels = " ".join(f"{n} Level {n}: Level {n} summary" for n in range(1, 6))
    assert f"{levels} Target level (1-5) [2]" in out


def test_the_profile_prompt_offers_the_industry_profiles_that_fit_the_type(
    tmp_path: Path,
) -> None:
    # a discrete firm is discrete or mixed; offering "batch" to it wrote a file that failed
    # validation (profile contradicts type)
    _, out, _, path = assess(tmp_path, [*PROFILE[:5], "2"])
    assert (
        "1 Discrete (parts, assembly) 2 Mixed (discrete and process) Industry profile (1-2) [1]"
    ) in out
    assert "Batch process" not in out
    assert saved(path)["organisation"]["profile"] == "mixed"  # type: ignore[index]


def test_an_na_reason_is_reused_with_one_keystroke_within_a_sub_domain(tmp_path: Path) -> None:
    lines = [*PROFILE, TAILOR, "n", "no own design", "n", "", "4", "4", TAILOR, "n", "x", "q"]
    code, out, err, path = assess(tmp_path, lines)
    assert code == 0, err
    assert "Why does it not apply? (Enter: same reason as before) [no own design]" in out
    assert out.count("Why does it not apply? (required)") == 2  # a's first, b's first
    reason = {"rating": "na", "reason": "no own design"}
    assert saved(path)["answers"] == {
        "a.1.01": reason,
        "a.1.02": reason,
        "a.2.01": "full",
        "a.3.01": "full",
        "b.1.01": {"rating": "na", "reason": "x"},
    }


def test_a_whole_sub_domain_is_tailored_out_with_one_prompt(tmp_path: Path) -> None:
    lines = [*PROFILE, "n", "", "contract work only", TAILOR, "4", "q"]
    code, out, err, path = assess(tmp_path, lines)
    assert code == 0, err
    assert "'Sub-domain a' (4 questions): Enter to answer them, n if the whole" in out
    assert "Not applicable needs a reason." in out
    data = saved(path)
    assert data["tailoring"] == {"a": "contract work only"}
    assert data["answers"] == {"b.1.01": "full"}  # a's items were not asked
    assert data["not_asked"] == ["b.4.01", "b.5.01", "c.4.01", "c.5.01"]
    # resumed: a stays tailored, b (touched) is not offered again
    code, out, err, _ = assess(tmp_path, ["3", "q"], "--resume", str(path))
    assert code == 0, err
    assert "Sub-domain a" not in out and "(4 questions)" not in out
    assert saved(path)["answers"] == {"b.1.01": "full", "b.2.01": "most"}


def test_assess_from_starts_a_new_file_only(tmp_path: Path) -> None:
    source = _quick_mini_answers(tmp_path)
    result = CliRunner().invoke(
        app, ["assess", "--resume", str(source), "--from", str(source)], input="q\n"
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "error: --from starts a new assessment; it cannot be combined with --resume.\n"
    )
