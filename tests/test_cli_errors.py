"""Bad input: one clear located message per problem, exit code 2, never a traceback.

Error texts are part of the interface and are asserted exactly.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from maturity.cli import app
from maturity.cli.environment import detect_lang
from maturity.errors import InputError
from tests.conftest import MINI

OK = """\
format: maturity-answers/1
questionnaire: {id: mini, version: "0.1"}
organisation: {name: Test Works, type: discrete}
assessment: {date: 2026-11-20, target_level: 3}
answers:
  a.1.01: full
  a.1.02: most
  b.1.01: {rating: partial, note: hall 1}
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--questionnaires", str(MINI), *args])
    return result.exit_code, result.stdout, result.stderr


def write(tmp_path: Path, name: str, content: str | bytes) -> str:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return str(path)


def check(
    tmp_path: Path,
    content: str | bytes,
    *expected: str,
    name: str = "a.yaml",
    args: tuple[str, ...] = (),
) -> None:
    path = write(tmp_path, name, content)
    code, _, err = run("score", path, *args)
    assert code == 2, err
    assert "Traceback" not in err
    assert err.splitlines() == [f"error: {path}{line}" for line in expected]


def test_good_file_scores(tmp_path: Path) -> None:
    code, out, err = run("score", write(tmp_path, "ok.yaml", OK), "--format", "json")
    assert code == 0
    assert '"format": "maturity-result/1"' in out
    assert err.startswith("warning: ")


def test_empty_file(tmp_path: Path) -> None:
    check(tmp_path, "", ": the file is empty. Create one with `maturity template` and fill it in.")
    check(
        tmp_path,
        "# only a comment\n\n",
        ": the file is empty. Create one with `maturity template` and fill it in.",
    )


def test_not_yaml(tmp_path: Path) -> None:
    check(
        tmp_path,
        "answers: [1,\n",
        ":2:1: YAML syntax error: did not find expected node content. Check indentation, colons and quotes.",
    )


def test_list_instead_of_mapping(tmp_path: Path) -> None:
    check(
        tmp_path,
        "- a.1.01: full\n",
        ":1: the top level must be a mapping of `key: value`, but it is a list. Follow the layout that `maturity template` writes.",
    )


def test_duplicate_keys(tmp_path: Path) -> None:
    check(
        tmp_path,
        OK + "  a.1.01: none\n",
        ":9:3: duplicate key 'a.1.01' (first defined at line 6). YAML would silently keep only the last one; remove or merge one of them.",
    )


def test_unknown_requirement(tmp_path: Path) -> None:
    check(
        tmp_path,
        OK + "  a.9.99: full\n",
        ":9:3: unknown requirement id 'a.9.99': questionnaire mini 0.1 has no such item. Check the id against `maturity template mini`.",
    )


def test_unknown_rating(tmp_path: Path) -> None:
    check(
        tmp_path,
        OK.replace("a.1.02: most", "a.1.02: mostly"),
        ":7:3: invalid rating 'mostly' for 'a.1.02'. Use one of: full, most, partial, none, na (or 全部满足, 大部分满足, 部分满足, 不满足, 不适用).",
    )


def test_na_without_reason(tmp_path: Path) -> None:
    check(
        tmp_path,
        OK.replace("a.1.02: most", "a.1.02: {rating: na}"),
        ":7:3: 'a.1.02' is marked not applicable (na) without a reason. Add `reason:` explaining why it does not apply.",
    )


def test_missing_required_fields(tmp_path: Path) -> None:
    content = OK.replace(
        "organisation: {name: Test Works, type: discrete}\n", "organisation: {industry: toys}\n"
    )
    check(
        tmp_path,
        content,
        ":3:1: missing required field 'organisation.name'.",
        ":3:1: missing required field 'organisation.type'.",
    )


def test_misspelt_field(tmp_path: Path) -> None:
    check(
        tmp_path,
        OK.replace(
            "b.1.01: {rating: partial, note: hall 1}", "b.1.01: {rating: partial, notes: hall 1}"
        ),
        ":8:29: unknown field 'answers.b.1.01.notes' (a typo?).",
    )


