"""Peer benchmarks: cohorts of organisations, their distributions, and where one organisation
stands.

Privacy (docs/benchmark.md): every figure counts distinct organisations (several files of one
organisation count once, with its latest assessment), and comes from one population in which every
cohort, by every field, has at least ``MIN_COHORT`` organisations. An organisation in a smaller
cohort by any field is left out of every figure, so no figure can be subtracted from another
(``--by all`` minus ``--by industry``, or one field's cohorts against another's) to isolate it.
Quartiles are rounded to ``PRECISION`` and minima/maxima are never shown.

One organisation's standing is a band against its cohort's quartiles as shown (below Q1, Q1 to
median, median to Q3, above Q3), not a percentile: an exact share of peers below it would rank the
peers one by one. The band follows from the quartiles shown and the organisation's own score, so it
tells nothing the table does not. An organisation that is itself in the portfolio stands as its
latest assessment there (:func:`member_row`), never as another file against peers with the real
member removed, which would let a file named like a peer learn, run after run, where that peer is.
"""

from __future__ import annotations

import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from maturity.text import without_invisible

MIN_COHORT = 5
PRECISION = 1  # decimals of the quartiles shown: 0.1 of a level


class CohortKey(StrEnum):
    industry = "industry"
    region = "region"
    size = "size"
    type = "type"
    all = "all"


@dataclass(frozen=True)
class Quartiles:
    q1: float
    median: float
    q3: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Quartiles:
        """Rounded to PRECISION: with five organisations the inclusive quartiles are three of their
        scores."""
        if len(values) == 1:
            q1 = median = q3 = values[0]
        else:
            q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
        return cls(round(q1, PRECISION), round(median, PRECISION), round(q3, PRECISION))


@dataclass(frozen=True)
class Cohort:
    name: str
    size: int
    levels: dict[int, int]  # level -> organisations
    score: Quartiles
    subdomains: dict[str, Quartiles]


class Band(StrEnum):
    """Where a score lies against a cohort's quartiles."""

    below_q1 = "below_q1"
    q1_median = "q1_median"
    median_q3 = "median_q3"
    above_q3 = "above_q3"

    @classmethod
    def of(cls, score: float, quartiles: Quartiles) -> Band:
        """Against the quartiles as shown (rounded), the score rounded alike: a band against exact
        quartiles would let a crafted score find them to any precision, run after run."""
        value = round(score, PRECISION)
        if value < quartiles.q1:
            return cls.below_q1
        if value > quartiles.q3:
            return cls.above_q3
        return cls.q1_median if value < quartiles.median else cls.median_q3


@dataclass(frozen=True)
class Standing:
    """Where one organisation stands in a cohort: bands, never ranks (see the module's doc)."""

    cohort: str
    score: float
    band: Band
    subdomains: dict[str, tuple[float, Band]]  # id -> (its score, its band)


@dataclass(frozen=True)
class Benchmark:
    key: CohortKey
    cohorts: tuple[Cohort, ...]
    hidden: int  # cohorts not shown because they are smaller than MIN_COHORT
    organisations: int  # distinct organisations in the figures
    left_out: int  # distinct organisations in no figure: in a cohort under MIN_COHORT by some field

    def levels(self) -> list[int]:
        """The level of each organisation shown (the portfolio row counts these and no others)."""
        return [
            level for c in self.cohorts for level, count in c.levels.items() for _ in range(count)
        ]


def organisation_id(row: dict[str, Any]) -> str:
    """Who a row is about: the organisation's name with width, case and spacing normalised
    (NFKC turns full-width "ＡＣＭＥ" into "ACME"), invisible characters dropped. The answer
    files have no organisation id yet; when they get one, it belongs here, and only here."""
    name = unicodedata.normalize("NFKC", str(row.get("organisation") or ""))
    # invisible characters (zero-width space, soft hyphen, Hangul filler, tags...) would make five
    # copies of one firm look like five firms
    visible = without_invisible(name)
    return " ".join(unicodedata.normalize("NFKC", visible.casefold()).split())


