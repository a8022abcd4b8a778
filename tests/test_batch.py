"""Batch scoring: many files, bad ones reported at the end, every output format."""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import json
import logging
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from maturity import parallel
from maturity.assessment import Assessor
from maturity.batch import Scored, discover, run
from maturity.cli import app
from maturity.errors import ExitCode
from maturity.formats.batch import BatchFormat
from maturity.launch import GC_THRESHOLD, worker_setup
from maturity.parallel import run_each
from maturity.questionnaire import Catalog
from tests.conftest import REPO

EXAMPLES = REPO / "examples"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for sample in ("cmmm-discrete-sample.yaml", "cmmm-process-sample.yaml"):
        shutil.copy(EXAMPLES / sample, tmp_path / sample)
    (tmp_path / "sub").mkdir()
    shutil.copy(EXAMPLES / "cmmm-discrete-sample.yaml", tmp_path / "sub" / "again.yml")
    (tmp_path / "broken.yaml").write_text("answers: [1,\n", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "skip.yaml").write_text("x: 1\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not an answer file\n", encoding="utf-8")
    return tmp_path


def invoke(*args: str) -> tuple[int, bytes, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout_bytes, result.stderr


def test_discover_directories_globs_and_files(folder: Path) -> None:
    found, missing = discover(
        [str(folder), str(folder / "*.nothing"), str(folder / "cmmm-process-sample.yaml")]
    )
    assert [Path(p).relative_to(folder).as_posix() for p in found] == [
        "broken.yaml",
        "cmmm-discrete-sample.yaml",
        "cmmm-process-sample.yaml",
        "sub/again.yml",
    ]  # the file named again after its folder comes once
    assert [m.path for m in missing] == [str(folder / "*.nothing")]


@pytest.mark.parametrize("jobs", [1, 2])
def test_run_keeps_input_order_and_isolates_failures(folder: Path, jobs: int) -> None:
    found, _ = discover([str(folder)])
    results = list(run(found, Assessor(Catalog()), jobs=jobs, chunksize=1))
    assert [Path(r.path).name for r in results] == [
        "broken.yaml",
        "cmmm-discrete-sample.yaml",
        "cmmm-process-sample.yaml",
        "again.yml",
    ]
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["Failed", "Scored", "Scored", "Scored"]
    scored = [r for r in results if isinstance(r, Scored)]
    assert [
        (r.summary()["organisation"], r.summary()["level"], round(r.summary()["score"], 6))
        for r in scored
    ] == [
        ("江南精工传动有限公司", 2, 2.146875),
        ("北岭乳业有限公司", 2, 2.737833),
        ("江南精工传动有限公司", 2, 2.146875),
    ]


def _threshold(_: object) -> int:
    return gc.get_threshold()[0]


def test_workers_collect_garbage_less_often_and_the_library_leaves_this_process_alone() -> None:
    before = gc.get_threshold()
    assert (
        list(run_each(_threshold, [1, 2, 3, 4], 2, initializer=worker_setup()))
        == [GC_THRESHOLD] * 4
    )
    assert list(run_each(_threshold, [1, 2], 1)) == [before[0]] * 2
    assert gc.get_threshold() == before


def _process_settings(_: object) -> tuple[int, object, int]:
    return (
        gc.get_threshold()[0],
        signal.getsignal(signal.SIGINT),
        logging.getLogger("weasyprint").level,
    )


def test_library_workers_keep_the_embedding_programs_process_settings() -> None:
    """Without the CLI's worker set-up, run_each changes no signal, collector or logger."""
    here = _process_settings(None)
    assert list(run_each(_process_settings, [1, 2, 3], 2)) == [here] * 3
    with_setup = list(run_each(_process_settings, [1, 2], 2, initializer=worker_setup()))
    assert with_setup == [(GC_THRESHOLD, signal.SIG_IGN, logging.ERROR)] * 2


def test_the_command_collects_garbage_less_often_and_quiets_pyhanko_and_weasyprint() -> None:
    code = (
        "import gc, logging, maturity.cli; "
        "level = lambda name: logging.getLogger(name).level; "
        "maturity.cli.main = lambda: print(gc.get_threshold()[0], level('pyhanko'), "
        "level('weasyprint'), flush=True); "
        "from maturity.launch import main; main()"
    )
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert done.stdout.split() == [str(GC_THRESHOLD), str(logging.CRITICAL), str(logging.ERROR)]


def test_a_parallel_batch_can_be_left_early(folder: Path) -> None:
    found, _ = discover([str(folder)] * 20)  # 80 files
    results = run(found, Assessor(Catalog()), jobs=2, chunksize=1)
    first = next(results)
    results.close()  # pending files are cancelled, not scored; the workers are gone
    assert Path(first.path).name == "broken.yaml"
    assert multiprocessing.active_children() == []


def _killed(chunk: object) -> object:
    os._exit(9)  # a worker that dies as if killed or out of memory


def test_a_dead_worker_stops_the_batch_with_a_clear_error(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parallel, "_run_chunk", _killed)  # forked workers inherit it
    out = folder / "scores.csv"
    code, _, err = invoke(
        "score", str(folder), "--format", "csv", "-o", str(out), "--jobs", "2", "--lang", "en"
    )
    assert code == ExitCode.INTERNAL
    assert err == (
        "error: a worker process stopped unexpectedly (killed, or out of memory), so the run could not finish and its "
        "output is incomplete or not written. Run again, with fewer --jobs if memory is short.\n"
    )
    assert not out.exists()


def test_csv_output_and_partial_failure_exit_code(folder: Path) -> None:
    out = folder / "scores.csv"
    code, _, err = invoke(
        "score", str(folder), "--format", "csv", "-o", str(out), "--jobs", "2", "--lang", "en"
    )
    assert code == ExitCode.PARTIAL
    lines = err.splitlines()
    assert (
        lines[0]
        == f"error: {folder / 'broken.yaml'}:2:1: YAML syntax error: did not find expected node content. Check indentation, colons and quotes."
    )
    assert "3 file(s) scored, 1 failed." in lines
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [r["organisation"] for r in rows] == [
        "江南精工传动有限公司",
        "北岭乳业有限公司",
        "江南精工传动有限公司",
    ]
    assert rows[0]["level"] == "2" and rows[0]["production.planning.level"] == "2"
    assert {"L1", "L5", "plan.supply_chain.score", "service.product.score"} <= set(rows[0])


def test_jsonl_and_json_carry_full_results(folder: Path) -> None:
    good = [str(EXAMPLES / "cmmm-discrete-sample.yaml"), str(EXAMPLES / "cmmm-process-sample.yaml")]
    code, out, _ = invoke("score", *good, "--format", "jsonl", "--jobs", "1")
    assert code == 0
    docs = [json.loads(line) for line in out.decode().splitlines()]
    assert [d["format"] for d in docs] == ["maturity-result/1"] * 2
    code, out, _ = invoke("score", *good, "--format", "json")
    assert code == 0
    assert [d["organisation"]["name"] for d in json.loads(out)] == [
        "江南精工传动有限公司",
        "北岭乳业有限公司",
    ]


def test_xlsx_has_results_and_failures_with_numbers(folder: Path) -> None:
    from openpyxl import load_workbook

    out = folder / "scores.xlsx"
    code, _, _ = invoke("score", str(folder), "--format", "xlsx", "-o", str(out), "--lang", "zh")
    assert code == ExitCode.PARTIAL
    book = load_workbook(out)
    results, failures = book["评分结果"], book["失败的文件"]
    header = [c.value for c in results[1]]
    assert header[:5] == ["文件", "企业", "企业编号", "行业", "地区"]
    assert "成熟度等级" in header and "计划与调度 等级" in header and "供应链领域得分" in header
    level = header.index("成熟度等级")
    assert [row[level].value for row in results.iter_rows(min_row=2)] == [2, 2, 2]
    assert isinstance(results.cell(row=2, column=header.index("总分") + 1).value, float)
    assert [c.value for c in failures[2]][:2] == [str(folder / "broken.yaml"), "2:1"]


def test_failed_batch_leaves_no_half_written_output(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("nope: [\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    out.write_text("previous", encoding="utf-8")
    code, _, _ = invoke(
        "score", str(tmp_path / "a.yaml"), str(tmp_path / "a.yaml"), "-f", "csv", "-o", str(out)
    )
    assert code == ExitCode.PARTIAL
    assert (
        out.read_text(encoding="utf-8-sig") == ""
    )  # complete (if empty) output replaced the old file atomically
    assert not list(tmp_path.glob(".out.csv.*"))


def test_batch_format_choice_is_exhaustive() -> None:
    for fmt in BatchFormat:
        assert fmt.writer(str, "en") is not None


def _many_files(tmp_path: Path, count: int) -> Path:
    sample = (EXAMPLES / "cmmm-discrete-sample.yaml").read_bytes()
    folder = tmp_path / "many"
    folder.mkdir()
    for n in range(count):
        (folder / f"org-{n:04d}.yaml").write_bytes(sample)
    return folder


def _score_command(folder: Path, *options: str) -> list[str]:
    """`maturity score` of a folder in a separate process (signals reach it as they would a user's)."""
    return [sys.executable, "-m", "maturity", "score", str(folder), *options, "--lang", "en"]


def test_ctrl_c_during_a_parallel_batch_stops_it_cleanly(tmp_path: Path) -> None:
    """Ctrl-C reaches the whole process group, workers included; the run must end, not hang."""
    folder = _many_files(tmp_path, 3000)
    out = tmp_path / "out.jsonl"
    command = _score_command(folder, "-f", "jsonl", "-j", "4", "-o", str(out))
    run_ = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    for _ in range(200):  # until the output is being written: the workers are busy
        if list(tmp_path.glob(".out.jsonl.*.tmp")) or run_.poll() is not None:
            break
        time.sleep(0.05)
    time.sleep(0.5)  # well into scoring
    os.killpg(run_.pid, signal.SIGINT)
    try:
        _, err = run_.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(run_.pid, signal.SIGKILL)
        raise AssertionError("still running a minute after Ctrl-C") from None
    assert run_.returncode == ExitCode.INTERRUPTED
    assert err.decode() == "interrupted.\n"
    assert not out.exists() and not list(tmp_path.glob(".out.jsonl.*"))
    assert _live_processes_in_session(run_.pid) == []


def _live_processes_in_session(session: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = (
                stat.read_text().rsplit(")", 1)[1].split()
            )  # after "pid (name)": state, ppid, pgrp, session
        except OSError:
            continue  # gone meanwhile
        if int(fields[3]) == session and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _interrupted(n: int) -> int:
    os.kill(os.getpid(), signal.SIGINT)  # what Ctrl-C in a terminal does to every worker
    return n * 2


def test_workers_leave_ctrl_c_to_the_parent() -> None:
    try:
        results = list(run_each(_interrupted, [1, 2, 3, 4], 2, initializer=worker_setup()))
    except KeyboardInterrupt:
        pytest.fail("a worker took Ctrl-C for itself")
    assert results == [2, 4, 6, 8]


def test_a_reader_that_stops_early_ends_the_run_quietly(tmp_path: Path) -> None:
    folder = _many_files(tmp_path, 300)  # ~600 KB of CSV: more than a pipe holds
    command = _score_command(folder, "-f", "csv", "-j", "1")
    # stderr goes to a file: were it a pipe nobody reads, failing inputs could fill it and block
    # the run before its first line of output (the test would hang instead of failing)
    with (tmp_path / "stderr").open("wb") as errors:
        run_ = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors)
        assert run_.stdout is not None and run_.stdout.readline().startswith(
            "\ufefffile,".encode()
        )  # like `| head -1`
        run_.stdout.close()
        run_.wait(timeout=60)
    assert run_.returncode == ExitCode.OUTPUT_CLOSED
    assert (tmp_path / "stderr").read_bytes() == b""


def _wait_for(condition: Any, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return bool(condition())


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP, signal.SIGKILL])
def test_workers_end_with_a_killed_parent_and_no_temporary_file_stays(
    tmp_path: Path, number: int
) -> None:
    """`kill` of the parent alone (not its group): its workers must not linger, blocked on a pipe."""
    folder = _many_files(tmp_path, 3000)
    out = tmp_path / "out.csv"
    command = _score_command(folder, "-f", "csv", "-o", str(out), "--jobs", "2")
    errors = tmp_path / "stderr"
    with errors.open("wb") as sink:  # not a pipe: an orphaned worker would hold it open
        run_ = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=sink, start_new_session=True
        )
    try:
        busy = _wait_for(
            lambda: len(_live_processes_in_session(run_.pid)) >= 3 or run_.poll() is not None, 60
        )
        assert busy and run_.poll() is None, "the batch did not start its two workers"
        assert list(tmp_path.glob(".out.csv.*.tmp"))
        os.kill(run_.pid, number)
        run_.wait(timeout=60)
        assert _wait_for(lambda: _live_processes_in_session(run_.pid) == [], 10), (
            "a worker outlived its parent"
        )
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run_.pid, signal.SIGKILL)
    assert not out.exists()
    if (
        number != signal.SIGKILL
    ):  # a SIGKILL cannot be caught: its temporary file is the one thing left
        assert (run_.returncode, errors.read_bytes()) == (128 + number, b"")
        assert not list(tmp_path.glob(".out.csv.*"))


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "table"])
def test_a_file_name_that_is_not_utf8_is_written_with_its_bytes_escaped(
    tmp_path: Path, fmt: str
) -> None:
    """Names from a Windows (GBK) zip unpacked on Linux: shown as \\xbd..., never a crash."""
    folder = tmp_path / "g"
    folder.mkdir()
    shutil.copy(EXAMPLES / "cmmm-discrete-sample.yaml", folder / "ok.yaml")
    gbk = os.fsdecode(b"\xbd\xad\xc4\xcf.yaml")  # 江南 in GBK
    shutil.copy(EXAMPLES / "cmmm-discrete-sample.yaml", folder / gbk)
    out = tmp_path / f"out.{fmt}"
    code, _, err = invoke("score", str(folder), "-f", fmt, "-o", str(out))
    assert code == 0, err
    if fmt == "xlsx":
        from openpyxl import load_workbook

        sheet = load_workbook(out, read_only=True)["Results"]
        text = "\n".join(str(row[0]) for row in sheet.iter_rows(values_only=True))
    else:
        text = out.read_text(encoding="utf-8-sig")
    assert "\\xbd\\xad\\xc4\\xcf.yaml" in text
    assert "ok.yaml" in text
