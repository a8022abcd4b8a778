"""The `maturity` command's entry point: exit codes and output pass through; importing the CLI changes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import REPO

SAMPLE = REPO / "examples" / "cmmm-discrete-sample.yaml"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MATURITY_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "maturity", *args],
        check=False,
        capture_output=True,
        text=True,
        env=env,
    )


def test_output_and_success_pass_through() -> None:
    done = run("score", str(SAMPLE), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["level"] == 2


def test_error_exit_code_and_message_pass_through() -> None:
    done = run("score", "no-such-file.yaml")
    assert done.returncode == 2
    assert (
        done.stderr
        == "error: no-such-file.yaml: file not found. Check the path and the file name.\n"
    )
    assert done.stdout == ""


def test_importing_the_cli_leaves_the_garbage_collector_alone() -> None:
    code = "import gc; import maturity.cli; print(gc.isenabled(), gc.get_freeze_count() == 0, gc.get_threshold()[0])"
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert done.stdout.split() == ["True", "True", "700"]
