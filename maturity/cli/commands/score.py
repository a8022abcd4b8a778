"""``maturity score`` (one answer file, or many in parallel) and ``maturity validate``."""

from __future__ import annotations

import contextlib
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, TypeVar

import typer

from maturity.assessment import Assessed
from maturity.atomic import atomic_stream, file_id
from maturity.cli.app import (
    State,
    app,
    err_console,
    out_console,
    progress_bar,
    report_problems,
    state,
)
from maturity.cli.ledger import open_issue
from maturity.cli.options import (
    AnswerFilesArgument,
    AudienceOption,
    IssuerOption,
    JobsOption,
    LangOption,
    LedgerOption,
    OrgOption,
    OutputOption,
    RecipientOption,
    RulesOption,
    StrictOption,
)
from maturity.cli.output import data_folders, guard_output, require_parent, same_file, show
from maturity.errors import ExitCode, InputError, Problem
from maturity.formats.batch import BatchFormat, BatchWriter, labeller
from maturity.formats.result import ResultFormat, ResultView
from maturity.i18n import msg
from maturity.portfolio import Audience

if TYPE_CHECKING:
    from collections.abc import Iterable

    from maturity import reference
    from maturity.batch import Failed, Scored
    from maturity.cli.ledger import Issue
    from maturity.editions import Request
    from maturity.schema.base import Text


def load_and_score(st: State, path: Path, rules_path: Path | None, strict: bool) -> Assessed:
    """One answer file read and scored with the invocation's Assessor for these rules (batches
    hand the same Assessor to their workers; validate only loads, with it too)."""
    return st.assessor(rules_path, strict).assess(path)


@app.command()
def score(
    ctx: typer.Context,
    files: AnswerFilesArgument,
    format: Annotated[
        BatchFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format (default: from the -o file's name, .xlsx .csv .json .jsonl; else "
            "table).",
            show_default=False,
        ),
    ] = None,
    rules: RulesOption = None,
    strict: StrictOption = False,
    output: OutputOption = None,
    jobs: JobsOption = None,
    lang: LangOption = None,
    audience: AudienceOption = Audience.internal,
    org: OrgOption = None,
    issuer: IssuerOption = None,
    recipient: RecipientOption = None,
    ledger: LedgerOption = None,
) -> None:
    """Score answer files: level, score, level gates, sub-domains and the plan's five domains; many
    files in parallel. -o portfolio.xlsx writes the consultant's workbook (summary with charts
    against the national figures, clients, heat map)."""
    st = state(ctx)
    format = format or format_from_name(output, BatchFormat, BatchFormat.table)
    reader = _reader(format, audience, org, issuer, recipient)
    # os.path.isdir, not Path.is_dir: it never raises (a file in a folder that cannot be searched)
    one = len(files) == 1 and not os.path.isdir(files[0]) and not any(c in files[0] for c in "*?[")
    if one and format in (BatchFormat.table, BatchFormat.json):
        score_one(st, Path(files[0]), ResultFormat(format.value), rules, strict, output)
        return
    issue = open_issue(
        st, ledger, not audience.names_clients, ("score", audience.value), output, [*files, rules]
    )
    score_many(st, files, format, rules, strict, output, jobs, reader, issue)


def _reader(
    format: BatchFormat,
    audience: Audience,
    org: str | None,
    issuer: str | None,
    recipient: str | None,
) -> Request:
    """The workbook's edition, refused before any file is scored when it cannot be made."""
    from maturity.editions import Request

    if format is not BatchFormat.xlsx:
        if not audience.names_clients:
            raise InputError([Problem("score.audience_needs_xlsx", {"audience": audience.value})])
        if org or issuer or recipient:
            raise InputError([Problem("edition.needs_xlsx")])
    reader = Request(audience, issuer, recipient, org)
    reader.check()
    return reader


def score_one(
    st: State,
    path: Path,
    format: ResultFormat,
    rules: Path | None,
    strict: bool,
    output: Path | None,
) -> None:
    guard_output(output, [path, rules], data_folders(st))
    loaded, _, result = load_and_score(st, path, rules, strict)
    report_problems(list(loaded.warnings), st.lang)
    show(st, format.to_format().render(ResultView(result, loaded.questionnaire, st.lang)), output)


def score_many(
    st: State,
    inputs: list[str],
    fmt: BatchFormat,
    rules: Path | None,
    strict: bool,
    output: Path | None,
    jobs: int | None,
    reader: Request | None = None,
    issue: Issue | None = None,
) -> None:
    """Many files in parallel: the output streams as they are scored, failures are listed at the end
    (exit 3)."""
    from maturity import batch  # the worker pool: only for many files
    from maturity.launch import worker_setup
    from maturity.parallel import default_jobs

    paths, failures = batch.discover(inputs)
    if output is not None:
        paths = _spare_inputs(st, output, inputs, rules, paths)
    if not paths and not failures:
        raise InputError([Problem("batch.nothing", {"inputs": ", ".join(inputs)})])
    if output is not None:
        require_parent(output)
    names = _subdomain_names(st)
    writer = fmt.writer(
        labeller(st.lang, names),
        st.lang,
        national_figures(st) if fmt is BatchFormat.xlsx else (),
        {k: v.get(st.lang) for k, v in names.items()},
        reader,
    )
    with contextlib.ExitStack() as stack:
        stream: IO[bytes] = (
            stack.enter_context(atomic_stream(output)) if output is not None else sys.stdout.buffer
        )
        writer.start(stream)
        results = batch.run(
            paths,
            st.assessor(rules, strict),
            jobs=jobs or default_jobs(),
            want_json=fmt.needs_json,
            initializer=worker_setup(),
        )
        scored = _write_all(st, results, len(paths), writer, failures, issue)
        if issue is not None:  # refused before the output replaces anything
            issue.check(issue.rows)
        _finish(
            writer, failures, stream, output
        )  # the output replaces the old file only once everything is written
    if issue is not None:
        issue.record()
    for failed in failures:
        report_problems(failed.problems, st.lang)
    err_console().print(msg("batch.summary", st.lang, scored=scored, failed=len(failures)))
    if output is not None:
        err_console().print(msg("cli.wrote", st.lang, path=output))
    if failures:
        raise typer.Exit(int(ExitCode.PARTIAL))


