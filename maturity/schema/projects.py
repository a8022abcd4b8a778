"""Improvement projects and MIIT typical scenarios kept beside a questionnaire (``projects/*.yaml``,
``scenarios.yaml``; docs/recommendations.md). A project is what a factory funds: it closes several
requirements at once and may need other projects or requirements first."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from maturity.schema.base import Frozen, Kpi, Profile, Regulated, Text, broken_rule
from maturity.schema.recommendations import TechId

ProjectId = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9-]*$")]


class CostBand(StrEnum):
    """Indicative SME cost band in 万元 RMB (10,000 yuan)."""

    under_10 = "<10"
    from_10 = "10-50"
    from_50 = "50-200"
    over_200 = ">200"

    @property
    def bounds(self) -> tuple[int, int | None]:
        """Lower and upper bound in 万元; the top band has no upper bound."""
        return _BOUNDS[self]

    @property
    def midpoint(self) -> float:
        """The band's middle, the cost proxy of the ranking; the open top band counts as 300."""
        return _MIDPOINTS[self]


_BOUNDS: dict[CostBand, tuple[int, int | None]] = {
    CostBand.under_10: (0, 10),
    CostBand.from_10: (10, 50),
    CostBand.from_50: (50, 200),
    CostBand.over_200: (200, None),
}
_MIDPOINTS = {
    CostBand.under_10: 5.0,
    CostBand.from_10: 30.0,
    CostBand.from_50: 125.0,
    CostBand.over_200: 300.0,
}


class ProjectKpi(Frozen):
    kpi: Kpi
    measure: Text = Field(description="How to measure it, e.g. on-time delivery rate (weekly)")


def _check_months(months: tuple[int, int]) -> None:
    low, high = months
    if low < 1 or high < low:
        raise broken_rule("rule.months_range")


class NotedStep(Frozen):
    """A first step for a firm whose notes do not mention what the variant's step starts from
    (no one asks for the latest assessment report of a firm never assessed)."""

    mentions: tuple[str, ...] = Field(min_length=1, description="Words a note would use for it")
    first_step: Text


class Variant(Frozen):
    """Another way to run a project: ``extend`` for a firm whose answers say it already runs most
    of what the project builds (docs/recommendations.md), ``saas`` for a micro or small firm,
    which rents or takes a module rather than buying a system."""

    name: Text
    first_step: Text = Field(
        description="The concrete first step; for extend, the plan adds what is not yet met"
    )
    system: tuple[str, ...] = Field(
        default=(),
        description="extend: names the system goes by in the answers' notes (TMS, 运输管理系统);"
        " a note denying one ('没有运输管理系统', 'no TMS') rules the extension out",
    )
    unless_noted: NotedStep | None = Field(
        default=None, description="The first step when no note mentions what this one starts from"
    )
    cost: CostBand = Field(description="Its band; the plan scales extend bands by firm size")
    months: tuple[int, int]
    cost_basis: Text
    recurring: bool = Field(default=False, description="Part of the cost is a yearly fee")

    @model_validator(mode="after")
    def _months_in_order(self) -> Variant:
        _check_months(self.months)
        return self


class Citation(Frozen):
    """A legal duty that binds only a firm regulated as ``when`` (a key energy user, a firm in the
    carbon market ...): cited as a duty when the firm is, left out when it is not, and cited
    "where applicable" when the answer file does not say. Without ``when`` it binds every firm."""

    when: Regulated | None = None
    law: Text
    ranks: bool = Field(
        default=True,
        description="False when the law asks for less than the project builds (records, not a "
        "system): cited as the duty the project helps meet, not ranked as a legal duty",
    )
    covers: tuple[str, ...] = Field(
        default=(),
        description="The requirements this duty covers (default: those of statutory_covers, "
        "else every one the project closes)",
    )


