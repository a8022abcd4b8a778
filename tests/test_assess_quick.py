"""Questionnaire 1.1, quick scan: N/A with a reason, `covers:` checked at load, the stated
priorities used (issue 12, item 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from maturity.cli import app
from maturity.errors import QuestionnaireError
from maturity.i18n import msg
from maturity.questionnaire import Catalog
from maturity.rules import default_rules_path, load_rules
from maturity.scoring import score
from tests.conftest import DATA, MINI, make_answers, write_yaml

QUICK_MINI = DATA / "quick-mini"


# --- quick scan: N/A ---------------------------------------------------------------------------
def test_a_quick_scan_na_drops_out_of_scoring_like_a_na_requirement() -> None:
    quick = Catalog().load("quick")
    rules = load_rules(default_rules_path(quick), quick)
    ids = [q.id for q in quick.questions]
    answers: dict[str, object] = dict.fromkeys(ids[:15], 3)
    answers |= dict.fromkeys(ids[15:18], 1)
    answers |= {i: {"rating": "na", "reason": "no own product"} for i in ids[18:]}
    result = score(quick, rules, make_answers(quick, answers))
    # By hand, 18 sub-domains scored (equal weights): S1 = 18/18 = 1, S2 = S3 = 15/18 = 0.833333
    # (>= 0.8), S4 = 0: k = 3, S = (3 - 1) + S3 + S4 = 2.833333 -> level 3 (band 2.8). Counted as
    # 0 (unanswered), the two N/A would give S2 = 15/20 = 0.75: level 1.
    assert [ls.score for ls in result.levels] == [1.0, 0.833333, 0.833333, 0.0, 0.0]
    assert result.score == 2.833333
    assert result.level == 3
    assert result.counts.not_applicable == 2
    assert [s.scores for s in result.subdomains if s.id == ids[18]] == [
        {str(level): None for level in range(1, 6)}
    ]


def _quick_file(tmp_path: Path, answer: object) -> Path:
    quick = Catalog().load("quick")
    data = {
        "format": "maturity-answers/1",
        "questionnaire": {"id": "quick", "version": quick.version},
        "organisation": {"name": "Test Works", "type": "discrete"},
        "assessment": {"date": "2026-11-20"},
        "answers": {q.id: 2 for q in quick.questions} | {"service.product": answer},
    }
    return write_yaml(tmp_path / "quick.yaml", data)


def test_a_quick_scan_na_needs_a_reason(tmp_path: Path) -> None:
    path = _quick_file(tmp_path, "na")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert (
        "'service.product' is marked not applicable (na) without a reason. Add `reason:` "
        "explaining why it does not apply." in result.stderr
    )
    path.unlink()
    path = _quick_file(tmp_path, {"rating": "na", "reason": "contract processing only"})
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert result.exit_code == 0, result.stderr


# --- covers ------------------------------------------------------------------------------------
def test_covers_name_requirements_of_the_sub_domain_at_or_below_the_level() -> None:
    with pytest.raises(QuestionnaireError) as caught:
        Catalog([MINI, DATA / "quick-covers"]).load("quick_covers")
    shown = [f"{p.file}:{p.line}: {msg(p.key, 'en', **p.params)}" for p in caught.value.problems]
    assert shown == [
        "quick-covers/subdomains/a.yaml:19: the level 1 descriptor of quick-scan question 'a' "
        "covers 'a.2.01', a level 2 requirement: a descriptor covers only requirements at its "
        "own level or below.",
        "quick-covers/subdomains/b.yaml:24: the level 2 descriptor of quick-scan question 'b' "
        "covers 'a.1.01', which belongs to sub-domain a, not b.",
        "quick-covers/subdomains/c.yaml:27: the level 3 descriptor of quick-scan question 'c' "
        "covers 'c.9.99', which is no requirement of questionnaire mini.",
    ]
    quick = Catalog([MINI, QUICK_MINI]).load("quick_mini")  # the same, written correctly
    assert quick.questions[0].descriptors[1].covers == ("a.1.01", "a.1.02")


# --- priorities --------------------------------------------------------------------------------
def test_the_quick_scans_priorities_order_where_to_start(tmp_path: Path) -> None:
    def focus(priorities: list[str], na: tuple[str, ...] = ()) -> str:
        quick = Catalog().load("quick")
        data = {
            "format": "maturity-answers/1",
            "questionnaire": {"id": "quick", "version": quick.version},
            "organisation": {"name": "Test Works", "type": "discrete"},
            "assessment": {"date": "2026-11-20"},
            "priorities": priorities,
            "answers": {q.id: 2 for q in quick.questions}
            | {i: {"rating": "na", "reason": "not ours"} for i in na},
        }
        path = write_yaml(tmp_path / "quick.yaml", data)
        result = CliRunner().invoke(app, ["score", str(path)], env={"COLUMNS": "400"})
        assert result.exit_code == 0, result.stderr
        return " ".join(result.stdout.split()).split("starting with: ")[1]

    # every sub-domain at level 2: without priorities, questionnaire order decides
    assert focus([]) == (
        "Organisation strategy, Personnel skills, Data, Integration, Information security."
    )
    assert focus(["energy"]) == (
        "Energy management, Organisation strategy, Personnel skills, Data, Integration."
    )
    # a sub-domain answered N/A is no place to start (it is not at level 0)
    assert focus([], na=("skills",)) == (
        "Organisation strategy, Data, Integration, Information security, Equipment."
    )


def test_the_quick_scan_template_says_how_to_answer_na() -> None:
    result = CliRunner().invoke(app, ["template", "quick", "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    comments = " ".join(line.lstrip("# ") for line in result.stdout.splitlines())
    assert (
        "the number 0-5 of the sentence that fits best (if the whole sub-domain does not "
        "apply: {rating: na, reason: why})" in comments
    )
