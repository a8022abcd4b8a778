"""Properties that must hold for any answers (hypothesis), on the mini and the shipped questionnaire."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maturity.questionnaire import Questionnaire
from maturity.rules import LoadedRules
from maturity.schema.base import DEFAULT_PROFILE, EnterpriseType
from maturity.scoring import level_for, score
from tests.conftest import make_answers

ORDER = ["none", "partial", "most", "full"]  # increasing value
CHOICES = [*ORDER, "na", None]  # None: unanswered
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def answers_for(
    questionnaire: Questionnaire, kind: EnterpriseType, picks: list[Any]
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for req, pick in zip(questionnaire.applicable(DEFAULT_PROFILE[kind]), picks, strict=False):
        if pick == "na":
            out[req.id] = {"rating": "na", "reason": "does not apply"}
        elif pick is not None:
            out[req.id] = pick
    return out


def picks(n: int) -> st.SearchStrategy[list[Any]]:
    return st.lists(st.sampled_from(CHOICES), min_size=n, max_size=n)


@pytest.fixture(params=["mini", "cmmm"])
def subject(request: pytest.FixtureRequest) -> tuple[Questionnaire, LoadedRules]:
    return request.getfixturevalue(request.param), request.getfixturevalue(f"{request.param}_rules")


@given(data=st.data(), kind=st.sampled_from(list(EnterpriseType)), rule=st.sampled_from(["A", "B"]))
@SETTINGS
def test_score_in_range_and_level_matches_bands(
    subject: tuple[Questionnaire, LoadedRules], data: st.DataObject, kind: EnterpriseType, rule: str
) -> None:
    questionnaire, rules = subject
    rules = _with_rule(rules, rule)
    chosen = data.draw(picks(len(questionnaire.applicable(DEFAULT_PROFILE[kind]))))
    result = score(
        questionnaire,
        rules,
        make_answers(questionnaire, answers_for(questionnaire, kind, chosen), kind=kind.value),
    )
    assert 0.0 <= result.score <= 5.0
    assert result.level == level_for(result.score, rules.rules)
    # the band level is the highest level reached consecutively through the gate
    k = max([ls.level for ls in result.levels if ls.reached], default=0)
    assert result.level == k
    for sub in result.subdomains:
        # a sub-domain with every requirement N/A has no score at all, never 0
        assert (sub.score is None) == (not sub.applicable)
        assert sub.score is None or 0.0 <= sub.score <= 5.0


@given(data=st.data(), kind=st.sampled_from(list(EnterpriseType)), rule=st.sampled_from(["A", "B"]))
@SETTINGS
def test_raising_a_rating_never_lowers_the_score(
    subject: tuple[Questionnaire, LoadedRules], data: st.DataObject, kind: EnterpriseType, rule: str
) -> None:
    questionnaire, rules = subject
    rules = _with_rule(rules, rule)
    reqs = questionnaire.applicable(DEFAULT_PROFILE[kind])
    chosen = data.draw(
        st.lists(st.sampled_from([*ORDER, None]), min_size=len(reqs), max_size=len(reqs))
    )
    index = data.draw(st.integers(0, len(reqs) - 1))
    current = chosen[index]
    higher = data.draw(st.sampled_from(ORDER if current is None else ORDER[ORDER.index(current) :]))
    raised = list(chosen)
    raised[index] = higher
    before = score(
        questionnaire,
        rules,
        make_answers(questionnaire, answers_for(questionnaire, kind, chosen), kind=kind.value),
    )
    after = score(
        questionnaire,
        rules,
        make_answers(questionnaire, answers_for(questionnaire, kind, raised), kind=kind.value),
    )
    assert after.score >= before.score - 1e-9
    assert after.level >= before.level


def _with_rule(rules: LoadedRules, rule: str) -> LoadedRules:
    changed = rules.rules.model_copy(
        update={"total_score_rule": rules.rules.total_score_rule.model_copy(update={"value": rule})}
    )
    return LoadedRules(rules=changed, path=rules.path, raw=rules.raw, sha256=rules.sha256)
