"""The questionnaires: the list found on the search path (``questionnaires``) and one's structure
(``show``)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from maturity.formats import json_document, new_table
from maturity.i18n import Lang, msg
from maturity.labels import PLAN_DOMAIN_NAMES
from maturity.schema.base import Profile

if TYPE_CHECKING:
    from rich.console import RenderableType

    from maturity.questionnaire import Questionnaire
    from maturity.schema.questionnaire import Question, Requirement


class QuestionnaireRenderer(Protocol):
    def listing(
        self, found: Sequence[tuple[Questionnaire, Path, bool]], lang: Lang
    ) -> RenderableType | str: ...

    def structure(self, q: Questionnaire, lang: Lang) -> RenderableType | str: ...


class QuestionnaireFormat(StrEnum):
    """A table for people; json or yaml: the resolved questionnaire for other tools (``show``)."""

    table = "table"
    json = "json"
    yaml = "yaml"

    def to_format(self, profile: Profile | None = None) -> QuestionnaireRenderer:
        if self is QuestionnaireFormat.table:
            return QuestionnaireTable()
        if self in (QuestionnaireFormat.json, QuestionnaireFormat.yaml):
            return QuestionnaireData(self.value, profile)
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


class QuestionnaireData:
    """The questionnaire as data (both languages; the reader's language does not matter), in a
    stable key order: what a tool needs without parsing our folders. With a profile, only the
    requirements that apply to it, with its evidence wording."""

    def __init__(self, syntax: str, profile: Profile | None) -> None:
        self.syntax = syntax
        self.profile = profile

    def listing(self, found: Sequence[tuple[Questionnaire, Path, bool]], lang: Lang) -> str:
        rows = [
            {"id": q.id, "version": q.version, "newest": newest, "location": str(path)}
            for q, path, newest in found
        ]
        return self._text({"questionnaires": rows})

    def structure(self, q: Questionnaire, lang: Lang) -> str:
        return self._text(questionnaire_view(q, self.profile))

    def _text(self, data: dict[str, Any]) -> str:
        if self.syntax == "json":
            return json_document(data)
        import yaml

        return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def questionnaire_view(q: Questionnaire, profile: Profile | None) -> dict[str, Any]:
    header = q.header

    def dump(items: Sequence[Any], *exclude: str) -> list[dict[str, Any]]:
        return [item.model_dump(mode="json", exclude=set(exclude)) for item in items]

    view: dict[str, Any] = {
        "id": q.id,
        "version": q.version,
        "kind": header.kind,
        "based_on": header.based_on,
        "model": header.model,
        "name": header.name.model_dump(),
        "description": header.description.model_dump(),
        "profile": profile.value if profile else None,
        "levels": dump(header.levels),
        "answer_scale": header.answer_scale.model_dump(mode="json")
        if header.answer_scale
        else None,
        "elements": dump(q.header.elements, "order"),
        "domains": dump(q.header.domains, "order"),
        "subdomains": dump(q.subdomains, "order"),
    }
    if q.quick:
        view["questions"] = [_question(q, question) for question in q.questions]
    else:
        chosen = q.applicable(profile) if profile else q.requirements
        view["requirements"] = [_requirement(q, r, profile) for r in chosen]
    return view


def _requirement(q: Questionnaire, req: Requirement, profile: Profile | None) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": req.id,
        "subdomain": q.subdomain_of[req.id],
        "level": req.level,
        "applies_to": [p.value for p in req.applies_to],
        "statement": req.statement.model_dump(),
        "question": req.question.model_dump(),
        "evidence": [
            e.model_dump() for e in (req.evidence_for(profile) if profile else req.evidence)
        ],
    }
    if profile is None:  # every profile's own wording, for a reader who has not chosen one
        entry["evidence_by_profile"] = {
            p.value: [e.model_dump() for e in texts] for p, texts in req.evidence_by_profile.items()
        }
    entry["see_also"] = list(req.see_also)
    entry["presupposes"] = list(req.presupposes)
    return entry


def _question(q: Questionnaire, question: Question) -> dict[str, Any]:
    return {
        "id": question.id,
        "subdomain": q.subdomain_of[question.id],
        "question": question.question.model_dump(),
        "descriptors": [
            {"level": d.level, "text": d.text.model_dump(), "covers": list(d.covers)}
            for d in question.descriptors
        ],
    }
