"""The board edition's own texts: the decision box that opens the 90-day page, why the plan runs in
its order, the firm's priorities on the dashboard, and plain readings of the figures.

Every sentence is composed here in both languages (as :class:`Text`) and shown once, in the
report's language, so that a bilingual report never interleaves halves of a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

from maturity.i18n import bilingual, each_lang, filled
from maturity.labels import KPI_NAMES
from maturity.money import figures, money_text
from maturity.numbers import fmt_score, shown_score
from maturity.plan import OWNER_AT_ONCE, OWNER_LIGHT, Plan, Step, budget_of
from maturity.plan_fit import SIZE_NAMES
from maturity.schema.base import Text

if TYPE_CHECKING:
    from maturity.questionnaire import Questionnaire
    from maturity.recommend import Advice
    from maturity.schema.answers import AnswerFile
    from maturity.schema.kpis import KpiBaseline
    from maturity.schema.result import AssessmentResult, SubdomainResult


class BoardSource(Protocol):
    """What the board texts read of the report's source (maturity.report.context.Source); a
    protocol, so that this module does not import the view-model that uses it."""

    @property
    def advice(self) -> Advice: ...
    @property
    def answers(self) -> AnswerFile: ...
    @property
    def result(self) -> AssessmentResult: ...
    @property
    def q(self) -> Questionnaire: ...

    def rating(self, rating: str | None) -> Text: ...


class NationalFigures(Protocol):
    @property
    def level(self) -> int: ...
    @property
    def above(self) -> int: ...
    @property
    def year(self) -> int: ...


# a level held by less than this is flagged: one requirement a step lower takes about this much
THIN_MARGIN = 0.05
# acronyms a board member may not know, as the project texts write them
ACRONYMS = {
    "AP": "report.board.acronym.ap",
    "IP": "report.board.acronym.ip",
    "SaaS": "report.board.acronym.saas",
    "SIS": "report.board.acronym.sis",
    "CEMS": "report.board.acronym.cems",
    "MES": "report.board.acronym.mes",
    "ERP": "report.board.acronym.erp",
    "PLC": "report.board.acronym.plc",
    "SCADA": "report.board.acronym.scada",
    "DCS": "report.board.acronym.dcs",
    "LIMS": "report.board.acronym.lims",
    "WMS": "report.board.acronym.wms",
    "QMS": "report.board.acronym.qms",
    "CRM": "report.board.acronym.crm",
    "APS": "report.board.acronym.aps",
    "PLM": "report.board.acronym.plm",
    "OEE": "report.board.acronym.oee",
    "MLPS": "report.board.acronym.mlps",
    "FIFO": "report.board.acronym.fifo",
    "kgce": "report.board.acronym.kgce",
    "EHS": "report.board.acronym.ehs",
}
HEADS = (
    "report.board.no_head",
    "report.board.deliver_head",
    "report.board.cost_head",
    "report.board.sign_head",
)
_CN_DIGITS = "一二三四五"


@dataclass(frozen=True)
class DecisionRow:
    rank: str  # the project's number; "" on the line that groups the light projects
    name: Text
    owner: Text
    due: Text  # what is delivered by day 90
    cost: Text  # bare figures; the column heading names the unit (money.figures)
    yearly: bool  # the cost basis names a yearly fee (a subscription)


@dataclass(frozen=True)
class OtherRow:
    """A light project the decision box counts on its grouped line, named below the table."""

    rank: int
    name: Text


@dataclass(frozen=True)
class BoardTexts:
    approve: Text | None
    rows: tuple[DecisionRow, ...]
    yearly_note: Text | None
    overloaded: tuple[Text, ...]
    others_title: Text
    others: tuple[OtherRow, ...]
    sign_off: Text
    cost_note: Text  # what the costs assume, in one plain sentence
    subsidy: Text
    order: Text | None
    priorities: Text | None
    bridge: Text | None
    national_kpi: Text | None
    national: Text | None  # the share and its plain reading
    radar_note: Text | None
    thin: Text | None  # the highest level held is held by a hair: how safe it is
    glossary: Text | None
    blocks: Text  # the tag of a project the next level needs: "升三级必须做"
    heads: tuple[Text, ...] = tuple(bilingual(k) for k in HEADS)


def join(parts: Sequence[Text], zh: str = "；", en: str = "; ") -> Text:
    """Texts joined with each language's separator."""
    return each_lang(lambda lang: (zh if lang == "zh" else en).join(p.get(lang) for p in parts))


