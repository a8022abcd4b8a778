"""The report's view-model: everything the templates show, computed in this one place.

Templates receive a single :class:`ReportView` plus a translator; they do no arithmetic. The view is
built section by section, in the order the report shows them (cover, summary, progress, results,
charts, gaps, plan, shortest path, roadmap, annexes, method); every section builder reads one
:class:`Source`: the inputs and the advice computed once from the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, TypedDict

from markupsafe import Markup

from maturity.consistency import evidence_gap
from maturity.errors import Problem
from maturity.formats.plan import cost_text, level_range, months_text, span
from maturity.history import RequirementChange, compare
from maturity.i18n import Lang, bilingual, filled, msg
from maturity.labels import KPI_NAMES, PLAN_DOMAIN_NAMES, TYPE_NAMES
from maturity.money import money_text
from maturity.numbers import shortfall, shown_change
from maturity.plan import (
    LevelSet,
    Quarter,
    Step,
    budget_of,
    legislation_month,
    schedule_limits,
)
from maturity.plan_fit import SCALE, notes_of
from maturity.projects import moves
from maturity.questionnaire import Questionnaire
from maturity.recommend import Advice, advise
from maturity.report import charts
from maturity.report.board import (
    THIN_MARGIN,
    BoardTexts,
    board_texts,
    closes_summary,
    join,
)
from maturity.report.inputs import SignatureInfo
from maturity.report.references import first_clause, name_references, per_language
from maturity.report.templating import Translator
from maturity.schema.answers import Answer, AnswerFile
from maturity.schema.base import Kpi, Text
from maturity.schema.kpis import KpiBaseline
from maturity.schema.projects import CostBand, Project
from maturity.schema.result import AssessmentResult, RequirementResult, SubdomainResult
from maturity.schema.rules import ScoringRules

if TYPE_CHECKING:
    from maturity.tiers import TierCheck

TOP_IN_BODY = 15  # action cards shown in the body; the full list is an annex


@dataclass(frozen=True)
class LevelInfo:
    number: int
    name: Text
    summary: Text


@dataclass(frozen=True)
class LevelRow:
    level: int
    name: Text
    score: float | None
    reached: bool


@dataclass(frozen=True)
class GateRow:
    """One level up to the target on the dashboard: its score against the gate."""

    level: int
    score: float
    short: float  # shortfall to the gate as printed, 0 when met
    thin: bool  # met by less than THIN_MARGIN: one rating down could lose the level


@dataclass(frozen=True)
class SubdomainRow:
    id: str
    name: Text
    element: Text
    domain: Text
    plan_domain: Text
    level: int | None  # None (with score) when not applicable: shown N/A
    score: float | None
    scores: tuple[float | None, ...]


@dataclass(frozen=True)
class PlanRow:
    name: Text
    level: int | None
    score: float | None
    subdomains: tuple[Text, ...]


@dataclass(frozen=True)
class GapRow:
    id: str
    question: Text  # the requirement's statement (what is done), not the question put to users
    rating: Text
    project: ActionRow | None = None  # the plan's project that closes it (the gap/action table)
    shortest: bool = False  # its project is in the smallest set that passes the next gate
    subdomain: Text | None = None  # named on the row when rows are grouped by project


@dataclass(frozen=True)
class GapGroup:
    subdomain: Text
    rows: tuple[GapRow, ...]


@dataclass(frozen=True)
class GapProject:
    """The gaps of one level that one project closes: the PDF names the project once above them."""

    project: ActionRow | None
    shortest: bool
    rows: tuple[GapRow, ...]


@dataclass(frozen=True)
class GapLevel:
    level: LevelInfo
    groups: tuple[GapGroup, ...]
    projects: tuple[GapProject, ...] = ()


@dataclass(frozen=True)
class ActionRow:
    """One project of the plan as an action card (plan, summary, shortest path, roadmap)."""

    rank: int
    id: str
    name: Text
    phase: int
    start: str  # quarter, e.g. 2027 Q1
    end: str
    when: str  # 2027 Q1, or 2027 Q1–2027 Q3
    months: str
    cost: Text  # the indicative band, with its unit
    cost_basis: Text
    owner: Text
    needs: tuple[Text, ...]  # the prerequisite projects by name: readers do not know the ids
    closes: tuple[GapRow, ...]  # the unmet requirements it closes
    summary: Text
    first_step: Text
    kpis: tuple[tuple[Text, Text | None], ...]  # name and how to measure it
    technologies: tuple[Text, ...]
    statutory: Text | None  # the laws that bind, then those cited "where applicable"
    blocks_next: bool
    needed_for: int  # the level whose minimal set holds it (0: none)
    later: str  # later levels its cost covers too, e.g. "4–5" ("" when none)
    gain: float  # towards the next gate
    baselines: tuple[str, ...] = ()  # the organisation's KPI baselines this project moves
    only_for: Text | None = None  # a big project for one requirement: which, and a cheaper way
    duty: bool = False  # a law binds this firm: ranked and marked as a legal duty
    needs_named: tuple[tuple[int, Text], ...] = ()  # its prerequisites by rank and name
    needed_by: Text | None = None  # "needed before no. 5": the projects that wait for it
    closes_summary: Text | None = None  # the board card's count of the requirements it meets


@dataclass(frozen=True)
class ShortestView:
    level: int
    current: float
    gate: float
    reachable: bool
    actions: tuple[ActionRow, ...]
    budget: Text  # the set's indicative total, with its unit


@dataclass(frozen=True)
class PhaseView:
    number: int
    start: str
    end: str
    when: str  # 2027 Q1, or 2027 Q1–2027 Q3
    budget: Text  # indicative range, with its unit
    actions: tuple[ActionRow, ...]
    reserve: bool = False  # reserve projects, after the promotion roadmap


@dataclass(frozen=True)
class NationalPosition:
    """Where the organisation's level sits in CESI's published national self-diagnosis results."""

    level: int
    above: int  # per cent of the enterprises at this level or above
    year: int
    source: str  # the citation and its status, in the report's language
    label: Text  # what the figures are (self-reported, not certified)


@dataclass(frozen=True)
class TierRow:
    name: Text
    needed: int
    met: bool
    projects: tuple[str, ...]  # the plan's projects that close the gap
    ranks: tuple[int, ...] = ()  # the same projects by their rank in the plan (short to print)
    beyond: str = ""  # set when the tier's level is above the plan's target: no list is planned
    minimal: str = ""  # the minimal set for the tier's level, as the dashboard counts it
    others: str = ""  # the other projects that close gaps up to that level, not needed for it


@dataclass(frozen=True)
class NoteRow:
    subdomain: Text
    count: int
    items: tuple[str, ...]  # requirement ids (or levels), printed small


@dataclass(frozen=True)
class NoteGroup:
    title: str  # the kind of finding and how many, worded for the reader
    rows: tuple[NoteRow, ...]  # by sub-domain, in questionnaire order


@dataclass(frozen=True)
class NaRow:
    id: str
    question: Text
    reason: str


@dataclass(frozen=True)
class TailoredRow:
    name: Text
    reason: str


@dataclass(frozen=True)
class Coverage:
    """How much of the questionnaire was answered: the report says so when not all of it."""

    items: int
    answered: int
    not_applicable: int
    unanswered: int
    not_asked: int


@dataclass(frozen=True)
class EvidenceRow:
    id: str
    question: Text
    rating: Text
    note: str | None
    items: tuple[str, ...]
    in_gaps: bool = (
        False  # the gap/action table already states the requirement: only its start here
    )
    subdomain: Text = field(default_factory=lambda: Text.verbatim("-"))

    @property
    def short(self) -> Text:
        """The statement's first clause and an ellipsis: enough to find it in the gap/action
        table."""
        return per_language(self.question, lambda text, lang: first_clause(text, lang) + "…")


@dataclass(frozen=True)
class RespondentRow:
    name: str
    roles: tuple[Text, ...]
    parts: tuple[Text, ...]  # sub-domain names; empty: the whole questionnaire


@dataclass(frozen=True)
class DisagreementRow:
    id: str
    question: Text
    said: tuple[tuple[str, Text], ...]  # (respondent, rating)
    kept: Text


@dataclass(frozen=True)
class ParameterRow:
    name: Text
    value: str
    status: str
    source: str
    value_text: Text | None = None  # when the value itself needs words, e.g. "equal weights"


@dataclass(frozen=True)
class ProgressRow:
    name: Text
    level_before: int | None
    level_after: int | None
    before: float | None
    after: float | None
    delta: float  # as shown: the difference of the two displayed scores


@dataclass(frozen=True)
class RequirementMove:
    id: str
    question: Text
    before: Text
    after: Text


@dataclass(frozen=True)
class ProgressView:
    """Progress since the previous assessment (``report --previous``)."""

    date_before: dt.date
    found_in: str | None  # the earlier file report DIR picked, named so the reader can check it
    level_before: int
    score_before: float
    level_delta: int
    score_delta: float  # as shown: the difference of the two displayed scores
    subdomains: tuple[ProgressRow, ...]  # only those whose score changed
    improved: tuple[RequirementMove, ...]
    regressed: tuple[RequirementMove, ...]


@dataclass(frozen=True)
class ReportView:
    lang: str
    generated: dt.date
    result: AssessmentResult
    quick: bool
    title_key: str
    questionnaire_name: Text
    rules_name: Text
    organisation_type: Text
    mode_key: str
    level: LevelInfo | None  # None below level 1
    target: LevelInfo
    next_level: LevelInfo | None
    next_score: float | None
    next_gap: float | None
    gate_rows: tuple[GateRow, ...]  # every level up to the target
    outlook: Markup | str  # when the next level is expected, and what the whole plan costs
    levels: tuple[LevelRow, ...]
    subdomains: tuple[SubdomainRow, ...]
    plan_domains: tuple[PlanRow, ...]
    radar: Markup
    bars: Markup
    gaps: tuple[GapLevel, ...]
    actions: tuple[ActionRow, ...]
    top_actions: tuple[ActionRow, ...]
    shortest: ShortestView | None
    phases: tuple[PhaseView, ...]
    roadmap_chart: Markup
    phase_chart: Markup  # the roadmap by quarter, one bar per phase
    estimated: bool  # False: one project per requirement, sizes not estimated
    size_note: str  # what the printed costs assume: the firm's size and the factor
    light_cap: Text  # a small project's band at this size (the roadmap rule)
    limits: dict[str, int]  # the scheduler's limits, for the roadmap rule (plan.schedule_limits)
    legislation: str  # "legislation as of" beside the plan's legal citations; "" without any
    tiers: tuple[TierRow, ...]
    tiers_source: str
    na_items: tuple[NaRow, ...]
    tailored: tuple[TailoredRow, ...]
    coverage: Coverage
    notes: tuple[NoteGroup, ...]  # consistency findings, one per kind
    evidence: tuple[EvidenceRow, ...]
    evidence_gap: tuple[int, int]  # ratings full or most, and those of them without evidence
    parameters: tuple[ParameterRow, ...]
    scale: dict[str, float]
    bands: str
    choices: tuple[ChoiceRow, ...] = ()
    focus: tuple[Text, ...] = field(default=())
    signature: SignatureInfo | None = None
    progress: ProgressView | None = None
    respondents: tuple[RespondentRow, ...] = ()  # a merged answer file (maturity merge)
    disagreements: tuple[DisagreementRow, ...] = ()
    merge_rule: str = ""
    edition: str = "full"  # ReportEdition's value: board or full
    national: NationalPosition | None = None
    next_90: tuple[ActionRow, ...] = ()  # at most five projects of the plan's first phase
    board_texts: BoardTexts | None = None  # the decision box and the board's plain readings

    @property
    def subtitle_key(self) -> str:
        """The cover's kicker names the assessment as what it is: self, consultant, third party."""
        return "subtitle_" + self.mode_key.removeprefix("mode_")

    @property
    def disclaimer_key(self) -> str:
        return "disclaimer_" + self.mode_key.removeprefix("mode_")

    @property
    def board(self) -> bool:
        return self.edition == "board"

    @property
    def body_actions(self) -> tuple[ActionRow, ...]:
        return self.actions[:TOP_IN_BODY]

    @property
    def more_count(self) -> int:
        """Plan items beyond those shown in the body (listed in the annex)."""
        return max(len(self.actions) - TOP_IN_BODY, 0)

    @property
    def shortest_count(self) -> int:
        return len(self.shortest.actions) if self.shortest else 0


