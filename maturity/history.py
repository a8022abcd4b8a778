"""Assessments over time: comparing two results of one organisation, and a series of them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from maturity import identity
from maturity.errors import InputError, Problem
from maturity.labels import TYPE_SHORT_NAMES
from maturity.numbers import GATE_TOLERANCE
from maturity.schema.base import Text
from maturity.schema.result import AssessmentResult


@dataclass(frozen=True)
class Change:
    key: str  # a level number, sub-domain id, plan-domain id or requirement id
    name: Text | None
    before: float | None
    after: float | None
    level_before: int | None = None
    level_after: int | None = None
    # a tailored or all-N/A sub-domain (plan domain) has no score: shown N/A, not "new"
    na_before: bool = False
    na_after: bool = False

    @property
    def delta(self) -> float | None:
        return None if self.before is None or self.after is None else self.after - self.before


@dataclass(frozen=True)
class RequirementChange:
    id: str
    subdomain: str
    level: int
    rating_before: str | None
    rating_after: str | None
    value_before: float | None
    value_after: float | None


@dataclass(frozen=True)
class Effect:
    """One rating change and how far it moved its level's score (with the later weights)."""

    change: RequirementChange
    effect: float


@dataclass(frozen=True)
class GateChange:
    """A level whose score crossed the gate: won (passes now, not before) or lost."""

    level: int
    won: bool
    before: float | None
    after: float | None
    gate: float
    by: tuple[Effect, ...]  # the rating changes that moved it across (see gate_changes)


@dataclass(frozen=True)
class Comparison:
    old: AssessmentResult
    new: AssessmentResult
    levels: tuple[Change, ...]
    subdomains: tuple[Change, ...]
    plan_domains: tuple[Change, ...]
    improved: tuple[RequirementChange, ...]
    regressed: tuple[RequirementChange, ...]
    warnings: tuple[Problem, ...]
    gates: tuple[GateChange, ...] = ()
    blocked: tuple[
        int, ...
    ] = ()  # levels past their gate now that do not count (a lower one fails)
    ratings: Mapping[str, Text] = field(default_factory=dict)  # rating key -> its name

    @property
    def level_change(self) -> int:
        return self.new.level - self.old.level

    @property
    def score_change(self) -> float:
        return self.new.score - self.old.score


def compare(
    old: AssessmentResult,
    new: AssessmentResult,
    old_name: str = "old",
    new_name: str = "new",
    ratings: Mapping[str, Text] | None = None,
) -> Comparison:
    """What changed from ``old`` to ``new`` (the caller decides which is which; dates are only
    checked), and why the level changed (:func:`gate_changes`). ``ratings``: the names of the
    ratings to show."""
    if old.questionnaire.id != new.questionnaire.id:
        raise InputError(
            [
                Problem(
                    "history.different_questionnaires",
                    {"old": old.questionnaire.id, "new": new.questionnaire.id},
                )
            ]
        )
    levels = tuple(
        Change(str(a.level), None, a.score, b.score)
        for a, b in zip(old.levels, new.levels, strict=True)
    )
    old_subs = {s.id: s for s in old.subdomains}
    subdomains = tuple(_change(s.id, s.name, old_subs.get(s.id), s) for s in new.subdomains)
    old_plans = {p.id: p for p in old.plan_domains}
    plans = tuple(_change(p.id.value, None, old_plans.get(p.id), p) for p in new.plan_domains)
    improved, regressed = _requirement_changes(old, new)
    return Comparison(
        old,
        new,
        levels,
        subdomains,
        plans,
        improved,
        regressed,
        _warnings(old, new, old_name, new_name),
        gate_changes(old, new, improved + regressed),
        _blocked(new),
        ratings or {},
    )


def _passes(score: float | None, gate: float) -> bool:
    return score is not None and score + GATE_TOLERANCE >= gate


def gate_changes(
    old: AssessmentResult, new: AssessmentResult, changes: Sequence[RequirementChange]
) -> tuple[GateChange, ...]:
    """The gates crossed at the levels that decide the level (up to the first failing one of
    either result). Each names the rating changes at that level that moved it across: the largest
    first, as many as it takes for undoing them alone to put the score back on the other side; all
    of them when that is not enough (N/A answers or the weights changed too)."""
    gate = new.rules.gate
    top = min(max(reached(old), reached(new)) + 1, 5)
    out = []
    for a, b in zip(old.levels, new.levels, strict=True):
        won = _passes(b.score, gate)
        if a.level > top or _passes(a.score, gate) == won:
            continue
        effects = _effects(new, [c for c in changes if c.level == a.level and _up(c) == won])
        out.append(
            GateChange(a.level, won, a.score, b.score, gate, _enough(effects, b.score, gate))
        )
    return tuple(out)


def reached(result: AssessmentResult) -> int:
    return max((ls.level for ls in result.levels if ls.reached), default=0)


def _up(change: RequirementChange) -> bool:
    return (change.value_after or 0.0) > (change.value_before or 0.0)


def _effects(new: AssessmentResult, changes: Sequence[RequirementChange]) -> list[Effect]:
    """Each change's share of its level's score: the sub-domain's weight at that level over the
    number of requirements scored there, times the change in value; largest first."""
    scored: Counter[tuple[str, int]] = Counter(
        (r.subdomain, r.level) for r in new.requirements if r.value is not None
    )
    effects = []
    for c in changes:
        weight = new.weights.get(str(c.level), {}).get(c.subdomain, 0.0)
        per_item = weight / scored[(c.subdomain, c.level)] if scored[(c.subdomain, c.level)] else 0
        effects.append(Effect(c, per_item * ((c.value_after or 0.0) - (c.value_before or 0.0))))
    return sorted(effects, key=lambda e: (-abs(e.effect), e.change.id))


