"""Many scored files: one small writer class per format behind one interface (``maturity score
DIR``).

Writers stream: they receive scored files one by one, write into the stream the CLI hands them and
never hold more than one row (the table and xlsx formats excepted: a table is for people, and xlsx
keeps a write-only workbook). The table is the one format whose output the CLI shows: ``finish``
returns it, and the CLI prints it or writes it as text into the stream.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from maturity.formats import new_table
from maturity.i18n import Lang, msg
from maturity.labels import PLAN_DOMAIN_NAMES
from maturity.numbers import fmt_score
from maturity.schema.base import PlanDomain, Text
from maturity.text import csv_text

if TYPE_CHECKING:
    from rich.console import RenderableType

    from maturity.batch import Failed, Scored
    from maturity.editions import Request
    from maturity.reference import Snapshot

Labeller = Callable[[str], str]  # column key -> readable header


class BatchWriter(Protocol):
    def start(self, stream: IO[bytes]) -> None: ...

    def add(self, item: Scored) -> None: ...

    def finish(self, failures: list[Failed]) -> RenderableType | None:
        """Completes the output; the table format returns its table for the CLI to show."""


class JsonlWriter:
    """One maturity-result/1 document per line."""

    def start(self, stream: IO[bytes]) -> None:
        self.stream = stream

    def add(self, item: Scored) -> None:
        assert item.json is not None
        self.stream.write(item.json)
        self.stream.write(b"\n")

    def finish(self, failures: list[Failed]) -> None:
        self.stream.flush()


class JsonWriter(JsonlWriter):
    """A JSON array of maturity-result/1 documents, written as it goes."""

    def start(self, stream: IO[bytes]) -> None:
        super().start(stream)
        self.first = True
        stream.write(b"[\n")

    def add(self, item: Scored) -> None:
        assert item.json is not None
        self.stream.write((b"" if self.first else b",\n") + item.json)
        self.first = False

    def finish(self, failures: list[Failed]) -> None:
        self.stream.write(b"\n]\n")
        self.stream.flush()


class CsvWriter:
    """Flat rows with stable column ids (file, level, score, L1..L5, <sub-domain>.level, ...)."""

    def start(self, stream: IO[bytes]) -> None:
        self.text = io.TextIOWrapper(
            stream, encoding="utf-8-sig", newline=""
        )  # BOM: Excel opens it as UTF-8
        self.writer: csv.DictWriter[str] | None = None

    def add(self, item: Scored) -> None:
        row = item.summary()
        if self.writer is None:
            self.writer = csv.DictWriter(
                self.text, fieldnames=list(row), extrasaction="ignore", restval=""
            )
            self.writer.writeheader()
        # text defused (OWASP CSV injection), numbers untouched
        shown = not_applicable_cells(row, "N/A")
        self.writer.writerow(
            {k: csv_text(v) if isinstance(v, str) else v for k, v in shown.items()}
        )

    def finish(self, failures: list[Failed]) -> None:
        self.text.flush()
        self.text.detach()


class XlsxWriter:
    """The portfolio workbook (maturity.excel.portfolio): summary with charts, clients, heat map
    and failures; the clients sheet streams, and numbers stay numbers."""

    def __init__(
        self,
        labeller: Labeller,
        lang: Lang,
        national: Sequence[Snapshot] = (),
        names: Mapping[str, str] | None = None,
        reader: Request | None = None,
    ) -> None:
        from maturity.editions import Request
        from maturity.excel.portfolio import PortfolioWorkbook

        self.lang = lang
        self.book = PortfolioWorkbook(labeller, lang, national, names, reader or Request())

    def start(self, stream: IO[bytes]) -> None:
        self.book.start(stream)

    def add(self, item: Scored) -> None:
        self.book.add(item.summary())

    def finish(self, failures: list[Failed]) -> None:
        self.book.finish(
            [
                (
                    failed.path,
                    p.location().removeprefix(p.file or "").lstrip(":"),
                    p.text(self.lang),
                )
                for failed in failures
                for p in failed.problems
            ]
        )


class TableWriter:
    """A summary table for people: one row per organisation."""

    def __init__(self, labeller: Labeller, lang: Lang) -> None:
        self.labeller = labeller
        self.lang = lang
        self.rows: list[dict[str, Any]] = []

    def start(self, stream: IO[bytes]) -> None:
        pass  # nothing streams: finish returns the table, and the CLI shows it or writes it as text

    COLUMNS = ("organisation", "file", "level", "score", "L1", "L2", "L3", "L4", "L5")

    def add(self, item: Scored) -> None:
        row = item.summary()
        self.rows.append({k: row[k] for k in self.COLUMNS})

    def finish(self, failures: list[Failed]) -> RenderableType:
        table = new_table(msg("out.batch.title", self.lang, count=len(self.rows)))
        for key in self.COLUMNS:
            header = (
                key if key.startswith("L") else self.labeller(key)
            )  # L1..L5: the level scores, kept short
            table.add_column(
                header,
                justify="left" if key in ("organisation", "file") else "right",
                overflow="fold",
            )
        for row in self.rows:
            table.add_row(
                *(_cell(row[k]) if k != "file" else Path(str(row[k])).name for k in self.COLUMNS)
            )
        return table


def not_applicable_cells(row: dict[str, Any], na: str) -> dict[str, Any]:
    """A sub-domain or plan domain out of the assessment (its level and score null) as a text
    cell: an empty cell would be read as 0 by a spreadsheet's average."""
    return {k: na if v is None and k.endswith((".level", ".score")) else v for k, v in row.items()}


