"""The improvement plan: one object computed once from a result, from which the summary's top
actions, the shortest path to the next gate, the roadmap and the action cards are all read.

Library only, no I/O. The ranking (docs/recommendations.md), in this order:

a. statutory projects first of all: a law binds when it covers a requirement still unmet, names
   the firm's profile (or every profile) and, for a conditional duty, the firm is known to be
   regulated as its condition (:mod:`maturity.law`); one not known is cited "where applicable"
   and does not rank;
b. foundations first: a project's level is the lowest level among the unmet requirements it
   closes (a requirement rated at least "most" on a level already reached is polish, not a
   foundation gap, and does not lower it);
c. within a level, the projects of the minimal sets that pass the gates up to the target first
   (the next level's set, then the one after: see :func:`level_sets`);
d. then (gain towards the next gate + what it unlocks) per unit of cost (band midpoint x mean
   months), where what it unlocks is the gain up to the target of every project that waits for
   it; then gain at the project's own levels per unit of cost;
e. then the organisation's KPI priorities (3, 2, 1, 1 ... points by position); then the id.

A prerequisite in the plan always comes first, however it ranks: one still lacking (a
requirement it closes below "most") ends before the project that needs it starts; one already in
place (in the plan only as polish of requirements rated "most") starts no later than it, as the
two can run side by side. A project needs another when it names it, or names a requirement the
other closes.

A target more than one level up gets a minimal set per level (:func:`level_sets`): the set for
level k+2 assumes the set for k+1 is done, so each project is "needed for" the lowest level it
serves. A project is costed whole: when one needed for level 3 also closes level-4/5
requirements, its band covers that later scope too, and the outputs say so beside it
(:attr:`Step.later_levels`) rather than invent a split of a band the catalogue does not give.

The plan is split in two. The promotion roadmap ("晋级路线图") holds the minimal sets up to the
target, every legal duty, every light foundation and all their prerequisites; everything else is
a reserve project ("后续储备项目"), ranked after the whole roadmap and started only once the
roadmap has ended, so the roadmap stays a programme an SME can fund and run (about three years)
and the reserve is a list to draw on later, not a commitment.

The ranked list is then ordered topologically: a project's prerequisites are placed just before
it. Each project, in that order, starts in the first quarter after its prerequisites end (or, for
those in place, start) in which fewer than five projects start, fewer than eight run and its
owner role runs fewer than ``OWNER_AT_ONCE`` (two) in every quarter it spans: a department head
steers two projects beside the daily work, not six. A light project (under 10万: rules, ledgers,
a legal check) takes no slot, so every such foundation and legal basic starts at once. A phase is
the projects starting in one quarter, and ranks follow the roadmap.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from maturity.law import Duties, FirmFacts, duties, fits, regulation, worded_for
from maturity.plan_fit import (
    AS_CATALOGUED,
    SMALL,
    Fit,
    FitContext,
    Mode,
    Size,
    fit_of,
    size_note,
    size_of,
)
from maturity.plan_roles import small_firm_owner, small_firm_wording
from maturity.projects import closers_of
from maturity.questionnaire import Questionnaire
from maturity.schema.base import Kpi, Text
from maturity.schema.projects import CostBand, Project, Suits
from maturity.schema.result import AssessmentResult, RequirementResult

NO_DUTIES = Duties()
POLISH = 0.8  # "most" or better on a level already reached: polish, not a foundation gap
POLISH_LEVEL = 6  # the ranking level of a project that only polishes reached levels


# Level scores in a result carry six decimals; sums of gains are compared with this slack so that
# an exact hit of the gate is not missed by rounding (half a unit of the 6th decimal, times ten).
ROUNDING = 5e-6


def reached_level(result: AssessmentResult) -> int:
    """The highest level whose gate is passed consecutively (the "k" of the method).

    Plans are made from the gates, not from the score bands, so that custom rules whose bands do
    not line up with the gate still give a sensible next level.
    """
    return max((ls.level for ls in result.levels if ls.reached), default=0)


def kpi_points(priorities: tuple[Kpi, ...]) -> dict[Kpi, int]:
    """The organisation's priorities score 3, 2, 1, 1, ... points by position."""
    return {kpi: max(3 - index, 1) for index, kpi in enumerate(priorities)}


