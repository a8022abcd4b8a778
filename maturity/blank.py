"""A blank answer file: every applicable requirement with its question as comments."""

from __future__ import annotations

import datetime as dt
import textwrap

from maturity.i18n import MESSAGES, Lang, msg
from maturity.labels import PROFILE_NAMES
from maturity.questionnaire import Questionnaire
from maturity.respondents import Part
from maturity.schema.answers import ANSWERS_FORMAT
from maturity.schema.base import DEFAULT_PROFILE, EnterpriseType, Profile, Regulated

# Placeholder values of the template, (zh, en); answers.check_against warns when one is left in.
PLACEHOLDERS: dict[tuple[str, ...], tuple[str, str]] = {
    ("organisation", "name"): MESSAGES["blank.placeholder.name"],
    ("organisation", "industry"): MESSAGES["blank.placeholder.industry"],
    ("organisation", "region"): MESSAGES["blank.placeholder.region"],
    ("assessment", "assessor", "name"): MESSAGES["blank.placeholder.assessor"],
}


def _placeholder(loc: tuple[str, ...], lang: Lang) -> str:
    zh, en = PLACEHOLDERS[loc]
    return _quote(zh if lang == "zh" else en)


def _comment(text: str, indent: str = "", width: int = 96) -> list[str]:
    return [
        f"{indent}# {line}" for line in textwrap.wrap(text, width=width, break_long_words=True)
    ] or [f"{indent}#"]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def blank_answers(
    questionnaire: Questionnaire,
    lang: Lang,
    kind: EnterpriseType,
    today: dt.date | None = None,
    profile: Profile | None = None,
    part: Part | None = None,
) -> str:
    """YAML text of an answer file with every item applicable to ``profile`` (default: the
    type's) left blank (blank = unanswered), evidence examples worded for that profile; only the
    sub-domains of ``part`` when given (one respondent's file)."""
    profile = profile or DEFAULT_PROFILE[kind]
    subs = set(part.subdomains) if part else {s.id for s in questionnaire.subdomains}
    out = _intro(questionnaire, lang, profile)
    out += _profile(questionnaire, lang, kind, profile, today or dt.date.today())
    out += _respondent(part, lang)
    out.append("answers:")
    out += _quick_questions(questionnaire, lang, subs)
    out += _requirements(questionnaire, lang, profile, subs)
    return "\n".join(out) + "\n"


def _intro(questionnaire: Questionnaire, lang: Lang, profile: Profile) -> list[str]:
    """The comment block on top: what to write after each id, with examples."""
    scale = " | ".join(f"{o.key} = {o.label.get(lang)}" for o in questionnaire.scale_options)
    if questionnaire.quick:
        scale = msg("blank.scale_quick", lang)
    else:
        scale += msg("blank.scale_na", lang)
    out = _comment(msg("blank.title", lang, name=questionnaire.header.name.get(lang)))
    out += _comment(msg("blank.intro", lang, type=PROFILE_NAMES[profile].get(lang), scale=scale))
    if questionnaire.quick:
        out.append("#   strategy: 2")
    else:
        out += [
            "#   xxx.2.01: most",
            f"#   xxx.2.02: {{rating: na, reason: {msg('blank.example_reason', lang)}}}",
            f"#   xxx.3.01: {{rating: partial, note: {msg('blank.example_note', lang)}, "
            f"evidence: [{msg('blank.example_evidence', lang)}]}}",
        ]
    return [*out, msg("blank.unanswered", lang)]


def _profile(
    questionnaire: Questionnaire, lang: Lang, kind: EnterpriseType, profile: Profile, today: dt.date
) -> list[str]:
    header = questionnaire.header
    return [
        "",
        f"format: {ANSWERS_FORMAT}",
        "questionnaire:",
        f"  id: {header.id}",
        f'  version: "{header.version}"',
        "organisation:",
        f"  name: {_placeholder(('organisation', 'name'), lang)}",
        f"  type: {kind.value}  # discrete | process",
        f"  profile: {profile.value}  # discrete | continuous | batch | mixed",
        f"  industry: {_placeholder(('organisation', 'industry'), lang)}",
        f"  region: {_placeholder(('organisation', 'region'), lang)}",
        "  size: medium  # micro | small | medium | large",
        *_comment(msg("blank.regulated_as", lang), "  "),
        *(f"  #   {r.value}: {msg(f'regulated.{r.value}', lang)}" for r in Regulated),
        "  # regulated_as: []",
        "  # not_regulated_as: []",
        "assessment:",
        f"  date: {today.isoformat()}",
        "  target_level: 3  # 1-5",
        "  mode: self  # self | consultant | third_party",
        "  assessor:",
        f"    name: {_placeholder(('assessment', 'assessor', 'name'), lang)}",
        *_comment(msg("blank.consent", lang), "  "),
        "  # consent: {bureau: true, date: YYYY-MM-DD, by: ...}",
        msg("blank.priorities", lang),
        "# efficiency | quality | cost | delivery | energy | safety | flexibility",
        "priorities: [quality, delivery]",
    ]


def _respondent(part: Part | None, lang: Lang) -> list[str]:
    """Who fills in this part and which sub-domains it covers (``template --for``)."""
    if part is None:
        return []
    several = len(part.roles) > 1  # one person has one role: they write theirs
    return [
        *_comment(msg("blank.respondent", lang)),
        *(_comment(msg("blank.respondent_roles", lang, roles=part.role)) if several else []),
        "respondent:",
        "  name:",
        f"  role: {_quote(part.role)}" if part.role and not several else "  role:",
        f"part: [{', '.join(part.subdomains)}]",
    ]


def _quick_questions(questionnaire: Questionnaire, lang: Lang, subs: set[str]) -> list[str]:
    """A quick scan's questions, each with its six descriptions as comments."""
    out: list[str] = []
    for question in questionnaire.questions:
        if questionnaire.subdomain_of[question.id] not in subs:
            continue
        out.append("")
        subdomain = questionnaire.subdomain(questionnaire.subdomain_of[question.id]).name.get(lang)
        out += _comment(f"{subdomain}: {question.question.get(lang)}", "  ")
        out += [
            line
            for d in question.descriptors
            for line in _comment(f"  {d.level} = {d.text.get(lang)}", "  ")
        ]
        out.append(f"  {question.id}:")
    return out


def _requirements(
    questionnaire: Questionnaire, lang: Lang, profile: Profile, subs: set[str]
) -> list[str]:
    """The applicable requirements by sub-domain, each with its question and evidence as
    comments."""
    out: list[str] = []
    applicable = {r.id for r in questionnaire.applicable(profile)}
    for sub in questionnaire.subdomains:
        if sub.id not in subs:
            continue
        reqs = [
            r
            for r in questionnaire.requirements
            if questionnaire.subdomain_of[r.id] == sub.id and r.id in applicable
        ]
        if not reqs:
            continue
        out.append("")
        out.append(f"  # ===== {sub.name.get(lang)} ({sub.id}) =====")
        for req in reqs:
            level = questionnaire.header.levels[req.level - 1].name.get(lang)
            out += _comment(f"[{level}] {req.question.get(lang)}", "  ")
            evidence = msg("common.list_sep", lang).join(
                e.get(lang) for e in req.evidence_for(profile)
            )
            out += _comment(msg("blank.evidence", lang, evidence=evidence), "  ")
            out.append(f"  {req.id}:")
    return out