class Suits(Frozen):
    """Which firms a project or a wording suits; every condition given must hold."""

    profiles: tuple[Profile, ...] = Field(default=(), description="Any of these profiles")
    tailored: tuple[str, ...] = Field(
        default=(),
        description="Only firms that tailored these sub-domains out (e.g. design.product: a "
        "make-to-print shop without products of its own)",
    )
    untailored: tuple[str, ...] = Field(
        default=(), description="Only firms that did not tailor these sub-domains out"
    )
    regulated_as: tuple[Regulated, ...] = Field(
        default=(), description="Only firms known to be regulated as all of these"
    )


class Wording(Suits):
    """A first step worded for the firms it suits (a process plant, a job shop, a drug maker)."""

    first_step: Text
    extend_first_step: Text | None = Field(
        default=None,
        description="The extend variant's first step for these firms (e.g. a drug maker changes "
        "a validated system only through change control)",
    )
    cost_note: Text | None = Field(
        default=None,
        description="Added to every cost basis of the project for these firms (e.g. that the "
        "validation days are included)",
    )


class Project(Frozen):
    id: ProjectId
    name: Text
    summary: Text = Field(description="What the factory does and gets, 1-2 sentences")
    first_step: Text = Field(description="The concrete first step and who takes it")
    closes: tuple[str, ...] = Field(min_length=1, description="Requirements brought to fully met")
    needs: tuple[str, ...] = Field(
        default=(), description="Project or requirement ids needed first"
    )
    lag: int = Field(
        default=0,
        ge=0,
        le=4,
        description="Quarters it waits after the projects it needs have ended: its first step "
        "uses months of data their systems collect (transport optimisation on TMS waybills)",
    )
    months: tuple[int, int] = Field(description="Typical duration range in months for an SME")
    cost: CostBand
    last_gap: CostBand | None = Field(
        default=None,
        description="What its one open requirement costs when all its others are fully met "
        "(configuration or one interface on the systems in place); unset: no such shortcut",
    )
    cost_basis: Text = Field(description="What the cost band assumes")
    owner: Text = Field(description="The role that leads it")
    kpis: tuple[ProjectKpi, ...] = Field(min_length=1, max_length=3)
    technologies: tuple[TechId, ...] = ()
    scenarios: tuple[str, ...] = ()
    recurring: bool = Field(default=False, description="Part of the cost is a yearly fee")
    extend: Variant | None = Field(
        default=None, description="Extending or completing it, for a firm that mostly runs it"
    )
    saas: Variant | None = Field(
        default=None, description="A rented service or module, for a micro or small firm"
    )
    statutory: Text | None = Field(
        default=None, description="The legal obligation it closes, when it closes one"
    )
    statutory_covers: tuple[str, ...] = Field(
        default=(),
        description="The requirements the law covers (default: every one it closes); the project "
        "is a legal duty only while one of them is unmet",
    )
    statutory_for: tuple[Profile, ...] = Field(
        default=(),
        description="The industry profiles the law binds (default: every profile), e.g. hazardous "
        "chemicals duties bind process plants, not a gearbox maker",
    )

    statutory_if: tuple[Citation, ...] = Field(
        default=(), description="Legal duties that bind only firms regulated as the condition says"
    )
    suits: Suits = Field(
        default=Suits(),
        description="The firms it suits (default: every firm); a requirement that only unsuited "
        "projects close is still planned, with the cheapest of them",
    )
    first_step_for: tuple[Wording, ...] = Field(
        default=(), description="First steps worded for some firms; the first that suits wins"
    )
    by_day_90: Text | None = Field(
        default=None,
        description="What the board is shown as delivered by day 90, where the first step is not "
        "enough (a major hazard: risk controlled, not just listed)",
    )

    @model_validator(mode="after")
    def _months_in_order(self) -> Project:
        _check_months(self.months)
        return self


class ProjectFile(Frozen):
    legislation_as_of: str | None = Field(
        default=None,
        pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
        description="Month up to which the legal citations were checked (YYYY-MM); set in one file",
    )
    projects: tuple[Project, ...]


class Scenario(Frozen):
    id: ProjectId
    stage: Text
    name: Text


class ScenarioFile(Frozen):
    edition: Text
    status: Literal["draft", "published"]
    source: str = Field(min_length=1)
    scenarios: tuple[Scenario, ...]
