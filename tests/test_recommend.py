"""Gap analysis, ranking and the shortest path, checked by hand on the mini questionnaire.

Discrete weights a=2 b=1 c=1. Answers below give S1 = 0.933333, S2 = 0.5875 (so k = 1):
  L2: a 0.8 (w .5), b (0.5 + 1)/2 = 0.75 (w .25), c 0 (w .25) -> 0.4 + 0.1875 + 0 = 0.5875
"""

from __future__ import annotations

import pytest

from maturity.plan import Step
from maturity.questionnaire import Questionnaire
from maturity.recommend import advise, gains, gaps
from maturity.rules import LoadedRules
from maturity.schema.result import AssessmentResult
from maturity.scoring import score
from tests.conftest import all_at, hand_worked, make_answers


@pytest.fixture
def result(mini: Questionnaire, mini_rules: LoadedRules) -> AssessmentResult:
    answers = hand_worked(mini)
    return score(mini, mini_rules, make_answers(mini, answers, priorities=["quality"]))


def test_scores_behind_the_plan(result: AssessmentResult) -> None:
    assert result.level == 1
    assert result.levels[1].score == pytest.approx(0.5875)


def test_gain_is_weight_times_shortfall(result: AssessmentResult) -> None:
    g = gains(result)
    assert g["a.2.01"] == pytest.approx(0.5 * 0.2)  # 0.1
    assert g["b.2.01"] == pytest.approx(0.25 * 0.5 / 2)  # 0.0625
    assert g["c.2.01"] == pytest.approx(0.25 * 1.0)  # 0.25
    assert g["b.2.02"] == 0.0
    assert g["a.1.02"] == pytest.approx((2 / 3) * 0.2 / 2, abs=1e-6)


def test_without_projects_each_requirement_is_a_project_ranked_foundations_first(
    result: AssessmentResult, mini: Questionnaire
) -> None:
    plan = advise(result, mini, target=3).plan
    assert not plan.estimated  # mini has no projects/: one project per requirement
    assert [s.id for s in plan.steps] == [
        # level 2 (the next gate): c.2.01 alone passes it, so it leads; then gain per cost
        "c.2.01",
        "a.2.01",
        "b.2.01",
        # level 3, by gain at its own level per cost: c.3.01 (0.125 for a low-effort <10 over 1-3
        # months) before a.3.01 (0.5 for 10-50 over 3-6 months) before b.3.01 (high effort)
        "c.3.01",
        "a.3.01",
        "b.3.01",
        # a.1.02 is rated "most" on a level already reached: polish, last
        "a.1.02",
    ]
    assert [s.level for s in plan.steps] == [2, 2, 2, 3, 3, 3, 6]
    first = plan.steps[0].project
    assert (first.first_step.en, first.cost.value, first.months) == ("Do c.2.01", "10-50", (3, 6))
    assert first.owner.en == "not named"
    assert first.cost_basis.en == "not estimated: a default from the advice's effort"


def test_shortest_path_is_the_cheapest_set_that_passes_the_gate(
    result: AssessmentResult, mini: Questionnaire
) -> None:
    plan = advise(result, mini, target=3).plan
    # 0.8 - 0.5875 = 0.2125 is missing; c.2.01 alone adds 0.25
    assert ([s.id for s in plan.shortest], plan.reachable) == (["c.2.01"], True)
    assert [s.id for s in plan.steps if s.blocks_next] == ["c.2.01"]


def test_roadmap_phases_hold_at_most_five_projects_by_quarter(
    result: AssessmentResult, mini: Questionnaire
) -> None:
    plan = advise(result, mini, target=3).plan
    assert [(str(p.start), str(p.end), [s.id for s in p.steps]) for p in plan.phases] == [
        ("2027 Q1", "2027 Q2", ["c.2.01", "a.2.01", "b.2.01", "c.3.01", "a.3.01"]),
        # at most five start in a quarter: the rest start the next quarter, not after phase 1 ends
        ("2027 Q2", "2027 Q4", ["b.3.01", "a.1.02"]),
    ]
    assert [s.id for s in plan.top] == ["c.2.01", "a.2.01", "b.2.01"]


