"""A portfolio by cohort, one organisation among its peers, and both against the national figures,
as tables or JSON."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal, Protocol

from maturity.editions import MIN_APART
from maturity.formats import json_document, new_table, styled
from maturity.i18n import Lang, msg
from maturity.numbers import fmt_score
from maturity.peers import (
    MIN_COHORT,
    PRECISION,
    SHARED_SHARE_STEP,
    SMALL_CELL,
    Band,
    Benchmark,
    CohortKey,
    Quartiles,
    Standing,
)
from maturity.reference import cited_text
from maturity.text import printable

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table

    from maturity import reference
    from maturity.formats.tabular import DataTable

# the national figures' level buckets: ≤ L1, L2, L3, ≥ L4
BUCKETS: tuple[Literal["1", "2", "3", "4"], ...] = ("1", "2", "3", "4")


def bucket_label(bucket: str, lang: Lang) -> str:
    """The national figures' buckets as their tables name them: ≤ L1, L2, L3, ≥ L4."""
    keys = {"1": "col.bucket_low", "2": "col.bucket_2", "3": "col.bucket_3", "4": "col.bucket_high"}
    return msg(keys[bucket], lang)


def hidden_note(shares: Mapping[Any, int | None], lang: Lang) -> str | None:
    """What share the hidden levels hold, for an internal output; None when nothing is hidden or
    the shown shares leave nothing over. The rule itself is in the coarse note beside every such
    table (``out.benchmark.coarse_note``); a shareable output gives no remainder, which between two
    outputs one organisation apart tells whether it is at a hidden level."""
    if all(v is not None for v in shares.values()):
        return None
    rest = 100 - sum(v for v in shares.values() if v is not None)
    return msg("levels.hidden_rest", lang, cell=SMALL_CELL, rest=rest) if rest > 0 else None


def notice(view: BenchmarkView, lang: Lang) -> list[str]:
    """Who the output is for, and the membership code with the rule for passing outputs on."""
    if view.org_row is not None and view.place is not None:
        org = printable(str(view.org_row["organisation"]))
        lines = [msg("benchmark.audience_org", lang, org=org)]
    else:
        lines = [msg("benchmark.audience_shared", lang)]
    if view.membership is not None:
        code, count = view.membership
        lines.append(msg("edition.membership_shared", lang, code=code, count=count, min=MIN_APART))
    return lines


def keys_label(keys: tuple[CohortKey, ...], lang: Lang) -> str:
    """The cohort fields in the output language: 行业 × 制造类型 / industry × type."""
    return " × ".join(msg(f"out.benchmark.by.{k.value}", lang) for k in keys)


def cohort_label(keys: tuple[CohortKey, ...], name: str, lang: Lang) -> str:
    """A cohort's name with each enum value (size, type) in the output language."""
    from maturity.excel.sheets import enum_label

    if keys == (CohortKey.all,):
        return msg("out.benchmark.by.all", lang)
    parts = name.split(" / ") if len(keys) > 1 else [name]
    return " / ".join(str(enum_label(k.value, v, lang)) for k, v in zip(keys, parts, strict=False))


@dataclass(frozen=True)
class BenchmarkView:
    """What a format needs: the cohorts, the organisation and its standing if asked for, the
    national figures."""

    result: Benchmark
    org_row: dict[str, Any] | None
    place: Standing | None
    snapshots: list[reference.Snapshot]
    names: dict[str, str] = field(
        default_factory=dict
    )  # sub-domain id -> name, for the standing table
    membership: tuple[str, int] | None = None  # the membership code and how many it counts


class BenchmarkRenderer(Protocol):
    def render(self, view: BenchmarkView, lang: Lang) -> RenderableType | str | bytes: ...


class BenchmarkFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"

    def to_format(self) -> BenchmarkRenderer:
        if self is BenchmarkFormat.table:
            return BenchmarkTable()
        if self is BenchmarkFormat.json:
            return BenchmarkJson()
        if self is BenchmarkFormat.csv:
            return BenchmarkCsv()
        if self is BenchmarkFormat.xlsx:
            return BenchmarkXlsx()
        raise AssertionError(self)  # pragma: no cover - exhaustiveness is tested


class BenchmarkCsv:
    """The cohorts table (the national figures are in the JSON and the workbook)."""

    def render(self, view: BenchmarkView, lang: Lang) -> str:
        from maturity.formats.tabular import to_csv

        return to_csv(_cohort_rows(view.result, lang, percent=True))


class BenchmarkXlsx:
    """Cohorts, and the national figures beside this portfolio, one sheet each."""

    def render(self, view: BenchmarkView, lang: Lang) -> bytes:
        from maturity.formats.tabular import to_xlsx

        tables = [_cohort_rows(view.result, lang)]
        if view.snapshots:
            tables.append(_national_rows(view, lang))
        return to_xlsx([*tables, _notice_rows(view, lang)])