def gains(result: AssessmentResult) -> dict[str, float]:
    """Rise of the level score if each requirement became fully met."""
    counts: Counter[tuple[str, int]] = Counter(
        (r.subdomain, r.level) for r in result.requirements if r.value is not None
    )
    out: dict[str, float] = {}
    for row in result.requirements:
        if row.value is None:
            continue
        weight = result.weights[str(row.level)].get(row.subdomain, 0.0)
        out[row.id] = weight * (1.0 - row.value) / counts[(row.subdomain, row.level)]
    return out


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    quarter: int  # 1-4

    @classmethod
    def after(cls, day: dt.date) -> Quarter:
        """The quarter that follows the one holding ``day``: planning starts next quarter."""
        return cls(day.year, (day.month - 1) // 3 + 1).plus(1)

    def plus(self, count: int) -> Quarter:
        index = self.year * 4 + self.quarter - 1 + count
        return Quarter(index // 4, index % 4 + 1)

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter}"


@dataclass(frozen=True)
class Step:
    """One project in the plan, with where and when it runs."""

    project: Project
    closing: tuple[RequirementResult, ...]  # the unmet requirements it closes
    level: int  # its ranking level (b); POLISH_LEVEL when it only polishes
    gain: float  # level-score points it adds towards the next gate (capped at the shortfall)
    own_gain: float  # level-score points it adds at the levels of its requirements
    kpi_fit: int
    needs: tuple[str, ...]  # the plan's projects it waits for (they end before it starts)
    alongside: tuple[str, ...] = ()  # prerequisites in place but in the plan: start no later
    duties: Duties = NO_DUTIES  # the laws that bind this firm (or may) over an unmet requirement
    towards_target: float = 0.0  # level-score points it adds at the levels up to the target
    unlocked: float = 0.0  # ``towards_target`` of the plan's projects that wait for it
    blocks_next: bool = False  # in the minimal set that passes the next gate
    needed_for: int = 0  # the level whose minimal set holds it (0: in none)
    reserve: bool = False  # not on the promotion roadmap: scheduled after it ends
    rank: int = 0
    phase: int = 0
    start: Quarter = Quarter(1, 1)
    quarters: int = 1
    fit: Fit = AS_CATALOGUED  # extend, SaaS or roll-out, and the firm's size (maturity.plan_fit)

    @property
    def id(self) -> str:
        return self.project.id

    # What every output prints: the project as fitted to this firm, not the catalogue's text.
    @property
    def name(self) -> Text:
        variant = self.fit.variant(self.project)
        return variant.name if variant else self.project.name

    @property
    def first_step(self) -> Text:
        return self.fit.first_step(self.project)

    @property
    def months(self) -> tuple[int, int]:
        variant = self.fit.variant(self.project)
        return variant.months if variant else self.project.months

    @property
    def cost_basis(self) -> Text:
        variant = self.fit.variant(self.project)
        return variant.cost_basis if variant else self.project.cost_basis

    @property
    def recurring(self) -> bool:
        variant = self.fit.variant(self.project)
        return variant.recurring if variant else self.project.recurring

    @property
    def bounds(self) -> tuple[int, int | None]:
        """The cost band in 万元, scaled to the firm's size."""
        return self.fit.bounds(self.project)

    @property
    def light(self) -> bool:
        """Under 10万 as fitted to this firm (an extend or SaaS variant may be light where the
        catalogue's roll-out is not), before scaling to its size, which changes the sum, not the
        kind of work: rules, ledgers or a legal check an owner runs within the department."""
        return self.fit.band(self.project) is CostBand.under_10

    @property
    def extends(self) -> bool:
        return self.fit.mode is Mode.extend

    @property
    def statutory(self) -> bool:
        """A law binding this firm covers one of its unmet requirements: ranked first."""
        return bool(self.duties.bound)

    @property
    def law(self) -> Text | None:
        """The laws behind it for this firm: those that bind, then "where applicable" ones."""
        return self.duties.text

    @property
    def cost(self) -> float:
        """The cost proxy of the ranking: band midpoint (万元, as scaled for the firm) x mean
        duration (months)."""
        low, high = self.months
        return self.fit.band(self.project).midpoint * self.fit.factor * (low + high) / 2

    @property
    def end(self) -> Quarter:
        """The last quarter it runs in."""
        return self.start.plus(self.quarters - 1)

    @property
    def later_levels(self) -> tuple[int, ...]:
        """Levels above the one it is needed for that it also closes requirements of: its band
        and duration include that later scope (a project is costed whole, not by stage)."""
        if not self.needed_for:
            return ()
        return tuple(sorted({r.level for r in self.closing if r.level > self.needed_for}))

    def sort_key(self) -> tuple[int, int, int, int, float, float, int, str]:
        return (
            1 if self.reserve else 0,
            0 if self.statutory else 1,
            self.level,
            self.needed_for or 9,
            -round((self.gain + self.unlocked) / self.cost, 9),
            -round(self.own_gain / self.cost, 9),
            -self.kpi_fit,
            self.id,
        )


@dataclass(frozen=True)
class PlanPhase:
    number: int
    start: Quarter
    quarters: int
    steps: tuple[Step, ...]

    @property
    def end(self) -> Quarter:
        return self.start.plus(self.quarters - 1)

    @property
    def budget(self) -> tuple[int, int | None]:
        return budget_of(self.steps)

    @property
    def reserve(self) -> bool:
        """A phase of reserve projects only (they start after the roadmap, never beside it)."""
        return all(s.reserve for s in self.steps)


@dataclass(frozen=True)
class LevelSet:
    """The minimal set of projects that passes one level's gate, once the sets of the levels
    below it are done (see :func:`level_sets`)."""

    level: int
    steps: tuple[Step, ...]  # in plan order
    reachable: bool
    by: Quarter | None  # expected: the last end of this set and the lower ones (None: no project)

    @property
    def budget(self) -> tuple[int, int | None]:
        return budget_of(self.steps)


def budget_of(steps: Iterable[Step]) -> tuple[int, int | None]:
    """Indicative range in 万元: the sums of the scaled band bounds (no upper bound when one is
    open)."""
    bounds = [s.bounds for s in steps]
    highs = [high for _, high in bounds]
    return sum(low for low, _ in bounds), None if None in highs else sum(h or 0 for h in highs)


@dataclass(frozen=True)
class Plan:
    reached: int  # k
    target: int
    gate: float
    current: float  # the next level's score now (0 when there is no next level)
    steps: tuple[Step, ...]  # ranked, prerequisites first
    phases: tuple[PlanPhase, ...]
    shortest: tuple[Step, ...]  # the minimal set that passes the next gate, in plan order
    reachable: bool  # False when even every project together would not pass the next gate
    estimated: bool  # False: one project per requirement, durations and costs not estimated
    start: Quarter
    size: Size = Size.medium  # the firm's size, which scales the costs
    size_known: bool = False  # False: the answer file gives neither size nor staff

    @property
    def cost_note(self) -> Text:
        """What the printed costs assume (size and factor)."""
        return size_note(self.size, self.size_known)

    legislation_as_of: str | None = None  # month the legal citations were checked to (YYYY-MM)
    levels: tuple[LevelSet, ...] = ()  # a minimal set per level, next level to the target

    @property
    def roadmap(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if not s.reserve)

    @property
    def reserve(self) -> tuple[Step, ...]:
        return tuple(s for s in self.steps if s.reserve)

    @property
    def next_level(self) -> int | None:
        return self.reached + 1 if self.reached < 5 else None

    @property
    def top(self) -> tuple[Step, ...]:
        """The summary's most important actions: the first three of phase 1."""
        return self.phases[0].steps[:3] if self.phases else ()

    def step(self, project_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == project_id), None)

    @property
    def quarters(self) -> tuple[Quarter, ...]:
        """Every quarter from the start to the end of the last phase."""
        if not self.phases:
            return ()
        last = max(p.end for p in self.phases)  # phases overlap: the last to start may not end last
        count = (last.year - self.start.year) * 4 + last.quarter - self.start.quarter + 1
        return tuple(self.start.plus(i) for i in range(count))


