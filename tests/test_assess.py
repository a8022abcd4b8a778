"""``maturity assess`` driven through piped standard input (the PTY tests are in test_assess_pty.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from maturity.cli import app
from maturity.i18n import Lang
from maturity.questionnaire import Questionnaire
from tests.conftest import MINI

# name, industry, region, size, type, profile, target, assessor, priorities
PROFILE = ["Test Works", "toys", "", "3", "1", "", "2", "", "2 4"]
TAILOR = ""  # Enter at a sub-domain's tailoring prompt: its items are asked


def assess(
    tmp_path: Path, lines: list[str], *args: str, questionnaire: str = "mini"
) -> tuple[int, str, str, Path]:
    out = tmp_path / "answers.yaml"
    cli = ["--questionnaires", str(MINI), "assess", questionnaire, "-o", str(out), *args]
    if "--resume" in args:
        cli.remove("-o")
        cli.remove(str(out))
    result = CliRunner().invoke(
        app, cli, input="".join(f"{line}\n" for line in lines), env={"COLUMNS": "120"}
    )
    # rich wraps long lines: compare the screen text with whitespace folded
    return result.exit_code, " ".join(result.stdout.split()), result.stderr, out


def saved(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_profile_then_answers_up_to_target_plus_one(tmp_path: Path, mini: Questionnaire) -> None:
    # target 2 -> levels 1-3 asked: a.1.01 a.1.02 a.2.01 a.3.01 b.1.01 b.2.01 b.2.02 b.3.01 c.2.01 c.3.01
    answers = [TAILOR, "4", "4", "3", "2", TAILOR, "4", "3", "3", "1", TAILOR, "4", "n", "not ours"]
    code, out, err, path = assess(tmp_path, PROFILE + answers)
    assert code == 0, err
    data = saved(path)
    assert data["organisation"] == {
        "name": "Test Works",
        "industry": "toys",
        "size": "medium",
        "type": "discrete",
        "profile": "discrete",
    }
    assert data["assessment"]["target_level"] == 2  # type: ignore[index]
    assert data["priorities"] == ["quality", "delivery"]
    assert data["answers"] == {
        "a.1.01": "full",
        "a.1.02": "full",
        "a.2.01": "most",
        "a.3.01": "partial",
        "b.1.01": "full",
        "b.2.01": "most",
        "b.2.02": "most",
        "b.3.01": "none",
        "c.2.01": "full",
        "c.3.01": {"rating": "na", "reason": "not ours"},
    }
    assert data["not_asked"] == ["a.4.01", "a.5.01", "b.4.01", "b.5.01", "c.4.01", "c.5.01"]
    # the end shows the same summary as `maturity score` and the next command
    assert "Maturity level: 2" in out
    assert "6 were not asked (above target + 1)" in out
    assert "All answered" not in out  # six were not asked
    assert (
        f"Not everything is answered: 0 skipped (they score 0 until answered; continue with --resume), 6 not asked. Answer file: {path}"
        in out
    )
    assert f"maturity report {path} -o report.pdf" in out


def test_back_skip_jump_and_review(tmp_path: Path) -> None:
    lines = [
        TAILOR,
        "4",  # a.1.01 full
        "b",  # back to a.1.01
        "3",  # a.1.01 most (changed)
        "s",  # skip a.1.02
        "r",  # review (no answer consumed)
        "g",
        "3",  # go to sub-domain c
        TAILOR,
        "1",  # c.2.01 none
        "q",
    ]
    code, _, err, path = assess(tmp_path, PROFILE + lines)
    assert code == 0, err
    assert saved(path)["answers"] == {"a.1.01": "most", "c.2.01": "none"}
    assert f"Saved 2 of 10 answers to {path}. To continue: maturity assess --resume {path}" in err


def test_note_and_evidence_with_plus(tmp_path: Path) -> None:
    code, _, err, path = assess(
        tmp_path, [*PROFILE, TAILOR, "3+", "pilot in hall 1", "report.pdf; photo.png", "q"]
    )
    assert code == 0, err
    assert saved(path)["answers"] == {
        "a.1.01": {
            "rating": "most",
            "note": "pilot in hall 1",
            "evidence": ["report.pdf", "photo.png"],
        }
    }


def test_invalid_keys_are_asked_again(tmp_path: Path) -> None:
    lines = [
        "",  # empty name: asked again
        "Test Works",
        "",
        "",
        "9",  # size out of range
        "3",
        "x",  # type
        "2",
        "5",  # profile (a process firm has three: continuous, batch, mixed)
        "1",
        "7",  # target
        "3",
        "",
        "8 8",  # priorities
        "1",
        "x",  # tailoring prompt: Enter or n
        TAILOR,
        "x",  # item: not a key
        "5",  # item: not a rating (the full questionnaire's numbers are 1-4)
        "n",  # na ...
        "",  # ... reason required
        "we buy it in",
        "q",
    ]
    code, out, err, path = assess(tmp_path, lines)
    assert code == 0, err
    data = saved(path)
    assert data["organisation"] == {
        "name": "Test Works",
        "size": "medium",
        "type": "process",
        "profile": "continuous",
    }
    assert data["priorities"] == ["efficiency"]
    assert data["answers"] == {"a.1.01": {"rating": "na", "reason": "we buy it in"}}
    assert out.count("This cannot be empty; please type a value.") == 1
    assert "Please type one of 1/2/3/4." in out
    assert "Please type one of 1/2/3/4/5." in out  # the target level, asked as "(1-5)"
    assert "Type distinct numbers from 1 to 7, separated by spaces." in out
    assert (
        "Press Enter to answer, or type n if the whole sub-domain does not apply (q saves and quits)."
        in out
    )
    assert "Did not understand 'x'. Type 1-4, n, or h for help." in out
    assert "Did not understand '5'. Type 1-4, n, or h for help." in out
    assert "Not applicable needs a reason." in out


def test_no_input_fails_clearly_instead_of_hanging(tmp_path: Path) -> None:
    code, _, err, path = assess(tmp_path, [])
    assert code == 2
    assert (
        err
        == "error: no input to read: run `maturity assess` in a terminal, or pipe one answer per line on standard input.\n"
    )
    assert not path.exists()  # no stub left to trip up the next run


def test_input_ending_mid_way_saves_and_says_how_to_resume(tmp_path: Path) -> None:
    code, _, err, path = assess(tmp_path, [*PROFILE, TAILOR, "4", "3"])
    assert code == 0
    assert err.splitlines() == [
        "Input ended.",
        f"Saved 2 of 10 answers to {path}. To continue: maturity assess --resume {path}",
    ]
    code, _, err, _ = assess(tmp_path, ["2", "q"], "--resume", str(path))
    assert code == 0, err
    assert saved(path)["answers"] == {"a.1.01": "full", "a.1.02": "most", "a.2.01": "partial"}


def test_resume_goes_to_the_next_unanswered_item_not_the_first(tmp_path: Path) -> None:
    code, _, _, path = assess(tmp_path, [*PROFILE, TAILOR, "4", "s", "3", "q"])
    assert code == 0
    before = saved(path)
    assert before["answers"] == {"a.1.01": "full", "a.2.01": "most"}
    code, out, err, _ = assess(tmp_path, ["2", "q"], "--resume", str(path))
    assert code == 0, err
    # after the last answer (a.2.01): the item skipped on purpose is not put first again
    first = out.split("Your choice")[0]
    assert "a.3.01" in first and "a.1.02" not in first
    after = saved(path)
    assert after["answers"] == {"a.1.01": "full", "a.2.01": "most", "a.3.01": "partial"}
    assert after["organisation"] == before["organisation"]


def test_j_goes_to_the_next_unanswered_item_skipping_answered_ones(tmp_path: Path) -> None:
    lines = [TAILOR, "4", "s", "3", "2", TAILOR, "b", "b", "j", "1", "j", "4", "q"]
    code, out, err, path = assess(tmp_path, PROFILE + lines)
    assert code == 0, err
    screens = out.split("Your choice")
    # b, b: back to a.2.01; j passes the answered a.3.01 and lands on b.1.01
    assert "a.2.01" in screens[6] and "b.1.01" in screens[7]
    # j at the unanswered b.2.01 goes on to b.2.02
    assert "b.2.01" in screens[8] and "b.2.02" in screens[9]
    assert saved(path)["answers"] == {
        "a.1.01": "full",
        "a.2.01": "most",
        "a.3.01": "partial",
        "b.1.01": "none",
        "b.2.02": "full",
    }
    assert "j next unanswered" in out


def test_resume_an_interrupted_profile_asks_only_what_is_missing(tmp_path: Path) -> None:
    code, _, _, path = assess(tmp_path, ["Test Works", "toys"])  # input ends during the profile
    assert code == 0
    code, _, err, _ = assess(
        tmp_path, ["", "2", "2", "2", "3", "", "", TAILOR, "4", "q"], "--resume", str(path)
    )
    assert code == 0, err
    data = saved(path)
    assert data["organisation"] == {
        "name": "Test Works",
        "industry": "toys",
        "size": "small",
        "type": "process",
        "profile": "batch",
    }
    assert data["assessment"]["target_level"] == 3  # type: ignore[index]
    assert data["answers"] == {"a.1.01": "full"}


def test_existing_output_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "answers.yaml").write_text("precious: true\n", encoding="utf-8")
    code, _, err, path = assess(tmp_path, PROFILE)
    assert code == 2
    assert (
        err
        == f"error: {path} already exists. Continue it with `maturity assess --resume {path}`, or choose a new file with -o.\n"
    )
    assert path.read_text(encoding="utf-8") == "precious: true\n"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "answers: [1,\n",
            ":2:1: YAML syntax error: did not find expected node content. Check indentation, colons and quotes.",
        ),
        (
            'format: maturity-answers/1\nquestionnaire: {id: mini, version: "0.1"}\nanswers:\n  a.1.01: fulll\n',
            ":4:3: invalid rating 'fulll' for 'a.1.01'. Use one of: full, most, partial, none, na (or 全部满足, 大部分满足, 部分满足, 不满足, 不适用).",
        ),
        (
            'format: maturity-answers/1\nquestionnaire: {id: mini, version: "0.0"}\nanswers: {}\n',
            ":2:27: the answer file is for version 0.0 of questionnaire mini, but version 0.1 is installed. "
            "Create a new template with `maturity template mini` or install the matching questionnaire.",
        ),
    ],
)
def test_resume_of_a_corrupt_or_foreign_file_is_a_clear_error(
    tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(content, encoding="utf-8")
    code, _, err, _ = assess(tmp_path, ["1"], "--resume", str(path))
    assert code == 2
    assert err.splitlines()[0] == f"error: {path}{expected}"
    assert path.read_text(encoding="utf-8") == content  # untouched


def test_full_quick_scan_gives_an_indicative_level(tmp_path: Path) -> None:
    picks = [
        "3",
        "2",
        "2",
        "2",
        "3",
        "3",
        "2",
        "2",
        "2",
        "2",
        "3",
        "2",
        "3",
        "2",
        "3",
        "2",
        "2",
        "2",
        "1",
        "1",
    ]
    code, out, err, path = assess(tmp_path, PROFILE + picks, questionnaire="quick")
    assert code == 0, err
    data = saved(path)
    assert len(data["answers"]) == 20  # type: ignore[arg-type]
    # 18 of 20 sub-domains (90% >= 80%) are at level 2 or above; 7 of 20 at level 3 -> level 2
    assert "Indicative level (quick scan): 2" in out
    assert "run the full assessment (maturity assess cmmm), starting with:" in out


def test_too_long_text_is_asked_again_not_cut(tmp_path: Path) -> None:
    long_name, long_note = "N" * 101, "n" * 1001
    lines = [
        long_name,
        "Test Works",
        *PROFILE[1:],
        TAILOR,
        "3+",
        long_note,
        "short note",
        "e" * 2001,
        "report.pdf",
        "q",
    ]
    code, out, err, path = assess(tmp_path, lines)
    assert code == 0, err
    assert "Too long: 101 characters, at most 100. Please shorten it and type it again." in out
    assert "Too long: 1001 characters, at most 1000. Please shorten it and type it again." in out
    assert "Too long: 2001 characters, at most 2000. Please shorten it and type it again." in out
    data = saved(path)
    assert data["organisation"]["name"] == "Test Works"  # type: ignore[index]
    assert data["answers"] == {
        "a.1.01": {"rating": "most", "note": "short note", "evidence": ["report.pdf"]}
    }


def test_a_number_of_thousands_of_digits_is_asked_again(tmp_path: Path) -> None:
    huge = "1" * 5000  # int() refuses more than 4,300 digits
    lines = [
        "Test Works",
        "",
        "",
        huge,
        "3",
        huge,
        "1",
        huge,  # industry profile
        "",
        huge,
        "2",
        "",
        f"{huge} 2",
        "2",
        TAILOR,
        "g",
        huge,
        "",
        "q",
    ]
    code, out, err, path = assess(tmp_path, lines)
    assert code == 0, err
    assert "Traceback" not in err and "internal error" not in err
    assert out.count("Please type one of 1/2/3/4.") == 1  # size
    assert "Please type one of 1/2." in out  # industry profile: a discrete firm's two
    assert "Type distinct numbers from 1 to 7, separated by spaces." in out
    assert saved(path)["priorities"] == ["quality"]


def test_markup_in_the_output_path_is_printed_as_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "a["
    folder.mkdir()
    out = folder / "]b.yaml"  # the path reads a[/]b.yaml: rich's closing tag
    answers = [TAILOR, "4", "4", "3", "2", TAILOR, "4", "3", "3", "1", TAILOR, "4", "4"]
    result = CliRunner().invoke(
        app,
        ["--questionnaires", str(MINI), "assess", "mini", "-o", str(out)],
        input="".join(f"{line}\n" for line in PROFILE + answers),
        env={"COLUMNS": "400"},
    )
    assert result.exit_code == 0, result.stderr
    assert f"6 not asked. Answer file: {out}" in result.stdout
    assert f"maturity report {out} -o report.pdf" in result.stdout


def test_resume_never_writes_the_backup_through_a_symlink(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(
        'format: maturity-answers/1\n# my notes\nquestionnaire: {id: mini, version: "0.1"}\nanswers: {}\n',
        encoding="utf-8",
    )
    elsewhere = tmp_path / "elsewhere.txt"
    (tmp_path / "answers.yaml.bak").symlink_to(elsewhere)  # dangling
    code, _, err, _ = assess(tmp_path, ["1"], "--resume", str(path))
    assert code == 2
    assert err == (
        f"error: {path}.bak is a symbolic link; stopped so as not to write the backup somewhere else. Remove or rename the link and try again.\n"
    )
    assert not elsewhere.exists()


def test_resume_with_another_questionnaire_says_which_one_the_file_is_for(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(
        'format: maturity-answers/1\nquestionnaire: {id: mini, version: "0.1"}\nanswers: {}\n',
        encoding="utf-8",
    )
    code, _, err, _ = assess(tmp_path, ["1"], "--resume", str(path), questionnaire="quick")
    assert code == 2
    assert err == (
        f"error: {path}:2:17: this answer file is for questionnaire mini, not quick. "
        f"Continue it with `maturity assess --resume {path}` (the file says which questionnaire).\n"
    )


def test_resume_of_a_file_with_empty_answers_fills_them_in(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(
        'format: maturity-answers/1\nquestionnaire: {id: mini, version: "0.1"}\norganisation: {name: W, type: discrete}\n'
        "assessment: {date: 2026-11-20, target_level: 2}\npriorities: []\nanswers:\n",
        encoding="utf-8",
    )
    code, _, err, _ = assess(tmp_path, [TAILOR, "4", "q"], "--resume", str(path))
    assert code == 0, err
    assert saved(path)["answers"] == {"a.1.01": "full"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_range_in_a_prompt_offers_every_number_in_it(lang: Lang) -> None:
    from maturity.cli.interview import _numbers_in
    from maturity.i18n import msg

    assert _numbers_in(msg("interview.target", lang)) == "1/2/3/4/5"  # not "1/5"
