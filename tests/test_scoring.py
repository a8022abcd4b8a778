"""Scoring checked against values computed by hand on the mini questionnaire.

Mini questionnaire (tests/data/mini): sub-domains a, b, c.
  a: L1 x2, L2, L3, L4, L5        b: L1, L2 x2, L3, L4, L5        c: L2, L3, L3 (process only), L4, L5
Weights: discrete a=2 b=1 c=1; process a=1 b=1 c=2. Gate 0.8, rule B unless stated.
"""

from __future__ import annotations

import pytest

from maturity.questionnaire import Questionnaire
from maturity.resources import builtin_dir
from maturity.rules import LoadedRules, default_rules_path, installed_rules_paths
from maturity.schema.answers import AnswerFile
from maturity.scoring import ladder, score
from tests.conftest import all_at, make_answers


def with_rule(rules: LoadedRules, rule: str) -> LoadedRules:
    changed = rules.rules.model_copy(
        update={"total_score_rule": rules.rules.total_score_rule.model_copy(update={"value": rule})}
    )
    return LoadedRules(rules=changed, path=rules.path, raw=rules.raw, sha256=rules.sha256)


def level_scores(result: object) -> list[float | None]:
    return [ls.score for ls in result.levels]  # type: ignore[attr-defined]


def test_all_full_is_five(mini: Questionnaire, mini_rules: LoadedRules) -> None:
    result = score(mini, mini_rules, make_answers(mini, all_at(mini, lambda _: "full")))
    assert level_scores(result) == [1.0, 1.0, 1.0, 1.0, 1.0]
    assert (result.level, result.score) == (5, 5.0)  # B: (5-1) + S5 = 4 + 1


def test_all_none_is_zero(mini: Questionnaire, mini_rules: LoadedRules) -> None:
    result = score(mini, mini_rules, make_answers(mini, all_at(mini, lambda _: "none")))
    assert level_scores(result) == [0.0, 0.0, 0.0, 0.0, 0.0]
    assert (result.level, result.score) == (0, 0.0)
    assert not any(ls.reached for ls in result.levels)


def test_levels_one_two_full_level_three_partial(
    mini: Questionnaire, mini_rules: LoadedRules
) -> None:
    answers = all_at(mini, lambda lv: "full" if lv <= 2 else "partial" if lv == 3 else "none")
    result = score(mini, mini_rules, make_answers(mini, answers))
    # S1 = 1, S2 = 1, S3 = 0.5 (c.3.02 is process-only and not asked of a discrete firm)
    assert level_scores(result) == [1.0, 1.0, 0.5, 0.0, 0.0]
    # k = 2; B: (2-1) + S2 + S3 = 1 + 1 + 0.5 = 2.5
    assert (result.level, result.score) == (2, 2.5)
    assert [ls.reached for ls in result.levels] == [True, True, False, False, False]


def test_rule_a_and_b_differ_only_in_the_decimal(
    mini: Questionnaire, mini_rules: LoadedRules
) -> None:
    answers = all_at(mini, lambda lv: "full" if lv == 1 else "partial" if lv == 3 else "none")
    answers.update({"a.2.01": "full", "b.2.01": "full", "b.2.02": "most", "c.2.01": "most"})
    # L2 means: a 1.0, b 0.9, c 0.8; discrete weights 2/4, 1/4, 1/4 -> S2 = 0.5 + 0.225 + 0.2 = 0.925
    b = score(mini, mini_rules, make_answers(mini, answers))
    a = score(mini, with_rule(mini_rules, "A"), make_answers(mini, answers))
    assert b.levels[1].score == pytest.approx(0.925)
    assert b.score == pytest.approx(1 + 0.925 + 0.5)  # 2.425
    assert a.score == pytest.approx(2 + 0.5)  # 2.5
    assert a.level == b.level == 2


def test_gate_at_exactly_point_eight(mini: Questionnaire, mini_rules: LoadedRules) -> None:
    # Every level-1 item "most" -> S1 = 0.8 exactly -> level 1 reached; S2 = 0 -> B: 0 + 0.8 + 0 = 0.8
    answers = all_at(mini, lambda lv: "most" if lv == 1 else "none")
    result = score(mini, mini_rules, make_answers(mini, answers))
    assert result.levels[0].reached
    assert (result.level, result.score) == (1, 0.8)


