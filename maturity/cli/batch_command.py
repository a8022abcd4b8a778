"""Batch scoring for ``maturity score`` with many files: progress, streaming output, failures at the end."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path
from typing import IO

import typer
from rich.console import Console

from maturity import batch
from maturity.cli.app import State, err_console, progress_bar, report_problems, require_parent
from maturity.cli.core_commands import guard_output
from maturity.errors import ExitCode, InputError, Problem
from maturity.formats.batch import BatchFormat, labeller
from maturity.i18n import msg
from maturity.models.base import Text


def score_many(
    st: State, inputs: list[str], fmt: BatchFormat, rules: Path | None, strict: bool, output: Path | None, jobs: int | None
) -> None:
    paths, failures = batch.discover(inputs)
    if output is not None:
        guard_output(output, [Path(p) for p in inputs if Path(p).is_file()])
        target = output.resolve()
        paths = [p for p in paths if Path(p).resolve() != target]  # last run's output inside the scanned folder
    if output is not None and output.is_dir():
        raise InputError([Problem("cli.output_is_dir", {"path": str(output)})])
    if not paths and not failures:
        raise InputError([Problem("batch.nothing", {"inputs": ", ".join(inputs)})])
    if output is not None:
        require_parent(output)
    names: dict[str, Text] = {}  # readable sub-domain names for column headers
    for qid in st.catalog.directories():
        with contextlib.suppress(InputError):  # a broken questionnaire is reported by the files that use it
            names.update({s.id: s.name for s in st.catalog.load(qid).subdomains})
    console = Console(highlight=False)
    writer = fmt.writer(labeller(st.lang, names), st.lang, console if output is None and fmt is BatchFormat.table else None)
    stderr = err_console()
    tmp_name = None
    stream: IO[bytes]
    if output is not None and output.is_symlink():
        output = output.resolve()  # replace the file a link points to, not the link
    if output is not None and output.exists() and not output.is_file():
        stream = open(output, "wb")  # noqa: SIM115 - /dev/null or a FIFO: written in place, never renamed over
        output_is_special = True
    elif output is not None:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{output.name}.", suffix=".tmp", dir=output.parent if str(output.parent) else ".")
        stream = os.fdopen(fd, "wb")
        output_is_special = False
    else:
        stream = sys.stdout.buffer
        output_is_special = False
    scored = 0
    try:
        writer.start(stream)
        progress = progress_bar(stderr)
        results = batch.run(
            paths,
            jobs=jobs or batch.default_jobs(),
            extra_dirs=st.questionnaire_dirs,
            rules_path=rules,
            strict=strict,
            want_json=fmt.needs_json,
        )
        with progress:
            task = progress.add_task(msg("batch.progress", st.lang), total=len(paths))
            for item in results:
                if isinstance(item, batch.Scored):
                    writer.add(item)
                    scored += 1
                else:
                    failures.append(item)
                progress.advance(task)
        writer.finish(failures)
        if output is not None:
            stream.close()
            if tmp_name is not None:
                os.replace(tmp_name, output)
                tmp_name = None
    finally:
        if output is not None and (tmp_name is not None or output_is_special):
            stream.close()
        if tmp_name is not None:
            Path(tmp_name).unlink(missing_ok=True)
    for failed in failures:
        report_problems(failed.problems, st.lang)
    stderr.print(msg("batch.summary", st.lang, scored=scored, failed=len(failures)))
    if output is not None:
        stderr.print(msg("cli.wrote", st.lang, path=output))
    if failures:
        raise typer.Exit(int(ExitCode.PARTIAL))