def level_word(n: int) -> Text:
    """How a board names a level: "三级" / "level 3"."""
    digit = _CN_DIGITS[n - 1] if 1 <= n <= 5 else str(n)
    return filled(
        "report.board.level_word", n=each_lang(lambda lang: digit if lang == "zh" else str(n))
    )


def board_texts(
    src: BoardSource, next_90: tuple[Step, ...], national: NationalFigures | None
) -> BoardTexts:
    plan = src.advice.plan
    starts = first_starts(plan)
    # every start of the first quarter is approved: the cards' projects and any other funded
    # one on a row each, the light ones (rules, ledgers, staff time) on one line with their sum
    light = tuple(s for s in starts if s not in next_90 and plan.estimated and s.light)
    listed = tuple(s for s in starts if s not in light)
    rows = tuple(_decision_row(src, s) for s in listed)
    return BoardTexts(
        approve=_approve(plan, starts) if next_90 else None,
        rows=rows + ((_light_row(light),) if light else ()),
        yearly_note=filled("report.board.yearly_note") if any(r.yearly for r in rows) else None,
        overloaded=_overloaded(plan, starts) if plan.estimated else (),  # else no owner named
        others_title=filled(
            "report.board.others", n=len(light), spend=money_text(budget_of(light))
        ),
        others=tuple(OtherRow(s.rank, s.name) for s in light),
        sign_off=filled("report.board.sign_off"),
        cost_note=_cost_note(src),
        subsidy=filled("report.board.subsidy"),
        order=_order(src),
        priorities=_priorities(src),
        bridge=_bridge(src),
        national_kpi=_national(national, "report.board.national_kpi") if national else None,
        national=_national_reading(national) if national else None,
        radar_note=_radar_note(src),
        thin=_thin(src),
        glossary=_glossary(next_90),
        blocks=filled("report.board.blocks", level=level_word(plan.next_level or plan.target)),
    )


def first_starts(plan: Plan) -> tuple[Step, ...]:
    """The projects the schedule starts in its first quarter (the 90 days), by number."""
    return tuple(sorted((s for s in plan.roadmap if s.start == plan.start), key=lambda s: s.rank))


def _cost_note(src: BoardSource) -> Text:
    """The size the costs are estimated for, with the staff count when known; no factors."""
    plan, org = src.advice.plan, src.answers.organisation
    if not plan.size_known:
        return filled("report.board.cost_unknown")
    staff = f"{org.employees:,}" if org.employees else None
    key = "report.board.cost_staff" if staff else "report.board.cost_size"
    return filled(key, size=bilingual(SIZE_NAMES[plan.size]), staff=staff or "")


def _approve(plan: Plan, starts: tuple[Step, ...]) -> Text:
    return filled(
        "report.board.approve_all",
        quarter=str(plan.start),
        count=len(starts),
        spend=money_text(budget_of(starts)),
    )


def _decision_row(src: BoardSource, step: Step) -> DecisionRow:
    # the project as fitted to this firm (extend, SaaS, size): name, step and cost as on its card
    basis = step.cost_basis
    yearly = step.recurring or "/年" in basis.zh or "/year" in basis.en
    return DecisionRow(
        str(step.rank), step.name, step.project.owner, _due(src, step), figures(step.bounds), yearly
    )


def _light_row(light: tuple[Step, ...]) -> DecisionRow:
    return DecisionRow(
        "",
        filled("report.board.light_name", n=len(light)),
        filled("report.board.light_owner"),
        filled("report.board.light_due"),
        figures(budget_of(light)),
        False,
    )


DAY_90_MONTHS = 3  # a project whose longest estimate is longer cannot promise to end by day 90


