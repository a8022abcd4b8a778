"""Schema of a questionnaire directory (``questionnaires/<id>/``).

Layout of a questionnaire directory::

    questionnaire.yaml            # identity, levels, answer scale, elements, domains, sub-domains
    subdomains/<subdomain>.yaml   # the requirements of one sub-domain (file named by its id)
    recommendations/<subdomain>.yaml   # optional improvement advice per requirement

Ids are part of the answer-file format and must never change once published.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints, field_validator, model_validator

from maturity.schema.base import Frozen, PlanDomain, Profile, Text, broken_rule, expand_profiles

LevelNo = Annotated[int, Field(ge=1, le=5)]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")]
REQUIREMENT_ID = re.compile(
    r"^(?P<sub>[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)*)\.(?P<level>[1-5])\.(?P<seq>\d{2})$"
)


class Level(Frozen):
    level: LevelNo
    code: Slug
    name: Text
    summary: Text = Field(description="What an organisation at this level typically looks like")


class ScaleOption(Frozen):
    """One answer on the rating scale as shown to people; the numbers live in the rules."""

    key: Literal["full", "most", "partial", "none", "na"]
    label: Text
    help: Text = Field(description="One line explaining when to pick this answer")


class AnswerScale(Frozen):
    id: Slug
    options: tuple[ScaleOption, ...]

    @model_validator(mode="after")
    def _all_ratings_once(self) -> AnswerScale:
        keys = [o.key for o in self.options]
        if sorted(keys) != sorted(["full", "most", "partial", "none", "na"]):
            raise broken_rule("rule.scale_options")
        return self


class Element(Frozen):
    id: Slug
    order: int
    name: Text


class Domain(Frozen):
    id: Slug
    element: Slug
    order: int
    name: Text


class Subdomain(Frozen):
    id: Slug
    domain: Slug
    order: int
    name: Text
    description: Text
    plan_domain: PlanDomain = Field(description="Which area of the 14th FYP this sub-domain serves")


class Descriptor(Frozen):
    """A quick-scan answer: the sentence that best describes the organisation at one level."""

    level: Annotated[int, Field(ge=0, le=5)]
    text: Text
    covers: tuple[str, ...] = Field(
        default=(),
        description=(
            "Ids of the full questionnaire's requirements this sentence paraphrases; all of "
            "level <= this descriptor's level"
        ),
    )


class Requirement(Frozen):
    id: str = Field(
        description="<subdomain>.<level>.<2-digit sequence>, e.g. production.planning.3.01"
    )
    level: LevelNo
    order: int
    applies_to: tuple[Profile, ...] = Field(
        default=tuple(Profile),
        min_length=1,
        description=(
            "Industry profiles the requirement applies to; 'discrete' also means mixed, "
            "'process' means continuous, batch and mixed"
        ),
    )
    statement: Text = Field(description="What the organisation has or does, as a plain statement")
    question: Text = Field(description="The question asked at the prompt, without jargon")
    evidence: tuple[Text, ...] = Field(
        min_length=2, max_length=4, description="Things that prove it"
    )
    evidence_by_profile: dict[Profile, tuple[Text, ...]] = Field(
        default_factory=dict,
        description="Evidence examples worded for one profile, shown instead of 'evidence'",
    )
    see_also: tuple[str, ...] = Field(
        default=(),
        description="Requirements that hold a related practice: shown for reference, not scored",
    )
    presupposes: tuple[str, ...] = Field(
        default=(),
        description=(
            "Requirements whose activity this one assumes exists (an N/A there while this "
            "one is rated is a contradiction)"
        ),
    )

    @field_validator("applies_to", mode="before")
    @classmethod
    def _shorthands(cls, value: object) -> object:
        return expand_profiles(value)

    def applies(self, profile: Profile) -> bool:
        return profile in self.applies_to

    def evidence_for(self, profile: Profile) -> tuple[Text, ...]:
        return self.evidence_by_profile.get(profile, self.evidence)


class Question(Frozen):
    """A quick-scan question: one per sub-domain, answered by picking a level descriptor."""

    id: str
    order: int
    question: Text
    descriptors: tuple[Descriptor, ...] = Field(min_length=6, max_length=6)

    @model_validator(mode="after")
    def _levels_0_to_5(self) -> Question:
        if [d.level for d in self.descriptors] != [0, 1, 2, 3, 4, 5]:
            raise broken_rule("rule.descriptors_levels")
        return self


class SubdomainFile(Frozen):
    """Contents of ``subdomains/<subdomain>.yaml``."""

    subdomain: Slug
    requirements: tuple[Requirement, ...] = ()
    questions: tuple[Question, ...] = ()


class QuestionnaireHeader(Frozen):
    """Contents of ``questionnaire.yaml``.

    A questionnaire either defines its structure (levels, answer scale, elements, domains,
    sub-domains) or names another questionnaire in ``based_on`` and inherits it, so that a quick
    scan and the full assessment can never disagree about the model.
    """

    id: Slug
    version: str = Field(min_length=1)
    kind: Literal["requirements", "quick"] = "requirements"
    based_on: Slug | None = Field(
        default=None, description="Inherit the structure of this questionnaire"
    )
    model: str = Field(description="The model this questionnaire encodes, e.g. GB/T 39116-2020")
    name: Text
    description: Text
    default_rules: str = Field(
        description="File name in scoring_rules/ used when --rules is not given"
    )

    @field_validator("default_rules")
    @classmethod
    def _a_file_name(cls, value: str) -> str:
        # a path could point anywhere; outputs are guarded only against the folders maturity reads
        if not value or value != Path(value).name or value in (".", ".."):
            raise broken_rule("rule.rules_file_name")
        return value

    levels: tuple[Level, ...] = ()
    answer_scale: AnswerScale | None = None
    elements: tuple[Element, ...] = ()
    domains: tuple[Domain, ...] = ()
    subdomains: tuple[Subdomain, ...] = ()

    @model_validator(mode="after")
    def _structure_once(self) -> QuestionnaireHeader:
        own = [self.levels, self.elements, self.domains, self.subdomains]
        if self.based_on is None and not all(own):
            raise broken_rule("rule.define_or_inherit")
        if self.based_on is not None and any(own):
            raise broken_rule("rule.based_on_inherits")
        if self.kind == "requirements" and self.based_on is None and self.answer_scale is None:
            raise broken_rule("rule.needs_answer_scale")
        return self