def test_every_problem_reported_at_once(tmp_path: Path) -> None:
    content = (
        OK.replace("type: discrete", "type: discreet")
        .replace("a.1.02: most", "a.1.02: mostly")
        .replace("2026-11-20", "2026-13-40")
    )
    check(
        tmp_path,
        content,
        ":3:34: field 'organisation.type': Input should be 'discrete' or 'process'",
        ":4:14: field 'assessment.date': Input should be a valid date or datetime, month value is outside expected range of 1-12",
        ":7:3: invalid rating 'mostly' for 'a.1.02'. Use one of: full, most, partial, none, na (or 全部满足, 大部分满足, 部分满足, 不满足, 不适用).",
    )


def test_wrong_questionnaire(tmp_path: Path) -> None:
    check(
        tmp_path,
        OK.replace("id: mini", "id: nope"),
        ":2:17: the answer file is for questionnaire 'nope', which is not installed. Available: cmmm, mini, quick.",
    )


def test_wrong_version(tmp_path: Path) -> None:
    check(
        tmp_path,
        OK.replace('"0.1"', '"0.2"'),
        ":2:27: the answer file is for version 0.2 of questionnaire mini, which is not installed (installed: 0.1). "
        "Create a new template with `maturity template mini` or install the matching questionnaire.",
    )


def test_gbk_file_is_read_with_a_warning(tmp_path: Path) -> None:
    path = write(tmp_path, "gbk.yaml", OK.replace("Test Works", "测试机械有限公司").encode("gbk"))
    code, out, err = run("score", path, "--format", "json")
    assert code == 0
    assert '"name": "测试机械有限公司"' in out
    assert (
        err.splitlines()[0]
        == f"warning: {path}: the file is GBK/GB18030-encoded and was read as GB18030. Consider saving it as UTF-8."
    )


def test_latin1_file_is_refused_not_garbled(tmp_path: Path) -> None:
    check(
        tmp_path,
        OK.replace("Test Works", "Café Lait").encode("latin-1"),
        ":3: the file is not UTF-8 (unreadable bytes at line 3). Save it as UTF-8 in your editor and try again.",
    )


def test_binary_file(tmp_path: Path) -> None:
    check(
        tmp_path,
        b"\x7fELF\x02\x01\x01\x00\x00\x00" + os.urandom(64),
        ": this is not a text file (binary content at line 1). Give a YAML text file.",
    )


def test_directory_without_answer_files(tmp_path: Path) -> None:
    code, _, err = run("score", str(tmp_path))
    assert code == 2
    assert err == f"error: no answer files (.yaml, .yml or .xlsx) found in {tmp_path}.\n"


def test_directory_where_a_file_is_expected(tmp_path: Path) -> None:
    code, _, err = run("compare", str(tmp_path), str(tmp_path))
    assert code == 2
    assert err == f"error: {tmp_path}: is a directory, not a file. Give a file.\n"


def test_missing_file(tmp_path: Path) -> None:
    code, _, err = run("score", str(tmp_path / "nope.yaml"))
    assert code == 2
    assert (
        err
        == f"error: {tmp_path / 'nope.yaml'}: file not found. Check the path and the file name.\n"
    )


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    check(
        tmp_path,
        "# " + "x" * (4 * 1024 * 1024) + "\n",
        ": the file has 4194307 bytes, more than the limit of 4194304. Answer files are usually a few tens of KB; check that this is the right file.",
    )


def test_alias_bomb(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 9)]
    check(
        tmp_path,
        "\n".join(lines) + "\n",
        ": the document expands to more than 200000 nodes (a YAML alias bomb?). Refusing to process it.",
    )


def test_unanswered_warns_by_default_and_fails_when_strict(tmp_path: Path) -> None:
    path = write(tmp_path, "ok.yaml", OK)
    message = f"{path}: 13 requirements are unanswered (e.g. a.2.01, a.3.01, a.4.01, …) and count as not met (0)."
    code, _, err = run("score", path)
    assert (code, err) == (0, f"warning: {message}\n")
    code, _, err = run("score", path, "--strict")
    assert (code, err) == (2, f"error: {message}\n")