def test_gate_survives_float_rounding(mini: Questionnaire, mini_rules: LoadedRules) -> None:
    # Three sub-domains at 0.8 with process weights 1/4, 1/4, 2/4 at L2: in floats the sum can
    # land a hair below 0.8; it must still count as reached.
    answers = all_at(
        mini, lambda lv: "full" if lv == 1 else "most" if lv == 2 else "none", kind="process"
    )
    result = score(mini, mini_rules, make_answers(mini, answers, kind="process"))
    assert result.levels[1].reached
    assert result.level == 2
    assert result.score == pytest.approx(1 + 0.8 + 0.0)


def test_just_below_the_gate_is_not_reached(mini: Questionnaire, mini_rules: LoadedRules) -> None:
    answers = all_at(mini, lambda lv: "full" if lv == 1 else "none")
    answers.update({"a.2.01": "most", "b.2.01": "most", "b.2.02": "most", "c.2.01": "partial"})
    # S2 = 2/4*0.8 + 1/4*0.8 + 1/4*0.5 = 0.4 + 0.2 + 0.125 = 0.725 < 0.8
    result = score(mini, mini_rules, make_answers(mini, answers))
    assert result.levels[1].score == pytest.approx(0.725)
    assert result.level == 1
    assert result.score == pytest.approx(0 + 1 + 0.725)


def test_not_applicable_drops_out_and_weights_renormalise(
    mini: Questionnaire, mini_rules: LoadedRules
) -> None:
    answers = all_at(mini, lambda lv: "full" if lv <= 2 else "none")
    answers["c.3.01"] = {"rating": "na", "reason": "no such activity"}
    answers["a.3.01"] = "full"
    # L3: c drops out; a (w2) = 1, b (w1) = 0 -> S3 = 2/3 * 1 + 1/3 * 0 = 0.666667
    result = score(mini, mini_rules, make_answers(mini, answers))
    assert result.weights["3"] == {
        "a": pytest.approx(2 / 3, abs=1e-6),
        "b": pytest.approx(1 / 3, abs=1e-6),
    }
    assert result.levels[2].score == pytest.approx(2 / 3, abs=1e-6)
    row = next(r for r in result.requirements if r.id == "c.3.01")
    assert (row.rating, row.value) == ("na", None)
    assert result.counts.not_applicable == 1


def test_discrete_and_process_weights_differ(mini: Questionnaire, mini_rules: LoadedRules) -> None:
    def ratings(kind: str) -> dict[str, object]:
        answers = all_at(mini, lambda lv: "full" if lv == 1 else "none", kind=kind)
        answers.update({"a.2.01": "full", "b.2.01": "full", "b.2.02": "full", "c.2.01": "none"})
        return answers

    discrete = score(mini, mini_rules, make_answers(mini, ratings("discrete")))
    process = score(mini, mini_rules, make_answers(mini, ratings("process"), kind="process"))
    # L2 = a 1, b 1, c 0. Discrete 2/4 + 1/4 + 0 = 0.75; process 1/4 + 1/4 + 0 = 0.5
    assert discrete.levels[1].score == pytest.approx(0.75)
    assert process.levels[1].score == pytest.approx(0.5)
    # the process-only requirement appears only for the process firm
    assert "c.3.02" not in {r.id for r in discrete.requirements}
    assert "c.3.02" in {r.id for r in process.requirements}


def test_unanswered_counts_as_zero(mini: Questionnaire, mini_rules: LoadedRules) -> None:
    answers = {"a.1.01": "full", "a.1.02": "full"}  # b.1.01 unanswered
    result = score(mini, mini_rules, make_answers(mini, answers))
    # L1: a = 1 (w 2/3), b = 0 (w 1/3) -> 0.666667
    assert result.levels[0].score == pytest.approx(2 / 3, abs=1e-6)
    assert result.counts.unanswered == len(result.requirements) - 2
    row = next(r for r in result.requirements if r.id == "b.1.01")
    assert (row.rating, row.value, row.answered) == (None, 0.0, False)


def test_subdomain_and_plan_domain_ladders(mini: Questionnaire, mini_rules: LoadedRules) -> None:
    answers = all_at(mini, lambda lv: "full" if lv <= 3 else "none")
    result = score(mini, mini_rules, make_answers(mini, answers))
    subs = {s.id: s for s in result.subdomains}
    assert (subs["a"].level, subs["a"].score) == (3, 3.0)  # (3-1) + 1 + 0
    # c has no level-1 requirement: its empty level neither blocks nor counts
    assert subs["c"].scores["1"] is None
    assert (subs["c"].level, subs["c"].score) == (3, 3.0)
    plans = {p.id.value: p for p in result.plan_domains}
    assert set(plans) == {"design", "production"}
    assert plans["production"].subdomains == ("b", "c")
    assert (plans["production"].level, plans["production"].score) == (3, 3.0)


