"""Named cases of the improvement plan, each written from a consultant's judgement before the
ranking was coded (issue 13), on the plant fixture (tests/data/plant): four sub-domains (ehs,
planning, integration, data) with two requirements per level, equal weights, gate 0.8, and
thirteen realistic projects (hazard identification is statutory; MES before the ERP-MES link before
APS; data governance and the ERP-MES link before the data platform, and so on).

With equal weights every requirement of a level is worth 1/8 = 0.125 of that level's score.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from maturity.plan import Plan, Quarter, make_plan
from maturity.questionnaire import Questionnaire, load_questionnaire
from maturity.rules import LoadedRules, default_rules_path, load_rules
from maturity.scoring import score
from tests.conftest import DATA, all_at, make_answers

PLANT = DATA / "plant"
DATA_AND_MODELS = {"data-platform", "digital-twin", "aps-scheduling", "ehs-predictive"}
LEVEL_2_AND_BELOW = {
    "hazard-identification",
    "safety-management-system",
    "planning-basics",
    "mes-rollout",
    "it-basics",
    "data-governance",
}


@pytest.fixture(scope="module")
def plant() -> Questionnaire:
    return load_questionnaire(PLANT)


@pytest.fixture(scope="module")
def plant_rules(plant: Questionnaire) -> LoadedRules:
    return load_rules(default_rules_path(plant), plant)


def plan_for(
    plant: Questionnaire,
    rules: LoadedRules,
    up_to: int,
    changes: dict[str, Any] | None = None,
    target: int | None = None,
    **extra: Any,
) -> Plan:
    """All requirements up to level ``up_to`` fully met, none above, then ``changes``."""
    answers = all_at(plant, lambda lv: "full" if lv <= up_to else "none")
    answers.update(changes or {})
    result = score(plant, rules, make_answers(plant, answers, **extra))
    return make_plan(result, plant, target)


def ids(steps: Any) -> list[str]:
    return [s.id for s in steps]


def test_missing_erp_mes_link_is_in_phase_one(
    plant: Questionnaire, plant_rules: LoadedRules
) -> None:
    # A level-2 plant with MES running but no ERP-MES link: the link is the backbone of level 3
    # (three of its eight items) and cheap; any consultant starts there.
    plan = plan_for(plant, plant_rules, 2)
    assert plan.reached == 2
    assert "erp-mes-link" in ids(plan.phases[0].steps)
    assert plan.steps[0].id == "erp-mes-link"


def test_unmet_statutory_safety_item_comes_first(
    plant: Questionnaire, plant_rules: LoadedRules
) -> None:
    # Level 2 passed overall, but hazard identification (a legal duty) is not done: the law comes
    # before any level-3 gain, however large.
    plan = plan_for(plant, plant_rules, 2, {"ehs.1.01": "none"})
    assert plan.reached == 2
    assert plan.steps[0].id == "hazard-identification"
    assert plan.top[0].id == "hazard-identification"


def test_level_three_aiming_at_four_gets_data_and_model_projects_not_paperwork(
    plant: Questionnaire, plant_rules: LoadedRules
) -> None:
    # Everything up to level 3 is in place: the plan is about data platforms, models and
    # scheduling, never level-2 procedures the plant already has, and nothing of level 5 yet.
    plan = plan_for(plant, plant_rules, 3, target=4)
    assert (plan.reached, plan.target) == (3, 4)
    assert set(ids(plan.steps)) == DATA_AND_MODELS | {"digital-twin"}
    assert not set(ids(plan.steps)) & LEVEL_2_AND_BELOW
    assert "self-optimising" not in ids(plan.steps)


def test_top_three_are_in_phase_one_and_on_the_shortest_path(
    plant: Questionnaire, plant_rules: LoadedRules
) -> None:
    # Without a legal or foundation gap, what the summary says to start with is what phase 1 does
    # and what passes the next gate: one "start here" list.
    plan = plan_for(plant, plant_rules, 2)
    assert len(plan.top) == 3
    assert set(ids(plan.top)) <= set(ids(plan.phases[0].steps))
    assert set(ids(plan.top)) <= set(ids(plan.shortest))


def test_a_prerequisite_never_comes_after_what_needs_it(
    plant: Questionnaire, plant_rules: LoadedRules
) -> None:
    # A plant starting from nothing, aiming at level 5: MES before its ERP link, the link before
    # APS and the data platform, governance before the platform, the twin before self-optimising;
    # and a project only starts after what it needs has ended.
    plan = plan_for(plant, plant_rules, 0, target=5)
    step = {s.id: s for s in plan.steps}
    for s in plan.steps:
        for need in s.needs:
            assert step[need].rank < s.rank, (need, s.id)
            assert step[need].end < s.start, (need, s.id)
    assert step["mes-rollout"].rank < step["erp-mes-link"].rank < step["aps-scheduling"].rank


def test_a_needed_requirement_brings_the_project_that_closes_it(
    plant: Questionnaire, plant_rules: LoadedRules
) -> None:
    # Online EHS monitoring needs integration.2.01 (shop-floor data), which the MES roll-out
    # closes: a plant without MES gets the MES first, even when aiming at level 3 EHS.
    plan = plan_for(plant, plant_rules, 1, target=3)
    step = {s.id: s for s in plan.steps}
    assert "mes-rollout" in step["ehs-monitoring"].needs
    assert step["mes-rollout"].rank < step["ehs-monitoring"].rank


def test_a_tailored_subdomain_gets_no_project(
    plant: Questionnaire, plant_rules: LoadedRules
) -> None:
    # EHS is tailored out (say, a design office with no plant): none of its projects appears, and
    # no other project waits for one of them.
    ehs = {r.id: "none" for r in plant.requirements if r.id.startswith("ehs.")}
    plan = plan_for(plant, plant_rules, 1, ehs, target=3, tailoring={"ehs": "design office only"})
    assert not {"hazard-identification", "safety-management-system", "ehs-monitoring"} & set(
        ids(plan.steps)
    )


def test_phases_are_start_quarters_of_at_most_five_projects(
    plant: Questionnaire, plant_rules: LoadedRules
) -> None:
    # Five new projects a quarter is what an SME's management can launch; a phase is the projects
    # starting in one quarter, so phases follow the dependencies, not blocks of five.
    plan = plan_for(plant, plant_rules, 0, target=5)
    assert len(plan.steps) == 13
    assert [len(p.steps) for p in plan.phases] == [3, 3, 2, 2, 2, 1]
    assert all({s.start for s in p.steps} == {p.start} for p in plan.phases)
    assert [s.rank for s in plan.steps] == list(range(1, 14))


def test_phase_budget_is_the_sum_of_the_bands(
    plant: Questionnaire, plant_rules: LoadedRules
) -> None:
    # Phase 1 of the level-2 plant: ERP-MES link and data governance (10-50 each) and EHS
    # monitoring (50-200) -> 70 to 300 (10k RMB); APS and the data platform wait for the link.
    plan = plan_for(plant, plant_rules, 2)
    assert set(ids(plan.phases[0].steps)) == {"erp-mes-link", "data-governance", "ehs-monitoring"}
    assert plan.phases[0].budget == (70, 300)
    # a band above 200 has no upper bound: the phase's range is open too
    whole = plan_for(plant, plant_rules, 0, target=5)
    assert whole.phases[-1].budget[1] is None


def test_blocks_the_next_level_only_on_the_minimal_set(
    plant: Questionnaire, plant_rules: LoadedRules
) -> None:
    # Level 3 needs 7 of its 8 items (0.875 >= 0.8). The ERP-MES link (3), EHS monitoring (2) and
    # data governance (1) give 6; the 7th is cheaper through APS (50-200, 6-9 months) than
    # through the data platform (50-200, 6-12 months). The platform does not block level 3.
    plan = plan_for(plant, plant_rules, 2)
    assert set(ids(plan.shortest)) == {
        "erp-mes-link",
        "ehs-monitoring",
        "data-governance",
        "aps-scheduling",
    }
    assert not plan.step("data-platform").blocks_next  # type: ignore[union-attr]
    assert plan.reachable


def test_priorities_break_ties_only(plant: Questionnaire, plant_rules: LoadedRules) -> None:
    # A plant that puts safety first still links ERP and MES before it buys EHS monitoring: the
    # link adds more towards level 3 per unit of cost. Priorities never outrank the gate.
    plain = plan_for(plant, plant_rules, 2)
    safety_first = plan_for(plant, plant_rules, 2, priorities=["safety", "energy"])
    assert ids(plain.steps) == ids(safety_first.steps)


def test_a_partial_foundation_comes_before_the_next_level(
    plant: Questionnaire, plant_rules: LoadedRules
) -> None:
    # Level 2 passed, but network and accounts (integration.1.01) are only partly in place: a
    # foundation gap is fixed before level-3 work that builds on it.
    plan = plan_for(plant, plant_rules, 2, {"integration.1.01": "partial"})
    assert plan.steps[0].id == "it-basics"


def test_a_mostly_met_reached_item_is_polish_and_never_delays_a_gap(
    plant: Questionnaire, plant_rules: LoadedRules
) -> None:
    # The same item rated "most" is polish, not a gap that holds level 3 back: nothing waits for
    # it to end and, being light (under 10万), it takes no start slot; a funded project builds
    # beside it, so it may take the first quarter. Every other project keeps its dates.
    plan = plan_for(plant, plant_rules, 2, {"integration.1.01": "most"})
    without = plan_for(plant, plant_rules, 2)
    assert plan.steps[0].id == "erp-mes-link"
    assert all("it-basics" not in s.needs for s in plan.steps)
    assert plan.step("it-basics").start == plan.start  # type: ignore[union-attr]
    assert [(s.id, s.start) for s in plan.steps if s.id != "it-basics"] == [
        (s.id, s.start) for s in without.steps
    ]


def test_mes_comes_before_the_link_for_a_level_one_plant(
    plant: Questionnaire, plant_rules: LoadedRules
) -> None:
    # A level-1 plant (the gearbox case): MES is the level-2 backbone; the ERP-MES link, a
    # level-3 project, waits for it however attractive.
    plan = plan_for(plant, plant_rules, 1, target=3)
    # It starts as soon as planning basics (which it needs) end, in the first year.
    order = ids(plan.steps)
    assert order.index("mes-rollout") < order.index("erp-mes-link")
    mes = plan.step("mes-rollout")
    assert mes is not None and mes.blocks_next
    assert (mes.phase, mes.start) == (2, Quarter(2027, 2))


def test_the_roadmap_starts_the_quarter_after_the_assessment(
    plant: Questionnaire, plant_rules: LoadedRules
) -> None:
    # Assessed on 2026-11-20 (Q4): work starts in 2027 Q1; a 3-6 month project runs 2 quarters.
    plan = plan_for(plant, plant_rules, 2)
    assert plan.start == Quarter(2027, 1)
    link = plan.step("erp-mes-link")
    assert link is not None and (link.start, link.quarters) == (Quarter(2027, 1), 2)
    assert make_plan_today(plan, plant, plant_rules) == Quarter(2027, 2)


def make_plan_today(plan: Plan, plant: Questionnaire, rules: LoadedRules) -> Quarter:
    answers = all_at(plant, lambda lv: "full" if lv <= 2 else "none")
    result = score(plant, rules, make_answers(plant, answers))
    return make_plan(result, plant, today=dt.date(2027, 2, 1)).start


def test_a_plant_at_the_top_has_nothing_to_plan(
    plant: Questionnaire, plant_rules: LoadedRules
) -> None:
    plan = plan_for(plant, plant_rules, 5)
    assert (plan.steps, plan.phases, plan.shortest, plan.top) == ((), (), (), ())


def test_phases_are_quarters_numbered_in_time_order_even_for_a_level_one_firm(
    cmmm: Questionnaire, cmmm_rules: LoadedRules
) -> None:
    # A phase is at most five projects starting in one quarter (issue 13): phase 2 never starts
    # before phase 1 (the second consultant read two "phases" of 2027 Q1 as one after the other;
    # a busy quarter now opens neighbouring phases, never one that goes back in time).
    from tests.test_content import plan_named

    plan = plan_named("level-1", cmmm, cmmm_rules)
    starts = [p.start for p in plan.phases]
    assert starts == sorted(starts)
    assert all(len(p.steps) <= 5 for p in plan.phases)
    # a quarter splits into several phases only when it opens more than five projects
    for quarter in set(starts):
        sizes = [len(p.steps) for p in plan.phases if p.start == quarter]
        assert all(n == 5 for n in sizes[:-1]), (str(quarter), sizes)
    assert [p.number for p in plan.phases] == list(range(1, len(plan.phases) + 1))
    assert all(s.start == p.start for p in plan.phases for s in p.steps)
