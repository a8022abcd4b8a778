"""``maturity benchmark``: a portfolio against itself by cohort, one organisation against its peers,
and both against the published national self-diagnosis figures."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from maturity import peers
from maturity.cli.app import State, app, err_console, report_problems, state
from maturity.cli.commands.score import format_from_name, load_and_score, national_figures
from maturity.cli.ledger import open_issue
from maturity.cli.options import JobsOption, LangOption, LedgerOption, OutputOption, RulesOption
from maturity.cli.output import binary_needs_file, data_folders, guard_output, show
from maturity.errors import ExitCode, InputError, Problem
from maturity.formats.benchmark import BenchmarkFormat, BenchmarkView, cohort_label, keys_label
from maturity.i18n import Lang, msg
from maturity.peers import MIN_COHORT, Benchmark, CohortKey

if TYPE_CHECKING:
    from maturity.batch import Failed


@app.command("benchmark")
def benchmark_command(
    ctx: typer.Context,
    folder: Annotated[
        list[str],
        typer.Argument(
            metavar="FILES",
            help="Answer files, directories or glob patterns: the peer group.",
            show_default=False,
        ),
    ],
    by: Annotated[
        str,
        typer.Option(
            "--by",
            metavar="FIELDS",
            help="Group organisations into cohorts by these fields, comma-separated: industry, "
            "region (by province), size, type or all.",
        ),
    ] = "type",
    org: Annotated[
        Path | None,
        typer.Option(
            "--org",
            metavar="FILE",
            help="Show where this organisation stands in its cohort.",
            show_default=False,
        ),
    ] = None,
    reference: Annotated[
        bool,
        typer.Option(
            "--reference/--no-reference", help="Compare with the national self-diagnosis figures."
        ),
    ] = True,
    format: Annotated[
        BenchmarkFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format (default: from the -o file's name, .json .csv .xlsx; else table).",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    rules: RulesOption = None,
    jobs: JobsOption = None,
    lang: LangOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Benchmark a portfolio by cohort (level distribution, quartiles per sub-domain); cohorts under
    5 are never shown."""
    st = state(ctx)
    format = format or format_from_name(output, BenchmarkFormat, BenchmarkFormat.table)
    binary_needs_file(format.value, output)
    inputs = [*folder, org, rules]
    guard_output(output, inputs, data_folders(st))
    keys = _keys(by)
    # shareable by default (docs/benchmark.md): always checked against the ledger
    issue = open_issue(st, ledger, True, ("benchmark", "shareable"), output, inputs)
    rows, failures = _score_all(st, folder, rules, jobs)
    issue.check(rows)
    result = peers.build(rows, keys)
    org_row: dict[str, Any] | None = None
    if org is not None:
        from maturity.batch import summary_row

        org_row = _own_row(
            org, rows, summary_row(str(org), load_and_score(st, org, rules, strict=False)[2])
        )
    place = peers.standing(rows, org_row, keys) if org_row else None
    snapshots = national_figures(st) if reference else []
    names = (
        _names(st) if place and format is BenchmarkFormat.table else {}
    )  # JSON gives ids; cmmm is not read for it
    show(
        st,
        format.to_format().render(
            BenchmarkView(result, org_row, place, snapshots, names, _membership(rows)), st.lang
        ),
        output,
    )
    _notes(st, rows, result)
    if org_row is not None and place is None:
        err_console().print(
            msg(
                "benchmark.org_hidden",
                st.lang,
                cohort=peers.cohort_name(org_row, keys),
                min=MIN_COHORT,
            )
        )
    issue.record()  # the note on the ledger last, after those on the output
    if failures:
        raise typer.Exit(int(ExitCode.PARTIAL))


def _membership(rows: list[dict[str, Any]]) -> tuple[str, int]:
    """The code of the organisations scored, as a portfolio edition prints it: two outputs that
    differ by fewer than three must not both go out (maturity.editions.MIN_APART)."""
    from maturity.editions import membership_code

    latest = peers.latest(rows).rows
    return membership_code(latest), len(latest)


def _keys(by: str) -> tuple[CohortKey, ...]:
    try:
        return peers.as_keys([CohortKey(part.strip()) for part in by.split(",")])
    except ValueError:
        raise InputError([Problem("benchmark.bad_by", {"value": by})]) from None


def _own_row(org: Path, rows: list[dict[str, Any]], scored: dict[str, Any]) -> dict[str, Any]:
    """A member of the portfolio stands as its latest assessment there, and only as that: another
    file under its name, compared with its peers, would show where the member is
    (docs/benchmark.md)."""
    member = peers.member_row(rows, scored)
    if member is None:
        return scored
    if not peers.same_assessment(member, scored):
        raise InputError(
            [Problem("benchmark.org_not_latest", {"name": scored["organisation"]}, file=str(org))]
        )
    return member


def _score_all(
    st: State, inputs: list[str], rules: Path | None, jobs: int | None
) -> tuple[list[dict[str, Any]], list[Failed]]:
    """The summary rows of the files that score; the others are reported (and make the exit code
    3)."""
    from maturity import batch
    from maturity.launch import worker_setup
    from maturity.parallel import default_jobs

    paths, failures = batch.discover(inputs)
    rows = []
    results = batch.run(
        paths, st.assessor(rules, False), jobs=jobs or default_jobs(), initializer=worker_setup()
    )
    for item in results:
        if isinstance(item, batch.Scored):
            rows.append(item.summary())
        else:
            failures.append(item)
    for failed in failures:
        report_problems(failed.problems, st.lang)
    if not rows and failures:  # each failure is said above: "no answer files found" would be wrong
        raise typer.Exit(int(ExitCode.INPUT))
    if not rows:
        raise InputError([Problem("batch.nothing", {"inputs": ", ".join(inputs)})])
    return rows, failures


def _notes(st: State, rows: list[dict[str, Any]], result: Benchmark) -> None:
    distinct = result.organisations + result.left_out
    if distinct < len(rows):
        err_console().print(msg("benchmark.merged", st.lang, files=len(rows), count=distinct))
    for old, new in peers.latest(rows).superseded:
        err_console().print(
            msg("benchmark.superseded", st.lang, old=old["file"], new=new["file"], date=new["date"])
        )
    if result.small:
        err_console().print(_small_note(result, st.lang))


def _small_note(result: Benchmark, lang: Lang) -> str:
    """Which cohorts are too small, with how many organisations each has."""
    cohorts = [
        msg("benchmark.small_cohort", lang, name=cohort_label(result.keys, name, lang), count=n)
        for name, n in result.small
    ]
    sep = "、" if lang == "zh" else ", "
    key = keys_label(result.keys, lang)
    return msg("benchmark.small_cohorts", lang, min=MIN_COHORT, key=key, cohorts=sep.join(cohorts))


def _names(st: State) -> dict[str, str]:
    return {s.id: s.name.get(st.lang) for s in st.catalog.load("cmmm").subdomains}
