"""Output formats for scoring results: one small class per format behind one interface.

Formats return text or a rich renderable and never write files; the CLI decides where the
output goes and opens a file only after rendering succeeded. The table format (and with it rich)
is imported only when chosen: JSON output starts faster without it.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from maturity.formats.json import JsonFormat
from maturity.formats.view import ResultView

if TYPE_CHECKING:
    from rich.console import RenderableType


class ResultFormat(Protocol):
    """Turns one scored assessment into output."""

    def render(self, view: ResultView) -> RenderableType | str: ...


class FormatChoice(StrEnum):
    table = "table"
    json = "json"

    def to_format(self) -> ResultFormat:
        if self is FormatChoice.table:
            from maturity.formats.table import TableFormat

            return TableFormat()
        if self is FormatChoice.json:
            return JsonFormat()
        raise AssertionError(self)  # pragma: no cover - exhaustiveness is tested


def render_text(renderable: object, width: int = 120) -> str:
    """A rich renderable as plain text, for writing to a file (names shown as they are: no markup)."""
    import io

    from maturity.formats.console import safe_console

    buffer = io.StringIO()
    safe_console(file=buffer, width=width, color_system=None, force_terminal=False, markup=False, emoji=False).print(renderable)
    return buffer.getvalue()


__all__ = ["FormatChoice", "JsonFormat", "ResultFormat", "ResultView", "render_text"]
