"""Legal duties that apply to this firm, industry packs and no projects a firm does not need
(review i13, findings 5, 6 and 7): a duty binds what the firm is regulated as (declared in
``organisation.regulated_as``, or derived when safe), is cited "where applicable" when nobody said,
and is left out when the firm is not; projects suit the profile and the tailoring."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from maturity.cli import app
from maturity.errors import QuestionnaireError
from maturity.law import FirmFacts, from_industry, from_notes, regulation, worded_for
from maturity.plan import Plan, Step, make_plan
from maturity.questionnaire import Questionnaire, load_questionnaire
from maturity.rules import LoadedRules
from maturity.schema.answers import Organisation
from maturity.schema.base import Profile, Regulated
from maturity.scoring import score
from tests.conftest import DATA, REPO, all_at, make_answers, score_file

SAMPLES = REPO / "examples"


def plan_of(
    cmmm: Questionnaire,
    rules: LoadedRules,
    organisation: dict[str, Any],
    up_to: int = 1,
    changes: dict[str, Any] | None = None,
    **extra: Any,
) -> Plan:
    """A firm with every requirement up to ``up_to`` fully met and none above, aiming at 3."""
    kind = organisation["type"]
    answers = all_at(cmmm, lambda lv: "full" if lv <= up_to else "none", kind)
    answers.update(changes or {})
    org = {"name": "Test Works", **organisation}
    scored = score(cmmm, rules, make_answers(cmmm, answers, kind, organisation=org, **extra))
    return make_plan(scored, cmmm, None)


def step(plan: Plan, project_id: str) -> Step:
    found = plan.step(project_id)
    assert found is not None, project_id
    return found


def zh(s: Step) -> str:
    return s.law.zh if s.law else ""


SHOP = {"type": "discrete", "size": "small", "employees": 35}
CEMENT = {
    "type": "process",
    "profile": "continuous",
    "size": "medium",
    "employees": 280,
    "regulated_as": ["carbon-market", "key-energy-user", "combustible-dust", "key-discharger"],
}


def test_a_35_person_machining_shop_gets_no_key_energy_user_or_dangerous_goods_duty(
    cmmm: Questionnaire, cmmm_rules: LoadedRules
) -> None:
    # 10,000 tce a year is some 80 GWh of power: out of reach for 35 people cutting metal, so the
    # key-energy-user articles are not cited at all. Whether it ships dangerous goods itself nobody
    # said: the carrier rules are cited "where applicable" and are no legal first step.
    plan = plan_of(cmmm, cmmm_rules, SHOP, up_to=0)
    energy = step(plan, "energy-metering-basics")
    assert energy.statutory and zh(energy) == "《节约能源法》第二十七条（能源计量和能源消费统计）"
    transport = step(plan, "hazmat-transport-control")
    assert not transport.statutory
    assert zh(transport).startswith("如适用（自行托运危险货物的企业）：《危险化学品安全法》")
    assert transport.law is not None and transport.law.en.startswith(
        "Where applicable (consignor of dangerous goods): Hazardous Chemicals Safety Law"
    )
    assert all("重点用能单位" not in zh(s) for s in plan.steps)


def test_a_cement_plant_in_the_carbon_market_gets_the_mrv_duty_in_phase_one(
    cmmm: Questionnaire, cmmm_rules: LoadedRules
) -> None:
    # Clinker kilns report and verify their emissions every year under the 2024 regulation: a legal
    # duty now, whatever the level. The key-energy-user online monitoring and the coal mill's dust
    # rules bind it too, each named with the reason.
    plan = plan_of(cmmm, cmmm_rules, CEMENT, assessment={"date": "2026-11-20", "target_level": 2})
    assert plan.target == 2  # the duty is due whatever the target: 3.04 is a level-3 item
    mrv = step(plan, "carbon-market-mrv")
    assert mrv.statutory and mrv.phase == 1
    assert zh(mrv).startswith("全国碳排放权交易市场重点排放单位：《碳排放权交易管理暂行条例》")
    # the MRV project closes the emissions accounting for it; product footprints come later
    assert plan.step("carbon-accounting") is None
    ems = step(plan, "energy-management-system")
    assert ems.statutory and zh(ems).startswith("重点用能单位：《重点用能单位节能管理办法》")
    assert step(plan, "dust-explosion-control").statutory
    # no CRM roll-out for a plant with a few dozen customers: its ERP's customer module does
    assert plan.step("crm-service-rollout") is None
    assert step(plan, "customer-service-in-erp").project.cost.value == "<10"


def test_a_dairy_gets_the_food_traceability_duty(
    cmmm: Questionnaire, cmmm_rules: LoadedRules
) -> None:
    dairy = {"type": "process", "profile": "batch", "regulated_as": ["food"]}
    gaps = {"production.operations.1.03": "partial"}
    plan = plan_of(cmmm, cmmm_rules, dairy, changes=gaps)
    basics = step(plan, "quality-basics")
    assert basics.statutory and "《食品安全法》第四十二条" in zh(basics)
    # the law asks for traceability, not a system that traces in minutes: level 3 stays ordinary
    assert not step(plan, "traceability-and-release").statutory


def test_an_unknown_condition_is_where_applicable_and_a_denied_one_is_left_out(
    cmmm: Questionnaire, cmmm_rules: LoadedRules
) -> None:
    gaps = {"production.operations.1.03": "partial"}
    unknown = plan_of(cmmm, cmmm_rules, {"type": "process", "profile": "batch"}, changes=gaps)
    basics = step(unknown, "quality-basics")
    assert not basics.statutory
    assert zh(basics).startswith("如适用（食品生产企业）：《食品安全法》第四十二条")
    denied = {"type": "process", "profile": "batch", "not_regulated_as": ["food", "drugs"]}
    plan = plan_of(cmmm, cmmm_rules, denied, changes=gaps)
    assert step(plan, "quality-basics").law is None


def test_what_is_derived_and_what_is_declared() -> None:
    def known(**org: Any) -> dict[Regulated, bool]:
        return regulation(Organisation.model_validate({"name": "x", **org}))

    assert known(type="process", profile="batch") == {}
    gearbox = known(type="discrete", size="medium", employees=220)
    assert gearbox[Regulated.food] is False and Regulated.key_energy_user not in gearbox
    micro_food = known(type="process", profile="batch", size="micro")
    assert micro_food == {Regulated.key_energy_user: False, Regulated.carbon_market: False}
    plating = known(type="discrete", regulated_as=["electroplating"])
    assert plating[Regulated.key_discharger] is True
    # what the firm declares wins over what is derived
    assert known(type="discrete", employees=35, regulated_as=["key-energy-user"])[
        Regulated.key_energy_user
    ]


def test_the_contract_shop_gets_process_cards_not_cad_pdm() -> None:
    # The anodiser works to its customers' drawings (design.product and service.product tailored
    # out): no 3D CAD/PDM, PLM or product service; process cards, CAM and parameters instead, and
    # inspection plans by customer and process class. It declared itself a key discharger with
    # electroplating lines: the discharge monitoring duty is its own, worded for plating.
    scored = score_file(SAMPLES / "cmmm-contract-sample.yaml")
    plan = make_plan(scored.result, scored.loaded.questionnaire, None)
    ids = {s.id for s in plan.steps}
    assert not ids & {"cad-pdm-capp", "plm-design-manufacturing-link", "remote-product-service"}
    assert "process-cards-cam" in ids
    assert "按客户和工艺类别（而不是按产品）" in step(plan, "quality-basics").project.first_step.zh


def test_process_plants_get_first_steps_worded_for_process_plants(
    cmmm: Questionnaire, cmmm_rules: LoadedRules
) -> None:
    plan = plan_of(cmmm, cmmm_rules, {"type": "process", "profile": "continuous"}, up_to=3)
    for pid in ("advanced-control-optimisation", "simulation-and-knowledge"):
        text = step(plan, pid).project.first_step.zh
        assert "机床" not in text and "零件" not in text, pid
    shop = plan_of(cmmm, cmmm_rules, {"type": "discrete"}, up_to=3)
    assert "机床" in step(shop, "advanced-control-optimisation").project.first_step.zh


def test_the_legal_table_says_how_current_it_is(tmp_path: Path) -> None:
    sample = str(SAMPLES / "cmmm-process-sample.yaml")
    result = CliRunner().invoke(app, ["plan", sample, "-f", "md", "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    assert "Legislation as of 2026-11. Duties marked 'where applicable' depend" in result.stdout
    out = tmp_path / "plan.xlsx"
    result = CliRunner().invoke(app, ["plan", sample, "-o", str(out), "--lang", "zh"])
    assert result.exit_code == 0, result.stderr
    sheet = load_workbook(out).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert "法定义务\n法规版本截至 2026-11。" in header


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "  regulated_as: [food, nuclear-plant]\n",
            "firm.yaml:15:24: field 'organisation.regulated_as[1]': Input should be "
            "'key-energy-user', 'key-discharger',",
        ),
        (
            "  regulated_as: [food]\n  not_regulated_as: [food]\n",
            "firm.yaml:16:3: field 'organisation.not_regulated_as': a value cannot be in both "
            "regulated_as and not_regulated_as",
        ),
    ],
)
def test_a_bad_regulated_as_is_refused_with_its_line(
    tmp_path: Path, line: str, message: str
) -> None:
    text = (SAMPLES / "cmmm-process-sample.yaml").read_text(encoding="utf-8")
    text = re.sub(r"  not_regulated_as: .*\n", "", text, count=1)
    text = text.replace("  regulated_as: [food, ammonia-refrigeration, major-hazard]\n", line)
    path = tmp_path / "firm.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["plan", str(path)])
    assert result.exit_code == 2
    assert message in result.stderr, result.stderr


def test_a_misspelt_subdomain_in_suits_is_located(tmp_path: Path) -> None:
    folder = tmp_path / "plant"
    shutil.copytree(DATA / "plant", folder)
    path = folder / "projects" / "plant.yaml"
    text = path.read_text(encoding="utf-8")
    old = "    closes: [ehs.1.01, ehs.1.02]\n"
    assert old in text
    path.write_text(text.replace(old, old + "    suits: {tailored: [ehz]}\n", 1), encoding="utf-8")
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(folder)
    shown = [f"{p.file}:{p.line}: {p.text('en')}" for p in caught.value.problems]
    assert shown == [
        "plant/projects/plant.yaml:8: project 'hazard-identification' names the sub-domain 'ehz',"
        " which does not exist: check the spelling"
    ]


# --- round 4, second consultant reading (review r4-plan, findings 1-5, 11 and 14) ---


def noted_plan(
    cmmm: Questionnaire,
    rules: LoadedRules,
    organisation: dict[str, Any],
    notes: dict[str, str],
    up_to: int = 1,
    **extra: Any,
) -> Plan:
    """:func:`plan_of` with the answers' notes, which may state a designation."""
    kind = organisation["type"]
    answers = all_at(cmmm, lambda lv: "full" if lv <= up_to else "none", kind)
    org = {"name": "Test Works", **organisation}
    scored = score(cmmm, rules, make_answers(cmmm, answers, kind, organisation=org, **extra))
    return make_plan(scored, cmmm, None, notes=notes)


