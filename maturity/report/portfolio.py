"""The consultant's cross-client report (``maturity portfolio DIR -o portfolio.pdf|html|md``), and
the index ``report DIR`` writes beside the per-client reports.

A view-model of plain strings in the output language (from :mod:`maturity.portfolio`'s figures),
rendered by portfolio.html.j2 / portfolio.md.j2 / index.html.j2 through the one sandboxed Jinja
environment (autoescape on: client names are user text), and to PDF with the locked fetcher.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from maturity.collation import ClientOrder, sort_by
from maturity.i18n import Lang, msg
from maturity.labels import PLAN_DOMAIN_NAMES
from maturity.numbers import fmt_average, fmt_score
from maturity.report.inputs import ReportFormat
from maturity.report.templating import render, search_path
from maturity.schema.base import PlanDomain
from maturity.text import cjk_words

if TYPE_CHECKING:
    from maturity.editions import Edition
    from maturity.portfolio import Gap, Portfolio
    from maturity.questionnaire import Questionnaire
    from maturity.reference import Snapshot
    from maturity.report.edition import EditionView

MAX_GAPS = 15  # the most common gaps shown; the rest are rarer and the workbook has every client
# clients listed in the heat map and the index: a report of 10,000 rows is no report (and no PDF);
# the workbook's heat map and report DIR's index.html list every one
MAX_ROWS = 100


@dataclass(frozen=True)
class Cell:
    text: str
    css: str  # "lv0".."lv5", or "na" for a sub-domain out of the assessment


@dataclass(frozen=True)
class CommonGap:
    requirement: str
    subdomain: str
    level: int
    question: str
    count: str  # "x / N": the clients missing it out of all


@dataclass(frozen=True)
class SharedAction:
    """One improvement action shared by several clients.

    Today one action per requirement (its recommendation). Issue 13 turns the plan into projects
    (maturity/plan.py): when it lands, :func:`shared_actions` groups the common gaps by project
    instead, and this row gains the project's name; the templates need not change.
    """

    action: str
    effort: str
    requirements: tuple[str, ...]
    count: int | str  # a coarse word in a shareable edition (maturity.editions.share_word)
    area: str = ""  # the requirements' sub-domain names: what a shareable edition shows for them


@dataclass(frozen=True)
class ProgressLine:
    """One re-assessed client: the assessment before its latest, and the latest."""

    organisation: str
    dates: str  # "2025-09-12 → 2026-09-12"
    levels: str  # "2 → 3"
    level_change: str  # "+1", "0", "-1"
    scores: str
    score_change: str


@dataclass(frozen=True)
class IndexRow:
    organisation: str
    level: int
    score: str
    date: str
    report: str  # the report's file name beside the index (a relative link)


@dataclass(frozen=True)
class PortfolioView:
    lang: Lang
    generated: str
    organisations: int
    counts: str
    audience: str  # who the report is for, first on the page
    names_clients: bool  # False: no heat map and no index, which name every client
    distribution: list[list[str]]  # header row first
    sources: list[str]
    hidden_note: str  # why levels are left out of the distribution; "" when none is
    plan_domains: list[tuple[str, str, int]]
    heat_header: list[str]
    # each header in pieces a narrow column may break between: (text, kept whole); Chinese words
    # are kept whole, other text wraps at spaces and, if it must, inside a long word
    heat_words: list[list[tuple[str, bool]]]
    heat_rows: list[tuple[str, Cell, list[Cell]]]
    heat_groups: list[str]  # --sort industry: the industry heading over each row that starts one
    capped: str  # the note that the lists show only the first MAX_ROWS clients; "" when all
    gaps: list[CommonGap]
    actions: list[SharedAction]
    index: list[IndexRow]
    index_format: str
    progress_summary: str  # how many re-assessed clients moved up (every edition)
    progress: list[ProgressLine]  # one per re-assessed client (the internal edition only)
    # a PDF resolves a relative link against the template folder (file:///.../report_templates/x.pdf,
    # a local path in a document that is sent out): the PDF names the reports without links
    links: bool = True
    edition: EditionView | None = None  # the cover block and what only this reader sees
    share_step: int = 10  # the distribution's step in %
    max_gaps: int = MAX_GAPS


def build_view(
    figures: Portfolio,
    questionnaires: Mapping[str, Questionnaire],
    national: Sequence[Snapshot],
    report_names: Mapping[str, str],
    lang: Lang,
    *,
    generated: dt.date | None = None,
    index_format: ReportFormat = ReportFormat.pdf,
    edition: Edition | None = None,
    order: ClientOrder = ClientOrder.name,
) -> PortfolioView:
    """``questionnaires``: by the rows' "questionnaire" column; ``report_names``: file -> the name
    of its report (as ``report DIR`` names it); ``edition``: the cover block and what only its
    reader sees (maturity.editions)."""
    from maturity.formats.benchmark import hidden_note
    from maturity.reference import cited_text

    t: Callable[..., str] = lambda key, **p: msg(key, lang, **p)  # noqa: E731
    names = _subdomain_names(questionnaires, lang)
    named = figures.audience.names_clients
    shown = shown_gaps(figures, questionnaires)
    gaps = [_common_gap(g, figures.organisations, questionnaires, names, lang) for g in shown]
    edition_view = _edition(edition, names, lang)
    actions = shared_actions(shown, questionnaires, lang)
    if not named:  # exact counts would tell, edition to edition, which client has the gap
        gaps, actions = _coarse(gaps, actions, figures, lang)
    return PortfolioView(
        lang=lang,
        generated=(generated or dt.date.today()).isoformat(),
        organisations=figures.organisations,
        counts=t("portfolio.counts", organisations=figures.organisations, files=figures.files),
        audience=edition_view.cover[0]
        if edition_view
        else t(f"portfolio.audience.{figures.audience.value}", org=""),
        names_clients=named,
        distribution=_distribution(figures, national, lang),
        hidden_note=(hidden_note(figures.shares, lang) if named else None) or "",
        sources=[
            t("portfolio.source", year=s.year, source=cited_text(s.cited, s.status, lang))
            for s in national
        ],
        plan_domains=[
            (PLAN_DOMAIN_NAMES[PlanDomain(a.key)].get(lang), _mean(a.mean, named, lang), a.count)
            for a in figures.plan_domains
        ],
        heat_header=(header := [names.get(a.key, a.key) for a in figures.subdomains]),
        heat_words=[[(w, not w.isascii()) for w in cjk_words(h)] for h in header],
        heat_rows=_heat_rows(figures, lang, order) if named else [],
        heat_groups=_heat_groups(figures, lang, order) if named else [],
        capped=""
        if figures.organisations <= MAX_ROWS
        else t("portfolio.report.capped", shown=MAX_ROWS, total=figures.organisations),
        gaps=gaps,
        actions=actions,
        index=_index(figures, report_names, lang, order) if named else [],
        index_format=index_format.value,
        progress_summary=progress_summary(figures, lang),
        progress=_progress_lines(figures, lang, order) if named else [],
        edition=edition_view,
        share_step=figures.share_step,
    )


def _distribution(figures: Portfolio, national: Sequence[Snapshot], lang: Lang) -> list[list[str]]:
    """The level distribution table: this portfolio's shares beside each national figure."""
    from maturity.formats.benchmark import BUCKETS, bucket_label

    head = [msg("col.level", lang), msg("col.this_portfolio", lang)]
    head += [msg("col.national", lang, source=s.publisher, year=s.year) for s in national]
    rows = [head]
    for b in BUCKETS:
        share = figures.shares.get(b)
        rows.append(
            [bucket_label(b, lang), "–" if share is None else f"{share}%"]
            + [f"{s.shares[b] * 100:.0f}%" for s in national]
        )
    return rows


