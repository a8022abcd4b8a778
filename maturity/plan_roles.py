"""Owner roles as a micro or small firm has them (second consultant reading, finding 9): a
35-person job shop has a general manager, one production and engineering lead, a quality
inspector, a bookkeeper and a part-time safety officer, not seventeen department heads. The
catalogue's roles are mapped onto those five; the plan says so. Library only, no I/O.
"""

from __future__ import annotations

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
    key = next((k for k, words in SMALL_ROLES if any(w in owner.zh for w in words)), None)
    return bilingual(key or GENERAL_MANAGER)


def small_firm_roles() -> Text:
    """The small-firm roles in one line, for the note that says the roles were merged."""
    keys = [GENERAL_MANAGER, "plan.role.production", "plan.role.quality", "plan.role.finance"]
    keys.append("plan.role.safety")
    sep = bilingual("out.compare.level_sep")  # 、 / ,
    names = [bilingual(k) for k in keys]
    return Text(**{lang: sep.get(lang).join(n.get(lang) for n in names) for lang in LANGS})