def _cell(value: object) -> str:
    if value is None:
        return "–"
    return fmt_score(value) if isinstance(value, float) else str(value)


class BatchFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    xlsx = "xlsx"

    @property
    def needs_json(self) -> bool:
        return self in (BatchFormat.json, BatchFormat.jsonl)

    def writer(
        self,
        labeller: Labeller,
        lang: Lang,
        national: Sequence[Snapshot] = (),
        names: Mapping[str, str] | None = None,
        reader: Request | None = None,
    ) -> BatchWriter:
        """``national`` and ``names`` (sub-domain names) serve the workbook's summary and heat
        map; ``reader``: its edition (maturity.editions)."""
        if self is BatchFormat.table:
            return TableWriter(labeller, lang)
        if self is BatchFormat.json:
            return JsonWriter()
        if self is BatchFormat.jsonl:
            return JsonlWriter()
        if self is BatchFormat.csv:
            return CsvWriter()
        if self is BatchFormat.xlsx:
            return XlsxWriter(labeller, lang, national, names, reader)
        raise AssertionError(self)  # pragma: no cover - exhaustiveness is tested


# summary_row's fixed columns -> their headers in the catalogue
_HEADERS = {
    "file": "col.file",
    "organisation": "col.organisation",
    "organisation_id": "col.organisation_id",
    "industry": "col.industry",
    "region": "col.region",
    "size": "col.size",
    "type": "col.type",
    "profile": "col.profile",
    "date": "col.assessment_date",
    "mode": "col.mode",
    "assessor_organisation": "col.assessor_organisation",
    "bureau_consent": "col.bureau_consent",
    "questionnaire": "col.questionnaire",
    "level": "col.maturity_level",
    "score": "col.total_score",
    "target_level": "col.target_level",
    "answered": "col.answered",
    "not_applicable": "col.not_applicable",
    "unanswered": "col.unanswered",
}


def labeller(lang: Lang, subdomain_names: dict[str, Text]) -> Labeller:
    """Readable column headers in one language for the keys of batch.summary_row."""

    def label(key: str) -> str:
        if key in _HEADERS:
            return msg(_HEADERS[key], lang)
        if len(key) == 2 and key[0] == "L" and key[1].isdigit():
            return msg("col.level_score", lang, level=key[1])
        stem, _, part = key.rpartition(".")
        what = msg("col.part_level" if part == "level" else "col.part_score", lang)
        if stem.startswith("plan."):
            name = PLAN_DOMAIN_NAMES[PlanDomain(stem.removeprefix("plan."))].get(lang)
            return msg("col.plan_domain_part", lang, name=name, part=what)
        name = subdomain_names[stem].get(lang) if stem in subdomain_names else stem
        return f"{name} {what}"

    return label
