"""``maturity migrate``: an answer file carried to a newer version of its questionnaire."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from maturity.cli.app import State, app, err_console, state
from maturity.cli.options import LangOption, OutputOption
from maturity.cli.output import data_folders, guard_output, write_output
from maturity.errors import InputError, Problem
from maturity.i18n import Lang, msg

if TYPE_CHECKING:
    from maturity.migrate import Migrated
    from maturity.questionnaire import Questionnaire


@app.command()
def migrate(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE", help="The answer file to carry over.")],
    output: OutputOption = None,
    to: Annotated[
        str | None,
        typer.Option("--to", help="The version to migrate to (default: the newest installed)."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing output file.")
    ] = False,
    lang: LangOption = None,
) -> None:
    """Carry an answer file to a newer version of its questionnaire, through the id map shipped
    with that version. Unchanged requirements keep their answers (with notes, evidence and N/A
    reasons); answers to narrowed (re-scoped) requirements are carried and listed for checking;
    requirements that were split or merged are left blank with the earlier answer as a
    comment beside them; answers to retired requirements are dropped. A summary on standard error
    lists what needs an answer. The input is never changed, and its comments are not carried over.
    Exit 0 when written, 2 for bad input (no map from the file's version, a file that is not
    valid, an output that exists without --force)."""
    st = state(ctx)
    guard_output(output, [file], data_folders(st))
    if output is not None and os.path.exists(output) and not force:
        raise InputError([Problem("cli.exists", {"path": str(output)})])
    result, target = _migrated(st, file, to)
    write_output(st, output, result.text)
    _summary(st, result, target)


def _migrated(st: State, file: Path, to: str | None) -> tuple[Migrated, Questionnaire]:
    from maturity import yamlio
    from maturity.answers import answer_file_limit, read_answer_file
    from maturity.migrate import load_migration, migrate

    raw = yamlio.read_bytes(file, max_bytes=answer_file_limit(file))
    doc, answers = read_answer_file(raw, str(file))
    ref = answers.questionnaire
    target = st.catalog.load(ref.id, to)
    if target.version == ref.version:
        raise InputError(
            [
                doc.problem(
                    "migrate.already", ("questionnaire", "version"), id=ref.id, version=ref.version
                )
            ]
        )
    installed = ref.version in st.catalog.installed().get(ref.id, {})
    if installed:  # checked against its own version first: a typo is reported as such
        from maturity.answers import parse_answers

        parse_answers(raw, str(file), st.catalog.load)
    old = st.catalog.load(ref.id, ref.version) if installed else None
    return migrate(doc, answers, load_migration(target, ref.version, old), st.lang), target


def _summary(st: State, result: Migrated, target: Questionnaire) -> None:
    console = err_console()
    lang = st.lang
    say = console.print
    say(
        msg(
            "migrate.summary.carried",
            lang,
            count=len(result.carried),
            id=target.id,
            version=target.version,
        )
    )
    if result.unanswered:
        say(msg("migrate.summary.unanswered", lang, count=len(result.unanswered)))
        for req_id in result.unanswered:
            say(f"  {req_id}  {_short(target, req_id, lang)}")
    if result.narrowed:
        say(msg("migrate.summary.narrowed", lang, count=len(result.narrowed)))
        for req_id in result.narrowed:
            say(f"  {req_id}  {_short(target, req_id, lang)}")
    if result.dropped:
        say(msg("migrate.summary.dropped", lang, count=len(result.dropped)))
        for old_id, see in result.dropped:
            say(msg("migrate.summary.dropped_item", lang, id=old_id, see=see or "-"))


def _short(target: Questionnaire, req_id: str, lang: Lang, width: int = 40) -> str:
    req = target.requirement(req_id)
    text = req.statement.get(lang) if req else ""
    return text if len(text) <= width else text[: width - 1] + "…"
