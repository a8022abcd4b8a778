"""A blank answer file: every applicable requirement with its question as comments."""

from __future__ import annotations

import datetime as dt
import textwrap

from maturity.i18n import Lang, pick
from maturity.labels import TYPE_NAMES
from maturity.questionnaire import Questionnaire
from maturity.schema.answers import ANSWERS_FORMAT
from maturity.schema.base import EnterpriseType

# Placeholder values of the template, (zh, en); answers.check_against warns when one is left in.
PLACEHOLDERS: dict[tuple[str, ...], tuple[str, str]] = {
    ("organisation", "name"): ("请填写企业名称", "Your company name"),
    ("organisation", "industry"): ("行业，例如：汽车零部件", "industry, e.g. automotive parts"),
    ("organisation", "region"): ("所在地区，例如：江苏省苏州市", "region, e.g. Suzhou, Jiangsu"),
    ("assessment", "assessor", "name"): ("填写人姓名", "Name of the person answering"),
}


def _placeholder(loc: tuple[str, ...], lang: Lang) -> str:
    zh, en = PLACEHOLDERS[loc]
    return _quote(pick(zh, en, lang))


def _comment(text: str, indent: str = "", width: int = 96) -> list[str]:
    return [f"{indent}# {line}" for line in textwrap.wrap(text, width=width, break_long_words=True)] or [f"{indent}#"]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def blank_answers(questionnaire: Questionnaire, lang: Lang, kind: EnterpriseType, today: dt.date | None = None) -> str:
    """YAML text of an answer file with every applicable item left blank (blank = unanswered)."""
    header = questionnaire.header
    today = today or dt.date.today()
    scale = " | ".join(f"{o.key} = {o.label.get(lang)}" for o in questionnaire.scale_options)
    if questionnaire.quick:
        scale = pick("最符合的那句描述的编号 0-5", "the number 0-5 of the sentence that fits best", lang)
    else:
        scale += pick("（不适用 na 必须写原因）", " (na needs a reason)", lang)
    out: list[str] = []
    out += _comment(pick(f"{header.name.zh} — 答卷", f"{header.name.en} — answer file", lang))
    out += _comment(
        pick(
            f"企业类型：{TYPE_NAMES[kind].zh}。在每个编号后填写：{scale}。例如：",
            f"Enterprise type: {TYPE_NAMES[kind].en}. After each id write: {scale}. For example:",
            lang,
        )
    )
    if questionnaire.quick:
        out += [
            "#   strategy: 2",
            pick("# 留空的条目按“未作答”处理，计 0 分。", "# Items left blank count as unanswered and score 0.", lang),
        ]
    else:
        out += [
            "#   xxx.2.01: most",
            pick(
                "#   xxx.2.02: {rating: na, reason: 本厂没有此类业务}", "#   xxx.2.02: {rating: na, reason: we have no such activity}", lang
            ),
            pick(
                "#   xxx.3.01: {rating: partial, note: 只在一号车间试点, evidence: [试点报告.pdf]}",
                "#   xxx.3.01: {rating: partial, note: pilot in hall 1 only, evidence: [pilot-report.pdf]}",
                lang,
            ),
            pick("# 留空的条目按“未作答”处理，计 0 分。", "# Items left blank count as unanswered and score 0.", lang),
        ]
    out += [
        "",
        f"format: {ANSWERS_FORMAT}",
        "questionnaire:",
        f"  id: {header.id}",
        f'  version: "{header.version}"',
        "organisation:",
        f"  name: {_placeholder(('organisation', 'name'), lang)}",
        f"  type: {kind.value}  # discrete | process",
        f"  industry: {_placeholder(('organisation', 'industry'), lang)}",
        f"  region: {_placeholder(('organisation', 'region'), lang)}",
        "  size: medium  # micro | small | medium | large",
        "assessment:",
        f"  date: {today.isoformat()}",
        "  target_level: 3  # 1-5",
        "  mode: self  # self | consultant | third_party",
        "  assessor:",
        f"    name: {_placeholder(('assessment', 'assessor', 'name'), lang)}",
        pick("# 最看重的改进目标，按重要性排序（可删）：", "# The results that matter most, most important first (optional):", lang),
        "# efficiency | quality | cost | delivery | energy | safety | flexibility",
        "priorities: [quality, delivery]",
        "answers:",
    ]
    applicable = {r.id for r in questionnaire.applicable(kind)}
    for question in questionnaire.questions:
        out.append("")
        out += _comment(
            f"{questionnaire.subdomain(questionnaire.subdomain_of[question.id]).name.get(lang)}: {question.question.get(lang)}", "  "
        )
        out += [line for d in question.descriptors for line in _comment(f"  {d.level} = {d.text.get(lang)}", "  ")]
        out.append(f"  {question.id}:")
    for sub in questionnaire.subdomains:
        reqs = [r for r in questionnaire.requirements if questionnaire.subdomain_of[r.id] == sub.id and r.id in applicable]
        if not reqs:
            continue
        out.append("")
        out.append(f"  # ===== {sub.name.get(lang)} ({sub.id}) =====")
        for req in reqs:
            level = header.levels[req.level - 1].name.get(lang)
            out += _comment(f"[{level}] {req.question.get(lang)}", "  ")
            evidence = pick("证据：", "Evidence: ", lang) + pick("；", "; ", lang).join(e.get(lang) for e in req.evidence)
            out += _comment(evidence, "  ")
            out.append(f"  {req.id}:")
    return "\n".join(out) + "\n"
