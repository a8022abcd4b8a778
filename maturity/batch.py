"""Scoring many answer files: discovery, parallel scoring in worker processes, flat summary rows.

The library part of ``maturity score DIR|GLOB|FILE...``: it never prints. Results stream back in
input order (:func:`maturity.parallel.run_each`, a few chunks ahead of the consumer), so memory
stays bounded however many files there are, and each worker loads the questionnaires and rules once,
not once per file.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter

from maturity.assessment import Assessor, failure
from maturity.atomic import file_id, os_reason
from maturity.errors import Problem
from maturity.parallel import Initializer, run_each
from maturity.schema.answers import Consent
from maturity.schema.result import AssessmentResult

ANSWER_SUFFIXES = (".yaml", ".yml", ".xlsx")


@dataclass(frozen=True)
class Scored:
    path: str
    # One of the two, as the output format needs: sending both cost a tenth of a parallel JSON run.
    row: dict[str, Any] | None  # flat summary (see summary_row)
    json: bytes | None  # the full maturity-result/1 document in UTF-8
    gaps: tuple[str, ...] = ()  # requirements not fully met, when asked for (maturity portfolio)
    missed: tuple[str, ...] = ()  # the same at any level, whatever the target (to count firms)

    def summary(self) -> dict[str, Any]:
        assert self.row is not None, "scored for a JSON output: there is no summary row"
        return self.row


@dataclass(frozen=True)
class Failed:
    path: str
    problems: list[Problem]


def discover(inputs: Sequence[str]) -> tuple[list[str], list[Failed]]:
    """Files to score from paths, directories (searched recursively) and glob patterns, in a stable
    order.

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
            before = len(failed)
            candidates = sorted(_glob(item, failed))
            if not candidates and len(failed) == before:  # an unreadable folder says enough
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
                # not a regular file (a folder named x.yaml, a device): dropped by the caller
                yield path


def _glob(pattern: str, failed: list[Failed]) -> Iterator[str]:
    """Like ``glob.glob(pattern, recursive=True)``, except that ``**`` does not enter symlinked
    folders."""
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
    """The entries of ``folder`` (joined paths) and whether each is a folder that is not a
    symlink."""
    try:
        with os.scandir(folder or ".") as entries:
            return [
                (
                    os.path.join(folder, e.name) if folder else e.name,
                    e.is_dir(follow_symlinks=False),
                )
                for e in entries
            ]
    except (FileNotFoundError, NotADirectoryError):
        return []  # a pattern's path that leads nowhere, or through a file: no match there
    except OSError as exc:
        if all(f.path != folder for f in failed):  # `**` lists a folder twice: report it once
            problem = Problem("batch.unreadable", {"reason": os_reason(exc)}, file=folder)
            failed.append(Failed(folder, [problem]))
        return []


_RESULT = TypeAdapter(
    AssessmentResult
)  # dump_json: bytes, 25 µs per file less than model_dump_json().encode()


@dataclass(frozen=True)
class _ScoreFile:
    """Scores one file; the per-process state of a batch (its assessor keeps what it loads)."""

    assessor: Assessor
    want_json: bool
    want_gaps: bool = False

    def __call__(self, path: str) -> Scored | Failed:
        try:
            result = self.assessor.assess(Path(path)).result
        except Exception as exc:  # one broken file must never stop a batch of thousands
            return Failed(path, failure(exc, path))
        if (
            self.want_json
        ):  # UTF-8 bytes straight from pydantic: no decode here, no encode in the writer
            return Scored(path, None, _RESULT.dump_json(result))
        if not self.want_gaps:
            return Scored(path, summary_row(path, result), None)
        return Scored(path, summary_row(path, result), None, unmet(result), unmet(result, 5))


def run(
    paths: Sequence[str],
    assessor: Assessor,
    *,
    jobs: int = 1,
    want_json: bool = False,
    want_gaps: bool = False,
    chunksize: int = 16,
    initializer: Initializer | None = None,
) -> Generator[Scored | Failed, None, None]:
    """Score ``paths`` with ``assessor`` in input order, in ``jobs`` processes (1: in this
    process).

    Each file gives a :class:`Failed` or a :class:`Scored` with the summary row, or with the full
    result document instead when ``want_json``; with ``want_gaps``, the requirements not fully met
    too. ``initializer``: as for :func:`maturity.parallel.run_each`.
    """
    task = _ScoreFile(assessor, want_json, want_gaps)
    yield from run_each(task, paths, jobs, chunksize, initializer)


def summary_row(path: str, result: AssessmentResult) -> dict[str, Any]:
    """One flat row per organisation: identity, level, score, per-level, per-sub-domain and
    plan-domain figures."""
    org, assessment = result.organisation, result.assessment
    row: dict[str, Any] = {
        "file": path,
        "organisation": org.name,
        "organisation_id": org.id,
        "industry": org.industry,
        "region": org.region,
        "size": org.size,
        "type": org.type.value,
        "profile": org.effective_profile.value,
        "date": assessment.date.isoformat(),
        "mode": assessment.mode,
        # who issued the assessment and whether the bureau may see the firm by name: the portfolio's
        # cover block and its bureau edition (maturity.portfolio)
        "assessor_organisation": assessment.assessor.organisation if assessment.assessor else None,
        "bureau_consent": _bureau_consent(assessment.consent),
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
    row.update(
        answered=counts.answered, not_applicable=counts.not_applicable, unanswered=counts.unanswered
    )
    return row


def unmet(result: AssessmentResult, up_to: int | None = None) -> tuple[str, ...]:
    """The gaps as the report counts them (maturity.recommend.gaps): requirements answered and not
    fully met, up to the organisation's target level, else its next level. Level-5 requirements
    that nearly every firm misses say nothing about what holds a client back. None for a
    descriptor-based quick scan, which rates no requirement. ``up_to``: that level instead."""
    if result.method != "requirements":
        return ()
    target = up_to or result.target_level or min(result.level + 1, 5)
    return tuple(
        r.id
        for r in result.requirements
        if r.value is not None and r.value < 1.0 and r.level <= target
    )


def _bureau_consent(consent: Consent | None) -> str | None:
    """The date the organisation agreed to be named to the bureau; None: never named."""
    return consent.date.isoformat() if consent is not None and consent.bureau else None
