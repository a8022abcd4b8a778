"""``maturity compare`` and ``maturity trend``: the same organisation over time."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from maturity.cli.app import LangOption, State, app, emit, out_console, report_problems, state
from maturity.cli.commands.core import RulesOption, load_and_score
from maturity.i18n import Lang, pick
from maturity.labels import PLAN_DOMAIN_NAMES, fmt_score
from maturity.schema.base import PlanDomain
from maturity.schema.result import AssessmentResult

if TYPE_CHECKING:
    from rich.console import Group
    from rich.text import Text as RichText

    from maturity.history import Comparison


class HistoryFormat(StrEnum):
    table = "table"
    json = "json"


def _result(st: State, path: Path, rules: Path | None) -> AssessmentResult:
    return load_and_score(st, path, rules, strict=False)[2]


def _delta(value: float | None, digits: int = 2) -> RichText:
    from rich.text import Text as RichText

    if value is None:
        return RichText("–")
    if abs(value) < 10 ** -(digits + 1):
        return RichText(f"{0:.{digits}f}", style="dim")
    return RichText(f"{value:+.{digits}f}", style="green" if value > 0 else "red")


def comparison_view(c: Comparison, lang: Lang) -> Group:
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text as RichText

    head = RichText()
    head.append(f"{c.new.organisation.name}: {c.old.assessment.date} → {c.new.assessment.date}\n", style="bold")
    head.append(pick("等级 ", "Level ", lang) + f"{c.old.level} → {c.new.level}   ")
    head.append(pick("总分 ", "Score ", lang) + f"{fmt_score(c.old.score)} → {fmt_score(c.new.score)} ")
    head.append_text(_delta(c.score_change))
    levels = Table(title=pick("各等级得分", "Level scores", lang), title_justify="left")
    for col in (pick("等级", "Level", lang), pick("之前", "Before", lang), pick("现在", "Now", lang), pick("变化", "Change", lang)):
        levels.add_column(col, justify="right")
    for ch in c.levels:
        levels.add_row(ch.key, fmt_score(ch.before), fmt_score(ch.after), _delta(ch.delta))
    subs = Table(title=pick("能力子域", "Sub-domains", lang), title_justify="left")
    for col in (pick("子域", "Sub-domain", lang), pick("等级", "Level", lang), pick("得分", "Score", lang), pick("变化", "Change", lang)):
        subs.add_column(col, justify="left" if col in ("子域", "Sub-domain") else "right")
    for ch in c.subdomains:
        subs.add_row(
            ch.name.get(lang) if ch.name else ch.key,
            f"{ch.level_before} → {ch.level_after}",
            f"{fmt_score(ch.before)} → {fmt_score(ch.after)}",
            _delta(ch.delta),
        )
    plans = Table(title=pick("规划五大领域", "The plan's five domains", lang), title_justify="left")
    for col in (pick("领域", "Domain", lang), pick("等级", "Level", lang), pick("得分", "Score", lang), pick("变化", "Change", lang)):
        plans.add_column(col, justify="left" if col in ("领域", "Domain") else "right")
    for ch in c.plan_domains:
        plans.add_row(
            PLAN_DOMAIN_NAMES[PlanDomain(ch.key)].get(lang),
            f"{ch.level_before} → {ch.level_after}",
            f"{fmt_score(ch.before)} → {fmt_score(ch.after)}",
            _delta(ch.delta),
        )
    reqs = Table(
        title=pick(
            f"改进 {len(c.improved)} 条，退步 {len(c.regressed)} 条",
            f"{len(c.improved)} requirements improved, {len(c.regressed)} regressed",
            lang,
        ),
        title_justify="left",
    )
    for col in (pick("要求", "Requirement", lang), pick("之前", "Before", lang), pick("现在", "Now", lang)):
        reqs.add_column(col)
    for rc in (*c.improved, *c.regressed):
        style = "green" if rc in c.improved else "red"
        reqs.add_row(RichText(rc.id, style=style), str(rc.rating_before or "–"), str(rc.rating_after or "–"))
    return Group(head, levels, subs, plans, reqs)


def comparison_json(c: Comparison) -> dict[str, Any]:
    def change(ch: Any) -> dict[str, Any]:
        return {
            "id": ch.key,
            "before": ch.before,
            "after": ch.after,
            "delta": ch.delta,
            "level_before": ch.level_before,
            "level_after": ch.level_after,
        }

    return {
        "format": "maturity-comparison/1",
        "organisation": c.new.organisation.name,
        "dates": [c.old.assessment.date.isoformat(), c.new.assessment.date.isoformat()],
        "level": {"before": c.old.level, "after": c.new.level, "delta": c.level_change},
        "score": {"before": c.old.score, "after": c.new.score, "delta": round(c.score_change, 6)},
        "levels": [change(ch) for ch in c.levels],
        "subdomains": [change(ch) for ch in c.subdomains],
        "plan_domains": [change(ch) for ch in c.plan_domains],
        "improved": [rc.__dict__ for rc in c.improved],
        "regressed": [rc.__dict__ for rc in c.regressed],
    }


@app.command("compare")
def compare_command(
    ctx: typer.Context,
    old: Annotated[Path, typer.Argument(metavar="OLD", help="The earlier answer file.", show_default=False)],
    new: Annotated[Path, typer.Argument(metavar="NEW", help="The later answer file.", show_default=False)],
    format: Annotated[HistoryFormat, typer.Option("--format", "-f", help="Output format.")] = HistoryFormat.table,
    rules: RulesOption = None,
    lang: LangOption = None,
) -> None:
    """Compare two assessments of one organisation: level, score, level scores, sub-domains, plan domains, requirements."""

    from maturity.history import compare

    st = state(ctx)
    result = compare(_result(st, old, rules), _result(st, new, rules), str(old), str(new))
    report_problems(list(result.warnings), st.lang)
    if format is HistoryFormat.json:
        emit(json.dumps(comparison_json(result), ensure_ascii=False, indent=2) + "\n")
    else:
        out_console().print(comparison_view(result, st.lang))


@app.command("trend")
def trend_command(
    ctx: typer.Context,
    files: Annotated[
        list[Path], typer.Argument(metavar="FILES", help="Answer files of one organisation, in any order.", show_default=False)
    ],
    format: Annotated[HistoryFormat, typer.Option("--format", "-f", help="Output format.")] = HistoryFormat.table,
    rules: RulesOption = None,
    lang: LangOption = None,
) -> None:
    """The series of assessments of one organisation, in date order: level, score and the five plan domains."""
    from rich.table import Table

    from maturity.history import TrendPoint, trend

    st = state(ctx)
    points, warnings = trend([TrendPoint(str(f), _result(st, f, rules)) for f in files])
    report_problems(warnings, st.lang)
    if format is HistoryFormat.json:
        series = [
            {
                "file": p.source,
                "date": p.result.assessment.date.isoformat(),
                "level": p.result.level,
                "score": p.result.score,
                "levels": {str(ls.level): ls.score for ls in p.result.levels},
                "plan_domains": {pd.id.value: pd.score for pd in p.result.plan_domains},
            }
            for p in points
        ]
        emit(json.dumps({"format": "maturity-trend/1", "series": series}, ensure_ascii=False, indent=2) + "\n")
        return
    table = Table(title=pick("历次评估", "Assessments over time", st.lang), title_justify="left")
    table.add_column(pick("日期", "Date", st.lang), no_wrap=True, min_width=10)
    table.add_column(pick("等级", "Level", st.lang), justify="right")
    table.add_column(pick("总分", "Score", st.lang), justify="right")
    table.add_column(pick("变化", "Change", st.lang), justify="right")
    plans = [pd.id for pd in points[0].result.plan_domains] if points else []
    for plan in plans:
        table.add_column(PLAN_DOMAIN_NAMES[plan].get(st.lang), justify="right")
    previous: float | None = None
    for p in points:
        by_plan = {pd.id: pd.score for pd in p.result.plan_domains}
        table.add_row(
            p.result.assessment.date.isoformat(),
            str(p.result.level),
            fmt_score(p.result.score),
            _delta(None if previous is None else p.result.score - previous),
            *(fmt_score(by_plan.get(plan)) for plan in plans),
        )
        previous = p.result.score
    out_console().print(table)
