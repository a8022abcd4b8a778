"""Tables as files: CSV (the first table) and a formatted workbook (one sheet per table), for
``benchmark`` and ``trend`` with ``-o x.csv|x.xlsx``. The workbook uses the portfolio workbook's
sheet helpers (:mod:`maturity.excel.sheets`): frozen header, autofilter, widths, number formats.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field

from maturity.text import csv_text


@dataclass(frozen=True)
class DataTable:
    title: str  # the sheet's name
    columns: list[str]  # headers, in the output language
    rows: list[Sequence[object]] = field(default_factory=list)
    formats: list[str | None] = field(default_factory=list)  # number format of each column
    widths: list[float] = field(default_factory=list)


def to_csv(table: DataTable) -> str:
    """The table as CSV with a BOM (Excel opens it as UTF-8), text defused against formulas, a
    hidden figure (None) as an empty field."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([csv_text(c) for c in table.columns])
    for row in table.rows:
        writer.writerow(
            ["" if v is None else csv_text(v) if isinstance(v, str) else v for v in row]
        )
    return buffer.getvalue()


def to_xlsx(tables: Sequence[DataTable]) -> bytes:
    """One formatted sheet per table; a hidden figure (None) shows as '–'."""
    from openpyxl import Workbook

    from maturity.excel.sheets import Sheet

    book = Workbook(write_only=True)
    for table in tables:
        sheet = Sheet(book, table.title[:31], freeze="B2")  # Excel's limit on a sheet name
        sheet.widths(table.widths or [max(10.0, min(len(c) + 4.0, 30.0)) for c in table.columns])
        sheet.header(table.columns)
        for row in table.rows:
            sheet.append(["–" if v is None else v for v in row], table.formats)
        sheet.table_end(1, len(table.columns))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
