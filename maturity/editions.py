"""Who a portfolio edition is for, who issues it, what it covers, and what only its reader sees.

Pure functions over the flat summary rows of :func:`maturity.batch.summary_row`; no I/O. The
``internal`` edition names every client. The ``bureau`` edition names only the clients whose latest
assessment records consent (``assessment.consent.bureau: true``); the others are counted, never
named. The ``client`` edition shows one client against the whole portfolio through the benchmark
engine (:mod:`maturity.peers`: quartiles, bands, the cohort's size and date), never another
client's name or score. Shareable editions give gap counts as coarse words (:func:`share_word`),
not exact counts, so that two editions one client apart do not tell whether it has a gap
(docs/benchmark.md).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from maturity import identity, peers
from maturity.errors import InputError, Problem
from maturity.i18n import Lang, msg
from maturity.portfolio import Audience
from maturity.text import first_control

MAX_TEXT = 200  # an issuer or a recipient is a name, not a paragraph
# two shareable editions must differ by at least this many clients: between editions one client
# apart, a share or a word that changes belongs to that client (docs/benchmark.md)
MIN_APART = 3


@dataclass(frozen=True)
class Named:
    """A client the bureau edition names, with its consent."""

    organisation: str
    level: int
    date: str  # its latest assessment
    consent: str  # the date it agreed to be named


@dataclass(frozen=True)
class ClientStanding:
    """The client edition's client against the portfolio as one cohort."""

    organisation: str
    level: int
    score: float
    cohort: peers.Cohort
    standing: peers.Standing
    before: dict[str, Any] | None = None  # its assessment before the latest, if any
    after: dict[str, Any] | None = None  # its latest assessment (with ``before``)


@dataclass(frozen=True)
class Edition:
    audience: Audience
    issuer: str | None  # --issuer, else the assessor organisation every file names; None: neither
    recipient: str | None  # whom the confidentiality line names (--recipient, else the client)
    period: tuple[str, str] | None  # earliest and latest date counted (month only if shareable)
    organisations: int
    named: tuple[Named, ...] = ()  # bureau: the consenting clients, by name
    client: ClientStanding | None = None  # client: this client against the portfolio
    membership: str = ""  # a code of who is counted (:func:`membership_code`)

    def named_by_level(self) -> dict[int, int]:
        """How many named clients hold each level (they are named with it anyway)."""
        return dict(sorted(Counter(n.level for n in self.named).items(), reverse=True))


@dataclass(frozen=True)
class Request:
    """What the command line asks for: the reader and the cover's texts."""

    audience: Audience = Audience.internal
    issuer: str | None = None  # --issuer
    recipient: str | None = None  # --recipient: whom the confidentiality line names
    org: str | None = None  # --org: the client of a client edition (id or name)

    def check(self) -> None:
        """What can be refused before any file is scored."""
        check_text("--issuer", self.issuer)
        check_text("--recipient", self.recipient)
        if (self.org is None) == (self.audience is Audience.client):
            key = "edition.org_missing" if self.org is None else "edition.org_unused"
            raise InputError([Problem(key)])


def edition(rows: Sequence[dict[str, Any]], request: Request) -> Edition:
    """The edition of the portfolio ``rows`` (every scored file) that ``request`` asks for."""
    request.check()
    latest = peers.latest(rows).rows
    client = _client(rows, latest, request.org) if request.org is not None else None
    return Edition(
        audience=request.audience,
        issuer=request.issuer or common_issuer(latest),
        recipient=request.recipient or (client.organisation if client else None),
        period=_period(latest, monthly=not request.audience.names_clients),
        organisations=len(latest),
        named=_named(latest) if request.audience is Audience.bureau else (),
        client=client,
        membership=membership_code(latest),
    )


def membership_code(latest: Sequence[dict[str, Any]]) -> str:
    """A short code of which organisations are counted: every edition of one membership carries
    the same code, so a consultant can match a shareable edition to the internal one (which names
    them) and check that two editions sent out differ by several clients, not one. A hash, so
    it names no one."""
    import hashlib

    keys = "\n".join(sorted(peers.organisation_id(row) for row in latest))
    digest = hashlib.sha256(keys.encode("utf-8")).hexdigest()[:8].upper()
    return f"{digest[:4]}-{digest[4:]}"


def check_text(option: str, value: str | None) -> None:
    """An issuer or recipient goes on every page and into the workbook's properties: one line of
    visible text."""
    if value is None:
        return
    if not value.strip() or len(value) > MAX_TEXT or first_control(value):
        raise InputError([Problem("edition.bad_text", {"option": option, "max": MAX_TEXT})])


def common_issuer(latest: Sequence[dict[str, Any]]) -> str | None:
    """The assessor organisation when every assessment counted names the same one."""
    found = {str(row.get("assessor_organisation") or "").strip() for row in latest}
    return found.pop() or None if len(found) == 1 else None


