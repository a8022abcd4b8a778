"""Rendering: one view-model, one renderer class per format (:data:`RENDERERS`, by
:class:`ReportFormat`).

Renderers return bytes and never write files; the CLI does, atomically, after rendering succeeded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from maturity.report.context import ReportView, build_view
from maturity.report.inputs import ReportEdition, ReportFormat, ReportInput, ReportLang
from maturity.report.templating import Translator, load_labels, render, search_path


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


# Here rather than on ReportFormat, so that the formats (maturity.report.inputs) stay data that
# imports no renderer: inputs -> render -> context -> inputs would be a circle.
RENDERERS: dict[ReportFormat, Renderer] = {
    ReportFormat.html: HtmlRenderer(),
    ReportFormat.pdf: PdfRenderer(),
    ReportFormat.md: MarkdownRenderer(),
}


def html(view: ReportView, translator: Translator, dirs: Sequence[Path]) -> str:
    return render(
        dirs,
        "report.html.j2",
        view=view,
        tx=translator.tx,
        L=translator.label,
        Lp=translator.label_plain,
    )


def prepare(
    data: ReportInput,
    lang: ReportLang,
    template_dirs: Sequence[Path] = (),
    *,
    target: int | None = None,
    generated: dt.date | None = None,
    edition: ReportEdition = ReportEdition.full,
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
        previous_found=data.previous_found,
        edition=edition.value,
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
    edition: ReportEdition = ReportEdition.full,
) -> bytes:
    view, translator, dirs = prepare(
        data, lang, template_dirs, target=target, generated=generated, edition=edition
    )
    return RENDERERS[fmt].render(view, translator, dirs)


__all__ = [
    "RENDERERS",
    "HtmlRenderer",
    "MarkdownRenderer",
    "PdfRenderer",
    "Renderer",
    "html",
    "prepare",
    "render_report",
]
