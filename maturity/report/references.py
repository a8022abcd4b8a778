"""Requirement ids inside requirement statements, shown to readers as names.

Statements point to related requirements by id ("reuses the skills.3.03 data", "see
equipment.3.02/3.03"); a report reader knows requirements by what they say, not by their ids. At
render time each id becomes the referenced statement's first clause with its sub-domain's name:
“员工的上岗资格数据与生产系统打通”（人员技能）. The questionnaire data stays as it is.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from maturity.i18n import LANGS, Lang
from maturity.schema.base import Text

# an id, then ids of the same sub-domain abbreviated after a slash: equipment.3.02/3.03
# (with the spaces around it: Chinese text sets a Latin id off by spaces, but not a quoted name)
_REFERENCE = re.compile(r"( ?)\b([a-z]+(?:\.[a-z]+)?)\.([1-5]\.\d{2})((?:/[1-5]\.\d{2})*)\b( ?)")
# where a statement's first clause ends, in Chinese and in English
_CLAUSE_END_ZH = re.compile(r"[，；。：]")
_CLAUSE_END_EN = re.compile(r",|;|\. |: |\.$")


def first_clause(statement: str, lang: Lang) -> str:
    """The statement up to its first comma, semicolon, colon or full stop."""
    found = (_CLAUSE_END_ZH if lang == "zh" else _CLAUSE_END_EN).search(statement)
    return statement[: found.start()] if found else statement


def per_language(text: Text, change: Callable[[str, Lang], str]) -> Text:
    """``text`` changed language by language (``Text.map`` changes both alike)."""
    return Text(**{lang: change(text.get(lang), lang) for lang in LANGS})


Lookup = Callable[[str], tuple[Text, Text] | None]  # id -> (statement, sub-domain name)


def name_references(text: Text, lookup: Lookup) -> Text:
    """``text`` with every requirement id it mentions replaced by the requirement's short name;
    an id that ``lookup`` does not know stays as written."""
    return per_language(text, lambda value, lang: _named(value, lang, lookup))


def _named(text: str, lang: Lang, lookup: Lookup) -> str:
    def one(match: re.Match[str]) -> str:
        before, subdomain, first, more, after = match.groups()
        ids = [f"{subdomain}.{first}", *(f"{subdomain}.{n}" for n in more.split("/")[1:])]
        found = [lookup(i) for i in ids]
        if any(f is None for f in found):
            return match.group(0)
        shown = _shown([f for f in found if f is not None], lang)
        return shown if lang == "zh" else f"{before}{shown}{after}"

    return _REFERENCE.sub(one, text)


def _shown(found: list[tuple[Text, Text]], lang: Lang) -> str:
    left, right = ("“", "”") if lang == "zh" else ("‘", "’")
    names = [f"{left}{first_clause(s.get(lang), lang)}{right}" for s, _ in found]
    joined = "、".join(names) if lang == "zh" else " and ".join(names)
    subdomain = found[0][1].get(lang)
    return f"{joined}（{subdomain}）" if lang == "zh" else f"{joined} ({subdomain})"
