"""What an answer workbook looks like: sheet and column names, profile fields, size limit.

Shared by the writer (``maturity template --format xlsx``) and the reader (``score``, ``validate``
and ``report`` on a filled workbook); imports nothing heavy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

MAX_BYTES = 20 * 1024 * 1024  # a filled workbook is ~100 KB; anything this big is the wrong file

SheetKey = Literal["guide", "profile", "answers"]
SHEET_NAMES: dict[SheetKey, tuple[str, str]] = {
    "guide": ("填写说明", "Guide"),
    "profile": ("基本信息", "Profile"),
    "answers": ("答卷", "Answers"),
}

# column key -> header (zh, en); the key itself is accepted as a header too
COLUMN_NAMES: dict[str, tuple[str, str]] = {
    "id": ("编号", "ID"),
    "subdomain": ("能力子域", "Sub-domain"),
    "level": ("等级", "Level"),
    "question": ("问题", "Question"),
    "examples": ("证据示例", "Evidence examples"),
    "descriptors": ("可选描述（0-5）", "Descriptions (0-5)"),
    "rating": ("评分", "Rating"),
    "choice": ("选择（0-5）", "Choice (0-5)"),
    "reason": ("不适用原因", "Reason (for N/A)"),
    "note": ("备注", "Note"),
    "evidence": ("证据（多个用 ; 分隔）", "Evidence (separate with ;)"),
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
    ProfileField("organisation.name", ("企业名称 *", "Company name *")),
    ProfileField("organisation.type", ("企业类型 *", "Enterprise type *")),
    ProfileField("organisation.industry", ("所属行业", "Industry")),
    ProfileField("organisation.region", ("所在地区", "Region")),
    ProfileField("organisation.size", ("企业规模", "Company size")),
    ProfileField("organisation.employees", ("员工人数", "Employees"), "int"),
    ProfileField("assessment.date", ("评估日期 *", "Assessment date *"), "date"),
    ProfileField("assessment.target_level", ("目标等级", "Target level"), "int"),
    ProfileField("assessment.mode", ("评估方式", "Assessment mode")),
    ProfileField("assessment.assessor.name", ("填写人 / 评估人姓名", "Assessor name")),
    ProfileField("assessment.assessor.organisation", ("评估人所在单位", "Assessor's organisation")),
    ProfileField("assessment.assessor.accreditation", ("评估人资质证书编号", "Assessor accreditation no.")),
    ProfileField("priorities", ("最看重的改进目标", "Priorities"), "list"),
    ProfileField("format", ("格式", "Format"), hidden=True),
    ProfileField("questionnaire.id", ("问卷", "Questionnaire"), hidden=True),
    ProfileField("questionnaire.version", ("问卷版本", "Questionnaire version"), hidden=True),
)
FIELD_KINDS: dict[str, FieldKind] = {f.key: f.kind for f in PROFILE_FIELDS}
