"""Scoring many answer files: discovery, parallel scoring in worker processes, flat summary rows.

The library part of ``maturity score DIR|GLOB|FILE...``: it never prints. Results stream back in
input order (:func:`maturity.parallel.parallel_map`, a few chunks ahead of the consumer), so memory
stays bounded however many files there are, and each worker loads the questionnaires and rules once,
not once per file.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from maturity.answers import load_answers
from maturity.atomic import file_id, os_reason
from maturity.errors import MaturityError, Problem
from maturity.parallel import fewer_collections, parallel_map
from maturity.questionnaire import Catalog, Questionnaire
from maturity.rules import LoadedRules, default_rules_path, load_rules
from maturity.schema.result import AssessmentResult
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
    """Files to score from paths, directories (searched recursively) and glob patterns, in a stable order.

    Each file comes once, however many names lead to it (links, overlapping patterns), and
    symlinked folders are not entered by a recursive search, so a link loop cannot make it endless.
    A folder that cannot be read is a failed input, not a silent gap.
    """
    found: list[str] = []
    failed: list[Failed] = []
    seen: set[tuple[int, int]] = set()
    for item in inputs:
        if os.path.isfile(item):
            candidates = [item]  # a real file, even if its name has glob characters such as [2025]
        elif os.path.isdir(item):
            candidates = sorted(_walk(str(Path(item)), failed))
        elif _magic(item):
            candidates = sorted(_glob(item, failed))
            if not candidates:
                failed.append(Failed(item, [Problem("batch.no_match", file=item)]))
        else:
            found.append(item)  # a missing file is reported by the scorer, in order
            continue
        for path in candidates:
            key = file_id(path)
            if key is not None and key not in seen:
                seen.add(key)
                found.append(path)
    return found, failed


def _magic(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def _walk(root: str, failed: list[Failed]) -> Iterator[str]:
    """Answer files below ``root``: hidden entries and symlinked folders are skipped."""
    stack = [root]
    while stack:
        for path, real_dir in _listdir(stack.pop(), failed):
            if os.path.basename(path).startswith("."):
                continue
            if real_dir:
                stack.append(path)
            elif os.path.splitext(path)[1].lower() in ANSWER_SUFFIXES:
                yield path  # not a regular file (a folder named x.yaml, a device): dropped by the caller


def _glob(pattern: str, failed: list[Failed]) -> Iterator[str]:
    """Like ``glob.glob(pattern, recursive=True)``, except that ``**`` does not enter symlinked folders."""
    parts = pattern.split(os.sep)
    fixed = next(i for i, part in enumerate(parts) if _magic(part))
    base = os.sep.join(parts[:fixed]) or (os.sep if fixed else "")
    return (p for p in _expand(base, parts[fixed:], failed) if os.path.isfile(p))


def _expand(base: str, rest: list[str], failed: list[Failed]) -> Iterator[str]:
    if not rest:
        yield base
        return
    head, tail = rest[0], rest[1:]
    if not _magic(head):
        yield from _expand(os.path.join(base, head) if head else base, tail, failed)
        return
    if head == "**":
        yield from _expand(base, tail, failed)  # zero folders
    for path, real_dir in _listdir(base, failed):
        name = os.path.basename(path)
        if name.startswith(".") and not head.startswith("."):
            continue  # as in glob: wildcards do not match hidden names
        if head == "**":
            if real_dir:
                yield from _expand(path, rest, failed)
            elif not tail:
                yield path
        elif fnmatch.fnmatch(name, head):
            yield from _expand(path, tail, failed)


def _listdir(folder: str, failed: list[Failed]) -> list[tuple[str, bool]]:
    """The entries of ``folder`` (joined paths) and whether each is a folder that is not a symlink."""
    try:
        with os.scandir(folder or ".") as entries:
            return [(os.path.join(folder, e.name) if folder else e.name, e.is_dir(follow_symlinks=False)) for e in entries]
    except (FileNotFoundError, NotADirectoryError):
        return []  # a pattern's path that leads nowhere, or through a file: no match there
    except OSError as exc:
        failed.append(Failed(folder, [Problem("batch.unreadable", {"reason": os_reason(exc)}, file=folder)]))
        return []


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