def legislation_month(plan: Plan) -> str | None:
    """The month the plan's legal citations are current to, when it cites any (printed beside
    them, so a reader knows how old they are)."""
    return plan.legislation_as_of if any(s.law for s in plan.steps) else None


def make_plan(
    result: AssessmentResult,
    questionnaire: Questionnaire,
    target: int | None = None,
    today: dt.date | None = None,
    notes: Mapping[str, str] | None = None,
) -> Plan:
    """The plan towards ``target`` (else the answer file's, else the next level), starting the
    quarter after ``today`` (default: the assessment date). ``notes``: the answers' notes, which
    the first step of an extend project quotes."""
    reached = reached_level(result)
    goal = target or result.target_level or reached + 1
    return build_plan(result, questionnaire, reached, goal, today, notes)


def build_plan(
    result: AssessmentResult,
    questionnaire: Questionnaire,
    reached: int,
    goal: int,
    today: dt.date | None = None,
    notes: Mapping[str, str] | None = None,
) -> Plan:
    """:func:`make_plan` with the level reached already known (the tier pre-check plans to each
    tier's level from the same result)."""
    goal = min(max(goal, reached + 1), 5)
    start = Quarter.after(today or result.assessment.date)
    current = _next_score(result, reached)
    size, known = size_of(result.organisation)
    empty = Plan(
        reached, goal, result.rules.gate, current, (), (), (), True,
        questionnaire.projects_estimated, start, size, known, questionnaire.legislation_as_of,
    )  # fmt: skip
    if result.method != "requirements" or reached >= 5:
        return empty
    steps = _steps(result, questionnaire, reached, goal, notes or {})
    steps = fitted(steps, result, questionnaire, goal, notes or {})
    sets = level_sets(steps, result, reached, goal)
    needed = {pid: level for level, ids, _ in reversed(sets) for pid in ids}
    steps = [
        replace(s, needed_for=needed.get(s.id, 0), blocks_next=needed.get(s.id) == reached + 1)
        for s in credited(steps)
    ]
    on_roadmap = roadmap_ids(steps, questionnaire.projects_estimated)
    steps = [replace(s, reserve=s.id not in on_roadmap) for s in steps]
    phases = schedule(topological(steps), start, questionnaire.projects_estimated)
    ranked = [s for p in phases for s in p.steps]
    levels = _level_views(sets, ranked)
    return replace(
        empty,
        steps=tuple(ranked),
        phases=phases,
        shortest=levels[0].steps if levels else (),
        reachable=levels[0].reachable if levels else True,
        levels=levels,
    )


