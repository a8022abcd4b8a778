"""Peer benchmarks: cohorts of organisations, their distributions, and where one organisation stands.

Privacy: no cohort with fewer than ``MIN_COHORT`` organisations is ever shown, so that a
cohort's figures cannot reveal one company's answers.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

MIN_COHORT = 5


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
        if len(values) == 1:
            return cls(values[0], values[0], values[0])
        q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
        return cls(q1, median, q3)


@dataclass(frozen=True)
class Cohort:
    name: str
    size: int
    levels: dict[int, int]  # level -> organisations
    score: Quartiles
    subdomains: dict[str, Quartiles]


@dataclass(frozen=True)
class Standing:
    """Where one organisation stands in a cohort."""

    cohort: str
    score: float
    percentile: float  # share of the cohort scoring lower, 0-100
    subdomains: dict[str, tuple[float, float]]  # id -> (its score, share of the cohort scoring lower)


@dataclass(frozen=True)
class Benchmark:
    key: CohortKey
    cohorts: tuple[Cohort, ...]
    hidden: int  # cohorts not shown because they are smaller than MIN_COHORT
    organisations: int


def cohort_name(row: dict[str, Any], key: CohortKey) -> str:
    if key is CohortKey.all:
        return "all"
    value = row.get(key.value)
    return str(value) if value not in (None, "") else "?"


def build(rows: Iterable[dict[str, Any]], key: CohortKey) -> Benchmark:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        groups[cohort_name(row, key)].append(row)
    cohorts = []
    hidden = 0
    for name in sorted(groups):
        members = groups[name]
        if len(members) < MIN_COHORT:
            hidden += 1
            continue
        subs = [k.removesuffix(".score") for k in members[0] if k.endswith(".score") and not k.startswith("plan.")]
        cohorts.append(
            Cohort(
                name=name,
                size=len(members),
                levels=dict(sorted(Counter(int(m["level"]) for m in members).items())),
                score=Quartiles.of(sorted(float(m["score"]) for m in members)),
                subdomains={
                    s: Quartiles.of(sorted(float(m[f"{s}.score"]) for m in members if m.get(f"{s}.score") is not None)) for s in subs
                },
            )
        )
    return Benchmark(key, tuple(cohorts), hidden, sum(len(g) for g in groups.values()))


def _below(values: Sequence[float], value: float) -> float:
    return 100.0 * sum(1 for v in values if v < value) / len(values) if values else 0.0


def standing(rows: Sequence[dict[str, Any]], org: dict[str, Any], key: CohortKey) -> Standing | None:
    """The organisation against its own cohort; None when that cohort is too small to show."""
    name = cohort_name(org, key)
    itself = Path(str(org.get("file"))).resolve()
    members = [r for r in rows if cohort_name(r, key) == name and Path(str(r.get("file"))).resolve() != itself]
    if len(members) < MIN_COHORT:
        return None
    subs = [k.removesuffix(".score") for k in org if k.endswith(".score") and not k.startswith("plan.")]
    return Standing(
        cohort=name,
        score=float(org["score"]),
        percentile=_below([float(m["score"]) for m in members], float(org["score"])),
        subdomains={
            s: (float(org[f"{s}.score"]), _below([float(m[f"{s}.score"]) for m in members], float(org[f"{s}.score"]))) for s in subs
        },
    )
