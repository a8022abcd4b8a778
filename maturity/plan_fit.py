"""Fitting a project to the firm (docs/recommendations.md, "Variants and firm size"): a firm
whose answers say it already runs most of what a project builds gets its ``extend`` variant,
whose first step lists what is still missing; a micro or small firm gets its ``saas`` variant;
and every other band is scaled by the firm's size. Library only, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from maturity.i18n import bilingual, each_lang, filled
from maturity.plan_roles import small_firm_roles
from maturity.schema.answers import AnswerFile, Organisation
from maturity.schema.base import LANGS, Effort, Lang, Text
from maturity.schema.projects import CostBand, Project, Variant
from maturity.schema.questionnaire import Requirement
from maturity.schema.recommendations import Recommendation
from maturity.schema.result import RequirementResult

# A firm runs a project's system when the requirements it closes up to the target average at
# least this value (none 0, partial 0.5, most 0.8, full 1) and one of them is "most" or better:
# two "most" and a "none" pass, "most" and "none" do not, all "partial" does not.
EXTEND_AT = 0.5
MOST = 0.8


class Size(StrEnum):
    micro = "micro"
    small = "small"
    medium = "medium"
    large = "large"


# The catalogue's bands are for a medium firm (300-999 staff); the factors follow what firms of
# each size pay for the same scope (fewer users, licences, sites and interfaces).
SCALE = {Size.micro: 0.3, Size.small: 0.4, Size.medium: 1.0, Size.large: 1.5}
SIZE_NAMES = {
    Size.micro: "plan.size.micro",
    Size.small: "plan.size.small",
    Size.medium: "plan.size.medium",
    Size.large: "plan.size.large",
}
# Staff thresholds of the official size classes for industry (fewer than 20, 300, 1000).
STAFF_BOUNDS = ((20, Size.micro), (300, Size.small), (1000, Size.medium))
BIG = (CostBand.from_50, CostBand.over_200)  # a project one requirement alone should not buy
SHOWN_OPEN = 2  # unmet items an extend step quotes; the rest are counted
WHOLE = 3  # requirements a project closes before one open among them is a gap, not a project
NOTE_CHARS = 60
STATEMENT_CHARS: dict[Lang, int] = dict(zip(LANGS, (40, 90), strict=True))  # zh, en


class Mode(StrEnum):
    rollout = "rollout"
    extend = "extend"
    saas = "saas"


def size_of(org: Organisation) -> tuple[Size, bool]:
    """The firm's size, and whether the answer file says it (else a medium firm is assumed)."""
    if org.size is not None:
        return Size(org.size), True
    if org.employees is None:
        return Size.medium, False
    return next((s for bound, s in STAFF_BOUNDS if org.employees < bound), Size.large), True


@dataclass(frozen=True)
class Fit:
    """How one project is run in this firm: its mode, the firm's size, what is still open."""

    mode: Mode = Mode.rollout
    size: Size = Size.medium
    open_items: Text | None = None  # extend: the unmet requirements and their notes, quoted
    sole: Text | None = None  # a big project for one requirement: which, and a cheaper way
    unnoted: bool = False  # no note mentions what the variant's first step starts from
    gap: Variant | None = None  # extend: the one open requirement of a whole otherwise in place

    def variant(self, project: Project) -> Variant | None:
        if self.gap is not None:
            return self.gap
        return {Mode.extend: project.extend, Mode.saas: project.saas}.get(self.mode)

    def band(self, project: Project) -> CostBand:
        variant = self.variant(project)
        return variant.cost if variant else project.cost

    @property
    def factor(self) -> float:
        """A SaaS band is already priced for a small firm: only the others are scaled."""
        return 1.0 if self.mode is Mode.saas else SCALE[self.size]

    def bounds(self, project: Project) -> tuple[int, int | None]:
        """The band in 万元 scaled to the firm's size (the open top band stays open)."""
        low, high = self.band(project).bounds
        return round(low * self.factor), None if high is None else round(high * self.factor)

    def first_step(self, project: Project) -> Text:
        variant = self.variant(project)
        step = variant.first_step if variant else project.first_step
        if variant and variant.unless_noted and self.unnoted:
            step = variant.unless_noted.first_step
        if self.open_items is None:
            return step
        return filled("plan.extend.step", step=step, open=self.open_items)


