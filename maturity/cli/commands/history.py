"""``maturity compare`` and ``maturity trend``: the same organisation over time."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from maturity.cli.app import State, app, report_problems, state
from maturity.cli.commands.score import load_and_score
from maturity.cli.options import LangOption, RulesOption
from maturity.cli.output import show
from maturity.formats.history import HistoryFormat
from maturity.schema.result import AssessmentResult

# compare and trend offer the same formats
HistoryFormatOption = Annotated[
    HistoryFormat, typer.Option("--format", "-f", help="Output format.")
]


def _result(st: State, path: Path, rules: Path | None) -> AssessmentResult:
    return load_and_score(st, path, rules, strict=False)[2]


@app.command("compare")
def compare_command(
    ctx: typer.Context,
    old: Annotated[
        Path, typer.Argument(metavar="OLD", help="The earlier answer file.", show_default=False)
    ],
    new: Annotated[
        Path, typer.Argument(metavar="NEW", help="The later answer file.", show_default=False)
    ],
    format: HistoryFormatOption = HistoryFormat.table,
    rules: RulesOption = None,
    lang: LangOption = None,
) -> None:
    """Compare two assessments of one organisation: level, score, level scores, sub-domains, plan
    domains, requirements."""

    from maturity.history import compare

    st = state(ctx)
    result = compare(_result(st, old, rules), _result(st, new, rules), str(old), str(new))
    report_problems(list(result.warnings), st.lang)
    show(st, format.to_format().comparison(result, st.lang))


@app.command("trend")
def trend_command(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILES",
            help="Answer files of one organisation, in any order.",
            show_default=False,
        ),
    ],
    format: HistoryFormatOption = HistoryFormat.table,
    rules: RulesOption = None,
    lang: LangOption = None,
) -> None:
    """The series of assessments of one organisation, in date order: level, score and the five plan
    domains."""
    from maturity.history import TrendPoint, trend

    st = state(ctx)
    points, warnings = trend([TrendPoint(str(f), _result(st, f, rules)) for f in files])
    report_problems(warnings, st.lang)
    show(st, format.to_format().trend(points, st.lang))