def test_errors_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MATURITY_LANG", "zh")
    path = write(tmp_path, "a.yaml", OK.replace("a.1.02: most", "a.1.02: {rating: na}"))
    code, _, err = run("score", path)
    assert code == 2
    assert (
        err
        == f"错误: {path}:7:3: 'a.1.02' 选了“不适用”，但没有写原因。请加上 reason: 说明为什么不适用。\n"
    )


def test_validate_reports_every_file_and_fails(tmp_path: Path) -> None:
    good = write(tmp_path, "good.yaml", OK)
    bad = write(tmp_path, "bad.yaml", OK.replace("a.1.02: most", "a.1.02: mostly"))
    code, _, err = run("validate", bad, good)
    assert code == 2
    lines = err.splitlines()
    assert lines[0].startswith(f"error: {bad}:7:3: invalid rating 'mostly'")
    assert lines[-2:] == [
        f"{good}: no errors, 1 warning(s).",
        "1 file(s) with problems, 1 without.",
    ]


def test_validate_takes_what_score_takes_directories_and_patterns(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    good = write(tmp_path / "sub", "good.yaml", OK)
    bad = write(tmp_path, "bad.yaml", OK.replace("a.1.02: most", "a.1.02: mostly"))
    (tmp_path / "notes.txt").write_text("not an answer file\n", encoding="utf-8")
    for inputs in ([str(tmp_path)], [f"{tmp_path}/**/*.yaml"], [str(bad), str(tmp_path / "sub")]):
        code, _, err = run("validate", *inputs)
        lines = err.splitlines()
        assert code == 2, inputs
        assert lines[0].startswith(f"error: {bad}:7:3: invalid rating 'mostly'"), inputs
        assert lines[-2:] == [
            f"{good}: no errors, 1 warning(s).",
            "1 file(s) with problems, 1 without.",
        ], inputs
    code, _, err = run("validate", f"{tmp_path}/*.xlsx")
    assert (code, err) == (
        2,
        f"error: {tmp_path}/*.xlsx: no file matches this pattern.\n1 file(s) with problems, 0 without.\n",
    )


def test_unexpected_error_is_one_line_without_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from maturity import assessment

    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("kaput")

    monkeypatch.setattr(assessment, "score", boom)
    code, _, err = run("score", write(tmp_path, "ok.yaml", OK))
    assert code == 1
    assert (
        err.splitlines()[-1]
        == "error: internal error: RuntimeError: kaput. This is a bug in maturity; rerun with --debug and report it."
    )
    assert "Traceback" not in err


def test_deeply_nested_document(tmp_path: Path) -> None:
    check(
        tmp_path,
        "answers: " + "[" * 600 + "]" * 600 + "\n",
        ": the document is nested too deeply to process.",
    )


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "zh"),
        ({"LANG": "C.UTF-8"}, "zh"),
        ({"LANG": "POSIX"}, "zh"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8", "MATURITY_LANG": "zh"}, "zh"),
    ],
)
def test_language_from_environment(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], expected: str
) -> None:

    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "MATURITY_LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    assert detect_lang() == expected
    assert detect_lang("en") == "en"  # --lang wins over everything


def test_template_placeholders_are_flagged(tmp_path: Path) -> None:
    from typer.testing import CliRunner as Runner

    path = tmp_path / "t.yaml"
    assert (
        Runner()
        .invoke(
            app,
            ["--questionnaires", str(MINI), "template", "mini", "-o", str(path), "--lang", "en"],
        )
        .exit_code
        == 0
    )
    code, _, err = run("validate", str(path))
    assert code == 0
    assert (
        f"warning: {path}:14:3: 'organisation.name' still holds the template's placeholder \"Your company name\"; replace it."
        in err.splitlines()
    )
    assert err.splitlines()[-1] == f"{path}: no errors, 5 warning(s)."