def test_hazardous_chemicals_cite_the_2026_law_and_the_regulation_only_as_far_as_it_agrees(
    cmmm: Questionnaire, cmmm_rules: LoadedRules
) -> None:
    # The Hazardous Chemicals Safety Law (adopted 2025-12-27, in force 2026-05-01) is the upper
    # law now; a plan stamped 2026-11 citing only the old Regulation is out of date. Its article
    # numbers were not checked, so it is cited by chapter, and the Regulation only as far as it
    # agrees with the Law (true whether or not it has been revised yet).
    firm = {"type": "process", "profile": "continuous", "regulated_as": ["hazardous-chemicals"]}
    gaps = {"production.ehs.2.02": "none"}
    monitoring = step(plan_of(cmmm, cmmm_rules, firm, changes=gaps), "hazard-area-monitoring")
    assert monitoring.statutory
    assert zh(monitoring).split("；如适用")[0] == (
        "生产或储存危险化学品的企业：《危险化学品安全法》（2026 年 5 月 1 日起施行）第三章“生产和储存"
        "安全”、第四章“使用安全”中监测、报警等安全设施的要求；配套的《危险化学品安全管理条例》第二十条"
        "在与该法不抵触的范围内继续适用"
    )
    assert monitoring.law is not None and monitoring.law.en.startswith(
        "As a maker or store of hazardous chemicals: Hazardous Chemicals Safety Law (in force "
        "1 May 2026), chapters 3 (production and storage) and 4 (use)"
    )