def _period(latest: Sequence[dict[str, Any]], monthly: bool) -> tuple[str, str] | None:
    """The earliest and latest assessment date; a shareable edition gives only their months: a day
    would date the client added or left out when it is the earliest or the latest (review r4-pack3
    S-a)."""
    dates = sorted(str(row["date"]) for row in latest if row.get("date"))
    if monthly:
        dates = [d[:7] for d in dates]
    return (dates[0], dates[-1]) if dates else None


def _named(latest: Sequence[dict[str, Any]]) -> tuple[Named, ...]:
    """The clients whose latest assessment records consent to be named to the bureau: an earlier
    file's consent does not cover a later result."""
    return tuple(
        sorted(
            (
                Named(str(r["organisation"]), int(r["level"]), str(r["date"]), consent)
                for r in latest
                if (consent := r.get("bureau_consent"))
            ),
            key=lambda n: (-n.level, n.organisation),
        )
    )


def _client(
    rows: Sequence[dict[str, Any]], latest: Sequence[dict[str, Any]], org: str
) -> ClientStanding:
    row = find_organisation(latest, org)
    cohort = peers.cohort_of(rows, row, peers.CohortKey.all)
    standing = peers.exact_standing(rows, row)
    if cohort is None or standing is None:
        raise InputError([Problem("edition.cohort_small", {"min": peers.MIN_COHORT})])
    name = str(row["organisation"])
    before = _before(rows, row)
    return ClientStanding(
        name, int(row["level"]), float(row["score"]), cohort, standing, before, row
    )


def _before(rows: Sequence[dict[str, Any]], row: dict[str, Any]) -> dict[str, Any] | None:
    """The client's assessment before ``row`` (its latest): its own edition shows its progress,
    which the portfolio's figures withhold when few clients were re-assessed."""
    return next(
        (
            h[-2]
            for h in peers.assessments(rows)
            if len(h) > 1 and h[-1].get("file") == row.get("file")
        ),
        None,
    )


def find_organisation(latest: Sequence[dict[str, Any]], org: str) -> dict[str, Any]:
    """The latest row of the organisation ``org`` names, by id or by name (normalised as
    :mod:`maturity.identity` compares names)."""
    wanted_id, wanted_name = identity.normalise_id(org), identity.name_key(org)

    def matches(row: dict[str, Any]) -> bool:
        row_id = str(row.get("organisation_id") or "")
        by_id = bool(row_id) and identity.normalise_id(row_id) == wanted_id
        return by_id or identity.name_key(str(row["organisation"])) == wanted_name

    found = [row for row in latest if matches(row)]
    if len(found) == 1:
        return found[0]
    key = "edition.org_unknown" if not found else "edition.org_ambiguous"
    raise InputError([Problem(key, {"org": org, "count": len(found)})])


SHARE_WORDS = ((0.9, "nearly_all"), (0.65, "most"), (0.0, "half"))


def share_word(count: int, total: int) -> str:
    """A coarse share for a shareable edition, as a catalogue key: ``edition.share.half`` (under
    65 %), ``most`` (under 90 %), ``nearly_all``. Exact counts would tell, between two editions
    one client apart, whether that client has the gap; a word changes only at a boundary."""
    share = count / total if total else 0.0
    return "edition.share." + next(word for low, word in SHARE_WORDS if share >= low)


def share_rank(count: int, total: int) -> int:
    """The rank of :func:`share_word`'s band, 0 for the highest: shareable lists order by it."""
    return [word for _, word in SHARE_WORDS].index(share_word(count, total).rsplit(".", 1)[1])


def cover_lines(ed: Edition, lang: Lang) -> list[str]:
    """The cover block, in order: audience, issuer, period, confidentiality."""
    org = ed.client.organisation if ed.client else ""
    audience = msg(f"portfolio.audience.{ed.audience.value}", lang, org=org)
    issuer = (
        msg("edition.issuer", lang, issuer=ed.issuer)
        if ed.issuer
        else msg("edition.issuer_unknown", lang)
    )
    lines = [audience, issuer]
    if ed.period is not None:
        lines.append(msg("edition.period", lang, start=ed.period[0], end=ed.period[1]))
    return [*lines, confidentiality(ed, lang)]


def membership_line(ed: Edition, lang: Lang) -> str:
    """The membership code, and in a shareable edition the rule it serves (on the page, where the
    consultant who issues it reads it, not only in the docs)."""
    key = "edition.membership" if ed.audience.names_clients else "edition.membership_shared"
    return msg(key, lang, code=ed.membership, count=ed.organisations, min=MIN_APART)


def confidentiality(ed: Edition, lang: Lang) -> str:
    """The line every page and the workbook's header carry."""
    if ed.audience is Audience.internal:
        return msg("edition.confidential.internal", lang)
    # a client edition always names its client; a bureau edition without --recipient, the authority
    recipient = ed.recipient or msg("edition.recipient.bureau", lang)
    return msg(f"edition.confidential.{ed.audience.value}", lang, recipient=recipient)


def running_head(ed: Edition, lang: Lang) -> str:
    """The page header: who issued it, and for whom."""
    who = ed.issuer or ""
    return f"{who} · {confidentiality(ed, lang)}" if who else confidentiality(ed, lang)