USAGE_ERRORS = [
    (
        ["score"],
        "error: missing argument 'FILES'. See `maturity score -h` for usage.",
        "错误: 缺少参数 'FILES'。用法见 `maturity score -h`。",
    ),
    (
        ["report", "x.yaml"],
        "error: missing option '--output' / '-o'. See `maturity report -h` for usage.",
        "错误: 缺少选项 '--output' / '-o'。用法见 `maturity report -h`。",
    ),
    (
        ["score", "x.yaml", "--format", "xml"],
        "error: invalid value for '--format' / '-f': 'xml' is not one of 'table', 'json', 'jsonl', 'csv', 'xlsx'. "
        "See `maturity score -h` for usage.",
        "错误: '--format' / '-f' 的值无效：'xml' 不在可选值 'table'、'json'、'jsonl'、'csv'、'xlsx' 之中。用法见 `maturity score -h`。",
    ),
    (
        ["score", "x.yaml", "--jobs", "0"],
        "error: invalid value for '--jobs' / '-j': should be at least 1. See `maturity score -h` for usage.",
        "错误: '--jobs' / '-j' 的值无效：应不小于 1。用法见 `maturity score -h`。",
    ),
    (
        ["score", "x.yaml", "--bogus"],
        "error: no such option --bogus (did you mean --jobs, --org?). See `maturity score -h` for usage.",
        "错误: 没有选项 --bogus（是否想用 --jobs, --org？）。用法见 `maturity score -h`。",
    ),
    (
        ["score", "x.yaml", "-o"],
        "error: option -o needs a value. See `maturity score -h` for usage.",
        "错误: 选项 -o 需要一个值。用法见 `maturity score -h`。",
    ),
    (
        ["scor", "x.yaml"],
        "error: no such command 'scor' (did you mean 'score'?). See `maturity -h` for usage.",
        "错误: 没有命令 'scor'（是否想用 'score'？）。用法见 `maturity -h`。",
    ),
    (
        ["--bogus", "score"],
        "error: no such option --bogus. See `maturity -h` for usage.",
        "错误: 没有选项 --bogus。用法见 `maturity -h`。",
    ),
]


@pytest.mark.parametrize(("args", "en", "zh"), USAGE_ERRORS)
def test_usage_errors_are_one_line_in_our_format_and_language(
    args: list[str], en: str, zh: str
) -> None:
    from typer.testing import CliRunner as Runner

    for lang, expected in (("en", en), ("zh", zh)):
        result = Runner().invoke(app, args, env={"MATURITY_LANG": lang})
        assert result.exit_code == 2, result.stderr
        assert result.stderr == expected + "\n"
        assert result.stdout == ""


def test_version() -> None:
    from typer.testing import CliRunner as Runner

    from maturity import __version__

    result = Runner().invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"maturity {__version__}\n")


def run_bounded(
    *args: str, tmp_path: Path, timeout: float = 30
) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process: a hang becomes a test failure (TimeoutExpired), not a stuck suite."""
    env = {**os.environ, "MATURITY_LANG": "en", "MATURITY_P12_PASSWORD": "x"}
    command = [sys.executable, "-m", "maturity", "--questionnaires", str(MINI), *args]
    return subprocess.run(
        command,
        check=False,
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
    )


FIFO_MESSAGE = (
    "not a regular file but a named pipe (FIFO): reading it would wait or never end. Give a file."
)
DEVICE_MESSAGE = "not a regular file but a device: reading it would wait or never end. Give a file."


@pytest.mark.parametrize(
    "args",
    [
        ["score", "{fifo}"],
        ["validate", "{fifo}"],
        ["compare", "{ok}", "{fifo}"],
        ["score", "{ok}", "--rules", "{fifo}"],
        ["verify", "{fifo}"],
        ["verify", "{fifo}", "--trust", "{fifo}"],
        ["report", "{ok}", "--previous", "{fifo}", "-o", "out.md", "-f", "md"],
        ["assess", "--resume", "{fifo}"],
    ],
)
def test_a_fifo_is_refused_at_once(tmp_path: Path, args: list[str]) -> None:
    fifo = tmp_path / "answers.yaml"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    ok = write(tmp_path, "ok.yaml", OK)
    result = run_bounded(*(a.format(fifo=fifo, ok=ok) for a in args), tmp_path=tmp_path)
    assert result.returncode == 2, result.stderr
    assert f"error: {fifo}: {FIFO_MESSAGE}" in result.stderr.splitlines()


@pytest.mark.parametrize(
    "args",
    [
        ["score", "/dev/zero"],
        ["validate", "/dev/urandom"],
        ["verify", "/dev/zero"],
        ["verify", "{ok}", "--trust", "/dev/urandom"],
        ["report", "{ok}", "--sign", "--p12", "/dev/zero", "-o", "out.pdf"],
    ],
)
def test_an_endless_device_is_refused_not_read(tmp_path: Path, args: list[str]) -> None:
    ok = write(tmp_path, "ok.yaml", OK)
    result = run_bounded(*(a.format(ok=ok) for a in args), tmp_path=tmp_path)
    device = next(a for a in args if a.startswith("/dev/"))
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines()[0] == f"error: {device}: {DEVICE_MESSAGE}"


def test_a_file_growing_past_the_limit_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limit holds for what is read, not only for what stat() said before (a file can grow)."""
    from maturity import yamlio

    path = tmp_path / "a.yaml"
    path.write_bytes(b"x" * 100)
    monkeypatch.setattr(
        os, "fstat", lambda fd: os.stat_result((0o100644, 0, 0, 1, 0, 0, 10, 0, 0, 0))
    )
    with pytest.raises(InputError) as caught:
        yamlio.read_bytes(path, max_bytes=50)
    assert [p.render("en") for p in caught.value.problems] == [
        f"{path}: the file has 51 bytes, more than the limit of 50. Answer files are usually a few tens of KB; check that this is the right file."
    ]


