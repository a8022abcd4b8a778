"""Shared fixtures: a hand-computable mini questionnaire and helpers to build answer files."""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from maturity.questionnaire import Catalog, Questionnaire, load_questionnaire
from maturity.rules import LoadedRules, default_rules_path, load_rules
from maturity.schema.answers import AnswerFile

if TYPE_CHECKING:
    from maturity.answers import LoadedAnswers
    from maturity.report import ReportInput
    from maturity.schema.result import AssessmentResult

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini"
REPO = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests assert English texts unless they ask for Chinese explicitly; caches stay out of $HOME."""
    monkeypatch.setenv("MATURITY_LANG", "en")
    monkeypatch.delenv("MATURITY_QUESTIONNAIRES", raising=False)
    monkeypatch.setenv("MATURITY_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture(scope="session")
def mini() -> Questionnaire:
    return load_questionnaire(MINI)


@pytest.fixture(scope="session")
def mini_rules(mini: Questionnaire) -> LoadedRules:
    return load_rules(default_rules_path(mini), mini)


@pytest.fixture(scope="session")
def cmmm() -> Questionnaire:
    return Catalog().load("cmmm")


@pytest.fixture(scope="session")
def cmmm_rules(cmmm: Questionnaire) -> LoadedRules:
    return load_rules(default_rules_path(cmmm), cmmm)


def answer_doc(
    questionnaire: Questionnaire, answers: Mapping[str, Any], kind: str = "discrete", **extra: Any
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": "maturity-answers/1",
        "questionnaire": {"id": questionnaire.id, "version": questionnaire.version},
        "organisation": {"name": "Test Works", "type": kind},
        "assessment": {"date": "2026-11-20", "target_level": 3},
        "answers": dict(answers),
    }
    doc.update(extra)
    return doc


def make_answers(
    questionnaire: Questionnaire, answers: Mapping[str, Any], kind: str = "discrete", **extra: Any
) -> AnswerFile:
    return AnswerFile.model_validate(answer_doc(questionnaire, answers, kind, **extra))


def all_at(
    questionnaire: Questionnaire, rating_for_level: Callable[[int], Any], kind: str = "discrete"
) -> dict[str, Any]:
    """Rate every applicable requirement by its level."""
    from maturity.schema.base import DEFAULT_PROFILE, EnterpriseType

    return {
        r.id: rating_for_level(r.level)
        for r in questionnaire.applicable(DEFAULT_PROFILE[EnterpriseType(kind)])
    }


def hand_worked(questionnaire: Questionnaire) -> dict[str, Any]:
    """The mini answers worked by hand in test_recommend's docstring: full at level 1, none above,
    but for a few ratings in between (S1 = 0.933333, S2 = 0.5875 for a discrete organisation)."""
    answers = all_at(questionnaire, lambda lv: "full" if lv == 1 else "none")
    answers.update(
        {
            "a.1.02": "most",
            "a.2.01": "most",
            "b.2.01": "partial",
            "b.2.02": "full",
            "c.2.01": "none",
        }
    )
    return answers


def write_yaml(path: Path, data: Any) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@dataclass(frozen=True)
class ScoredFile:
    """An answer file loaded and scored with its questionnaire's default rules, as `report` does."""

    loaded: LoadedAnswers
    rules: LoadedRules
    result: AssessmentResult

    def report_input(self) -> ReportInput:
        from maturity.report import ReportInput

        q = self.loaded.questionnaire
        return ReportInput(self.result, q, self.loaded.answers, self.rules.rules)

    def pdf(self) -> bytes:
        """The English PDF report, unsigned."""
        from maturity.report import ReportFormat
        from maturity.report.render import render_report

        return render_report(self.report_input(), ReportFormat.pdf, "en")


def score_file(path: Path, extra_dirs: list[Path] | None = None) -> ScoredFile:
    from maturity.answers import load_answers
    from maturity.scoring import score

    loaded = load_answers(path, Catalog(extra_dirs).load)
    rules = load_rules(default_rules_path(loaded.questionnaire), loaded.questionnaire)
    return ScoredFile(loaded, rules, score(loaded.questionnaire, rules, loaded.answers))


NOBODY = ("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups")


@functools.cache
def _why_nobody_cannot_run_maturity() -> str | None:
    """Why an unprivileged user cannot run this checkout's maturity here, or None if it can.

    Root ignores permission bits, so the permission tests run the CLI as uid 65534; that user must
    reach the interpreter and the checkout, which a clone under /root (mode 700) does not allow."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        return "needs root and setpriv to run as an unprivileged user"
    probe = subprocess.run(
        [*NOBODY, sys.executable, "-c", "import maturity.cli"],
        capture_output=True, text=True, cwd="/", timeout=60, check=False,
    )  # fmt: skip
    if probe.returncode != 0:
        last = (probe.stderr.strip().splitlines() or [f"exit {probe.returncode}"])[-1]
        return f"an unprivileged user cannot run this checkout ({last}), e.g. a clone under /root"
    return None


def run_as_nobody(
    command: Sequence[str], env: Mapping[str, str] | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run ``command`` as uid 65534 from /; the test is skipped, saying why, where that cannot work."""
    reason = _why_nobody_cannot_run_maturity()
    if reason is not None:
        pytest.skip(reason)
    return subprocess.run(
        [*NOBODY, *command],
        capture_output=True, text=True, env=env, cwd="/", timeout=timeout, check=False,
    )  # fmt: skip
