"""The portfolio workbook a consultant sends as is (``maturity score DIR -o portfolio.xlsx``).

Sheets: a summary (level distribution against CESI's national self-diagnosis figures with source
and year, plan-domain and sub-domain averages, two native bar charts), the clients (every file, one
row each: frozen header, autofilter, widths, two-decimal scores, translated sizes, types, profiles
and modes, level colours), a heat map of sub-domain levels per organisation (its latest
assessment), and the files that failed. The figures are :mod:`maturity.portfolio`'s.

The clients sheet streams (write-only); the summary and the heat map need every row, so the rows
are kept (about 6 KB each: 60 MB for 10,000 files) and written at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any

from maturity.collation import ClientOrder, sort_by
from maturity.editions import MIN_APART
from maturity.excel.sheets import (
    SCORE_FORMAT,
    SHARE_FORMAT,
    Sheet,
    enum_label,
    is_level,
    number_formats,
    width_of,
)
from maturity.formats.benchmark import BUCKETS, bucket_label, hidden_note
from maturity.i18n import Lang, msg
from maturity.labels import PLAN_DOMAIN_NAMES
from maturity.numbers import shown_average
from maturity.peers import MIN_COHORT, SMALL_CELL
from maturity.portfolio import AVERAGE_STEP, Audience
from maturity.reference import cited_text
from maturity.schema.base import PlanDomain

if TYPE_CHECKING:
    from maturity.editions import Edition, Request
    from maturity.portfolio import Average, Portfolio
    from maturity.reference import Snapshot

Labeller = Callable[[str], str]
ENUM_COLUMNS = ("size", "type", "profile", "mode")
# the clients sheet is read, not typed into: words a reader uses ("Medium-sized", "Batch
# process"), where the answer workbook's lists and the benchmark keep the short codes' words
READER_KEYS = {
    "size": "portfolio.size.",
    "type": "portfolio.type.",
    "profile": "portfolio.profile.",
    "mode": "excel.mode.",
}
SUMMARY_WIDTHS = (30, 16, 27)  # level or domain, this portfolio, each national column
HEAT_SCALE = ("F8696B", "FFEB84", "63BE7B")  # level 0, 2.5, 5: red, yellow, green
COARSE_FORMAT = "0.0"  # a shareable edition's averages, in steps of AVERAGE_STEP


class PortfolioWorkbook:
    def __init__(
        self,
        labeller: Labeller,
        lang: Lang,
        national: Sequence[Snapshot] = (),
        names: Mapping[str, str] | None = None,
        reader: Request | None = None,
    ) -> None:
        from maturity.editions import Request

        self.reader = reader or Request()
        self.audience = self.reader.audience
        self.labeller = labeller
        self.lang = lang
        self.national = list(national)
        self.names = dict(names or {})  # sub-domain id -> name in the output language
        self.rows: list[dict[str, Any]] = []
        self.columns: list[str] = []

    def start(self, stream: IO[bytes]) -> None:
        from openpyxl import Workbook

        self.stream = stream
        self.book = Workbook(write_only=True)
        # created in the order they are shown; each streams on its own, so filling the summary
        # last is fine
        self.summary = Sheet(self.book, msg("portfolio.sheet.summary", self.lang))
        if self.audience.names_clients:  # a shareable workbook has no sheet that names a client
            self.clients = Sheet(self.book, msg("out.batch.results_sheet", self.lang), freeze="C2")
            self.heat = Sheet(self.book, msg("portfolio.sheet.heatmap", self.lang), freeze="C2")

    def add(self, row: dict[str, Any]) -> None:
        if not self.audience.names_clients:
            self.rows.append(row)
            return
        if not self.columns:
            self._client_header(list(row))
        na = msg("out.not_applicable", self.lang)
        shown = [self._shown(c, row.get(c), na) for c in self.columns]
        self.clients.append(shown, self.formats)
        self.rows.append(row)

    def _client_header(self, columns: list[str]) -> None:
        self.columns = columns
        self.formats = number_formats(columns)
        labels = [self.labeller(c) for c in columns]
        self.clients.widths([width_of(label, c) for label, c in zip(labels, columns, strict=True)])
        self.clients.header(labels)

    def _shown(self, column: str, value: object, na: str) -> object:
        if value is None and column.endswith((".level", ".score")):
            return na  # out of the assessment: an empty cell would be averaged as 0
        return (
            enum_label(column, value, self.lang, READER_KEYS) if column in ENUM_COLUMNS else value
        )

    def finish(self, failures: Sequence[tuple[str, str, str]]) -> None:
        """The summary, the heat map and the failures; then the workbook is saved."""
        from maturity.editions import edition
        from maturity.excel.edition import label_book
        from maturity.portfolio import summarise

        figures = summarise(self.rows, audience=self.audience)
        ed = edition(self.rows, self.reader)
        write_summary(self.summary, figures, self.lang, self.national, self.names, ed)
        if self.audience.names_clients:  # file names and messages name clients too
            self._finish_clients()
            write_heat_map(self.heat, figures, self.lang, self.names)
            self.heat.print_large(columns="A:A")
            failed = Sheet(self.book, msg("out.batch.failures_sheet", self.lang), freeze="A2")
            write_failures(failed, failures, self.lang)
        label_book(self.book, ed, self.lang)  # every sheet is made by now
        self.book.save(self.stream)

    def _finish_clients(self) -> None:
        from openpyxl.utils import get_column_letter

        self.clients.table_end(1, len(self.columns))
        last = self.clients.rows
        levels = [
            f"{get_column_letter(i)}2:{get_column_letter(i)}{last}"
            for i, c in enumerate(self.columns, 1)
            if is_level(c)
        ]
        if last > 1:
            self.clients.level_colours(levels)
        self._print_key_columns()

    def _print_key_columns(self) -> None:
        """Printed, the clients sheet is its key columns (organisation to the level scores) on
        A3 landscape with the header on every page: all 72 fitted to one width are unreadable.
        The sub-domain levels print from the heat map sheet."""
        from openpyxl.utils import get_column_letter

        keys = [
            i for i, c in enumerate(self.columns, 1) if c == "organisation" or _is_level_score(c)
        ]
        if len(keys) > 1:
            first, last = get_column_letter(keys[0]), get_column_letter(keys[-1])
            self.clients.ws.print_area = f"{first}1:{last}{self.clients.rows}"
        self.clients.print_large()


def _is_level_score(column: str) -> bool:
    return len(column) == 2 and column[0] == "L" and column[1].isdigit()


def write_summary(
    sheet: Sheet,
    figures: Portfolio,
    lang: Lang,
    national: Sequence[Snapshot],
    names: Mapping[str, str],
    ed: Edition | None = None,
) -> None:
    from openpyxl.utils import get_column_letter

    from maturity.excel.edition import CLIENT_COLUMNS, write_cover, write_reader_part

    columns = 2 + max(len(national), 1)
    client = ed is not None and ed.client is not None
    if client:  # its table is wider than the others: the charts stand right of it
        columns = max(columns, CLIENT_COLUMNS)
    sheet.widths([*SUMMARY_WIDTHS[:2], *([SUMMARY_WIDTHS[2]] * (columns - 2))])
    charts = get_column_letter(columns + 1)
    sheet.title(msg("portfolio.title", lang))
    write_cover(sheet, figures, ed, lang)
    sheet.append(
        [msg("portfolio.counts", lang, organisations=figures.organisations, files=figures.files)]
    )
    sheet.append([])
    write_reader_part(sheet, ed, names, lang, _noter(sheet, national))
    first = _distribution(sheet, figures, lang, national)
    if ed is not None:
        from maturity.editions import membership_line

        _noter(sheet, national)(membership_line(ed, lang))
    chart_title = msg("portfolio.chart.distribution", lang)
    if None in figures.shares.values():  # no bar is not 0 %: say so where the bars are
        chart_title = msg("portfolio.chart.hidden", lang, title=chart_title)
    _bar_chart(sheet, chart_title, first, 2 + len(national), f"{charts}4")
    sheet.append([])
    plan_first = _averages(
        sheet,
        msg("portfolio.plan_title", lang),
        msg("col.plan_domain", lang),
        figures.plan_domains,
        {p.value: PLAN_DOMAIN_NAMES[p].get(lang) for p in PlanDomain},
        lang,
        figures.audience,
    )
    _bar_chart(
        sheet, msg("portfolio.chart.plan", lang), plan_first, 2, f"{charts}22", percent=False
    )
    sheet.append([])
    if figures.audience.names_clients:
        # a shareable workbook leaves them out, as the PDF does: twenty averages in steps of 0.5
        # each flip when one client near the edge is added or left out (review r4-pack2 N2)
        _averages(
            sheet,
            msg("portfolio.subdomain_title", lang),
            msg("col.capability_subdomain", lang),
            figures.subdomains,
            names,
            lang,
            figures.audience,
        )
    note = _noter(sheet, national)
    note(msg("portfolio.average_note", lang, min=MIN_COHORT))
    if not figures.audience.names_clients:
        note(
            msg(
                "portfolio.average_coarse", lang, step=AVERAGE_STEP, min=MIN_COHORT, apart=MIN_APART
            )
        )


def _noter(sheet: Sheet, national: Sequence[Snapshot]) -> Callable[[str], int]:
    """Notes over the summary's table columns, which the charts stand to the right of."""
    columns = 2 + max(len(national), 1)
    width = sum(SUMMARY_WIDTHS[:2]) + SUMMARY_WIDTHS[2] * (columns - 2)
    return lambda text: sheet.note(text, width)


