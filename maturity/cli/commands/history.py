"""``maturity compare`` and ``maturity trend``: the same organisation over time."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from maturity.assessment import Assessed
from maturity.cli.app import State, app, err_console, report_problems, state
from maturity.cli.commands.score import format_from_name, load_and_score
from maturity.cli.options import AnswerFilesArgument, LangOption, OutputOption, RulesOption
from maturity.cli.output import binary_needs_file, data_folders, guard_output, show
from maturity.collation import ClientOrder
from maturity.errors import ExitCode, InputError, Problem
from maturity.formats.history import HistoryFormat, TrendFormat
from maturity.i18n import msg
from maturity.schema.base import Text

if TYPE_CHECKING:
    from maturity.history import Series

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


def _often(st: State, series: list[Series], least: int | None, inputs: list[str]) -> list[Series]:
    """The series of organisations assessed at least ``least`` times; the others are counted on
    stderr, so nothing leaves silently."""
    if least is None:
        least = 2 if any(Path(i).is_dir() for i in inputs) else 1
    kept = [s for s in series if len(s.points) >= least]
    if len(kept) < len(series):
        note = msg("out.trend.left_out", st.lang, count=len(series) - len(kept), min=least)
        err_console().print(note, markup=False, highlight=False)
    return kept


def _sorted(series: list[Series], order: ClientOrder, st: State) -> list[Series]:
    """The series in ``order`` of their latest assessment, as ``portfolio --sort`` orders clients
    (by code point, 常州, 无锡, 盐城, 苏州 read as no order at all)."""
    from maturity.collation import sort_by

    def row(s: Series) -> dict[str, object]:
        latest = s.points[-1].result
        return {
            "organisation": s.name,
            "level": latest.level,
            "industry": latest.organisation.industry,
        }

    return sort_by(series, order, st.lang, row)


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
    min_assessments: Annotated[
        int | None,
        typer.Option(
            "--min-assessments",
            min=1,
            help="List only organisations assessed at least this often (default: 2 when a "
            "directory is given, where most firms have one file; else 1).",
            show_default=False,
        ),
    ] = None,
    sort: Annotated[
        ClientOrder,
        typer.Option(
            "--sort",
            help="Order of the organisations, as in portfolio: by name (pinyin in Chinese), by "
            "latest level (highest first) or by industry.",
        ),
    ] = ClientOrder.name,
) -> None:
    """Assessments over time, one series per organisation (by organisation.id, else by name) in
    date order: level, score and the five plan domains; first an overview of every
    organisation listed."""
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
    series = _sorted(_often(st, trend(points), min_assessments, files), sort, st)
    show(st, format.to_format().trend(series, st.lang), output)
    if failures:
        raise typer.Exit(int(ExitCode.PARTIAL))