def _level_views(
    sets: Sequence[tuple[int, set[str], bool]], ranked: Sequence[Step]
) -> tuple[LevelSet, ...]:
    out: list[LevelSet] = []
    for level, ids, reachable in sets:
        steps = tuple(s for s in ranked if s.id in ids)
        ends = [q for q in (out[-1].by if out else None, *(s.end for s in steps)) if q]
        out.append(LevelSet(level, steps, reachable, max(ends, default=None)))
    return tuple(out)


def level_sets(
    steps: Sequence[Step], result: AssessmentResult, reached: int, goal: int
) -> list[tuple[int, set[str], bool]]:
    """A minimal set per level from the next one to the goal. The set for level k+2 assumes the
    set for k+1 is done: what that set closes counts as met, its projects cost nothing more, so
    each project is needed for the lowest level it serves and the sets never overlap."""
    every = gains(result)
    by_id = {s.id: s for s in steps}
    done: set[str] = set()
    out: list[tuple[int, set[str], bool]] = []
    for level in range(reached + 1, goal + 1):
        closed = {r.id for p in done for r in by_id[p].closing}
        gain = {
            r.id: every[r.id]
            for r in result.requirements
            if r.level == level and r.id in every and r.id not in closed
        }
        now = _next_score(result, level - 1) + sum(
            every.get(r.id, 0.0) for r in result.requirements if r.level == level and r.id in closed
        )
        rest = [s for s in steps if s.id not in done]
        chosen, reachable = minimal_set(rest, result.rules.gate - now, gain)
        out.append((level, chosen, reachable))
        done |= chosen
    return out


def roadmap_ids(steps: Sequence[Step], estimated: bool = True) -> set[str]:
    """The promotion roadmap: the minimal sets and the legal duties with every prerequisite they
    wait for or build beside; then the light foundations, each unless it would pull a funded
    prerequisite the roadmap does not need onto it (a small ERP follow-up does not buy an ERP a
    level-2 target does not need: it stays in reserve). Without project data every step is on it."""
    by_id = {s.id: s for s in steps}
    core = [s.id for s in steps if not estimated or s.needed_for or s.statutory]
    out = _behind(core, by_id)
    for step in steps:
        extra = _behind([step.id], by_id) - out
        if step.light and all(by_id[pid].light for pid in extra):
            out |= extra
    return out


def _behind(ids: Iterable[str], by_id: Mapping[str, Step]) -> set[str]:
    """``ids`` and every prerequisite they wait for or build beside, through the chain."""
    return _closure(ids, by_id, beside=True)


def _closure(ids: Iterable[str], by_id: Mapping[str, Step], beside: bool) -> set[str]:
    """``ids`` and the projects they wait for (and, with ``beside``, build beside), through the
    chain; ids outside the plan are left out."""
    out: set[str] = set()
    queue = list(ids)
    while queue:
        pid = queue.pop()
        if pid not in out and pid in by_id:
            out.add(pid)
            queue += [*by_id[pid].needs, *(by_id[pid].alongside if beside else ())]
    return out


def _next_score(result: AssessmentResult, reached: int) -> float:
    return next((ls.score or 0.0 for ls in result.levels if ls.level == reached + 1), 0.0)


def _steps(
    result: AssessmentResult,
    questionnaire: Questionnaire,
    reached: int,
    goal: int,
    notes: Mapping[str, str],
) -> list[Step]:
    """Every project closing an unmet requirement up to the goal, with its prerequisites."""
    unmet = {r.id: r for r in result.requirements if r.value is not None and r.value < 1.0}
    facts = facts_of(result, notes)
    projects = {p.id: p for p in suited(questionnaire.projects, facts)}
    closers = closers_of(list(projects.values()))
    wanted = [p.id for p in projects.values() if _wanted(p, unmet, goal, facts)]
    waits: dict[str, tuple[str, ...]] = {}
    queue = list(wanted)
    while queue:
        pid = queue.pop(0)
        if pid in waits:
            continue
        waits[pid] = _waits_for(projects[pid], projects, closers, unmet, set(waits) | set(queue))
        queue += [d for d in waits[pid] if d not in waits]
    gain = gains(result)
    shortfall = max(result.rules.gate - _next_score(result, reached), 0.0)
    firm = Firm(facts, reached, goal, shortfall, result.priorities)
    planned = set(waits)
    return [
        _beside(
            _step(projects[pid], unmet, waits[pid], gain, firm),
            _in_place(projects[pid], projects, closers, unmet, planned - set(waits[pid])),
        )
        for pid in waits
    ]


