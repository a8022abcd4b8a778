"""Loading and checking the improvement projects beside a questionnaire (``projects/*.yaml``,
``scenarios.yaml``), and the one-requirement projects that stand in for them when a questionnaire
has none (docs/recommendations.md).

Checks, each reported with file and line: ids unique; every id in ``closes`` and ``needs`` exists;
a project never needs a requirement it closes itself; ``needs`` forms no cycle (through projects
and through the projects that close a needed requirement); every requirement is closed by at least
one project; technologies and scenarios exist.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from maturity import yamlio
from maturity.errors import Problem
from maturity.i18n import bilingual
from maturity.schema.base import Effort
from maturity.schema.kpis import KpiBaseline
from maturity.schema.projects import (
    CostBand,
    Project,
    ProjectFile,
    ProjectKpi,
    ScenarioFile,
    Suits,
)
from maturity.schema.questionnaire import Requirement
from maturity.schema.recommendations import Recommendation, Technology

# A requirement without a project of its own becomes one; its size comes from the advice's effort.
# Neither duration nor cost is estimated: the plan says so beside them.
FALLBACK_SIZE: dict[Effort, tuple[tuple[int, int], CostBand]] = {
    Effort.low: ((1, 3), CostBand.under_10),
    Effort.medium: ((3, 6), CostBand.from_10),
    Effort.high: ((6, 12), CostBand.from_50),
}


@dataclass(frozen=True)
class Placed:
    """A project as loaded, with the document and index that locate it."""

    project: Project
    doc: yamlio.Document
    index: int

    def problem(self, key: str, *loc: str | int, **params: object) -> Problem:
        return self.doc.problem(key, ("projects", self.index, *loc), **params)


def load_projects(
    directory: Path,
    subdomain_of: Mapping[str, str],
    technologies: Mapping[str, Technology],
    problems: list[Problem],
) -> tuple[tuple[Project, ...], ScenarioFile | None, str | None]:
    """The projects and scenarios of ``directory`` and the month its legal citations were
    checked to; () when it has no ``projects/`` folder."""
    from maturity.questionnaire import _display, _load_doc, _validate

    scenarios = _load_scenarios(directory, problems)
    folder = directory / "projects"
    if not folder.is_dir():
        return (), scenarios, None
    placed: list[Placed] = []
    as_of: list[str] = []
    complete = True  # every file read: only then is a requirement closed by none a finding
    for path in sorted(folder.glob("*.yaml")):
        doc = _load_doc(path, directory, problems)
        content = _validate(doc, ProjectFile, problems) if doc else None
        if content is not None and doc is not None:
            placed += [Placed(p, doc, i) for i, p in enumerate(content.projects)]
            as_of += [content.legislation_as_of] if content.legislation_as_of else []
        else:
            complete = False
    known_scenarios = {s.id for s in scenarios.scenarios} if scenarios else set()
    problems += check_projects(placed, subdomain_of, technologies, known_scenarios)
    if complete:
        problems += _coverage(placed, subdomain_of, _display(folder, directory))
    return tuple(p.project for p in placed), scenarios, max(as_of, default=None)


def _load_scenarios(directory: Path, problems: list[Problem]) -> ScenarioFile | None:
    from maturity.questionnaire import _load_doc, _validate

    path = directory / "scenarios.yaml"
    if not path.is_file():
        return None
    doc = _load_doc(path, directory, problems)
    return _validate(doc, ScenarioFile, problems) if doc else None


def check_projects(
    placed: Sequence[Placed],
    subdomain_of: Mapping[str, str],
    technologies: Mapping[str, object],
    scenarios: set[str],
) -> list[Problem]:
    problems: list[Problem] = []
    ids: set[str] = set()
    for item in placed:
        if item.project.id in ids or item.project.id in subdomain_of:
            problems.append(item.problem("model.duplicate_id", "id", id=item.project.id))
        ids.add(item.project.id)
    for item in placed:
        problems += _references(item, ids, subdomain_of, technologies, scenarios)
    problems += _cycles(placed)
    return problems


def _covers_unclosed(item: Placed) -> list[Problem]:
    """A law can only cover requirements the project closes (else it could never bind)."""
    p = item.project
    located: list[tuple[tuple[str | int, ...], str]] = [
        (("statutory_covers", index), ref) for index, ref in enumerate(p.statutory_covers)
    ]
    for at, citation in enumerate(p.statutory_if):
        located += [(("statutory_if", at, "covers", i), r) for i, r in enumerate(citation.covers)]
    return [
        item.problem("project.covers_unclosed", *loc, id=p.id, ref=ref)
        for loc, ref in located
        if ref not in p.closes
    ]


def _unknown_parts(item: Placed, subdomains: set[str]) -> list[Problem]:
    """The sub-domains a project's fit names must exist (a typo would silently never match)."""
    p = item.project
    fits: list[tuple[tuple[str | int, ...], Suits]] = [(("suits",), p.suits)]
    fits += [(("first_step_for", i), w) for i, w in enumerate(p.first_step_for)]
    return [
        item.problem("project.unknown_subdomain", *loc, field, index, id=p.id, ref=ref)
        for loc, fit in fits
        for field in ("tailored", "untailored")
        for index, ref in enumerate(getattr(fit, field))
        if ref not in subdomains
    ]


