"""What an answer workbook looks like: sheet and column names, profile fields, size limit.

Shared by the writer (``maturity template --format xlsx``) and the reader (``score``, ``validate``
and ``report`` on a filled workbook); imports nothing heavy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from maturity.i18n import MESSAGES

MAX_BYTES = 20 * 1024 * 1024  # a filled workbook is ~100 KB; anything this big is the wrong file

SheetKey = Literal["guide", "profile", "answers"]
SHEET_NAMES: dict[SheetKey, tuple[str, str]] = {
    "guide": MESSAGES["excel.sheet.guide"],
    "profile": MESSAGES["excel.sheet.profile"],
    "answers": MESSAGES["excel.sheet.answers"],
}

# column key -> header (zh, en); the key itself is accepted as a header too
COLUMN_NAMES: dict[str, tuple[str, str]] = {
    "id": MESSAGES["excel.column.id"],
    "subdomain": MESSAGES["excel.column.subdomain"],
    "level": MESSAGES["excel.column.level"],
    "question": MESSAGES["excel.column.question"],
    "examples": MESSAGES["excel.column.examples"],
    "descriptors": MESSAGES["excel.column.descriptors"],
    "rating": MESSAGES["excel.column.rating"],
    "choice": MESSAGES["excel.column.choice"],
    "reason": MESSAGES["excel.column.reason"],
    "note": MESSAGES["excel.column.note"],
    "evidence": MESSAGES["excel.column.evidence"],
}

PROFILE_VALUE_COLUMN = "B"

FieldKind = Literal["text", "date", "int", "list"]


@dataclass(frozen=True)
class ProfileField:
    key: str  # dotted path into the answer file
    label: tuple[str, str]
    kind: FieldKind = "text"
    hidden: bool = False


PROFILE_FIELDS: tuple[ProfileField, ...] = (
    ProfileField("organisation.name", MESSAGES["excel.field.name"]),
    ProfileField("organisation.type", MESSAGES["excel.field.type"]),
    ProfileField("organisation.profile", MESSAGES["excel.field.profile"]),
    ProfileField("organisation.industry", MESSAGES["excel.field.industry"]),
    ProfileField("organisation.region", MESSAGES["excel.field.region"]),
    ProfileField("organisation.size", MESSAGES["excel.field.size"]),
    ProfileField("organisation.employees", MESSAGES["excel.field.employees"], "int"),
    ProfileField("assessment.date", MESSAGES["excel.field.date"], "date"),
    ProfileField("assessment.target_level", MESSAGES["excel.field.target_level"], "int"),
    ProfileField("assessment.mode", MESSAGES["excel.field.mode"]),
    ProfileField("assessment.assessor.name", MESSAGES["excel.field.assessor_name"]),
    ProfileField("assessment.assessor.organisation", MESSAGES["excel.field.assessor_organisation"]),
    ProfileField(
        "assessment.assessor.accreditation", MESSAGES["excel.field.assessor_accreditation"]
    ),
    ProfileField("priorities", MESSAGES["excel.field.priorities"], "list"),
    ProfileField("format", MESSAGES["excel.field.format"], hidden=True),
    ProfileField("questionnaire.id", MESSAGES["excel.field.questionnaire_id"], hidden=True),
    ProfileField(
        "questionnaire.version", MESSAGES["excel.field.questionnaire_version"], hidden=True
    ),
)
# one respondent's part of a multi-respondent assessment (template --for): only in such workbooks
RESPONDENT_FIELDS: tuple[ProfileField, ...] = (
    ProfileField("respondent.name", MESSAGES["excel.field.respondent_name"]),
    ProfileField("respondent.role", MESSAGES["excel.field.respondent_role"]),
    ProfileField("part", MESSAGES["excel.field.part"], "list", hidden=True),
)
FIELD_KINDS: dict[str, FieldKind] = {f.key: f.kind for f in (*PROFILE_FIELDS, *RESPONDENT_FIELDS)}
