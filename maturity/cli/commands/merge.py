"""``maturity merge``: the parts several respondents filled in, as one answer file."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from maturity.cli.app import State, app, err_console, report_problems, state
from maturity.cli.options import LangOption, OutputOption
from maturity.cli.output import data_folders, guard_output, write_output
from maturity.errors import InputError, Problem
from maturity.i18n import Lang, msg
from maturity.merge import Policy
from maturity.text import printable_line

if TYPE_CHECKING:
    from maturity.merge import Merged, PartFile
    from maturity.questionnaire import Questionnaire
    from maturity.schema.answers import Disagreement, RespondentEntry


@app.command()
def merge(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(metavar="FILES...", help="The respondents' answer files (YAML or xlsx)."),
    ],
    output: OutputOption = None,
    on_conflict: Annotated[
        Policy,
        typer.Option(
            "--on-conflict",
            help=(
                "An item answered by several respondents: error refuses and lists them; lowest "
                "keeps the lowest rating; mean keeps the rating nearest the mean of their values "
                "(a tie goes to the lower). N/A counts only when nobody rated the item."
            ),
        ),
    ] = Policy.error,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing output file.")
    ] = False,
    lang: LangOption = None,
) -> None:
    """Combine the parts of one assessment answered by several people (template --for) into one
    answer file. The files must be of one questionnaire version and one organisation (same
    organisation.id, else the same name). Each answer records who gave it (respondent:); every
    note, N/A reason and evidence entry is kept, notes labelled with the respondent's name.
    Disagreements (item, who said what, what was kept) are listed on standard error and kept in
    the file for the report. The inputs are never changed. Exit 0 when written, 2 for bad input
    (files that do not match, overlaps with --on-conflict error, an output that exists without
    --force or is one of the inputs)."""
    st = state(ctx)
    guard_output(output, files, data_folders(st))
    if output is not None and os.path.exists(output) and not force:
        raise InputError([Problem("cli.exists", {"path": str(output)})])
    parts, questionnaire = _read(st, files)
    result = _merged(st, parts, questionnaire, on_conflict)
    report_problems(same_roles(result.respondents, st.lang), st.lang)
    write_output(st, output, result.text)
    _summary(st, result, questionnaire, on_conflict)


def same_roles(respondents: Sequence[RespondentEntry], lang: Lang) -> list[Problem]:
    """A warning for each role given by several respondents (one template --for a,b filled in by
    two people): the annex could not tell who answered for what."""
    by_role: dict[str, list[str]] = {}
    for r in respondents:
        if r.role:
            by_role.setdefault(r.role, []).append(printable_line(r.name or ""))
    sep = msg("common.list_sep", lang)
    return [
        Problem(
            "merge.same_role",
            {"names": sep.join(names), "role": printable_line(role)},
            severity="warning",
        )
        for role, names in by_role.items()
        if len(names) > 1
    ]


def _read(st: State, files: list[Path]) -> tuple[list[PartFile], Questionnaire]:
    from maturity.answers import load_answers
    from maturity.merge import PartFile

    parts: list[PartFile] = []
    questionnaire = None
    for path in files:
        loaded = load_answers(path, st.catalog.load)
        report_problems(list(loaded.warnings), st.lang)
        parts.append(PartFile(str(path), loaded.document, loaded.answers))
        questionnaire = questionnaire or loaded.questionnaire
    assert questionnaire is not None  # typer asks for one file at least
    return parts, questionnaire


def _merged(st: State, parts: list[PartFile], q: Questionnaire, policy: Policy) -> Merged:
    from maturity.merge import merge
    from maturity.rules import default_rules_path, load_rules

    rules = load_rules(default_rules_path(q), q).rules if not q.quick else None
    scale = {str(k): v for k, v in rules.scale.values.items()} if rules and rules.scale else {}
    return merge(parts, q, scale, policy, st.lang)


def _summary(st: State, result: Merged, q: Questionnaire, policy: Policy) -> None:
    say = err_console().print
    names = msg("common.list_sep", st.lang).join(
        printable_line(r.name or "") for r in result.respondents
    )
    say(msg("merge.summary", st.lang, count=result.answered, names=names), markup=False)
    for line in disagreement_lines(result.disagreements, q, st.lang, policy):
        say(line, markup=False, highlight=False)


def disagreement_lines(
    disagreements: tuple[Disagreement, ...], q: Questionnaire, lang: Lang, policy: Policy
) -> list[str]:
    """The disagreement report: a heading, then one line per item (who said what, what was
    kept), names made safe for a terminal."""
    if not disagreements:
        return []
    labels: dict[str, str] = {o.key: o.label.get(lang) for o in q.scale_options}

    def rating(value: str | int) -> str:
        return labels.get(value, str(value)) if isinstance(value, str) else str(value)

    sep, colon = msg("common.list_sep", lang), msg("common.label_sep", lang)
    rule = msg(f"merge.rule.{policy.value}", lang)
    lines = [msg("merge.disagree.head", lang, count=len(disagreements), policy=rule)]
    for d in disagreements:
        said = sep.join(f"{printable_line(s.respondent)}{colon}{rating(s.rating)}" for s in d.said)
        lines.append(msg("merge.disagree.item", lang, id=d.id, said=said, kept=rating(d.kept)))
    return lines