def _beside(step: Step, in_place: tuple[str, ...]) -> Step:
    """A step with the plan's prerequisites that are in place enough to build on; a project that
    needs months of their data (``lag``) waits for them all the same."""
    if step.project.lag:
        return replace(step, needs=(*step.needs, *in_place))
    return replace(step, alongside=in_place)


def fitted(
    steps: Sequence[Step],
    result: AssessmentResult,
    questionnaire: Questionnaire,
    goal: int,
    notes: Mapping[str, str],
) -> list[Step]:
    """Each step fitted to the firm (maturity.plan_fit): extend where it runs most of it,
    SaaS where it is small, its costs scaled to its size."""
    rows = {r.id: r for r in result.requirements}
    size, _ = size_of(result.organisation)
    context = FitContext(
        {r.id: r for r in questionnaire.requirements}, notes, questionnaire.recommendations
    )
    return [
        replace(
            s, project=_owned(s.project, size), fit=fit_of(s.project, rows, goal, size, context)
        )
        for s in steps
    ]


def _owned(project: Project, size: Size) -> Project:
    """A micro or small firm's project led by one of the few roles such a firm has."""
    if size not in SMALL:
        return project
    owner = project.owner
    update: dict[str, object] = {
        "owner": small_firm_owner(owner),
        "first_step": small_firm_wording(project.first_step, owner),
    }
    for name in ("extend", "saas"):  # the variants' first steps name the same roles
        variant = getattr(project, name)
        if variant is not None:
            step = small_firm_wording(variant.first_step, owner)
            update[name] = variant.model_copy(update={"first_step": step})
    return project.model_copy(update=update)


@dataclass(frozen=True)
class Firm:
    """What a project's place in this firm's plan depends on besides the project itself."""

    facts: FirmFacts
    reached: int
    goal: int
    shortfall: float  # the next level's gate minus its score now
    priorities: tuple[Kpi, ...]


def facts_of(result: AssessmentResult, notes: Mapping[str, str] | None = None) -> FirmFacts:
    """What decides the firm's projects and duties; ``notes``: the answers' notes, which may
    state a designation ("属重点用能单位")."""
    org = result.organisation
    tailored = frozenset(s.id for s in result.subdomains if s.tailored)
    return FirmFacts(org.effective_profile, tailored, regulation(org, (notes or {}).values()))


def suited(projects: Sequence[Project], firm: FirmFacts) -> list[Project]:
    """The projects as this firm plans them. Each requirement is closed by one project only: the
    best-fitting suited one (the one whose ``suits`` says most, e.g. an industry pack before the
    general project), else the cheapest of those that do not suit, so that none is lost. A
    project keeps the requirements it closes for this firm and is worded for it."""
    fitting = {p.id for p in projects if fits(p.suits, firm)}
    owner: dict[str, Project] = {}
    for p in sorted(projects, key=lambda p: (p.id not in fitting, -_says(p.suits))):
        for ref in p.closes:
            current = owner.get(ref)
            if current is None or (current.id not in fitting and _cheaper(p, current)):
                owner[ref] = p
    out = []
    for p in projects:
        closes = tuple(r for r in p.closes if owner[r] is p)
        if closes:
            out.append(worded_for(p.model_copy(update={"closes": closes}), firm))
    return out


def _says(fit: Suits) -> int:
    """How much a fit says about the firm: the more, the better a suited project fits."""
    return bool(fit.profiles) + len(fit.tailored) + len(fit.untailored) + len(fit.regulated_as)


def _cheaper(p: Project, q: Project) -> bool:
    return (p.cost.midpoint, p.months) < (q.cost.midpoint, q.months)


def _wanted(
    project: Project, unmet: Mapping[str, RequirementResult], goal: int, facts: FirmFacts
) -> bool:
    """In the plan: it closes a gap up to the goal, or a law binding this firm covers one of its
    gaps at any level (a carbon market firm reports its emissions whatever its target)."""
    if any(_due(unmet.get(r), goal) for r in project.closes):
        return True
    return bool(duties(project, [r for r in project.closes if r in unmet], facts).bound)


def _due(row: RequirementResult | None, goal: int) -> bool:
    return row is not None and row.level <= goal


def _waits_for(
    project: Project,
    projects: Mapping[str, Project],
    closers: Mapping[str, Sequence[str]],
    unmet: Mapping[str, RequirementResult],
    planned: set[str],
) -> tuple[str, ...]:
    """The projects ``project`` must wait for: a named project that still lacks one of its
    requirements, and for a lacking needed requirement the project that closes it (one already
    planned, else the cheapest)."""
    out: list[str] = []
    for ref in project.needs:
        if ref in projects:
            if any(_lacking(unmet.get(r)) for r in projects[ref].closes):
                out.append(ref)
        elif _lacking(unmet.get(ref)) and ref not in project.closes:
            options = [projects[c] for c in closers.get(ref, ())]
            chosen = [p for p in options if p.id in planned] or sorted(
                options, key=lambda p: (p.cost.midpoint, p.months)
            )
            if chosen:
                out.append(chosen[0].id)
    return tuple(dict.fromkeys(d for d in out if d != project.id))