@pytest.mark.parametrize(
    ("industry", "profile", "known"),
    [
        ("化学药品制剂制造", "batch", {"drugs": True, "food": False, "carbon-market": False}),
        # a pesticide or an intermediate is no medicine under the Drug Administration Law
        ("农药制剂", "batch", {"drugs": False, "food": False, "carbon-market": False}),
        ("医药中间体", "batch", {"drugs": False, "food": False, "carbon-market": False}),
        ("乳制品制造", "batch", {"drugs": False, "food": True, "carbon-market": False}),
        ("乳胶手套", "mixed", {"drugs": False, "food": False, "carbon-market": False}),
        ("水泥熟料及水泥制造", "continuous", {"drugs": False, "food": False, "carbon-market": True}),
        ("家电配件（注塑、喷涂、装配）", "mixed", {"drugs": False, "food": False, "carbon-market": False}),
        # a chemical plant may run a captive power plant in the carbon market without naming it
        ("精细化工", "continuous", {"drugs": False, "food": False}),
        # plating may sit inside a broader trade: named, it binds; unnamed, it stays open
        ("五金件电镀", "discrete", {"drugs": False, "food": False, "carbon-market": False,
                                "electroplating": True}),
        ("", "discrete", {}),
    ],
)  # fmt: skip
def test_the_industry_text_settles_the_sector_duties(
    industry: str, profile: str, known: dict[str, bool]
) -> None:
    got = from_industry(industry, Profile(profile))
    assert {k.value: v for k, v in got.items()} == known