def latest_per_organisation(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """One row per organisation, its latest assessment: five copies of one file are one
    organisation."""
    latest: dict[str, dict[str, Any]] = {}
    for row in rows:
        key = organisation_id(row)
        if key not in latest or _recency(row) > _recency(latest[key]):
            latest[key] = row
    return list(latest.values())


def _recency(row: dict[str, Any]) -> tuple[str, str]:
    return str(row.get("date") or ""), str(
        row.get("file") or ""
    )  # ISO dates sort as text; the file breaks ties


def cohort_name(row: dict[str, Any], key: CohortKey) -> str:
    if key is CohortKey.all:
        return "all"
    value = row.get(key.value)
    return str(value) if value not in (None, "") else "?"


def releasable(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The organisations every figure is computed from: those whose cohort has MIN_COHORT or more
    members by every field (and overall). Leaving one out can shrink another cohort below the
    minimum, so this repeats until nothing changes."""
    members = latest_per_organisation(rows)
    while True:
        small = {
            organisation_id(m)
            for key in CohortKey
            for group in _groups(members, key).values()
            if len(group) < MIN_COHORT
            for m in group
        }
        if not small:
            return members
        members = [m for m in members if organisation_id(m) not in small]


def _groups(rows: Iterable[dict[str, Any]], key: CohortKey) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[cohort_name(row, key)].append(row)
    return groups


def _subdomains(row: dict[str, Any]) -> list[str]:
    return [
        k.removesuffix(".score") for k in row if k.endswith(".score") and not k.startswith("plan.")
    ]


def _quartiles(members: Sequence[dict[str, Any]], field: str) -> Quartiles | None:
    """None when fewer than MIN_COHORT members have a value (a sub-domain scored for one of
    them)."""
    values = sorted(float(m[field]) for m in members if m.get(field) is not None)
    return Quartiles.of(values) if len(values) >= MIN_COHORT else None


def _cohort(name: str, members: Sequence[dict[str, Any]]) -> Cohort:
    score = _quartiles(members, "score")
    assert score is not None, "releasable() keeps only cohorts of MIN_COHORT or more"
    subdomains = {s: _quartiles(members, f"{s}.score") for s in _subdomains(members[0])}
    return Cohort(
        name=name,
        size=len(members),
        levels=dict(sorted(Counter(int(m["level"]) for m in members).items())),
        score=score,
        subdomains={s: q for s, q in subdomains.items() if q is not None},
    )


def build(rows: Iterable[dict[str, Any]], key: CohortKey) -> Benchmark:
    everyone = latest_per_organisation(rows)
    shown = _groups(releasable(everyone), key)
    cohorts = tuple(_cohort(name, shown[name]) for name in sorted(shown))
    organisations = sum(c.size for c in cohorts)
    hidden = len(_groups(everyone, key).keys() - shown.keys())
    return Benchmark(key, cohorts, hidden, organisations, len(everyone) - organisations)


def member_row(rows: Iterable[dict[str, Any]], org: dict[str, Any]) -> dict[str, Any] | None:
    """The latest row of ``org``'s organisation in the portfolio; None if it is not a member."""
    itself = organisation_id(org)
    return next((r for r in latest_per_organisation(rows) if organisation_id(r) == itself), None)


def same_assessment(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two summary rows of one assessment: every figure and field equal, wherever the file lies."""
    return {k: v for k, v in a.items() if k != "file"} == {
        k: v for k, v in b.items() if k != "file"
    }


def standing(
    rows: Sequence[dict[str, Any]], org: dict[str, Any], key: CohortKey
) -> Standing | None:
    """The organisation's bands in its cohort as shown; None when the cohort has too few other
    organisations to show. ``org`` is a member's own row (:func:`member_row`) or an outsider's."""
    name, itself = cohort_name(org, key), organisation_id(org)
    shown = [r for r in releasable(rows) if cohort_name(r, key) == name]
    if sum(1 for r in shown if organisation_id(r) != itself) < MIN_COHORT:
        return None
    cohort = _cohort(name, shown)
    subdomains = {
        s: (float(org[f"{s}.score"]), Band.of(float(org[f"{s}.score"]), cohort.subdomains[s]))
        for s in _subdomains(org)
        if org.get(f"{s}.score") is not None and s in cohort.subdomains
    }
    score = float(org["score"])
    return Standing(name, score, Band.of(score, cohort.score), subdomains)
