"""Assessments over time: comparing two results of one organisation, and a series of them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from maturity.errors import InputError, Problem
from maturity.labels import TYPE_SHORT_NAMES
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
class Comparison:
    old: AssessmentResult
    new: AssessmentResult
    levels: tuple[Change, ...]
    subdomains: tuple[Change, ...]
    plan_domains: tuple[Change, ...]
    improved: tuple[RequirementChange, ...]
    regressed: tuple[RequirementChange, ...]
    warnings: tuple[Problem, ...]

    @property
    def level_change(self) -> int:
        return self.new.level - self.old.level

    @property
    def score_change(self) -> float:
        return self.new.score - self.old.score


def compare(
    old: AssessmentResult, new: AssessmentResult, old_name: str = "old", new_name: str = "new"
) -> Comparison:
    """What changed from ``old`` to ``new`` (the caller decides which is which; dates are only
    checked)."""
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
    if old.organisation.name != new.organisation.name:
        warnings.append(
            Problem(
                "history.different_organisations",
                {"old": old.organisation.name, "new": new.organisation.name},
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


@dataclass(frozen=True)
class TrendPoint:
    source: str
    result: AssessmentResult


def trend(points: list[TrendPoint]) -> tuple[list[TrendPoint], list[Problem]]:
    """The series in date order, with a warning when the files are not all one organisation."""
    ordered = sorted(points, key=lambda p: (p.result.assessment.date, p.source))
    names = sorted({p.result.organisation.name for p in ordered})
    warnings = (
        [Problem("history.several_organisations", {"names": ", ".join(names)}, severity="warning")]
        if len(names) > 1
        else []
    )
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
    return ordered, warnings
