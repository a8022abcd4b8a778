"""Batch scoring for ``maturity score`` with many files: progress, streaming output, failures at the end."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import IO

import typer

from maturity import batch
from maturity.atomic import atomic_stream
from maturity.cli.app import State, err_console, out_console, progress_bar, report_problems, require_parent
from maturity.cli.core_commands import guard_output
from maturity.errors import ExitCode, InputError, Problem
from maturity.formats.batch import BatchFormat, labeller
from maturity.i18n import msg
from maturity.models.base import Text
from maturity.parallel import default_jobs


def score_many(
    st: State, inputs: list[str], fmt: BatchFormat, rules: Path | None, strict: bool, output: Path | None, jobs: int | None
) -> None:
    paths, failures = batch.discover(inputs)
    if output is not None:
        guard_output(output, [Path(p) for p in inputs if Path(p).is_file()])
        if output.exists():  # last run's output inside the scanned folder, under any name (a link)
            target = output.stat()
            paths = [p for p in paths if not _same_file(p, target)]
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
            jobs=jobs or default_jobs(),
            extra_dirs=st.questionnaire_dirs,
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


def _same_file(path: str, target: os.stat_result) -> bool:
    try:
        found = os.stat(path)  # one system call: cheaper than resolving every path of a large batch
    except OSError:
        return False  # reported by the scorer, in order
    return (found.st_dev, found.st_ino) == (target.st_dev, target.st_ino)
