"""Schema of improvement advice kept beside a questionnaire (``recommendations/*.yaml``)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from maturity.schema.base import Effort, Frozen, Kpi, Text

TechId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]


class Technology(Frozen):
    """A technology named in the 14th FYP (MES, APS, digital twin, ...)."""

    id: TechId
    name: Text


class TechnologyFile(Frozen):
    technologies: tuple[Technology, ...]


class Recommendation(Frozen):
    requirement: str = Field(description="Id of the requirement this advice closes")
    action: Text = Field(
        description="What to do, starting with a step the factory can take next week"
    )
    why: Text = Field(description="What the organisation gains")
    evidence: Text = Field(
        description="What to produce so that the requirement can be shown as met"
    )
    effort: Effort
    kpis: tuple[Kpi, ...] = Field(min_length=1, max_length=3)
    technologies: tuple[TechId, ...] = ()


class RecommendationFile(Frozen):
    subdomain: str
    recommendations: tuple[Recommendation, ...]
