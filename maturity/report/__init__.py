"""The graded maturity report: what it is made from (:mod:`.inputs`), its view-model
(:mod:`.context`), rendering (:mod:`.render`), charts, templates and PDF output.

Only the light pieces are imported here so that commands that do not render stay fast.
"""

from maturity.report.inputs import ManifestRow, ReportFormat, ReportInput, SignatureInfo

__all__ = ["ManifestRow", "ReportFormat", "ReportInput", "SignatureInfo"]
