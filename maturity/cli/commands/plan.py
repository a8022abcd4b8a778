"""``maturity plan``: the improvement plan (roadmap by quarters) as xlsx, csv, md or json."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from maturity.cli.app import app, report_problems, state
from maturity.cli.commands.report import TargetOption
from maturity.cli.commands.score import load_and_score
from maturity.cli.options import LangOption, OutputOption, RulesOption, StrictOption
from maturity.cli.output import data_folders, guard_output, write_output
from maturity.errors import InputError, Problem
from maturity.formats.plan import PlanFormat


def plan_format(output: Path | None, given: PlanFormat | None) -> PlanFormat:
    """-f, else the output's suffix, else Markdown on standard output."""
    if given is not None:
        return given
    if output is None:
        return PlanFormat.md
    try:
        return PlanFormat(output.suffix.lower().lstrip("."))
    except ValueError:
        raise InputError([Problem("plan.bad_format", {"path": str(output)})]) from None


@app.command("plan")
def plan_command(
    ctx: typer.Context,
    file: Annotated[
        Path,
        typer.Argument(metavar="FILE", help="Answer file (YAML or .xlsx).", show_default=False),
    ],
    output: OutputOption = None,
    format: Annotated[
        PlanFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format (default: from the file name, else md).",
            show_default=False,
        ),
    ] = None,
    target: TargetOption = None,
    rules: RulesOption = None,
    strict: StrictOption = False,
    lang: LangOption = None,
) -> None:
    """Export the improvement plan: projects ranked and scheduled by quarter, with duration,
    indicative cost band, owner, KPIs and prerequisites; a Gantt chart in xlsx."""
    from maturity.formats.plan import PlanDoc, render
    from maturity.plan import make_plan
    from maturity.plan_fit import notes_of
    from maturity.tiers import check_tiers

    st = state(ctx)
    fmt = plan_format(output, format)
    if fmt is PlanFormat.xlsx and output is None:
        raise InputError([Problem("plan.xlsx_needs_output", {})])
    guard_output(output, [file, rules], data_folders(st))
    loaded, _, result = load_and_score(st, file, rules, strict)
    report_problems(list(loaded.warnings), st.lang)
    if result.method != "requirements":
        raise InputError([Problem("plan.quick", {"path": str(file)})])
    q = loaded.questionnaire
    plan = make_plan(result, q, target, notes=notes_of(loaded.answers))
    tiers = check_tiers(result, q, plan.reached)
    doc = PlanDoc(plan, tiers, result.organisation.name, st.lang, result.kpis)
    write_output(st, output, render(doc, fmt))
