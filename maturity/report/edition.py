"""The parts of a portfolio report that depend on its reader (maturity.editions): the cover block,
the page header and footer, the bureau's named clients and the client's standing, as plain strings
in the output language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from maturity.i18n import Lang, msg
from maturity.numbers import fmt_score, shown_score
from maturity.peers import Band, Quartiles

if TYPE_CHECKING:
    from collections.abc import Mapping

    from maturity.editions import ClientStanding, Edition


@dataclass(frozen=True)
class ClientRow:
    item: str
    own: str
    quartiles: str  # "Q1 / median / Q3" of the portfolio, as rounded
    band: str
    value: float = 0.0  # ``own`` as a number (floored as shown), for the workbook
    cuts: tuple[float, float, float] = (0.0, 0.0, 0.0)  # the quartiles as rounded, as numbers


@dataclass(frozen=True)
class EditionView:
    """The cover block (every edition) and the bureau's named clients or the client's standing."""

    cover: list[str]  # audience, issuer, period, confidentiality
    head: str  # the page header: issuer and confidentiality
    foot: str  # the page footer: confidentiality
    coarse: bool  # gap counts are words (a shareable edition)
    membership: str  # the membership code (and the rule of a shareable edition)
    issuer: str  # the PDF's author ("" when none is known)
    audience: str  # internal, bureau or client: the PDF's keywords
    named: list[tuple[str, int, str, str]]  # bureau: organisation, level, assessed, consent
    named_note: str = ""  # bureau: how many consented
    named_levels: str = ""
    client_title: str = ""  # client edition only
    client_summary: str = ""
    client_rows: tuple[ClientRow, ...] = ()
    client_progress: str = ""  # its own progress since its assessment before the latest


def edition_view(ed: Edition, names: Mapping[str, str], lang: Lang) -> EditionView:
    """``names``: sub-domain id -> name in the output language."""
    from maturity.editions import confidentiality, cover_lines, membership_line, running_head

    view = EditionView(
        cover=cover_lines(ed, lang),
        head=running_head(ed, lang),
        foot=confidentiality(ed, lang),
        coarse=not ed.audience.names_clients,
        membership=membership_line(ed, lang),
        issuer=ed.issuer or "",
        audience=ed.audience.value,
        named=[(n.organisation, n.level, n.date, n.consent) for n in ed.named],
    )
    if ed.audience.value == "bureau":
        return _bureau(view, ed, lang)
    if ed.client is not None:
        return _client(view, ed.client, names, lang)
    return view


def _bureau(view: EditionView, ed: Edition, lang: Lang) -> EditionView:
    from dataclasses import replace

    note = msg(
        "edition.named_note",
        lang,
        total=ed.organisations,
        named=len(ed.named),
        rest=ed.organisations - len(ed.named),
    )
    levels = msg("common.list_sep", lang).join(
        msg("edition.named_level", lang, level=level, count=count)
        for level, count in ed.named_by_level().items()
    )
    shown = msg("edition.named_levels", lang, levels=levels) if levels else ""
    return replace(view, named_note=note, named_levels=shown)


def _client(
    view: EditionView, client: ClientStanding, names: Mapping[str, str], lang: Lang
) -> EditionView:
    from dataclasses import replace

    cohort, standing = client.cohort, client.standing
    rows = [_row(msg("col.total_score", lang), client.score, cohort.score, standing.band, lang)]
    rows += [
        _row(names.get(sub, sub), score, cohort.subdomains[sub], band, lang)
        for sub, (score, band) in standing.subdomains.items()
    ]
    title = msg(
        "edition.client_title",
        lang,
        organisation=client.organisation,
        count=cohort.size,
        date=cohort.as_of,
    )
    summary = msg(
        "edition.client_summary",
        lang,
        level=client.level,
        score=fmt_score(client.score),
        count=cohort.size,
        step=cohort.score.step,
    )
    return replace(
        view,
        client_title=title,
        client_summary=summary,
        client_rows=tuple(rows),
        client_progress=_own_progress(client, lang),
    )


def _own_progress(client: ClientStanding, lang: Lang) -> str:
    from maturity.numbers import shown_change

    before, after = client.before, client.after
    if before is None or after is None:
        return ""
    old, new = float(before["score"]), float(after["score"])
    return msg(
        "edition.client_progress",
        lang,
        before_date=before["date"],
        before_level=before["level"],
        before_score=fmt_score(old),
        after_date=after["date"],
        after_level=after["level"],
        after_score=fmt_score(new),
        change=f"{shown_change(old, new) or 0.0:+.2f}",
    )


def _row(item: str, score: float, q: Quartiles, band: Band, lang: Lang) -> ClientRow:
    quartiles = f"{q.q1:.1f} / {q.median:.1f} / {q.q3:.1f}"
    band_text = msg(f"out.benchmark.band.{band.value}", lang)
    cuts = (q.q1, q.median, q.q3)
    return ClientRow(item, fmt_score(score), quartiles, band_text, shown_score(score), cuts)


def gap_share(count: int, total: int, lang: Lang) -> str:
    """A gap's share of clients as a coarse word (maturity.editions.share_word)."""
    from maturity.editions import share_word

    return msg(share_word(count, total), lang)
