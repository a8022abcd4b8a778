"""Commands about the questionnaires and file formats: questionnaires, show, template, schema."""

from __future__ import annotations

import datetime as dt
import os
from enum import StrEnum
from typing import Annotated

import typer

from maturity.cli.app import app, state
from maturity.cli.options import LangOption, OutputOption
from maturity.cli.output import data_folders, emit, guard_output, show, write_output
from maturity.errors import InputError, Problem
from maturity.formats import json_document
from maturity.formats.questionnaire import QuestionnaireFormat
from maturity.formats.template import TemplateFormat
from maturity.schema.base import DEFAULT_PROFILE, PROFILES_OF_TYPE, EnterpriseType, Profile


@app.command("questionnaires")
def list_questionnaires(
    ctx: typer.Context,
    format: Annotated[
        QuestionnaireFormat,
        typer.Option("--format", "-f", help="table, or json/yaml for other tools."),
    ] = QuestionnaireFormat.table,
    lang: LangOption = None,
) -> None:
    """List the questionnaires found on the search path, every version (the newest marked: it is
    the one `template`, `assess` and `show` use unless told otherwise)."""
    st = state(ctx)
    newest = st.catalog.directories()
    found = [
        (st.catalog.load(v.id, v.version, advice=True), v.path, newest[v.id] == v.path)
        for v in st.catalog.every_version()
    ]
    show(st, format.to_format().listing(found, st.lang))


@app.command("show")
def show_command(
    ctx: typer.Context,
    questionnaire: Annotated[
        str, typer.Argument(metavar="QUESTIONNAIRE", help="Questionnaire id, e.g. cmmm.")
    ],
    version: Annotated[
        str | None,
        typer.Option("--version", help="Which version (default: the newest installed)."),
    ] = None,
    format: Annotated[
        QuestionnaireFormat,
        typer.Option(
            "--format",
            "-f",
            help=(
                "table: the structure with the number of requirements per level; json or yaml: "
                "the whole questionnaire (every requirement with its texts in both languages, "
                "evidence, applicability, level, see_also, presupposes; a quick scan's questions "
                "with their descriptors and what they cover)."
            ),
        ),
    ] = QuestionnaireFormat.table,
    profile: Annotated[
        Profile | None,
        typer.Option(
            "--profile",
            help="json/yaml: only the requirements for this industry profile, with its evidence "
            "wording.",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Show a questionnaire: its structure as a table, or all of it as JSON or YAML."""
    st = state(ctx)
    # show checks every file of the questionnaire
    q = st.catalog.load(questionnaire, version, advice=True)
    show(st, format.to_format(profile).structure(q, st.lang))


@app.command()
def template(
    ctx: typer.Context,
    questionnaire: Annotated[
        str, typer.Argument(metavar="QUESTIONNAIRE", help="Questionnaire id, e.g. cmmm.")
    ] = "cmmm",
    kind: Annotated[
        EnterpriseType | None,
        typer.Option(
            "--type",
            help="Enterprise type: selects the weights (default: from --profile, else discrete).",
            show_default=False,
        ),
    ] = None,
    profile: Annotated[
        Profile | None,
        typer.Option(
            "--profile",
            help=(
                "Industry profile: only its applicable items are listed, with evidence worded "
                "for it (default: the type's, discrete or continuous). continuous and batch imply "
                "--type process; mixed takes either type and uses discrete weights unless --type "
                "process."
            ),
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        TemplateFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="yaml, or xlsx: an Excel workbook with drop-downs (default: from -o).",
            show_default=False,
        ),
    ] = None,
    output: OutputOption = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite an existing output file.")
    ] = False,
    for_: Annotated[
        str | None,
        typer.Option(
            "--for",
            help=(
                "One respondent's part: roles (e.g. production,quality; see the questionnaire's "
                "respondents.yaml) or sub-domain ids (e.g. strategy,data), comma-separated. The "
                "file lists only those sub-domains and records the respondent; maturity merge "
                "combines the parts."
            ),
            show_default=False,
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """Write a blank answer file (YAML, or an Excel workbook) with every requirement's question,
    level and evidence, or one respondent's part of it (--for)."""
    st = state(ctx)
    q = st.catalog.load(questionnaire)
    fmt = format or TemplateFormat.for_output(output)
    guard_output(output, [], data_folders(st))  # --force must not overwrite the questionnaire
    if output is not None and os.path.exists(output) and not force:
        raise InputError([Problem("cli.exists", {"path": str(output)})])
    if fmt is TemplateFormat.xlsx and output is None:
        raise InputError([Problem("template.xlsx_needs_output")])
    kind, profile = _type_and_profile(kind, profile)
    part = None
    if for_ is not None:
        from maturity.respondents import resolve_part

        part = resolve_part(q, for_)
    rendered = fmt.to_format().render(q, st.lang, kind, profile, dt.date.today(), part)
    write_output(st, output, rendered)


def _type_and_profile(
    kind: EnterpriseType | None, profile: Profile | None
) -> tuple[EnterpriseType, Profile]:
    """Either option implies the other; mixed fits both types and takes discrete weights unless
    told otherwise. A contradiction is refused as it is in an answer file."""
    if profile is None:
        kind = kind or EnterpriseType.discrete
        return kind, DEFAULT_PROFILE[kind]
    fits = [t for t in EnterpriseType if profile in PROFILES_OF_TYPE[t.value]]
    if kind is None:
        return fits[0], profile
    if kind not in fits:
        raise InputError(
            [Problem("template.profile_type", {"profile": profile.value, "type": kind.value})]
        )
    return kind, profile


class SchemaName(StrEnum):
    """Which file format's JSON Schema (the argument of ``schema``: a choice of document, not an
    output format)."""

    questionnaire = "questionnaire"
    subdomain = "subdomain"
    answers = "answers"
    rules = "rules"
    result = "result"


@app.command()
def schema(
    name: Annotated[SchemaName, typer.Argument(metavar="NAME", help="Which schema.")],
) -> None:
    """Print the JSON Schema of a file format (for editors and people writing YAML by hand)."""
    from maturity.schema.export import json_schema

    emit(json_document(json_schema(name.value)))
