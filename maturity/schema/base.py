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


class Regulated(StrEnum):
    """What a firm is regulated as: decides which conditional legal duties bind it
    (organisation.regulated_as and not_regulated_as)."""

    key_energy_user = "key-energy-user"  # 重点用能单位
    key_discharger = "key-discharger"  # 重点排污单位 / discharge permit under key management
    major_hazard = "major-hazard"  # 重大危险源
    hazardous_chemicals = "hazardous-chemicals"  # makes or stores hazardous chemicals
    ships_dangerous_goods = "ships-dangerous-goods"  # consigns dangerous goods itself
    carbon_market = "carbon-market"  # key emitter in the national carbon market
    combustible_dust = "combustible-dust"  # 涉爆粉尘
    ammonia_refrigeration = "ammonia-refrigeration"  # 涉氨制冷
    drugs = "drugs"  # makes medicines (药品 GMP)
    food = "food"  # makes food (食品生产许可)
    electroplating = "electroplating"  # electroplating or similar surface treatment lines
    important_data = "important-data"  # processes data listed as important data
    mlps_filing = "mlps-filing"  # runs systems graded MLPS level 2 or above (等保定级备案)


class Profile(StrEnum):
    """Industry profile: which requirements apply and how evidence examples are worded.

    ``continuous`` is continuous process (chemicals, steel, building materials), ``batch`` is batch
    process (food, pharma, fine chemicals), ``mixed`` has both discrete and process operations.
    """

    discrete = "discrete"
    continuous = "continuous"
    batch = "batch"
    mixed = "mixed"


# In ``applies_to`` an enterprise type is shorthand for every profile that contains it (a mixed
# plant has both kinds of operation), which keeps questionnaire 1.0.0 meaning what it meant.
PROFILES_OF_TYPE: dict[str, tuple[Profile, ...]] = {
    "discrete": (Profile.discrete, Profile.mixed),
    "process": (Profile.continuous, Profile.batch, Profile.mixed),
}
# The profile of an answer file that names only its enterprise type (all files before 1.1).
DEFAULT_PROFILE: dict[EnterpriseType, Profile] = {
    EnterpriseType.discrete: Profile.discrete,
    EnterpriseType.process: Profile.continuous,
}


def expand_profiles(values: object) -> object:
    """``applies_to`` as written (profiles or the type shorthands) to profiles, in enum order."""
    if not isinstance(values, (list, tuple)):
        return values
    wanted: set[object] = set()
    for value in values:
        wanted.update(PROFILES_OF_TYPE.get(value, (value,)) if isinstance(value, str) else (value,))
    known = [p for p in Profile if p in wanted or p.value in wanted]
    unknown = [v for v in wanted if v not in Profile.__members__ and not isinstance(v, Profile)]
    return [*known, *unknown]  # unknown values stay for validation to reject with their name


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