def _notice_rows(view: BenchmarkView, lang: Lang) -> DataTable:
    """The workbook's notes sheet: who it is for, the membership code, how shares are rounded."""
    from maturity.formats.tabular import DataTable

    note = msg("out.benchmark.coarse_note", lang, step=SHARED_SHARE_STEP, cell=SMALL_CELL)
    lines = [*notice(view, lang), note]
    return DataTable(
        msg("benchmark.notes_sheet", lang), [""], [[line] for line in lines], [None], [120]
    )


def _cohort_rows(result: Benchmark, lang: Lang, percent: bool = False) -> DataTable:
    """Level shares as fractions (a workbook shows them as %) or, for CSV, as percent like the
    JSON; a hidden share as None; quartiles to 0.1; a size or type cohort in the output
    language."""
    from maturity.formats.tabular import DataTable

    def share(value: int | None) -> float | int | None:
        return value if percent else _fraction(value)

    quartiles = [msg(k, lang) for k in ("col.q1", "col.median", "col.q3")]
    table = DataTable(
        msg("portfolio.sheet.benchmark", lang),
        [msg("col.cohort", lang), msg("col.organisations", lang)]
        + [f"L{level}" for level in range(6)]
        + quartiles,
        formats=[None, None, *([None if percent else "0%"] * 6), *(["0.0"] * 3)],
        widths=[24, 12, *([8] * 6), *([10] * 3)],
    )
    for c in result.cohorts:
        shares = c.level_shares()
        table.rows.append(
            [
                cohort_label(result.keys, c.name, lang),
                c.size,
                *(share(shares[level]) for level in range(6)),
                c.score.q1,
                c.score.median,
                c.score.q3,
            ]
        )
    return table


def _national_rows(view: BenchmarkView, lang: Lang) -> DataTable:
    from maturity.formats.tabular import DataTable

    table = DataTable(
        msg("portfolio.sheet.national", lang),
        [
            msg("col.source", lang),
            msg("col.year", lang),
            msg("col.bucket_low", lang),
            "L2",
            "L3",
            msg("col.bucket_high", lang),
        ],
        formats=[None, None, *(["0%"] * 4)],
        widths=[40, 8, 12, 8, 8, 12],
    )
    for snap in view.snapshots:
        table.rows.append(
            [
                cited_text(snap.cited, snap.status, lang),
                snap.year,
                *(snap.shares[b] for b in BUCKETS),
            ]
        )
    shares = view.result.portfolio_shares()
    if shares is not None and any(v is not None for v in shares.values()):
        name = msg("out.benchmark.portfolio", lang, count=view.result.organisations)
        table.rows.append([name, None, *(_fraction(shares[b]) for b in BUCKETS)])
    return table


def _fraction(percent: int | None) -> float | None:
    return None if percent is None else percent / 100


class BenchmarkJson:
    def render(self, view: BenchmarkView, lang: Lang) -> str:
        result = view.result
        return json_document(
            {
                "format": "maturity-benchmark/2",
                "by": result.by,
                "organisations": result.organisations,
                "left_out": result.left_out,
                "minimum_cohort": MIN_COHORT,
                "quartile_decimals": PRECISION,
                "share_step": SHARED_SHARE_STEP,
                "notice": notice(view, lang),
                "membership": view.membership[0] if view.membership else None,
                "smallest_cell": SMALL_CELL,
                "hidden_cohorts": result.hidden,
                "cohorts": [
                    {
                        "name": c.name,
                        "size": c.size,
                        "level_shares": {str(k): v for k, v in c.level_shares().items()},
                        "score": _quartiles(c.score),
                        "subdomains": {k: _quartiles(v) for k, v in c.subdomains.items()},
                    }
                    for c in result.cohorts
                ],
                "organisation": _organisation(view.org_row, view.place),
                "reference": [
                    {
                        "id": s.id,
                        "year": s.year,
                        "shares": s.shares,
                        "source": s.source,
                        "status": s.status,
                        "self_reported": True,
                    }
                    for s in view.snapshots
                ],
                "portfolio_shares": result.portfolio_shares(),
            }
        )


def _quartiles(q: Quartiles) -> dict[str, float]:
    return {"q1": q.q1, "median": q.median, "q3": q.q3, "step": q.step}


def _organisation(org_row: dict[str, Any] | None, place: Standing | None) -> dict[str, Any] | None:
    if org_row is None:
        return None
    return {
        "name": org_row["organisation"],
        "level": org_row["level"],
        "score": org_row["score"],
        "cohort": place.cohort if place else None,
        "band": place.band.value if place else None,
        "subdomains": {k: {"score": v[0], "band": v[1].value} for k, v in place.subdomains.items()}
        if place
        else None,
    }