def build_view(
    result: AssessmentResult,
    questionnaire: Questionnaire,
    answers: AnswerFile,
    rules: ScoringRules,
    translator: Translator,
    *,
    target: int | None = None,
    generated: dt.date | None = None,
    signature: SignatureInfo | None = None,
    previous: AssessmentResult | None = None,
    edition: str = "full",
    previous_found: str | None = None,
) -> ReportView:
    """Build everything the report shows. ``generated`` is injectable so tests can freeze the
    date."""
    src = Source(
        result,
        questionnaire,
        answers,
        rules,
        translator,
        advise(result, questionnaire, target, notes=notes_of(answers)),
    )
    national = _national(src)
    return ReportView(
        lang=translator.lang,
        generated=generated or dt.date.today(),
        result=result,
        **_cover(src),
        **_summary(src),
        progress=_progress(src, previous, previous_found) if previous is not None else None,
        **_results(src),
        **_charts(src),
        gaps=_gaps(src),
        actions=src.actions,
        shortest=_shortest(src),
        **_roadmap(src),
        **_annexes(src),
        **_respondents(src),
        **_method(src),
        signature=signature,
        edition=edition,
        national=national,
        next_90=src.rows_of(_next_90(src)),
        board_texts=board_texts(src, _next_90(src), national),
        phase_chart=_phase_chart(src),
    )


