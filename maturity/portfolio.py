"""A consultant's portfolio across clients: the figures behind the portfolio workbook
(``score DIR -o portfolio.xlsx``) and the cross-client report (``maturity portfolio``).

Pure functions over the flat summary rows of :func:`maturity.batch.summary_row`; no I/O. Every
figure counts each organisation once, with its latest assessment (:func:`maturity.peers.latest`),
and follows the benchmark's publication rules (docs/benchmark.md): the level distribution is shown
as coarse shares (:func:`maturity.peers.coarse_shares`), and an average or a gap count needs
``MIN_COHORT`` organisations, because the pack is sent to clients who know some of their peers.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from maturity import peers
from maturity.reference import BUCKETS, bucket
from maturity.schema.base import PlanDomain

AVERAGE_STEP = 0.5  # what a shareable output rounds averages to (docs/benchmark.md)
SHARED_SHARE_STEP = (
    peers.SHARED_SHARE_STEP
)  # a shareable edition's level shares (docs/benchmark.md)


class Audience(StrEnum):
    """Who a portfolio output is for: ``internal`` names every client; ``bureau`` and ``client``
    name none and show averages only in steps of AVERAGE_STEP, because two editions one client
    apart would otherwise give that client's scores by subtraction (docs/benchmark.md)."""

    internal = "internal"
    bureau = "bureau"
    client = "client"

    @property
    def names_clients(self) -> bool:
        return self is Audience.internal


@dataclass(frozen=True)
class Average:
    """The mean of one figure over the organisations that have it; None when fewer than
    MIN_COHORT have it (a sub-domain tailored out of most assessments)."""

    key: str  # sub-domain id or plan-domain id
    mean: float | None
    count: int


@dataclass(frozen=True)
class Gap:
    """A requirement not fully met in ``count`` of the organisations (whatever their target),
    listed because at least half miss it within their target."""

    requirement: str
    count: int


@dataclass(frozen=True)
class Progress:
    """A re-assessed organisation: its assessment before the latest, and the latest."""

    before: dict[str, Any]
    after: dict[str, Any]

    @property
    def level_change(self) -> int:
        return int(self.after["level"]) - int(self.before["level"])


@dataclass(frozen=True)
class Portfolio:
    files: int
    latest: list[dict[str, Any]]  # one row per organisation: its latest assessment
    shares: dict[str, int | None]  # the national figures' buckets "1".."4" -> coarse share in %
    plan_domains: list[Average]
    subdomains: list[Average]
    gaps: list[Gap] = field(default_factory=list)  # most common first
    audience: Audience = Audience.internal
    progress: list[Progress] = field(default_factory=list)  # re-assessed organisations
    share_step: int = peers.SHARE_STEP  # the step of ``shares`` in %

    @property
    def moved_up(self) -> int:
        return sum(p.level_change > 0 for p in self.progress)

    @property
    def organisations(self) -> int:
        return len(self.latest)


def summarise(
    rows: Sequence[dict[str, Any]],
    gaps: Mapping[str, Iterable[str]] | None = None,
    missed: Mapping[str, Iterable[str]] | None = None,
    audience: Audience = Audience.internal,
) -> Portfolio:
    """The portfolio's figures; ``gaps``: file -> the requirements not fully met in it up to its
    target, ``missed``: at any level (default: ``gaps``); only the latest file of each
    organisation counts. Averages are coarse unless the audience is internal."""
    latest = peers.latest(rows).rows
    step = None if audience.names_clients else AVERAGE_STEP
    share_step = peers.SHARE_STEP if audience.names_clients else SHARED_SHARE_STEP
    counts = Counter(bucket(int(row["level"])) for row in latest)
    shares = (
        peers.coarse_shares({b: counts.get(b, 0) for b in BUCKETS}, share_step) if latest else {}
    )
    return Portfolio(
        files=len(rows),
        latest=latest,
        shares=shares,
        plan_domains=[_average(latest, f"plan.{p.value}.score", p.value, step) for p in PlanDomain],
        subdomains=[_average(latest, f"{s}.score", s, step) for s in subdomain_ids(rows)],
        gaps=common_gaps(latest, gaps or {}, missed),
        audience=audience,
        progress=progress(rows),
        share_step=share_step,
    )


def progress(rows: Iterable[dict[str, Any]]) -> list[Progress]:
    """Each organisation assessed more than once: its latest assessment and the one before."""
    return [Progress(h[-2], h[-1]) for h in peers.assessments(rows) if len(h) > 1]


def subdomain_ids(rows: Iterable[dict[str, Any]]) -> list[str]:
    """The sub-domains in the rows' columns, in column order (questionnaires may differ)."""
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(
            (k.removesuffix(".level"), None)
            for k in row
            if k.endswith(".level") and not k.startswith("plan.")
        )
    return list(seen)


def _average(
    latest: Sequence[dict[str, Any]], column: str, key: str, step: float | None
) -> Average:
    """The mean, rounded to ``step`` when one is given (a shareable output)."""
    values = [float(row[column]) for row in latest if row.get(column) is not None]
    if len(values) < peers.MIN_COHORT:
        return Average(key, None, len(values))
    mean = sum(values) / len(values)
    return Average(key, mean if step is None else peers.to_step(mean, step), len(values))


def common_gaps(
    latest: Sequence[dict[str, Any]],
    gaps: Mapping[str, Iterable[str]],
    missed: Mapping[str, Iterable[str]] | None = None,
) -> list[Gap]:
    """Requirements missed within their target by at least half the organisations, each with
    how many miss it at all (a consultant asks "how many of my clients lack this", not "how many
    aim that high"), most first, then id; none unless MIN_COHORT organisations are counted."""
    if len(latest) < peers.MIN_COHORT:
        return []

    def count(by_file: Mapping[str, Iterable[str]]) -> Counter[str]:
        return Counter(req for row in latest for req in set(by_file.get(str(row["file"]), ())))

    within, anywhere = count(gaps), count(missed if missed is not None else gaps)
    half = (len(latest) + 1) // 2
    shared = [Gap(req, max(anywhere[req], n)) for req, n in within.items() if n >= half]
    return sorted(shared, key=lambda g: (-g.count, g.requirement))
