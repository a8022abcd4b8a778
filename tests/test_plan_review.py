"""Named cases from the second consultant reading of the improvement plan (round 4, findings 6,
7-10, 12, 13): an extension only where the answers show the system runs; a first quarter a firm
can run; owners a small firm has; legal safety work on the roadmap; data before optimisation; no
large system pulled in by a small follow-up. Each case says the consultant's reasoning.

The cement plant (level 1 aiming at 2, 280 staff) and the 35-person job shop are two of the
reviewer's firms (tests/data/review13, as generated for the review).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from maturity.plan import LIGHT_STARTS, OWNER_AT_ONCE, OWNER_LIGHT, Plan, Step, make_plan
from maturity.plan_fit import Mode, notes_of
from maturity.questionnaire import Questionnaire
from maturity.rules import LoadedRules
from maturity.scoring import score
from tests.conftest import all_at, make_answers, score_file

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data" / "review13"
SMALL_ROLES = {"总经理（厂长）", "生产技术负责人", "质检负责人", "财务（会计）", "兼职安全员"}
EAM = ("production.maintenance.2.01", "production.maintenance.2.03", "production.maintenance.3.02")


@cache
def plan_from(path: Path) -> Plan:
    """The plan of an answer file, with its notes (as the CLI makes it)."""
    scored = score_file(path)
    notes = notes_of(scored.loaded.answers)
    return make_plan(scored.result, scored.loaded.questionnaire, None, notes=notes)


def sample(name: str) -> Plan:
    return plan_from(REPO / "examples" / f"{name}.yaml")


def step(plan: Plan, project: str) -> Step:
    found = plan.step(project)
    assert found is not None, project
    return found


def firm(cmmm: Questionnaire, rules: LoadedRules, up_to: int, changes: dict[str, Any]) -> Plan:
    """A medium discrete firm: every requirement up to ``up_to`` full, none above, then
    ``changes`` (a rating, or {rating, note})."""
    answers = all_at(cmmm, lambda lv: "full" if lv <= up_to else "none")
    answers.update(changes)
    org = {"name": "Test Works", "type": "discrete", "size": "medium"}
    loaded = make_answers(cmmm, answers, organisation=org)
    result = score(cmmm, rules, loaded)
    return make_plan(result, cmmm, None, notes=notes_of(loaded))


# --- finding 6: extend only what runs ----------------------------------------------------------


def test_a_note_saying_there_is_no_tms_rules_out_extending_one() -> None:
    # The gearbox maker's note: "没有运输管理系统……用 ERP 发货模块管理运单". The plan told it to
    # agree the order of carriers with its current TMS vendor. There is none: it is a roll-out.
    tms = step(sample("cmmm-discrete-sample"), "tms-rollout")
    assert tms.fit.mode is Mode.rollout
    assert tms.name == tms.project.name and tms.first_step == tms.project.first_step
    assert "现有" not in tms.first_step.zh


def test_ratings_alone_do_not_make_an_extension_a_note_naming_the_system_does(
    cmmm: Questionnaire, cmmm_rules: LoadedRules
) -> None:
    # "most" on a maintenance register can be a well-kept Excel sheet: with no level-2 item fully
    # met and no note naming an EAM, the firm is told to roll one out. A note that names its EAM
    # shows it runs: then it is extended.
    ratings = dict(zip(EAM, ("most", "most", "none"), strict=True))
    assert step(firm(cmmm, cmmm_rules, 1, ratings), "eam-rollout").fit.mode is Mode.rollout
    noted = {**ratings, EAM[0]: {"rating": "most", "note": "EAM 已上线，备件模块未启用"}}
    assert step(firm(cmmm, cmmm_rules, 1, noted), "eam-rollout").fit.mode is Mode.extend


def test_a_note_denying_the_system_wins_over_good_ratings(
    cmmm: Questionnaire, cmmm_rules: LoadedRules
) -> None:
    # Level-2 items full would show a system runs, but the firm writes it has no EAM (the
    # register is in the MES being bought in this very plan): no extension of a missing system.
    ratings = {
        EAM[0]: "full",
        EAM[1]: {"rating": "most", "note": "没有 EAM，点检用纸质表"},
        EAM[2]: "none",
    }
    assert step(firm(cmmm, cmmm_rules, 1, ratings), "eam-rollout").fit.mode is Mode.rollout


def test_the_security_baseline_files_first_unless_a_note_mentions_an_assessment(
    cmmm: Questionnaire, cmmm_rules: LoadedRules
) -> None:
    # "拿出最近一次等保测评报告" is only a first step for a firm that was assessed. A firm whose
    # notes say nothing of grading or assessment grades and files first; the gearbox maker's note
    # ("已按二级定级备案并完成测评") keeps the report step.
    gaps = {"security.1.04": "partial", "security.2.06": "most"}
    plain = step(firm(cmmm, cmmm_rules, 2, gaps), "security-baseline")
    assert plain.fit.mode is Mode.extend
    assert plain.first_step.zh.startswith(
        "信息化主管先按等保 2.0 为核心业务系统定级，准备备案材料向当地公安机关备案；"
    )
    assert "测评报告" not in plain.first_step.zh
    assert plain.first_step.en.startswith("The IT lead first grades the core business systems")
    gearbox = step(sample("cmmm-discrete-sample"), "security-baseline")
    assert gearbox.first_step.zh.startswith("信息化主管拿出最近一次等保测评报告")


# --- findings 8 and 9: a first quarter a firm can run, owners a small firm has -----------------


@pytest.mark.parametrize("path", [DATA / "cement.yaml", DATA / "shop.yaml"])
def test_no_owner_holds_more_than_three_projects_and_the_first_quarter_is_duties_and_prerequisites(
    path: Path,
) -> None:
    # The cement plant's EHS manager held five projects in 2027 Q1 and twenty projects started
    # that quarter. Light projects take the owner's time too: three at once at most, two funded;
    # the first quarter opens only legal duties and what other projects wait for.
    plan = plan_from(path)
    for q in plan.quarters:
        running = [s for s in plan.steps if s.start <= q <= s.end]
        for owner in {s.project.owner.zh for s in running}:
            mine = [s for s in running if s.project.owner.zh == owner]
            assert len(mine) <= OWNER_LIGHT, (owner, str(q))
            assert sum(not s.light for s in mine) <= OWNER_AT_ONCE, (owner, str(q))
        light = [s for s in plan.steps if s.start == q and s.light and not s.statutory]
        assert len(light) <= LIGHT_STARTS, str(q)
    waited = {d for s in plan.steps for d in (*s.needs, *(() if s.light else s.alongside))}
    first = [s for s in plan.steps if s.start == plan.start]
    assert all(s.statutory or s.id in waited or not s.light for s in first)
    # twenty starts became at most ten besides the legal duties, which never wait (the law review
    # added the cement plant's carbon-market and dust duties to its first quarter)
    assert len([s for s in first if not s.statutory]) <= 10


def test_a_35_person_shop_has_five_owner_roles_and_the_plan_says_so() -> None:
    # Seventeen department heads (IT, HR, logistics, customer service ...) for a 35-person job
    # shop: it has a boss, a production and engineering lead, an inspector, a bookkeeper and a
    # part-time safety officer. The plan maps its projects onto those and says it did.
    plan = plan_from(DATA / "shop.yaml")
    assert {s.project.owner.zh for s in plan.steps} <= SMALL_ROLES
    assert step(plan, "safety-dual-prevention").project.owner.zh == "兼职安全员"
    assert step(plan, "quality-basics").project.owner.zh == "质检负责人"
    assert step(plan, "security-baseline").project.owner.zh == "总经理（厂长）"
    assert plan.cost_note.zh.endswith(
        "按小微企业的实际岗位，项目负责人已合并为总经理（厂长）、生产技术负责人、质检负责人、"
        "财务（会计）、兼职安全员，不再按大中型企业的部门分设。"
    )
    medium = sample("cmmm-discrete-sample")
    assert "合并" not in medium.cost_note.zh
    assert step(medium, "security-baseline").project.owner.zh == "信息化主管"


# --- finding 10: legal safety work under 10万 is never reserve ---------------------------------


def test_extended_gas_detection_under_10_wan_is_on_the_roadmap() -> None:
    # The gearbox maker has gas alarms at the carburising furnaces and the paint booth; what is
    # left (records, calibration, a camera) costs under 10万 as an extension. It was put in
    # reserve for 2029 because the catalogue's roll-out is 50-200万; light is what it costs here.
    hazard = step(sample("cmmm-discrete-sample"), "hazard-area-monitoring")
    assert hazard.fit.mode is Mode.extend and hazard.light
    assert not hazard.reserve
    assert hazard.start.year == 2027


# --- finding 12: optimisation waits for the data it optimises ----------------------------------


def test_transport_optimisation_waits_a_quarter_of_waybills_after_the_tms() -> None:
    # Its first step uses three months of TMS waybills: it cannot start in the TMS's quarter.
    plan = make_plan(
        score_file(REPO / "examples" / "cmmm-process-sample.yaml").result,
        score_file(REPO / "examples" / "cmmm-process-sample.yaml").loaded.questionnaire,
        4,
    )
    tms, optimise = step(plan, "tms-rollout"), step(plan, "transport-optimisation")
    assert "tms-rollout" in optimise.needs and optimise.project.lag == 1
    assert optimise.start >= tms.end.plus(2)


# --- finding 13: a small follow-up does not buy a large system --------------------------------


def test_a_light_erp_follow_up_stays_in_reserve_rather_than_pull_an_erp_onto_the_roadmap() -> None:
    # The cement plant, level 1 aiming at 2: "ERP 深化" (under 10万) needed the ERP roll-out
    # (50-200万), which level 2 does not need; both came onto the roadmap. Now both wait in
    # reserve, and the WMS, whose first step weighs the ERP's warehouse module, waits for the ERP.
    plan = plan_from(DATA / "cement.yaml")
    erp, deepening = step(plan, "erp-rollout"), step(plan, "erp-deepening")
    assert (erp.needed_for, erp.reserve, deepening.reserve) == (0, True, True)
    wms = step(plan, "wms-rollout")
    assert "erp-rollout" in wms.needs and wms.start > erp.end


# --- finding 7: the last gap of a whole in place -----------------------------------------------


def test_one_open_flow_of_a_fully_integrated_erp_mes_wms_is_a_small_gap_not_a_project(
    cmmm: Questionnaire, cmmm_rules: LoadedRules
) -> None:
    # The brake maker: "ERP–MES–WMS 工单、领料、完工、入库全部自动集成，2025 年通过客户审核"; only
    # purchase receipt, inspection and payment are not linked. The plan listed a 10-50万
    # integration roll-out starting with an interface review of three systems. It is one flow:
    # named as the last gap, under 10万, its first step that item. With two open, the project.
    plan = firm(cmmm, cmmm_rules, 3, {"production.procurement.3.01": "partial"})
    link = step(plan, "erp-mes-wms-integration")
    assert (link.fit.mode, link.bounds, link.light) == (Mode.extend, (0, 10), True)
    assert link.name.en == "Link ERP, MES and WMS: the last gap only"
    assert link.name.zh == "ERP–MES–WMS 集成：只补最后一项"
    assert link.first_step.en.startswith(
        "The IT manager deals with this one item only: Purchase orders are linked automatically"
    )
    assert link.first_step.zh.endswith(
        "其余要求已全部满足，在现有系统上配置或补一个接口，不重新立项。"
    )
    two = {"production.procurement.3.01": "partial", "sales.3.01": "partial"}
    whole = step(firm(cmmm, cmmm_rules, 3, two), "erp-mes-wms-integration")
    assert whole.fit.gap is None and whole.name == whole.project.name


def test_a_small_firms_first_steps_name_the_roles_it_has() -> None:
    # Third reading (verification, N1): the shop's owner column had five roles while the first
    # steps still named "信息化主管", "人力资源经理" and the like. A first step that names the
    # project's owner names the small-firm role that leads it instead (the owner is replaced in
    # both languages; other roles a step mentions are left as written).
    plan = plan_from(DATA / "shop.yaml")
    steps = [s.first_step.zh for s in plan.steps]
    assert not [t for t in steps if "信息化主管" in t or "人力资源经理" in t]
    security = next(s for s in plan.steps if s.id == "security-baseline")
    assert security.project.owner.zh == "总经理（厂长）"
    assert security.first_step.zh.startswith("总经理（厂长）")
    assert "IT manager" not in security.first_step.en
