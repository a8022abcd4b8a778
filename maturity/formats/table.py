"""The human summary of a result, as rich tables."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text as RichText

from maturity.formats.view import ResultView
from maturity.i18n import pick
from maturity.labels import PLAN_DOMAIN_NAMES, fmt_score
from maturity.recommend import focus_subdomains
from maturity.text import printable


class TableFormat:
    def render(self, view: ResultView) -> RenderableType:
        return Group(self._headline(view), self._levels(view), self._subdomains(view), self._plan(view), self._footer(view))

    @staticmethod
    def _headline(view: ResultView) -> RenderableType:
        r, lang, header = view.result, view.lang, view.questionnaire.header
        level_name = pick("未达到一级", "below level 1", lang)
        meaning = pick("尚未满足一级（规划级）的门槛。", "Level 1 (Planning) is not yet reached.", lang)
        if r.level:
            lv = header.levels[r.level - 1]
            level_name, meaning = lv.name.get(lang), lv.summary.get(lang)
        text = RichText()
        text.append(f"{printable(r.organisation.name)}\n", style="bold")  # made visible before layout
        quick = r.method == "descriptors"
        text.append(
            pick("参考等级（快速诊断）：", "Indicative level (quick scan): ", lang)
            if quick
            else pick("成熟度等级：", "Maturity level: ", lang)
        )
        text.append(f"{r.level} ({level_name})", style="bold green" if r.level else "bold yellow")
        text.append(pick("    总分：", "    Score: ", lang))
        text.append(fmt_score(r.score), style="bold")
        text.append(" / 5")
        if r.target_level:
            text.append(pick(f"    目标：{r.target_level} 级", f"    Target: level {r.target_level}", lang))
        text.append(f"\n{meaning}")
        return text

    @staticmethod
    def _levels(view: ResultView) -> RenderableType:
        r, lang = view.result, view.lang
        table = Table(
            title=pick("各等级得分（门槛 {gate}）", "Level scores (gate {gate})", lang).format(gate=fmt_score(r.rules.gate)),
            title_justify="left",
        )
        table.add_column(pick("等级", "Level", lang))
        table.add_column(pick("名称", "Name", lang))
        table.add_column(pick("得分", "Score", lang), justify="right")
        table.add_column(pick("是否达到", "Reached", lang))
        for ls, lv in zip(r.levels, view.questionnaire.header.levels, strict=True):
            mark = pick("✓ 达到", "✓ yes", lang) if ls.reached else pick("✗ 未达到", "✗ no", lang)
            table.add_row(str(ls.level), lv.name.get(lang), fmt_score(ls.score), RichText(mark, style="green" if ls.reached else "red"))
        return table

    @staticmethod
    def _subdomains(view: ResultView) -> RenderableType:
        r, lang = view.result, view.lang
        table = Table(title=pick("能力子域", "Capability sub-domains", lang), title_justify="left")
        table.add_column(pick("子域", "Sub-domain", lang))
        table.add_column(pick("等级", "Level", lang), justify="right")
        table.add_column(pick("得分", "Score", lang), justify="right")
        for level in range(1, 6):
            table.add_column(f"L{level}", justify="right")
        for sub in r.subdomains:
            table.add_row(sub.name.get(lang), str(sub.level), fmt_score(sub.score), *(fmt_score(sub.scores[str(lv)]) for lv in range(1, 6)))
        return table

    @staticmethod
    def _plan(view: ResultView) -> RenderableType:
        r, lang = view.result, view.lang
        table = Table(title=pick("规划五大领域", "The plan's five domains", lang), title_justify="left")
        table.add_column(pick("领域", "Domain", lang))
        table.add_column(pick("等级", "Level", lang), justify="right")
        table.add_column(pick("得分", "Score", lang), justify="right")
        table.add_column(pick("子域数", "Sub-domains", lang), justify="right")
        for plan in r.plan_domains:
            table.add_row(PLAN_DOMAIN_NAMES[plan.id].get(lang), str(plan.level), fmt_score(plan.score), str(len(plan.subdomains)))
        return table

    @staticmethod
    def _footer(view: ResultView) -> RenderableType:
        r, lang = view.result, view.lang
        c = r.counts
        items = pick("道题", " questions", lang) if r.method == "descriptors" else pick("条要求", " requirements", lang)
        lines = [
            pick(
                f"已答 {c.answered}/{c.requirements}{items}，其中不适用 {c.not_applicable} 条；未答 {c.unanswered} 条（计 0 分）",
                f"Answered {c.answered} of {c.requirements}{items} ({c.not_applicable} not applicable); {c.unanswered} unanswered (scored 0)",
                lang,
            )
            + (
                pick(f"，其中 {c.not_asked} 条按目标等级未问。", f", of which {c.not_asked} were not asked (above target + 1).", lang)
                if c.not_asked
                else pick("。", ".", lang)
            ),
            pick(
                f"评分规则：{r.rules.id} {r.rules.version}（总分规则 {r.rules.total_score_rule}），sha256 {r.rules.sha256[:12]}…",
                f"Rules: {r.rules.id} {r.rules.version} (total-score rule {r.rules.total_score_rule}), sha256 {r.rules.sha256[:12]}…",
                lang,
            ),
        ]
        if r.method == "descriptors":
            focus = ", ".join(sub.name.get(lang) for sub in focus_subdomains(r))
            lines.append(
                pick(
                    f"这是按所选描述估计的参考等级。要得到可用于汇报或申报的结果，请做完整评估（maturity assess cmmm），建议先从这些子域入手：{focus}。",
                    f"This level is estimated from the sentences you chose. For a result you can report, run the full assessment (maturity assess cmmm), starting with: {focus}.",
                    lang,
                )
            )
        elif r.rules.indicative:
            lines.append(
                pick(
                    "本结果为自评估的参考结果，部分评分参数未经标准原文核实，不是 CMMM 正式评估结论。",
                    "This is an indicative self-assessment result; some scoring parameters are not verified against the standard, and it is not a formal CMMM assessment.",
                    lang,
                )
            )
        return RichText("\n".join(lines), style="dim")
