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
from maturity.law import regulation
from maturity.plan import Plan, Step, make_plan
from maturity.questionnaire import Questionnaire, load_questionnaire
from maturity.rules import LoadedRules
from maturity.schema.answers import Organisation
from maturity.schema.base import Regulated
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
    assert zh(transport).startswith("如适用（自行托运危险货物的企业）：《危险化学品安全管理条例》")
    assert transport.law is not None and transport.law.en.startswith(
        "Where applicable (consignor of dangerous goods): Regulation on the Safe Management"
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