def test_a_number_of_thousands_of_digits_is_a_located_problem(tmp_path: Path) -> None:
    huge = "9" * 5000  # int() refuses more than 4,300 digits
    expected = ":4:46: number too large (more than 100 digits). Check the value; if it is meant as text, put it in quotes."
    check(tmp_path, OK.replace("target_level: 3", f"target_level: {huge}"), expected)
    path = write(tmp_path, "b.yaml", OK.replace("a.1.01: full", f"? {huge}\n  : full"))
    for command in ("score", "validate"):
        code, _, err = run(command, path)
        assert code == 2
        assert (
            err.splitlines()[0]
            == f"error: {path}:6:5: number too large (more than 100 digits). Check the value; if it is meant as text, put it in quotes."
        )


BAD_LANG_ENV = (
    "环境变量 MATURITY_LANG='fr' 不是支持的语言：请设为 zh 或 en，或删除它。"
    " / $MATURITY_LANG='fr' is not a supported language: set it to zh or en, or unset it."
)


@pytest.mark.parametrize(
    "args", [["score", "{ok}"], ["validate", "{ok}"], ["template", "mini"], ["verify", "{ok}"]]
)
def test_an_unknown_language_in_the_environment_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.setenv("MATURITY_LANG", "fr")
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    ok = write(tmp_path, "ok.yaml", OK)
    code, out, err = run(*(a.format(ok=ok) for a in args))
    assert (code, out) == (2, "")
    assert err == f"错误: {BAD_LANG_ENV}\n"


def test_lang_option_wins_over_an_unknown_language_in_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MATURITY_LANG", "fr")
    code, out, err = run("score", write(tmp_path, "ok.yaml", OK), "--lang", "en", "-f", "json")
    assert code == 0, err
    assert '"format": "maturity-result/1"' in out


EMPTY_ANSWERS = ":5:1: answers: is empty. List the answers under it, one per line (e.g. `  a.1.01: full`), or write `answers: {}` if there are none yet."


def test_empty_answers_is_a_located_problem_in_every_command(tmp_path: Path) -> None:
    content = OK.split("answers:", maxsplit=1)[0] + "answers:\n"
    check(tmp_path, content, EMPTY_ANSWERS)
    path = write(tmp_path, "a.yaml", content)
    code, _, err = run("validate", path)
    assert code == 2
    assert err.splitlines() == [
        f"error: {path}{EMPTY_ANSWERS}",
        "1 file(s) with problems, 0 without.",
    ]
    code, _, err = run("compare", path, write(tmp_path, "ok.yaml", OK))
    assert code == 2
    assert err.splitlines()[0] == f"error: {path}{EMPTY_ANSWERS}"
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "a.yaml").write_text(content, encoding="utf-8")
    code, _, err = run("score", str(batch), "-f", "csv", "-o", str(tmp_path / "out.csv"))
    assert code == 3
    assert f"error: {batch / 'a.yaml'}{EMPTY_ANSWERS}" in err.splitlines()