@pytest.mark.parametrize(
    ("note", "known"),
    [
        (
            "年综合能耗约 9 万吨标煤，属重点用能单位，在线监测端已接省平台",
            {"key-energy-user": True},
        ),
        ("水泥窑为重点排污单位，窑尾/窑头 CEMS 与生态环境部门联网", {"key-discharger": True}),
        ("厂区有一处三级重大危险源", {"major-hazard": True}),
        ("本厂不属于重点用能单位", {"key-energy-user": False}),
        ("经辨识未构成重大危险源", {"major-hazard": False}),
        ("是否属于重点排污单位待确认", {}),  # a doubt is no declaration either way
        ("重大危险源辨识尚未完成", {}),  # a mention without a cue says nothing
        ("制定了有关重大危险源的管理制度", {}),
        ("属重点用能单位。明年起不属于重点用能单位", {}),  # both ways: unknown
    ],
)
def test_a_designation_in_the_notes_counts_as_declared_and_a_negation_as_denied(
    note: str, known: dict[str, bool]
) -> None:
    assert {k.value: v for k, v in from_notes([note]).items()} == known


def test_an_appliance_parts_maker_gets_no_drug_law_and_no_carbon_market(
    cmmm: Questionnaire, cmmm_rules: LoadedRules
) -> None:
    # Review r4 finding 2: 佛山美嘉 (injection moulding, painting, assembly; mixed profile) was shown
    # "where applicable (drug manufacturer)" and the carbon market. Its industry says neither.
    firm = {"type": "discrete", "profile": "mixed", "size": "medium", "employees": 400,
            "industry": "家电配件（注塑、喷涂、装配）"}  # fmt: skip
    plan = plan_of(cmmm, cmmm_rules, firm, up_to=2, assessment={"date": "2026-11-20"})
    trace = step(plan, "traceability-and-release")
    assert "药品" not in zh(trace) and "食品" not in zh(trace)
    assert all("碳排放权" not in zh(s) and "药品管理法" not in zh(s) for s in plan.steps)
    assert plan.step("carbon-market-mrv") is None