def _mean(mean: float | None, exact: bool, lang: Lang) -> str:
    """An average as shown: to 0.01, or in a shareable edition "about 2.0" (it is in steps of 0.5,
    and "2.00" would claim a precision it does not have)."""
    if exact or mean is None:
        return fmt_average(mean)
    return msg("portfolio.average_about", lang, value=f"{mean:.1f}")


def _edition(edition: Edition | None, names: Mapping[str, str], lang: Lang) -> EditionView | None:
    from maturity.report.edition import edition_view

    return None if edition is None else edition_view(edition, names, lang)


def shown_gaps(figures: Portfolio, questionnaires: Mapping[str, Questionnaire]) -> list[Gap]:
    """The gap rows a report lists. The internal edition: the MAX_GAPS most common. A shareable
    edition: whole bands of the coarse word (nearly all, most, about half), each in questionnaire
    order, as many bands as fit in MAX_GAPS rows (the first always). A top-N by exact count would
    let two editions one client apart show which requirements that client meets: its met ones
    rise or enter the list; by band, a row moves only when its own word changes."""
    if figures.audience.names_clients:
        return figures.gaps[:MAX_GAPS]
    from maturity.editions import share_rank

    position = _requirement_order(questionnaires)
    bands: dict[int, list[Gap]] = {}
    for gap in figures.gaps:
        bands.setdefault(share_rank(gap.count, figures.organisations), []).append(gap)
    shown: list[Gap] = []
    for rank in sorted(bands):
        band = sorted(
            bands[rank], key=lambda g: (position.get(g.requirement, len(position)), g.requirement)
        )
        if shown and len(shown) + len(band) > MAX_GAPS:
            break
        shown += band
    return shown


