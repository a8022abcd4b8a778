"""The improvement plan as a workbook that prints: a table sheet (a row per project, the long
columns wrapped, landscape, one page wide, the header row repeated on every page), a Gantt sheet
(rank, project and a column per quarter filled in its phase's colour, on its own so it is never
split from its rows) and a summary sheet (levels, roadmap, phases, tiers); every text cell through
:func:`set_value`."""

from __future__ import annotations

import io
import math
import unicodedata

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from maturity.excel.cells import set_value
from maturity.formats.plan import (
    PlanDoc,
    cells,
    headers,
    level_lines,
    phase_title,
    reserve_heading,
    roadmap_heading,
    tier_lines,
)
from maturity.plan import schedule_limits

# phase colours, repeated past five phases (light, so the text on them stays readable)
PHASE_FILLS = ("9DC3E6", "A9D18E", "FFD966", "F4B183", "C9A0DC")
RESERVE_FILL = "E7E6E6"  # reserve projects: grey, they are not a commitment
WIDTHS = {
    "project": 24,
    "id": 16,
    "owner": 14,
    "kpis": 24,
    "baseline": 18,
    "needs": 16,
    "closes": 18,
    "first_step": 32,
    "blocks": 12,
    "statutory": 22,
}
LINE_HEIGHT = 13  # points per wrapped line at the default 11 pt font
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
TOP = Alignment(wrap_text=True, vertical="top")


def gantt(doc: PlanDoc) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = doc.label("plan.title")[:31]
    _table(ws, doc)
    _gantt_sheet(wb.create_sheet(doc.label("plan.gantt")[:31]), doc)
    _phases_sheet(wb.create_sheet(doc.label("plan.col.phase")[:31]), doc)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _header(ws: Worksheet, texts: list[str]) -> None:
    for col, text in enumerate(texts, 1):
        cell = set_value(ws.cell(row=1, column=col), text)
        cell.font, cell.fill, cell.alignment = Font(bold=True), HEADER_FILL, TOP


def _printable(ws: Worksheet, paper: int = Worksheet.PAPERSIZE_A4) -> None:
    """Landscape, one page wide (as many tall as needed), row 1 repeated on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = paper
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.page_margins.left = ws.page_margins.right = 0.4


def _table(ws: Worksheet, doc: PlanDoc) -> None:
    columns = doc.columns
    titles = headers(doc)
    if doc.legislation() and "statutory" in columns:  # the stamp sits where the laws are read
        titles[columns.index("statutory")] += "\n" + doc.legislation("plan.legislation_short")
    _header(ws, titles)
    for line, step in enumerate(doc.plan.steps, 2):
        for col, (key, value) in enumerate(zip(columns, cells(doc, step), strict=True), 1):
            number = value.isdigit() and key in ("phase", "rank")
            cell = set_value(ws.cell(row=line, column=col), int(value) if number else value)
            cell.alignment = TOP
    widths = [WIDTHS.get(key, 9) for key in columns]
    for col, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = width
    _row_heights(ws, widths)
    ws.freeze_panes = ws.cell(row=2, column=4)  # header and the project's id stay in view
    # fifteen columns: on A4 one page wide would print at half size, on A3 at about 90%
    _printable(ws, Worksheet.PAPERSIZE_A3)


def _row_heights(ws: Worksheet, widths: list[int]) -> None:
    """Each row as tall as its longest wrapped cell: LibreOffice keeps the default height of a
    row read from a file, so wrapped text would print over the next row."""
    for row in ws.iter_rows():
        lines = max(
            math.ceil(_shown_width(str(c.value or "")) / max(w - 1, 1))
            for c, w in zip(row, widths, strict=False)
        )
        ws.row_dimensions[row[0].row].height = LINE_HEIGHT * max(lines, 1) + 2


def _shown_width(text: str) -> int:
    """Columns a text takes: a Chinese character is two, as in a column width."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _gantt_sheet(ws: Worksheet, doc: PlanDoc) -> None:
    """Rank, project and a column per quarter: the bars sit beside their names on every page."""
    quarters = doc.plan.quarters
    _header(ws, [doc.label("plan.col.rank"), doc.label("plan.col.project"), *map(str, quarters)])
    for line, step in enumerate(doc.plan.steps, 2):
        set_value(ws.cell(row=line, column=1), step.rank)
        set_value(ws.cell(row=line, column=2), doc.text(step.name)).alignment = TOP
        colour = RESERVE_FILL if step.reserve else PHASE_FILLS[(step.phase - 1) % len(PHASE_FILLS)]
        fill = PatternFill("solid", fgColor=colour)
        for offset, quarter in enumerate(quarters, 3):
            if step.start <= quarter <= step.end:
                ws.cell(row=line, column=offset).fill = fill
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 30
    for offset in range(len(quarters)):
        ws.column_dimensions[get_column_letter(3 + offset)].width = 8
    ws.freeze_panes = ws.cell(row=2, column=3)
    _printable(ws)


def _phases_sheet(ws: Worksheet, doc: PlanDoc) -> None:
    """The levels' minimal sets, the roadmap's phases with their budgets, the reserve, the note on
    what the bands are and the tiers: one line each."""
    plan = doc.plan
    lines: list[tuple[str, bool]] = [(text, False) for text in level_lines(doc)]
    lines += [
        ("", False),
        (roadmap_heading(doc), True),
        (doc.label("plan.roadmap_rule", **schedule_limits()), False),
    ]
    lines += [(phase_title(doc, p), False) for p in plan.phases if not p.reserve]
    if plan.reserve:
        lines += [
            ("", False),
            (reserve_heading(doc), True),
            (doc.label("plan.reserve_rule"), False),
        ]
    lines += [
        ("", False),
        (doc.label("plan.start_rule"), False),
        (doc.label("plan.indicative"), False),
        (doc.text(plan.cost_note), False),
        (doc.legislation(), False),
    ]
    if doc.tiers:
        lines += [
            ("", False),
            (doc.label("plan.tiers"), True),
            *((t, False) for t in tier_lines(doc)),
        ]
    for number, (text, bold) in enumerate(lines, 1):
        if text:
            cell = set_value(ws.cell(row=number, column=1), text)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            cell.font = Font(bold=bold)
    ws.column_dimensions["A"].width = 110
    _row_heights(ws, [110])
    _printable(ws)
