"""Batch scoring for ``maturity score`` with many files: progress, streaming output, failures at the end."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import IO

import typer

from maturity import batch
from maturity.atomic import atomic_stream, file_id
from maturity.cli.app import State, err_console, out_console, progress_bar, report_problems, require_parent
from maturity.cli.commands.core import guard_output, same_file
from maturity.errors import ExitCode, InputError, Problem
from maturity.formats.batch import BatchFormat, labeller
from maturity.i18n import msg
from maturity.parallel import default_jobs
from maturity.schema.base import Text


def score_many(
    st: State, inputs: list[str], fmt: BatchFormat, rules: Path | None, strict: bool, output: Path | None, jobs: int | None
) -> None:
    paths, failures = batch.discover(inputs)
    if output is not None:
        paths = _spare_inputs(output, inputs, rules, paths)
    if not paths and not failures:
        raise InputError([Problem("batch.nothing", {"inputs": ", ".join(inputs)})])
    if output is not None:
        require_parent(output)
    names: dict[str, Text] = {}  # readable sub-domain names for column headers
    for qid in st.catalog.directories():
        with contextlib.suppress(InputError):  # a broken questionnaire is reported by the files that use it
            names.update({s.id: s.name for s in st.catalog.load(qid).subdomains})
    console = out_console() if output is None and fmt is BatchFormat.table else None
    writer = fmt.writer(labeller(st.lang, names), st.lang, console)
    stderr = err_console()
    with contextlib.ExitStack() as stack:
        stream: IO[bytes] = stack.enter_context(atomic_stream(output)) if output is not None else sys.stdout.buffer
        writer.start(stream)
        results = batch.run(
            paths,
            st.catalog,
            jobs=jobs or default_jobs(),
            rules_path=rules,
            strict=strict,
            want_json=fmt.needs_json,
        )
        scored = 0
        with progress_bar(stderr) as progress:
            task = progress.add_task(msg("batch.progress", st.lang), total=len(paths))
            for item in results:
                if isinstance(item, batch.Scored):
                    writer.add(item)
                    scored += 1
                else:
                    failures.append(item)
                progress.advance(task)
        writer.finish(failures)  # the output replaces the old file only once everything is written
    for failed in failures:
        report_problems(failed.problems, st.lang)
    stderr.print(msg("batch.summary", st.lang, scored=scored, failed=len(failures)))
    if output is not None:
        stderr.print(msg("cli.wrote", st.lang, path=output))
    if failures:
        raise typer.Exit(int(ExitCode.PARTIAL))


def _spare_inputs(output: Path, inputs: list[str], rules: Path | None, paths: list[str]) -> list[str]:
    """Refuse an output that would replace an input, named or found in a folder or by a pattern; only
    last run's workbook, found again in the scanned folder (under any name), is skipped instead."""
    guard_output(output, [*inputs, rules])  # the ones named on the command line: always refused
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
    return not any(f'name="{name.lower()}"' in sheets for name in (*SHEET_NAMES["answers"], "answers"))
