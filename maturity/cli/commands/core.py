"""Commands over the core: score, validate, questionnaires, show, template, schema."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from maturity.answers import load_answers
from maturity.assessment import Assessment, Assessor
from maturity.atomic import file_id, write_atomic
from maturity.blank import blank_answers
from maturity.cli.app import LangOption, State, app, emit, err_console, out_console, report_problems, require_parent, state
from maturity.errors import ExitCode, InputError, Problem
from maturity.formats import FormatChoice, ResultView, render_text
from maturity.formats.batch import BatchFormat
from maturity.i18n import msg, pick
from maturity.labels import PLAN_DOMAIN_NAMES
from maturity.schema.base import EnterpriseType

RulesOption = Annotated[
    Path | None, typer.Option("--rules", help="Scoring-rules YAML to use instead of the questionnaire's default.", show_default=False)
]
StrictOption = Annotated[bool, typer.Option("--strict", help="Treat warnings (e.g. unanswered requirements) as errors.")]
JobsOption = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, help="Worker processes when there are many files (default: all cores).", show_default=False),
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write to this file (atomically) instead of standard output.", show_default=False)
]


def load_and_score(st: State, path: Path, rules_path: Path | None, strict: bool) -> Assessment:
    return Assessor(st.catalog, rules_path, strict=strict).assess(path)


def guard_output(output: Path | None, inputs: Iterable[Path | str | None]) -> None:
    """Refuse an output that is the same file as any input the command reads (answers, --rules,
    --previous, --p12...): the atomic rename would replace it. Links and other spellings count."""
    if output is not None and (clash := same_file(output, inputs)) is not None:
        raise InputError([Problem("output.is_input", {"path": str(output), "input": str(clash)})])


def same_file(output: Path, inputs: Iterable[Path | str | None]) -> Path | str | None:
    """The first of ``inputs`` that is the file ``output`` names, if it exists (one stat per input)."""
    target = file_id(output)
    if target is None:  # nothing there yet (or a device): nothing to lose
        return None
    return next((item for item in inputs if item is not None and file_id(item) == target), None)


def write_output(st: State, output: Path | None, text: str) -> None:
    if output is None:
        emit(text)
        return
    require_parent(output)
    write_atomic(output, text)
    err_console().print(msg("cli.wrote", st.lang, path=output))


@app.command()
def score(
    ctx: typer.Context,
    files: Annotated[
        list[str],
        typer.Argument(metavar="FILES", help="Answer files, directories (searched recursively) or glob patterns.", show_default=False),
    ],
    format: Annotated[BatchFormat, typer.Option("--format", "-f", help="Output format.")] = BatchFormat.table,
    rules: RulesOption = None,
    strict: StrictOption = False,
    output: OutputOption = None,
    jobs: JobsOption = None,
    lang: LangOption = None,
) -> None:
    """Score answer files: level, score, level gates, sub-domains and the plan's five domains; many files in parallel."""
    st = state(ctx)
    one = len(files) == 1 and not Path(files[0]).is_dir() and not any(ch in files[0] for ch in "*?[")
    if one and format in (BatchFormat.table, BatchFormat.json):
        score_one(st, Path(files[0]), FormatChoice(format.value), rules, strict, output)
        return
    from maturity.cli.score_many import score_many

    score_many(st, files, format, rules, strict, output, jobs)


def score_one(st: State, path: Path, format: FormatChoice, rules: Path | None, strict: bool, output: Path | None) -> None:
    guard_output(output, [path, rules])
    loaded, _, result = load_and_score(st, path, rules, strict)
    report_problems(list(loaded.warnings), st.lang)
    rendered = format.to_format().render(ResultView(result, loaded.questionnaire, st.lang))
    if isinstance(rendered, str):
        write_output(st, output, rendered)
    elif output is not None:
        write_output(st, output, render_text(rendered))
    else:
        out_console().print(rendered)


@app.command()
def validate(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(metavar="FILES", help="Answer files to check.", show_default=False)],
    strict: StrictOption = False,
    lang: LangOption = None,
) -> None:
    """Check answer files and report every problem in every file, with file:line."""
    st = state(ctx)
    bad = 0
    for path in files:
        try:
            loaded = load_answers(path, st.catalog.load, strict=strict)
        except InputError as exc:
            bad += 1
            report_problems(exc.problems, st.lang)
            continue
        report_problems(list(loaded.warnings), st.lang)
        if loaded.warnings:
            err_console().print(msg("cli.file_ok_warnings", st.lang, file=path, count=len(loaded.warnings)))
        else:
            err_console().print(msg("cli.file_ok", st.lang, file=path))
    if bad:
        err_console().print(msg("cli.files_bad", st.lang, bad=bad, good=len(files) - bad))
        raise typer.Exit(int(ExitCode.INPUT))


