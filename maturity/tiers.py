"""Smart-factory tiers (智能工厂梯度培育) as a pre-check: the CMMM level each tier needs, whether
it is met and which projects close the gap. Policy context from questionnaires/factory-tiers.yaml,
not advice to apply."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from maturity import yamlio
from maturity.errors import InputError
from maturity.questionnaire import Questionnaire
from maturity.reference import Status
from maturity.resources import builtin_dir
from maturity.schema.base import Frozen, Text
from maturity.schema.result import AssessmentResult


class Tier(Frozen):
    id: str
    name: Text
    level: int = Field(ge=1, le=5)


class TierFile(Frozen):
    format: Literal["maturity-tiers/1"]
    label: Text
    source: str = Field(min_length=1)  # provenance; never shown to readers
    cited: Text  # the source as readers see it, in their language
    year: int
    status: Status
    tiers: tuple[Tier, ...]


@dataclass(frozen=True)
class TierCheck:
    tier: Tier
    met: bool
    projects: tuple[str, ...]  # the plan's projects that close the gap, in plan order


TIERS_FILE = "factory-tiers.yaml"


@cache
def load_tiers(path: Path | None = None) -> TierFile:
    """The bundled tier file (or ``path``); a broken one is bad input with its file and line."""
    from maturity.validation import schema_problems

    doc = yamlio.load(path or builtin_dir("questionnaires") / TIERS_FILE)
    try:
        return TierFile.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(schema_problems(doc, exc)) from None


def check_tiers(
    result: AssessmentResult,
    questionnaire: Questionnaire,
    reached: int,
    tiers: TierFile | None = None,
) -> tuple[TierCheck, ...]:
    """For each tier: met on the level alone, else the projects up to its level, in plan order."""
    from maturity.plan import build_plan

    out: list[TierCheck] = []
    for tier in (tiers or load_tiers()).tiers:
        if reached >= tier.level or result.method != "requirements":
            out.append(TierCheck(tier, reached >= tier.level, ()))
            continue
        plan = build_plan(result, questionnaire, reached, tier.level)
        out.append(TierCheck(tier, False, tuple(s.id for s in plan.steps if s.level <= tier.level)))
    return tuple(out)
