"""Multi-respondent assessments: the part of a questionnaire one respondent answers.

``template --for production,quality`` (roles) or ``--for strategy,data`` (sub-domain ids) writes a
blank file with only those sub-domains. Roles are data beside the questionnaire
(``<questionnaire>/respondents.yaml``: role id -> bilingual name -> sub-domain ids), so a content
writer can change the split without touching code; a questionnaire without that file still takes
sub-domain ids.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from pydantic import Field

from maturity.errors import InputError, Problem, QuestionnaireError
from maturity.questionnaire import Questionnaire, _load_doc, _validate
from maturity.schema.base import Frozen, Text

ROLES_FILE = "respondents.yaml"


class Role(Frozen):
    name: Text
    subdomains: tuple[str, ...] = Field(min_length=1)


class RolesFile(Frozen):
    roles: dict[str, Role]


@dataclass(frozen=True)
class Part:
    """What one respondent's file covers: the roles asked for (if any) and the sub-domains."""

    roles: tuple[str, ...]
    subdomains: tuple[str, ...]  # in questionnaire order

    @property
    def role(self) -> str | None:
        return ",".join(self.roles) or None


def load_roles(questionnaire: Questionnaire) -> Mapping[str, Role]:
    """The questionnaire's named roles (none when it has no respondents.yaml), checked against its
    sub-domains."""
    path = questionnaire.path / ROLES_FILE
    if not path.is_file():
        return {}
    problems: list[Problem] = []
    doc = _load_doc(path, questionnaire.path, problems)
    content = _validate(doc, RolesFile, problems) if doc else None
    if content is None or doc is None:
        raise QuestionnaireError(problems)
    known = {s.id for s in questionnaire.subdomains}
    problems = [
        doc.problem("respondents.unknown_subdomain", ("roles", role_id, "subdomains", n), id=sub)
        for role_id, role in content.roles.items()
        for n, sub in enumerate(role.subdomains)
        if sub not in known
    ]
    if problems:
        raise QuestionnaireError(problems)
    return content.roles


def resolve_part(questionnaire: Questionnaire, spec: str) -> Part:
    """``production,quality`` or ``strategy,data`` (or both kinds mixed) as a :class:`Part`."""
    roles = load_roles(questionnaire)
    known = [s.id for s in questionnaire.subdomains]
    asked = [word.strip() for word in spec.split(",") if word.strip()]
    unknown = [w for w in asked if w not in roles and w not in known]
    if unknown or not asked:
        raise InputError(
            [
                Problem(
                    "respondents.unknown_part",
                    {
                        "given": ", ".join(unknown) or spec,
                        "roles": ", ".join(roles) or "-",
                        "subdomains": ", ".join(known),
                    },
                )
            ]
        )
    chosen = {s for w in asked for s in (roles[w].subdomains if w in roles else (w,))}
    return Part(tuple(w for w in asked if w in roles), tuple(s for s in known if s in chosen))