@app.command("questionnaires")
def list_questionnaires(ctx: typer.Context, lang: LangOption = None) -> None:
    """List the questionnaires found on the search path."""
    from rich.table import Table

    st = state(ctx)
    table = Table(show_edge=False)
    for column in (
        pick("编号", "Id", st.lang),
        pick("版本", "Version", st.lang),
        pick("名称", "Name", st.lang),
        pick("条目", "Items", st.lang),
        pick("位置", "Location", st.lang),
    ):
        table.add_column(column)
    for qid, path in st.catalog.directories().items():
        q = st.catalog.load(qid, advice=True)
        table.add_row(q.id, q.version, q.header.name.get(st.lang), str(len(q.requirements) or len(q.questions)), str(path))
    out_console().print(table)


@app.command()
def show(
    ctx: typer.Context,
    questionnaire: Annotated[str, typer.Argument(metavar="QUESTIONNAIRE", help="Questionnaire id, e.g. cmmm.")],
    lang: LangOption = None,
) -> None:
    """Show a questionnaire's structure with the number of requirements per level."""
    from rich.table import Table
    from rich.text import Text

    st = state(ctx)
    q = st.catalog.load(questionnaire, advice=True)  # show checks every file of the questionnaire
    table = Table(title=f"{q.header.name.get(st.lang)} {q.version}", title_justify="left")
    table.add_column(pick("要素", "Element", st.lang))
    table.add_column(pick("能力域", "Domain", st.lang))
    table.add_column(pick("能力子域", "Sub-domain", st.lang))
    table.add_column(pick("规划领域", "Plan domain", st.lang))
    for level in range(1, 6):
        table.add_column(f"L{level}", justify="right")
    table.add_column(pick("合计", "Total", st.lang), justify="right")
    elements = {e.id: e for e in q.header.elements}
    domains = {d.id: d for d in q.header.domains}
    totals = [0] * 5
    for sub in q.subdomains:
        counts = [sum(1 for r in q.requirements if q.subdomain_of[r.id] == sub.id and r.level == lv) for lv in range(1, 6)]
        totals = [a + b for a, b in zip(totals, counts, strict=True)]
        dom = domains[sub.domain]
        table.add_row(
            elements[dom.element].name.get(st.lang),
            dom.name.get(st.lang),
            Text.assemble(sub.name.get(st.lang), " ", (sub.id, "dim")),
            PLAN_DOMAIN_NAMES[sub.plan_domain].get(st.lang),
            *(str(c) if c else "–" for c in counts),
            str(sum(counts)),
        )
    table.add_section()
    table.add_row(pick("合计", "Total", st.lang), "", "", "", *(str(t) for t in totals), str(sum(totals)))
    out_console().print(table)


class TemplateFormat(StrEnum):
    yaml = "yaml"
    xlsx = "xlsx"


@app.command()
def template(
    ctx: typer.Context,
    questionnaire: Annotated[str, typer.Argument(metavar="QUESTIONNAIRE", help="Questionnaire id, e.g. cmmm.")] = "cmmm",
    kind: Annotated[
        EnterpriseType, typer.Option("--type", help="Enterprise type: only its applicable items are listed.")
    ] = EnterpriseType.discrete,
    format: Annotated[
        TemplateFormat | None,
        typer.Option("--format", "-f", help="yaml, or xlsx: an Excel workbook with drop-downs (default: from -o).", show_default=False),
    ] = None,
    output: OutputOption = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing output file.")] = False,
    lang: LangOption = None,
) -> None:
    """Write a blank answer file (YAML, or an Excel workbook) with every requirement's question, level and evidence."""
    st = state(ctx)
    q = st.catalog.load(questionnaire)
    fmt = format or (TemplateFormat.xlsx if output is not None and output.suffix.lower() == ".xlsx" else TemplateFormat.yaml)
    if output is not None and os.path.exists(output) and not force:
        raise InputError([Problem("cli.exists", {"path": str(output)})])
    guard_output(output, (p for p in q.path.rglob("*") if p.is_file()))  # --force must not overwrite the questionnaire
    if fmt is TemplateFormat.yaml:
        write_output(st, output, blank_answers(q, st.lang, kind))
        return
    from maturity.excel import blank_workbook

    if output is None:
        raise InputError([Problem("template.xlsx_needs_output")])
    require_parent(output)
    write_atomic(output, blank_workbook(q, st.lang, kind, dt.date.today()))
    err_console().print(msg("cli.wrote", st.lang, path=output))


class SchemaName(StrEnum):
    questionnaire = "questionnaire"
    subdomain = "subdomain"
    answers = "answers"
    rules = "rules"
    result = "result"


@app.command()
def schema(name: Annotated[SchemaName, typer.Argument(metavar="NAME", help="Which schema.")]) -> None:
    """Print the JSON Schema of a file format (for editors and people writing YAML by hand)."""
    from maturity.schema.export import json_schema

    emit(json.dumps(json_schema(name.value), ensure_ascii=False, indent=2) + "\n")
