"""One organisation over time: ``compare`` (two assessments) and ``trend`` (a series), as tables or
JSON."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Protocol

from maturity.formats import json_document, new_table, shown_standing, styled
from maturity.i18n import Lang, msg
from maturity.labels import PLAN_DOMAIN_NAMES
from maturity.numbers import fmt_score, shown_change
from maturity.schema.base import PlanDomain
from maturity.text import printable

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table
    from rich.text import Text

    from maturity.formats.tabular import DataTable
    from maturity.history import Change, Comparison, GateChange, Series, TrendPoint


class HistoryRenderer(Protocol):
    def comparison(self, c: Comparison, lang: Lang) -> RenderableType | str: ...

    def trend(self, series: Sequence[Series], lang: Lang) -> RenderableType | str: ...


class HistoryFormat(StrEnum):
    table = "table"
    json = "json"

    def to_format(self) -> HistoryRenderer:
        if self is HistoryFormat.table:
            return HistoryTable()
        if self is HistoryFormat.json:
            return HistoryJson()
        raise AssertionError(self)  # pragma: no cover - exhaustiveness is tested


class TrendFormat(StrEnum):
    """``trend``'s formats: compare's, and a CSV or workbook of every assessment, one row each."""

    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"

    def to_format(self) -> TrendRenderer:
        if self is TrendFormat.csv:
            return TrendCsv()
        if self is TrendFormat.xlsx:
            return TrendXlsx()
        return HistoryFormat(self.value).to_format()


class TrendRenderer(Protocol):
    def trend(self, series: Sequence[Series], lang: Lang) -> RenderableType | str | bytes: ...


class TrendCsv:
    def trend(self, series: Sequence[Series], lang: Lang) -> str:
        from maturity.formats.tabular import to_csv

        return to_csv(trend_rows(series, lang))


class TrendXlsx:
    def trend(self, series: Sequence[Series], lang: Lang) -> bytes:
        from maturity.formats.tabular import to_xlsx

        return to_xlsx([trend_rows(series, lang)])


def trend_rows(series: Sequence[Series], lang: Lang) -> DataTable:
    """One row per assessment: its organisation (and id), file, date, level, score and plan
    domains; a plan domain out of the assessment is N/A, never 0."""
    from maturity.formats.tabular import DataTable

    plans = list(PlanDomain)
    table = DataTable(
        msg("portfolio.sheet.trend", lang),
        [msg(k, lang) for k in ("col.organisation", "col.organisation_id", "col.file", "col.date")]
        + [msg("col.level", lang), msg("col.overall_score", lang)]
        + [PLAN_DOMAIN_NAMES[p].get(lang) for p in plans],
        formats=[None] * 5 + ["0.00"] * (1 + len(plans)),
        widths=[24, 20, 30, 12, 8, 10, *([12] * len(plans))],
    )
    na = msg("out.not_applicable", lang)
    for s in series:
        for p in s.points:
            by_plan = {pd.id: pd.score for pd in p.result.plan_domains}
            table.rows.append(
                [s.name, s.org_id, printable(p.source), p.result.assessment.date.isoformat()]
                + [p.result.level, p.result.score]
                + [na if by_plan.get(plan) is None else by_plan[plan] for plan in plans]
            )
    return table


class HistoryJson:
    def comparison(self, c: Comparison, lang: Lang) -> str:
        return json_document(
            {
                "format": "maturity-comparison/1",
                "organisation": c.new.organisation.name,
                "dates": [c.old.assessment.date.isoformat(), c.new.assessment.date.isoformat()],
                "level": {"before": c.old.level, "after": c.new.level, "delta": c.level_change},
                "score": {
                    "before": c.old.score,
                    "after": c.new.score,
                    "delta": round(c.score_change, 6),
                },
                "levels": [_change(ch) for ch in c.levels],
                "subdomains": [_change(ch) for ch in c.subdomains],
                "plan_domains": [_change(ch) for ch in c.plan_domains],
                "improved": [rc.__dict__ for rc in c.improved],
                "regressed": [rc.__dict__ for rc in c.regressed],
                "gates": _gates(c),
                "blocked_levels": list(c.blocked),
            }
        )

    def trend(self, series: Sequence[Series], lang: Lang) -> str:
        organisations = [
            {
                "name": s.name,
                "id": s.org_id,
                "series": [_point(p) for p in s.points],
            }
            for s in series
        ]
        return json_document({"format": "maturity-trend/2", "organisations": organisations})


def _point(p: TrendPoint) -> dict[str, Any]:
    return {
        "file": printable(p.source),  # a GBK name's bytes as \xbd: valid UTF-8
        "date": p.result.assessment.date.isoformat(),
        "level": p.result.level,
        "score": p.result.score,
        "levels": {str(ls.level): ls.score for ls in p.result.levels},
        "plan_domains": {pd.id.value: pd.score for pd in p.result.plan_domains},
    }


def _gates(c: Comparison) -> list[dict[str, Any]]:
    return [
        {
            "level": g.level,
            "change": "won" if g.won else "lost",
            "score_before": g.before,
            "score_after": g.after,
            "gate": g.gate,
            "by": [{**e.change.__dict__, "effect": round(e.effect, 6)} for e in g.by],
        }
        for g in c.gates
    ]


def _change(ch: Change) -> dict[str, Any]:
    return {
        "id": ch.key,
        "before": ch.before,
        "after": ch.after,
        "delta": ch.delta,
        "level_before": ch.level_before,
        "level_after": ch.level_after,
        "applicable_before": not ch.na_before,
        "applicable_after": not ch.na_after,
    }


class HistoryTable:
    def comparison(self, c: Comparison, lang: Lang) -> RenderableType:
        from rich.console import Group

        return Group(
            _headline(c, lang),
            *(_gate_line(c, g, lang) for g in c.gates),
            *([_blocked_line(c, lang)] if c.blocked else []),
            _levels(c, lang),
            _subdomains(c, lang),
            _plan_domains(c, lang),
            _requirements(c, lang),
        )

    def trend(self, series: Sequence[Series], lang: Lang) -> RenderableType:
        from rich.console import Group

        parts = [part for s in series for part in _series_table(s, lang)]
        if len(series) > 1:  # the overview a reader wants first; the detail follows
            parts[:0] = [
                styled(msg("out.trend.summary_title", lang), "bold"),
                _overview(series, lang),
            ]
        return Group(*parts)


def _overview(series: Sequence[Series], lang: Lang) -> Table:
    """One row per organisation: how often assessed, first and latest date, level and score then
    and now."""
    table = new_table()
    table.add_column(msg("col.organisation", lang))
    for key in ("col.assessments", "col.first_assessed", "col.last_assessed"):
        table.add_column(msg(key, lang), justify="right", no_wrap=True)
    for key in ("col.level", "col.overall_score", "col.change"):
        table.add_column(msg(key, lang), justify="right", no_wrap=True)
    for s in series:
        first, last = s.points[0].result, s.points[-1].result
        table.add_row(
            printable(s.name),
            str(len(s.points)),
            first.assessment.date.isoformat(),
            last.assessment.date.isoformat(),
            f"{first.level} → {last.level}",
            f"{fmt_score(first.score)} → {fmt_score(last.score)}",
            delta(shown_change(first.score, last.score)),
        )
    return table


def _series_table(series: Series, lang: Lang) -> tuple[Text, Table]:
    """One organisation's assessments: a heading (as wide as the screen, not the table) and a
    table of its own, so two firms never share a series."""
    name = series.name + (f" ({series.org_id})" if series.org_id else "")
    table = new_table()
    table.add_column(msg("col.date", lang), no_wrap=True, min_width=10)
    plans = [pd.id for pd in series.points[0].result.plan_domains]
    headers = [msg(key, lang) for key in ("col.level", "col.overall_score", "col.change")]
    for header in (*headers, *(PLAN_DOMAIN_NAMES[plan].get(lang) for plan in plans)):
        table.add_column(header, justify="right")
    previous: float | None = None
    for p in series.points:
        by_plan = {pd.id: pd.score for pd in p.result.plan_domains}
        table.add_row(
            p.result.assessment.date.isoformat(),
            str(p.result.level),
            fmt_score(p.result.score),
            delta(shown_change(previous, p.result.score)),
            *(shown_standing(None, by_plan.get(plan), lang)[1] for plan in plans),
        )
        previous = p.result.score
    return styled(msg("out.trend.org_title", lang, name=name), "bold"), table


def delta(value: float | None, digits: int = 2) -> Text:
    """A change: green when up, red when down, dim when none."""
    if value is None:
        return styled("–")
    if abs(value) < 10 ** -(digits + 1):
        return styled(f"{0:.{digits}f}", "dim")
    return styled(f"{value:+.{digits}f}", "green" if value > 0 else "red")


def _headline(c: Comparison, lang: Lang) -> Text:
    from rich.text import Text

    head = Text()
    head.append(
        f"{printable(c.new.organisation.name)}: "
        f"{c.old.assessment.date} → {c.new.assessment.date}\n",
        style="bold",
    )
    head.append(msg("out.compare.level", lang, old=c.old.level, new=c.new.level))
    head.append(
        msg("out.compare.score", lang, old=fmt_score(c.old.score), new=fmt_score(c.new.score))
    )
    head.append_text(delta(shown_change(c.old.score, c.new.score)))
    return head


def _changes_table(
    title: str, first: str, changes: Sequence[Change], name_of: Callable[[Change], str], lang: Lang
) -> Table:
    """A table of changes: the row's name first (left), then level, score and change (right)."""
    table = new_table(title, msg(first, lang))
    for key in ("col.level", "col.score", "col.change"):
        table.add_column(msg(key, lang), justify="right")
    for ch in changes:
        before = _side(ch.level_before, ch.before, ch.na_before, lang)
        after = _side(ch.level_after, ch.after, ch.na_after, lang)
        table.add_row(
            name_of(ch),
            f"{before[0]} → {after[0]}",
            f"{before[1]} → {after[1]}",
            delta(shown_change(ch.before, ch.after)),
        )
    return table


