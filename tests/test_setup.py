"""The README's set-up: one package list, the line printed for a user without root, a half-made venv.

The whole path on a real minimal Debian is scripts/fresh-debian-check.sh (root, network, minutes);
these tests pin the pieces of it that are cheap to check here.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from tests.conftest import REPO

INSTALL = "install -y --no-install-recommends python3-venv poppler-utils"


def makefile_packages() -> list[str]:
    found = re.search(
        r"^SYSTEM_PACKAGES := (.+)$", (REPO / "Makefile").read_text(encoding="utf-8"), re.MULTILINE
    )
    assert found, "no SYSTEM_PACKAGES in the Makefile"
    return found.group(1).split()


def readme_packages() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Set-up", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([^`]+)` \| \S", section, re.MULTILINE)


def test_the_readme_lists_exactly_the_packages_the_makefile_installs() -> None:
    assert readme_packages() == makefile_packages()
    assert "python3-venv" in makefile_packages()  # Debian's python3 has no ensurepip without it


def test_the_package_list_lives_only_in_the_makefile() -> None:
    script = (REPO / "scripts" / "system-deps.sh").read_text(encoding="utf-8")
    assert [pkg for pkg in makefile_packages() if pkg in script] == []


def executable(path: Path, body: str) -> None:
    path.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    path.chmod(0o755)


def system_deps(tmp_path: Path, uid: int) -> subprocess.CompletedProcess[str]:
    """scripts/system-deps.sh on a Debian where python3-venv and poppler-utils are missing, no sudo."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    executable(bin_dir / "id", f"echo {uid}")
    executable(
        bin_dir / "dpkg-query", '[ "$3" = fonts-noto-cjk ] && echo "install ok installed"; true'
    )
    executable(bin_dir / "sudo", "exit 1")
    executable(bin_dir / "apt-get", f'echo "$DEBIAN_FRONTEND $*" >> "{tmp_path}/apt-get"')
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}"}
    env.pop("DEBIAN_FRONTEND", None)
    script = str(REPO / "scripts" / "system-deps.sh")
    packages = [
        "python3-venv",
        "fonts-noto-cjk",
        "poppler-utils",
    ]  # the fake dpkg-query has fonts-noto-cjk
    return subprocess.run(
        ["sh", script, *packages], check=False, env=env, capture_output=True, text=True
    )


def test_without_root_it_prints_the_one_line_to_run_and_installs_nothing(tmp_path: Path) -> None:
    result = system_deps(tmp_path, uid=1000)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "maturity needs Debian packages that only root can install: python3-venv poppler-utils\n"
        "maturity 需要只有 root 才能安装的 Debian 软件包。请以 root 身份运行下面这一行，然后重新运行 make。\n"
        "Run this line as root, then run make again:\n"
        "\n"
        f"    apt-get update && apt-get {INSTALL}\n"
        "\n"
    )
    assert not (tmp_path / "apt-get").exists()


def test_as_root_it_installs_what_the_printed_line_would(tmp_path: Path) -> None:
    result = system_deps(tmp_path, uid=0)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Installing system packages: python3-venv poppler-utils\n"
    calls = (tmp_path / "apt-get").read_text(encoding="utf-8").splitlines()
    assert calls == [" update -qq", f"noninteractive -qq {INSTALL}"]


def make_venv(tmp_path: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    """`make` of the venv stamp with a python3 that records its arguments and fails (no ensurepip)."""
    venv = tmp_path / ".venv"
    (venv / "bin").mkdir(parents=True, exist_ok=True)
    executable(tmp_path / "python3", f'echo "$*" >> "{tmp_path}/python3-calls"; exit 1')
    executable(venv / "bin" / "pip", "true")
    command = [
        "make",
        "-s",
        "-C",
        str(REPO),
        f"VENV={venv}",
        f"PYTHON={tmp_path / 'python3'}",
        f"{venv}/bin/.installed",
    ]
    return subprocess.run(command, check=False, capture_output=True, text=True), venv


def test_a_half_made_venv_is_rebuilt_not_reused(tmp_path: Path) -> None:
    result, venv = make_venv(tmp_path)  # a .venv without the stamp: what a stopped set-up leaves
    assert result.returncode != 0
    assert result.stdout == f"{venv} is unfinished (an earlier set-up stopped): rebuilding it\n"
    assert (tmp_path / "python3-calls").read_text(encoding="utf-8") == f"-m venv --clear {venv}\n"


def test_a_finished_venv_is_updated_in_place(tmp_path: Path) -> None:
    stamp = tmp_path / ".venv" / "bin" / ".installed"
    stamp.parent.mkdir(parents=True)
    stamp.touch()
    os.utime(stamp, (0, 0))  # older than pyproject.toml: the dependencies changed
    result, _ = make_venv(tmp_path)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "python3-calls").exists()
    assert stamp.stat().st_mtime > 0