def _due(src: BoardSource, step: Step) -> Text:
    """One checkable deliverable by day 90: the project's own when it names one; for a project
    that ends within the quarter, the records that prove its requirements met; for a longer one,
    its first step done, and when it ends."""
    own = step.project.by_day_90
    if own is not None:
        return filled("report.board.due_own", due=own)
    low, high = step.months
    records = _records(src, step)
    if step.quarters == 1 and high <= DAY_90_MONTHS and records:
        if len(records) == 1:
            return filled("report.board.due_done", records=records[0])
        return filled("report.board.due_done_more", records=records[0], n=len(records))
    first = brief_first_step(step)
    end = step.end  # the schedule's end, as on the card and in the plan
    return filled("report.board.due_first", step=first, months=f"{low}–{high}", end=str(end))


def brief_first_step(step: Step) -> Text:
    """The first step without the answer notes an extended project quotes (the card quotes
    them): a table cell stays short."""
    return replace(step.fit, open_items=None).first_step(step.project)


def _records(src: BoardSource, step: Step) -> list[Text]:
    """The first piece of evidence of each requirement the project meets: what the owner lays
    on the table on day 90 (the board row names the first and counts them)."""
    profile = src.answers.organisation.effective_profile
    seen: list[Text] = []
    for row in step.closing:
        req = src.q.requirement(row.id)
        evidence = req.evidence_for(profile) if req is not None else ()
        if evidence and evidence[0] not in seen:
            seen.append(evidence[0])
    return seen


def _ranks(ranks: Iterable[int]) -> Text:
    """Project numbers as each language lists them: "1、4、5" / "1, 4, 5"."""
    return join([Text.verbatim(str(r)) for r in ranks], "、", ", ")


def _overloaded(plan: Plan, starts: tuple[Step, ...]) -> tuple[Text, ...]:
    """Owner roles that start more first-quarter projects than the scheduler's owner caps allow
    (OWNER_AT_ONCE funded, OWNER_LIGHT in all): the same rule, so a plan the scheduler made
    never warns and an edited one does; the warning says which can go to a deputy or wait."""
    by_owner: dict[str, list[Step]] = {}
    for s in starts:
        by_owner.setdefault(s.project.owner.zh, []).append(s)
    warnings = []
    for steps in by_owner.values():
        funded = sum(not s.light for s in steps)
        if funded <= OWNER_AT_ONCE and len(steps) <= OWNER_LIGHT:
            continue
        light = [s.rank for s in steps if s.light] or [steps[-1].rank]
        warnings.append(
            filled(
                "report.board.overloaded",
                owner=steps[0].project.owner,
                n=len(steps),
                ranks=_ranks(s.rank for s in steps),
                quarter=str(plan.start),
                light=filled(
                    "report.board.numbered_one"
                    if len(light) == 1
                    else "report.board.numbered_many",
                    ranks=_ranks(light),
                ),
                later=str(plan.start.plus(1)),
            )
        )
    return tuple(warnings)


def _order(src: BoardSource) -> Text | None:
    """Why the list runs in this order, and where the firm's own priorities come in."""
    plan = src.advice.plan
    if not plan.steps:
        return None
    first = plan.next_level or plan.target
    levels = [level_word(n) for n in range(first, max(plan.target, first) + 1)]
    order = filled("report.board.order", level=join(levels, "、", " and "))
    first_of = []
    for kpi in src.answers.priorities:
        step = next((s for s in plan.steps if any(k.kpi == kpi for k in s.project.kpis)), None)
        if step is not None:
            first_of.append(
                filled(
                    "report.board.priority_first",
                    kpi=KPI_NAMES[kpi],
                    rank=step.rank,
                    name=step.name,
                    start=str(step.start),
                )
            )
    if not first_of:
        return order
    firsts = filled("report.board.priority_firsts", list=join(first_of))
    return join([order, firsts], " ", " ")


def _priorities(src: BoardSource) -> Text | None:
    """The firm's stated priorities and its KPI baselines, as the answer file gives them."""
    parts = []
    if src.answers.priorities:
        names = join([KPI_NAMES[k] for k in src.answers.priorities], "、", ", ")
        parts.append(filled("report.board.priorities", names=names))
    if src.result.kpis:
        values = [_valued(bilingual(f"kpi.name.{b.kpi}"), b) for b in src.result.kpis]
        date = max(b.date for b in src.result.kpis).isoformat()
        parts.append(filled("report.board.baselines", values=join(values), date=date))
    return join(parts, "", " ") if parts else None


