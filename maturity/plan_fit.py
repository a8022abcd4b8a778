"""Fitting a project to the firm (docs/recommendations.md, "Variants and firm size"): a firm
whose answers say it already runs most of what a project builds gets its ``extend`` variant,
whose first step lists what is still missing; a micro or small firm gets its ``saas`` variant;
and every other band is scaled by the firm's size. Library only, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from maturity.i18n import bilingual
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

    def variant(self, project: Project) -> Variant | None:
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
    mode = _mode(project, due, size)
    unmet = [r for r in due if r.value is not None and r.value < 1.0]
    items = _open_items(unmet, context) if mode is Mode.extend and unmet else None
    fit = Fit(mode, size, items)
    # a project of several requirements, in the plan for one: a one-requirement project is sized
    # for it already
    if len(unmet) == 1 and len(project.closes) > 1 and fit.band(project) in BIG:
        return Fit(mode, size, items, _sole(unmet[0], context))
    return fit


def _mode(project: Project, due: Sequence[RequirementResult], size: Size) -> Mode:
    values = [r.value for r in due if r.value is not None]
    runs = any(v >= MOST for v in values)  # some of it is in place, not all of it half-done
    if project.extend is not None and runs and sum(values) / len(values) >= EXTEND_AT:
        return Mode.extend
    if project.saas is not None and size in (Size.micro, Size.small):
        return Mode.saas
    return Mode.rollout


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
    items = _per_lang(lambda lang: sep.get(lang).join(t.get(lang) for t in shown))
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
    short = _per_lang(lambda lang: _short(statement.get(lang), STATEMENT_CHARS[lang]))
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


def size_note(size: Size, known: bool) -> Text:
    """What the printed costs assume: the size and its factor (or that the size is unknown)."""
    if not known:
        return bilingual("plan.size_unknown")
    key = "plan.scaled" if SCALE[size] != 1 else "plan.scaled_reference"
    return filled(key, size=bilingual(SIZE_NAMES[size]), factor=f"{SCALE[size]:g}")


def filled(key: str, **params: Text | str | int) -> Text:
    """A catalogue message in both languages, each filled with the parameters in its language
    (a :class:`Text` parameter gives its own language; others go in as they are)."""
    template = bilingual(key)
    return _per_lang(
        lambda lang: template.get(lang).format(
            **{k: v.get(lang) if isinstance(v, Text) else v for k, v in params.items()}
        )
    )


def _per_lang(text_in: Callable[[Lang], str]) -> Text:
    return Text(**{lang: text_in(lang) for lang in LANGS})
