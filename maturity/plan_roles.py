"""Owner roles as a micro or small firm has them (second consultant reading, finding 9): a
35-person job shop has a general manager, one production and engineering lead, a quality
inspector, a bookkeeper and a part-time safety officer, not seventeen department heads. The
catalogue's roles are mapped onto those five; the plan says so. Library only, no I/O.
"""

from __future__ import annotations

import re

from maturity.i18n import bilingual
from maturity.schema.base import LANGS, Text

# Small-firm role -> words of the catalogue roles it takes over (matched in the Chinese role
# name, first match wins; the order puts the narrow roles first). A role matching none goes to
# the general manager, who decides everything else in a firm of this size.
SMALL_ROLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("plan.role.safety", ("安全", "环保")),
    ("plan.role.quality", ("质量", "质检", "化验")),
    ("plan.role.finance", ("财务",)),
    (
        "plan.role.production",
        ("生产", "技术", "工艺", "研发", "计划", "设备", "仓库", "物流", "采购", "能源"),
    ),
)
GENERAL_MANAGER = "plan.role.gm"


def small_firm_owner(owner: Text) -> Text:
    """The role that leads a project in a micro or small firm, for the catalogue's ``owner``."""
    return bilingual(_small_key(owner.zh))


def _small_key(role_zh: str) -> str:
    return next(
        (k for k, words in SMALL_ROLES if any(w in role_zh for w in words)), GENERAL_MANAGER
    )


def _small_zh(role_zh: str) -> str:
    return bilingual(_small_key(role_zh)).zh


def small_firm_roles() -> Text:
    """The small-firm roles in one line, for the note that says the roles were merged."""
    keys = [GENERAL_MANAGER, "plan.role.production", "plan.role.quality", "plan.role.finance"]
    keys.append("plan.role.safety")
    sep = bilingual("out.compare.level_sep")  # 、 / ,
    names = [bilingual(k) for k in keys]
    return Text(**{lang: sep.get(lang).join(n.get(lang) for n in names) for lang in LANGS})


def small_firm_wording(text: Text, owner: Text) -> Text:
    """``text`` with the project's own owner put as a micro or small firm has it: the catalogue's
    first steps name their owner ("信息化主管一周内列出…"; "能源管理负责人（设备主管兼）" as
    "设备主管"). Other roles a step names are left as written: matching role words in free text
    would rewrite verbs and departments too."""
    mapped = small_firm_owner(owner)
    return Text(
        zh=_replace_all(text.zh, _names_zh(owner.zh), mapped.zh),
        en=_replace_all(text.en, [owner.en], mapped.en.lower(), ignore_case=True),
    )


def _names_zh(owner: str) -> list[str]:
    """The owner as a step may name it: whole, before its bracket, and the role in its bracket."""
    head, _, rest = owner.partition("（")
    inside = rest.rstrip("）").removesuffix("兼")
    return sorted({n for n in (owner, head, inside) if len(n) >= 2}, key=len, reverse=True)


def _replace_all(text: str, names: list[str], by: str, ignore_case: bool = False) -> str:
    flags = re.IGNORECASE if ignore_case else 0
    pattern = "|".join(re.escape(n) for n in names if n)
    return re.sub(pattern, by, text, flags=flags) if pattern else text
