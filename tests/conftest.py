"""Shared fixtures: a hand-computable mini questionnaire and helpers to build answer files."""

from __future__ import annotations

from collections.abc import Callable, Mapping
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
    from maturity.schema.base import EnterpriseType

    return {r.id: rating_for_level(r.level) for r in questionnaire.applicable(EnterpriseType(kind))}


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