@dataclass(frozen=True)
class Source:
    """What every section builder reads: the inputs, the advice computed once, shared look-ups."""

    result: AssessmentResult
    q: Questionnaire
    answers: AnswerFile
    rules: ScoringRules
    tr: Translator
    advice: Advice

    @cached_property
    def names(self) -> dict[str, Text]:
        """Sub-domain id -> name."""
        return {s.id: s.name for s in self.q.subdomains}

    @cached_property
    def actions(self) -> tuple[ActionRow, ...]:
        """The plan's projects ready to show; the summary, plan, shortest path, roadmap and annex
        share them."""
        return tuple(_action_row(self, step) for step in self.advice.plan.steps)

    @cached_property
    def rank_of(self) -> dict[str, int]:
        return {s.id: s.rank for s in self.advice.plan.steps}

    @cached_property
    def name_of(self) -> dict[str, Text]:
        # as fitted to this firm ("MES 扩展", not the catalogue's roll-out): one name everywhere
        return {s.id: s.name for s in self.advice.plan.steps}

    @cached_property
    def action_by_id(self) -> dict[str, ActionRow]:
        return {row.id: row for row in self.actions}

    def rows_of(self, steps: Iterable[Step]) -> tuple[ActionRow, ...]:
        return tuple(self.action_by_id[s.id] for s in steps)

    def baselines(self, project: Project) -> tuple[str, ...]:
        """The organisation's KPI baselines that ``project`` moves, as shown beside it: only the
        same KPI as one the project names (a baseline of a sibling KPI in the same priority group
        would read as a claim the project does not make), else "to be measured"."""
        if not self.result.kpis:
            return ()
        same = tuple(self._baseline(b) for b in self.result.kpis if moves(project, b))
        return same or (self.tr.plain(bilingual("report.kpi_to_measure")),)

    def _baseline(self, base: KpiBaseline) -> str:
        # a bilingual report names the KPI in both languages and gives the value once
        name = self.tr.plain(bilingual(f"kpi.name.{base.kpi}"))
        text = self.tr.label_text(
            "kpi_baseline", name=name, value=f"{base.value:g}", unit=base.shown_unit, date=base.date
        )
        return text.zh if self.tr.lang == "bilingual" else self.tr.plain(text)

    def question(self, item_id: str) -> Text:
        req = self.q.requirement(item_id)
        if req is not None:  # reports show what is required, not the question put to users
            return name_references(req.statement, self.referenced)
        question = self.q.question(item_id)
        return question.question if question else Text.verbatim(item_id)

    def project_name(self, project_id: str) -> Text:
        if project_id in self.name_of:
            return self.name_of[project_id]
        return next(
            (p.name for p in self.q.projects if p.id == project_id), Text.verbatim(project_id)
        )

    def referenced(self, item_id: str) -> tuple[Text, Text] | None:
        """A requirement another statement mentions: its statement and sub-domain name."""
        req = self.q.requirement(item_id)
        if req is None:
            return None
        sub = item_id.rsplit(".", 2)[0]
        return req.statement, self.names.get(sub, Text.verbatim(sub))

    def rating(self, rating: str | None) -> Text:
        if rating is None:
            return self.tr.label_text("unanswered")
        for option in self.q.scale_options:
            if option.key == rating:
                return option.label
        return Text.verbatim(rating)

    def level_info(self, level: int) -> LevelInfo:
        lv = self.q.levels[level - 1]
        return LevelInfo(level, lv.name, lv.summary)