def _in_place(
    project: Project,
    projects: Mapping[str, Project],
    closers: Mapping[str, Sequence[str]],
    unmet: Mapping[str, RequirementResult],
    others: set[str],
) -> tuple[str, ...]:
    """The prerequisites of ``project`` among ``others`` (the plan's projects it does not wait
    for): a named project, or any closer of a needed requirement not yet fully met. They are in
    place enough to build on, yet in the plan: they must not come after it."""
    out: list[str] = []
    for ref in project.needs:
        if ref in projects:
            out.append(ref)
        elif ref in unmet and ref not in project.closes:
            out += closers.get(ref, ())
    return tuple(dict.fromkeys(d for d in out if d in others and d != project.id))


def _lacking(row: RequirementResult | None) -> bool:
    """Not in place to build on: below "most" (a mostly met prerequisite is enough to start)."""
    return row is not None and (row.value or 0.0) < POLISH


def _step(
    project: Project,
    unmet: Mapping[str, RequirementResult],
    waits: tuple[str, ...],
    gain: Mapping[str, float],
    firm: Firm,
) -> Step:
    rows = tuple(unmet[r] for r in project.closes if r in unmet)
    foundation = [r.level for r in rows if r.level > firm.reached or (r.value or 0.0) < POLISH]
    towards_next = sum(gain.get(r.id, 0.0) for r in rows if r.level == firm.reached + 1)
    return Step(
        project=project,
        closing=rows,
        level=min(foundation, default=POLISH_LEVEL),
        gain=min(towards_next, firm.shortfall),
        own_gain=sum(gain.get(r.id, 0.0) for r in rows),
        kpi_fit=kpi_fit_of(project, firm.priorities),
        needs=waits,
        duties=duties(project, [r.id for r in rows], firm.facts),
        towards_target=sum(gain.get(r.id, 0.0) for r in rows if r.level <= firm.goal),
    )


def credited(steps: Sequence[Step]) -> list[Step]:
    """Each step credited with what it unlocks: the gain towards the target of every project
    that waits for it, directly or through others (the backbone is worth what it carries)."""
    waiting: dict[str, set[str]] = {s.id: set() for s in steps}
    for s in steps:
        for need in s.needs:
            waiting.setdefault(need, set()).add(s.id)
    by_id = {s.id: s for s in steps}

    def behind(pid: str, seen: set[str]) -> set[str]:
        for w in waiting.get(pid, set()) - seen:
            seen.add(w)
            behind(w, seen)
        return seen

    return [
        replace(s, unlocked=sum(by_id[w].towards_target for w in behind(s.id, set())))
        for s in steps
    ]


def kpi_fit_of(project: Project, priorities: tuple[Kpi, ...]) -> int:
    """Points of the organisation's priorities that the project moves."""
    points = kpi_points(priorities)
    return sum(points.get(k.kpi, 0) for k in project.kpis)


EXACT_UP_TO = 12  # projects adding to the next level: up to this many, every subset is tried


def minimal_set(
    steps: Sequence[Step], shortfall: float, gain: Mapping[str, float]
) -> tuple[set[str], bool]:
    """The cheapest set of projects that lifts the next level's score to its gate, with the
    projects they need; and whether the gate is reachable at all. ``gain``: requirement id -> the
    points it adds to the next level's score when fully met. Gains of distinct requirements add up
    exactly, because a level score is a weighted sum.

    Exact (every subset, cheapest first, then fewest projects, then ids) when at most
    ``EXACT_UP_TO`` projects add to the next level; else greedy, as exact is a weighted set cover:
    repeatedly take the project adding the most still-missing gain per unit of cost (its unplanned
    prerequisites' cost included), until the gate is passed; then drop, most expensive first,
    every project the set passes without.
    """
    if shortfall <= ROUNDING:
        return set(), True
    by_id = {s.id: s for s in steps}
    useful = [s.id for s in steps if any(gain.get(r.id, 0.0) > 0 for r in s.closing)]
    if _total(_with_needs(useful, by_id), by_id, gain) + ROUNDING < shortfall:
        return _with_needs(useful, by_id), False
    if len(useful) <= EXACT_UP_TO:
        return _cheapest(useful, shortfall, by_id, gain), True
    return _greedy(useful, shortfall, by_id, gain), True


def _total(chosen: Iterable[str], by_id: Mapping[str, Step], gain: Mapping[str, float]) -> float:
    """Next-gate gain of a set: each requirement once, whoever closes it."""
    return sum(gain.get(r, 0.0) for r in {r.id for p in chosen for r in by_id[p].closing})


