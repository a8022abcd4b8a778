"""Issue 14, round 4: the board edition an owner approves on Monday (decision box, priorities and
order, radar, plain wording, no internals, bilingual layout)."""

from __future__ import annotations

import html as entities
import re
from pathlib import Path

import pytest

from maturity.plan import Step
from maturity.report import ReportFormat
from maturity.report.inputs import ReportEdition
from maturity.report.render import render_report
from maturity.schema.base import Text
from tests.test_report import FROZEN, SAMPLE, pdf_text, report_input
from tests.test_report_editions import _render


def board_html(lang: str, edition: ReportEdition = ReportEdition.board) -> str:
    data = report_input(SAMPLE)
    out = render_report(data, ReportFormat.html, lang, generated=FROZEN, edition=edition)  # type: ignore[arg-type]
    return out.decode("utf-8")


def plain(html: str) -> str:
    """The visible text, tags dropped: what a reader sees, one block per line."""
    body = html[html.index("<body") :]
    return entities.unescape(re.sub(r"<[^>]+>", "", body))


def test_the_90_day_page_opens_with_what_to_approve_in_chinese() -> None:
    """Board review r4 (M2, M3, M4): the approval covers every start of the first quarter with
    its total; each row has one checkable deliverable; the overload warning names listed
    projects only and says what to do."""
    text = plain(board_html("zh"))
    assert (
        "请批准：2027 Q1 启动下表全部 11 个项目，参考费用合计 40–270 万元（指示性区间，不是报价）。"
        in text
    )
    assert "序号项目负责人第 90 天应交付参考费用（万元）姓名/签字" in text
    # a project that ends within the quarter: the records that prove it; "0–10" reads "<10"
    assert (
        "1等保整改与数据安全制度补齐信息化主管交付：信息资产清单（含生产控制设备）等 3 份记录<10"
        in text
    )
    # one that may run longer (2–4 months) never says "done": its first step and when it ends
    assert (
        "2能源计量配备与能耗统计责任能源管理负责人（设备主管兼）第一步完成：设备主管对照 GB 17167 画出"
        "水电气汽计量网络图，标出缺表点位并报预算。（工期 2–4 个月，到 2027 Q1 结束）<10" in text
    )
    # every funded start has its own row, not only the five with cards
    assert "5安全环保管理系统（隐患、作业票、职业健康）安全环保主管第一步完成：" in text
    assert "（工期 3–6 个月，到 2027 Q2 结束）10–50" in text
    assert "其余 3 个小额项目（见表下）各项目负责人各项第一步完成，书面报总经理<30" in text
    assert "小额项目（合计 <30 万元）：7. 按上次诊断更新三年规划；8. 质量系统补齐：" in text
    assert "项目完成" not in text
    # the scheduler keeps every owner within its caps, so its own first quarter needs no
    # overload warning (test_the_overload_warning_counts_... checks one that is crowded)
    assert "注意：" not in text
    assert "董事会/总经理批准：____________　日期：____________　批准金额上限：______ 万元" in text
    assert (
        "资金：可咨询当地工业和信息化主管部门的智能化改造、数字化转型扶持政策（需自行核实）。"
        in text
    )


def test_the_90_day_page_opens_with_what_to_approve_in_english() -> None:
    text = plain(board_html("en"))
    assert (
        "For approval: start all 11 projects below in 2027 Q1, indicative cost RMB 0.4–2.7 million"
        " in all (indicative ranges, not quotes)." in text
    )
    assert "No.ProjectOwnerDue by day 90Cost (RMB million)Name / signature" in text
    assert (
        "1Closing the remaining protection-level findings and data security rulesIT manager"
        "Delivered: 3 records, among them: Information asset list, including production control"
        " equipment<0.1" in text
    )
    assert (
        "The other 3 small projects (named below)Each project's ownerEach one's first step done,"
        " reported to the general manager in writing<0.3" in text
    )
    assert "Project done" not in text
    assert "Note: in" not in text
    assert "10k RMB" not in text
    assert (
        "Approved by the board / general manager: ____________   Date: ____________"
        "   Spending cap: RMB ______ million" in text
    )


def test_a_long_project_is_due_its_first_step_and_rows_say_the_fitted_band() -> None:
    from maturity.recommend import advise

    data = report_input(SAMPLE)
    plan = advise(data.result, data.questionnaire, None).plan
    mes = plan.step("mes-rollout")
    assert mes is not None and mes.quarters >= 2 and mes.extends
    # the row of a project longer than the quarter promises its first step, never "done"; its
    # cost is the extension's band (10–50), not the catalogue roll-out's (50–200)
    text = plain(board_html("zh"))
    if mes.start == plan.start:
        row = text[text.index(f"{mes.rank}{mes.name.zh}") :]
        assert "第一步完成：" in row[:200] and "10–50" in row[:400]
    assert "项目完成" not in text


def test_the_overload_warning_counts_funded_projects_as_the_owner_cap_does() -> None:
    from dataclasses import replace

    from maturity.recommend import advise
    from maturity.report.board import _overloaded

    data = report_input(SAMPLE)
    plan = advise(data.result, data.questionnaire, None).plan
    first, owner = plan.start, plan.steps[0].project.owner

    def crowded(pick: list[Step]) -> tuple[Text, ...]:
        """Three projects started in the first quarter under one owner."""
        moved = tuple(
            replace(
                s, start=first, quarters=1, project=s.project.model_copy(update={"owner": owner})
            )
            for s in pick[:3]
        )
        return _overloaded(plan, moved)

    funded = crowded([s for s in plan.steps if not s.light])
    assert len(funded) == 1 and funded[0].zh.startswith(
        f"注意：{first}，信息化主管同时负责 3 个项目"
    )
    assert funded[0].en.startswith(f"Note: in {first} the IT manager runs 3 projects at once")
    # light ones count only toward the owner's cap in all (three): three of them are no overload
    assert crowded([s for s in plan.steps if s.light]) == ()


