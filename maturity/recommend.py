"""From a scored result to what to do next: gaps, a ranked plan, the shortest path, a roadmap.

Pure functions over the result and the questionnaire; no I/O. :func:`advise` computes all of it
once, as one frozen :class:`Advice` that the report's sections read. The ranking
(docs/recommendations.md):

1. **Tier**: first the requirements of the next level (k + 1), whose shortfall blocks its gate;
   then those of the levels up to the target; then not-fully-met requirements of levels already
   reached (consolidation).
2. **Gain** = how much the level score rises if the requirement becomes fully met:
   effective weight of its sub-domain at that level x (1 - value) / number of scored requirements
   of that sub-domain at that level. This is "weight x shortfall" in level-score points.
3. **KPI fit** with the organisation's ``priorities`` (first priority 3 points, second 2, third
   and later 1), summed over the KPIs the recommendation moves; in the spirit of SIRI's
   Prioritisation Matrix, where KPI relevance weighs the impact of an improvement.
4. Then lower effort first, then the requirement id (a stable order).

Items are sorted by (tier, -gain rounded to 1e-6, -KPI fit, effort, id).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from maturity.questionnaire import Questionnaire
from maturity.schema.base import Effort, Kpi
from maturity.schema.recommendations import Recommendation
from maturity.schema.result import AssessmentResult, RequirementResult, SubdomainResult

EFFORT_ORDER = {Effort.low: 0, Effort.medium: 1, Effort.high: 2}
TIER_NEXT, TIER_TARGET, TIER_CONSOLIDATE = 1, 2, 3
# Smart-factory cultivation tiers and the CMMM level each needs (policy context, brief section 5.1).
FACTORY_TIERS: tuple[tuple[str, int], ...] = (
    ("basic", 2),
    ("advanced", 2),
    ("excellence", 3),
    ("leading", 4),
)


@dataclass(frozen=True)
class Action:
    """One unmet requirement with its advice and its place in the plan."""

    requirement: RequirementResult
    recommendation: Recommendation | None
    tier: int
    gain: float
    kpi_fit: int

    @property
    def id(self) -> str:
        return self.requirement.id

    def sort_key(self) -> tuple[int, float, int, int, str]:
        effort = EFFORT_ORDER[self.recommendation.effort] if self.recommendation else 1
        return (self.tier, -round(self.gain, 6), -self.kpi_fit, effort, self.id)


@dataclass(frozen=True)
class ShortestPath:
    level: int
    current: float
    gate: float
    actions: tuple[Action, ...]
    reachable: bool  # False when even every improvement together would not pass the gate


@dataclass(frozen=True)
class Phase:
    level: int
    actions: tuple[Action, ...]


# Level scores in a result carry six decimals; sums of gains are compared with this slack so that
# an exact hit of the gate is not missed by rounding (half a unit of the 6th decimal, times ten).
ROUNDING = 5e-6


def reached_level(result: AssessmentResult) -> int:
    """The highest level whose gate is passed consecutively (the "k" of the method).

    Plans are made from the gates, not from the score bands, so that custom rules whose bands do
    not line up with the gate still give a sensible next level.
    """
    return max((ls.level for ls in result.levels if ls.reached), default=0)


def kpi_fit(recommendation: Recommendation | None, priorities: tuple[Kpi, ...]) -> int:
    if recommendation is None:
        return 0
    points = {kpi: max(3 - index, 1) for index, kpi in enumerate(priorities)}
    return sum(points.get(kpi, 0) for kpi in recommendation.kpis)


def gains(result: AssessmentResult) -> dict[str, float]:
    """Rise of the level score if each requirement became fully met."""
    counts: Counter[tuple[str, int]] = Counter(
        (r.subdomain, r.level) for r in result.requirements if r.value is not None
    )
    out: dict[str, float] = {}
    for row in result.requirements:
        if row.value is None:
            continue
        weight = result.weights[str(row.level)].get(row.subdomain, 0.0)
        out[row.id] = weight * (1.0 - row.value) / counts[(row.subdomain, row.level)]
    return out


@dataclass(frozen=True)
class Advice:
    """Everything a result advises, computed once (:func:`advise`) and then only read."""

    reached: int  # k: the highest level whose gate is passed consecutively
    target: int  # the level planned for
    actions: tuple[Action, ...]  # the ranked plan
    shortest: ShortestPath | None  # the fewest improvements that pass the next gate
    phases: tuple[Phase, ...]  # the roadmap: one phase per level from the next one to the target
    gaps: Mapping[
        int, Mapping[str, tuple[RequirementResult, ...]]
    ]  # unmet requirements up to the target
    focus: tuple[SubdomainResult, ...]  # quick scan: the sub-domains to assess in full first

    @property
    def next_level(self) -> int | None:
        return self.reached + 1 if self.reached < 5 else None


def advise(
    result: AssessmentResult, questionnaire: Questionnaire, target: int | None = None
) -> Advice:
    """Gaps, the ranked plan, the shortest path and the roadmap towards the target level:
    ``target`` (``--target``), else the answer file's, else the next level."""
    reached = reached_level(result)
    goal = target or result.target_level or min(reached + 1, 5)
    actions = plan(result, questionnaire, goal, reached)
    return Advice(
        reached=reached,
        target=goal,
        actions=tuple(actions),
        shortest=shortest_path(result, actions, reached),
        phases=tuple(roadmap(actions, goal, reached)),
        gaps=gaps(result, goal),
        focus=tuple(focus_subdomains(result, questionnaire))
        if result.method == "descriptors"
        else (),
    )


