"""Gap analysis, ranking and the shortest path, checked by hand on the mini questionnaire.

Discrete weights a=2 b=1 c=1. Answers below give S1 = 0.933333, S2 = 0.5875 (so k = 1):
  L2: a 0.8 (w .5), b (0.5 + 1)/2 = 0.75 (w .25), c 0 (w .25) -> 0.4 + 0.1875 + 0 = 0.5875
"""

from __future__ import annotations

import pytest

from maturity.questionnaire import Questionnaire
from maturity.recommend import advise, factory_tiers, gains, gaps
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


def test_plan_ranks_next_gate_first_then_gain_then_kpis(
    result: AssessmentResult, mini: Questionnaire
) -> None:
    actions = advise(result, mini, target=3).actions
    assert [a.id for a in actions] == [
        # tier 1, level 2 (blocks the next gate), by gain
        "c.2.01",
        "a.2.01",
        "b.2.01",
        # tier 2, level 3: a.3.01 gains 0.5; b.3.01 and c.3.01 tie at 0.25, and b.3.01 moves
        # quality, the organisation's first priority
        "a.3.01",
        "b.3.01",
        "c.3.01",
        # tier 3: consolidation of a reached level
        "a.1.02",
    ]
    assert [a.tier for a in actions] == [1, 1, 1, 2, 2, 2, 3]
    assert next(a for a in actions if a.id == "b.3.01").kpi_fit == 3
    assert next(a for a in actions if a.id == "c.2.01").kpi_fit == 3  # delivery (0) + quality (3)


def test_shortest_path_is_the_fewest_improvements(
    result: AssessmentResult, mini: Questionnaire
) -> None:
    path = advise(result, mini, target=3).shortest
    assert path is not None
    assert (path.level, path.reachable) == (2, True)
    # 0.8 - 0.5875 = 0.2125 is missing; c.2.01 alone adds 0.25
    assert [a.id for a in path.actions] == ["c.2.01"]


def test_roadmap_has_one_phase_per_level_to_target(
    result: AssessmentResult, mini: Questionnaire
) -> None:
    phases = advise(result, mini, target=3).phases
    assert [(p.level, [a.id for a in p.actions]) for p in phases] == [
        (2, ["c.2.01", "a.2.01", "b.2.01", "a.1.02"]),
        (3, ["a.3.01", "b.3.01", "c.3.01"]),
    ]


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
    assert max(a.requirement.level for a in advice.actions) == 3


def test_advice_at_the_top_level_has_no_next_level(
    mini: Questionnaire, mini_rules: LoadedRules
) -> None:
    top = score(mini, mini_rules, make_answers(mini, all_at(mini, lambda lv: "full")))
    advice = advise(top, mini)
    assert (advice.reached, advice.next_level, advice.target) == (5, None, 3)
    assert (advice.actions, advice.shortest, advice.phases) == ((), None, ())


def test_factory_tiers_follow_the_level() -> None:
    assert factory_tiers(2) == [
        ("basic", 2, True),
        ("advanced", 2, True),
        ("excellence", 3, False),
        ("leading", 4, False),
    ]


@pytest.mark.parametrize("seed", range(40))
def test_shortest_path_is_minimal_on_random_answers(
    seed: int, cmmm: Questionnaire, cmmm_rules: LoadedRules
) -> None:
    """No smaller set of improvements reaches the gate: the k-1 largest gains fall short."""
    import random

    from maturity.recommend import ROUNDING

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
    advice = advise(result, cmmm, target=3)
    actions, path = advice.actions, advice.shortest
    assert path is not None
    gains_next = sorted(
        (a.gain for a in actions if a.requirement.level == path.level), reverse=True
    )
    chosen = len(path.actions)
    if path.reachable:
        assert path.current + sum(gains_next[:chosen]) + ROUNDING >= path.gate
        if chosen:
            assert path.current + sum(gains_next[: chosen - 1]) + ROUNDING < path.gate
