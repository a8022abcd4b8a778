"""Blank answer files (``template``): YAML with every question as comments, or an Excel workbook
with drop-downs."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from maturity.i18n import Lang
    from maturity.questionnaire import Questionnaire
    from maturity.respondents import Part
    from maturity.schema.base import EnterpriseType, Profile


class TemplateRenderer(Protocol):
    def render(
        self,
        q: Questionnaire,
        lang: Lang,
        kind: EnterpriseType,
        profile: Profile,
        today: dt.date,
        part: Part | None = None,
    ) -> str | bytes: ...


class TemplateFormat(StrEnum):
    yaml = "yaml"
    xlsx = "xlsx"

    @classmethod
    def for_output(cls, output: Path | None) -> TemplateFormat:
        """The format an output file's name asks for: a workbook for .xlsx, else YAML."""
        return cls.xlsx if output is not None and output.suffix.lower() == ".xlsx" else cls.yaml

    def to_format(self) -> TemplateRenderer:
        if self is TemplateFormat.yaml:
            return YamlTemplate()
        if self is TemplateFormat.xlsx:
            return XlsxTemplate()
        raise AssertionError(self)  # pragma: no cover - exhaustiveness is tested


class YamlTemplate:
    def render(
        self,
        q: Questionnaire,
        lang: Lang,
        kind: EnterpriseType,
        profile: Profile,
        today: dt.date,
        part: Part | None = None,
    ) -> str:
        from maturity.blank import blank_answers

        return blank_answers(q, lang, kind, today, profile, part)


class XlsxTemplate:
    def render(
        self,
        q: Questionnaire,
        lang: Lang,
        kind: EnterpriseType,
        profile: Profile,
        today: dt.date,
        part: Part | None = None,
    ) -> bytes:
        from maturity.excel import blank_workbook  # openpyxl: only for workbooks

        return blank_workbook(q, lang, kind, today, profile, part)
