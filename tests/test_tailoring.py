"""Tailoring whole sub-domains and sub-domains with nothing applicable, on the mini questionnaire.

Mini questionnaire (tests/data/mini): sub-domains a, b, c (discrete weights a=2 b=1 c=1).
  a: L1 x2, L2, L3, L4, L5        b: L1, L2 x2, L3, L4, L5        c: L2, L3, L3 (process only), L4, L5
Plan domains: design = a; production = b, c. Gate 0.8, rule B.
"""

from __future__ import annotations

from typing import Any

import pytest

from maturity.questionnaire import Questionnaire
from maturity.rules import LoadedRules
from maturity.scoring import score
from tests.conftest import make_answers

REASON = "本企业只做来料加工"


def _ratings() -> dict[str, Any]:
    # a: full at L1-L2, none above; b: none everywhere; c: most at L2, full at L3, none above
    answers: dict[str, Any] = {"a.1.01": "full", "a.1.02": "full", "a.2.01": "full"}
    answers.update({f"a.{lv}.01": "none" for lv in (3, 4, 5)})
    answers.update(dict.fromkeys(("b.1.01", "b.2.01", "b.2.02", "b.3.01", "b.4.01"), "none"))
    answers.update({"b.5.01": "none", "c.2.01": "most", "c.3.01": "full"})
    answers.update({"c.4.01": "none", "c.5.01": "none"})
    return answers


def test_tailored_subdomain_is_out_and_weights_renormalise(
    mini: Questionnaire, mini_rules: LoadedRules
) -> None:
    answers = make_answers(mini, _ratings(), tailoring={"b": REASON})
    result = score(mini, mini_rules, answers)
    # Without b: L1 only a -> S1 = 1
    # L2: a = 1 (w 2/3), c = 0.8 (w 1/3) -> (2 + 0.8) / 3 = 0.933333
    # L3: a = 0 (w 2/3), c = 1 (w 1/3) -> 1/3 = 0.333333; L4 = L5 = 0
    # k = 2; B: (2-1) + 0.933333 + 0.333333 = 2.266667 -> level 2
    assert [ls.score for ls in result.levels] == [1.0, 0.933333, 0.333333, 0.0, 0.0]
    assert (result.level, result.score) == (2, 2.266667)
    assert result.weights["1"] == {"a": 1.0}
    assert result.weights["2"] == {"a": 0.666667, "c": 0.333333}
    b = next(s for s in result.subdomains if s.id == "b")
    assert (b.applicable, b.tailored, b.level, b.score) == (False, REASON, None, None)
    assert set(b.scores.values()) == {None}
    # b's rows are outside the assessment: its six "none" answers are ignored
    assert not [r for r in result.requirements if r.subdomain == "b"]
    assert (result.counts.tailored, result.counts.requirements) == (6, 10)
    # production = b, c; only c counts: L2 0.8, L3 1, L4 0 -> k = 3; B: 2 + 1 + 0 = 3.0
    plans = {p.id.value: p for p in result.plan_domains}
    assert (plans["production"].level, plans["production"].score) == (3, 3.0)


def test_without_tailoring_the_same_answers_score_lower(
    mini: Questionnaire, mini_rules: LoadedRules
) -> None:
    result = score(mini, mini_rules, make_answers(mini, _ratings()))
    # L1: a = 1 (w 2/3), b = 0 (w 1/3) -> 0.666667: level 1 is not reached
    assert result.levels[0].score == pytest.approx(2 / 3, abs=1e-6)
    assert result.level == 0
    assert all(s.applicable and s.tailored is None for s in result.subdomains)


def test_all_na_subdomain_is_not_applicable_not_zero(
    mini: Questionnaire, mini_rules: LoadedRules
) -> None:
    answers = _ratings()
    na = {"rating": "na", "reason": "no such activity"}
    answers.update(dict.fromkeys(("c.2.01", "c.3.01", "c.4.01", "c.5.01"), na))
    result = score(mini, mini_rules, make_answers(mini, answers))
    c = next(s for s in result.subdomains if s.id == "c")
    assert (c.applicable, c.tailored, c.level, c.score) == (False, None, None, None)
    # production is b alone: all none -> level 0, score 0 (applicable, just not met)
    plans = {p.id.value: p for p in result.plan_domains}
    assert (plans["production"].applicable, plans["production"].score) == (True, 0.0)
    # L2: a = 1 (w 2/3), b = 0 (w 1/3) -> 0.666667; c carries no weight
    assert result.weights["2"] == {"a": 0.666667, "b": 0.333333}


def test_plan_domain_with_every_subdomain_out_is_not_applicable(
    mini: Questionnaire, mini_rules: LoadedRules
) -> None:
    answers = _ratings()
    na = {"rating": "na", "reason": "no such activity"}
    answers.update(dict.fromkeys(("c.2.01", "c.3.01", "c.4.01", "c.5.01"), na))
    result = score(mini, mini_rules, make_answers(mini, answers, tailoring={"b": REASON}))
    plans = {p.id.value: p for p in result.plan_domains}
    production = plans["production"]
    assert (production.applicable, production.level, production.score) == (False, None, None)
    # only a is left: L1 1, L2 1, L3 0 -> k = 2, B: 1 + 1 + 0 = 2.0
    assert (result.level, result.score) == (2, 2.0)