def _valued(name: Text, base: KpiBaseline) -> Text:
    """A KPI's name with its value, once per language: "OEE 58 %"."""
    return name.map(lambda n: f"{n} {base.value:g} {base.shown_unit}")


def _bridge(src: BoardSource) -> Text | None:
    """The level score read as a share: "三级要求目前完成约 34%，需达到 80% 才算三级"."""
    plan = src.advice.plan
    if plan.next_level is None:
        return None
    return filled(
        "report.board.bridge",
        level=level_word(plan.next_level),
        # the share as the score is shown (floored): 0.7765 is "0.77" and "77%", never 78%
        now=round(100 * shown_score(plan.current)),
        gate=round(100 * shown_score(plan.gate)),
    )


def _national(national: NationalFigures, key: str) -> Text:
    return filled(
        key,
        above=national.above,
        below=100 - national.above,
        level=level_word(national.level),
        year=national.year,
    )


def _national_reading(national: NationalFigures) -> Text:
    """The share and what it means: "about 37% are at level 2 or above, i.e. 63% are not"."""
    parts = [
        _national(national, "report.board.national_card"),
        _national(national, "report.board.national_reading"),
    ]
    return join(parts, "", " ")


def _radar_note(src: BoardSource) -> Text | None:
    """The scale, the weakest sub-domains (three, and any tied with the third) and the strongest
    (with ties), with their scores as the tables show them."""
    scored = sorted(
        (s for s in src.result.subdomains if s.score is not None), key=lambda s: s.score or 0.0
    )
    if len(scored) < 4:
        return None

    def shown(s: SubdomainResult) -> str:
        return fmt_score(s.score)

    def named(s: SubdomainResult) -> Text:
        return s.name.map(lambda name: f"{name} {shown(s)}")

    weakest = [s for s in scored if shown(s) <= shown(scored[2])]
    strongest = [s for s in scored if shown(s) == shown(scored[-1])]
    return filled(
        "report.board.radar_note",
        weakest=join([named(s) for s in weakest], "、", ", "),
        strongest=join([named(s) for s in strongest], "、", ", "),
    )


def _thin(src: BoardSource) -> Text | None:
    """The highest level held, when it is held by less than THIN_MARGIN: by how much (three
    decimals, floored like every score) and what a board should do before an outside review."""
    gate = src.result.rules.gate
    held = [ls for ls in src.result.levels if ls.reached and ls.score is not None]
    if not held or src.result.level is None:
        return None
    top = held[-1]
    margin = shown_score(top.score or 0.0, 3) - gate
    if margin >= THIN_MARGIN or top.level < 1:
        return None
    return filled(
        "report.board.thin",
        level=level_word(top.level),
        below=level_word(top.level - 1) if top.level > 1 else filled("report.board.no_level"),
        margin=f"{max(margin, 0.0):.3f}",
    )


def _glossary(steps: tuple[Step, ...]) -> Text | None:
    """The acronyms the 90-day cards use, each named once (in both languages the same list: the
    English texts spell out some of what the Chinese abbreviates)."""
    words = " ".join(
        f"{t.zh} {t.en}"
        for s in steps
        for t in (
            s.name,
            s.project.summary,
            s.first_step,
            s.cost_basis,
            s.project.owner,
            *(k.measure for k in s.project.kpis),
        )
    )
    used = [a for a in ACRONYMS if re.search(rf"(?<![A-Za-z]){a}(?![A-Za-z])", words)]
    if not used:
        return None
    items = [filled("report.board.acronym", short=a, long=bilingual(ACRONYMS[a])) for a in used]
    return filled("report.board.glossary", items=join(items))


def closes_summary(src: BoardSource, step: Step) -> Text | None:
    """The requirements a project meets, counted by their rating now: the board card's line
    (the statements are the full edition's)."""
    if not step.closing:
        return None
    counts: dict[str, int] = {}
    for r in step.closing:
        counts[r.rating or ""] = counts.get(r.rating or "", 0) + 1
    order = [o.key for o in src.q.scale_options]
    parts = [
        filled("report.board.closes_count", n=n, rating=src.rating(key or None))
        for key, n in sorted(
            counts.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99
        )
    ]
    return filled(
        "report.board.closes_summary",
        counts=join(parts, "、", ", "),
        then=src.rating("full"),
        total=len(step.closing),
    )
