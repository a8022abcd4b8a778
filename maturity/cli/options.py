"""The options several commands share, defined once so that their names and help read the same
everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from maturity.cli.app import state
from maturity.cli.environment import default_lang, detect_lang
from maturity.i18n import Lang, msg
from maturity.portfolio import Audience
from maturity.report.inputs import ReportFormat


def _lang_callback(ctx: typer.Context, value: str | None) -> Lang:
    try:
        lang = detect_lang(value)
    except ValueError:
        raise typer.BadParameter(msg("cli.bad_lang", default_lang(), value=value)) from None
    state(ctx).lang = lang
    return lang


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help=(
            "Language of the output: zh or en (default: $MATURITY_LANG, then the locale, then zh)."
        ),
        callback=_lang_callback,
        show_default=False,
    ),
]
RulesOption = Annotated[
    Path | None,
    typer.Option(
        "--rules",
        help="Scoring-rules YAML to use instead of the questionnaire's default.",
        show_default=False,
    ),
]
AnswerFilesArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="FILES",
        help="Answer files, directories (searched recursively) or glob patterns.",
        show_default=False,
    ),
]
StrictOption = Annotated[
    bool, typer.Option("--strict", help="Treat warnings (e.g. unanswered requirements) as errors.")
]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=1,
        help="Worker processes when there are many files (default: all cores).",
        show_default=False,
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file (atomically) instead of standard output.",
        show_default=False,
    ),
]
# report and portfolio: a document written to a file whose name gives its format
ReportOutputOption = Annotated[
    Path,
    typer.Option("--output", "-o", help="Report file: .pdf, .html or .md.", show_default=False),
]
ReportFormatOption = Annotated[
    ReportFormat | None,
    typer.Option(
        "--format",
        "-f",
        help="Output format (default: from the file name).",
        show_default=False,
    ),
]

__all__ = [
    "AnswerFilesArgument",
    "JobsOption",
    "LangOption",
    "OutputOption",
    "ReportFormatOption",
    "ReportOutputOption",
    "RulesOption",
    "StrictOption",
]

AudienceOption = Annotated[
    Audience,
    typer.Option(
        "--audience",
        help="Who the portfolio output is for: internal names every client; bureau names only "
        "clients that consented (assessment.consent); client shows one client (--org) against the "
        "portfolio; shareable ones round averages to 0.5 (docs/benchmark.md).",
    ),
]
IssuerOption = Annotated[
    str | None,
    typer.Option(
        "--issuer",
        metavar="TEXT",
        help="Who issues the portfolio output, on its cover and every page (default: the assessor "
        "organisation, when every answer file names the same one).",
        show_default=False,
    ),
]
RecipientOption = Annotated[
    str | None,
    typer.Option(
        "--recipient",
        metavar="TEXT",
        help="Whom the confidentiality line names, e.g. the bureau of a city (default: the "
        "industry authority for bureau, the client for client).",
        show_default=False,
    ),
]
OrgOption = Annotated[
    str | None,
    typer.Option(
        "--org",
        metavar="ID|NAME",
        help="With --audience client: the client (its organisation.id or name), shown against the "
        "portfolio.",
        show_default=False,
    ),
]
LedgerOption = Annotated[
    Path | None,
    typer.Option(
        "--ledger",
        metavar="FILE",
        help="The ledger of shareable editions issued (JSON, created if missing): refuse an "
        "edition whose clients differ from an issued one's by only 1 or 2 (docs/benchmark.md).",
        show_default=False,
    ),
]
