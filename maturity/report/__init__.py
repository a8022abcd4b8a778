"""Rendering the graded maturity report: one view-model, three output formats.

Each format is a small class behind one interface, chosen by :class:`ReportFormat`; renderers
return bytes and never write files (the CLI does, atomically, after rendering succeeded).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from maturity.errors import InputError, Problem
from maturity.models.answers import AnswerFile
from maturity.models.result import AssessmentResult
from maturity.models.rules import ScoringRules
from maturity.questionnaire import Questionnaire
from maturity.report.context import ManifestRow, ReportView, SignatureInfo, build_view
from maturity.report.templating import ReportLang, Translator, load_labels, render, search_path


@dataclass(frozen=True)
class ReportInput:
    result: AssessmentResult
    questionnaire: Questionnaire
    answers: AnswerFile
    rules: ScoringRules
    signature: SignatureInfo | None = None  # set when the PDF will be signed: adds the signature page
    previous: AssessmentResult | None = None  # the last assessment: adds "progress since the last assessment"


class Renderer(Protocol):
    def render(self, view: ReportView, translator: Translator, dirs: Sequence[Path]) -> bytes: ...


class HtmlRenderer:
    def render(self, view: ReportView, translator: Translator, dirs: Sequence[Path]) -> bytes:
        return html(view, translator, dirs).encode("utf-8")


class MarkdownRenderer:
    def render(self, view: ReportView, translator: Translator, dirs: Sequence[Path]) -> bytes:
        md = Translator(translator.lang, translator.labels, markup=False)
        text = render(dirs, "report.md.j2", view=view, tx=md.tx, L=md.label, Lp=md.label_plain)
        # Autoescape protects against HTML in user text (Markdown viewers render raw HTML); quotes
        # cannot open a tag, so their entities are turned back into characters for readability.
        return text.replace("&#39;", "'").replace("&#34;", '"').encode("utf-8")


class PdfRenderer:
    def render(self, view: ReportView, translator: Translator, dirs: Sequence[Path]) -> bytes:
        from maturity.report.pdf import html_to_pdf

        pdf, _ = html_to_pdf(html(view, translator, dirs), dirs)
        return pdf


class ReportFormat(StrEnum):
    html = "html"
    pdf = "pdf"
    md = "md"

    def renderer(self) -> Renderer:
        if self is ReportFormat.html:
            return HtmlRenderer()
        if self is ReportFormat.pdf:
            return PdfRenderer()
        if self is ReportFormat.md:
            return MarkdownRenderer()
        raise AssertionError(self)  # pragma: no cover - exhaustiveness is tested

    @classmethod
    def from_path(cls, path: Path) -> ReportFormat:
        suffix = path.suffix.lower().lstrip(".")
        aliases = {"htm": "html", "markdown": "md"}
        try:
            return cls(aliases.get(suffix, suffix))
        except ValueError:
            raise InputError([Problem("report.unknown_format", {"path": str(path)})]) from None


def html(view: ReportView, translator: Translator, dirs: Sequence[Path]) -> str:
    return render(dirs, "report.html.j2", view=view, tx=translator.tx, L=translator.label, Lp=translator.label_plain)


def prepare(
    data: ReportInput, lang: ReportLang, template_dirs: Sequence[Path] = (), *, target: int | None = None, generated: dt.date | None = None
) -> tuple[ReportView, Translator, list[Path]]:
    dirs = search_path(template_dirs)
    translator = Translator(lang, load_labels(dirs))
    view = build_view(
        data.result,
        data.questionnaire,
        data.answers,
        data.rules,
        translator,
        target=target,
        generated=generated,
        signature=data.signature,
        previous=data.previous,
    )
    return view, translator, dirs


def render_report(
    data: ReportInput,
    fmt: ReportFormat,
    lang: ReportLang,
    template_dirs: Sequence[Path] = (),
    *,
    target: int | None = None,
    generated: dt.date | None = None,
) -> bytes:
    view, translator, dirs = prepare(data, lang, template_dirs, target=target, generated=generated)
    return fmt.renderer().render(view, translator, dirs)


__all__ = ["ManifestRow", "ReportFormat", "ReportInput", "ReportView", "SignatureInfo", "prepare", "render_report"]
