"""From a scored result to what to do next: gaps, and the improvement plan read from one
:class:`maturity.plan.Plan`.

Pure functions over the result and the questionnaire; no I/O. :func:`advise` computes everything
once, as one frozen :class:`Advice` that the report's sections read: the summary's top actions,
the shortest path, the roadmap and the action cards all come from its plan, so they cannot
disagree. The ranking is documented in maturity/plan.py and docs/recommendations.md; this module
keeps what the plan builds on (the level reached, the gain of each requirement, KPI fit).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from maturity.plan import ROUNDING, Plan, gains, kpi_points, reached_level
from maturity.questionnaire import Questionnaire
from maturity.schema.base import Kpi
from maturity.schema.recommendations import Recommendation
from maturity.schema.result import AssessmentResult, RequirementResult, SubdomainResult


def kpi_fit(recommendation: Recommendation | None, priorities: tuple[Kpi, ...]) -> int:
    if recommendation is None:
        return 0
    points = kpi_points(priorities)
    return sum(points.get(kpi, 0) for kpi in recommendation.kpis)


@dataclass(frozen=True)
class Advice:
    """Everything a result advises, computed once (:func:`advise`) and then only read."""

    plan: Plan  # the ranked, scheduled projects: top actions, shortest path, roadmap, cards
    gaps: Mapping[
        int, Mapping[str, tuple[RequirementResult, ...]]
    ]  # unmet requirements up to the target
    focus: tuple[SubdomainResult, ...]  # quick scan: the sub-domains to assess in full first

    @property
    def reached(self) -> int:
        """k: the highest level whose gate is passed consecutively."""
        return self.plan.reached

    @property
    def target(self) -> int:
        return self.plan.target

    @property
    def next_level(self) -> int | None:
        return self.plan.next_level


def advise(
    result: AssessmentResult,
    questionnaire: Questionnaire,
    target: int | None = None,
    today: dt.date | None = None,
    notes: Mapping[str, str] | None = None,
) -> Advice:
    """Gaps and the plan towards the target level: ``target`` (``--target``), else the answer
    file's, else the next level."""
    from maturity.plan import make_plan

    plan = make_plan(result, questionnaire, target, today, notes)
    return Advice(
        plan=plan,
        gaps=gaps(result, plan.target),
        focus=tuple(focus_subdomains(result, questionnaire))
        if result.method == "descriptors"
        else (),
    )


def gaps(
    result: AssessmentResult, target: int
) -> dict[int, dict[str, tuple[RequirementResult, ...]]]:
    """Unmet requirements up to the target, grouped by level, then sub-domain (result order)."""
    out: dict[int, dict[str, list[RequirementResult]]] = defaultdict(lambda: defaultdict(list))
    for row in result.requirements:
        if (
            result.method == "requirements"
            and row.value is not None
            and row.value < 1.0
            and row.level <= target
        ):
            out[row.level][row.subdomain].append(row)
    return {
        level: {sub: tuple(rows) for sub, rows in subs.items()}
        for level, subs in sorted(out.items())
    }


def focus_subdomains(
    result: AssessmentResult, questionnaire: Questionnaire, count: int = 5
) -> list[SubdomainResult]:
    """The sub-domains holding the organisation back most: lowest level first, then lowest score,
    then those whose next step best serves the stated priorities (:func:`subdomain_fit`)."""
    fit = subdomain_fit(result, questionnaire)
    # one out of the assessment (tailored, or answered N/A) is no place to start, not a level 0
    scored = [s for s in result.subdomains if s.level is not None and s.score is not None]
    return sorted(scored, key=lambda s: (s.level or 0, s.score or 0.0, -fit.get(s.id, 0.0)))[:count]


def subdomain_fit(result: AssessmentResult, questionnaire: Questionnaire) -> dict[str, float]:
    """Per sub-domain, the mean KPI fit of the full questionnaire's advice for its next level
    (a quick scan has no advice of its own: it reads that of the questionnaire it is based on)."""
    full = questionnaire.base or questionnaire
    if not result.priorities:
        return {}
    fit: dict[str, float] = {}
    for sub in result.subdomains:
        recs = [
            full.recommendations.get(r.id)
            for r in full.requirements
            if full.subdomain_of[r.id] == sub.id and r.level == min((sub.level or 0) + 1, 5)
        ]
        points = [kpi_fit(rec, result.priorities) for rec in recs if rec is not None]
        fit[sub.id] = sum(points) / len(points) if points else 0.0
    return fit


__all__ = [
    "ROUNDING",
    "Advice",
    "advise",
    "gains",
    "gaps",
    "kpi_fit",
    "kpi_points",
    "reached_level",
]
