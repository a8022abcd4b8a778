"""One report per answer file, rendered in parallel worker processes (``maturity report DIR -o
OUT/``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from maturity.assessment import Assessor, failure
from maturity.atomic import write_atomic
from maturity.errors import Problem
from maturity.numbers import fmt_score
from maturity.parallel import Initializer, run_each
from maturity.report import ReportFormat, ReportInput
from maturity.report.inputs import ReportEdition, ReportLang
from maturity.report.portfolio import IndexRow
from maturity.report.render import render_report


@dataclass(frozen=True)
class Job:
    source: str
    target: str
    previous: str = ""  # the organisation's latest earlier answer file: progress since then


@dataclass(frozen=True)
class Done:
    source: str
    target: str | None  # None when it failed
    problems: list[Problem]
    entry: IndexRow | None = None  # the report's line in index.html


@dataclass(frozen=True)
class Settings:
    fmt: ReportFormat
    lang: ReportLang
    template_dirs: tuple[Path, ...]
    assessor: Assessor  # the answer files' questionnaires, rules and strictness
    target: int | None
    edition: ReportEdition = ReportEdition.full


def plan_jobs(paths: Sequence[str], root: Path, out_dir: Path, fmt: ReportFormat) -> list[Job]:
    """OUT/<path below root, '/' as '-'>.<ext>, e.g. a/x.yaml -> a-x.pdf; never two jobs on one
    file."""
    jobs: list[Job] = []
    taken: set[str] = {"index"} if fmt is ReportFormat.html else set()  # index.html is the index
    for path in paths:
        relative = (
            Path(path).resolve().relative_to(root.resolve())
            if Path(path).resolve().is_relative_to(root.resolve())
            else Path(Path(path).name)
        )
        name = "-".join(relative.with_suffix("").parts)
        if name in taken:  # x.yaml and x.xlsx, or a/b-c.yaml and a-b/c.yaml
            name = f"{name}-{relative.suffix.lstrip('.')}"
        number = 2
        base = name
        while name in taken:
            name, number = f"{base}-{number}", number + 1
        taken.add(name)
        jobs.append(Job(path, str(out_dir / f"{name}.{fmt.value}")))
    return jobs


def previous_files(rows: Sequence[dict[str, Any]]) -> dict[str, str]:
    """Each file of an organisation assessed before -> its latest earlier file (summary rows of
    :func:`maturity.batch.summary_row`; organisations matched as the portfolio matches them)."""
    from maturity.peers import assessments

    return {
        str(h[i]["file"]): str(h[i - 1]["file"])
        for h in assessments(rows)
        for i in range(1, len(h))
    }


@dataclass(frozen=True)
class _RenderFile:
    """Renders one report; the per-process state of a batch of reports (its assessor keeps what it
    loads)."""

    settings: Settings

    def __call__(self, job: Job) -> Done:
        s = self.settings
        try:
            loaded, rules, result = s.assessor.assess(Path(job.source))
            data = ReportInput(result, loaded.questionnaire, loaded.answers, rules.rules)
            if job.previous:
                prior = s.assessor.assess(Path(job.previous)).result
                data = replace(data, previous=prior, previous_found=Path(job.previous).name)
            write_atomic(
                Path(job.target),
                render_report(
                    data, s.fmt, s.lang, s.template_dirs, target=s.target, edition=s.edition
                ),
            )
        except Exception as exc:  # one report must not stop the others
            return Done(job.source, None, failure(exc, job.source))
        entry = IndexRow(
            result.organisation.name,
            result.level,
            fmt_score(result.score),
            result.assessment.date.isoformat(),
            Path(job.target).name,
        )
        return Done(job.source, job.target, [], entry)


def render_many(
    jobs: Sequence[Job],
    settings: Settings,
    workers: int,
    initializer: Initializer | None = None,
) -> Iterator[Done]:
    """``initializer``: as for :func:`maturity.parallel.run_each`."""
    task = _RenderFile(settings)
    yield from run_each(task, jobs, workers, initializer=initializer)