def _requirement_order(questionnaires: Mapping[str, Questionnaire]) -> dict[str, int]:
    """Each requirement's place in the questionnaires (in their stamp order): an order that does
    not depend on how many clients miss it."""
    order: dict[str, int] = {}
    for q in questionnaires.values():
        for req in q.requirements:
            order.setdefault(req.id, len(order))
    return order


def _coarse(
    gaps: list[CommonGap], actions: list[SharedAction], figures: Portfolio, lang: Lang
) -> tuple[list[CommonGap], list[SharedAction]]:
    """Gap and action counts as coarse words, for a shareable edition."""
    from maturity.report.edition import gap_share

    by_req = {g.requirement: g.count for g in figures.gaps}
    total = figures.organisations
    return (
        [replace(g, count=gap_share(by_req[g.requirement], total, lang)) for g in gaps],
        [replace(a, count=gap_share(int(a.count), total, lang)) for a in actions],
    )


def progress_summary(figures: Portfolio, lang: Lang) -> str:
    """ "Of the N re-assessed clients, M moved up a level": a shareable edition says it only of
    MIN_COHORT or more, as it does any average (a reader who knows the one client re-assessed
    would otherwise learn its result)."""
    from maturity.peers import MIN_COHORT

    total = len(figures.progress)
    if total == 0:
        return msg("portfolio.progress.none", lang)
    if total < MIN_COHORT and not figures.audience.names_clients:
        return msg("portfolio.progress.too_few", lang, min=MIN_COHORT)
    up = figures.moved_up
    down = sum(p.level_change < 0 for p in figures.progress)
    return msg(
        "portfolio.progress.summary", lang, total=total, up=up, same=total - up - down, down=down
    )


def _progress_lines(figures: Portfolio, lang: Lang, order: ClientOrder) -> list[ProgressLine]:
    from maturity.numbers import shown_change

    lines = []
    for p in sort_by(figures.progress, order, lang, lambda p: p.after):
        before, after = float(p.before["score"]), float(p.after["score"])
        lines.append(
            ProgressLine(
                str(p.after["organisation"]),
                f"{p.before['date']} → {p.after['date']}",
                f"{p.before['level']} → {p.after['level']}",
                f"{p.level_change:+d}" if p.level_change else "0",
                f"{fmt_score(before)} → {fmt_score(after)}",
                f"{shown_change(before, after) or 0.0:+.2f}",
            )
        )
    return lines


def _subdomain_names(questionnaires: Mapping[str, Questionnaire], lang: Lang) -> dict[str, str]:
    return {s.id: s.name.get(lang) for q in questionnaires.values() for s in q.subdomains}


def _requirement(questionnaires: Mapping[str, Questionnaire], req_id: str) -> Any:
    return next((r for q in questionnaires.values() if (r := q.requirement(req_id))), None)


def _subdomain(questionnaires: Mapping[str, Questionnaire], req_id: str) -> str:
    return next(
        (q.subdomain_of[req_id] for q in questionnaires.values() if req_id in q.subdomain_of), ""
    )


