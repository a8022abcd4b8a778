"""The output layer: the shape of everything maturity prints or writes, one module per kind of data.

Each kind has one enum of the formats it can take (the values of its command's ``--format``) whose
``to_format()`` gives a small renderer class, as in pip-audit:

- :mod:`.result` — ``ResultFormat`` (table, json): one scored assessment (``score FILE``,
``assess``)
- :mod:`.batch` — ``BatchFormat`` (table, json, jsonl, csv, xlsx): many scored files (``score DIR``)
- :mod:`.history` — ``HistoryFormat`` (table, json): ``compare`` and ``trend``
- :mod:`.benchmark` — ``BenchmarkFormat`` (table, json): ``benchmark``
- :mod:`.questionnaire` — ``QuestionnaireFormat`` (table): ``questionnaires`` and ``show``
- :mod:`.verdict` — ``VerdictFormat`` (table): ``verify``
- :mod:`.template` — ``TemplateFormat`` (yaml, xlsx): blank answer files (``template``)

Renderers return text, bytes or a rich renderable and never print or open a file: the CLI
(:mod:`maturity.cli.output`) decides between standard output and an ``-o`` file and writes
atomically. The batch writers alone write as they go, into the stream the CLI hands them, so that
a batch of any size needs no more memory than one row. rich is imported inside the renderers that
use it (and by :mod:`.console`, the one console factory, itself imported lazily): JSON and CSV
output start faster without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from maturity.i18n import Lang, msg
from maturity.numbers import fmt_score
from maturity.text import printable

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text


def render_text(renderable: object, width: int = 120) -> str:
    """A rich renderable as plain text, for writing to a file (names shown as they are: no
    markup)."""
    import io

    from maturity.formats.console import safe_console

    buffer = io.StringIO()
    safe_console(
        file=buffer, width=width, color_system=None, force_terminal=False, markup=False, emoji=False
    ).print(renderable)
    return buffer.getvalue()


def json_document(document: dict[str, Any]) -> str:
    """A JSON document of the tables' data: readable Chinese, indented, one final newline."""
    import json

    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def new_table(title: str | None = None, *columns: str, **options: Any) -> Table:
    """A rich table with a left-aligned title and the given (left-aligned) columns."""
    from rich.table import Table

    table = Table(title=title, title_justify="left", **options)
    for column in columns:
        table.add_column(column)
    return table


def styled(text: str, style: str = "") -> Text:
    """Text in a style. Every rich Text of user text is built here or from :func:`printable` output:
    Text() itself silently drops BEL, BS, VT, FF and CR, which must be shown, never dropped."""
    from rich.text import Text

    return Text(printable(text), style=style)


def shown_standing(level: int | None, score: float | None, lang: Lang) -> tuple[str, str]:
    """A sub-domain's or plan domain's level and score as shown: N/A (不适用) when it is out of
    the assessment (tailored, or nothing applicable), never level 0 and 0.00."""
    if score is None:
        na = msg("out.not_applicable", lang)
        return na, na
    return str(level), fmt_score(score)


__all__ = ["json_document", "new_table", "render_text", "shown_standing", "styled"]