def test_the_dashboard_gives_priorities_baselines_and_plain_readings() -> None:
    text = plain(board_html("zh"))
    assert (
        "企业优先改进：质量、交付、成本。关键指标基线（2026-10-31）：准时交付率 87.5 %；"
        "一次合格率 96.2 %；设备综合效率（OEE） 58 %。" in text
    )
    assert "全国达到二级及以上的企业（2022 年）" in text
    assert (
        "全国约 37% 企业达到二级及以上（2022 年自诊断数据），即约 63% 的企业尚未达到二级。" in text
    )
    assert (
        "三级要求目前的加权得分约为满分的 34%（部分满足的要求只计部分分），需达到 80% 才算三级。"
        in text
    )
    assert (
        "刻度 0–5，与等级对应。最弱（含并列）：能源管理 1.36、仓储配送 1.61、人员技能 1.70、"
        "安全环保 1.70、客户服务 1.70；最强：装备 3.11。" in text
    )
    en = plain(board_html("en"))
    assert (
        "Requirements of level 3 score 34% of full marks (partial ones count in part); 80% reaches"
        " level 3." in en
    )
    assert (
        "Scale 0–5, matching the levels. Weakest (ties included): Energy management 1.36,"
        " Warehousing and distribution 1.61, Personnel skills 1.70, Safety and environment 1.70,"
        " Customer service 1.70; strongest: Equipment 3.11." in en
    )


def test_the_order_is_explained_and_prerequisites_say_so() -> None:
    text = plain(board_html("zh"))
    assert (
        "排序：先做法定义务，再做升三级必须做的基础项目（后续系统要建在它们之上），其余按每万元投入"
        "带来的提升排列；前置项目总排在依赖它的项目之前。 贵企业优先的指标对应的首个项目：质量类最早是"
        "第 4 项“检验、标识追溯、不合格品与计量器具管理”（2027 Q1 开始）；交付类最早是第 3 项"
        "“客服系统补齐：把未覆盖的渠道和服务记录纳入现有 CRM”（2027 Q1 开始）；" in text
    )
    # the project by the name its card carries (the extension), never the catalogue roll-out
    # (the owner caps move it to 2027 Q2, past the board's 90 days: the full edition lists it)
    full = plain(board_html("zh", ReportEdition.full))
    assert "车间网络补点与运维完善 2027 Q2 · <10 万元" in full
    assert "车间网络覆盖与运维" not in text + full


def test_board_cards_speak_plainly() -> None:
    text = plain(board_html("zh"))
    assert "升三级必须做" in text and "晋级必需" not in text
    assert (
        "完成后可满足的要求目前：2 条大部分满足、1 条部分满足 → 完成后：全部满足"
        "（共 3 条），条文见完整版报告" in text
    )
    assert "关闭的要求" not in text
    assert (
        "术语：SaaS＝按年订阅的云端软件；PLC＝可编程控制器；CRM＝客户关系管理系统；"
        "MLPS＝网络安全等级保护制度（等保）；kgce＝千克标准煤；EHS＝安全、健康与环保。" in text
    )
    assert "问卷条目为本评估工具自行编写的通俗表述，不是标准原文" in text
    assert "maturity 项目" not in text
    # the full edition states each requirement once, in the gap/action table
    full = plain(board_html("zh", ReportEdition.full))
    assert "（共 3 条），条文见“差距与行动”" in full


def test_bilingual_baseline_gives_the_value_once() -> None:
    """Board review 20: "设备综合效率（OEE） / OEE 58 %（…） / 设备综合效率（OEE） / OEE 58 %…"."""
    from maturity.recommend import advise
    from maturity.report.context import Source
    from maturity.report.templating import Translator, load_labels, search_path

    data = report_input(SAMPLE)
    labels = load_labels(search_path())
    shown = {}
    for lang in ("zh", "en", "bilingual"):
        src = Source(
            data.result,
            data.questionnaire,
            data.answers,
            data.rules,
            Translator(lang, labels),
            advise(data.result, data.questionnaire, None),
        )
        shown[lang] = src._baseline(data.result.kpis[2])
    assert shown["zh"] == "设备综合效率（OEE） 58 %（2026-10-31）"
    assert shown["en"] == "OEE 58 % (2026-10-31)"
    assert shown["bilingual"] == "设备综合效率（OEE） / OEE 58 %（2026-10-31）"


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_board_edition_names_no_project_or_requirement_id(tmp_path: Path, lang: str) -> None:
    """Board review 9: project slugs, requirement ids, versions and the rules' hash are the tool's
    internals, not board content."""
    from maturity.recommend import advise

    data = report_input(SAMPLE)
    plan = advise(data.result, data.questionnaire, None).plan
    ids = {r.id for r in data.result.requirements} | {s.id for s in plan.steps}
    text = pdf_text(_render(tmp_path, lang, "board"))
    assert "security-baseline" in ids and "security.1.02" in ids  # the check is not vacuous
    found = {i for i in ids if re.search(rf"(?<![\w.-]){re.escape(i)}(?![\w-])", text)}
    assert not found, sorted(found)[:5]
    assert "sha256" not in text and "gbt39117" not in text and "maturity 0." not in text
