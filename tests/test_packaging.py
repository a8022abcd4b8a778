"""The built wheel carries the questionnaires and rules and works outside the source tree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.mark.slow
def test_wheel_installs_and_finds_its_data(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(dist),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("maturity-*.whl"))
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    # PYTHONPATH comes before site-packages, so the wheel's copy shadows the editable checkout;
    # the dependencies still come from the test environment.
    env = {**os.environ, "PYTHONPATH": str(target), "MATURITY_LANG": "en"}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *args],
            check=False,
            cwd=elsewhere,
            capture_output=True,
            text=True,
            env=env,
        )

    where = run(
        "-c",
        "import maturity.resources as r; print(r.__file__); print(r.builtin_dir('questionnaires'))",
    )
    module_file, data_dir = where.stdout.split()
    assert module_file.startswith(str(target)) and data_dir.startswith(str(target)), where.stdout
    shown = run("-m", "maturity", "show", "cmmm")
    assert shown.returncode == 0, shown.stderr
    assert "Total" in shown.stdout
    scored = run(
        "-m",
        "maturity",
        "score",
        str(REPO / "examples" / "cmmm-discrete-sample.yaml"),
        "--format",
        "json",
    )
    assert scored.returncode == 0, scored.stderr
    assert '"format": "maturity-result/1"' in scored.stdout
    # the wheel carries every version: a 1.0.0 answer file is scored with the frozen 1.0.0
    listed = run("-m", "maturity", "questionnaires", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    versions = {(r["id"], r["version"]) for r in json.loads(listed.stdout)["questionnaires"]}
    assert {
        ("cmmm", "1.0.0"),
        ("cmmm", "1.1.0"),
        ("quick", "1.0.0"),
        ("quick", "1.1.0"),
    } <= versions
