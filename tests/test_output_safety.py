"""Outputs never replace an input, batch discovery ends and reports what it cannot read, and an
output that cannot be written is bad input (exit 2) naming it, never an internal error."""

from __future__ import annotations

import errno
import gc
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from maturity.batch import discover
from maturity.cli import app
from maturity.errors import ExitCode
from tests.conftest import REPO, run_as_nobody

SAMPLE = REPO / "examples" / "cmmm-discrete-sample.yaml"
RULES = REPO / "scoring_rules" / "gbt39117-2020.yaml"


def invoke(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args], env=env)
    return result.exit_code, errors_only(result.stderr)


def errors_only(stderr: str) -> str:
    """Standard error without the sample's own warnings (e.g. a consistency note on its answers):
    these tests are about what happens to outputs."""
    return "".join(
        line
        for line in stderr.splitlines(keepends=True)
        if not line.startswith(("warning:", "警告:"))
    )


def same_file(output: Path | str, input: Path | str) -> str:
    return f"error: the output {output} is the same file as the input {input}; choose another output name so the input is not overwritten.\n"


def in_data_folder(output: Path | str, folder: Path | str) -> str:
    return (
        f"error: the output {output} is inside {folder}, a folder maturity reads (questionnaires, "
        "scoring rules or report templates); write it elsewhere so those files stay as they are.\n"
    )


@pytest.fixture
def answers(tmp_path: Path) -> Path:
    folder = tmp_path / "c"
    folder.mkdir()
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(SAMPLE, folder / name)
    return folder


def _untouched(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.suffix == ".yaml" and path.is_file() and not path.is_symlink():
            assert path.read_bytes() == SAMPLE.read_bytes(), path
    assert not list(folder.rglob(".*.tmp"))


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "json", "xlsx", "table"])
def test_a_batch_output_never_replaces_an_answer_file_it_found(answers: Path, fmt: str) -> None:
    victim = answers / "a.yaml"
    for found_by in (str(answers), str(answers / "*.yaml"), str(answers / "**" / "a.yaml")):
        assert invoke("score", found_by, "-f", fmt, "-o", victim) == (
            2,
            same_file(victim, victim),
        ), found_by
    link = answers / "latest.out"  # another name for the same file
    link.symlink_to(victim)
    assert invoke("score", answers, "-f", fmt, "-o", link) == (2, same_file(link, victim))
    _untouched(answers)


def test_an_answer_workbook_is_not_taken_for_last_runs_output(answers: Path) -> None:
    workbook = answers / "answers.xlsx"
    assert invoke("template", "-o", workbook)[0] == 0
    before = workbook.read_bytes()
    assert invoke("score", answers, "-f", "xlsx", "-o", workbook) == (
        2,
        same_file(workbook, workbook),
    )
    assert workbook.read_bytes() == before


def test_no_output_replaces_any_input_of_its_command(tmp_path: Path, answers: Path) -> None:
    a = answers / "a.yaml"
    rules = tmp_path / "r.yaml"
    shutil.copy(RULES, rules)
    key = tmp_path / "victim.p12"
    key.write_bytes(b"not really a key, but the user's")
    templates = tmp_path / "tpl"
    (templates / "partials").mkdir(parents=True)
    css = templates / "report.css"
    css.write_text("body {}\n", encoding="utf-8")
    cases: list[tuple[list[str | Path], Path]] = [
        (["score", a, "--rules", rules, "-f", "json"], rules),
        (["score", answers, "--rules", rules, "-f", "csv"], rules),
        (["report", a, "--rules", rules, "-f", "md"], rules),
        (["report", a, "--previous", answers / "b.yaml", "-f", "md"], answers / "b.yaml"),
        (["report", a, "--sign", "--p12", key], key),
        (["report", a, "--template-dir", templates, "-f", "html"], css),
    ]
    for args, victim in cases:
        assert invoke(*args, "-o", victim) == (2, same_file(victim, victim)), args
    assert rules.read_bytes() == RULES.read_bytes()
    assert key.read_bytes() == b"not really a key, but the user's"
    assert css.read_text(encoding="utf-8") == "body {}\n"
    _untouched(answers)


