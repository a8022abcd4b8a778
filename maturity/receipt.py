"""The verification receipt: one page, in the reader's language, saying what ``verify`` checked and
found, for a clerk's file. HTML, or a PDF made from it with WeasyPrint (imported lazily)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

from maturity import __version__
from maturity.formats.verdict import MARKS, summary_key, summary_mark
from maturity.i18n import Lang, msg
from maturity.numbers import fmt_score
from maturity.sign import local_time
from maturity.text import printable_line
from maturity.verify import Verdict

_CSS = """
@page { size: A4; margin: 12mm 16mm; }
body { font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif; font-size: 10pt; max-width: 48em;
  margin: auto; line-height: 1.35; }
h1 { font-size: 15pt; margin: 0 0 .4em; }
/* one page is the promise: the added rows (what was assessed, the trust anchor) fit by keeping
   headings and rows tight rather than by a smaller font */
h2 { font-size: 11.5pt; margin: .7em 0 .3em; }
table { border-collapse: collapse; width: 100%; margin-bottom: .6em; }
th, td { text-align: left; vertical-align: top; padding: .18em .5em; border-bottom: 1px solid #ccc;
  overflow-wrap: anywhere; }
th { width: 9em; font-weight: 600; white-space: nowrap; }
/* a fixed label column: a long value wraps in its own cell instead of squeezing the label */
table.rows { table-layout: fixed; }
.hash { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt; }
.note { font-size: 8.5pt; color: #555; margin-top: -.6em; }
.verdict { font-size: 13pt; font-weight: 700; margin: .5em 0; }
.warning { border: 2px solid #b26a00; padding: .4em .6em; font-weight: 600; }
.mark { width: 1.5em; }
.checks th { width: 6em; }
.checks td:nth-child(2) { white-space: nowrap; }
.filing { margin-top: .8em; }
/* on paper the full width: the filing line must still fit on the one page */
@media print { body { max-width: none; } }
"""


@dataclass(frozen=True)
class ReceiptContext:
    """What the receipt says besides the verdict: which file, and when the check ran."""

    report_name: str
    checked_at: dt.datetime
    evidence_dirs: tuple[str, ...] = ()  # the --evidence-dir folders, as given


def receipt_html(verdict: Verdict, lang: Lang, context: ReceiptContext) -> str:
    """The receipt as a self-contained HTML page; every value from the PDF is escaped."""
    title = msg("receipt.title", lang)
    parts = [
        f'<!DOCTYPE html><html lang="{"zh-CN" if lang == "zh" else "en"}"><head>'
        f'<meta charset="utf-8"><meta name="viewport" content="width=device-width">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body><h1>{escape(title)}</h1>",
        # the verdict first: it is what the clerk files
        f'<p class="verdict">{summary_mark(verdict)} {escape(msg(summary_key(verdict), lang))}</p>',
    ]
    if verdict.test_certificate:
        parts.append(f'<p class="warning">{escape(msg("verify.test_warning", lang))}</p>')
    parts += [
        _rows(_report_rows(verdict, lang, context)),
        _assessed(verdict, lang),
        f"<h2>{escape(msg('receipt.checks', lang))}</h2>",
        _checks(verdict, lang),
        f"<h2>{escape(msg('receipt.signer_heading', lang))}</h2>",
        _claimed_only(verdict, lang),
        _rows(_signer_rows(verdict, lang) + _anchor_rows(verdict, lang)),
        f'<p class="note">{escape(_notes(verdict, lang))}</p>',
        f'<p class="filing">{escape(msg("receipt.filing", lang))}</p>',
        "</body></html>\n",
    ]
    return "".join(parts)


def _notes(verdict: Verdict, lang: Lang) -> str:
    notes = [msg("receipt.signed_at_note", lang)]
    if verdict.anchor:
        notes.append(msg("receipt.anchor_note", lang))
    if verdict.assessor and verdict.assessor.accreditation:
        notes.append(msg("receipt.accreditation_note", lang))
    return " ".join(notes)


def receipt_pdf(html: str, lang: Lang, folder: Path) -> bytes:
    from maturity.report.pdf import html_to_pdf

    return html_to_pdf(html, [folder], needs_cjk=lang == "zh")[0]


def _report_rows(verdict: Verdict, lang: Lang, context: ReceiptContext) -> list[tuple[str, str]]:
    return [
        (msg("receipt.report", lang), printable_line(context.report_name)),
        ("SHA-256", _grouped(verdict.sha256)),
        (msg("receipt.checked_at", lang), local_time(context.checked_at)),
        (msg("receipt.tool", lang), f"maturity {__version__}"),
        (msg("receipt.evidence_dir", lang), _folders(context, lang)),
    ]


def _folders(context: ReceiptContext, lang: Lang) -> str:
    if not context.evidence_dirs:
        return msg("receipt.evidence_dir_none", lang)
    return "; ".join(printable_line(folder) for folder in context.evidence_dirs)


def _signer_rows(verdict: Verdict, lang: Lang) -> list[tuple[str, str]]:
    none = msg("receipt.none_given", lang)
    assessor = verdict.assessor
    # "none given" only when the answers were read and say nothing; a broken file was not read
    unread = msg("receipt.not_read", lang) if verdict.assessed is None else none

    def field(value: str | None) -> str:
        return printable_line(value) if value else unread

    return [
        (msg("receipt.certificate", lang), verdict.signer or none),
        (msg("receipt.assessor", lang), field(assessor.name if assessor else None)),
        (
            msg("receipt.organisation", lang),
            field(assessor.organisation if assessor else None),
        ),
        (
            msg("receipt.accreditation", lang),
            _self_declared(field(assessor.accreditation if assessor else None), verdict, lang),
        ),
        (
            msg("receipt.signed_at", lang),
            local_time(verdict.signed_at) if verdict.signed_at else none,
        ),
    ]


def _self_declared(value: str, verdict: Verdict, lang: Lang) -> str:
    """An accreditation id as read from the answers: nothing checks it, so it is labelled so."""
    accredited = verdict.assessor is not None and verdict.assessor.accreditation
    return msg("self_declared_value", lang, value=value) if accredited else value


def _assessed(verdict: Verdict, lang: Lang) -> str:
    """Whom the report is about, so a clerk can match the receipt to the application."""
    a = verdict.assessed
    if a is None:  # nothing in a broken or unscored file can be relied on: only its claim
        return _claimed_firm(verdict, lang)
    mode = msg(f"excel.mode.{a.mode}", lang)
    rows = [
        (msg("receipt.enterprise", lang), printable_line(a.organisation)),
        (msg("receipt.mode", lang), mode[:1].upper() + mode[1:]),
        (msg("receipt.date", lang), a.date.isoformat()),
        (msg("receipt.level", lang), str(a.level)),
        (msg("receipt.score", lang), fmt_score(a.score)),
    ]
    return f"<h2>{escape(msg('receipt.assessed_heading', lang))}</h2>{_rows(rows)}"


def _claimed_firm(verdict: Verdict, lang: Lang) -> str:
    if verdict.claimed_firm is None:
        return ""
    firm = printable_line(verdict.claimed_firm)
    value = msg("receipt.claimed_firm_value", lang, firm=firm)
    return _rows([(msg("receipt.claimed_firm", lang), value)])


def _anchor_rows(verdict: Verdict, lang: Lang) -> list[tuple[str, str]]:
    if verdict.anchor is None and verdict.trust_given and verdict.signature_failed:
        # the chain was never looked at: "no anchor" would be a false record
        label = msg("receipt.anchor", lang)
        return [
            (label, msg("receipt.anchor_unchecked", lang, name=a.name, sha256=a.sha256[:16]))
            for a in verdict.trust_given
        ]
    if verdict.anchor is None:
        return [(msg("receipt.anchor", lang), msg("receipt.anchor_none", lang))]
    return [
        (msg("receipt.anchor", lang), verdict.anchor.name),
        (msg("receipt.anchor_sha256", lang), _grouped(verdict.anchor.sha256)),
    ]


def _claimed_only(verdict: Verdict, lang: Lang) -> str:
    if not verdict.signer_claimed_only:
        return ""
    return f'<p class="warning">{escape(msg("receipt.signer_claimed", lang))}</p>'


def _grouped(digest: str) -> str:
    """A hex digest in groups of 16, so it wraps between groups rather than off the page."""
    return " ".join(digest[i : i + 16] for i in range(0, len(digest), 16))


_HASH_CELL = ' class="hash"'
_GROUPED_HASH = re.compile(r"[0-9a-f]{16}( [0-9a-f]{16}){3}")


def _is_hash(value: str) -> bool:
    return _GROUPED_HASH.fullmatch(value) is not None


def _rows(rows: list[tuple[str, str]]) -> str:
    body = "".join(
        f"<tr><th>{escape(k)}</th><td{_HASH_CELL if _is_hash(v) else ''}>{escape(v)}</td></tr>"
        for k, v in rows
    )
    return f'<table class="rows">{body}</table>'


def _checks(verdict: Verdict, lang: Lang) -> str:
    rows = "".join(
        f'<tr><td class="mark">{MARKS[c.outcome][0]}</td>'
        f"<td>{escape(msg(f'receipt.outcome.{c.outcome}', lang))}</td>"
        f"<th>{escape(msg(f'out.verify.{c.name}', lang))}</th>"
        f"<td>{escape(c.message.text(lang))}</td></tr>"
        for c in verdict.checks
    )
    return f'<table class="checks">{rows}</table>'
