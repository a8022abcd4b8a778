"""``maturity compare`` and ``maturity trend``: the same organisation over time."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from maturity.assessment import Assessed
from maturity.cli.app import State, app, report_problems, state
from maturity.cli.commands.score import format_from_name, load_and_score
from maturity.cli.options import AnswerFilesArgument, LangOption, OutputOption, RulesOption
from maturity.cli.output import binary_needs_file, data_folders, guard_output, show
from maturity.errors import ExitCode, InputError, Problem
from maturity.formats.history import HistoryFormat, TrendFormat
from maturity.schema.base import Text

# compare and trend offer the same formats
HistoryFormatOption = Annotated[
    HistoryFormat, typer.Option("--format", "-f", help="Output format.")
]


def _assessed(st: State, path: Path, rules: Path | None) -> Assessed:
    return load_and_score(st, path, rules, strict=False)


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
    before, after = _assessed(st, old, rules), _assessed(st, new, rules)
    ratings: dict[str, Text] = {o.key: o.label for o in after.loaded.questionnaire.scale_options}
    result = compare(before.result, after.result, str(old), str(new), ratings)
    report_problems(list(result.warnings), st.lang)
    show(st, format.to_format().comparison(result, st.lang))


@app.command("trend")
def trend_command(
    ctx: typer.Context,
    files: AnswerFilesArgument,
    format: Annotated[
        TrendFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format (default: from the -o file's name, .json .csv .xlsx; else table).",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    rules: RulesOption = None,
    lang: LangOption = None,
) -> None:
    """Assessments over time, one series per organisation (by organisation.id, else by name) in
    date order: level, score and the five plan domains."""
    from maturity.batch import Failed, discover  # the inputs `score` accepts, found alike
    from maturity.history import TrendPoint, trend

    st = state(ctx)
    format = format or format_from_name(output, TrendFormat, TrendFormat.table)
    binary_needs_file(format.value, output)
    guard_output(output, [*files, rules], data_folders(st))
    paths, failures = discover(files)
    if not paths and not failures:
        raise InputError([Problem("batch.nothing", {"inputs": ", ".join(files)})])
    points = []
    for path in paths:
        try:
            points.append(TrendPoint(path, _assessed(st, Path(path), rules).result))
        except InputError as exc:  # one broken file must not hide the other series
            failures.append(Failed(path, exc.problems))
    for failed in failures:
        report_problems(failed.problems, st.lang)
    if not points:
        raise typer.Exit(int(ExitCode.INPUT))
    show(st, format.to_format().trend(trend(points), st.lang), output)
    if failures:
        raise typer.Exit(int(ExitCode.PARTIAL))
