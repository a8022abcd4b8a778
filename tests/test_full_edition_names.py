"""Round 4, issue 14: the full edition a bureau reads names things (no slugs, no bare ids in
statements), says which choices are its own, and one name per assessment mode."""

from __future__ import annotations

import re
from html import unescape

import pytest
from typer.testing import CliRunner

from maturity.cli import app
from maturity.plan import schedule_limits
from maturity.questionnaire import load_questionnaire
from maturity.report.references import first_clause, name_references
from maturity.schema.base import Text
from tests.conftest import REPO
from tests.test_report import SAMPLE
from tests.test_report_editions import html_of

CMMM = REPO / "questionnaires" / "cmmm"
SLUG = re.compile(r"\b[a-z]+(?:-[a-z]+)+\b")  # security-baseline, digital-infrastructure-plan


def visible(html: str) -> str:
    body = html[html.index("<body") :] if "<body" in html else html
    body = re.sub(r"<(style|script)\b.*?</\1>", "", body, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", body))


@pytest.fixture(scope="module")
def full_zh() -> str:
    return html_of(SAMPLE, "zh", signed=True, extra=[])


def test_statements_name_the_requirements_they_point_to() -> None:
    q = load_questionnaire(CMMM)

    def lookup(item: str) -> tuple[Text, Text] | None:
        req = q.requirement(item)
        names = {s.id: s.name for s in q.subdomains}
        return None if req is None else (req.statement, names[item.rsplit(".", 2)[0]])

    ehs = q.requirement("production.ehs.3.01")
    ops = q.requirement("production.operations.3.01")
    assert ehs is not None and ops is not None
    named = name_references(ehs.statement, lookup)
    assert "复用“员工的上岗资格数据与生产系统打通”（人员技能）的数据" in named.zh
    assert "skills.3.03" not in named.zh + named.en
    both = name_references(ops.statement, lookup)
    assert "见“数控程序集中存放在服务器上”、“控制配方和工艺设定值集中管理版本”（装备）" in both.zh
    assert "equipment.3.0" not in both.zh + both.en
    unknown = Text.verbatim("see nowhere.3.01")
    assert name_references(unknown, lookup) == unknown  # an id nobody knows stays as written
    assert first_clause("A, then B.", "en") == "A"


def test_full_edition_prints_no_project_slug_and_names_evidence_by_subdomain(
    full_zh: str,
) -> None:
    text = visible(full_zh)
    slugs = {s for s in SLUG.findall(text) if s not in {"evidence-manifest"}}
    assert not slugs, sorted(slugs)
    assert "skills.3.03 的数据" not in text and "见 equipment.3.02/3.03" not in text
    # an evidence entry of a gap: the start of the statement, sub-domain and rating on one line
    head = (
        '<span class="ev-req">企业有一份经总经理批准的智能制造规划…</span> · 组织战略 · 大部分满足'
    )
    assert f'<div class="ev-head">{head}</div>' in full_zh
    assert "子域归类见附录" not in text


def test_method_annex_names_the_rule_and_lists_the_reports_own_choices(full_zh: str) -> None:
    text = " ".join(visible(full_zh).split())
    assert "规则 B" not in text
    assert "总分按“已达等级加两级实得分”计算：设 k 为连续达到的最高等级" in text
    assert "来源未能核实：只见于网上对标准的转述（作者不明），未读到标准原文。" in text
    assert "本报告的自选做法" in text
    # read from maturity.plan's constants, not retyped
    limits = schedule_limits()
    assert (
        "每季度最多新开 {starts} 个需要资金的项目，同时进行的最多 {running} 个；".format(**limits)
        in text
    )
    assert (
        "每位负责人同时最多负责 {owner} 个项目，其中需要资金的最多 {funded} 个。第一季度开始的轻量项目"
        "只有法定义务和其他项目的前置项目（含大额项目同步依托的项目），其余轻量项目从第二季度起开始。同一季度开始的项目按顺序每"
        " {size} 个分为一个阶段".format(**limits)
        in text
    )
    assert "项目目录的参考区间按中型企业编制（<10、10–50、50–200、>200 万元，指示性）" in text
    assert (
        "关于数字签名：签名只证明报告出自证书持有人且未被改动、等级由答卷算出；不证明答卷属实。"
    ) in text
    for anchor in ("annex-tiers", "annex-na", "annex-method", "annex-evidence"):
        assert f'<a href="#{anchor}">' in full_zh and f'id="{anchor}"' in full_zh


@pytest.mark.parametrize(
    ("lang", "readers"),
    [
        (
            "zh",
            "任何 PAdES 阅读器（Adobe、pdfsig）可查看文件是否完整，重新核算等级需要 maturity",
        ),
        ("en", "Any PAdES reader (Adobe, pdfsig) shows whether the file is intact; rescoring"),
    ],
)
def test_signature_page_sets_the_command_apart_without_backticks(lang: str, readers: str) -> None:
    html = html_of(SAMPLE, lang, signed=True, extra=[])
    page = html[html.index('id="signature"') :]
    command = "报告.pdf --trust 评估机构证书.pem" if lang == "zh" else "report.pdf --trust"
    assert re.search(rf'<p class="command"><code>maturity verify {re.escape(command)}', page)
    assert "`" not in visible(page)
    assert readers in page


def test_questionnaire_title_and_help_do_not_call_every_assessment_a_self_assessment() -> None:
    q = load_questionnaire(CMMM)
    assert q.header.name.zh == "智能制造能力成熟度评估问卷（GB/T 39116-2020 结构）"
    assert "self-assessment" not in q.header.name.en
    out = CliRunner().invoke(app, ["--help"]).stdout
    assert "企业自评估、咨询机构辅助评估或第三方评估" in out
    assert "consultant-led or third-party" in " ".join(out.split())
