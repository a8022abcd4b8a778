"""The scoring engine: answers + questionnaire + rules -> :class:`AssessmentResult`. Pure, no I/O.

Method (documented in docs/scoring.md):

1. Each applicable requirement gets a value from the rules' scale (full 1, most 0.8, partial 0.5,
   none 0). ``na`` has no value and drops out; an unanswered requirement counts as 0.
2. The score of a sub-domain at a level is the mean value of its requirements at that level;
   a sub-domain with nothing scored at a level drops out of that level.
3. A level's score is the weighted sum of its sub-domain scores; the weights of the sub-domains
   present at that level are renormalised to sum to 1 (the effective weights are in the result).
4. Levels are climbed from 1: a level is reached when its score >= gate and every lower level is
   reached; a level with nothing scored neither blocks nor counts. k is the highest level reached.
5. Total score by the rule: A: S = k + S(next) ; B: S = (k-1) + S(k) + S(next), where S(next) is
   the score of the first scored level above k (0 if none); k = 0 gives S = S(first scored level),
   which is S_1 whenever level 1 has anything scored (docs/scoring.md).
6. The level is read from S through the bands. Sub-domains and plan domains are laddered the same
way.
7. A sub-domain tailored out by the answer file (``tailoring``) has no rows at all; it and a
   sub-domain whose every requirement is N/A are "not applicable": no level, no score, no weight.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TypedDict, cast

from maturity import __version__
from maturity.numbers import GATE_TOLERANCE
from maturity.questionnaire import Questionnaire
from maturity.rules import LoadedRules
from maturity.schema.answers import AnswerFile
from maturity.schema.result import (
    AssessmentResult,
    Counts,
    LevelScore,
    PlanDomainResult,
    QuestionnaireStamp,
    RequirementResult,
    RulesRef,
    SubdomainResult,
)
from maturity.schema.rules import ScoringRules

LEVELS = (1, 2, 3, 4, 5)
DIGITS = 6  # published precision of scores and weights


def ladder(scores: Mapping[int, float | None], gate: float, rule: str) -> tuple[int, float]:
    """Highest level reached consecutively (k) and the total score S for a per-level series."""
    k = 0
    s_next: float | None = None
    for level in LEVELS:
        value = scores.get(level)
        if value is None:
            continue
        if value + GATE_TOLERANCE >= gate:
            k = level
        else:
            s_next = value
            break
    nxt = s_next or 0.0
    if k == 0:
        return 0, nxt
    if rule == "A":
        return k, k + nxt
    s_k = scores[k]
    assert s_k is not None
    return k, (k - 1) + s_k + nxt


def level_for(score: float, rules: ScoringRules) -> int:
    level = 0
    for band in rules.bands.values:
        if score + GATE_TOLERANCE >= band.min:
            level = band.level
    return level


def _weighted(
    means: Mapping[str, Mapping[int, float]], weights: Mapping[str, float], members: Sequence[str]
) -> dict[int, float | None]:
    """Per-level weighted scores over ``members`` with weights renormalised per level."""
    scores: dict[int, float | None] = {}
    for level in LEVELS:
        present = [
            (weights[m], by_level[level])
            for m in members
            if (by_level := means.get(m)) is not None and level in by_level
        ]
        total = sum(w for w, _ in present)
        # the weight is renormalised first, then applied: the
        # effective weights in the result reproduce this sum
        scores[level] = sum(w / total * v for w, v in present) if present and total > 0 else None
    return scores


def _effective_weights(
    means: Mapping[str, Mapping[int, float]], weights: Mapping[str, float], members: Sequence[str]
) -> dict[str, dict[str, float]]:
    """The renormalised weights :func:`_weighted` applied at each level, as published in the
    result."""
    effective: dict[str, dict[str, float]] = {}
    for level in LEVELS:
        present = [m for m in members if level in means.get(m, ())]
        total = sum(weights[m] for m in present)
        effective[str(level)] = (
            {m: round(weights[m] / total, DIGITS) for m in present} if present and total > 0 else {}
        )
    return effective


def _series(scores: Mapping[int, float | None]) -> dict[str, float | None]:
    return {
        str(level): None if (value := scores.get(level)) is None else round(value, DIGITS)
        for level in LEVELS
    }


@functools.lru_cache(maxsize=16_384)
def _row(
    req_id: str, sub: str, level: int, rating: str | None, value: float | None
) -> RequirementResult:
    # Validating ~300 rows is a third of the time a file takes (measured: 0.3 of 1.3 ms), and rows
    # repeat across the files of a batch (the same requirement with the same answer): each distinct
    # row is validated once. Results share only these frozen models, never a mutable value; the
    # caller passes 0.0 for -0.0, which would otherwise be the same key with another sign.
    return RequirementResult(
        id=req_id,
        subdomain=sub,
        level=level,
        rating=rating,
        value=value,
        answered=rating is not None,
    )


def requirement_results(
    questionnaire: Questionnaire, rules: ScoringRules, answers: AnswerFile
) -> list[RequirementResult]:
    """One row per applicable requirement with its rating and value (0 when unanswered, none for
    na)."""
    if rules.method == "descriptors":
        return descriptor_results(questionnaire, answers)
    assert rules.scale is not None  # guaranteed by the rules schema for this method
    # keys are the four ratings (.get("na") is None); + 0.0 publishes a -0.0 in the rules as 0.0
    scale = {
        rating: value + 0.0
        for rating, value in cast(Mapping[str, float], rules.scale.values).items()
    }
    given = answers.answers
    rows: list[RequirementResult] = []
    for req_id, sub, level in questionnaire.rows(answers.organisation.effective_profile):
        answer = given.get(req_id)  # None also when the key is present but left blank
        if answer is None:
            rows.append(_row(req_id, sub, level, None, 0.0))
        else:
            rating = str(answer.rating)
            rows.append(_row(req_id, sub, level, rating, scale.get(rating)))
    return rows


def descriptor_results(
    questionnaire: Questionnaire, answers: AnswerFile
) -> list[RequirementResult]:
    """Quick scan: choosing descriptor d for a sub-domain means levels 1..d are met (1) and the rest
    not (0); N/A gives rows without a value, so the sub-domain drops out of every level.

    Each question therefore yields one row per level, and the usual aggregation applies: a level is
    reached when the (weighted) share of sub-domains at that level or above passes the gate.
    """
    rows: list[RequirementResult] = []
    for question in questionnaire.questions:
        answer = answers.answers.get(question.id)
        sub = questionnaire.subdomain_of[question.id]
        rating = None if answer is None else answer.rating
        for level in LEVELS:
            if rating is None:
                rows.append(_row(question.id, sub, level, None, 0.0))
            elif isinstance(rating, int):
                rows.append(_row(question.id, sub, level, str(rating), float(rating >= level)))
            else:  # na (with its reason, checked at load): drops out like an N/A requirement
                rows.append(_row(question.id, sub, level, rating, None))
    return rows


def subdomain_means(rows: Sequence[RequirementResult]) -> dict[str, dict[int, float]]:
    totals: dict[tuple[str, int], list[float]] = {}
    for row in rows:
        value = row.value
        if value is not None:
            acc = totals.setdefault((row.subdomain, row.level), [0.0, 0.0])
            acc[0] += value
            acc[1] += 1
    means: dict[str, dict[int, float]] = defaultdict(dict)
    for (sub, level), (total, count) in totals.items():
        means[sub][level] = total / count
    return dict(means)


def score(
    questionnaire: Questionnaire, loaded_rules: LoadedRules, answers: AnswerFile
) -> AssessmentResult:
    rules = loaded_rules.rules
    rows = requirement_results(questionnaire, rules, answers)
    return aggregate(questionnaire, loaded_rules, answers, rows)


def in_scope(
    rows: Sequence[RequirementResult], tailoring: Mapping[str, str]
) -> list[RequirementResult]:
    """Rows outside the tailored sub-domains: those are outside the assessment, like items for
    another enterprise type, so their answers (if any) are ignored."""
    return [r for r in rows if r.subdomain not in tailoring] if tailoring else list(rows)


def aggregate(
    questionnaire: Questionnaire,
    loaded_rules: LoadedRules,
    answers: AnswerFile,
    rows: Sequence[RequirementResult],
) -> AssessmentResult:
    """Everything after per-requirement values: shared by full assessments and quick scans."""
    rules = loaded_rules.rules
    weights = rules.weights.for_type(answers.organisation.type)
    all_rows, rows = rows, in_scope(rows, answers.tailoring)
    means = subdomain_means(rows)
    all_ids = [s.id for s in questionnaire.subdomains]
    level_scores = _weighted(means, weights, all_ids)
    k, total = ladder(level_scores, rules.gate.value, rules.total_score_rule.value)
    header = questionnaire.header
    return AssessmentResult(
        tool_version=__version__,
        questionnaire=QuestionnaireStamp(id=header.id, version=header.version, model=header.model),
        rules=_rules_ref(loaded_rules),
        organisation=answers.organisation,
        assessment=answers.assessment,
        level=level_for(total, rules),
        score=round(total, DIGITS),
        target_level=answers.assessment.target_level,
        priorities=answers.priorities,
        kpis=answers.kpis,
        levels=_level_scores(level_scores, k),
        subdomains=_subdomain_results(questionnaire, rules, means, answers.tailoring),
        plan_domains=_plan_results(questionnaire, rules, means, weights),
        requirements=tuple(rows),
        weights=_effective_weights(means, weights, all_ids),
        counts=_counts(rules, rows, answers, tailored=_distinct(all_rows) - _distinct(rows)),
        scored_at=answers.assessment.date,
        method=rules.method,
    )


def _rules_ref(loaded_rules: LoadedRules) -> RulesRef:
    rules = loaded_rules.rules
    return RulesRef(
        id=rules.id,
        version=rules.version,
        sha256=loaded_rules.sha256,
        total_score_rule=rules.total_score_rule.value,
        gate=rules.gate.value,
        indicative=rules.indicative,
    )


def _level_scores(level_scores: Mapping[int, float | None], k: int) -> tuple[LevelScore, ...]:
    rounded = _series(level_scores)
    # a level with nothing scored below k is vacuously reached
    return tuple(
        LevelScore(level=level, score=rounded[str(level)], reached=level <= k) for level in LEVELS
    )


def _subdomain_results(
    questionnaire: Questionnaire,
    rules: ScoringRules,
    means: Mapping[str, Mapping[int, float]],
    tailoring: Mapping[str, str],
) -> tuple[SubdomainResult, ...]:
    results = []
    for sub in questionnaire.subdomains:
        series = means.get(sub.id, {})
        results.append(
            SubdomainResult(
                id=sub.id,
                name=sub.name,
                element=questionnaire.element_of[sub.id],
                domain=sub.domain,
                plan_domain=sub.plan_domain,
                scores=_series(series),
                tailored=tailoring.get(sub.id),
                **_standing(series, rules),
            )
        )
    return tuple(results)


class _Standing(TypedDict):
    level: int | None
    score: float | None
    applicable: bool


def _standing(series: Mapping[int, float | None], rules: ScoringRules) -> _Standing:
    """Level, score and applicability of a laddered series: with nothing scored at any level it
    is not applicable (null), never level 0 with score 0."""
    if all(v is None for v in series.values()):
        return {"level": None, "score": None, "applicable": False}
    _, total = ladder(series, rules.gate.value, rules.total_score_rule.value)
    return {"level": level_for(total, rules), "score": round(total, DIGITS), "applicable": True}


def _plan_results(
    questionnaire: Questionnaire,
    rules: ScoringRules,
    means: Mapping[str, Mapping[int, float]],
    weights: Mapping[str, float],
) -> tuple[PlanDomainResult, ...]:
    results = []
    for plan, members in questionnaire.plan_members.items():
        plan_scores = _weighted(means, weights, members)
        results.append(
            PlanDomainResult(
                id=plan,
                subdomains=members,
                scores=_series(plan_scores),
                **_standing(plan_scores, rules),
            )
        )
    return tuple(results)


def _distinct(rows: Sequence[RequirementResult]) -> int:
    # a quick-scan question has one row per level: count it once
    return len({r.id for r in rows})


def _counts(
    rules: ScoringRules, rows: Sequence[RequirementResult], answers: AnswerFile, tailored: int
) -> Counts:
    # a quick-scan question has one row per level: count it once
    items = rows if rules.method == "requirements" else list({r.id: r for r in rows}.values())
    unanswered = sum(1 for r in items if not r.answered)
    na = sum(1 for r in items if r.answered and r.rating == "na")
    return Counts(
        requirements=len(items),
        answered=len(items) - unanswered,
        not_applicable=na,
        unanswered=unanswered,
        not_asked=len(answers.not_asked),
        tailored=tailored,
    )
