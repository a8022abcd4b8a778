"""Which projects and legal duties suit a firm (docs/recommendations.md, "Legal duties").

A conditional duty (``statutory_if``) binds a firm known to be regulated as its condition: declared
in ``organisation.regulated_as``, or derived here when that is safe. One the firm is known not to
be is left out; one nobody stated is cited "where applicable", naming the condition, and does not
rank the project as a legal duty. Library only, no I/O.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

from maturity.i18n import bilingual, msg
from maturity.schema.answers import Organisation
from maturity.schema.base import LANGS, Profile, Regulated, Text
from maturity.schema.projects import Project, Suits

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


def regulation(org: Organisation) -> dict[Regulated, bool]:
    """What the firm is (True) or is not (False) regulated as; unknown conditions are absent.
    Declared first, then what follows safely from size, profile and the declarations."""
    known = dict.fromkeys(org.not_regulated_as or (), False)
    known.update(dict.fromkeys(org.regulated_as or (), True))
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
    """The project with the first step worded for this firm, when one is."""
    wording = next((w for w in project.first_step_for if fits(w, firm)), None)
    return project.model_copy(update={"first_step": wording.first_step}) if wording else project


@dataclass(frozen=True)
class Duties:
    """The project's legal duties for this firm: those that bind, and those that may."""

    bound: tuple[Text, ...] = ()
    possible: tuple[Text, ...] = ()

    @property
    def text(self) -> Text | None:
        parts = (*self.bound, *self.possible)
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
    for citation in project.statutory_if:
        if not set(citation.covers or default) & set(unmet):
            continue
        state = firm.regulated.get(citation.when)
        if state is not None:
            bound += [_cited("plan.duty_because", citation.when, citation.law)] if state else []
        else:
            possible.append(_cited("plan.where_applicable", citation.when, citation.law))
    return Duties(tuple(bound), tuple(possible))


def _cited(key: str, condition: Regulated, law: Text) -> Text:
    name = condition_name(condition)
    parts = {lang: msg(key, lang, condition=name.get(lang), law=law.get(lang)) for lang in LANGS}
    return Text(**parts)


def condition_name(condition: Regulated) -> Text:
    return bilingual(f"regulated.{condition.value}")