def _side(level: int | None, score: float | None, na: bool, lang: Lang) -> tuple[str, str]:
    """One side of a change: N/A when out of that assessment, '–' when it did not exist yet."""
    if na:
        return shown_standing(None, None, lang)
    return (str(level) if level is not None else "–"), fmt_score(score)


def _levels(c: Comparison, lang: Lang) -> Table:
    table = new_table(msg("out.compare.levels_title", lang))
    for key in ("col.level", "col.before", "col.now", "col.change"):
        table.add_column(msg(key, lang), justify="right")
    for ch in c.levels:
        table.add_row(
            ch.key,
            fmt_score(ch.before),
            fmt_score(ch.after),
            delta(shown_change(ch.before, ch.after)),
        )
    return table


def _subdomains(c: Comparison, lang: Lang) -> Table:
    def name_of(ch: Change) -> str:
        return ch.name.get(lang) if ch.name else ch.key

    title = msg("out.compare.subdomains_title", lang)
    return _changes_table(title, "col.subdomain", c.subdomains, name_of, lang)


def _plan_domains(c: Comparison, lang: Lang) -> Table:
    def name_of(ch: Change) -> str:
        return PLAN_DOMAIN_NAMES[PlanDomain(ch.key)].get(lang)

    title = msg("out.plan_domains_title", lang)
    return _changes_table(title, "col.domain", c.plan_domains, name_of, lang)