def _action_row(src: Source, step: Step) -> ActionRow:
    p = step.project
    return ActionRow(
        rank=step.rank,
        id=p.id,
        name=step.name,
        phase=step.phase,
        start=str(step.start),
        end=str(step.end),
        when=span(step.start, step.end),
        months=months_text(step),
        cost=cost_text(step),
        cost_basis=step.cost_basis,
        owner=p.owner,
        needs=tuple(src.name_of.get(n) or src.project_name(n) for n in step.needs),
        closes=tuple(GapRow(r.id, src.question(r.id), src.rating(r.rating)) for r in step.closing),
        summary=p.summary,
        first_step=step.first_step,
        kpis=tuple(_kpi_text(k.kpi, k.measure) for k in p.kpis),
        technologies=tuple(
            src.q.technologies[t].name for t in p.technologies if t in src.q.technologies
        ),
        statutory=step.law,
        duty=step.statutory,
        blocks_next=step.blocks_next,
        needed_for=step.needed_for,
        later=level_range(step.later_levels) if step.later_levels else "",
        gain=step.gain,
        baselines=src.baselines(p),
        only_for=step.fit.sole,
        needs_named=tuple((src.rank_of[n], src.name_of[n]) for n in step.needs),
        needed_by=_needed_by(src, step),
        closes_summary=closes_summary(src, step),
    )


def _needed_by(src: Source, step: Step) -> Text | None:
    ranks = [s.rank for s in src.advice.plan.steps if step.id in s.needs]
    if not ranks:
        return None
    return filled(
        "report.board.needed_by", ranks=join([Text.verbatim(str(r)) for r in ranks], "、", ", ")
    )


def _kpi_text(kpi: Kpi, measure: Text) -> tuple[Text, Text | None]:
    """The KPI's name and how to measure it (None when the measure is just the name)."""
    name = KPI_NAMES[kpi]
    return name, None if measure == name else measure


class CoverFields(TypedDict):
    quick: bool
    title_key: str
    questionnaire_name: Text
    rules_name: Text
    organisation_type: Text
    mode_key: str
    level: LevelInfo | None


def _cover(src: Source) -> CoverFields:
    result = src.result
    quick = result.method == "descriptors"
    return CoverFields(
        quick=quick,
        title_key="title_quick" if quick else "title",
        questionnaire_name=src.q.header.name,
        rules_name=src.rules.name,
        organisation_type=TYPE_NAMES[result.organisation.type],
        mode_key=f"mode_{result.assessment.mode}",
        level=src.level_info(result.level) if result.level else None,
    )


class SummaryFields(TypedDict):
    target: LevelInfo
    next_level: LevelInfo | None
    next_score: float | None
    next_gap: float | None
    gate_rows: tuple[GateRow, ...]
    outlook: Markup | str
    top_actions: tuple[ActionRow, ...]
    focus: tuple[Text, ...]


def _summary(src: Source) -> SummaryFields:
    advice, gate = src.advice, src.result.rules.gate
    level_scores = {ls.level: ls.score or 0.0 for ls in src.result.levels}
    nxt = advice.next_level
    next_score = level_scores.get(nxt, 0.0) if nxt else None
    return SummaryFields(
        target=src.level_info(advice.target),
        next_level=src.level_info(nxt) if nxt else None,
        next_score=next_score,
        next_gap=shortfall(gate, next_score) if next_score is not None else None,
        gate_rows=_gate_rows(src),
        outlook=_outlook(src),
        top_actions=src.rows_of(advice.plan.top),
        focus=tuple(s.name for s in advice.focus),
    )


def _gate_rows(src: Source) -> tuple[GateRow, ...]:
    gate, target = src.result.rules.gate, src.advice.target
    rows = []
    for ls in src.result.levels[:target]:
        score = ls.score or 0.0
        thin = ls.reached and score - gate < THIN_MARGIN
        rows.append(GateRow(ls.level, score, 0.0 if ls.reached else shortfall(gate, score), thin))
    return tuple(rows)


def _outlook(src: Source) -> Markup | str:
    """Each level up to the target: its minimal set named, its cost and the quarter it is
    expected; then the roadmap's total and the reserve. Empty when there is no plan."""
    plan, tr = src.advice.plan, src.tr
    if not plan.steps:
        return ""
    parts = [_level_sentence(src, level) for level in plan.levels if level.steps]
    roadmap = money_text(budget_of(plan.roadmap))
    parts.append(tr.tx(bilingual("report.roadmap_total"), count=len(plan.roadmap), budget=roadmap))
    if plan.reserve:
        parts.append(tr.tx(bilingual("report.reserve_total"), count=len(plan.reserve)))
    gap = "" if tr.lang == "zh" else " "  # Chinese sentences end in a full-width stop
    return Markup(gap).join(parts) if tr.markup else gap.join(map(str, parts))


