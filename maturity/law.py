"""Which projects and legal duties suit a firm (docs/recommendations.md, "Legal duties").

A conditional duty (``statutory_if``) binds a firm known to be regulated as its condition: declared
in ``organisation.regulated_as``, or derived here when that is safe. One the firm is known not to
be is left out; one nobody stated is cited "where applicable", naming the condition, and does not
rank the project as a legal duty. Library only, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from maturity.i18n import bilingual, msg
from maturity.schema.answers import Organisation
from maturity.schema.base import LANGS, Profile, Regulated, Text
from maturity.schema.projects import Project, Suits, Variant

# Staff of a discrete firm that cannot burn 10,000 tce a year (the key-energy-user threshold, and
# about the carbon market's 26,000 t CO2): that would be some 80 GWh of power for under 100 people.
SMALL_DISCRETE = 100


# What a discrete firm (parts, assembly) is not: food and drugs are process industries, ammonia
# refrigeration serves food cold chains, and the carbon market covers power, cement, steel and
# aluminium smelting, none of them discrete manufacturing.
DISCRETE_NEVER = (
    Regulated.food,
    Regulated.drugs,
    Regulated.ammonia_refrigeration,
    Regulated.carbon_market,
)


# What the industry text (organisation.industry) tells: a keyword names a sector that brings
# the condition; the excluded words are look-alikes outside it (a pesticide or veterinary drug
# maker is not under the Drug Administration Law, latex is not dairy). A ``named_only`` sector is
# known only when named: a firm may run it beside its main trade without saying so.
@dataclass(frozen=True)
class Sector:
    keywords: tuple[str, ...]
    excluded: tuple[str, ...] = ()
    named_only: bool = False  # no keyword does not mean "not regulated as"


SECTORS: dict[Regulated, Sector] = {
    Regulated.drugs: Sector(
        ("药",), ("农药", "兽药", "医药中间体", "药用包装", "制药机械", "制药设备")
    ),
    Regulated.food: Sector(
        ("食品", "乳", "饮料", "肉", "酒", "粮", "食用油", "调味", "糖果", "烘焙", "罐头", "茶叶"),
        ("食品机械", "食品包装", "乳胶", "乳化剂", "酒精"),
    ),
    # the national carbon market: power, cement clinker, steel, aluminium smelting (2025)
    Regulated.carbon_market: Sector(
        ("水泥", "熟料", "钢铁", "炼钢", "炼铁", "电解铝", "发电", "电厂", "热电"), ("水泥制品",)
    ),
    Regulated.electroplating: Sector(("电镀", "阳极氧化", "镀锌", "镀铬"), named_only=True),
}

# Profiles whose plants may keep a captive power plant or boiler big enough for the carbon
# market without naming it in the industry: there an industry without a keyword proves nothing.
CAPTIVE_POWER = (Profile.continuous,)


def from_industry(industry: str | None, profile: Profile) -> dict[Regulated, bool]:
    """The conditions the industry text settles: named ones bind, others are known not to."""
    if not industry or not industry.strip():
        return {}
    known: dict[Regulated, bool] = {}
    for condition, sector in SECTORS.items():
        text = industry
        for word in sector.excluded:
            text = text.replace(word, "")
        if any(k in text for k in sector.keywords):
            known[condition] = True
        elif not sector.named_only and not (
            condition is Regulated.carbon_market and profile in CAPTIVE_POWER
        ):
            known[condition] = False
    return known


# The answers' notes may state a designation in the firm's own words ("属重点用能单位"). A phrase
# counts when a cue word just before it in the same clause states it ("属", "构成", "列入" ...), and
# as "not regulated" when a negation does ("不属于", "未构成", "无"); a doubt ("是否", "待", "拟")
# or no cue says nothing.
NOTED: dict[Regulated, str] = {
    Regulated.key_energy_user: "重点用能单位",
    Regulated.key_discharger: "重点排污单位",
    Regulated.major_hazard: "重大危险源",
}
_CUES = ("属", "是", "为", "构成", "列入", "列为", "纳入", "有", "涉及")
_NOT_CUES = ("有关",)  # "有关重大危险源的制度" states nothing
_DOUBTS = ("是否", "待", "拟", "可能")
_NEGATIONS = ("不", "非", "未", "无", "没")
_CLAUSE = re.compile(r"[，。；;,.!！?？\n]")
_LOOKBACK = 8  # characters before the phrase that may hold its cue


def from_notes(notes: Iterable[str]) -> dict[Regulated, bool]:
    """The designations the notes state; one stated both ways stays unknown."""
    seen: dict[Regulated, set[bool]] = {}
    for note in notes:
        for clause in _CLAUSE.split(note):
            for condition, phrase in NOTED.items():
                state = _stated(clause, phrase)
                if state is not None:
                    seen.setdefault(condition, set()).add(state)
    return {c: states.pop() for c, states in seen.items() if len(states) == 1}


def _stated(clause: str, phrase: str) -> bool | None:
    at = clause.find(phrase)
    if at < 0:
        return None
    before = clause[max(0, at - _LOOKBACK) : at]
    for word in _NOT_CUES:
        before = before.replace(word, "")
    if any(d in before for d in _DOUBTS):
        return None
    if any(n in before for n in _NEGATIONS):
        return False
    return True if any(c in before for c in _CUES) else None


def regulation(org: Organisation, notes: Iterable[str] = ()) -> dict[Regulated, bool]:
    """What the firm is (True) or is not (False) regulated as; unknown conditions are absent.
    Declared first, then what the answers' notes state, what the industry text names, and what
    follows safely from size, profile and the declarations."""
    known = dict.fromkeys(org.not_regulated_as or (), False)
    known.update(dict.fromkeys(org.regulated_as or (), True))
    for condition, state in from_notes(notes).items():
        known.setdefault(condition, state)
    for condition, state in from_industry(org.industry, org.effective_profile).items():
        known.setdefault(condition, state)
    small = org.size == "micro" or (
        org.effective_profile is Profile.discrete
        and org.employees is not None
        and org.employees < SMALL_DISCRETE
    )
    if small:
        known.setdefault(Regulated.key_energy_user, False)
        known.setdefault(Regulated.carbon_market, False)
    if org.effective_profile is Profile.discrete:
        for never in DISCRETE_NEVER:
            known.setdefault(never, False)
    if org.size in ("medium", "large") or (org.employees or 0) >= SMALL_DISCRETE:
        # a firm this size runs ERP and other business systems that grade at MLPS level 2 or
        # above, which must be filed; a small one may run none (its basic protections still bind)
        known.setdefault(Regulated.mlps_filing, True)
    if known.get(Regulated.electroplating):
        # electroplating lines hold a discharge permit under key management
        known.setdefault(Regulated.key_discharger, True)
    return known


@dataclass(frozen=True)
class FirmFacts:
    """What decides which projects, wordings and duties suit a firm."""

    profile: Profile
    tailored: frozenset[str]  # sub-domains tailored out of the assessment
    regulated: Mapping[Regulated, bool]


def fits(fit: Suits, firm: FirmFacts) -> bool:
    return (
        (not fit.profiles or firm.profile in fit.profiles)
        and set(fit.tailored) <= firm.tailored
        and not set(fit.untailored) & firm.tailored
        and all(firm.regulated.get(r) is True for r in fit.regulated_as)
    )


def worded_for(project: Project, firm: FirmFacts) -> Project:
    """The project with the first step worded for this firm, when one is: the project's own, its
    extend variant's when the wording has one, and a note added to every cost basis."""
    wording = next((w for w in project.first_step_for if fits(w, firm)), None)
    if wording is None:
        return project
    update: dict[str, object] = {"first_step": wording.first_step}
    if project.extend is not None:
        update["extend"] = _reworded(project.extend, wording.extend_first_step, wording.cost_note)
    if project.saas is not None:
        update["saas"] = _reworded(project.saas, None, wording.cost_note)
    if wording.cost_note is not None:
        update["cost_basis"] = _noted(project.cost_basis, wording.cost_note)
    return project.model_copy(update=update)


