"""One scored assessment: the human summary (rich tables) or the result contract as JSON
(``maturity-result/1``)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from maturity.formats import new_table, shown_standing, styled
from maturity.i18n import Lang, msg
from maturity.labels import PLAN_DOMAIN_NAMES
from maturity.numbers import fmt_score
from maturity.text import printable

if TYPE_CHECKING:
    from rich.console import RenderableType

    from maturity.questionnaire import Questionnaire
    from maturity.schema.result import AssessmentResult


@dataclass(frozen=True)
class ResultView:
    """What a format needs: the result, the questionnaire for names, the language."""

    result: AssessmentResult
    questionnaire: Questionnaire
    lang: Lang


class ResultRenderer(Protocol):
    def render(self, view: ResultView) -> RenderableType | str: ...


class ResultFormat(StrEnum):
    table = "table"
    json = "json"

    def to_format(self) -> ResultRenderer:
        if self is ResultFormat.table:
            return ResultTable()
        if self is ResultFormat.json:
            return ResultJson()
        raise AssertionError(self)  # pragma: no cover - exhaustiveness is tested


class ResultJson:
    def render(self, view: ResultView) -> str:
        return view.result.model_dump_json(indent=2) + "\n"


class ResultTable:
    def render(self, view: ResultView) -> RenderableType:
        from rich.console import Group

        return Group(
            self._headline(view),
            self._levels(view),
            self._subdomains(view),
            self._plan(view),
            self._footer(view),
        )

    @staticmethod
    def _headline(view: ResultView) -> RenderableType:
        from rich.text import Text

        r, lang, header = view.result, view.lang, view.questionnaire.header
        level_name, meaning = (
            msg("out.result.below_level_1", lang),
            msg("out.result.below_level_1_meaning", lang),
        )
        if r.level:
            lv = header.levels[r.level - 1]
            level_name, meaning = lv.name.get(lang), lv.summary.get(lang)
        text = Text()
        text.append(
            f"{printable(r.organisation.name)}\n", style="bold"
        )  # made visible before layout
        text.append(
            msg(
                "out.result.indicative_level" if r.method == "descriptors" else "out.result.level",
                lang,
            )
        )
        text.append(f"{r.level} ({level_name})", style="bold green" if r.level else "bold yellow")
        text.append(msg("out.result.score", lang))
        text.append(fmt_score(r.score), style="bold")
        text.append(" / 5")
        if r.target_level:
            text.append(msg("out.result.target", lang, level=r.target_level))
        text.append(f"\n{meaning}")
        return text

    @staticmethod
    def _levels(view: ResultView) -> RenderableType:
        r, lang = view.result, view.lang
        table = new_table(
            msg("out.result.levels_title", lang, gate=fmt_score(r.rules.gate)),
            msg("col.level", lang),
            msg("col.name", lang),
        )
        table.add_column(msg("col.score", lang), justify="right")
        table.add_column(msg("col.reached", lang))
        for ls, lv in zip(r.levels, view.questionnaire.header.levels, strict=True):
            mark = (
                styled(msg("out.result.reached", lang), "green")
                if ls.reached
                else styled(msg("out.result.not_reached", lang), "red")
            )
            table.add_row(str(ls.level), lv.name.get(lang), fmt_score(ls.score), mark)
        return table

    @staticmethod
    def _subdomains(view: ResultView) -> RenderableType:
        r, lang = view.result, view.lang
        table = new_table(msg("out.result.subdomains_title", lang), msg("col.subdomain", lang))
        for column in (
            msg("col.level", lang),
            msg("col.score", lang),
            *(f"L{level}" for level in range(1, 6)),
        ):
            table.add_column(column, justify="right")
        for sub in r.subdomains:
            table.add_row(
                sub.name.get(lang),
                *shown_standing(sub.level, sub.score, lang),
                *(fmt_score(sub.scores[str(lv)]) for lv in range(1, 6)),
            )
        return table

    @staticmethod
    def _plan(view: ResultView) -> RenderableType:
        r, lang = view.result, view.lang
        table = new_table(msg("out.plan_domains_title", lang), msg("col.domain", lang))
        for column in ("col.level", "col.score", "col.subdomain_count"):
            table.add_column(msg(column, lang), justify="right")
        for plan in r.plan_domains:
            table.add_row(
                PLAN_DOMAIN_NAMES[plan.id].get(lang),
                *shown_standing(plan.level, plan.score, lang),
                str(len(plan.subdomains)),
            )
        return table

    @staticmethod
    def _footer(view: ResultView) -> RenderableType:
        from maturity.recommend import focus_subdomains

        r, lang, c = view.result, view.lang, view.result.counts
        items = msg(
            "out.result.questions" if r.method == "descriptors" else "out.result.requirements", lang
        )
        answered = msg(
            "out.result.answered",
            lang,
            answered=c.answered,
            total=c.requirements,
            items=items,
            not_applicable=c.not_applicable,
            unanswered=c.unanswered,
        )
        end = (
            msg("out.result.not_asked", lang, count=c.not_asked)
            if c.not_asked
            else msg("out.result.answered_end", lang)
        )
        rules = msg(
            "out.result.rules",
            lang,
            id=r.rules.id,
            version=r.rules.version,
            rule=r.rules.total_score_rule,
            sha256=r.rules.sha256[:12],
        )
        lines = [answered + end, rules]
        tailored = [
            f"{sub.name.get(lang)} ({sub.tailored})" for sub in r.subdomains if sub.tailored
        ]
        if tailored:
            lines.append(msg("out.result.tailored", lang, items="; ".join(tailored)))
        if r.method == "descriptors":
            focus = ", ".join(sub.name.get(lang) for sub in focus_subdomains(r, view.questionnaire))
            lines.append(msg("out.result.quick_scan_note", lang, focus=focus))
        elif r.rules.indicative:
            lines.append(msg("out.result.indicative_note", lang))
        return styled("\n".join(lines), "dim")