NAMED_AT_MOST = 3  # a set of more projects is counted, not named: the dashboard stays one page


def _level_sentence(src: Source, level: LevelSet) -> Markup | str:
    if not level.reachable:
        return src.tr.tx(bilingual("report.level_unreachable"), level=level.level)
    # the fitted name and number, as on the card and in the decision box
    names = [filled("report.named_item", name=s.name, rank=s.rank) for s in level.steps]
    key = "report.level_by" if len(names) <= NAMED_AT_MOST else "report.level_by_more"
    key = "report.level_by_one" if len(names) == 1 else key
    return src.tr.tx(
        bilingual(key),
        level=level.level,
        count=len(level.steps),
        names=join(names, "、", "; "),
        ranks=rank_runs([s.rank for s in level.steps]),
        budget=money_text(level.budget),
        quarter=str(level.by),
    )


class ResultFields(TypedDict):
    levels: tuple[LevelRow, ...]
    subdomains: tuple[SubdomainRow, ...]
    plan_domains: tuple[PlanRow, ...]


def _results(src: Source) -> ResultFields:
    result, q = src.result, src.q
    domains = {d.id: d.name for d in q.header.domains}
    elements = {e.id: e.name for e in q.header.elements}

    def subdomain_row(s: SubdomainResult) -> SubdomainRow:
        scores = tuple(s.scores[str(lv)] for lv in range(1, 6))
        plan_domain = PLAN_DOMAIN_NAMES[s.plan_domain]
        return SubdomainRow(
            s.id,
            s.name,
            elements[s.element],
            domains[s.domain],
            plan_domain,
            s.level,
            s.score,
            scores,
        )

    return ResultFields(
        levels=tuple(
            LevelRow(ls.level, q.levels[ls.level - 1].name, ls.score, ls.reached)
            for ls in result.levels
        ),
        subdomains=tuple(subdomain_row(s) for s in result.subdomains),
        plan_domains=tuple(
            PlanRow(
                PLAN_DOMAIN_NAMES[p.id], p.level, p.score, tuple(src.names[s] for s in p.subdomains)
            )
            for p in result.plan_domains
        ),
    )


class ChartFields(TypedDict):
    radar: Markup
    bars: Markup


def _charts(src: Source) -> ChartFields:
    tr, goal = src.tr, src.advice.target
    bilingual = tr.lang == "bilingual"  # Chinese on the spoke, English beneath it
    # a sub-domain or plan domain out of the assessment has no axis or bar: a point at the
    # centre would read as level 0 (the results table and the annex say why it is missing)
    spokes = [
        charts.Spoke(
            s.name.zh if bilingual else tr.plain(s.name),
            s.name.en if bilingual else "",
            s.score,  # the score, not the whole level: 1.68 is drawn as 1.68, not as 1
            float(goal),
        )
        for s in src.result.subdomains
        if s.score is not None
    ]
    legend = (tr.label_plain("current"), tr.label_plain("target") + f" ({goal})")
    bars = [
        charts.Bar(tr.plain(PLAN_DOMAIN_NAMES[p.id]), p.score, p.level)
        for p in src.result.plan_domains
        if p.score is not None and p.level is not None
    ]
    return ChartFields(
        radar=charts.radar(spokes, tr.label_plain("radar_title"), legend),
        bars=charts.bars(bars, tr.label_plain("bars_title"), float(goal)),
    )


def _gaps(src: Source) -> tuple[GapLevel, ...]:
    def group(sub: str, rows: tuple[RequirementResult, ...]) -> GapGroup:
        return GapGroup(src.names[sub], tuple(row(r, src.names[sub]) for r in rows))

    closer = {r.id: step for step in src.advice.plan.steps for r in step.closing}
    shortest = {s.id for s in src.advice.plan.shortest}

    def row(r: RequirementResult, subdomain: Text) -> GapRow:
        step = closer.get(r.id)
        project = src.action_by_id[step.project.id] if step else None
        in_shortest = step is not None and step.id in shortest
        return GapRow(
            r.id, src.question(r.id), src.rating(r.rating), project, in_shortest, subdomain
        )

    def level(number: int, subs: Mapping[str, tuple[RequirementResult, ...]]) -> GapLevel:
        groups = tuple(group(sub, rows) for sub, rows in subs.items())
        return GapLevel(src.level_info(number), groups, _by_project(groups))

    return tuple(level(number, subs) for number, subs in src.advice.gaps.items())


def _by_project(groups: tuple[GapGroup, ...]) -> tuple[GapProject, ...]:
    """The rows of a level under the project that closes them, in the plan's order (none last)."""
    rows: dict[str | None, list[GapRow]] = {}
    for g in groups:
        for r in g.rows:
            rows.setdefault(r.project.id if r.project else None, []).append(r)

    def rank(key: str | None) -> int:
        first = rows[key][0].project
        return first.rank if first else 1 << 30

    return tuple(
        GapProject(rows[k][0].project, rows[k][0].shortest, tuple(rows[k]))
        for k in sorted(rows, key=rank)
    )


def _shortest(src: Source) -> ShortestView | None:
    plan = src.advice.plan
    if plan.next_level is None:
        return None
    return ShortestView(
        plan.next_level,
        plan.current,
        plan.gate,
        plan.reachable,
        src.rows_of(plan.shortest),
        money_text(budget_of(plan.shortest)),
    )