def _references(
    item: Placed,
    ids: set[str],
    subdomain_of: Mapping[str, str],
    technologies: Mapping[str, object],
    scenarios: set[str],
) -> list[Problem]:
    p, out = item.project, []
    for index, ref in enumerate(p.closes):
        if ref not in subdomain_of:
            out.append(
                item.problem("project.unknown_requirement", "closes", index, id=p.id, ref=ref)
            )
    for index, ref in enumerate(p.needs):
        if ref in p.closes or ref == p.id:
            out.append(item.problem("project.needs_itself", "needs", index, id=p.id, ref=ref))
        elif ref not in ids and ref not in subdomain_of:
            out.append(item.problem("project.unknown_need", "needs", index, id=p.id, ref=ref))
    out += _covers_unclosed(item) + _unknown_parts(item, set(subdomain_of.values()))
    for index, tech in enumerate(p.technologies):
        if tech not in technologies:
            out.append(item.problem("model.unknown_technology", "technologies", index, id=tech))
    for index, ref in enumerate(p.scenarios):
        if ref not in scenarios:
            out.append(
                item.problem("project.unknown_scenario", "scenarios", index, id=p.id, ref=ref)
            )
    return out


def prerequisite_projects(project: Project, closers: Mapping[str, Sequence[str]]) -> set[str]:
    """The projects ``project`` waits for: those it names, and every project that closes a
    requirement it needs (any of them would do, so a cycle through one is a cycle)."""
    out: set[str] = set()
    for ref in project.needs:
        out.update(closers.get(ref, (ref,)))
    out.discard(project.id)
    return out


def closers_of(projects: Sequence[Project]) -> dict[str, list[str]]:
    """Requirement id -> the ids of the projects that close it, in file order."""
    out: dict[str, list[str]] = {}
    for p in projects:
        for ref in p.closes:
            out.setdefault(ref, []).append(p.id)
    return out


def _cycles(placed: Sequence[Placed]) -> list[Problem]:
    """One problem per project on a cycle of ``needs``, naming the cycle."""
    closers = closers_of([p.project for p in placed])
    edges = {p.project.id: prerequisite_projects(p.project, closers) for p in placed}
    problems: list[Problem] = []
    for item in placed:
        path = _cycle_from(item.project.id, edges)
        if path:
            cycle = " -> ".join(path)
            problems.append(item.problem("project.cycle", "needs", id=item.project.id, cycle=cycle))
    return problems


def _cycle_from(start: str, edges: Mapping[str, set[str]]) -> list[str]:
    """A path start -> ... -> start through ``edges``, or [] (depth-first, each node once)."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for nxt in sorted(edges.get(node, ())):
            if nxt == start:
                return [*path, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return []


def _coverage(
    placed: Sequence[Placed], subdomain_of: Mapping[str, str], folder: str
) -> list[Problem]:
    closed = {ref for p in placed for ref in p.project.closes}
    missing = [r for r in subdomain_of if r not in closed]
    if not missing:
        return []
    shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
    return [Problem("project.uncovered", {"count": len(missing), "ids": shown}, file=folder)]


def fallback_projects(
    requirements: Sequence[Requirement], recommendations: Mapping[str, Recommendation]
) -> tuple[Project, ...]:
    """One project per requirement, from its recommendation (when it has one): what a
    questionnaire without ``projects/`` plans with. Sizes from the effort, not estimated."""
    from maturity.labels import KPI_NAMES

    out: list[Project] = []
    for req in requirements:
        rec = recommendations.get(req.id)
        months, cost = FALLBACK_SIZE[rec.effort if rec else Effort.medium]
        out.append(
            Project.model_construct(
                id=req.id,
                name=req.question,
                summary=rec.why if rec else req.statement,
                first_step=rec.action if rec else req.statement,
                closes=(req.id,),
                needs=tuple(req.presupposes),
                months=months,
                cost=cost,
                cost_basis=bilingual("plan.not_estimated"),
                owner=bilingual("plan.owner_not_named"),
                kpis=tuple(
                    ProjectKpi.model_construct(kpi=k, measure=KPI_NAMES[k]) for k in rec.kpis
                )
                if rec
                else (),
                technologies=rec.technologies if rec else (),
                scenarios=(),
                statutory=None,
            )
        )
    return tuple(out)


def moves(project: Project, base: KpiBaseline) -> bool:
    """Whether one of the project's measures is this baseline's KPI: the catalogue's measures
    name it first ("OEE (weekly)", "On-time delivery rate (weekly)")."""
    name = bilingual(f"kpi.name.{base.kpi}").en.casefold()
    return any(k.measure.en.casefold().startswith(name) for k in project.kpis)