def _requirements(c: Comparison, lang: Lang) -> Table:
    title = msg(
        "out.compare.requirements_title", lang, improved=len(c.improved), regressed=len(c.regressed)
    )
    table = new_table(
        title, *(msg(key, lang) for key in ("col.requirement", "col.before", "col.now"))
    )
    for rc in (*c.improved, *c.regressed):
        style = "green" if rc in c.improved else "red"
        table.add_row(
            styled(rc.id, style),
            rating_name(c, rc.rating_before, lang),
            rating_name(c, rc.rating_after, lang),
        )
    return table


def rating_name(c: Comparison, rating: str | None, lang: Lang) -> str:
    """A rating in the output language (全部满足, not full); a quick scan's level as it is."""
    if rating is None:
        return msg("out.compare.unanswered", lang)
    name = c.ratings.get(str(rating))
    return name.get(lang) if name else str(rating)


def _gate_line(c: Comparison, g: GateChange, lang: Lang) -> Text:
    """Why the level changed: the gate crossed at one level, and the rating changes behind it."""
    from rich.text import Text

    key = "out.compare.gate_won" if g.won else "out.compare.gate_lost"
    line = Text()
    line.append(
        msg(
            key,
            lang,
            level=g.level,
            before=fmt_score(g.before),
            after=fmt_score(g.after),
            gate=f"{g.gate:.2f}",
        ),
        style="green" if g.won else "red",
    )
    items = [
        msg(
            "out.compare.gate_item",
            lang,
            id=e.change.id,
            before=rating_name(c, e.change.rating_before, lang),
            after=rating_name(c, e.change.rating_after, lang),
            effect=f"{e.effect:+.3f}",
        )
        for e in g.by
    ]
    if items:
        line.append(
            msg("out.compare.gate_by", lang, items=msg("common.list_sep", lang).join(items))
        )
    return line


def _blocked_line(c: Comparison, lang: Lang) -> Text:
    from maturity.history import reached

    levels = msg("out.compare.level_sep", lang).join(str(level) for level in c.blocked)
    return styled(msg("out.compare.blocked", lang, levels=levels, level=reached(c.new) + 1))
