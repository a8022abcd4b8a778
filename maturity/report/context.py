"""The report's view-model: everything the templates show, computed in this one place.

Templates receive a single :class:`ReportView` plus a translator; they do no arithmetic.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from markupsafe import Markup

from maturity.history import compare
from maturity.labels import EFFORT_NAMES, KPI_NAMES, PLAN_DOMAIN_NAMES, TYPE_NAMES
from maturity.questionnaire import Questionnaire
from maturity.recommend import Action, factory_tiers, focus_subdomains, gaps, plan, reached_level, roadmap, shortest_path, target_level
from maturity.report import charts
from maturity.report.inputs import SignatureInfo
from maturity.report.templating import Translator
from maturity.schema.answers import Answer, AnswerFile
from maturity.schema.base import Effort, Text
from maturity.schema.result import AssessmentResult, RequirementResult
from maturity.schema.rules import ScoringRules

TOP_IN_BODY = 15  # plan rows shown in the body; the full list is an annex
START_WITH = 5  # low-effort items suggested as the start of each roadmap phase


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
class SubdomainRow:
    id: str
    name: Text
    element: Text
    domain: Text
    plan_domain: Text
    level: int
    score: float
    scores: tuple[float | None, ...]


@dataclass(frozen=True)
class PlanRow:
    name: Text
    level: int
    score: float
    subdomains: tuple[Text, ...]


@dataclass(frozen=True)
class GapRow:
    id: str
    question: Text
    rating: Text


@dataclass(frozen=True)
class GapGroup:
    subdomain: Text
    rows: tuple[GapRow, ...]


@dataclass(frozen=True)
class GapLevel:
    level: LevelInfo
    groups: tuple[GapGroup, ...]


@dataclass(frozen=True)
class ActionRow:
    rank: int
    id: str
    level: int
    tier: int
    subdomain: Text
    question: Text
    rating: Text
    gain: float
    action: Text | None
    why: Text | None
    evidence: Text | None
    effort: Text | None
    kpis: tuple[Text, ...]
    technologies: tuple[Text, ...]


@dataclass(frozen=True)
class ShortestView:
    level: int
    current: float
    gate: float
    reachable: bool
    actions: tuple[ActionRow, ...]


@dataclass(frozen=True)
class PhaseGroup:
    subdomain: Text
    ids: tuple[str, ...]


@dataclass(frozen=True)
class PhaseView:
    number: int
    level: LevelInfo
    actions: tuple[ActionRow, ...]
    groups: tuple[PhaseGroup, ...]  # the phase's items by sub-domain, in questionnaire order
    efforts: tuple[tuple[Text, int], ...]  # how many items of each effort
    start_with: tuple[ActionRow, ...]  # the first low-effort items in plan order: where to begin


@dataclass(frozen=True)
class TierRow:
    key: str
    needed: int
    met: bool


@dataclass(frozen=True)
class NaRow:
    id: str
    question: Text
    reason: str


@dataclass(frozen=True)
class EvidenceRow:
    id: str
    question: Text
    rating: Text
    note: str | None
    items: tuple[str, ...]


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
    delta: float


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
    level_before: int
    score_before: float
    level_delta: int
    score_delta: float
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
    target_gaps: tuple[tuple[int, float, float], ...]  # (level, score, shortfall to the gate) up to target
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
    tiers: tuple[TierRow, ...]
    na_items: tuple[NaRow, ...]
    evidence: tuple[EvidenceRow, ...]
    parameters: tuple[ParameterRow, ...]
    scale: dict[str, float]
    bands: str
    focus: tuple[Text, ...] = field(default=())
    signature: SignatureInfo | None = None
    progress: ProgressView | None = None

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


def _rating_text(questionnaire: Questionnaire, row: RequirementResult) -> Text:
    if row.rating is None:
        return Text(zh="未作答", en="Unanswered")
    for option in questionnaire.scale_options:
        if option.key == row.rating:
            return option.label
    return Text(zh=str(row.rating), en=str(row.rating))


def _question(questionnaire: Questionnaire, item_id: str) -> Text:
    req = questionnaire.requirement(item_id)
    if req is not None:
        return req.question
    question = questionnaire.question(item_id)
    return question.question if question else Text(zh=item_id, en=item_id)


def _level_info(questionnaire: Questionnaire, level: int) -> LevelInfo:
    lv = questionnaire.levels[level - 1]
    return LevelInfo(level, lv.name, lv.summary)


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
) -> ReportView:
    """Build everything the report shows. ``generated`` is injectable so tests can freeze the date."""
    q = questionnaire
    goal = target_level(result, target)
    names = {s.id: s.name for s in q.subdomains}
    domains = {d.id: d.name for d in q.header.domains}
    elements = {e.id: e.name for e in q.header.elements}
    actions = plan(result, q, goal)

    def action_row(rank: int, action: Action) -> ActionRow:
        rec = action.recommendation
        row = action.requirement
        return ActionRow(
            rank=rank,
            id=row.id,
            level=row.level,
            tier=action.tier,
            subdomain=names[row.subdomain],
            question=_question(q, row.id),
            rating=_rating_text(q, row),
            gain=action.gain,
            action=rec.action if rec else None,
            why=rec.why if rec else None,
            evidence=rec.evidence if rec else None,
            effort=EFFORT_NAMES[rec.effort] if rec else None,
            kpis=tuple(KPI_NAMES[k] for k in rec.kpis) if rec else (),
            technologies=tuple(q.technologies[t].name for t in rec.technologies if t in q.technologies) if rec else (),
        )

    rows = [action_row(i, a) for i, a in enumerate(actions, 1)]
    by_id = {r.id: r for r in rows}
    path = shortest_path(result, actions)
    level_scores = {ls.level: ls.score for ls in result.levels}
    k = reached_level(result)
    nxt = k + 1 if k < 5 else None
    next_score = (level_scores.get(nxt) or 0.0) if nxt else None
    gate = result.rules.gate

    spokes = [
        charts.Spoke(
            label=translator.plain(Text(zh=s.name.zh, en=s.name.en)) if translator.lang != "bilingual" else s.name.zh,
            sublabel=s.name.en if translator.lang == "bilingual" else "",
            value=float(s.level),
            target=float(goal),
        )
        for s in result.subdomains
    ]
    legend = (translator.label_plain("current"), translator.label_plain("target") + f" ({goal})")
    plan_rows = tuple(
        PlanRow(name=PLAN_DOMAIN_NAMES[p.id], level=p.level, score=p.score, subdomains=tuple(names[s] for s in p.subdomains))
        for p in result.plan_domains
    )
    bar_items = [charts.Bar(label=translator.plain(p.name), value=p.score, level=p.level) for p in plan_rows]

    grouped = gaps(result, goal)
    gap_levels = tuple(
        GapLevel(
            level=_level_info(q, level),
            groups=tuple(
                GapGroup(subdomain=names[sub], rows=tuple(GapRow(r.id, _question(q, r.id), _rating_text(q, r)) for r in items))
                for sub, items in subs.items()
            ),
        )
        for level, subs in grouped.items()
    )
    given: dict[str, Answer] = {k: v for k, v in answers.answers.items() if v is not None}
    na_items = tuple(
        NaRow(r.id, _question(q, r.id), given[r.id].reason or "") for r in result.requirements if r.rating == "na" and r.id in given
    )
    seen: set[str] = set()
    evidence_rows = []
    for r in result.requirements:
        answer = given.get(r.id)
        if r.id in seen or answer is None or not (answer.evidence or answer.note):
            continue
        seen.add(r.id)
        evidence_rows.append(EvidenceRow(r.id, _question(q, r.id), _rating_text(q, r), answer.note, answer.evidence))

    parameters = (
        ParameterRow(
            Text(zh="满足程度分值", en="Satisfaction scale"),
            _scale_text(rules),
            rules.scale.status if rules.scale else "-",
            rules.scale.source if rules.scale else "-",
        ),
        ParameterRow(Text(zh="等级门槛", en="Level gate"), f"{rules.gate.value:g}", rules.gate.status, rules.gate.source),
        ParameterRow(
            Text(zh="总分规则", en="Total-score rule"),
            rules.total_score_rule.value,
            rules.total_score_rule.status,
            rules.total_score_rule.source,
        ),
        ParameterRow(Text(zh="分数段", en="Score bands"), _bands_text(rules), rules.bands.status, rules.bands.source),
        ParameterRow(Text(zh="权重", en="Weights"), "", rules.weights.status, rules.weights.source, _weights_text(rules, result)),
    )
    return ReportView(
        lang=translator.lang,
        generated=generated or dt.date.today(),
        result=result,
        quick=result.method == "descriptors",
        title_key="title_quick" if result.method == "descriptors" else "title",
        questionnaire_name=q.header.name,
        rules_name=rules.name,
        organisation_type=TYPE_NAMES[result.organisation.type],
        mode_key=f"mode_{result.assessment.mode}",
        level=_level_info(q, result.level) if result.level else None,
        target=_level_info(q, goal),
        next_level=_level_info(q, nxt) if nxt else None,
        next_score=next_score,
        next_gap=_shown_gap(gate, next_score) if next_score is not None else None,
        target_gaps=tuple(
            (lv, level_scores.get(lv) or 0.0, _shown_gap(gate, level_scores.get(lv) or 0.0)) for lv in range(k + 1, goal + 1)
        ),
        levels=tuple(LevelRow(ls.level, q.levels[ls.level - 1].name, ls.score, ls.reached) for ls in result.levels),
        subdomains=tuple(
            SubdomainRow(
                id=s.id,
                name=s.name,
                element=elements[s.element],
                domain=domains[s.domain],
                plan_domain=PLAN_DOMAIN_NAMES[s.plan_domain],
                level=s.level,
                score=s.score,
                scores=tuple(s.scores[str(lv)] for lv in range(1, 6)),
            )
            for s in result.subdomains
        ),
        plan_domains=plan_rows,
        radar=charts.radar(spokes, translator.label_plain("radar_title"), legend),
        bars=charts.bars(bar_items, translator.label_plain("bars_title"), float(goal)),
        gaps=gap_levels,
        actions=tuple(rows),
        top_actions=tuple(rows[:3]),
        shortest=ShortestView(path.level, path.current, path.gate, path.reachable, tuple(by_id[a.id] for a in path.actions))
        if path
        else None,
        phases=tuple(
            _phase(i, q, ph.level, [by_id[a.id] for a in ph.actions], names) for i, ph in enumerate(roadmap(result, actions, goal), 1)
        ),
        tiers=tuple(TierRow(key, needed, met) for key, needed, met in factory_tiers(result.level)),
        na_items=na_items,
        evidence=tuple(evidence_rows),
        parameters=parameters,
        scale={str(k): v for k, v in rules.scale.values.items()} if rules.scale else {},
        bands=_bands_text(rules),
        focus=tuple(s.name for s in focus_subdomains(result)) if result.method == "descriptors" else (),
        signature=signature,
        progress=_progress(q, previous, result) if previous is not None else None,
    )


def _progress(q: Questionnaire, previous: AssessmentResult, result: AssessmentResult) -> ProgressView:
    c = compare(previous, result)

    def rating(value: str | None) -> Text:
        return _rating_text(q, RequirementResult(id="", subdomain="", level=1, rating=value, value=None, answered=value is not None))

    return ProgressView(
        date_before=previous.assessment.date,
        level_before=previous.level,
        score_before=previous.score,
        level_delta=c.level_change,
        score_delta=c.score_change,
        subdomains=tuple(
            ProgressRow(ch.name or Text(zh=ch.key, en=ch.key), ch.level_before, ch.level_after, ch.before, ch.after, ch.delta or 0.0)
            for ch in c.subdomains
            if ch.delta
        ),
        improved=tuple(RequirementMove(m.id, _question(q, m.id), rating(m.rating_before), rating(m.rating_after)) for m in c.improved),
        regressed=tuple(RequirementMove(m.id, _question(q, m.id), rating(m.rating_before), rating(m.rating_after)) for m in c.regressed),
    )


def _phase(number: int, q: Questionnaire, level: int, rows: list[ActionRow], names: dict[str, Text]) -> PhaseView:
    order = [s.id for s in q.subdomains]
    by_sub: dict[str, list[str]] = {}
    for row in sorted(rows, key=lambda r: (order.index(q.subdomain_of[r.id]), r.id)):
        by_sub.setdefault(q.subdomain_of[row.id], []).append(row.id)
    efforts = tuple((name, sum(1 for r in rows if r.effort == name)) for name in EFFORT_NAMES.values())
    low = EFFORT_NAMES[Effort.low]
    return PhaseView(
        number=number,
        level=_level_info(q, level),
        actions=tuple(rows),
        groups=tuple(PhaseGroup(names[sub], tuple(ids)) for sub, ids in by_sub.items()),
        efforts=efforts,
        start_with=tuple(r for r in rows if r.effort == low)[:START_WITH],
    )


def _shown_gap(gate: float, score: float) -> float:
    """Shortfall to the gate as the report prints it: from the score rounded to two decimals, so that
    "scores 0.46; 0.34 short of the 0.80 gate" adds up on paper."""
    return max(round(gate - round(score, 2), 2), 0.0)


def _scale_text(rules: ScoringRules) -> str:
    if rules.scale is None:
        return "-"
    return " / ".join(f"{k} {v:g}" for k, v in rules.scale.values.items())


def _bands_text(rules: ScoringRules) -> str:
    return ", ".join(f"L{b.level} ≥ {b.min:g}" for b in rules.bands.values)


def _weights_text(rules: ScoringRules, result: AssessmentResult) -> Text:
    table = rules.weights.for_type(result.organisation.type)
    values = set(table.values())
    if len(values) == 1:
        return Text(zh="各子域等权重", en="equal for every sub-domain")
    span = f"{min(values):g}–{max(values):g}"
    return Text(zh=f"按子域不同（{span}）", en=f"by sub-domain ({span})")
