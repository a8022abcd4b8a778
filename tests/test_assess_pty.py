"""``maturity assess`` in a real pseudo-terminal: what a person at the keyboard gets."""

from __future__ import annotations

import os
import re
import signal
import sys
from pathlib import Path

import pexpect
import yaml

from tests.conftest import MINI

# defaults: small, discrete, industry profile discrete, target 2
PROFILE = ["PTY Works", "", "", "", "", "", "2", "", ""]
ANSI = r"(?:\x1b\[[0-9;]*m)*"


def prompt(text: str) -> str:
    """A prompt as the terminal shows it: styled text, then ': '."""
    return re.escape(text) + ANSI + ": "


def spawn(*args: str, lang: str = "en") -> pexpect.spawn:
    env = {**os.environ, "MATURITY_LANG": lang, "COLUMNS": "80", "LINES": "24", "TERM": "xterm"}
    return pexpect.spawn(
        sys.executable,
        ["-m", "maturity", "--questionnaires", str(MINI), *args],
        env=env,
        encoding="utf-8",
        timeout=20,
        dimensions=(24, 80),
    )


def answer_profile(child: pexpect.spawn) -> None:
    for value in PROFILE:
        child.expect(r": $")
        child.sendline(value)


def keep_subdomain(child: pexpect.spawn) -> None:
    """Enter at a sub-domain's tailoring prompt: its items are asked."""
    child.expect(re.escape("does not apply") + ANSI + ": ")
    child.sendline("")


def answer(child: pexpect.spawn, key: str) -> None:
    child.expect(prompt("Your choice"))
    child.sendline(key)


def answers(path: Path) -> dict[str, object]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    result: dict[str, object] = data.get("answers") or {}
    return result


def test_full_quick_scan_at_a_terminal(tmp_path: Path) -> None:
    path = tmp_path / "quick.yaml"
    child = spawn("assess", "quick", "-o", str(path))
    answer_profile(child)
    for _ in range(20):
        answer(child, "2")
    child.expect("Indicative level")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert len(answers(path)) == 20


def test_ctrl_c_saves_and_resume_continues(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    child = spawn("assess", "mini", "-o", str(path))
    answer_profile(child)
    keep_subdomain(child)
    answer(child, "4")
    answer(child, "3")
    child.expect(prompt("Your choice"))
    child.sendintr()
    child.expect("To continue: maturity assess --resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert answers(path) == {"a.1.01": "full", "a.1.02": "most"}

    child = spawn("assess", "--resume", str(path))
    child.expect("a.2.01")  # the next unanswered requirement
    answer(child, "2")
    answer(child, "q")
    child.expect(pexpect.EOF)
    child.close()
    assert answers(path) == {"a.1.01": "full", "a.1.02": "most", "a.2.01": "partial"}


def test_sigkill_loses_at_most_the_answer_being_typed(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    child = spawn("assess", "mini", "-o", str(path))
    answer_profile(child)
    keep_subdomain(child)
    for key in ("4", "3", "2"):
        answer(child, key)
    child.expect(prompt("Your choice"))
    child.send("1")  # typed, not yet entered
    child.kill(signal.SIGKILL)
    child.close(force=True)
    assert answers(path) == {"a.1.01": "full", "a.1.02": "most", "a.2.01": "partial"}

    child = spawn("assess", "--resume", str(path))
    child.expect("a.3.01")
    answer(child, "1")
    child.expect(re.escape("does not apply") + ANSI + ": ")  # sub-domain b's tailoring prompt
    child.sendline("q")
    child.expect(pexpect.EOF)
    child.close()
    assert answers(path) == {
        "a.1.01": "full",
        "a.1.02": "most",
        "a.2.01": "partial",
        "a.3.01": "none",
    }


def test_chinese_screens_at_a_terminal(tmp_path: Path) -> None:
    path = tmp_path / "zh.yaml"
    child = spawn("assess", "quick", "-o", str(path), lang="zh")
    child.expect("企业名称")
    child.sendline("测试工厂")
    for _ in range(8):
        child.expect(r": $")
        child.sendline("")
    child.expect(prompt("你的选择"))
    child.sendline("h")
    child.expect("输入 0–5")
    child.sendline("q")
    child.expect("继续填写：maturity assess --resume")
    child.expect(pexpect.EOF)
    child.close()
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["organisation"]["name"] == "测试工厂"
