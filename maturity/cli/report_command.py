"""``maturity report``: the graded maturity report as PDF, HTML or Markdown."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from maturity.atomic import write_atomic
from maturity.cli.app import app, err_console, report_problems, state
from maturity.cli.core_commands import RulesOption, StrictOption, load_and_score
from maturity.errors import InputError, Problem
from maturity.i18n import detect_lang, msg
from maturity.report import ReportFormat, ReportInput, render_report


class ReportLangChoice(StrEnum):
    zh = "zh"
    en = "en"
    bilingual = "bilingual"


@app.command()
def report(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Answer file (YAML).", show_default=False)],
    output: Annotated[Path, typer.Option("--output", "-o", help="Report file: .pdf, .html or .md.", show_default=False)],
    format: Annotated[
        ReportFormat | None, typer.Option("--format", "-f", help="Output format (default: from the file name).", show_default=False)
    ] = None,
    lang: Annotated[
        ReportLangChoice | None,
        typer.Option("--lang", help="Report language (default: $MATURITY_LANG, the locale, then zh).", show_default=False),
    ] = None,
    target: Annotated[
        int | None,
        typer.Option("--target", help="Target level to plan for (default: the answer file's, else the next level).", show_default=False),
    ] = None,
    template_dir: Annotated[
        list[Path] | None,
        typer.Option(
            "--template-dir",
            metavar="DIR",
            help="Directory searched before the built-in templates (override one template, e.g. the cover or report.css). Repeatable.",
        ),
    ] = None,
    rules: RulesOption = None,
    strict: StrictOption = False,
) -> None:
    """Render the graded report: summary, gates, sub-domains, charts, gaps, prioritised plan, shortest path, roadmap, annexes."""
    st = state(ctx)
    report_lang = lang.value if lang else detect_lang(None)
    st.lang = "zh" if report_lang == "bilingual" else detect_lang(report_lang)
    if target is not None and not 1 <= target <= 5:
        raise InputError([Problem("report.bad_target")])
    fmt = format or ReportFormat.from_path(output)
    if not output.parent.exists():
        raise InputError([Problem("cli.output_dir_missing", {"path": str(output.parent)})])
    loaded, loaded_rules, result = load_and_score(st, file, rules, strict)
    report_problems(list(loaded.warnings), st.lang)
    data = ReportInput(result=result, questionnaire=loaded.questionnaire, answers=loaded.answers, rules=loaded_rules.rules)
    payload = render_report(data, fmt, report_lang, template_dir or [], target=target)  # type: ignore[arg-type]
    write_atomic(output, payload)  # only after rendering succeeded
    err_console().print(msg("cli.wrote", st.lang, path=output))
