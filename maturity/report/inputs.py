"""What a report is made from, and the formats it can take: data only (the renderer of each format
is chosen in :mod:`.render`). Light to import: no Jinja, no WeasyPrint."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Literal

from maturity.errors import InputError, Problem
from maturity.questionnaire import Questionnaire
from maturity.schema.answers import AnswerFile
from maturity.schema.result import AssessmentResult
from maturity.schema.rules import ScoringRules

ReportLang = Literal["zh", "en", "bilingual"]


@dataclass(frozen=True)
class ManifestRow:
    requirement: str
    path: str
    sha256: str


@dataclass(frozen=True)
class SignatureInfo:
    """What the signature page states; the digital signature itself is added afterwards."""

    answers_sha256: str
    attachments: tuple[str, ...]
    evidence: tuple[ManifestRow, ...]
    test_certificate: bool = False  # signed with a keygen TEST certificate: the page says so
    evidence_named: int = 0  # evidence files the answers name, attached or not


@dataclass(frozen=True)
class ReportInput:
    result: AssessmentResult
    questionnaire: Questionnaire
    answers: AnswerFile
    rules: ScoringRules
    signature: SignatureInfo | None = (
        None  # set when the PDF will be signed: adds the signature page
    )
    previous: AssessmentResult | None = (
        None  # the last assessment: adds "progress since the last assessment"
    )
    # the previous assessment's file when report DIR found it (the report says where it came from)
    previous_found: str | None = None


class ReportEdition(StrEnum):
    """``board``: the few pages a board reads (dashboard, next 90 days, roadmap, signature);
    ``full``: the board pages and the annexes a reviewer checks."""

    board = "board"
    full = "full"


class ReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    md = "md"

    @classmethod
    def from_path(cls, path: Path) -> ReportFormat:
        suffix = path.suffix.lower().lstrip(".")
        aliases = {"htm": "html", "markdown": "md"}
        try:
            return cls(aliases.get(suffix, suffix))
        except ValueError:
            raise InputError([Problem("report.unknown_format", {"path": str(path)})]) from None