def _common_gap(
    gap: Gap,
    total: int,
    questionnaires: Mapping[str, Questionnaire],
    names: Mapping[str, str],
    lang: Lang,
) -> CommonGap:
    req = _requirement(questionnaires, gap.requirement)
    sub = _subdomain(questionnaires, gap.requirement)
    return CommonGap(
        gap.requirement,
        names.get(sub, sub),
        req.level if req else 0,
        req.question.get(lang) if req else gap.requirement,
        msg("portfolio.report.gap_count", lang, count=gap.count, total=total),
    )


def shared_actions(
    gaps: Sequence[Gap], questionnaires: Mapping[str, Questionnaire], lang: Lang
) -> list[SharedAction]:
    """The improvement actions behind the common gaps: today each gap's recommendation (a gap
    without advice has none). The seam for issue 13's projects: see :class:`SharedAction`."""
    names = _subdomain_names(questionnaires, lang)
    rows = []
    for gap in gaps:
        advice = next(
            (r for q in questionnaires.values() if (r := q.recommendations.get(gap.requirement))),
            None,
        )
        if advice is not None:
            effort = msg(f"label.effort.{advice.effort.value}", lang)
            area = names.get(_subdomain(questionnaires, gap.requirement), "")
            rows.append(
                SharedAction(advice.action.get(lang), effort, (gap.requirement,), gap.count, area)
            )
    return rows


def _heat_rows(
    figures: Portfolio, lang: Lang, order: ClientOrder
) -> list[tuple[str, Cell, list[Cell]]]:
    na = msg("out.not_applicable", lang)
    rows = []
    for row in _first(figures, lang, order):
        cells = []
        for a in figures.subdomains:
            level = row.get(f"{a.key}.level")
            cells.append(Cell(na, "na") if level is None else Cell(str(level), f"lv{level}"))
        rows.append((str(row["organisation"]), Cell(str(row["level"]), f"lv{row['level']}"), cells))
    return rows


def _heat_groups(figures: Portfolio, lang: Lang, order: ClientOrder) -> list[str]:
    """Sorted by industry, the rows are grouped by it: without a heading the grouping (pinyin of
    the industry) looked like no order at all. Each row that starts a group gets its industry."""
    if order is not ClientOrder.industry:
        return []
    unknown = msg("portfolio.heat_no_industry", lang)
    found = [str(row.get("industry") or unknown) for row in _first(figures, lang, order)]
    return [name if not i or name != found[i - 1] else "" for i, name in enumerate(found)]


def _index(
    figures: Portfolio, report_names: Mapping[str, str], lang: Lang, order: ClientOrder
) -> list[IndexRow]:
    return [
        IndexRow(
            str(row["organisation"]),
            int(row["level"]),
            fmt_score(float(row["score"])),
            str(row["date"]),
            report_names.get(str(row["file"]), ""),
        )
        for row in _first(figures, lang, order)
    ]


def _first(figures: Portfolio, lang: Lang, order: ClientOrder) -> list[dict[str, Any]]:
    """The first MAX_ROWS organisations in ``order``."""
    return sort_by(figures.latest, order, lang, lambda row: row)[:MAX_ROWS]


def render_portfolio(
    view: PortfolioView, fmt: ReportFormat, template_dirs: Sequence[Path] = ()
) -> bytes:
    dirs = search_path(template_dirs)
    t = _translator(view.lang)
    if fmt is ReportFormat.md:
        text = render(dirs, "portfolio.md.j2", view=view, M=t)
        return text.replace("&#39;", "'").replace("&#34;", '"').encode("utf-8")
    if fmt is ReportFormat.html:
        return render(dirs, "portfolio.html.j2", view=view, M=t).encode("utf-8")
    html = render(dirs, "portfolio.html.j2", view=replace(view, links=False), M=t)
    from maturity.report.pdf import html_to_pdf

    return html_to_pdf(html, dirs)[0]


def render_index(rows: Sequence[IndexRow], lang: Lang, template_dirs: Sequence[Path] = ()) -> bytes:
    """index.html beside the per-client reports: links, organisation, level, score, date."""
    html = render(search_path(template_dirs), "index.html.j2", rows=rows, M=_translator(lang))
    return html.encode("utf-8")


def _translator(lang: Lang) -> Callable[..., str]:
    def t(key: str, **params: object) -> str:
        return msg(key, lang, **params)

    return t