def _enough(effects: list[Effect], after: float | None, gate: float) -> tuple[Effect, ...]:
    """The shortest run of the largest effects whose undoing alone crosses the gate back, and
    those as large as its last (naming some of equal changes would be arbitrary)."""
    score = after or 0.0
    for count, effect in enumerate(effects, start=1):
        score -= effect.effect
        if _passes(score, gate) != _passes(after, gate):
            last = abs(effect.effect) - 1e-9
            return tuple(effects[:count]) + tuple(
                e for e in effects[count:] if abs(e.effect) >= last
            )
    return tuple(effects)


def _blocked(result: AssessmentResult) -> tuple[int, ...]:
    """Levels above the one reached whose score passes the gate: they count once the lower
    levels are reached."""
    top = reached(result)
    return tuple(
        ls.level
        for ls in result.levels
        if ls.level > top + 1 and _passes(ls.score, result.rules.gate)
    )


class _Scored(Protocol):
    @property
    def score(self) -> float | None: ...
    @property
    def level(self) -> int | None: ...
    @property
    def applicable(self) -> bool: ...


def _change(id_: str, name: Text | None, before: _Scored | None, after: _Scored) -> Change:
    """A sub-domain's or plan domain's score and level before (None when it is new) and after."""
    return Change(
        id_,
        name,
        before.score if before else None,
        after.score,
        before.level if before else None,
        after.level,
        na_before=before is not None and not before.applicable,
        na_after=not after.applicable,
    )


def _requirement_changes(
    old: AssessmentResult, new: AssessmentResult
) -> tuple[tuple[RequirementChange, ...], tuple[RequirementChange, ...]]:
    """The requirements whose rating went up, and those whose rating went down."""
    before = {(r.id, r.level): r for r in old.requirements}
    improved: list[RequirementChange] = []
    regressed: list[RequirementChange] = []
    for row in new.requirements:
        prior = before.get((row.id, row.level))
        if prior is None or prior.value is None or row.value is None or prior.value == row.value:
            continue
        change = RequirementChange(
            row.id, row.subdomain, row.level, prior.rating, row.rating, prior.value, row.value
        )
        (improved if row.value > prior.value else regressed).append(change)
    return tuple(improved), tuple(regressed)


def _warnings(
    old: AssessmentResult, new: AssessmentResult, old_name: str, new_name: str
) -> tuple[Problem, ...]:
    """What makes the two results less comparable than they look; the comparison is still made."""
    warnings: list[Problem] = []
    orgs = [(r.organisation.id, r.organisation.name) for r in (old, new)]
    if len(set(identity.keys(orgs, lambda pair: pair))) > 1:  # one id, renamed: the same firm
        warnings.append(
            Problem(
                "history.different_organisations",
                {"old": _who(old), "new": _who(new)},
                severity="warning",
            )
        )
    if old.organisation.type != new.organisation.type:
        types: dict[str, object] = {
            "old": TYPE_SHORT_NAMES[old.organisation.type].model_dump(),
            "new": TYPE_SHORT_NAMES[new.organisation.type].model_dump(),
        }
        warnings.append(Problem("history.different_types", types, severity="warning"))
    if new.assessment.date < old.assessment.date:
        warnings.append(
            Problem(
                "history.dates_reversed", {"old": old_name, "new": new_name}, severity="warning"
            )
        )
    if old.questionnaire.version != new.questionnaire.version:
        warnings.append(
            Problem(
                "history.different_versions",
                {"old": old.questionnaire.version, "new": new.questionnaire.version},
                severity="warning",
            )
        )
    return tuple(warnings)


def _who(result: AssessmentResult) -> str:
    org = result.organisation
    return f"{org.name} ({org.id})" if org.id else org.name


@dataclass(frozen=True)
class TrendPoint:
    source: str
    result: AssessmentResult


@dataclass(frozen=True)
class Series:
    """One organisation's assessments in date order (the file name breaks ties)."""

    name: str  # as its latest assessment names it
    org_id: str | None  # the id it goes by, if any file gives one
    points: tuple[TrendPoint, ...]


def trend(points: Sequence[TrendPoint]) -> list[Series]:
    """One series per organisation (maturity.identity: its id, else its normalised name), by
    name: a series never mixes organisations."""
    groups = identity.group(
        points, lambda p: (p.result.organisation.id, p.result.organisation.name)
    )
    return sorted(
        (_series(members) for members in groups.values()),
        key=lambda s: (identity.name_key(s.name), s.org_id or ""),
    )


def _series(members: Sequence[TrendPoint]) -> Series:
    ordered = sorted(members, key=lambda p: (p.result.assessment.date, p.source))
    if len({p.result.questionnaire.id for p in ordered}) > 1:
        raise InputError(
            [
                Problem(
                    "history.different_questionnaires",
                    {
                        "old": ordered[0].result.questionnaire.id,
                        "new": ordered[-1].result.questionnaire.id,
                    },
                )
            ]
        )
    ids = [p.result.organisation.id for p in ordered if p.result.organisation.id]
    latest = ordered[-1].result.organisation
    return Series(latest.name, identity.normalise_id(ids[-1]) if ids else None, tuple(ordered))
