"""``maturity benchmark``: a portfolio against itself by cohort, one organisation against its peers,
and both against the published national self-diagnosis figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from maturity import peers
from maturity.cli.app import LangOption, State, app, emit, err_console, out_console, report_problems, state
from maturity.cli.commands.core import JobsOption, RulesOption, load_and_score
from maturity.cli.commands.history import HistoryFormat
from maturity.errors import ExitCode, InputError, Problem
from maturity.i18n import Lang, msg, pick
from maturity.labels import fmt_score
from maturity.peers import MIN_COHORT, PRECISION, Benchmark, CohortKey, Standing

if TYPE_CHECKING:
    from rich.console import RenderableType

    from maturity import reference


@app.command("benchmark")
def benchmark_command(
    ctx: typer.Context,
    folder: Annotated[
        list[str],
        typer.Argument(metavar="FILES", help="Answer files, directories or glob patterns: the peer group.", show_default=False),
    ],
    by: Annotated[CohortKey, typer.Option("--by", help="Group organisations into cohorts by this field.")] = CohortKey.industry,
    org: Annotated[
        Path | None, typer.Option("--org", metavar="FILE", help="Show where this organisation stands in its cohort.", show_default=False)
    ] = None,
    reference: Annotated[bool, typer.Option("--reference/--no-reference", help="Compare with the national self-diagnosis figures.")] = True,
    format: Annotated[HistoryFormat, typer.Option("--format", "-f", help="Output format.")] = HistoryFormat.table,
    rules: RulesOption = None,
    jobs: JobsOption = None,
    lang: LangOption = None,
) -> None:
    """Benchmark a portfolio by cohort (level distribution, quartiles per sub-domain); cohorts under 5 are never shown."""

    from maturity import batch
    from maturity.parallel import default_jobs

    st = state(ctx)
    paths, failures = batch.discover(folder)
    rows = []
    for item in batch.run(paths, st.catalog, jobs=jobs or default_jobs(), rules_path=rules):
        if isinstance(item, batch.Scored):
            rows.append(item.summary())
        else:
            failures.append(item)
    for failed in failures:
        report_problems(failed.problems, st.lang)
    if not rows:
        raise InputError([Problem("batch.nothing", {"inputs": ", ".join(folder)})])
    result = peers.build(rows, by)
    org_row: dict[str, Any] | None = None
    if org is not None:
        org_result = load_and_score(st, org, rules, strict=False)[2]
        org_row = batch.summary_row(str(org), org_result)
    place = peers.standing(rows, org_row, by) if org_row else None
    snapshots = _snapshots(st) if reference else []
    if format is HistoryFormat.json:
        emit(json.dumps(_as_json(result, org_row, place, snapshots), ensure_ascii=False, indent=2) + "\n")
    else:
        out_console().print(_as_tables(st, result, org_row, place, snapshots))
    _notes(st, rows, result)
    if org_row is not None and place is None:
        err_console().print(msg("benchmark.org_hidden", st.lang, cohort=peers.cohort_name(org_row, by), min=MIN_COHORT))
    if failures:
        raise typer.Exit(int(ExitCode.PARTIAL))


def _notes(st: State, rows: list[dict[str, Any]], result: Benchmark) -> None:
    distinct = result.organisations + result.left_out
    if distinct < len(rows):
        err_console().print(msg("benchmark.merged", st.lang, files=len(rows), count=distinct))
    if result.hidden:
        err_console().print(msg("benchmark.hidden", st.lang, hidden=result.hidden, min=MIN_COHORT))
    if result.left_out:
        err_console().print(msg("benchmark.left_out", st.lang, count=result.left_out, min=MIN_COHORT))


def _snapshots(st: State) -> list[reference.Snapshot]:
    from maturity import reference

    path = reference.find_reference(st.catalog.load("cmmm").path)
    return list(reference.load_reference(path).snapshots) if path else []


def _names(st: State) -> dict[str, str]:
    return {s.id: s.name.get(st.lang) for s in st.catalog.load("cmmm").subdomains}


def _as_tables(
    st: State,
    result: Benchmark,
    org_row: dict[str, Any] | None,
    place: Standing | None,
    snapshots: list[reference.Snapshot],
) -> RenderableType:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text as RichText

    from maturity import reference

    lang: Lang = st.lang
    parts: list[RenderableType] = []
    cohorts = Table(
        title=pick(
            f"按{_key_name(result.key, lang)}分组：{result.organisations} 家企业",
            f"By {_key_name(result.key, lang)}: {result.organisations} organisations",
            lang,
        ),
        title_justify="left",
    )
    cohorts.add_column(pick("分组", "Cohort", lang))
    cohorts.add_column(pick("企业数", "Organisations", lang), justify="right")
    for level in range(6):
        cohorts.add_column(f"L{level}", justify="right")
    cohorts.add_column(pick("总分 Q1 / 中位数 / Q3", "Score Q1 / median / Q3", lang), justify="right")
    for c in result.cohorts:
        cohorts.add_row(
            c.name,
            str(c.size),
            *(str(c.levels.get(level, 0)) for level in range(6)),
            f"{c.score.q1:.{PRECISION}f} / {c.score.median:.{PRECISION}f} / {c.score.q3:.{PRECISION}f}",
        )
    if result.cohorts:
        parts.append(cohorts)
    else:
        parts.append(RichText(msg("benchmark.none_shown", lang, min=MIN_COHORT), style="yellow"))
    if org_row is not None and place is not None:
        names = _names(st)
        cohort = next(c for c in result.cohorts if c.name == place.cohort)
        mine = Table(
            title=pick(
                f"{org_row['organisation']} 在“{place.cohort}”中的位置", f"Where {org_row['organisation']} stands in '{place.cohort}'", lang
            ),
            title_justify="left",
        )
        for col in (
            pick("", "", lang),
            pick("本企业", "This organisation", lang),
            pick("分组中位数", "Cohort median", lang),
            pick("低于本企业的比例", "Share below", lang),
        ):
            mine.add_column(col, justify="right" if col else "left")
        mine.add_row(pick("总分", "Total score", lang), fmt_score(place.score), _coarse(cohort.score.median), f"{place.percentile:.0f}%")
        for sub, (value, below) in place.subdomains.items():
            median = cohort.subdomains[sub].median if sub in cohort.subdomains else None
            style = "green" if median is not None and value > median else "red" if median is not None and value < median else ""
            mine.add_row(names.get(sub, sub), RichText(fmt_score(value), style=style), _coarse(median), f"{below:.0f}%")
        parts.append(mine)
    if snapshots:
        table = Table(
            title=pick(
                "与全国自诊断结果比较（企业自报，非认证结果）",
                "Against national self-diagnosis results (self-reported, not certified)",
                lang,
            ),
            title_justify="left",
        )
        table.add_column(pick("来源", "Source", lang))
        for label in (pick("一级及以下", "≤ L1", lang), "L2", "L3", pick("四级及以上", "≥ L4", lang)):
            table.add_column(label, justify="right")
        for snap in snapshots:
            table.add_row(f"{snap.id} ({snap.year})", *(f"{snap.shares[b] * 100:.0f}%" for b in ("1", "2", "3", "4")))
        if result.organisations:  # the organisations shown above, and no others
            shares = reference.portfolio_shares(result.levels())
            table.add_row(
                pick(f"本组企业（{result.organisations} 家）", f"This portfolio ({result.organisations})", lang),
                *(f"{shares[b] * 100:.0f}%" for b in ("1", "2", "3", "4")),
            )
        parts.append(table)
        latest = max(snapshots, key=lambda s: s.year)
        above = reference.share_at_or_above(latest, int(org_row["level"])) if org_row is not None else 0.0
        if org_row is not None and 0.5 <= above * 100 < 99.5:  # "about 100% are at level 1 or above" says nothing
            parts.append(
                RichText(
                    pick(
                        f"按 {latest.id} 数据，全国自诊断企业中约 {above * 100:.0f}% 处于第 {reference.bucket(int(org_row['level']))} 级或以上（分档：一级及以下 / 二级 / 三级 / 四级及以上）。",
                        f"In {latest.id}, about {above * 100:.0f}% of self-diagnosed enterprises were at bucket {reference.bucket(int(org_row['level']))} or above (buckets: ≤L1, L2, L3, ≥L4).",
                        lang,
                    )
                )
            )
    return Group(*parts)


def _coarse(value: float | None) -> str:
    return "–" if value is None else f"{value:.{PRECISION}f}"


def _key_name(key: CohortKey, lang: Lang) -> str:
    return {
        CohortKey.industry: pick("行业", "industry", lang),
        CohortKey.region: pick("地区", "region", lang),
        CohortKey.size: pick("规模", "size", lang),
        CohortKey.type: pick("制造类型", "type", lang),
        CohortKey.all: pick("全部", "all", lang),
    }[key]


def _as_json(
    result: Benchmark,
    org_row: dict[str, Any] | None,
    place: Standing | None,
    snapshots: list[reference.Snapshot],
) -> dict[str, Any]:
    from maturity import reference

    def quart(q: peers.Quartiles) -> dict[str, float]:
        return {"q1": q.q1, "median": q.median, "q3": q.q3}

    return {
        "format": "maturity-benchmark/1",
        "by": result.key.value,
        "organisations": result.organisations,
        "left_out": result.left_out,
        "minimum_cohort": MIN_COHORT,
        "quartile_decimals": PRECISION,
        "hidden_cohorts": result.hidden,
        "cohorts": [
            {
                "name": c.name,
                "size": c.size,
                "levels": {str(k): v for k, v in c.levels.items()},
                "score": quart(c.score),
                "subdomains": {k: quart(v) for k, v in c.subdomains.items()},
            }
            for c in result.cohorts
        ],
        "organisation": None
        if org_row is None
        else {
            "name": org_row["organisation"],
            "level": org_row["level"],
            "score": org_row["score"],
            "cohort": place.cohort if place else None,
            "percentile": place.percentile if place else None,
            "subdomains": {k: {"score": v[0], "share_below": v[1]} for k, v in place.subdomains.items()} if place else None,
        },
        "reference": [
            {"id": s.id, "year": s.year, "shares": s.shares, "source": s.source, "status": s.status, "self_reported": True}
            for s in snapshots
        ],
        "portfolio_shares": reference.portfolio_shares(result.levels()) if result.organisations else None,
    }