def test_a_report_folder_never_writes_through_a_link_onto_an_answer_file(
    tmp_path: Path, answers: Path
) -> None:
    out = tmp_path / "reports"
    out.mkdir()
    (out / "a.md").symlink_to(answers / "b.yaml")  # report a.md would land on b.yaml
    assert invoke("report", answers, "-o", out, "-f", "md") == (
        2,
        same_file(out / "a.md", answers / "b.yaml"),
    )
    _untouched(answers)


def test_a_glob_or_a_folder_with_a_link_loop_ends_and_scores_each_file_once(tmp_path: Path) -> None:
    loop = tmp_path / "L"
    (loop / "sub").mkdir(parents=True)
    shutil.copy(SAMPLE, loop / "a.yaml")
    os.link(loop / "a.yaml", loop / "sub" / "hard.yaml")  # the same file under a second name
    (loop / "sub" / "up").symlink_to(loop)  # L/sub/up/sub/up/... without end
    (loop / "self").symlink_to(".")
    for pattern in (f"{loop}/**/*.yaml", f"{loop}/**", str(loop)):
        found, failed = discover([pattern])
        assert (found, failed) == ([str(loop / "a.yaml")], []), pattern
    found, _ = discover(
        [str(loop / "sub" / "*" / "a.yaml")]
    )  # a plain wildcard still goes through a link
    assert found == [str(loop / "sub" / "up" / "a.yaml")]
    result = CliRunner().invoke(app, ["score", f"{loop}/**/*.yaml", "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    rows = result.stdout.splitlines()[1:]  # the header, then one row per file scored
    assert [row.split(",")[1] for row in rows] == ["江南精工传动有限公司"]


def test_glob_keeps_hidden_names_out_as_glob_does(tmp_path: Path) -> None:
    (tmp_path / ".hidden").mkdir()
    shutil.copy(SAMPLE, tmp_path / ".hidden" / "x.yaml")
    shutil.copy(SAMPLE, tmp_path / ".dot.yaml")
    shutil.copy(SAMPLE, tmp_path / "seen.yaml")
    assert discover([f"{tmp_path}/**/*.yaml"])[0] == [str(tmp_path / "seen.yaml")]
    assert discover([f"{tmp_path}/.*.yaml"])[0] == [str(tmp_path / ".dot.yaml")]


@pytest.fixture
def locked(answers: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder the user cannot read. The tests run as root, whom permission bits do not stop, so
    os.scandir is made to answer as it does for any other user (see also the setpriv test)."""
    folder = answers / "locked"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "x.yaml")
    real = os.scandir

    def scandir(path: str = ".") -> object:
        if os.path.abspath(path) == str(folder):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    return folder


def unreadable(folder: Path) -> str:
    return f"error: {folder}: this folder cannot be read (Permission denied), so the files in it were not processed. Check its permissions and run again.\n"


def test_an_unreadable_folder_is_a_failed_input(answers: Path, locked: Path) -> None:
    found, failed = discover([str(answers)])
    assert found == [str(answers / "a.yaml"), str(answers / "b.yaml")]
    assert [(f.path, [p.render("en") for p in f.problems]) for f in failed] == [
        (str(locked), [unreadable(locked)[7:-1]])
    ]
    result = CliRunner().invoke(app, ["score", str(answers), "-f", "csv"])
    assert result.exit_code == ExitCode.PARTIAL
    assert result.stderr == unreadable(locked) + "2 file(s) scored, 1 failed.\n"
    assert discover([f"{answers}/**/*.yaml"])[1][0].path == str(locked)
    result = CliRunner().invoke(app, ["score", str(answers), "-f", "csv", "--lang", "zh"])
    assert result.stderr.startswith(
        f"错误: {locked}: 无法读取这个文件夹（Permission denied），其中的文件未被处理。请检查权限后重新运行。\n"
    )


def test_a_folder_that_cannot_be_read_is_reported_once_per_pattern(
    answers: Path, locked: Path
) -> None:
    """``**`` lists a folder twice (zero folders, then each one); a pattern that meets nothing but
    the locked folder is not "no match" as well."""
    for pattern in (f"{answers}/**/*.yaml", f"{locked}/*.yaml"):
        result = CliRunner().invoke(app, ["score", pattern, "-f", "csv"])
        scored = 2 if "**" in pattern else 0
        assert (result.exit_code, result.stderr) == (
            ExitCode.PARTIAL,
            unreadable(locked) + f"{scored} file(s) scored, 1 failed.\n",
        )


def test_a_file_in_a_folder_that_cannot_be_searched(shared_tmp: Path) -> None:
    """Path.is_dir() raises PermissionError there (Python 3.11): one clear problem, exit 2 for the
    one file named, exit 3 in a batch."""
    folder = shared_tmp / "locked"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "y.yaml")
    folder.chmod(0)
    named = folder / "y.yaml"
    done = as_nobody("score", named)
    assert (done.returncode, errors_only(done.stderr)) == (
        2,
        f"error: {named}: cannot read the file: Permission denied.\n",
    )
    done = as_nobody("score", named, "-f", "csv")
    assert (done.returncode, errors_only(done.stderr)) == (
        ExitCode.PARTIAL,
        f"error: {named}: cannot read the file: Permission denied.\n0 file(s) scored, 1 failed.\n",
    )
    done = as_nobody("score", f"{folder}/*.yaml")
    assert (done.returncode, errors_only(done.stderr)) == (
        ExitCode.PARTIAL,
        unreadable(folder) + "0 file(s) scored, 1 failed.\n",
    )


def test_a_report_of_a_file_in_a_folder_that_cannot_be_searched(shared_tmp: Path) -> None:
    folder = shared_tmp / "locked"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "x.yaml")
    folder.chmod(0)
    named = folder / "x.yaml"
    done = as_nobody("report", named, "-f", "md", "-o", shared_tmp / "r.md")
    assert (done.returncode, errors_only(done.stderr)) == (
        2,
        f"error: {named}: cannot read the file: Permission denied.\n",
    )
    assert not (shared_tmp / "r.md").exists()


def test_keygen_writes_no_key_into_a_folder_maturity_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    custom = tmp_path / "qs" / "mini"
    shutil.copytree(REPO / "tests" / "data" / "mini", custom)
    monkeypatch.setenv("MATURITY_P12_PASSWORD", "correct horse")
    for target in (custom / "subdomains" / "zz.yaml", custom / "questionnaire.yaml"):
        args = ("--questionnaires", tmp_path / "qs", "keygen", "--name", "A", "-o", target)
        code, err = invoke(*args, "--force")
        assert (code, err) == (2, in_data_folder(target, custom))
    assert sorted(p.name for p in (custom / "subdomains").iterdir()) == sorted(
        p.name for p in (REPO / "tests" / "data" / "mini" / "subdomains").iterdir()
    )


def test_no_output_into_the_package_itself(tmp_path: Path) -> None:
    import maturity

    target = Path(maturity.__file__).parent / "zz-out.json"
    code, err = invoke("score", SAMPLE, "-f", "json", "-o", target)
    assert (code, err) == (2, in_data_folder(target, Path(maturity.__file__).parent))
    assert not target.exists()


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder another user can reach (pytest's own are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="maturity-test-"))
    folder.chmod(0o777)
    yield folder
    for parent, dirs, _ in os.walk(folder):  # top-down: a locked folder is opened before entered
        for name in dirs:
            os.chmod(os.path.join(parent, name), 0o700)
    shutil.rmtree(folder)


def as_nobody(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MATURITY_LANG": "en", "MATURITY_CACHE_DIR": "/nonexistent"}
    return run_as_nobody([sys.executable, "-m", "maturity", *map(str, args)], env, timeout=60)


def test_permissions_really_held_for_an_ordinary_user(shared_tmp: Path) -> None:
    folder = shared_tmp / "c"
    (folder / "locked").mkdir(parents=True)
    shutil.copy(SAMPLE, folder / "a.yaml")
    shutil.copy(SAMPLE, folder / "locked" / "x.yaml")
    (folder / "locked").chmod(0)
    folder.chmod(0o755)
    done = as_nobody("score", folder, "-f", "csv")
    assert (done.returncode, errors_only(done.stderr)) == (
        ExitCode.PARTIAL,
        unreadable(folder / "locked") + "1 file(s) scored, 1 failed.\n",
    )
    read_only = shared_tmp / "ro"
    read_only.mkdir(mode=0o555)
    read_only.chmod(0o555)
    done = as_nobody("score", folder / "a.yaml", "-f", "json", "-o", read_only / "out.json")
    assert (done.returncode, errors_only(done.stderr)) == (
        ExitCode.INPUT,
        cannot_write(read_only / "out.json", "Permission denied"),
    )
    assert list(read_only.iterdir()) == []


def cannot_write(path: Path | str, reason: str) -> str:
    return f"error: cannot write the output {path}: {reason}. Check that its folder exists and is writable and that the disk has space.\n"


def _every_output_command(a: Path) -> list[list[str | Path]]:
    return [
        ["score", a, "-f", "json"],
        *(["score", a, a.parent / "b.yaml", "-f", fmt] for fmt in ("csv", "jsonl", "xlsx")),
        ["report", a, "-f", "md"],
        ["template", "--force"],
        ["template", "-f", "xlsx", "--force"],
    ]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.filterwarnings(
    "ignore::pytest.PytestUnraisableExceptionWarning"
)  # openpyxl's abandoned workbook, when collected
def test_a_full_disk_is_a_clear_error(answers: Path) -> None:
    for args in _every_output_command(answers / "a.yaml"):
        assert invoke(*args, "-o", "/dev/full") == (
            2,
            cannot_write("/dev/full", "No space left on device"),
        ), args
    gc.collect()  # here, where the warning is expected, not in whichever test runs next


def test_an_output_that_cannot_be_created_is_a_clear_error(tmp_path: Path, answers: Path) -> None:
    a_file = tmp_path / "plain"
    a_file.write_text("", encoding="utf-8")
    long_name = tmp_path / ("x" * 300 + ".out")
    cases = ((a_file / "out.x", "Not a directory"), (long_name, "File name too long"))
    for output, reason in cases:
        for args in _every_output_command(answers / "a.yaml"):
            assert invoke(*args, "-o", output) == (2, cannot_write(output, reason)), (args, output)
        code, err = invoke("keygen", "-o", f"{output}.p12", env={"MATURITY_P12_PASSWORD": "x"})
        assert (code, err) == (2, cannot_write(f"{output}.p12", reason))
    assert invoke("report", answers, "-f", "md", "-o", a_file / "reports") == (
        2,
        f"error: cannot create the output folder {a_file / 'reports'}: Not a directory.\n",
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c", "plain"]
    _untouched(answers)


def test_a_read_only_folder_is_a_clear_error_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*_: object, **__: object) -> tuple[int, str]:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(
        tempfile, "mkstemp", refused
    )  # root writes anywhere; a read-only mount stops even root
    for args in _every_output_command(SAMPLE):
        assert invoke(*args, "-o", tmp_path / "out") == (
            2,
            cannot_write(tmp_path / "out", "Read-only file system"),
        ), args
    assert list(tmp_path.iterdir()) == []


def test_output_errors_in_chinese(tmp_path: Path) -> None:
    code, err = invoke("score", SAMPLE, "-f", "json", "-o", tmp_path / "no" / "x", "--lang", "zh")
    assert (code, err) == (2, f"错误: 输出目录 {tmp_path / 'no'} 不存在。\n")
    (tmp_path / "f").write_text("", encoding="utf-8")
    code, err = invoke("score", SAMPLE, "-f", "json", "-o", tmp_path / "f" / "x", "--lang", "zh")
    assert (code, err) == (
        2,
        f"错误: 无法写入输出文件 {tmp_path / 'f' / 'x'}：Not a directory。请检查输出目录是否存在、是否可写，以及磁盘空间是否充足。\n",
    )


def test_template_and_a_signed_report_spare_the_questionnaire_and_the_evidence(
    tmp_path: Path,
) -> None:
    custom = tmp_path / "qs" / "mini"
    shutil.copytree(REPO / "tests" / "data" / "mini", custom)
    victim = custom / "questionnaire.yaml"
    before = victim.read_bytes()
    code, err = invoke(
        "--questionnaires", tmp_path / "qs", "template", "mini", "--force", "-o", victim
    )
    assert (code, err) == (2, in_data_folder(victim, custom))
    assert victim.read_bytes() == before
    answers = tmp_path / "a.yaml"
    text = SAMPLE.read_text(encoding="utf-8")
    evidence = tmp_path / "plan.pdf"
    evidence.write_bytes(b"%PDF the user's evidence")
    doc = yaml.safe_load(text)
    with_evidence = next(
        a for a in doc["answers"].values() if isinstance(a, dict) and "evidence" in a
    )
    with_evidence["evidence"] = ["plan.pdf"]
    answers.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    key = tmp_path / "k.p12"
    assert invoke("keygen", "-o", key, env={"MATURITY_P12_PASSWORD": "pw"})[0] == 0
    code, err = invoke(
        "report",
        answers,
        "--sign",
        "--p12",
        key,
        "-o",
        evidence,
        env={"MATURITY_P12_PASSWORD": "pw"},
    )
    assert (code, err) == (2, same_file(evidence, evidence))
    assert evidence.read_bytes() == b"%PDF the user's evidence"


def _builtin_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the built-in data (questionnaires, rules, templates), used as the installed one."""
    from maturity import resources

    root = tmp_path / "data"
    for name in ("questionnaires", "scoring_rules", "report_templates"):
        shutil.copytree(REPO / name, root / name)
    monkeypatch.setattr(resources, "data_root", lambda: Path("data"))  # as seen from tmp_path
    return root


@pytest.mark.parametrize(
    ("command", "target", "folder"),
    [
        (["score", SAMPLE, "-f", "csv"], "q/cmmm/subdomains/data.yaml", "q/cmmm"),
        (["score", SAMPLE, "-f", "json"], "q/cmmm/new.yaml", "q/cmmm"),  # not there yet
        (["score", SAMPLE, SAMPLE, "-f", "csv"], "q/cmmm/reference.yaml", "q/cmmm"),
        (
            ["score", SAMPLE, "-f", "csv"],
            "data/scoring_rules/gbt39117-2020.yaml",
            "data/scoring_rules",
        ),
        (
            ["report", SAMPLE, "-f", "html"],
            "data/report_templates/partials/cover.html.j2",
            "data/report_templates",
        ),
        (["report", SAMPLE, "-f", "md", "--template-dir", "t"], "t/new.md", "t"),
        (["plan", SAMPLE, "-f", "md"], "q/cmmm/projects.md", "q/cmmm"),
        (
            ["plan", SAMPLE, "-f", "csv"],
            "data/questionnaires/factory-tiers.yaml",
            "data/questionnaires",
        ),
        (["template", "cmmm", "--force"], "q/cmmm/questionnaire.yaml", "q/cmmm"),
        (
            ["template", "cmmm", "--force"],
            "data/questionnaires/quick/questionnaire.yaml",
            "data/questionnaires",  # shadowed by q/quick, still the installed data
        ),
    ],
)
def test_no_output_replaces_a_questionnaire_rules_or_template_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str | Path],
    target: str,
    folder: str,
) -> None:
    """As the red team ran it: ``score -o`` onto the questionnaire it loads, the installed rules, a built-in template."""
    root = _builtin_copy(tmp_path, monkeypatch)
    shutil.copytree(root / "questionnaires", tmp_path / "q")
    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "report.css").write_text("body {}\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    code, err = invoke("--questionnaires", "q", *command, "-o", target)
    assert (code, err) == (2, in_data_folder(target, folder))
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_an_output_beside_the_questionnaires_is_still_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(REPO / "questionnaires", tmp_path / "q")
    monkeypatch.chdir(tmp_path)
    code, err = invoke("--questionnaires", "q", "score", SAMPLE, "-f", "json", "-o", "q/x.json")
    assert (code, err) == (0, "wrote q/x.json\n")
