"""Shared building blocks for every schema model."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


class Frozen(BaseModel):
    """Base for all data models: immutable and strict about unknown keys.

    Unknown keys are errors because a typo in a hand-written YAML file must never be
    silently ignored (``rationg: full`` would otherwise count as unanswered).
    """

    # defer_build: a model's validator is built when first used, so a command pays only for the
    # models it touches (start-up time of `maturity score`)
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


RULE_ERROR = "maturity_rule"


def broken_rule(key: str) -> PydanticCustomError:
    """A model rule that the data breaks: a catalogue key (``rule.*``) that maturity.validation
    shows in the reader's language; pydantic's own message is the English text."""
    from maturity.i18n import MESSAGES  # i18n imports this module

    return PydanticCustomError(RULE_ERROR, MESSAGES[key][1], {"key": key})


class Text(Frozen):
    """A user-facing text that exists in both languages."""

    zh: str = Field(min_length=1, description="Simplified Chinese text")
    en: str = Field(min_length=1, description="English text")

    def get(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en

    @classmethod
    def verbatim(cls, value: str) -> Text:
        """The same text in both languages: an id or a key shown as it is, not words to
        translate."""
        return cls(zh=value, en=value)

    def map(self, change: Callable[[str], str]) -> Text:
        """Both languages changed alike (placeholders filled): still the text of the data."""
        return type(self)(zh=change(self.zh), en=change(self.en))


class EnterpriseType(StrEnum):
    """Discrete (parts, assembly) or process (chemicals, food, metals) manufacturing."""

    discrete = "discrete"
    process = "process"


class PlanDomain(StrEnum):
    """The five areas named by the 14th Five-Year Plan for Intelligent Manufacturing."""

    design = "design"
    production = "production"
    management = "management"
    service = "service"
    supply_chain = "supply_chain"


class Kpi(StrEnum):
    """Operational results an organisation can ask its improvement plan to favour."""

    efficiency = "efficiency"
    quality = "quality"
    cost = "cost"
    delivery = "delivery"
    energy = "energy"
    safety = "safety"
    flexibility = "flexibility"


class Effort(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"