class RoadmapFields(TypedDict):
    phases: tuple[PhaseView, ...]
    roadmap_chart: Markup
    estimated: bool
    size_note: str  # what the printed costs assume: the firm's size and the factor
    light_cap: Text  # a small project's band at this size: the roadmap rule names it
    limits: dict[str, int]
    legislation: str
    tiers: tuple[TierRow, ...]
    tiers_source: str


def _roadmap(src: Source) -> RoadmapFields:
    from maturity.reference import cited_source
    from maturity.tiers import check_tiers, load_tiers

    plan = src.advice.plan
    tiers = load_tiers()
    month = legislation_month(plan)
    return RoadmapFields(
        phases=tuple(
            PhaseView(
                p.number,
                str(p.start),
                str(p.end),
                span(p.start, p.end),
                money_text(p.budget),
                src.rows_of(p.steps),
                p.reserve,
            )
            for p in plan.phases
        ),
        roadmap_chart=_roadmap_chart(src),
        estimated=plan.estimated,
        size_note=src.tr.plain(plan.cost_note),
        light_cap=money_text((0, round((CostBand.under_10.bounds[1] or 0) * SCALE[plan.size]))),
        limits=schedule_limits(),
        legislation=src.tr.plain(bilingual("plan.legislation_short"), month=month) if month else "",
        tiers=tuple(_tier_row(src, c) for c in check_tiers(src.result, src.q, plan.reached, tiers)),
        tiers_source=src.tr.plain(cited_source(tiers.cited, tiers.status)),
    )


def _tier_row(src: Source, c: TierCheck) -> TierRow:
    """A tier above the plan's target gets no project list: the plan's projects stop at the
    target, so their ranks would repeat the lower tier's list as if they were enough. Otherwise
    the minimal set for the tier's level (the dashboard's count), then the other projects."""
    target = src.advice.plan.target
    if not c.met and c.tier.level > target:
        beyond = src.tr.plain(bilingual("report.tier_beyond_plan"), target=target)
        return TierRow(c.tier.name, c.tier.level, c.met, c.projects, beyond=beyond)
    ranks = sorted(src.action_by_id[p].rank for p in c.projects if p in src.action_by_id)
    row = TierRow(c.tier.name, c.tier.level, c.met, c.projects, tuple(ranks))
    if c.met:
        return row
    minimal, others = _tier_sets(src, c.tier.level, ranks)
    return replace(row, minimal=minimal, others=others)


def _tier_sets(src: Source, level: int, ranks: list[int]) -> tuple[str, str]:
    """The minimal set up to ``level`` (the sets of the levels below it and its own), by rank,
    with its count and quarter; and the rest of ``ranks``."""
    sets = [ls for ls in src.advice.plan.levels if ls.level <= level]
    needed = sorted(
        src.action_by_id[s.project.id].rank
        for ls in sets
        for s in ls.steps
        if s.project.id in src.action_by_id
    )
    rest = [r for r in ranks if r not in needed]
    by = str(sets[-1].by) if sets and sets[-1].by else "–"
    minimal = src.tr.plain(
        bilingual("report.tier_minimal"), ranks=rank_runs(needed), count=len(needed), by=by
    )
    others = (
        src.tr.plain(bilingual("report.tier_others"), count=len(rest), ranks=rank_runs(rest))
        if rest
        else ""
    )
    return minimal, others


def rank_runs(ranks: Sequence[int]) -> str:
    """'1, 3, 17–20': consecutive ranks as one run, so a long list stays readable."""
    runs: list[list[int]] = []
    for rank in sorted(ranks):
        if runs and rank == runs[-1][-1] + 1:
            runs[-1].append(rank)
        else:
            runs.append([rank])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs)


def _roadmap_chart(src: Source) -> Markup:
    plan, tr = src.advice.plan, src.tr
    quarters = plan.quarters
    index = {q: i for i, q in enumerate(quarters)}
    rows = [
        charts.GanttRow(
            f"{s.rank}. {tr.plain(s.name)}",
            index[s.start],
            s.quarters,
            0 if s.reserve else s.phase,
        )
        for s in plan.steps
    ]
    return charts.gantt(rows, [str(q) for q in quarters], tr.label_plain("roadmap_chart"))


class AnnexFields(TypedDict):
    na_items: tuple[NaRow, ...]
    tailored: tuple[TailoredRow, ...]
    coverage: Coverage
    notes: tuple[NoteGroup, ...]
    evidence: tuple[EvidenceRow, ...]
    evidence_gap: tuple[int, int]  # ratings full or most, and those of them without evidence


def _annexes(src: Source) -> AnnexFields:
    given: dict[str, Answer] = {k: v for k, v in src.answers.answers.items() if v is not None}
    requirements = src.result.requirements
    in_gaps = {r.id for subs in src.advice.gaps.values() for rows in subs.values() for r in rows}
    na = tuple(
        NaRow(r.id, src.question(r.id), given[r.id].reason or "")
        for r in requirements
        if r.rating == "na" and r.id in given
    )
    evidence: dict[
        str, EvidenceRow
    ] = {}  # the first row of an id (a quick-scan answer may score several)
    for r in requirements:
        answer = given.get(r.id)
        if r.id not in evidence and answer is not None and (answer.evidence or answer.note):
            evidence[r.id] = EvidenceRow(
                r.id,
                src.question(r.id),
                src.rating(r.rating),
                answer.note,
                answer.evidence,
                r.id in in_gaps,
                src.names.get(r.subdomain, Text.verbatim(r.subdomain)),
            )
    return AnnexFields(
        na_items=na,
        tailored=tuple(
            TailoredRow(s.name, s.tailored) for s in src.result.subdomains if s.tailored
        ),
        coverage=_coverage(src.result),
        notes=_notes(src),
        evidence=tuple(evidence.values()),
        evidence_gap=evidence_gap(src.answers, src.q),
    )


