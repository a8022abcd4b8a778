"""What an output format receives for one scored assessment."""

from __future__ import annotations

from dataclasses import dataclass

from maturity.i18n import Lang
from maturity.questionnaire import Questionnaire
from maturity.schema.result import AssessmentResult


@dataclass(frozen=True)
class ResultView:
    """What a format needs: the result, the questionnaire for names, the language."""

    result: AssessmentResult
    questionnaire: Questionnaire
    lang: Lang