def test_gaps_up_to_target_grouped_by_level_and_subdomain(result: AssessmentResult) -> None:
    grouped = gaps(result, target=2)
    assert {
        lv: {s: [r.id for r in rows] for s, rows in subs.items()} for lv, subs in grouped.items()
    } == {
        1: {"a": ["a.1.02"]},
        2: {"a": ["a.2.01"], "b": ["b.2.01"], "c": ["c.2.01"]},
    }


def test_advice_plans_for_the_given_target_else_the_answer_files_else_the_next_level(
    result: AssessmentResult, mini: Questionnaire
) -> None:
    assert (result.level, result.target_level) == (1, 3)
    advice = advise(result, mini)
    assert (advice.reached, advice.next_level, advice.target) == (1, 2, 3)
    assert advise(result, mini, target=2).target == 2
    assert advise(result.model_copy(update={"target_level": None}), mini).target == 2
    # the gaps go up to the target, the plan up to it too
    assert sorted(advice.gaps) == [1, 2, 3]
    assert max(r.level for s in advice.plan.steps for r in s.closing) == 3


def test_advice_at_the_top_level_has_no_next_level(
    mini: Questionnaire, mini_rules: LoadedRules
) -> None:
    top = score(mini, mini_rules, make_answers(mini, all_at(mini, lambda lv: "full")))
    advice = advise(top, mini)
    assert (advice.reached, advice.next_level, advice.target) == (5, None, 5)
    assert (advice.plan.steps, advice.plan.shortest, advice.plan.phases) == ((), (), ())


def test_factory_tiers_follow_the_level(result: AssessmentResult, mini: Questionnaire) -> None:
    from maturity.tiers import check_tiers

    checks = check_tiers(result, mini, 1)
    level_2 = ("c.2.01", "a.2.01", "b.2.01")
    assert [(c.tier.id, c.tier.level, c.met, c.projects) for c in checks] == [
        ("basic", 2, False, level_2),
        ("advanced", 2, False, level_2),
        ("excellence", 3, False, (*level_2, "c.3.01", "a.3.01", "b.3.01")),
        (
            "leading",
            4,
            False,
            (*level_2, "c.3.01", "a.3.01", "b.3.01", "a.4.01", "b.4.01", "c.4.01"),
        ),
    ]
    # at level 2 the first two are met, with nothing to close
    assert [(c.met, c.projects) for c in check_tiers(result, mini, 2)[:2]] == [(True, ())] * 2


@pytest.mark.parametrize("seed", range(20))
def test_shortest_path_passes_the_gate_and_drops_nothing_it_could(
    seed: int, cmmm: Questionnaire, cmmm_rules: LoadedRules
) -> None:
    """The minimal set passes the gate, and without any one of its projects (that nothing else in
    it needs) it would not: no member is redundant."""
    import random

    from maturity.recommend import ROUNDING, gains

    rng = random.Random(seed)
    answers = all_at(
        cmmm,
        lambda lv: (
            rng.choice(["full", "full", "most", "partial", "none"])
            if lv <= 2
            else rng.choice(["most", "partial", "none"])
        ),
    )
    result = score(cmmm, cmmm_rules, make_answers(cmmm, answers))
    plan = advise(result, cmmm, target=3).plan
    gain = gains(result)
    nxt = plan.reached + 1

    def total(steps: list[Step]) -> float:
        rows = {r.id for s in steps for r in s.closing if r.level == nxt}
        return plan.current + sum(gain[r] for r in rows)

    chosen = list(plan.shortest)
    if plan.reachable and chosen:
        assert total(chosen) + ROUNDING >= plan.gate
        needed = {d for s in chosen for d in s.needs}
        for step in chosen:
            if step.id not in needed:
                assert total([s for s in chosen if s is not step]) + ROUNDING < plan.gate