class RespondentFields(TypedDict):
    respondents: tuple[RespondentRow, ...]
    disagreements: tuple[DisagreementRow, ...]
    merge_rule: str  # "lowest" or "mean": how the kept ratings were chosen; "" when unknown


def _respondents(src: Source) -> RespondentFields:
    """Who answered a merged file, their parts, and the items they rated differently."""
    from maturity.respondents import load_roles

    roles = load_roles(src.q) if src.answers.respondents else {}

    def role_names(role: str | None) -> tuple[Text, ...]:
        ids = [r.strip() for r in (role or "").split(",") if r.strip()]
        return tuple(roles[r].name if r in roles else Text.verbatim(r) for r in ids)

    def rating(value: str | int) -> Text:
        return src.rating(value) if isinstance(value, str) else Text.verbatim(str(value))

    return RespondentFields(
        respondents=tuple(
            RespondentRow(
                e.name or "",
                role_names(e.role),
                tuple(src.names.get(s, Text.verbatim(s)) for s in e.part),
            )
            for e in src.answers.respondents
        ),
        disagreements=tuple(
            DisagreementRow(
                d.id,
                src.question(d.id),
                tuple((s.respondent, rating(s.rating)) for s in d.said),
                rating(d.kept),
            )
            for d in src.answers.disagreements
        ),
        merge_rule=src.answers.merge.on_conflict if src.answers.merge else "",
    )


def _coverage(result: AssessmentResult) -> Coverage:
    c = result.counts
    return Coverage(c.requirements, c.answered, c.not_applicable, c.unanswered, c.not_asked)


# each kind of consistency finding -> how the report names it for the reader
NOTE_TITLES = {
    "consistency.level_inversion": "report.note.level_inversion",
    "consistency.na_presupposed": "report.note.na_presupposed",
    "consistency.no_evidence": "report.note.no_evidence",
}


class _At:
    """Keeps the requirement a finding is located at (the report groups findings by sub-domain)."""

    def problem(self, key: str, loc: Sequence[object] = (), **params: object) -> Problem:
        return Problem(key, {**params, "at": str(loc[-1]) if loc else ""})


def _notes(src: Source) -> tuple[NoteGroup, ...]:
    """One finding per kind, for the reader: how many, and where by sub-domain. The per-item
    instructions to edit the answer file stay with the CLI's warnings."""
    from maturity.consistency import check

    kinds: dict[str, list[Problem]] = {}
    for p in check(src.answers, src.q, src.rules, _At()):
        kinds.setdefault(p.key, []).append(p)
    return tuple(_note_group(src, key, found) for key, found in kinds.items())


def _note_group(src: Source, key: str, found: list[Problem]) -> NoteGroup:
    subs: dict[str, list[str]] = {}
    for p in found:
        sub = src.q.subdomain_of.get(str(p.params["at"]), "")
        subs.setdefault(sub, []).append(_note_item(src, p))
    title = src.tr.plain(bilingual(NOTE_TITLES[key]), n=len(found))
    rows = (NoteRow(src.names.get(s, Text.verbatim(s)), len(i), tuple(i)) for s, i in subs.items())
    return NoteGroup(title, tuple(rows))


def _note_item(src: Source, p: Problem) -> str:
    """What identifies one finding in its sub-domain's row."""
    at, params = str(p.params["at"]), p.params
    if p.key == "consistency.level_inversion":
        return src.tr.plain(bilingual("report.note.levels"), **params)
    if p.key == "consistency.na_presupposed":
        return f"{at} ← {params['basis']}"
    return at


@dataclass(frozen=True)
class ChoiceRow:
    """One choice the report makes that no standard prescribes."""

    name: Text
    text: Text


class MethodFields(TypedDict):
    parameters: tuple[ParameterRow, ...]
    choices: tuple[ChoiceRow, ...]
    scale: dict[str, float]
    bands: str


def _method(src: Source) -> MethodFields:
    rules, label = src.rules, src.tr.label_text
    scale = rules.scale
    parameters = (
        ParameterRow(
            label("param_scale"),
            _scale_text(src),
            scale.status if scale else "-",
            scale.source if scale else "-",
        ),
        ParameterRow(
            label("param_gate"), f"{rules.gate.value:g}", rules.gate.status, rules.gate.source
        ),
        ParameterRow(
            label("param_total_rule"),
            rules.total_score_rule.value,
            rules.total_score_rule.status,
            rules.total_score_rule.source,
            label(f"total_rule_{rules.total_score_rule.value}"),
        ),
        ParameterRow(
            label("param_bands"), _bands_text(rules), rules.bands.status, rules.bands.source
        ),
        ParameterRow(
            label("param_weights"),
            "",
            # the standard gives weights (by secondary accounts): "it does not say" would be wrong
            "weights" if rules.weights.status == "project-default" else rules.weights.status,
            rules.weights.source,
            _weights_text(src),
        ),
    )
    return MethodFields(
        parameters=parameters,
        choices=_choices(src),
        scale={str(k): v for k, v in scale.values.items()} if scale else {},
        bands=_bands_text(rules),
    )