AS_CATALOGUED = Fit()  # the catalogue's project as it stands, for a medium firm


def fit_of(
    project: Project,
    rows: Mapping[str, RequirementResult],
    goal: int,
    size: Size,
    context: FitContext,
) -> Fit:
    """The mode of ``project`` for this firm and what its card says beyond the catalogue."""
    due = [rows[r] for r in project.closes if r in rows and rows[r].level <= goal]
    gap = _last_gap(project, due, context)
    if gap is not None:
        return Fit(Mode.extend, size, gap=gap)
    notes = [context.notes[r] for r in project.closes if r in context.notes]
    mode = _mode(project, due, size, notes)
    unmet = [r for r in due if r.value is not None and r.value < 1.0]
    items = _open_items(unmet, context) if mode is Mode.extend and unmet else None
    variant = {Mode.extend: project.extend, Mode.saas: project.saas}.get(mode)
    noted = variant is None or variant.unless_noted is None
    unnoted = not noted and not _mention(notes, variant.unless_noted.mentions)  # type: ignore[union-attr]
    fit = Fit(mode, size, items, unnoted=unnoted)
    # a project of several requirements, in the plan for one: a one-requirement project is sized
    # for it already
    if len(unmet) == 1 and len(project.closes) > 1 and fit.band(project) in BIG:
        return replace(fit, sole=_sole(unmet[0], context))
    return fit


def _mode(
    project: Project, due: Sequence[RequirementResult], size: Size, notes: Sequence[str]
) -> Mode:
    if _extends(project, due, notes):
        return Mode.extend
    if project.saas is not None and size in SMALL:
        return Mode.saas
    return Mode.rollout


# A note denies the system when one of these comes just before its name ("没有运输管理系统",
# "无 ERP", "尚未上 MES", "no TMS", "not yet an EAM"); a few characters may come between.
_DENIAL = r"(?:没有|尚未|未建|未上|未用|暂无|无|not yet|\bno\b|\bwithout\b)"
_GAP = r".{0,4}?"


def _extends(project: Project, due: Sequence[RequirementResult], notes: Sequence[str]) -> bool:
    """Extend only what the answers show running: the ratings say most of it is in place (a
    "most" or better, average at least ``EXTEND_AT``), no note denies the system, and a note
    names it or a requirement of level 2 or above is fully met (the second consultant reading
    found extensions of systems the notes said were missing)."""
    values = [r.value for r in due if r.value is not None]
    if project.extend is None or not values:
        return False
    runs = any(v >= MOST for v in values) and sum(values) / len(values) >= EXTEND_AT
    names = project.extend.system
    if not runs or any(_denied(n, names) for n in notes):
        return False
    return _mention(notes, names) or any(r.level >= 2 and r.value == 1.0 for r in due)


def _last_gap(
    project: Project, due: Sequence[RequirementResult], context: FitContext
) -> Variant | None:
    """A project whose data prices its last gap (``last_gap``: configuration or one interface on
    systems in place), of at least ``WHOLE`` requirements all but one fully met: the whole is in
    place ("ERP-MES-WMS fully integrated, audited by the customer"), so the card is that one gap,
    in that band, not the project's roll-out."""
    unmet = [r for r in due if r.value is not None and r.value < 1.0]
    if project.last_gap is None or len(due) < WHOLE or len(unmet) != 1:
        return None
    item = _item(unmet[0].id, context)
    item = each_lang(lambda lang: item.get(lang).rstrip("。."))  # the step adds its own stop
    return Variant(
        name=filled("plan.gap.name", name=project.name, item=item),
        first_step=filled("plan.gap.step", owner=project.owner, item=item),
        cost=project.last_gap,
        months=(1, 3),
        cost_basis=bilingual("plan.gap.basis"),
    )