def _distribution(
    sheet: Sheet, figures: Portfolio, lang: Lang, national: Sequence[Snapshot]
) -> tuple[int, int]:
    """The distribution table; returns its header row and last row (for the chart)."""
    sheet.title(msg("portfolio.distribution_title", lang), size=12)
    header = sheet.header(
        [
            msg("col.level", lang),
            msg("col.this_portfolio", lang),
            *(msg("col.national", lang, source=s.publisher, year=s.year) for s in national),
        ]
    )
    formats = [None, SHARE_FORMAT, *([SHARE_FORMAT] * len(national))]
    for b in BUCKETS:
        share = figures.shares.get(b)
        sheet.append(
            [
                bucket_label(b, lang),
                # "–" as in the PDF: an empty cell read as 0 % (the chart's title says what it is)
                "–" if share is None else share / 100,
                *(s.shares[b] for s in national),
            ],
            formats,
        )
    last = sheet.rows
    note = _noter(sheet, national)
    hidden = hidden_note(figures.shares, lang) if figures.audience.names_clients else None
    if hidden is not None:  # an internal edition only: a remainder tells about a hidden level
        note(hidden)
    note(msg("out.benchmark.coarse_note", lang, step=figures.share_step, cell=SMALL_CELL))
    for s in national:
        note(msg("portfolio.source", lang, year=s.year, source=cited_text(s.cited, s.status, lang)))
    return header, last


