"""The portfolio workbook's edition (maturity.editions): the cover rows on top of the Summary
sheet, the bureau's named clients or the client's standing, and the issuer, audience and
confidentiality line in the document properties and every sheet's printed header and footer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from maturity.i18n import Lang, msg
from maturity.text import printable_line

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence

    from maturity.editions import Edition
    from maturity.excel.sheets import Sheet
    from maturity.portfolio import Portfolio
    from maturity.report.edition import ClientRow


def write_cover(sheet: Sheet, figures: Portfolio, ed: Edition | None, lang: Lang) -> None:
    """Audience, issuer, period and confidentiality, one row each (the audience alone without an
    edition)."""
    from maturity.editions import cover_lines

    if ed is None:
        sheet.append([msg(f"portfolio.audience.{figures.audience.value}", lang, org="")])
        return
    for line in cover_lines(ed, lang):
        sheet.append([line])


# the client's table: its item, its own score, the portfolio's three quartiles, its band
CLIENT_COLUMNS = 6
QUARTILE_FORMAT = "0.0"  # as the PDF shows them (rounded to 0.2 or 0.1)


def write_reader_part(
    sheet: Sheet,
    ed: Edition | None,
    names: Mapping[str, str],
    lang: Lang,
    note: Callable[[str], int],
) -> None:
    """The bureau's named clients, or the client's standing, under the cover rows; ``note``
    writes a paragraph in lines that stay left of the charts."""
    from maturity.report.edition import edition_view

    if ed is None:
        return
    view = edition_view(ed, names, lang)
    if view.named_note:
        sheet.title(msg("edition.named_title", lang), size=12)
        note(view.named_note)
        if view.named_levels:
            note(view.named_levels)
        if view.named:
            named = ("col.organisation", "col.level", "col.assessment_date", "col.consent_date")
            sheet.header(msg(k, lang) for k in named)
            for row in view.named:
                sheet.append(row)
        sheet.append([])
    if view.client_title:
        sheet.title(view.client_title, size=12)
        note(view.client_summary)  # it explains the bands: above the table, never under a chart
        if view.client_progress:
            note(view.client_progress)
        _client_table(sheet, view.client_rows, lang)
        sheet.append([])


def _client_table(sheet: Sheet, rows: Sequence[ClientRow], lang: Lang) -> None:
    """Numbers in their own columns: "2.55 | 1.6 | 2.2 | 2.6", not "2.55 1.6 / 2.2 / 2.6" read as
    one value, and they can be sorted or charted."""
    from maturity.excel.sheets import SCORE_FORMAT

    keys = (
        "col.this_organisation",
        "col.portfolio_q1",
        "col.portfolio_median",
        "col.portfolio_q3",
        "col.standing_band",
    )
    sheet.header(["", *(msg(k, lang) for k in keys)])
    formats = [None, SCORE_FORMAT, *([QUARTILE_FORMAT] * 3)]
    for r in rows:  # its own score a number, to chart or compare, not text
        sheet.append([r.item, r.value, *r.cuts, _indented(sheet, r.band)], formats)


def _indented(sheet: Sheet, text: str) -> Any:
    """A text cell set off from the right-aligned number before it ("2.2 | 中位数…", not
    "2.2中位数…")."""
    from openpyxl.styles import Alignment

    cell = sheet.cell(text)
    cell.alignment = Alignment(horizontal="left", indent=1)
    return cell


def label_book(book: Any, ed: Edition, lang: Lang) -> None:
    """Document properties, and on every sheet a printed header (issuer, confidentiality) and
    footer (confidentiality, page): a printout or a forwarded file still says what it is."""
    from maturity.editions import confidentiality, running_head

    props = book.properties
    props.title = msg("portfolio.title", lang)
    props.creator = _plain(ed.issuer or "")
    props.subject = _plain(msg(f"portfolio.audience.{ed.audience.value}", lang, org=_org(ed)))
    props.description = _plain(confidentiality(ed, lang))
    props.keywords = ed.audience.value
    head, foot = _header_text(running_head(ed, lang)), _header_text(confidentiality(ed, lang))
    for ws in book.worksheets:
        ws.oddHeader.left.text = head
        ws.oddFooter.left.text = foot
        ws.oddFooter.right.text = "&P / &N"  # page / pages


def _org(ed: Edition) -> str:
    return ed.client.organisation if ed.client else ""


def _plain(text: str) -> str:
    """One line, control characters visible: a property cannot hold them."""
    return printable_line(text)


HEADER_TEXT = 110  # Excel allows 255 characters for a header or footer with its codes


def _header_text(text: str) -> str:
    """A header or footer section: '&' starts a code there (&P, &"font"), so it is doubled."""
    plain = _plain(text)
    if len(plain) > HEADER_TEXT:
        plain = plain[: HEADER_TEXT - 1] + "…"
    return plain.replace("&", "&&")