def _denied(note: str, names: Sequence[str]) -> bool:
    return any(re.search(_DENIAL + _GAP + re.escape(name), note, re.IGNORECASE) for name in names)


def _mention(notes: Sequence[str], words: Sequence[str]) -> bool:
    return any(w.casefold() in n.casefold() for n in notes for w in words)


@dataclass(frozen=True)
class FitContext:
    """What the cards quote: requirement statements, the answers' notes, the advice."""

    requirements: Mapping[str, Requirement]
    notes: Mapping[str, str]
    advice: Mapping[str, Recommendation]


def notes_of(answers: AnswerFile) -> dict[str, str]:
    """The answers' notes by requirement id (what an extend step quotes)."""
    return {k: v.note for k, v in answers.answers.items() if v is not None and v.note}


def _open_items(unmet: Sequence[RequirementResult], context: FitContext) -> Text:
    """The first unmet requirements, least met first, each with its note; then how many more."""
    ranked = sorted(unmet, key=lambda r: (r.value or 0.0, r.level, r.id))
    shown = [_item(r.id, context) for r in ranked[:SHOWN_OPEN]]
    sep = bilingual("plan.extend.sep")
    items = each_lang(lambda lang: sep.get(lang).join(t.get(lang) for t in shown))
    out = filled("plan.extend.open", items=items)
    more = len(ranked) - len(shown)
    return filled("plan.extend.more", open=out, count=more) if more else out


def _item(req_id: str, context: FitContext) -> Text:
    """The firm's own note on an unmet requirement, quoted (it says what is done and what is not);
    without one, the requirement's statement, shortened. The card lists the statements in full."""
    note = context.notes.get(req_id)
    if note:
        return filled("plan.extend.note", note=_short(note, NOTE_CHARS), id=req_id)
    req = context.requirements.get(req_id)
    statement = req.statement if req else Text.verbatim(req_id)
    short = each_lang(lambda lang: _short(statement.get(lang), STATEMENT_CHARS[lang]))
    return filled("plan.extend.statement", statement=short, id=req_id)


def _sole(row: RequirementResult, context: FitContext) -> Text:
    """Which requirement alone brings a big project in, and the advice's cheaper way if it has
    one (advice of low or medium effort; high effort is the project itself)."""
    req = context.requirements.get(row.id)
    statement = req.statement if req else Text.verbatim(row.id)
    out = filled("plan.sole", id=row.id, statement=statement)
    advice = context.advice.get(row.id)
    if advice is None or advice.effort is Effort.high:
        return out
    return filled("plan.sole.cheaper", sole=out, action=advice.action)


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]+")


def _short(text: str, limit: int) -> str:
    """One line without control or direction characters, cut at ``limit`` characters with an
    ellipsis: a note is quoted as the firm's words, never laid out or obeyed."""
    flat = " ".join(_CONTROL.sub(" ", text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


SMALL = (Size.micro, Size.small)  # firms whose owners are merged into a few roles


def size_note(size: Size, known: bool) -> Text:
    """What the printed costs assume: the size and its factor (or that the size is unknown);
    for a micro or small firm, that the owners were merged into the roles it has."""
    if not known:
        return bilingual("plan.size_unknown")
    if SCALE[size] == 1.0:  # "x1" tells the reader nothing
        note = bilingual("plan.scaled_medium")
    else:
        note = filled("plan.scaled", size=bilingual(SIZE_NAMES[size]), factor=f"{SCALE[size]:g}")
    if size not in SMALL:
        return note
    merged = filled("plan.roles_merged", roles=small_firm_roles())
    return each_lang(
        lambda lang: f"{note.get(lang)}{'' if lang == 'zh' else ' '}{merged.get(lang)}"
    )
