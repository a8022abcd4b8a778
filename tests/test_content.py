"""The built-in cmmm content read as a consultant would: recommendations that do not all start
alike, improvement projects that a factory funds, and plans on the real data that start where a
factory must start (issue 13, items 1 and 4)."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from maturity.plan import Plan, make_plan
from maturity.questionnaire import Questionnaire
from maturity.rules import LoadedRules
from maturity.scoring import score
from tests.conftest import all_at, make_answers


def openings(cmmm: Questionnaire) -> tuple[Counter[str], Counter[str]]:
    """How each recommendation's action starts: its first four characters in Chinese and its
    first two words (lower case) in English."""
    actions = [rec.action for rec in cmmm.recommendations.values()]
    zh = Counter(a.zh.strip()[:4] for a in actions)
    en = Counter(" ".join(a.en.lower().split()[:2]) for a in actions)
    return zh, en


def test_no_recommendation_opening_is_shared_by_more_than_one_in_ten(cmmm: Questionnaire) -> None:
    # 148 of 230 once started with "下周…"; an owner reading the cards stops reading when every
    # card starts alike. One in ten is the bound, in each language.
    limit = len(cmmm.recommendations) // 10
    zh, en = openings(cmmm)
    assert [(o, n) for o, n in zh.most_common() if n > limit] == []
    assert [(o, n) for o, n in en.most_common() if n > limit] == []


def test_projects_are_written_as_data_and_close_every_requirement(cmmm: Questionnaire) -> None:
    assert cmmm.projects_estimated
    closed = Counter(ref for p in cmmm.projects for ref in p.closes)
    assert [r.id for r in cmmm.requirements if r.id not in closed] == []
    # one investment per requirement: a second project closing it would be double-counted
    assert [ref for ref, n in closed.items() if n > 1] == []
    assert 40 <= len(cmmm.projects) <= 75


def test_statutory_projects_close_only_foundations(cmmm: Questionnaire) -> None:
    # The plan puts a statutory project before everything else whenever it closes an unmet item.
    # A legal project that also carried level-3 work would drag that work to the front, so the
    # legal ones close level-1 and level-2 items only, and each names its law (《…》).
    level = {r.id: r.level for r in cmmm.requirements}
    statutory = [p for p in cmmm.projects if p.statutory]
    assert {"safety-dual-prevention", "occupational-health-basics", "environmental-compliance"} <= {
        p.id for p in statutory
    }
    for p in statutory:
        assert max(level[r] for r in p.closes) <= 2, p.id
        assert "《" in p.statutory.zh, p.id  # type: ignore[union-attr]


def test_scenarios_are_labelled_with_edition_status_and_source(cmmm: Questionnaire) -> None:
    scenarios = cmmm.scenarios
    assert scenarios is not None
    assert "2021" in scenarios.edition.zh and scenarios.status == "published"
    assert "miit.gov.cn" in scenarios.source
    used = {s for p in cmmm.projects for s in p.scenarios}
    assert used <= {s.id for s in scenarios.scenarios}
    assert len(used) >= 25  # the projects realise most of the listed scenarios, not a token few


def plan_for(
    cmmm: Questionnaire, rules: LoadedRules, up_to: int, changes: dict[str, Any] | None = None
) -> Plan:
    """A discrete firm with every requirement up to ``up_to`` fully met, none above."""
    answers = all_at(cmmm, lambda lv: "full" if lv <= up_to else "none")
    answers.update(changes or {})
    return make_plan(score(cmmm, rules, make_answers(cmmm, answers)), cmmm, None)


def test_level_two_firm_without_the_erp_mes_link_starts_with_it(
    cmmm: Questionnaire, cmmm_rules: LoadedRules
) -> None:
    # ERP, MES and WMS run, but nothing passes between them: the link is the backbone most
    # level-3 items (stock visibility, scheduling, order status, traceability) depend on.
    plan = plan_for(cmmm, cmmm_rules, 2)
    assert plan.reached == 2
    assert "erp-mes-wms-integration" in [s.id for s in plan.phases[0].steps]


def test_unmet_hazard_identification_comes_first_on_the_real_data(
    cmmm: Questionnaire, cmmm_rules: LoadedRules
) -> None:
    # A level-2 firm that never identified its hazards: the Work Safety Law comes before any gain.
    plan = plan_for(cmmm, cmmm_rules, 2, {"production.ehs.1.01": "none"})
    assert plan.top[0].id == "safety-dual-prevention"
    assert "Work Safety Law" in plan.top[0].project.statutory.en  # type: ignore[union-attr]


@pytest.mark.parametrize("done", ["none", "full"])
def test_a_level_one_firm_starts_with_foundations_not_analytics(
    cmmm: Questionnaire, cmmm_rules: LoadedRules, done: str
) -> None:
    # Level 1 reached, nothing of level 2 (with and without the level-2 legal items in place):
    # phase 1 holds level-2 foundations, never a model or platform project of level 3 and above.
    legal = {"security.2.01": done, "security.2.03": done, "security.2.06": done}
    plan = plan_for(cmmm, cmmm_rules, 1, legal)
    assert plan.reached == 1
    assert [s.id for s in plan.phases[0].steps if s.level > 2] == []
    assert ("security-baseline" in [s.id for s in plan.phases[0].steps]) == (done == "none")
