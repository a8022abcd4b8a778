"""One report per answer file, rendered in parallel worker processes (``maturity report DIR -o OUT/``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from maturity.answers import load_answers
from maturity.atomic import write_atomic
from maturity.errors import MaturityError, Problem
from maturity.parallel import parallel_map
from maturity.questionnaire import Catalog
from maturity.report import ReportFormat, ReportInput
from maturity.report.inputs import ReportLang
from maturity.report.render import render_report
from maturity.rules import default_rules_path, load_rules
from maturity.scoring import score


@dataclass(frozen=True)
class Job:
    source: str
    target: str


@dataclass(frozen=True)
class Done:
    source: str
    target: str | None  # None when it failed
    problems: list[Problem]


@dataclass(frozen=True)
class Settings:
    fmt: ReportFormat
    lang: ReportLang
    template_dirs: tuple[Path, ...]
    extra_dirs: tuple[Path, ...]
    rules_path: Path | None
    target: int | None
    strict: bool


def plan_jobs(paths: Sequence[str], root: Path, out_dir: Path, fmt: ReportFormat) -> list[Job]:
    """OUT/<path below root, '/' as '-'>.<ext>, e.g. a/x.yaml -> a-x.pdf; never two jobs on one file."""
    jobs: list[Job] = []
    taken: set[str] = set()
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


_SETTINGS: Settings | None = None
_CATALOG: Catalog | None = None


def _init(settings: Settings) -> None:
    global _SETTINGS, _CATALOG
    _SETTINGS, _CATALOG = settings, Catalog(list(settings.extra_dirs))


def _render(job: Job) -> Done:
    assert _SETTINGS is not None and _CATALOG is not None
    s = _SETTINGS
    try:
        loaded = load_answers(Path(job.source), _CATALOG.load, strict=s.strict)
        rules = load_rules(s.rules_path or default_rules_path(loaded.questionnaire), loaded.questionnaire)
        result = score(loaded.questionnaire, rules, loaded.answers)
        payload = render_report(
            ReportInput(result, loaded.questionnaire, loaded.answers, rules.rules), s.fmt, s.lang, s.template_dirs, target=s.target
        )
        write_atomic(Path(job.target), payload)
    except MaturityError as exc:
        return Done(job.source, None, exc.problems)
    except Exception as exc:  # one report must not stop the others
        return Done(job.source, None, [Problem("cli.unexpected", {"error": f"{type(exc).__name__}: {exc}"}, file=job.source)])
    return Done(job.source, job.target, [])


def render_many(jobs: Sequence[Job], settings: Settings, workers: int) -> Iterator[Done]:
    if workers <= 1 or len(jobs) < 2:
        _init(settings)
        yield from (_render(job) for job in jobs)
        return
    yield from parallel_map(_render, jobs, workers, _init, (settings,))