def _cheapest(
    useful: Sequence[str], shortfall: float, by_id: Mapping[str, Step], gain: Mapping[str, float]
) -> set[str]:
    best: tuple[float, int, list[str]] | None = None
    for size in range(1, len(useful) + 1):
        for subset in itertools.combinations(useful, size):
            closed = _with_needs(subset, by_id)
            if _total(closed, by_id, gain) + ROUNDING < shortfall:
                continue
            key = (round(sum(by_id[p].cost for p in closed), 6), len(closed), sorted(closed))
            if best is None or key < best:
                best = key
    return set(best[2]) if best else set()


def _greedy(
    useful: Sequence[str], shortfall: float, by_id: Mapping[str, Step], gain: Mapping[str, float]
) -> set[str]:
    chosen: list[str] = []
    while _total(chosen, by_id, gain) + ROUNDING < shortfall:
        now = _total(chosen, by_id, gain)
        options = [
            (-(_total([*chosen, p], by_id, gain) - now) / _cost_with_needs(p, chosen, by_id), p)
            for p in useful
            if p not in chosen
        ]
        best = min((o for o in options if o[0] < 0), default=None)
        if best is None:  # cannot happen once the whole set reaches the gate
            break
        chosen.append(best[1])
    return _pruned(_with_needs(chosen, by_id), shortfall, by_id, gain)


def _pruned(
    chosen: set[str], shortfall: float, by_id: Mapping[str, Step], gain: Mapping[str, float]
) -> set[str]:
    """Drop, most expensive first, every project the set passes the gate without and that no
    other member needs (prerequisites added after the greedy choice may close what it chose)."""
    for pid in sorted(chosen, key=lambda p: (-by_id[p].cost, p)):
        rest = chosen - {pid}
        needed = {d for p in rest for d in by_id[p].needs}
        if pid not in needed and _total(rest, by_id, gain) + ROUNDING >= shortfall:
            chosen = rest
    return chosen


def _cost_with_needs(pid: str, chosen: Sequence[str], by_id: Mapping[str, Step]) -> float:
    return sum(by_id[p].cost for p in _with_needs([pid], by_id) - set(chosen))


def _with_needs(chosen: Iterable[str], by_id: Mapping[str, Step]) -> set[str]:
    return _closure(chosen, by_id, beside=False)


def topological(steps: Sequence[Step]) -> list[Step]:
    """Sorted by :meth:`Step.sort_key`; a project's unplaced prerequisites are placed just before
    it (best first), so a prerequisite takes the rank of the best project that needs it rather
    than waiting for its own turn."""
    waiting = sorted(steps, key=Step.sort_key)
    by_id = {s.id: s for s in waiting}
    placed: list[Step] = []
    done: set[str] = set()

    def place(step: Step, path: set[str]) -> None:
        if step.id in done or step.id in path:  # a cycle cannot pass the questionnaire's checks
            return
        before = (*step.needs, *step.alongside)
        needs = sorted((by_id[d] for d in before if d in by_id), key=Step.sort_key)
        for need in needs:
            place(need, path | {step.id})
        placed.append(step)
        done.add(step.id)

    for step in waiting:
        place(step, set())
    return placed


STARTS_PER_QUARTER = 5  # new projects a quarter: what an SME's management can launch and steer
PHASE_SIZE = 5  # projects in one phase (issue 13); a quarter opening more opens several phases
RUNNING_AT_ONCE = 8  # projects running in one quarter: two or three streams (IT, production, EHS)
OWNER_AT_ONCE = 2  # funded projects one owner role runs at once beside the daily work
OWNER_LIGHT = 3  # all projects, light ones too, one owner role runs at once: a light project
# costs little money but the same manager's hours (second consultant reading, finding 8)
LIGHT_STARTS = 5  # light projects starting in a quarter, legal duties aside: each needs a kick-off


def schedule_limits() -> dict[str, int]:
    """The limits above by the names the rule texts use (plan, roadmap note, method annex), so
    no text retypes a number the scheduler may change."""
    return {
        "starts": STARTS_PER_QUARTER,
        "running": RUNNING_AT_ONCE,
        "size": PHASE_SIZE,
        "light_starts": LIGHT_STARTS,
        "owner": OWNER_LIGHT,
        "funded": OWNER_AT_ONCE,
    }


