"""Edge cases found in review: outputs that would clobber inputs or devices, odd names, hostile manifests."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from maturity.cli import app
from maturity.errors import ExitCode, InputError
from tests.conftest import MINI, REPO
from tests.test_output_safety import errors_only

SAMPLE = REPO / "examples" / "cmmm-discrete-sample.yaml"


def invoke(
    *args: str, env: dict[str, str] | None = None, input: str | bytes | None = None
) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), env=env, input=input)
    return result.exit_code, result.stdout, result.stderr


def test_output_that_is_a_directory(tmp_path: Path) -> None:
    for args in (
        ["score", str(SAMPLE), "-f", "json"],
        ["score", str(SAMPLE), str(SAMPLE), "-f", "csv"],
        ["report", str(SAMPLE), "--format", "md"],
    ):
        code, _, err = invoke(*args, "-o", str(tmp_path), "--lang", "en")
        assert code == 2, args
        assert (
            errors_only(err) == f"error: {tmp_path} is a directory; give an output file name.\n"
        ), args


def test_output_that_is_the_input_is_refused(tmp_path: Path) -> None:
    answers = tmp_path / "a.yaml"
    shutil.copy(SAMPLE, answers)
    before = answers.read_bytes()
    for args in (
        ["score", str(answers), "-f", "json"],
        ["report", str(answers), "--format", "md"],
        ["score", str(answers), str(SAMPLE), "-f", "csv"],
    ):
        code, _, err = invoke(*args, "-o", str(answers), "--lang", "en")
        assert (code, err) == (
            2,
            f"error: the output {answers} is the same file as the input {answers}; choose another output name so the input is not overwritten.\n",
        ), args
    assert answers.read_bytes() == before


def test_batch_skips_its_own_previous_output(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "a.yaml")
    out = tmp_path / "portfolio.xlsx"
    assert invoke("score", str(tmp_path), "-f", "xlsx", "-o", str(out))[0] == 0
    code, _, err = invoke("score", str(tmp_path), "-f", "xlsx", "-o", str(out), "--lang", "en")
    assert code == 0, err
    assert "1 file(s) scored, 0 failed." in err
    (tmp_path / "latest.xlsx").symlink_to(out)  # the same file under another name
    code, _, err = invoke("score", str(tmp_path), "-f", "xlsx", "-o", str(out), "--lang", "en")
    assert code == 0, err
    assert "1 file(s) scored, 0 failed." in err


def test_a_file_whose_name_looks_like_a_glob(tmp_path: Path) -> None:
    odd = tmp_path / "acme[2025].yaml"
    shutil.copy(SAMPLE, odd)
    code, out, err = invoke("score", str(odd), str(odd), "-f", "csv")
    assert code == 0, err
    # found, and once: the same file named twice is scored once (a header and one row)
    assert [line.split(",")[1] for line in out.splitlines()[1:]] == ["江南精工传动有限公司"]


def test_report_directory_names_never_collide(tmp_path: Path) -> None:
    from maturity.report import ReportFormat
    from maturity.report.many import plan_jobs

    paths = [str(tmp_path / p) for p in ("a/x.yaml", "b/a/x.yaml", "a-x.yaml", "a/x.xlsx")]
    targets = [
        Path(j.target).name for j in plan_jobs(paths, tmp_path, tmp_path / "out", ReportFormat.md)
    ]
    assert targets == ["a-x.md", "b-a-x.md", "a-x-yaml.md", "a-x-xlsx.md"]
    assert len(set(targets)) == len(targets)


def test_keygen_refuses_a_pem_name_and_an_empty_passphrase(tmp_path: Path) -> None:
    code, _, err = invoke(
        "keygen", "-o", str(tmp_path / "k.pem"), "--lang", "en", env={"MATURITY_P12_PASSWORD": "x"}
    )
    assert (code, err) == (
        2,
        "error: the certificate is written beside it as .pem; name the key file .p12 (e.g. assessor.p12).\n",
    )
    code, _, err = invoke(
        "keygen", "-o", str(tmp_path / "k.p12"), "--lang", "en", env={"MATURITY_P12_PASSWORD": ""}
    )
    assert (code, err) == (2, "error: the passphrase must not be empty.\n")
    assert not list(tmp_path.iterdir())


def test_key_file_is_private_from_the_start(tmp_path: Path) -> None:
    code, _, _ = invoke(
        "keygen", "-o", str(tmp_path / "k.p12"), env={"MATURITY_P12_PASSWORD": "secret"}
    )
    assert code == 0
    assert (tmp_path / "k.p12").stat().st_mode & 0o777 == 0o600


def test_verify_with_a_directory_as_trust(tmp_path: Path) -> None:
    code, _, err = invoke("verify", str(SAMPLE), "--trust", str(tmp_path), "--lang", "en")
    assert (code, err) == (2, f"error: {tmp_path}: is a directory, not a file. Give a file.\n")


def test_hostile_or_escaping_manifest_entries(tmp_path: Path) -> None:
    from maturity.verify import Outcome, Verdict, _check_evidence

    (tmp_path / "inside.txt").write_text("x", encoding="utf-8")
    for manifest in (
        {"files": ["x"]},
        {"files": [{"path": 1, "sha256": "x"}]},
        {"files": "nope"},
        ["not", "a", "dict"],
    ):
        verdict = Verdict()
        _check_evidence(
            {"evidence-manifest.json": json.dumps(manifest).encode()}, [tmp_path], verdict
        )
        assert verdict.checks[0].outcome is Outcome.failed, manifest
    for escape in ("/etc/hostname", "../outside.txt"):
        verdict = Verdict()
        _check_evidence(
            {
                "evidence-manifest.json": json.dumps(
                    {"files": [{"path": escape, "sha256": "0" * 64}]}
                ).encode()
            },
            [tmp_path],
            verdict,
        )
        assert verdict.checks[0].message.key == "verify.evidence_missing", escape


def test_signing_hashes_only_files_below_the_answers(tmp_path: Path) -> None:
    from maturity.sign import evidence_manifest

    base = tmp_path / "client"
    base.mkdir()
    (base / "ok.pdf").write_bytes(b"ok")
    (tmp_path / "secret.txt").write_bytes(b"secret")
    files = evidence_manifest(
        [
            ("a", "ok.pdf"),
            ("a", "../secret.txt"),
            ("a", str(tmp_path / "secret.txt")),
            ("a", "free text"),
        ],
        base,
    )
    assert [f.path for f in files] == ["ok.pdf"]


def test_interview_survives_odd_input(tmp_path: Path) -> None:
    out = tmp_path / "a.yaml"
    lines = [
        b"Caf\xe9 Works",
        "Café Works".encode(),
        b"",
        b"",
        "²".encode(),
        b"2",
        b"",
        b"",  # industry profile
        b"2",
        b"",
        b"",
        b"",  # sub-domain a: not tailored out
        "²".encode(),
        b"4",  # full
        b"q",
    ]
    code, out_text, err = invoke(
        "--questionnaires",
        str(MINI),
        "assess",
        "mini",
        "-o",
        str(out),
        "--lang",
        "en",
        input=b"\n".join(lines) + b"\n",
    )
    assert code == 0, err
    assert "that line is not UTF-8; type it again" in out_text
    text = out.read_text(encoding="utf-8")
    assert "name: Café Works" in text
    assert "a.1.01: full" in text


def test_resuming_a_commented_file_keeps_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    assert invoke("--questionnaires", str(MINI), "template", "mini", "-o", str(path))[0] == 0
    text = (
        path.read_text(encoding="utf-8")
        .replace('"Your company name"', "Real Works")
        .replace('"请填写企业名称"', "Real Works")
    )
    path.write_text(text, encoding="utf-8")
    code, _, err = invoke(
        "--questionnaires", str(MINI), "assess", "--resume", str(path), "--lang", "en", input="q\n"
    )
    assert code == 0, err
    backup = tmp_path / "t.yaml.bak"
    assert backup.read_text(encoding="utf-8") == text
    assert f"comments in the file are not kept; the original is saved as {backup}." in err


def test_benchmark_with_a_bad_file_exits_3(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "a.yaml")
    (tmp_path / "b.yaml").write_text("nope: [\n", encoding="utf-8")
    code, _, _ = invoke("benchmark", str(tmp_path), "--jobs", "1")
    assert code == ExitCode.PARTIAL


def test_markdown_cells_escape_pipes(tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "name: 江南精工传动有限公司", "name: A|B Works"
    )
    answers = tmp_path / "a.yaml"
    answers.write_text(text, encoding="utf-8")
    out = tmp_path / "r.md"
    assert invoke("report", str(answers), "-o", str(out), "--lang", "en")[0] == 0
    assert "| Organisation | A\\|B Works |" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("target", ["0", "9"])
def test_report_target_out_of_range(tmp_path: Path, target: str) -> None:
    code, _, err = invoke(
        "report",
        str(REPO / "examples"),
        "-o",
        str(tmp_path / "r"),
        "--target",
        target,
        "--lang",
        "en",
    )
    assert code == 2
    bound = "at least 1" if target == "0" else "at most 5"
    assert (
        err
        == f"error: invalid value for '--target': should be {bound}. See `maturity report -h` for usage.\n"
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "error: invalid value for '--target': should be at most 5. "
            "See `maturity report -h` for usage.\n",
        ),
        ("bilingual", "错误: '--target' 的值无效：应不大于 5。用法见 `maturity report -h`。\n"),
    ],
)
def test_report_lang_sets_the_language_of_usage_errors(
    tmp_path: Path, lang: str, expected: str
) -> None:
    """report's own --lang (zh|en|bilingual) is eager like the shared one: the other options'
    errors come in it, before or after it on the command line (bilingual: in Chinese)."""
    env = {"MATURITY_LANG": "zh" if lang == "en" else "en"}
    out = str(tmp_path / "r.pdf")
    for args in (["--lang", lang, "--target", "9"], ["--target", "9", "--lang", lang]):
        code, _, err = invoke("report", str(SAMPLE), "-o", out, *args, env=env)
        assert (code, err) == (2, expected)


def test_names_with_markup_or_emoji_codes_are_shown_as_they_are(tmp_path: Path) -> None:
    name = "ACME [Beijing] [/] :100:"
    text = SAMPLE.read_text(encoding="utf-8").replace(
        "name: 江南精工传动有限公司\n", f'name: "{name}"\n', 1
    )
    for file in ("a.yaml", "b.yaml"):
        (tmp_path / file).write_text(text, encoding="utf-8")
    code, out, err = invoke(
        "score",
        str(tmp_path / "a.yaml"),
        str(tmp_path / "b.yaml"),
        "--lang",
        "en",
        env={"COLUMNS": "200"},
    )
    assert code == 0, err
    assert out.count(name) == 2
    missing = tmp_path / "no[/]such:100:.yaml"
    code, _, err = invoke("validate", str(missing), "--lang", "en")
    assert (code, err.splitlines()[0]) == (  # validate takes patterns, as score does: [/] is one
        2,
        f"error: {missing}: no file matches this pattern.",
    )


def test_evidence_digest_is_streamed_and_refuses_a_fifo(tmp_path: Path) -> None:
    from maturity.yamlio import file_sha256

    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff" * (3 << 20))  # more than one chunk
    assert file_sha256(photo) == (hashlib.sha256(photo.read_bytes()).hexdigest(), 3 << 20)
    os.mkfifo(tmp_path / "pipe")
    with pytest.raises(InputError) as caught:
        file_sha256(tmp_path / "pipe", "pipe")
    assert caught.value.problems[0].render("en") == (
        "pipe: not a regular file but a named pipe (FIFO): reading it would wait or never end. Give a file."
    )
    assert (
        caught.value.problems[0].render("zh")
        == "pipe: 这不是普通文件，而是命名管道（FIFO）；读取它会一直等待或读不完。请给出一个文件。"
    )


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (b"9" * 5000, "a cell holds a number of thousands of digits"),
        (
            b"NaN",
            "a number cell holds something that is not a number",
        ),  # t="n" with no number: openpyxl's int() fails
    ],
)
def test_a_workbook_number_cell_openpyxl_cannot_read_is_refused_clearly(
    tmp_path: Path, value: bytes, reason: str
) -> None:
    template = tmp_path / "t.xlsx"
    code, _, err = invoke(
        "--questionnaires", str(MINI), "template", "mini", "-o", str(template), "--lang", "en"
    )
    assert code == 0, err
    broken = tmp_path / "huge.xlsx"
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/worksheets/sheet2.xml":  # the profile: B2 is a number cell
                data, count = re.subn(
                    rb'<c r="B2" ([^>]*?)(/>|>.*?</c>)',
                    rb'<c r="B2" t="n"><v>' + value + rb"</v></c>",
                    data,
                    count=1,
                )
                assert count == 1
            target.writestr(item, data)
    code, _, err = invoke("--questionnaires", str(MINI), "validate", str(broken), "--lang", "en")
    assert code == 2
    assert err.splitlines()[0] == (
        f"error: {broken}: this is not a readable Excel workbook (.xlsx): {reason}. "
        "Save it from Excel or WPS as “Excel Workbook (.xlsx)” without a password and try again."
    )