PHARMA = {"type": "process", "profile": "batch", "size": "large", "employees": 900,
          "industry": "化学药品制剂制造"}  # fmt: skip
GMP_CHANGE = "先走 GMP 变更控制：质量保证部门评估这次改动涉及哪些已验证系统"
GMP_COST = "药品生产企业按上限估算，已含变更控制和计算机化系统验证（URS、风险评估、IQ/OQ/PQ）人天"


def test_a_drug_maker_known_from_its_industry_gets_gmp_duties_and_change_control(
    cmmm: Questionnaire, cmmm_rules: LoadedRules
) -> None:
    # Review r4 finding 3: a tablet maker was cited drug traceability only "where applicable", and
    # changes to its validated MES/LIMS/QMS were planned like anywhere else. Its industry text
    # says it makes drugs: traceability binds, and a change to a validated system starts with
    # change control and pays for the revalidation.
    plan = plan_of(cmmm, cmmm_rules, PHARMA, up_to=2, assessment={"date": "2026-11-20"})
    trace = step(plan, "traceability-and-release")
    assert trace.statutory
    assert zh(trace).startswith(
        "药品生产企业：《药品管理法》（建立并实施药品追溯制度，按规定提供追溯信息）"
    )
    # release by the qualified person binds whether or not a system does it: cited, not ranked
    assert (
        "有助于落实（药品生产企业）：《药品管理法》（药品经质量受权人签字后方可出厂放行和上市放行）"
        in zh(trace)
    )
    link = step(plan, "erp-mes-wms-integration")
    assert link.first_step.zh.startswith(GMP_CHANGE)
    assert (
        link.project.cost_basis.zh
        == f"接口开发 60–150 人天，不含各系统本身；{GMP_COST}，验证通常占实施工作量的三到五成"
    )
    assert link.project.cost_basis.en.endswith(
        "for a drug maker, take the top of the band: it includes change control and "
        "computerised-system validation days (URS, risk assessment, IQ/OQ/PQ), commonly 30–50% "
        "of the implementation effort"
    )


def test_a_drug_makers_wording_reaches_the_extend_and_saas_variants(
    cmmm: Questionnaire,
) -> None:
    mes = next(p for p in cmmm.projects if p.id == "mes-rollout")
    drugs = FirmFacts(Profile.batch, frozenset(), {Regulated.drugs: True})
    worded = worded_for(mes, drugs)
    assert worded.first_step.zh.startswith(
        "质量保证部门先按 GMP 计算机化系统附录写出用户需求说明（URS）"
    )
    assert worded.extend is not None and worded.extend.first_step.zh.startswith(GMP_CHANGE)
    assert GMP_COST in worded.extend.cost_basis.zh and GMP_COST in worded.cost_basis.zh
    assert worded.saas is not None and GMP_COST in worded.saas.cost_basis.zh
    # a firm not known to make drugs keeps the catalogue's wording
    assert worded_for(mes, FirmFacts(Profile.batch, frozenset(), {})) == mes


def test_a_food_firm_is_cited_the_food_safety_law_on_traceability_and_inspection_records(
    cmmm: Questionnaire, cmmm_rules: LoadedRules
) -> None:
    # Review r4 finding 4: a firm declared `food` saw no food law on its traceability and
    # inspection projects. The law asks for the records (ranked on quality-basics at level 1); a
    # system that traces in minutes helps meet it, so it is cited without ranking as a duty.
    dairy = {"type": "process", "profile": "batch", "industry": "乳制品制造"}
    plan = plan_of(
        cmmm, cmmm_rules, dairy, up_to=1, changes={"production.operations.1.03": "partial"}
    )
    assert step(plan, "quality-basics").statutory
    trace = step(plan, "traceability-and-release")
    assert not trace.statutory
    assert zh(trace) == (
        "有助于落实（食品生产企业）：《食品安全法》第四十二条（建立食品安全追溯体系）、第四十六条"
        "（成品出厂检验等检验控制）、第五十一条（出厂检验记录制度）"
    )
    qms = step(plan, "qms-lims-rollout")
    assert "有助于落实（食品生产企业）：《食品安全法》第四十六条" in zh(qms) and not qms.statutory


