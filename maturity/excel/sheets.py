"""Formatted write-only sheets, shared by the portfolio workbook, ``benchmark`` and ``trend``.

Write-only (openpyxl streams each sheet to a temporary file), so that a portfolio of 10,000 files
is not held as cells: column widths must be set before the first row (they are written at the top
of the sheet), while frozen panes, the autofilter, conditional formats and charts are written at
the end and may be set at any time before saving. Every text value goes through
:func:`maturity.excel.cells.set_value` (a client named ``=HYPERLINK(...)`` stays text).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from maturity.excel.cells import set_value
from maturity.i18n import Lang, msg
from maturity.numbers import shown_score

SCORE_FORMAT = "0.00"  # scores on the 0-5 scale, never 0.644792
SHARE_FORMAT = "0%"
# level 0..5, red to green, light enough to read black text on
LEVEL_FILLS = ("F4B6B6", "F8CBAD", "FFE699", "E2EFDA", "A9D08E", "70AD47")
HEADER_FILL = "DDEBF7"

# translated enumerations: column -> the catalogue prefix of its values
ENUM_KEYS = {
    "size": "excel.size.",
    "type": "label.type_short.",
    "profile": "label.profile_short.",
    "mode": "excel.mode.",
}


def enum_label(
    column: str, value: object, lang: Lang, keys: Mapping[str, str] = ENUM_KEYS
) -> object:
    """A size, type, profile or mode in the output language (``keys``: column -> message key
    prefix); any other value as it is."""
    from maturity.i18n import MESSAGES

    prefix = keys.get(column)
    if prefix is None or not isinstance(value, str) or prefix + value not in MESSAGES:
        return value
    return msg(prefix + value, lang)


def is_score(column: str) -> bool:
    """Score columns (score, L1..L5, <x>.score) take two decimals."""
    return column == "score" or column.endswith(".score") or _level_score(column)


def is_level(column: str) -> bool:
    return column == "level" or column.endswith(".level")


def _level_score(column: str) -> bool:
    return len(column) == 2 and column[0] == "L" and column[1].isdigit()


PAPERSIZE_A3 = "8"  # the paper size code of A3 in SpreadsheetML (openpyxl's Worksheet.PAPERSIZE_A3)
PAPERSIZE_A4 = "9"  # without one a sheet prints on the printer's default, Letter in LibreOffice


class Sheet:
    """One write-only sheet written row by row, with a bold header and number formats."""

    def __init__(self, book: Any, title: str, freeze: str | None = None) -> None:
        self.ws = book.create_sheet(title)
        if freeze:  # the sheet view is written with the first row, as the widths are
            self.ws.freeze_panes = freeze
        # printed, a sheet fits the page width in landscape instead of spilling over many pages
        self.ws.sheet_properties.pageSetUpPr.fitToPage = True
        self.ws.page_setup.orientation = "landscape"
        self.ws.page_setup.fitToWidth = 1
        self.ws.page_setup.fitToHeight = 0
        self.ws.page_setup.paperSize = PAPERSIZE_A4
        self.rows = 0
        self._styles: dict[str, Any] = {}

    def print_large(self, columns: str | None = None) -> None:
        """Printed on A3 landscape, as wide as the page and as many pages long as it takes, with
        the header row (and ``columns``, e.g. "A:A") on every page."""
        self.ws.page_setup.paperSize = PAPERSIZE_A3
        self.ws.print_title_rows = "1:1"
        if columns:
            self.ws.print_title_cols = columns

    def widths(self, widths: Sequence[float]) -> None:
        """Column widths in characters; only before the first row."""
        from openpyxl.utils import get_column_letter

        assert self.rows == 0, "write-only: widths are written with the first row"
        for index, width in enumerate(widths, 1):
            self.ws.column_dimensions[get_column_letter(index)].width = width

    def append(self, values: Iterable[object], formats: Sequence[str | None] = ()) -> int:
        """A row; ``formats[i]`` is the number format of the i-th value if it is a number."""
        row = [
            self.cell(v, f) if isinstance(v, str) or (f and _number(v)) else v
            for v, f in _padded(values, formats)
        ]  # a bare number or None needs no cell object: 10,000 rows x 70 columns add up
        self.ws.append(row)
        self.rows += 1
        return self.rows

    def header(self, labels: Iterable[str]) -> int:
        from openpyxl.styles import Font, PatternFill

        cells = []
        for label in labels:
            cell = self.cell(label)
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
            cells.append(cell)
        self.ws.append(cells)
        self.rows += 1
        return self.rows

    def note(self, text: str, width: float) -> int:
        """A note in lines of at most ``width`` characters, one row each: run past its table, a
        long line would lie under a chart (and a write-only sheet cannot set the height a
        wrapped cell needs)."""
        for line in display_lines(text, width):
            self.append([line])
        return self.rows

    def title(self, text: str, size: int = 14) -> int:
        from openpyxl.styles import Font

        cell = self.cell(text)
        cell.font = Font(bold=True, size=size)
        self.ws.append([cell])
        self.rows += 1
        return self.rows

    def cell(self, value: object, number_format: str | None = None) -> Any:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.ws)
        if number_format == SCORE_FORMAT and isinstance(value, float):
            # Excel's format would round 0.7979 up to 0.80 beside "level not reached": the cell
            # holds the score as every other output shows it (exact values are in CSV and JSON)
            value = shown_score(value)
        set_value(cell, value)
        if number_format is not None and _number(value):
            cell.number_format = number_format
        return cell

    def table_end(self, header_row: int, columns: int) -> None:
        """Autofilter over the table from its header row."""
        from openpyxl.utils import get_column_letter

        last = get_column_letter(max(columns, 1))
        self.ws.auto_filter.ref = f"A{header_row}:{last}{max(self.rows, header_row)}"

    def level_colours(self, ranges: Sequence[str]) -> None:
        """Each level 0-5 in its colour (conditional: one rule per level, not a style per cell)."""
        from openpyxl.formatting.rule import CellIsRule
        from openpyxl.styles import PatternFill

        if not ranges:
            return
        where = " ".join(ranges)
        for level, colour in enumerate(LEVEL_FILLS):
            fill = PatternFill("solid", start_color=colour, end_color=colour)
            self.ws.conditional_formatting.add(
                where, CellIsRule(operator="equal", formula=[str(level)], fill=fill)
            )


def display_lines(text: str, width: float) -> list[str]:
    """``text`` cut into lines of at most ``width`` display columns (a CJK character takes two),
    at a space in text without CJK, else anywhere (Chinese breaks between any two characters)."""
    words = not any(ord(ch) >= 0x2E80 for ch in text)
    lines: list[str] = []
    line, used = "", 0
    for ch in text:
        size = 2 if ord(ch) >= 0x2E80 else 1
        if used + size > width and line:
            head, space, tail = line.rpartition(" ")
            cut = words and bool(space) and bool(head) and ch != " "
            lines.append(head if cut else line.rstrip())
            line = tail if cut else ""
            used = sum(2 if ord(c) >= 0x2E80 else 1 for c in line)
        if line or ch != " ":
            line, used = line + ch, used + size
    if line:
        lines.append(line)
    return lines


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _padded(
    values: Iterable[object], formats: Sequence[str | None]
) -> Iterable[tuple[object, str | None]]:
    for index, value in enumerate(values):
        yield value, formats[index] if index < len(formats) else None


def number_formats(columns: Sequence[str]) -> list[str | None]:
    """The number format of each summary column: two decimals for scores (levels and counts are
    whole numbers, which Excel's General format shows as they are)."""
    return [SCORE_FORMAT if is_score(c) else None for c in columns]


def width_of(label: str, column: str) -> float:
    """A readable width: the header's, within bounds (a file path gets more)."""
    wide = 40.0 if column == "file" else 24.0 if column == "organisation" else 9.0
    shown = sum(2 if ord(ch) > 0x2E7F else 1 for ch in label)  # CJK characters are twice as wide
    return max(wide, min(float(shown) + 2, 30.0))
