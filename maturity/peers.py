"""Peer benchmarks: cohorts of organisations, their distributions, and where one organisation
stands.

Privacy (docs/benchmark.md): every figure counts distinct organisations (maturity.identity: by
``organisation.id``, else the normalised name; several files of one organisation count once, with
its latest assessment). Cohorts are keyed by the fields the caller chooses (``--by``, default type;
a region by its province); a cohort under ``MIN_COHORT`` organisations is reported by name and size
and left out of that grouping only, so leaving it out never shrinks another cohort (no cascade).
Levels are published as coarse shares
(:func:`coarse_shares`), never counts; quartiles are rounded (coarser in small groups) and
minima/maxima are never shown.

One organisation's standing is a band against its cohort's quartiles as shown (below Q1, Q1 to
median, median to Q3, above Q3), not a percentile: an exact share of peers below it would rank the
peers one by one. The band follows from the quartiles shown and the organisation's own score, so it
tells nothing the table does not. An organisation that is itself in the portfolio stands as its
latest assessment there (:func:`member_row`), never as another file against peers with the real
member removed, which would let a file named like a peer learn, run after run, where that peer is.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from maturity import identity

MIN_COHORT = 5
PRECISION = 1  # decimals of the quartiles shown: 0.1 of a level
SMALL_COHORT = 20  # under this many values, quartiles are shown in steps of COARSE_STEP
COARSE_STEP = 0.2
SMALL_CELL = 3  # a level (or bucket) held by fewer organisations is shown as hidden, never counted
SHARE_STEP = 10  # shares of organisations are shown in steps of 10 % (an internal edition)
# what an output that may be shared rounds level shares to: at 10 % steps, in a group of 10-20, one
# organisation more or less moves a share, so two outputs one organisation apart gave its level
SHARED_SHARE_STEP = 20
LEVELS = range(6)

T = TypeVar("T")


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
    step: float = 10**-PRECISION  # what they are rounded to

    @classmethod
    def of(cls, values: Sequence[float]) -> Quartiles:
        """Rounded to a step: with five organisations the inclusive quartiles are three of their
        scores. Under SMALL_COHORT values the step is COARSE_STEP: one organisation moves a
        quartile of a small group by much of its own change, so two runs with and without it
        would otherwise tell its score to a few hundredths (docs/benchmark.md)."""
        q1, median, q3 = exact_quartiles(values)
        step = COARSE_STEP if len(values) < SMALL_COHORT else 10**-PRECISION
        return cls(to_step(q1, step), to_step(median, step), to_step(q3, step), step)


def exact_quartiles(values: Sequence[float]) -> tuple[float, float, float]:
    """Q1, median and Q3 (inclusive method), unrounded."""
    if len(values) == 1:
        return values[0], values[0], values[0]
    q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, median, q3


def to_step(value: float, step: float) -> float:
    """Half up, as people round (2.1 in steps of 0.2 is 2.2), free of float noise (2.3 / 0.2 is
    11.4999...)."""
    return round(math.floor(round(value / step, 9) + 0.5) * step, PRECISION)


def coarse_shares(counts: dict[T, int], step: int = SHARE_STEP) -> dict[T, int | None]:
    """Shares in percent, in steps of ``step``, for publication: a cell of fewer than
    SMALL_CELL organisations (0 included, so that 0, 1 and 2 look alike) is None. A lone hidden
    cell would be the total minus the others, so the smallest shown cell is hidden with it."""
    total = sum(counts.values())
    hidden = {k for k, count in counts.items() if count < SMALL_CELL}
    if len(hidden) == 1 and len(counts) > 1:
        hidden.add(min((k for k in counts if k not in hidden), key=lambda k: counts[k]))
    return {
        k: None if k in hidden else _step(100 * count / total, step) for k, count in counts.items()
    }


def _step(percent: float, step: int) -> int:
    return int(percent / step + 0.5) * step  # half up: 25 % is 30 %, as people round


@dataclass(frozen=True)
class Cohort:
    name: str
    size: int
    levels: dict[int, int]  # level -> organisations: for computing, never shown (see level_shares)
    score: Quartiles
    subdomains: dict[str, Quartiles]
    # the month (YYYY-MM) of its members' latest assessment, "data as of": a day would date the
    # client added or left out when it is the latest (review r4-pack3 S-a)
    as_of: str = ""

    def level_shares(self) -> dict[int, int | None]:
        """What is shown of the levels: coarse shares (:func:`coarse_shares`) of levels 0-5, in
        the steps of a shareable output (``benchmark`` names no one, so it may be passed on)."""
        levels = {level: self.levels.get(level, 0) for level in LEVELS}
        return coarse_shares(levels, SHARED_SHARE_STEP)


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
        q = (quartiles.q1, quartiles.median, quartiles.q3)
        return cls.among(round(score, PRECISION), q)

    @classmethod
    def among(cls, value: float, quartiles: tuple[float, float, float]) -> Band:
        q1, median, q3 = quartiles
        if value < q1:
            return cls.below_q1
        if value > q3:
            return cls.above_q3
        return cls.q1_median if value < median else cls.median_q3


@dataclass(frozen=True)
class Standing:
    """Where one organisation stands in a cohort: bands, never ranks (see the module's doc)."""

    cohort: str
    score: float
    band: Band
    subdomains: dict[str, tuple[float, Band]]  # id -> (its score, its band)


@dataclass(frozen=True)
class Benchmark:
    keys: tuple[CohortKey, ...]  # the fields the cohorts are keyed by
    cohorts: tuple[Cohort, ...]
    small: tuple[tuple[str, int], ...]  # (cohort, organisations) of those under MIN_COHORT
    organisations: int  # distinct organisations in the figures
    left_out: int  # distinct organisations in the small cohorts, so in no figure of this run

    @property
    def hidden(self) -> int:
        """How many cohorts are not shown."""
        return len(self.small)

    @property
    def by(self) -> str:
        """The fields as ``--by`` takes them: ``industry,type``."""
        return ",".join(k.value for k in self.keys)

    def levels(self) -> list[int]:
        """The level of each organisation shown (the portfolio row counts these and no others)."""
        return [
            level for c in self.cohorts for level, count in c.levels.items() for _ in range(count)
        ]

    def portfolio_shares(self) -> dict[str, int | None] | None:
        """The organisations shown in the national figures' buckets, as coarse shares; None when
        no organisation is shown."""
        from maturity.reference import BUCKETS, bucket

        if not self.organisations:
            return None
        counts = Counter(bucket(level) for level in self.levels())
        return coarse_shares({b: counts.get(b, 0) for b in BUCKETS}, SHARED_SHARE_STEP)


def _ident(row: dict[str, Any]) -> tuple[str | None, str]:
    return (str(row.get("organisation_id") or "") or None, str(row.get("organisation") or ""))


def organisation_id(row: dict[str, Any]) -> str:
    """Who a row is about: its ``organisation.id`` when it has one, else its name normalised
    (maturity.identity). Rows from :func:`latest` carry the id their organisation goes by."""
    return identity.key_of(*_ident(row))


@dataclass(frozen=True)
class Latest:
    rows: list[dict[str, Any]]  # one per organisation: its latest assessment
    superseded: list[tuple[dict[str, Any], dict[str, Any]]]  # (earlier row, the row it gave way to)


def latest(rows: Iterable[dict[str, Any]]) -> Latest:
    """Each organisation's latest assessment (by date; the file name breaks ties), and the earlier
    ones it supersedes: five copies of one file are one organisation."""
    kept: list[dict[str, Any]] = []
    superseded: list[tuple[dict[str, Any], dict[str, Any]]] = []
    for key, members in identity.group(rows, _ident).items():
        *earlier, newest = sorted(members, key=_recency)
        newest = _going_by(newest, key)
        kept.append(newest)
        superseded += [(row, newest) for row in earlier]
    return Latest(kept, superseded)


def assessments(rows: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Each organisation's assessments, oldest first (as :func:`latest` orders them)."""
    return [sorted(members, key=_recency) for members in identity.group(rows, _ident).values()]


def latest_per_organisation(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return latest(rows).rows


def _going_by(row: dict[str, Any], key: str) -> dict[str, Any]:
    """The row with the id its organisation goes by (a file written before the id was added)."""
    if key.startswith("id:") and not row.get("organisation_id"):
        return {**row, "organisation_id": key.removeprefix("id:")}
    return row


def _recency(row: dict[str, Any]) -> tuple[str, str]:
    return str(row.get("date") or ""), str(
        row.get("file") or ""
    )  # ISO dates sort as text; the file breaks ties


def as_keys(key: CohortKey | Sequence[CohortKey]) -> tuple[CohortKey, ...]:
    """The fields a cohort is keyed by, in the order given; ``all`` alone means one cohort."""
    keys = (key,) if isinstance(key, CohortKey) else tuple(dict.fromkeys(key))
    return tuple(k for k in keys if k is not CohortKey.all) or (CohortKey.all,)


def field_value(row: dict[str, Any], key: CohortKey) -> str:
    """A row's value of one cohort field; a region counts by its province (江苏省苏州市 is
    江苏省), as cities would make cohorts of one or two firms."""
    if key is CohortKey.all:
        return "all"
    value = row.get(key.value)
    if value in (None, ""):
        return "?"
    return province(str(value)) if key is CohortKey.region else str(value)


def province(region: str) -> str:
    """The province-level prefix of a Chinese region (省, 自治区, or a municipality 市); any
    other text as it is."""
    match = re.match(r"^\s*(.+?(?:省|自治区|特别行政区|市))", region)
    return match.group(1) if match else region.strip()


def cohort_name(row: dict[str, Any], key: CohortKey | Sequence[CohortKey]) -> str:
    return " / ".join(field_value(row, k) for k in as_keys(key))


def _groups(
    rows: Iterable[dict[str, Any]], keys: Sequence[CohortKey]
) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[cohort_name(row, keys)].append(row)
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
    assert score is not None, "build() and standing() keep only cohorts of MIN_COHORT or more"
    subdomains = {s: _quartiles(members, f"{s}.score") for s in _subdomains(members[0])}
    return Cohort(
        name=name,
        size=len(members),
        levels=dict(sorted(Counter(int(m["level"]) for m in members).items())),
        score=score,
        subdomains={s: q for s, q in subdomains.items() if q is not None},
        as_of=max(str(m.get("date") or "") for m in members)[:7],
    )


def build(rows: Iterable[dict[str, Any]], key: CohortKey | Sequence[CohortKey]) -> Benchmark:
    """Cohorts by the chosen field(s) only: a cohort under MIN_COHORT is reported (name, size) and
    left out, its organisations still counted in any other grouping (docs/benchmark.md)."""
    keys = as_keys(key)
    groups = _groups(latest_per_organisation(rows), keys)
    small = tuple((name, len(groups[name])) for name in sorted(groups) if _too_small(groups[name]))
    cohorts = tuple(
        _cohort(name, groups[name]) for name in sorted(groups) if not _too_small(groups[name])
    )
    organisations = sum(c.size for c in cohorts)
    return Benchmark(keys, cohorts, small, organisations, sum(size for _, size in small))


def _too_small(members: Sequence[dict[str, Any]]) -> bool:
    return len(members) < MIN_COHORT


def member_row(rows: Iterable[dict[str, Any]], org: dict[str, Any]) -> dict[str, Any] | None:
    """The latest row of ``org``'s organisation in the portfolio; None if it is not a member."""
    listed = list(rows)
    keys = identity.keys([*listed, org], _ident)
    members = [row for row, key in zip(listed, keys, strict=False) if key == keys[-1]]
    return latest_per_organisation(members)[0] if members else None


def same_assessment(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two summary rows of one assessment: every figure and field equal, wherever the file lies
    (and whether or not the file gave the id its organisation goes by)."""
    ignored = ("file", "organisation_id")
    return {k: v for k, v in a.items() if k not in ignored} == {
        k: v for k, v in b.items() if k not in ignored
    }


def standing(
    rows: Sequence[dict[str, Any]], org: dict[str, Any], key: CohortKey | Sequence[CohortKey]
) -> Standing | None:
    """The organisation's bands in its cohort as shown; None when the cohort, the organisation
    counted once, has fewer than MIN_COHORT. ``org`` is a member's own row (:func:`member_row`) or
    an outsider's."""
    cohort = cohort_of(rows, org, key)
    if cohort is None:
        return None

    def band(field: str, quartiles: Quartiles) -> Band:
        return Band.of(float(org[field]), quartiles)

    return _standing(cohort, org, band)


def exact_standing(rows: Sequence[dict[str, Any]], org: dict[str, Any]) -> Standing | None:
    """A member's bands in the whole portfolio from its exact scores and the exact quartiles, for
    its own client edition: it cannot craft its score to probe them, and a band from rounded
    values puts 1.58 "between Q1 and the median" when the real Q1 is 1.68."""
    members = _members(rows, org, CohortKey.all)
    if members is None:
        return None

    def band(field: str, _: Quartiles) -> Band:
        values = sorted(float(m[field]) for m in members if m.get(field) is not None)
        return Band.among(float(org[field]), exact_quartiles(values))

    return _standing(_cohort(cohort_name(org, CohortKey.all), members), org, band)


def _standing(
    cohort: Cohort, org: dict[str, Any], band: Callable[[str, Quartiles], Band]
) -> Standing:
    subdomains = {
        s: (float(org[f"{s}.score"]), band(f"{s}.score", cohort.subdomains[s]))
        for s in _subdomains(org)
        if org.get(f"{s}.score") is not None and s in cohort.subdomains
    }
    return Standing(cohort.name, float(org["score"]), band("score", cohort.score), subdomains)


def cohort_of(
    rows: Sequence[dict[str, Any]], org: dict[str, Any], key: CohortKey | Sequence[CohortKey]
) -> Cohort | None:
    """``org``'s cohort as :func:`build` shows it; None when it has fewer than MIN_COHORT, the
    organisation counted once, member or not."""
    members = _members(rows, org, key)
    return None if members is None else _cohort(cohort_name(org, key), members)


def _members(
    rows: Sequence[dict[str, Any]], org: dict[str, Any], key: CohortKey | Sequence[CohortKey]
) -> list[dict[str, Any]] | None:
    name, itself = cohort_name(org, key), organisation_id(org)
    shown = [r for r in latest_per_organisation(rows) if cohort_name(r, key) == name]
    if len(shown) < MIN_COHORT or len({organisation_id(r) for r in shown} | {itself}) < MIN_COHORT:
        return None
    return shown