def test_result_can_be_recomputed_from_requirements_and_weights(
    mini: Questionnaire, mini_rules: LoadedRules
) -> None:
    answers = all_at(mini, lambda lv: ["full", "most", "partial", "none", "most"][lv - 1])
    answers["b.2.02"] = {"rating": "na", "reason": "n/a here"}
    result = score(mini, mini_rules, make_answers(mini, answers))
    data = result.model_dump(mode="json")
    for level_row in data["levels"]:
        level = level_row["level"]
        total = 0.0
        for sub, weight in data["weights"][str(level)].items():
            values = [
                r["value"]
                for r in data["requirements"]
                if r["subdomain"] == sub and r["level"] == level and r["value"] is not None
            ]
            total += weight * sum(values) / len(values)
        assert total == pytest.approx(level_row["score"], abs=1e-5)


@pytest.mark.parametrize(
    ("scores", "rule", "expected"),
    [
        ({1: 0.92, 2: 0.85, 3: 0.55, 4: 0.1, 5: 0.0}, "B", (2, 2.40)),  # the brief's worked example
        ({1: 0.92, 2: 0.85, 3: 0.55, 4: 0.1, 5: 0.0}, "A", (2, 2.55)),
        (
            {1: 0.5, 2: 0.9, 3: 0.9, 4: 0.9, 5: 0.9},
            "B",
            (0, 0.5),
        ),  # level 1 blocks everything above
        ({1: 1.0, 2: 1.0, 3: 1.0, 4: 1.0, 5: 0.9}, "B", (5, 4.9)),
        ({1: 1.0, 2: 1.0, 3: 1.0, 4: 1.0, 5: 0.9}, "A", (5, 5.0)),
        (
            {1: None, 2: 0.9, 3: 0.3, 4: 0.0, 5: 0.0},
            "B",
            (2, 2.2),
        ),  # empty level 1 is skipped: 1 + 0.9 + 0.3
    ],
)
def test_ladder(scores: dict[int, float | None], rule: str, expected: tuple[int, float]) -> None:
    k, total = ladder(scores, 0.8, rule)
    assert (k, round(total, 6)) == expected


def test_answer_short_and_long_forms_and_chinese_aliases(mini: Questionnaire) -> None:
    answers: AnswerFile = make_answers(
        mini,
        {
            "a.1.01": "全部满足",
            "a.1.02": {"rating": "大部分满足", "note": "n", "evidence": "x.pdf"},
            "b.1.01": "不适用",
        },
    )
    assert answers.answers["a.1.01"].rating == "full"  # type: ignore[union-attr]
    assert answers.answers["a.1.02"].rating == "most"  # type: ignore[union-attr]
    assert answers.answers["a.1.02"].evidence == ("x.pdf",)  # type: ignore[union-attr]
    assert answers.answers["b.1.01"].rating == "na"  # type: ignore[union-attr]


def test_result_satisfies_its_own_schema(cmmm: Questionnaire, cmmm_rules: LoadedRules) -> None:
    """Results are built without re-validation for speed; the JSON must still validate and round-trip."""
    from maturity.schema.result import AssessmentResult

    answers = all_at(cmmm, lambda lv: ["full", "most", "partial", "none", "most"][lv - 1])
    result = score(cmmm, cmmm_rules, make_answers(cmmm, answers, priorities=["quality"]))
    again = AssessmentResult.model_validate_json(result.model_dump_json())
    assert again == AssessmentResult.model_validate(result.model_dump())
    assert again.model_dump() == result.model_dump()


def test_installed_rules_are_the_default_then_the_built_ins_each_once(
    mini: Questionnaire, cmmm: Questionnaire
) -> None:
    built_ins = sorted(builtin_dir("scoring_rules").glob("*.yaml"))
    assert installed_rules_paths(mini) == [default_rules_path(mini), *built_ins]
    assert default_rules_path(cmmm) in built_ins  # listed once, first
    assert installed_rules_paths(cmmm) == [
        default_rules_path(cmmm),
        *(p for p in built_ins if p != default_rules_path(cmmm)),
    ]
