"""The questionnaires: the list found on the search path (``questionnaires``) and one's structure
(``show``)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from maturity.formats import new_table
from maturity.i18n import Lang, msg
from maturity.labels import PLAN_DOMAIN_NAMES

if TYPE_CHECKING:
    from rich.console import RenderableType

    from maturity.questionnaire import Questionnaire


class QuestionnaireRenderer(Protocol):
    def listing(
        self, found: Sequence[tuple[Questionnaire, Path, bool]], lang: Lang
    ) -> RenderableType | str: ...

    def structure(self, q: Questionnaire, lang: Lang) -> RenderableType | str: ...


class QuestionnaireFormat(StrEnum):
    """Tables only, for now: the commands have no --format yet (a JSON listing would be one class
    more)."""

    table = "table"

    def to_format(self) -> QuestionnaireRenderer:
        if self is QuestionnaireFormat.table:
            return QuestionnaireTable()
        raise AssertionError(self)  # pragma: no cover - exhaustiveness is tested


class QuestionnaireTable:
    def listing(
        self, found: Sequence[tuple[Questionnaire, Path, bool]], lang: Lang
    ) -> RenderableType:
        """Every installed version; ``True`` marks the newest of its id (``load(id)`` gives it)."""
        columns = ("col.id", "col.version", "col.name", "col.items", "col.location")
        table = new_table(None, *(msg(key, lang) for key in columns), show_edge=False)
        for q, path, newest in found:
            table.add_row(
                q.id,
                msg("questionnaires.newest", lang, version=q.version) if newest else q.version,
                q.header.name.get(lang),
                str(len(q.requirements) or len(q.questions)),
                str(path),
            )
        return table

    def structure(self, q: Questionnaire, lang: Lang) -> RenderableType:
        """Elements, domains and sub-domains with the number of requirements per level."""
        from rich.text import Text

        columns = (
            "col.element",
            "col.capability_domain",
            "col.capability_subdomain",
            "col.plan_domain",
        )
        table = new_table(
            f"{q.header.name.get(lang)} {q.version}", *(msg(key, lang) for key in columns)
        )
        for header in (*(f"L{level}" for level in range(1, 6)), msg("col.total", lang)):
            table.add_column(header, justify="right")
        elements = {e.id: e for e in q.header.elements}
        domains = {d.id: d for d in q.header.domains}
        totals = [0] * 5
        for sub in q.subdomains:
            counts = [
                sum(1 for r in q.requirements if q.subdomain_of[r.id] == sub.id and r.level == lv)
                for lv in range(1, 6)
            ]
            totals = [a + b for a, b in zip(totals, counts, strict=True)]
            dom = domains[sub.domain]
            table.add_row(
                elements[dom.element].name.get(lang),
                dom.name.get(lang),
                Text.assemble(sub.name.get(lang), " ", (sub.id, "dim")),
                PLAN_DOMAIN_NAMES[sub.plan_domain].get(lang),
                *(str(c) if c else "–" for c in counts),
                str(sum(counts)),
            )
        table.add_section()
        table.add_row(
            msg("col.total", lang), "", "", "", *(str(t) for t in totals), str(sum(totals))
        )
        return table
