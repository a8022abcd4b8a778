"""``maturity portfolio``: the consultant's report across clients (PDF, HTML or Markdown)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from maturity.atomic import write_atomic
from maturity.cli.app import State, app, err_console, progress_bar, report_problems, state
from maturity.cli.commands.report import TemplateDirOption, template_files
from maturity.cli.commands.score import national_figures
from maturity.cli.ledger import open_issue
from maturity.cli.options import (
    AnswerFilesArgument,
    AudienceOption,
    IssuerOption,
    JobsOption,
    LangOption,
    LedgerOption,
    OrgOption,
    RecipientOption,
    ReportFormatOption,
    ReportOutputOption,
    RulesOption,
)
from maturity.cli.output import data_folders, guard_output, require_parent
from maturity.collation import ClientOrder
from maturity.errors import ExitCode, InputError, Problem
from maturity.i18n import msg
from maturity.portfolio import Audience
from maturity.report import ReportFormat

if TYPE_CHECKING:
    from maturity.batch import Failed
    from maturity.cli.ledger import Issue
    from maturity.editions import Request
    from maturity.questionnaire import Questionnaire
    from maturity.report.portfolio import PortfolioView

Unmet = dict[str, tuple[str, ...]]  # file -> requirement ids


@app.command("portfolio")
def portfolio_command(
    ctx: typer.Context,
    files: AnswerFilesArgument,
    output: ReportOutputOption,
    format: ReportFormatOption = None,
    reports: Annotated[
        ReportFormat,
        typer.Option(
            "--reports",
            help="Format of the per-client reports the index links to (maturity report DIR).",
        ),
    ] = ReportFormat.pdf,
    template_dir: TemplateDirOption = None,
    rules: RulesOption = None,
    jobs: JobsOption = None,
    lang: LangOption = None,
    audience: AudienceOption = Audience.internal,
    org: OrgOption = None,
    issuer: IssuerOption = None,
    recipient: RecipientOption = None,
    sort: Annotated[
        ClientOrder,
        typer.Option(
            "--sort",
            help="Order of the clients in the heat map, the progress table and the index: by "
            "name (pinyin in Chinese), by level (highest first) or by industry.",
        ),
    ] = ClientOrder.name,
    ledger: LedgerOption = None,
) -> None:
    """The consultant's cross-client report: level distribution against the national figures, heat
    map of sub-domain levels, the most common gaps, the improvement actions most clients share and
    an index of the per-client reports. Each organisation counts once, with its latest
    assessment."""
    from maturity.editions import Request
    from maturity.report.portfolio import render_portfolio

    reader = Request(audience, issuer, recipient, org)
    reader.check()  # before hundreds of files are scored
    st = state(ctx)
    fmt = format or ReportFormat.from_path(output)
    dirs = list(template_dir or [])
    inputs = [*files, rules, *template_files(dirs)]
    guard_output(output, inputs, data_folders(st, dirs))
    require_parent(output)
    shareable = not audience.names_clients
    issue = open_issue(st, ledger, shareable, ("portfolio", audience.value), output, inputs)
    view, failures = _view(st, files, rules, jobs, reports, reader, sort, issue)
    # the 10,000 rows are gone by now: WeasyPrint's peak comes on top of nothing else
    write_atomic(output, render_portfolio(view, fmt, dirs))
    issue.record()
    err_console().print(msg("cli.wrote", st.lang, path=output))
    if failures:
        raise typer.Exit(int(ExitCode.PARTIAL))


def _view(
    st: State,
    files: list[str],
    rules: Path | None,
    jobs: int | None,
    reports: ReportFormat,
    reader: Request,
    order: ClientOrder,
    issue: Issue,
) -> tuple[PortfolioView, list[Failed]]:
    from maturity.editions import edition
    from maturity.portfolio import summarise
    from maturity.report.portfolio import build_view

    rows, (gaps, missed), failures = _score_all(st, files, rules, jobs)
    issue.check(rows)
    figures = summarise(rows, gaps, missed, reader.audience)
    view = build_view(
        figures,
        _questionnaires(st, figures.latest),
        national_figures(st),
        _report_names(files, rows, reports),
        st.lang,
        index_format=reports,
        edition=edition(rows, reader),
        order=order,
    )
    return view, failures


def _score_all(
    st: State, inputs: list[str], rules: Path | None, jobs: int | None
) -> tuple[list[dict[str, Any]], tuple[Unmet, Unmet], list[Failed]]:
    """Summary rows and unmet requirements (up to the target, and at any level) of every file that
    scores; the others are reported."""
    from maturity import batch
    from maturity.launch import worker_setup
    from maturity.parallel import default_jobs

    paths, failures = batch.discover(inputs)
    if not paths and not failures:
        raise InputError([Problem("batch.nothing", {"inputs": ", ".join(inputs)})])
    rows: list[dict[str, Any]] = []
    gaps: Unmet = {}
    missed: Unmet = {}
    results = batch.run(
        paths,
        st.assessor(rules, False),
        jobs=jobs or default_jobs(),
        want_gaps=True,
        initializer=worker_setup(),
    )
    with progress_bar(err_console()) as progress:
        task = progress.add_task(msg("batch.progress", st.lang), total=len(paths))
        for item in results:
            if isinstance(item, batch.Scored):
                rows.append(item.summary())
                gaps[item.path] = tuple(map(sys.intern, item.gaps))  # 10,000 copies of each id
                missed[item.path] = tuple(map(sys.intern, item.missed))
            else:
                failures.append(item)
            progress.advance(task)
    for failed in failures:
        report_problems(failed.problems, st.lang)
    if not rows:
        raise typer.Exit(int(ExitCode.INPUT))
    return rows, (gaps, missed), failures


def _questionnaires(st: State, latest: list[dict[str, Any]]) -> dict[str, Questionnaire]:
    """The questionnaires the latest assessments used ("cmmm 1.0.0"), with their advice."""
    found: dict[str, Questionnaire] = {}
    for stamp in sorted({str(row["questionnaire"]) for row in latest}):
        qid, _, version = stamp.partition(" ")
        found[stamp] = st.catalog.load(qid, version or None, advice=True)
    return found


def _report_names(
    inputs: list[str], rows: list[dict[str, Any]], fmt: ReportFormat
) -> dict[str, str]:
    """Each file's report name as ``report DIR -o OUT`` gives it, when one folder is the input."""
    from maturity.report.many import plan_jobs

    if len(inputs) != 1 or not Path(inputs[0]).is_dir():
        return {}
    files = [str(row["file"]) for row in rows]
    jobs = plan_jobs(files, Path(inputs[0]), Path("."), fmt)
    return {job.source: Path(job.target).name for job in jobs}
