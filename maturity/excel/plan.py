"""The improvement plan as a Gantt-style workbook: a row per project, a column per quarter, the
quarters it runs filled in its phase's colour; every text cell through :func:`set_value`."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from maturity.excel.cells import set_value
from maturity.formats.plan import COLUMNS, PlanDoc, headers, row, tier_lines

# phase colours, repeated past five phases (light, so the text on them stays readable)
PHASE_FILLS = ("9DC3E6", "A9D18E", "FFD966", "F4B183", "C9A0DC")
WIDTHS = {"project": 28, "owner": 16, "kpis": 30, "closes": 24, "first_step": 40, "statutory": 24}
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")


def gantt(doc: PlanDoc) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = doc.label("plan.title")[:31]
    quarters = doc.plan.quarters
    titles = headers(doc)
    if doc.legislation():  # the stamp sits on the legal column, where the citations are read
        titles[COLUMNS.index("statutory")] += "\n" + doc.legislation("plan.legislation_short")
    for col, text in enumerate([*titles, *(str(q) for q in quarters)], 1):
        cell = set_value(ws.cell(row=1, column=col), text)
        cell.font, cell.fill = Font(bold=True), HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    first_quarter = len(COLUMNS) + 1
    for line, step in enumerate(doc.plan.steps, 2):
        for col, value in enumerate(row(doc, step).values(), 1):
            number = value.isdigit() and COLUMNS[col - 1] in ("phase", "rank")
            cell = set_value(ws.cell(row=line, column=col), int(value) if number else value)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        fill = PatternFill("solid", fgColor=PHASE_FILLS[(step.phase - 1) % len(PHASE_FILLS)])
        for offset, quarter in enumerate(quarters):
            if step.start <= quarter <= step.end:
                ws.cell(row=line, column=first_quarter + offset).fill = fill
    for col, key in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(col)].width = WIDTHS.get(key, 11)
    for offset in range(len(quarters)):
        ws.column_dimensions[get_column_letter(first_quarter + offset)].width = 9
    ws.freeze_panes = ws.cell(row=2, column=4)  # header and the project's id stay in view
    _phases_sheet(wb, doc)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _phases_sheet(wb: Workbook, doc: PlanDoc) -> None:
    """One line per phase with its indicative budget, and the note on what the bands are."""
    ws = wb.create_sheet(doc.label("plan.col.phase")[:31])
    for phase in doc.plan.phases:
        title = doc.label(
            "plan.phase", n=phase.number, start=phase.start, end=phase.end, budget=doc.budget(phase)
        )
        set_value(ws.cell(row=phase.number, column=1), title)
    line = len(doc.plan.phases) + 2
    set_value(ws.cell(row=line, column=1), doc.label("plan.indicative"))
    set_value(ws.cell(row=line + 1, column=1), doc.text(doc.plan.cost_note))
    set_value(ws.cell(row=line + 2, column=1), doc.legislation())
    if doc.tiers:
        set_value(ws.cell(row=line + 3, column=1), doc.label("plan.tiers")).font = Font(bold=True)
    for offset, text in enumerate(tier_lines(doc), line + 4):
        set_value(ws.cell(row=offset, column=1), text)
    ws.column_dimensions["A"].width = 90
