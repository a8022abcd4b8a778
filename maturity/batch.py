"""Scoring many answer files: discovery, parallel scoring in worker processes, flat summary rows.

The library part of ``maturity score DIR|GLOB|FILE...``: it never prints. Results stream back in
input order (:func:`maturity.parallel.parallel_map`, a few chunks ahead of the consumer), so memory
stays bounded however many files there are, and each worker loads the questionnaires and rules once,
not once per file.
"""

from __future__ import annotations

import glob
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from maturity.answers import load_answers
from maturity.errors import MaturityError, Problem
from maturity.models.result import AssessmentResult
from maturity.parallel import fewer_collections, parallel_map
from maturity.questionnaire import Catalog, Questionnaire
from maturity.rules import LoadedRules, default_rules_path, load_rules
from maturity.scoring import score

ANSWER_SUFFIXES = (".yaml", ".yml", ".xlsx")


@dataclass(frozen=True)
class Scored:
    path: str
    # One of the two, as the output format needs: sending both cost a tenth of a parallel JSON run.
    row: dict[str, Any] | None  # flat summary (see summary_row)
    json: bytes | None  # the full maturity-result/1 document in UTF-8

    def summary(self) -> dict[str, Any]:
        assert self.row is not None, "scored for a JSON output: there is no summary row"
        return self.row


@dataclass(frozen=True)
class Failed:
    path: str
    problems: list[Problem]


def discover(inputs: Sequence[str]) -> tuple[list[str], list[Failed]]:
    """Files to score from paths, directories (searched recursively) and glob patterns, in a stable order."""
    found: list[str] = []
    missing: list[Failed] = []
    for item in inputs:
        path = Path(item)
        if path.is_file():
            found.append(item)  # a real file, even if its name has glob characters such as [2025]
        elif path.is_dir():
            found += sorted(str(p) for p in path.rglob("*") if p.suffix.lower() in ANSWER_SUFFIXES and p.is_file() and not _hidden(p, path))
        elif any(ch in item for ch in "*?["):
            matches = sorted(m for m in glob.glob(item, recursive=True) if Path(m).is_file())
            found += matches
            if not matches:
                missing.append(Failed(item, [Problem("batch.no_match", file=item)]))
        else:
            found.append(item)  # a missing file is reported by the scorer, in order
    return found, missing


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


@dataclass
class _Worker:
    """Per-process state: questionnaires and rules are loaded once and reused for every file."""

    extra_dirs: list[Path]
    rules_path: Path | None
    strict: bool
    want_json: bool
    catalog: Catalog = field(init=False)
    rules: dict[str, LoadedRules] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.catalog = Catalog(self.extra_dirs)

    def rules_for(self, questionnaire: Questionnaire) -> LoadedRules:
        if questionnaire.id not in self.rules:
            path = self.rules_path or default_rules_path(questionnaire)
            self.rules[questionnaire.id] = load_rules(path, questionnaire)
        return self.rules[questionnaire.id]

    def __call__(self, path: str) -> Scored | Failed:
        try:
            loaded = load_answers(Path(path), self.catalog.load, strict=self.strict)
            result = score(loaded.questionnaire, self.rules_for(loaded.questionnaire), loaded.answers)
        except MaturityError as exc:
            return Failed(path, exc.problems)
        except Exception as exc:  # one broken file must never stop a batch of thousands
            return Failed(path, [Problem("cli.unexpected", {"error": f"{type(exc).__name__}: {exc}"}, file=path)])
        if self.want_json:  # bytes straight from pydantic's serializer: no decode here, encode in the writer
            return Scored(path, None, AssessmentResult.__pydantic_serializer__.to_json(result))
        return Scored(path, summary_row(path, result), None)


_WORKER: _Worker | None = None


def _init_worker(extra_dirs: list[Path], rules_path: Path | None, strict: bool, want_json: bool) -> None:
    global _WORKER  # noqa: PLW0603 - the one per-process state of a pool worker
    _WORKER = _Worker(extra_dirs, rules_path, strict, want_json)


def _score_in_worker(path: str) -> Scored | Failed:
    assert _WORKER is not None
    return _WORKER(path)


def run(
    paths: Sequence[str],
    *,
    jobs: int = 1,
    extra_dirs: Sequence[Path] = (),
    rules_path: Path | None = None,
    strict: bool = False,
    want_json: bool = False,
    chunksize: int = 16,
) -> Generator[Scored | Failed, None, None]:
    """Score ``paths`` in input order, in ``jobs`` processes (1: in this process).

    Each file gives a :class:`Failed` or a :class:`Scored` with the summary row, or with the full
    result document instead when ``want_json``.
    """
    if jobs <= 1 or len(paths) < 2:
        worker = _Worker(list(extra_dirs), rules_path, strict, want_json)
        with fewer_collections():
            yield from (worker(p) for p in paths)
        return
    initargs = (list(extra_dirs), rules_path, strict, want_json)
    # the parent unpickles a row (and maybe a document) per file: short-lived data, like a worker's
    with fewer_collections():
        yield from parallel_map(_score_in_worker, paths, jobs, _init_worker, initargs, chunksize)


def summary_row(path: str, result: AssessmentResult) -> dict[str, Any]:
    """One flat row per organisation: identity, level, score, per-level, per-sub-domain and plan-domain figures."""
    org, assessment = result.organisation, result.assessment
    row: dict[str, Any] = {
        "file": path,
        "organisation": org.name,
        "industry": org.industry,
        "region": org.region,
        "size": org.size,
        "type": org.type.value,
        "date": assessment.date.isoformat(),
        "questionnaire": f"{result.questionnaire.id} {result.questionnaire.version}",
        "level": result.level,
        "score": result.score,
        "target_level": result.target_level,
    }
    for ls in result.levels:
        row[f"L{ls.level}"] = ls.score
    for sub in result.subdomains:
        row[f"{sub.id}.level"] = sub.level
        row[f"{sub.id}.score"] = sub.score
    for plan in result.plan_domains:
        row[f"plan.{plan.id.value}.level"] = plan.level
        row[f"plan.{plan.id.value}.score"] = plan.score
    counts = result.counts
    row.update(answered=counts.answered, not_applicable=counts.not_applicable, unanswered=counts.unanswered)
    return row