@dataclass
class _Load:
    """Slots taken so far: funded starts and running projects per quarter; per owner role and
    quarter, its funded projects and all its projects."""

    starts: Counter[Quarter]
    running: Counter[Quarter]
    owners: Counter[tuple[str, Quarter]]
    owned: Counter[tuple[str, Quarter]]
    light_starts: Counter[Quarter]

    def full(self, begin: Quarter, length: int, owner: str, light: bool, duty: bool) -> bool:
        span = [begin.plus(i) for i in range(length)]
        mine = any(self.owned[(owner, q)] >= OWNER_LIGHT for q in span if owner)
        if light:
            return mine or (not duty and self.light_starts[begin] >= LIGHT_STARTS)
        return (
            mine
            or self.starts[begin] >= STARTS_PER_QUARTER
            or any(self.running[q] >= RUNNING_AT_ONCE for q in span)
            or any(self.owners[(owner, q)] >= OWNER_AT_ONCE for q in span if owner)
        )

    def take(self, begin: Quarter, length: int, owner: str, light: bool, duty: bool) -> None:
        span = [begin.plus(i) for i in range(length)]
        if owner:
            self.owned.update((owner, q) for q in span)
        if light:
            self.light_starts[begin] += not duty
            return
        self.starts[begin] += 1
        self.running.update(span)
        if owner:
            self.owners.update((owner, q) for q in span)


def schedule(
    ranked: Sequence[Step], start: Quarter, estimated: bool = True
) -> tuple[PlanPhase, ...]:
    """Each project, in plan order, starts in the first quarter after those it needs have ended
    (plus their ``lag``) in which fewer than ``STARTS_PER_QUARTER`` projects start, fewer than
    ``RUNNING_AT_ONCE`` run and its owner role runs fewer than ``OWNER_AT_ONCE`` funded and
    ``OWNER_LIGHT`` projects in all in any quarter it spans; a reserve project starts only after
    the roadmap's last project ends. The first quarter holds legal duties and the prerequisites
    of other projects: other light projects start in the second, at most ``LIGHT_STARTS`` a
    quarter besides legal duties. A phase is the projects starting in one quarter; ranks are
    renumbered along the roadmap (start quarter, then plan order). Light projects take no start
    or running slot, only their owner's time, and only when ``estimated``: a band guessed from a
    requirement's effort says nothing of it, and its owner is not named."""
    load = _Load(Counter(), Counter(), Counter(), Counter(), Counter())
    timed: list[Step] = []
    end_of: dict[str, Quarter] = {}
    start_of: dict[str, Quarter] = {}
    # what others wait for, and what a funded project builds beside (it must not wait for them)
    prerequisites = {d for s in ranked for d in (*s.needs, *(() if s.light else s.alongside))}
    for order, step in enumerate(ranked):
        length = _quarters(step)
        light = estimated and step.light
        begin = _earliest(step, start, timed, end_of, start_of)
        if light and not (step.statutory or step.id in prerequisites):
            begin = max(begin, start.plus(1))
        owner = step.project.owner.zh if estimated else ""
        while load.full(begin, length, owner, light, step.statutory):
            begin = begin.plus(1)
        load.take(begin, length, owner, light, step.statutory)
        timed.append(replace(step, start=begin, quarters=length, rank=order))
        end_of[step.id], start_of[step.id] = timed[-1].end, begin
    return _phases(sorted(timed, key=lambda s: (s.start, s.rank)))


def _earliest(
    step: Step,
    start: Quarter,
    timed: Sequence[Step],
    end_of: Mapping[str, Quarter],
    start_of: Mapping[str, Quarter],
) -> Quarter:
    """After the projects it needs have ended and, if it needs their data, run ``lag`` more
    quarters; not before those it builds beside, unless it is a legal duty (done with what is in
    place, not held back by a system queued behind others); a reserve project after the roadmap."""
    after_roadmap = [e.end.plus(1) for e in timed if not e.reserve] if step.reserve else []
    beside = () if step.statutory else step.alongside
    return max(
        [
            start,
            *after_roadmap,
            *(end_of[d].plus(1 + step.project.lag) for d in step.needs if d in end_of),
            *(start_of[d] for d in beside if d in start_of),
        ]
    )


def _phases(timed: Sequence[Step]) -> tuple[PlanPhase, ...]:
    """The projects starting in one quarter, at most ``PHASE_SIZE`` to a phase (a busy quarter
    opens two phases side by side), numbered in time order: a phase never starts before a
    lower-numbered one."""
    phases: list[PlanPhase] = []
    rank = itertools.count(1)
    by_start = (tuple(g) for _, g in itertools.groupby(timed, key=lambda s: s.start))
    groups = (g[i : i + PHASE_SIZE] for g in by_start for i in range(0, len(g), PHASE_SIZE))
    for number, group in enumerate(groups, 1):
        steps = tuple(replace(s, phase=number, rank=next(rank)) for s in group)
        begin, last = steps[0].start, max(s.end for s in steps)
        span = (last.year - begin.year) * 4 + last.quarter - begin.quarter + 1
        phases.append(PlanPhase(number, begin, span, steps))
    return tuple(phases)


def _quarters(step: Step) -> int:
    """Quarters a project runs: its mean duration, rounded up to whole quarters."""
    low, high = step.months
    return max(math.ceil((low + high) / 2 / 3), 1)