class BenchmarkTable:
    def render(self, view: BenchmarkView, lang: Lang) -> RenderableType:
        from rich.console import Group

        parts: list[RenderableType] = []
        if view.result.cohorts:  # nothing to keep in confidence otherwise
            parts.extend(styled(line, "bold") for line in notice(view, lang))
        parts.append(_cohorts(view.result, lang))
        if view.result.cohorts:
            rule = msg("out.benchmark.coarse_note", lang, step=SHARED_SHARE_STEP, cell=SMALL_CELL)
            parts.append(styled(rule, "dim"))
        if view.org_row is not None and view.place is not None:
            parts.append(_standing(view, view.org_row, view.place, lang))
        if view.snapshots:
            parts.append(_national(view, lang))
            note = _national_note(view, lang)
            if note is not None:
                parts.append(note)
        return Group(*parts)


def _cohorts(result: Benchmark, lang: Lang) -> RenderableType:
    if not result.cohorts:
        return styled(msg("benchmark.none_shown", lang, min=MIN_COHORT), "yellow")
    key = keys_label(result.keys, lang)
    table = new_table(
        msg("out.benchmark.cohorts_title", lang, key=key, count=result.organisations),
        msg("col.cohort", lang),
    )
    for column in (
        msg("col.organisations", lang),
        *(f"L{level}" for level in range(6)),
        msg("col.score_quartiles", lang),
    ):
        table.add_column(column, justify="right")
    for c in result.cohorts:
        quartiles = (
            f"{c.score.q1:.{PRECISION}f} / {c.score.median:.{PRECISION}f} / "
            f"{c.score.q3:.{PRECISION}f}"
        )
        shares = c.level_shares()
        table.add_row(
            printable(cohort_label(result.keys, c.name, lang)),
            str(c.size),
            *(_share(shares[level]) for level in range(6)),
            quartiles,
        )
    return table


def _standing(view: BenchmarkView, org_row: dict[str, Any], place: Standing, lang: Lang) -> Table:
    cohort = next(c for c in view.result.cohorts if c.name == place.cohort)
    table = new_table(
        msg(
            "out.benchmark.standing_title",
            lang,
            organisation=printable(org_row["organisation"]),
            cohort=printable(cohort_label(view.result.keys, place.cohort, lang)),
            count=cohort.size,
            date=cohort.as_of,
        ),
        "",
    )
    for key in ("col.this_organisation", "col.cohort_median", "col.standing_band"):
        table.add_column(msg(key, lang), justify="right")
    table.add_row(
        msg("col.total_score", lang),
        fmt_score(place.score),
        _coarse(cohort.score.median),
        msg(_BAND_KEYS[place.band], lang),
    )
    for sub, (value, band) in place.subdomains.items():
        median = cohort.subdomains[sub].median if sub in cohort.subdomains else None
        style = (
            "green"
            if median is not None and value > median
            else "red"
            if median is not None and value < median
            else ""
        )
        table.add_row(
            view.names.get(sub, sub),
            styled(fmt_score(value), style),
            _coarse(median),
            msg(_BAND_KEYS[band], lang),
        )
    return table


_BAND_KEYS = {
    Band.below_q1: "out.benchmark.band.below_q1",
    Band.q1_median: "out.benchmark.band.q1_median",
    Band.median_q3: "out.benchmark.band.median_q3",
    Band.above_q3: "out.benchmark.band.above_q3",
}


def _national(view: BenchmarkView, lang: Lang) -> Table:

    table = new_table(msg("out.benchmark.national_title", lang), msg("col.source", lang))
    for bucket in BUCKETS:
        table.add_column(bucket_label(bucket, lang), justify="right")
    for snap in view.snapshots:
        table.add_row(
            f"{snap.id} ({snap.year})", *(f"{snap.shares[b] * 100:.0f}%" for b in BUCKETS)
        )
    result = view.result
    shares = result.portfolio_shares()  # the organisations shown above, and no others
    # a row of dashes only (every bucket under 3 organisations) says nothing: left out
    if shares is not None and any(v is not None for v in shares.values()):
        table.add_row(
            msg("out.benchmark.portfolio", lang, count=result.organisations),
            *(_share(shares[b]) for b in BUCKETS),
        )
    return table


def _share(percent: int | None) -> str:
    """A coarse share as shown: '–' for a cell hidden because too few organisations are in it."""
    return "–" if percent is None else f"{percent}%"


def _national_note(view: BenchmarkView, lang: Lang) -> RenderableType | None:
    """Where the organisation's level puts it among the enterprises of the latest national
    figures."""
    from maturity import reference

    if view.org_row is None:
        return None
    latest = max(view.snapshots, key=lambda s: s.year)
    level = int(view.org_row["level"])
    above = reference.share_at_or_above(latest, level)
    if not 0.5 <= above * 100 < 99.5:  # "about 100% are at level 1 or above" says nothing
        return None
    return styled(
        msg(
            "out.benchmark.national_share",
            lang,
            source=latest.id,
            share=f"{above * 100:.0f}",
            bucket=reference.bucket(level),
        )
    )


def _coarse(value: float | None) -> str:
    return "–" if value is None else f"{value:.{PRECISION}f}"
