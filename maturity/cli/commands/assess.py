"""``maturity assess``: the interactive self-assessment (full questionnaire or quick scan)."""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from maturity import yamlio
from maturity.cli.app import State, app, err_console, out_console, state
from maturity.cli.commands.score import load_and_score
from maturity.cli.options import LangOption
from maturity.cli.output import data_folders, guard_output, require_parent
from maturity.errors import ExitCode, InputError, Problem, QuestionnaireError
from maturity.formats.result import ResultFormat, ResultView
from maturity.i18n import Lang, msg

if TYPE_CHECKING:
    from rich.console import Console

    from maturity.cli.interview import ConsoleIo, Interview
    from maturity.draft import Draft
    from maturity.questionnaire import Questionnaire

# Profile fields asked again when a draft is resumed before its profile was finished.
PROFILE_FIELDS = (
    ("organisation", "name"),
    ("organisation", "industry"),
    ("organisation", "region"),
    ("organisation", "size"),
    ("organisation", "type"),
    ("organisation", "profile"),
    ("assessment", "target_level"),
    ("assessment", "assessor"),
)

# what the profile asks: the missing fields (None: all of them), or nothing when it was finished
Profile = set[tuple[str, str]] | None | Literal["done"]


@app.command()
def assess(
    ctx: typer.Context,
    questionnaire: Annotated[
        str,
        typer.Argument(
            metavar="QUESTIONNAIRE", help="Questionnaire id: cmmm (full) or quick (15-minute scan)."
        ),
    ] = "cmmm",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Answer file to write (default: answers-<questionnaire>-<date>.yaml).",
            show_default=False,
        ),
    ] = None,
    resume: Annotated[
        Path | None,
        typer.Option(
            "--resume",
            help="Continue an answer file at its next unanswered item (j reaches skipped ones).",
            show_default=False,
        ),
    ] = None,
    all_levels: Annotated[
        bool, typer.Option("--all-levels", help="Ask every level, not only up to target + 1.")
    ] = False,
    start_from: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help=(
                "Start from a quick-scan answer file: reuse its organisation, target, priorities "
                "and tailoring (a sub-domain it answered N/A is tailored out with that reason); in "
                "each sub-domain ask first the requirements at the level the quick scan chose and "
                "the next one up, then the rest."
            ),
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Interactive self-assessment: the organisation profile, then requirement by requirement. Saved
    after every answer.

    Keys: a higher number means more done (quick scan: the level 0-5; full questionnaire: 4 fully
    met ... 1 not met), n is N/A; j goes to the next unanswered item, g to a sub-domain."""
    from maturity.cli.interview import ConsoleIo, Interview

    st = state(ctx)
    if sys.stdin is None or sys.stdin.closed:
        raise InputError([Problem("assess.no_input")])
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(
            errors="surrogateescape"
        )  # one bad byte must not make the rest unreadable
    console = out_console(markup=True)  # the interview escapes every text it shows
    focus: dict[str, int] = {}
    if resume is not None:
        if start_from is not None:
            raise InputError([Problem("assess.from_resume")])
        draft, profile = _resumed(
            st, resume, questionnaire if _given(ctx, "questionnaire") else None
        )
    elif start_from is not None:
        draft, profile, focus = _started_from(st, questionnaire, output, start_from)
    else:
        draft, profile = _new(st, questionnaire, output), None
    terminal = ConsoleIo(console)
    interview = Interview(draft, terminal, st.lang, all_levels=all_levels, focus=focus)
    if _run(st, interview, terminal, profile, resumed=resume is not None) == "quit":
        _saved(interview, st.lang)
        return
    _finish(st, interview, console)


def _new(st: State, questionnaire: str, output: Path | None) -> Draft:
    from maturity.draft import Draft

    path = output or Path(f"answers-{questionnaire}-{dt.date.today().isoformat()}.yaml")
    if path.exists():
        raise InputError([Problem("assess.exists", {"path": str(path)})])
    require_parent(path)
    guard_output(
        path, [], data_folders(st)
    )  # a new subdomains/x.yaml would change the questionnaire
    draft = Draft.new(path, st.catalog.load(questionnaire), dt.date.today())
    draft.save()
    return draft


def _resumed(st: State, path: Path, questionnaire: str | None) -> tuple[Draft, Profile]:
    draft, missing = _resume(st.catalog.load, path, questionnaire)
    _keep_comments(path, st.lang)
    if "priorities" in draft.data:  # the profile's last question: it was finished
        return draft, "done"
    return draft, _missing(draft) | set(missing)


def _missing(draft: Draft) -> set[tuple[str, str]]:
    return {f for f in PROFILE_FIELDS if draft.get(*f) in (None, "")}


def _started_from(
    st: State, questionnaire: str, output: Path | None, quick_path: Path
) -> tuple[Draft, Profile, dict[str, int]]:
    """A new draft seeded from a quick scan of this questionnaire (validated like any answer
    file); the profile asks only what the quick scan did not say."""
    from maturity.answers import load_answers

    target = st.catalog.load(questionnaire)
    quick = load_answers(quick_path, st.catalog.load)
    if not quick.questionnaire.quick or quick.questionnaire.header.based_on != target.id:
        problem = Problem(
            "assess.from_not_quick",
            {"got": quick.questionnaire.id, "id": target.id},
            file=str(quick_path),
        )
        raise InputError([problem])
    draft = _new(st, questionnaire, output)
    focus = draft.start_from(quick.answers)
    draft.save()
    missing = _missing(draft)
    return draft, "done" if not missing and "priorities" in draft.data else missing, focus


def _run(
    st: State, interview: Interview, terminal: ConsoleIo, profile: Profile, resumed: bool
) -> str:
    """The interview to its end ("done"), or to "quit"; Ctrl-C saves and stops (exit 130)."""
    try:
        if profile != "done":
            interview.run_profile(profile)
        interview.plan()
        return interview.run_items(interview.resume_at() if resumed else None)
    except EOFError:
        if terminal.lines_read == 0:
            terminal.console.print()  # end the prompt's line before the error
            if not resumed:
                interview.draft.path.unlink(
                    missing_ok=True
                )  # nothing was answered: leave no stub behind
            raise InputError([Problem("assess.no_input")]) from None
        err_console().print(msg("assess.input_ended", st.lang))
        return "quit"
    except KeyboardInterrupt:
        terminal.console.print()
        _saved(interview, st.lang)
        raise typer.Exit(int(ExitCode.INTERRUPTED)) from None


def _keep_comments(path: Path, lang: Lang) -> None:
    """The draft is rewritten as plain YAML; a hand-written or template file keeps a .bak copy with
    its comments."""
    raw = yamlio.read_bytes(path)
    text = raw.decode("utf-8", errors="replace")
    comments = [line for line in text.splitlines()[1:] if line.lstrip().startswith("#")]
    backup = path.with_name(path.name + ".bak")
    if not comments:
        return
    if (
        backup.is_symlink()
    ):  # written through, a link (even a dangling one) would put the copy elsewhere
        raise InputError([Problem("assess.backup_symlink", {"path": str(backup)})])
    # O_EXCL: an existing backup (an earlier resume's)
    # is kept, and a link made meanwhile is not followed
    try:
        fd = os.open(
            backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o666
        )
    except FileExistsError:
        return
    with os.fdopen(fd, "wb") as handle:
        handle.write(raw)
    err_console().print(msg("assess.backup", lang, path=backup))


def _given(ctx: typer.Context, name: str) -> bool:
    source = ctx.get_parameter_source(name)
    return source is not None and source.name == "COMMANDLINE"


def _resume(
    load: object, path: Path, questionnaire_id: str | None
) -> tuple[Draft, list[tuple[str, str]]]:
    from maturity.draft import load_draft

    assert callable(load)
    doc = yamlio.load(path)
    ref = doc.data.get("questionnaire") if isinstance(doc.data, dict) else None
    qid = questionnaire_id or (
        ref.get("id") if isinstance(ref, dict) and isinstance(ref.get("id"), str) else "cmmm"
    )
    if (
        questionnaire_id
        and isinstance(ref, dict)
        and isinstance(ref.get("id"), str)
        and ref["id"] != questionnaire_id
    ):
        # naming the other questionnaire would end in "not
        # installed": say what the file is for instead
        raise InputError(
            [
                doc.problem(
                    "assess.resume_other",
                    ("questionnaire", "id"),
                    got=ref["id"],
                    given=questionnaire_id,
                    path=str(path),
                )
            ]
        )
    questionnaire: Questionnaire = _named_version(load, str(qid), ref)
    return load_draft(path, questionnaire)


def _named_version(load: Callable[..., Questionnaire], qid: str, ref: object) -> Questionnaire:
    """The version the draft names when it is installed (a 1.0.0 draft goes on in 1.0.0), else the
    newest, against which load_draft reports the version with its line."""
    version = ref.get("version") if isinstance(ref, dict) else None
    try:
        return load(qid, str(version)) if version is not None else load(qid)
    except QuestionnaireError as exc:
        if not exc.problems or not exc.problems[0].key.startswith("model.unknown_version"):
            raise
        return load(qid)


def _saved(interview: Interview, lang: Lang) -> None:
    total = len(interview.items) or len(
        interview.draft.questionnaire.item_ids(interview.draft.profile)
    )
    err_console().print(
        msg(
            "assess.saved",
            lang,
            answered=interview.answered(),
            total=total,
            path=interview.draft.path,
        )
    )


def _finish(st: State, interview: Interview, console: Console) -> None:
    path = interview.draft.path
    loaded, _, result = load_and_score(st, path, None, strict=False)
    console.print(
        ResultFormat.table.to_format().render(ResultView(result, loaded.questionnaire, st.lang)),
        markup=False,
    )
    if result.counts.not_asked:
        limit = min(5, (interview.draft.target or 4) + 1)
        console.print(
            msg("assess.not_asked", st.lang, limit=limit, count=result.counts.not_asked),
            markup=False,
        )
    skipped = len(interview.items) - interview.answered()
    not_asked = len(interview.draft.not_asked)
    # "all answered" only when it is true: say what is left and why
    done = (
        msg("assess.done", st.lang, path=path)
        if not skipped and not not_asked
        else msg("assess.incomplete", st.lang, skipped=skipped, not_asked=not_asked, path=path)
    )
    console.print(done, markup=False)  # "[/]" in a path is no markup
    console.print(msg("assess.next", st.lang, path=path), markup=False)
