"""The board edition's own texts: the decision box that opens the 90-day page, why the plan runs in
its order, the firm's priorities on the dashboard, and plain readings of the figures.

Every sentence is composed here in both languages (as :class:`Text`) and shown once, in the
report's language, so that a bilingual report never interleaves halves of a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from maturity.i18n import LANGS, bilingual
from maturity.labels import KPI_NAMES
from maturity.money import figures, money_text
from maturity.plan import Quarter, Step, budget_of
from maturity.schema.base import Lang, Text

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


# a role running more than this many projects in the same quarter gets a warning
MOST_AT_ONCE = 2
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
    rank: int
    name: Text
    owner: Text
    due: Text  # what is delivered by day 90
    cost: Text  # bare figures: the column heading names the unit
    yearly: bool  # the cost basis names a yearly fee (a subscription)


@dataclass(frozen=True)
class OtherRow:
    """A phase-1 project beyond the decision box, on one line."""

    rank: int
    name: Text
    owner: Text
    start: str
    cost: Text


@dataclass(frozen=True)
class BoardTexts:
    approve: Text | None
    rows: tuple[DecisionRow, ...]
    yearly_note: Text | None
    overloaded: tuple[Text, ...]
    others_title: Text
    others: tuple[OtherRow, ...]
    subsidy: Text
    order: Text | None
    priorities: Text | None
    bridge: Text | None
    national_kpi: Text | None
    national: Text | None  # the share and its plain reading
    radar_note: Text | None
    glossary: Text | None
    blocks: Text  # the tag of a project the next level needs: "升三级必须做"
    heads: tuple[Text, ...] = tuple(bilingual(k) for k in HEADS)


def fill(key: str, **params: object) -> Text:
    """A catalogue sentence in both languages, a bilingual parameter filled in its own language."""
    text = bilingual(key)

    def side(lang: Lang) -> str:
        values = {k: v.get(lang) if isinstance(v, Text) else v for k, v in params.items()}
        return text.get(lang).format(**values)

    return each_lang(side)


def each_lang(make: Callable[[Lang], str]) -> Text:
    return Text(**{lang: make(lang) for lang in LANGS})


def join(parts: Sequence[Text], zh: str = "；", en: str = "; ") -> Text:
    """Texts joined with each language's separator."""
    return each_lang(lambda lang: (zh if lang == "zh" else en).join(p.get(lang) for p in parts))


def level_word(n: int) -> Text:
    """How a board names a level: "三级" / "level 3"."""
    digit = _CN_DIGITS[n - 1] if 1 <= n <= 5 else str(n)
    return fill(
        "report.board.level_word", n=each_lang(lambda lang: digit if lang == "zh" else str(n))
    )


def board_texts(
    src: BoardSource, next_90: tuple[Step, ...], national: NationalFigures | None
) -> BoardTexts:
    plan = src.advice.plan
    phase1 = plan.phases[0].steps if plan.phases else ()
    rows = tuple(_decision_row(s) for s in next_90)
    return BoardTexts(
        approve=_approve(next_90, phase1),
        rows=rows,
        yearly_note=fill("report.board.yearly_note") if any(r.yearly for r in rows) else None,
        overloaded=_overloaded(src) if plan.estimated else (),  # else no owner is named
        others_title=fill("report.board.others", n=len(phase1) - len(next_90)),
        others=tuple(_other_row(s) for s in phase1[len(next_90) :]),
        subsidy=fill("report.board.subsidy"),
        order=_order(src),
        priorities=_priorities(src),
        bridge=_bridge(src),
        national_kpi=_national(national, "report.board.national_kpi") if national else None,
        national=_national_reading(national) if national else None,
        radar_note=_radar_note(src),
        glossary=_glossary(next_90),
        blocks=fill("report.board.blocks", level=level_word(plan.next_level or plan.target)),
    )


def _end(step: Step) -> Quarter:
    return step.start.plus(step.quarters - 1)


def _approve(next_90: tuple[Step, ...], phase1: tuple[Step, ...]) -> Text | None:
    if not next_90:
        return None
    return fill(
        "report.board.approve",
        count=len(next_90),
        spend=money_text(budget_of(next_90)),
        phase_count=len(phase1),
        phase_total=money_text(budget_of(phase1)),
    )


def _decision_row(step: Step) -> DecisionRow:
    """A project that ends within its first quarter (the 90 days) is done by day 90; a longer one
    has at least taken its first step, and says when it ends."""
    p = step.project
    if step.quarters == 1:
        due = fill("report.board.due_done")
    else:
        due = fill("report.board.due_first", step=step.first_step, end=str(_end(step)))
    # the project as fitted to this firm (extend, SaaS, size): name, step and cost as on its card
    basis = step.cost_basis
    yearly = step.recurring or "/年" in basis.zh or "/year" in basis.en
    return DecisionRow(step.rank, step.name, p.owner, due, figures(step.bounds), yearly)


def _other_row(step: Step) -> OtherRow:
    p = step.project
    return OtherRow(step.rank, step.name, p.owner, str(step.start), money_text(step.bounds))