def _subdomain_names(st: State) -> dict[str, Text]:
    """Readable sub-domain names for the column headers, from every questionnaire that loads."""
    names: dict[str, Text] = {}
    for qid in st.catalog.directories():
        with contextlib.suppress(
            InputError
        ):  # a broken questionnaire is reported by the files that use it
            names.update({s.id: s.name for s in st.catalog.load(qid).subdomains})
    return names


E = TypeVar("E", bound=StrEnum)


def format_from_name(output: Path | None, formats: type[E], default: E) -> E:
    """The format an -o file's name asks for (portfolio.xlsx, trend.csv); ``default`` for any other
    name, or without -o."""
    suffix = output.suffix.lower().lstrip(".") if output is not None else ""
    return formats(suffix) if suffix in {f.value for f in formats} else default


def national_figures(st: State) -> list[reference.Snapshot]:
    """CESI's published self-diagnosis figures beside the cmmm questionnaire (none if absent)."""
    from maturity import reference

    try:
        path = reference.find_reference(st.catalog.load("cmmm").path)
    except InputError:  # no cmmm on the search path: a portfolio of another questionnaire
        return []
    return list(reference.load_reference(path).snapshots) if path else []


def _write_all(
    st: State,
    results: Iterable[Scored | Failed],
    total: int,
    writer: BatchWriter,
    failures: list[Failed],
    issue: Issue | None = None,
) -> int:
    """Each result into the writer as it comes, the failures aside; returns how many were scored."""
    from maturity.batch import Scored

    scored = 0
    with progress_bar(err_console()) as progress:
        task = progress.add_task(msg("batch.progress", st.lang), total=total)
        for item in results:
            if isinstance(item, Scored):
                writer.add(item)
                if issue is not None:
                    issue.add(item)
                scored += 1
            else:
                failures.append(item)
            progress.advance(task)
    return scored


def _finish(
    writer: BatchWriter, failures: list[Failed], stream: IO[bytes], output: Path | None
) -> None:
    """The end of the output; the table is shown on the terminal, or written as text into the -o
    file."""
    shown = writer.finish(failures)
    if shown is None:
        return
    if output is None:
        out_console().print(shown)
    else:
        from maturity.formats import render_text

        stream.write(render_text(shown, width=160).encode("utf-8"))


def _spare_inputs(
    st: State, output: Path, inputs: list[str], rules: Path | None, paths: list[str]
) -> list[str]:
    """Refuse an output that would replace an input, named or found in a folder or by a pattern;
    only last run's workbook, found again in the scanned folder (under any name), is skipped
    instead."""
    # the ones named on the command line and the questionnaires and rules: always refused
    guard_output(output, [*inputs, rules], data_folders(st))
    clash = same_file(output, paths)
    if clash is None:
        return paths
    if not _previous_workbook(output):
        raise InputError([Problem("output.is_input", {"path": str(output), "input": str(clash)})])
    target = file_id(output)
    return [p for p in paths if file_id(p) != target]


def _previous_workbook(path: Path) -> bool:
    """A workbook without an answers sheet: a batch output, not someone's answers."""
    import zipfile

    from maturity.excel.layout import SHEET_NAMES

    try:
        with zipfile.ZipFile(path) as book:
            sheets = book.read("xl/workbook.xml").decode("utf-8", "replace").lower()
    except (OSError, KeyError, zipfile.BadZipFile):
        return False
    return not any(
        f'name="{name.lower()}"' in sheets for name in (*SHEET_NAMES["answers"], "answers")
    )


@app.command()
def validate(
    ctx: typer.Context,
    files: AnswerFilesArgument,
    strict: StrictOption = False,
    lang: LangOption = None,
) -> None:
    """Check answer files and report every problem in every file, with file:line."""
    from maturity.batch import discover  # the inputs `score` accepts, found the same way

    st = state(ctx)
    found, failures = discover(files)
    if not found and not failures:
        raise InputError([Problem("batch.nothing", {"inputs": ", ".join(files)})])
    for failed in failures:  # a folder that cannot be read, a pattern that matches nothing
        report_problems(failed.problems, st.lang)
    bad = len(failures)
    for name in found:
        path = Path(name)
        try:
            loaded = st.assessor(None, strict).load(path)
        except InputError as exc:
            bad += 1
            report_problems(exc.problems, st.lang)
            continue
        report_problems(list(loaded.warnings), st.lang)
        if loaded.warnings:
            err_console().print(
                msg("cli.file_ok_warnings", st.lang, file=path, count=len(loaded.warnings))
            )
        else:
            err_console().print(msg("cli.file_ok", st.lang, file=path))
    if bad:
        err_console().print(
            msg("cli.files_bad", st.lang, bad=bad, good=len(found) + len(failures) - bad)
        )
        raise typer.Exit(int(ExitCode.INPUT))