def plan(
    result: AssessmentResult, questionnaire: Questionnaire, target: int, reached: int
) -> list[Action]:
    """Every requirement not fully met up to max(target, next level), ranked."""
    if result.method != "requirements":
        return []
    nxt = reached + 1
    horizon = max(target, nxt)
    gain = gains(result)
    actions: list[Action] = []
    for row in result.requirements:
        if row.value is None or row.value >= 1.0 or row.level > horizon:
            continue
        tier = (
            TIER_NEXT if row.level == nxt else TIER_TARGET if row.level > nxt else TIER_CONSOLIDATE
        )
        rec = questionnaire.recommendations.get(row.id)
        actions.append(Action(row, rec, tier, gain[row.id], kpi_fit(rec, result.priorities)))
    return sorted(actions, key=Action.sort_key)


def shortest_path(
    result: AssessmentResult, actions: Sequence[Action], reached: int
) -> ShortestPath | None:
    """The fewest requirements to raise to "full" so that the next level passes its gate.

    The level score is a weighted sum, so each improvement adds its gain independently; taking the
    largest gains first therefore needs the fewest requirements (exact, not a heuristic). Ties
    are broken as in the plan: stronger KPI fit, then lower effort, then the id.
    """
    nxt = reached + 1
    if nxt > 5 or result.method != "requirements":
        return None
    current = next(ls.score for ls in result.levels if ls.level == nxt) or 0.0
    gate = result.rules.gate
    chosen: list[Action] = []
    total = current
    for action in sorted((a for a in actions if a.requirement.level == nxt), key=Action.sort_key):
        if total + ROUNDING >= gate:
            break
        chosen.append(action)
        total += action.gain
    return ShortestPath(
        level=nxt,
        current=current,
        gate=gate,
        actions=tuple(chosen),
        reachable=total + ROUNDING >= gate,
    )


def roadmap(actions: Sequence[Action], target: int, reached: int) -> list[Phase]:
    """One phase per level from the next one to the target; consolidation items join the first."""
    by_level: dict[int, list[Action]] = defaultdict(list)
    nxt = reached + 1
    for action in actions:
        by_level[max(action.requirement.level, nxt)].append(action)
    return [
        Phase(level, tuple(by_level[level]))
        for level in range(nxt, max(target, nxt) + 1)
        if level <= 5 and by_level.get(level)
    ]


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


def factory_tiers(level: int) -> list[tuple[str, int, bool]]:
    return [(tier, needed, level >= needed) for tier, needed in FACTORY_TIERS]


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