def _ranks(ranks: Iterable[int]) -> Text:
    """Project numbers as each language lists them: "1、4、5" / "1, 4, 5"."""
    return join([Text.verbatim(str(r)) for r in ranks], "、", ", ")


def _overloaded(src: BoardSource) -> tuple[Text, ...]:
    """Roles that run more than MOST_AT_ONCE funded projects in one quarter of the first phase;
    light ones are counted as the schedule counts them (no slot), or the warning would contradict
    the roadmap's own owner rule."""
    plan = src.advice.plan
    if not plan.phases:
        return ()
    first, warned = plan.phases[0], set()
    warnings: list[Text] = []
    for offset in range(first.quarters):
        quarter = first.start.plus(offset)
        by_owner: dict[str, list[Step]] = {}
        for s in plan.steps:
            if s.start <= quarter <= _end(s) and not s.light:
                by_owner.setdefault(s.project.owner.zh, []).append(s)
        for owner, steps in by_owner.items():
            if len(steps) > MOST_AT_ONCE and owner not in warned:
                warned.add(owner)
                warnings.append(
                    fill(
                        "report.board.overloaded",
                        owner=steps[0].project.owner,
                        n=len(steps),
                        ranks=_ranks(s.rank for s in steps),
                        quarter=str(quarter),
                    )
                )
    return tuple(warnings)


def _order(src: BoardSource) -> Text | None:
    """Why the list runs in this order, and where the firm's own priorities come in."""
    plan = src.advice.plan
    if not plan.steps:
        return None
    order = fill("report.board.order", level=level_word(plan.next_level or plan.target))
    first_of = []
    for kpi in src.answers.priorities:
        step = next((s for s in plan.steps if any(k.kpi == kpi for k in s.project.kpis)), None)
        if step is not None:
            first_of.append(
                fill(
                    "report.board.priority_first",
                    kpi=KPI_NAMES[kpi],
                    rank=step.rank,
                    name=step.name,
                    start=str(step.start),
                )
            )
    if not first_of:
        return order
    firsts = fill("report.board.priority_firsts", list=join(first_of))
    return join([order, firsts], " ", " ")


def _priorities(src: BoardSource) -> Text | None:
    """The firm's stated priorities and its KPI baselines, as the answer file gives them."""
    parts = []
    if src.answers.priorities:
        names = join([KPI_NAMES[k] for k in src.answers.priorities], "、", ", ")
        parts.append(fill("report.board.priorities", names=names))
    if src.result.kpis:
        values = [_valued(bilingual(f"kpi.name.{b.kpi}"), b) for b in src.result.kpis]
        date = max(b.date for b in src.result.kpis).isoformat()
        parts.append(fill("report.board.baselines", values=join(values), date=date))
    return join(parts, "", " ") if parts else None


def _valued(name: Text, base: KpiBaseline) -> Text:
    """A KPI's name with its value, once per language: "OEE 58 %"."""
    return name.map(lambda n: f"{n} {base.value:g} {base.shown_unit}")


def _bridge(src: BoardSource) -> Text | None:
    """The level score read as a share: "三级要求目前完成约 34%，需达到 80% 才算三级"."""
    plan = src.advice.plan
    if plan.next_level is None:
        return None
    return fill(
        "report.board.bridge",
        level=level_word(plan.next_level),
        now=round(100 * plan.current),
        gate=round(100 * plan.gate),
    )


def _national(national: NationalFigures, key: str) -> Text:
    return fill(
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
    """The scale, the three weakest sub-domains and the strongest, with their scores."""
    scored = sorted(
        (s for s in src.result.subdomains if s.score is not None), key=lambda s: s.score or 0.0
    )
    if len(scored) < 4:
        return None

    def named(s: SubdomainResult) -> Text:
        return s.name.map(lambda name: f"{name} {s.score or 0.0:.1f}")

    return fill(
        "report.board.radar_note",
        weakest=join([named(s) for s in scored[:3]], "、", ", "),
        strongest=named(scored[-1]),
    )


def _glossary(steps: tuple[Step, ...]) -> Text | None:
    """The acronyms the 90-day cards use, each named once (in both languages the same list: the
    English texts spell out some of what the Chinese abbreviates)."""
    words = " ".join(
        f"{t.zh} {t.en}"
        for s in steps
        for t in (s.name, s.project.summary, s.first_step, s.cost_basis)
    )
    used = [a for a in ACRONYMS if re.search(rf"(?<![A-Za-z]){a}(?![A-Za-z])", words)]
    if not used:
        return None
    items = [fill("report.board.acronym", short=a, long=bilingual(ACRONYMS[a])) for a in used]
    return fill("report.board.glossary", items=join(items))


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
        fill("report.board.closes_count", n=n, rating=src.rating(key or None))
        for key, n in sorted(
            counts.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99
        )
    ]
    return fill(
        "report.board.closes_summary",
        counts=join(parts, "、", ", "),
        then=src.rating("full"),
        total=len(step.closing),
    )