def _averages(
    sheet: Sheet,
    title: str,
    first_column: str,
    averages: Sequence[Average],
    names: Mapping[str, str],
    lang: Lang,
    audience: Audience,
) -> tuple[int, int]:
    # a shareable average is in steps of 0.5: "2.00" would claim a precision it does not have
    fmt = SCORE_FORMAT if audience.names_clients else COARSE_FORMAT
    sheet.title(title, size=12)
    header = sheet.header(
        [first_column, msg("col.average_score", lang), msg("col.organisations", lang)]
    )
    for a in averages:
        mean: object = "–" if a.mean is None else shown_average(a.mean)
        sheet.append([names.get(a.key, a.key), mean, a.count], [None, fmt, None])
    return header, sheet.rows


def _bar_chart(
    sheet: Sheet,
    title: str,
    rows: tuple[int, int],
    last_column: int,
    anchor: str,
    percent: bool = True,
) -> None:
    """A native clustered bar chart of the table in ``rows`` (header row, last row), series in
    columns 2..``last_column``, categories in column 1."""
    from openpyxl.chart import BarChart, Reference

    header, last = rows
    chart = BarChart()
    chart.type = "col"
    chart.title = title
    chart.height, chart.width = 7.5, 16
    data = Reference(sheet.ws, min_col=2, max_col=last_column, min_row=header, max_row=last)
    chart.add_data(data, titles_from_data=True)
    chart.set_categories(Reference(sheet.ws, min_col=1, min_row=header + 1, max_row=last))
    chart.y_axis.numFmt = SHARE_FORMAT if percent else SCORE_FORMAT
    chart.y_axis.scaling.min = 0
    if not percent:
        chart.y_axis.scaling.max = 5
    chart.y_axis.delete = False  # LibreOffice and recent Excel hide axes openpyxl leaves implicit
    chart.x_axis.delete = False
    sheet.ws.add_chart(chart, anchor)


def write_heat_map(sheet: Sheet, figures: Portfolio, lang: Lang, names: Mapping[str, str]) -> None:
    """Sub-domain levels per organisation (latest assessment), coloured on a 0-5 scale; a
    tailored sub-domain is N/A as text, never a 0."""
    from openpyxl.formatting.rule import ColorScaleRule
    from openpyxl.utils import get_column_letter

    from maturity.portfolio import subdomain_ids

    subs = subdomain_ids(figures.latest)
    sheet.widths([28, 10, *([12] * len(subs))])
    sheet.header(
        [msg("col.organisation", lang), msg("col.maturity_level", lang)]
        + [names.get(s, s) for s in subs]
    )
    na = msg("out.not_applicable", lang)
    for row in sort_by(figures.latest, ClientOrder.name, lang, lambda row: row):
        levels = [row.get(f"{s}.level") for s in subs]
        sheet.append([row["organisation"], row["level"], *(na if v is None else v for v in levels)])
    sheet.table_end(1, 2 + len(subs))
    last = sheet.rows
    if last < 2:
        return
    sheet.level_colours([f"B2:B{last}"])
    if subs:
        low, mid, high = HEAT_SCALE
        sheet.ws.conditional_formatting.add(
            f"C2:{get_column_letter(2 + len(subs))}{last}",
            ColorScaleRule(
                start_type="num",
                start_value=0,
                start_color=low,
                mid_type="num",
                mid_value=2.5,
                mid_color=mid,
                end_type="num",
                end_value=5,
                end_color=high,
            ),
        )


def write_failures(sheet: Sheet, failures: Sequence[tuple[str, str, str]], lang: Lang) -> None:
    """The files that could not be scored: file, where, what is wrong."""
    sheet.widths([40, 16, 80])
    sheet.header(msg(key, lang) for key in ("col.file", "col.location", "col.problem"))
    for failure in failures:
        sheet.append(failure)
    sheet.table_end(1, 3)
