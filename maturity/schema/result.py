"""The scoring result (``format: maturity-result/1``): a documented, versioned contract.

From ``requirements`` and ``weights`` alone anyone can recompute every level score and the
total: see docs/result-format.md.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from maturity.schema.answers import Assessment, Organisation
from maturity.schema.base import Frozen, Kpi, PlanDomain, Text
from maturity.schema.kpis import KpiBaseline

RESULT_FORMAT: Literal["maturity-result/1"] = "maturity-result/1"


class LevelScore(Frozen):
    level: int
    score: float | None = Field(
        description="Weighted score at this level; null when nothing there was scored"
    )
    reached: bool = Field(description="score >= gate and every lower level reached")


class LevelSeries(Frozen):
    """A ladder of per-level scores and what the gate makes of it."""

    level: int | None = Field(
        description="Highest level reached consecutively (0-5); null when not applicable"
    )
    score: float | None = Field(
        description="Total score on the 0-5 scale by the total-score rule; null when not applicable"
    )
    scores: dict[str, float | None] = Field(
        description="Score at each level '1'..'5'; null where nothing applies"
    )
    applicable: bool = Field(
        default=True,
        description=(
            "False when nothing here was scored (tailored out, or every applicable requirement "
            "answered N/A): level and score are then null, shown as N/A, and carry no weight"
        ),
    )


class SubdomainResult(LevelSeries):
    id: str
    name: Text
    element: str
    domain: str
    plan_domain: PlanDomain
    tailored: str | None = Field(
        default=None,
        description="The reason given in the answer file's 'tailoring' when excluded as a whole",
    )


class PlanDomainResult(LevelSeries):
    id: PlanDomain
    subdomains: tuple[str, ...]


class RequirementResult(Frozen):
    id: str
    subdomain: str
    level: int
    rating: str | None = Field(description="The answer given; null when unanswered")
    value: float | None = Field(
        description="Satisfaction value; null for na (excluded from the mean)"
    )
    answered: bool


class RulesRef(Frozen):
    id: str
    version: str
    sha256: str
    total_score_rule: Literal["A", "B"]
    gate: float
    indicative: bool


class QuestionnaireStamp(Frozen):
    id: str
    version: str
    model: str


class Counts(Frozen):
    requirements: int
    answered: int
    not_applicable: int
    unanswered: int = Field(
        description="Items with no answer, including those not asked; each scores 0"
    )
    not_asked: int = Field(
        default=0,
        description="Items deliberately not asked (above target + 1 in an interactive assessment)",
    )
    tailored: int = Field(
        default=0,
        description="Items of tailored sub-domains: outside the assessment, not in 'requirements'",
    )


class AssessmentResult(Frozen):
    format: Literal["maturity-result/1"] = RESULT_FORMAT
    tool_version: str
    questionnaire: QuestionnaireStamp
    rules: RulesRef
    organisation: Organisation
    assessment: Assessment
    level: int = Field(ge=0, le=5, description="The maturity level (0 = below level 1)")
    score: float = Field(ge=0, le=5, description="Total score S on the 0-5 scale")
    target_level: int | None
    priorities: tuple[Kpi, ...] = Field(
        default=(), description="The organisation's KPI priorities, most important first"
    )
    kpis: tuple[KpiBaseline, ...] = Field(
        default=(),
        description="The answer file's KPI baselines, as given (a series over results)",
        exclude_if=lambda kpis: not kpis,  # results without baselines read exactly as before
    )
    levels: tuple[LevelScore, ...]
    subdomains: tuple[SubdomainResult, ...]
    plan_domains: tuple[PlanDomainResult, ...]
    requirements: tuple[RequirementResult, ...]
    weights: dict[str, dict[str, float]] = Field(
        description=(
            "Effective weight of each sub-domain at each level ('1'..'5') after renormalisation"
        )
    )
    counts: Counts
    scored_at: dt.date | None = Field(
        default=None, description="Assessment date the result refers to"
    )
    method: Literal["requirements", "descriptors"] = Field(
        default="requirements", description="How the rules scored the answers"
    )
