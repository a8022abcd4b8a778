"""Answer workbooks (.xlsx) for people who work in Excel or WPS rather than in YAML.

``blank_workbook`` writes a workbook that mirrors ``maturity template``: a guide sheet, a
profile sheet (one row per answer-file field) and an answers sheet (one row per applicable
requirement, or per quick-scan question). ``read_workbook`` turns a filled workbook back into
exactly the data a parsed YAML answer file would hold, so the same schema validation and
cross-checks apply; its :class:`WorkbookDocument` points problems at ``Sheet!Cell``.

Sheets and column headers are recognised in both languages, so a Chinese workbook can be
filled in by someone who renamed the sheets to English and the other way round.
"""

from maturity.excel.layout import COLUMN_NAMES, MAX_BYTES, SHEET_NAMES
from maturity.excel.reader import WorkbookDocument, read_workbook
from maturity.excel.writer import blank_workbook

__all__ = [
    "COLUMN_NAMES",
    "MAX_BYTES",
    "SHEET_NAMES",
    "WorkbookDocument",
    "blank_workbook",
    "read_workbook",
]