def test_a_cement_plant_known_from_its_industry_and_notes_gets_its_duties_in_year_one(
    cmmm: Questionnaire, cmmm_rules: LoadedRules
) -> None:
    # Review r4 finding 5: no regulated_as at all, but the industry says clinker (national carbon
    # market) and a note says "属重点用能单位": the MRV duty is in phase 1 and the key energy user
    # duties bind, not "where applicable".
    cement = {"type": "process", "profile": "continuous", "size": "medium", "employees": 280,
              "industry": "水泥熟料及水泥制造"}  # fmt: skip
    notes = {
        "production.energy.1.01": "年综合能耗约 9 万吨标煤，属重点用能单位，在线监测端已接省平台"
    }
    plan = noted_plan(
        cmmm, cmmm_rules, cement, notes, assessment={"date": "2026-11-20", "target_level": 2}
    )
    mrv = step(plan, "carbon-market-mrv")
    assert mrv.statutory and mrv.phase == 1 and mrv.start.year == 2027
    ems = step(plan, "energy-management-system")
    assert ems.statutory and zh(ems).startswith("重点用能单位：《重点用能单位节能管理办法》")
    assert all("如适用（重点用能单位）" not in zh(s) for s in plan.steps)


def test_the_ehs_system_cites_the_dual_prevention_duty_it_helps_meet(
    cmmm: Questionnaire, cmmm_rules: LoadedRules
) -> None:
    # Review r4 finding 11: the EHS system's first step names the dual-prevention platform, yet
    # no law was cited. Art. 41 asks for the hazard records, which paper meets: cited, not ranked.
    plan = plan_of(cmmm, cmmm_rules, {"type": "discrete", "size": "medium"}, up_to=1)
    ehs = step(plan, "ehs-digital-management")
    assert (
        zh(ehs)
        == "有助于落实：《安全生产法》第四十一条（隐患排查治理情况如实记录，重大事故隐患及时报告）"
    )
    assert ehs.law is not None and ehs.law.en == (
        "Helps meet: Work Safety Law, art. 41 (hazard remediation truly recorded, major hazards reported)"
    )
    assert not ehs.statutory


def test_mlps_filing_binds_a_medium_firm_and_is_where_applicable_for_a_small_one(
    cmmm: Questionnaire, cmmm_rules: LoadedRules
) -> None:
    # Review r4 finding 14: a 35-person shop without ERP was told to grade and file systems under
    # MLPS as a plain duty. The basic protections bind every firm; the filing binds a firm running
    # systems at level 2 or above, which a small one may not.
    small = step(plan_of(cmmm, cmmm_rules, SHOP, up_to=0), "security-baseline")
    assert small.statutory  # the basic protections
    assert zh(small).startswith(
        "《网络安全法》（2025 年修正，网络运营者的安全保护义务：管理制度、防病毒、日志留存、数据备份）"
    )
    assert (
        "如适用（运营等保二级及以上信息系统的企业）：《网络安全法》（2025 年修正）网络安全等级保护制度"
        in zh(small)
    )
    medium = step(
        plan_of(cmmm, cmmm_rules, {"type": "discrete", "size": "medium"}, up_to=0),
        "security-baseline",
    )
    assert (
        "；运营等保二级及以上信息系统的企业：《网络安全法》（2025 年修正）网络安全等级保护制度"
        in zh(medium)
    )
    assert (
        medium.law is not None
        and "As a firm running systems at MLPS level 2 or above: " in medium.law.en
    )
