"""Schema of a scoring-rules file (``scoring_rules/*.yaml``): the GB/T 39117 method as data."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from maturity.schema.base import EnterpriseType, Frozen, Text, broken_rule

Status = Literal["verified", "corroborated", "secondary", "unverified", "project-default"]


class Provenance(Frozen):
    source: str = Field(min_length=1, description="Where the value comes from")
    status: Status = Field(
        description="How far the value has been checked against the standard text"
    )


class Scale(Provenance):
    values: dict[Literal["full", "most", "partial", "none"], Annotated[float, Field(ge=0, le=1)]]

    @model_validator(mode="after")
    def _complete(self) -> Scale:
        if set(self.values) != {"full", "most", "partial", "none"}:
            raise broken_rule("rule.scale_values")
        return self


class Gate(Provenance):
    value: Annotated[float, Field(gt=0, le=1)]


class TotalScoreRule(Provenance):
    value: Literal["A", "B"]


class Band(Frozen):
    level: Annotated[int, Field(ge=1, le=5)]
    min: Annotated[float, Field(ge=0, le=5)]


class Bands(Provenance):
    values: tuple[Band, ...]

    @model_validator(mode="after")
    def _ordered(self) -> Bands:
        levels = [b.level for b in self.values]
        mins = [b.min for b in self.values]
        if levels != [1, 2, 3, 4, 5] or mins != sorted(mins) or len(set(mins)) != 5:
            raise broken_rule("rule.bands_order")
        return self


class Weights(Provenance):
    """Relative weight of each sub-domain per enterprise type; renormalised per level."""

    discrete: dict[str, Annotated[float, Field(gt=0)]]
    process: dict[str, Annotated[float, Field(gt=0)]]

    def for_type(self, kind: EnterpriseType) -> dict[str, float]:
        return self.discrete if kind is EnterpriseType.discrete else self.process


class ScoringRules(Frozen):
    format: Literal["maturity-rules/1"]
    id: str = Field(min_length=1)
    version: str = Field(min_length=1)
    questionnaire: str = Field(description="Id of the questionnaire these rules score")
    method: Literal["requirements", "descriptors"] = Field(
        description=(
            "requirements: rated requirements (GB/T 39117); descriptors: a quick "
            "scan's chosen levels"
        )
    )
    name: Text
    indicative: bool = Field(
        description="Results are labelled indicative (self-assessment, unverified parameters)"
    )
    scale: Scale | None = Field(
        default=None, description="Rating values; required by the requirements method"
    )
    gate: Gate
    total_score_rule: TotalScoreRule
    bands: Bands
    weights: Weights

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: Any) -> Any:
        return (
            str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else value
        )

    @model_validator(mode="after")
    def _scale_for_requirements(self) -> ScoringRules:
        if self.method == "requirements" and self.scale is None:
            raise broken_rule("rule.needs_scale")
        return self