def _choices(src: Source) -> tuple[ChoiceRow, ...]:
    """The plan's own rules, read from the code that applies them, so the annex cannot drift."""
    from maturity.plan import EXACT_UP_TO
    from maturity.schema.projects import CostBand

    label = src.tr.label_text
    light = CostBand.under_10.bounds[1]
    choices = [
        ("choice_plan", label("choice_plan_text")),
        (
            "choice_phases",
            label("choice_phases_text", light=light, **schedule_limits()),
        ),
        ("choice_minimal", label("choice_minimal_text", exact=EXACT_UP_TO)),
        ("choice_costs", _cost_bands(src)),
        # the weights are in the parameters table, with their status: not repeated here
        ("choice_domains", label("choice_domains_text")),
    ]  # fmt: skip
    return tuple(ChoiceRow(label(key), text) for key, text in choices)


def _cost_bands(src: Source) -> Text:
    """The catalogue's bands, the size factors that scale them (read from plan_fit.SCALE) and
    the factor this report used: the annex says what page 3 does."""
    from maturity.plan_fit import SCALE
    from maturity.schema.projects import CostBand

    def shown(band: CostBand) -> str:
        low, high = band.bounds
        return f"<{high}" if low == 0 else f">{low}" if high is None else f"{low}–{high}"

    def filled(text: str, lang: Lang) -> str:
        comma = "、" if lang == "zh" else ", "
        factors = comma.join(
            f"{msg(f'portfolio.size.{size.value}', lang)} ×{factor:g}"
            for size, factor in SCALE.items()
        )
        return text.format(
            bands=comma.join(shown(b) for b in CostBand),
            factors=factors,
            used=src.advice.plan.cost_note.get(lang),
        )

    return per_language(src.tr.label_text("choice_costs_text"), filled)


def _progress(src: Source, previous: AssessmentResult, found: str | None) -> ProgressView:
    c = compare(previous, src.result)

    def move(m: RequirementChange) -> RequirementMove:
        return RequirementMove(
            m.id, src.question(m.id), src.rating(m.rating_before), src.rating(m.rating_after)
        )

    return ProgressView(
        date_before=previous.assessment.date,
        found_in=found,
        level_before=previous.level,
        score_before=previous.score,
        level_delta=c.level_change,
        score_delta=shown_change(previous.score, src.result.score) or 0.0,
        subdomains=tuple(
            ProgressRow(
                ch.name or Text.verbatim(ch.key),
                ch.level_before,
                ch.level_after,
                ch.before,
                ch.after,
                shown_change(ch.before, ch.after) or 0.0,
            )
            for ch in c.subdomains
            if ch.delta
        ),
        improved=tuple(move(m) for m in c.improved),
        regressed=tuple(move(m) for m in c.regressed),
    )


def _scale_text(src: Source) -> str:
    """The ratings by their names in the reader's language ("全部满足 1"), not the file's keys."""
    scale = src.rules.scale
    if scale is None:
        return "-"
    return " · ".join(f"{src.tr.plain(src.rating(k))} {v:g}" for k, v in scale.values.items())


def _bands_text(rules: ScoringRules) -> str:
    return ", ".join(f"L{b.level} ≥ {b.min:g}" for b in rules.bands.values)


def _weights_text(src: Source) -> Text:
    values = set(src.rules.weights.for_type(src.result.organisation.type).values())
    if len(values) == 1:
        return src.tr.label_text("weights_equal")
    return src.tr.label_text("weights_by_subdomain", span=f"{min(values):g}–{max(values):g}")


def _national(src: Source) -> NationalPosition | None:
    """The latest snapshot of the national self-diagnosis results shipped with the questionnaire."""
    from maturity.reference import cited_source, find_reference, load_reference, share_at_or_above

    # an older version kept beside the current one (cmmm-1.0.0) shares the current one's figures
    path = find_reference(src.q.path) or find_reference(src.q.path.parent / src.q.header.id)
    if path is None:
        return None
    reference = load_reference(path)
    if not reference.snapshots:
        return None
    snap = max(reference.snapshots, key=lambda s: s.year)
    level = max(src.result.level, 1)
    above = round(100 * share_at_or_above(snap, level))
    source = src.tr.plain(cited_source(snap.cited, snap.status))
    return NationalPosition(level, above, snap.year, source, reference.label)


def _next_90(src: Source) -> tuple[Step, ...]:
    phases = src.advice.plan.phases
    return phases[0].steps[:5] if phases else ()


def _phase_chart(src: Source) -> Markup:
    """The roadmap by quarter with one bar per phase, and the reserve as one grey bar after it: a
    board reads phases, not 90 projects, and the reserve is not a commitment."""
    plan, tr = src.advice.plan, src.tr
    index = {q: i for i, q in enumerate(plan.quarters)}

    def bar(
        head: str, steps: Sequence[Step], first: Quarter, last: Quarter, phase: int
    ) -> charts.GanttRow:
        # two lines: the cost on its own line is never cut off (English, bilingual)
        cost = tr.label_plain("phase_bar_cost", budget=money_text(budget_of(steps)))
        return charts.GanttRow(
            f"{head}\n{cost}", index[first], index[last] - index[first] + 1, phase
        )

    rows = [
        bar(
            tr.label_plain("phase_bar", n=p.number, count=len(p.steps)),
            p.steps,
            p.start,
            p.end,
            p.number,
        )
        for p in plan.phases
        if not p.reserve
    ]
    if plan.reserve:
        first, last = min(s.start for s in plan.reserve), max(s.end for s in plan.reserve)
        head = tr.label_plain("reserve_bar", count=len(plan.reserve))
        rows.append(bar(head, plan.reserve, first, last, 0))
    return charts.gantt(rows, [str(q) for q in plan.quarters], tr.label_plain("roadmap_chart"))