def _reworded(variant: Variant, first_step: Text | None, cost_note: Text | None) -> Variant:
    update: dict[str, object] = {}
    if first_step is not None:
        update["first_step"] = first_step
    if cost_note is not None:
        update["cost_basis"] = _noted(variant.cost_basis, cost_note)
    return variant.model_copy(update=update)


def _noted(basis: Text, note: Text) -> Text:
    return Text(**{lang: f"{basis.get(lang)}{msg('law.cost_note_sep', lang)}{note.get(lang)}"
                   for lang in LANGS})  # fmt: skip


@dataclass(frozen=True)
class Duties:
    """The project's legal duties for this firm: those that bind, and those that may."""

    bound: tuple[Text, ...] = ()
    possible: tuple[Text, ...] = ()
    helps: tuple[Text, ...] = ()  # binding laws it helps meet, whose minimum asks for less

    @property
    def text(self) -> Text | None:
        parts = (*self.bound, *self.helps, *self.possible)
        if not parts:
            return None
        return Text(**{lang: msg("common.list_sep", lang).join(p.get(lang) for p in parts)
                       for lang in LANGS})  # fmt: skip


def duties(project: Project, unmet: Collection[str], firm: FirmFacts) -> Duties:
    """The project's duties that cover a requirement still unmet (a project in the plan for its
    other requirements is not thereby a legal duty)."""
    default = set(project.statutory_covers or project.closes)
    bound: list[Text] = []
    profile_ok = not project.statutory_for or firm.profile in project.statutory_for
    if project.statutory is not None and default & set(unmet) and profile_ok:
        bound.append(project.statutory)
    possible: list[Text] = []
    helps: list[Text] = []
    for citation in project.statutory_if:
        if not set(citation.covers or default) & set(unmet):
            continue
        state = True if citation.when is None else firm.regulated.get(citation.when)
        if state is None:
            possible.append(_cited("plan.where_applicable", citation.when, citation.law))
        elif state:
            key = "plan.duty_because" if citation.ranks else "law.helps_meet"
            (bound if citation.ranks else helps).append(_cited(key, citation.when, citation.law))
    return Duties(tuple(bound), tuple(possible), tuple(helps))


def _cited(key: str, condition: Regulated | None, law: Text) -> Text:
    if condition is None:  # binds every firm: no condition to name
        if key == "plan.duty_because":
            return law
        key = "law.helps_meet_any"
    name = condition_name(condition) if condition else None
    parts = {lang: msg(key, lang, condition=name.get(lang) if name else "", law=law.get(lang))
             for lang in LANGS}  # fmt: skip
    return Text(**parts)


def condition_name(condition: Regulated) -> Text:
    return bilingual(f"regulated.{condition.value}")
