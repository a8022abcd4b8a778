"""Projects as data (loading checks with file and line), the plan's ranking edges, `maturity plan`
exports (exact texts, hostile text defused, output safety) and KPI baselines."""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from maturity.cli import app
from maturity.errors import QuestionnaireError
from maturity.plan import Quarter, Step, topological
from maturity.questionnaire import load_questionnaire
from maturity.report.inputs import ReportLang
from maturity.schema.projects import CostBand
from tests.conftest import DATA

PLANT = DATA / "plant"

ANSWERS = """\
format: maturity-answers/1
questionnaire: {id: plant, version: "0.1"}
organisation: {name: Plant Works, type: discrete}
assessment: {date: 2026-11-20, target_level: 3}
answers:
%s
"""


def answers_text(up_to: int, extra: str = "") -> str:
    q = load_questionnaire(PLANT)
    lines = [f"  {r.id}: {'full' if r.level <= up_to else 'none'}" for r in q.requirements]
    return ANSWERS % "\n".join(lines) + extra


def run(*args: str, plant: Path = PLANT) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--questionnaires", str(plant), *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def level_two(tmp_path: Path) -> Path:
    path = tmp_path / "plant.yaml"
    path.write_text(answers_text(2), encoding="utf-8")
    return path


def copy_plant(tmp_path: Path) -> Path:
    target = tmp_path / "plant"
    shutil.copytree(PLANT, target)
    return target


def edit_projects(folder: Path, old: str, new: str) -> None:
    path = folder / "projects" / "plant.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


# --- loading ---------------------------------------------------------------------------------


def load_problems(folder: Path) -> list[str]:
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(folder)
    return [p.text("en") for p in caught.value.problems]


def test_a_cycle_of_needs_is_refused_with_its_path(tmp_path: Path) -> None:
    folder = copy_plant(tmp_path)
    # planning basics would wait for the MES, which waits for planning basics
    edit_projects(
        folder,
        "    closes: [planning.1.01, planning.1.02, planning.2.01]\n",
        "    closes: [planning.1.01, planning.1.02, planning.2.01]\n    needs: [mes-rollout]\n",
    )
    found = load_problems(folder)
    assert found == [
        "the prerequisites of project 'planning-basics' form a cycle:"
        " planning-basics -> mes-rollout -> planning-basics. Remove one of these needs.",
        "the prerequisites of project 'mes-rollout' form a cycle:"
        " mes-rollout -> planning-basics -> mes-rollout. Remove one of these needs.",
    ]


def test_a_cycle_through_a_needed_requirement_is_refused(tmp_path: Path) -> None:
    folder = copy_plant(tmp_path)
    # it-basics needing data.2.01 (closed by data governance, which needs it-basics)
    edit_projects(
        folder,
        "    closes: [integration.1.01, integration.1.02, data.1.01, data.1.02]\n",
        "    closes: [integration.1.01, integration.1.02, data.1.01, data.1.02]\n"
        "    needs: [data.2.01]\n",
    )
    assert "it-basics -> data-governance -> it-basics" in load_problems(folder)[0]


def test_unknown_ids_self_needs_and_gaps_are_located(tmp_path: Path) -> None:
    folder = copy_plant(tmp_path)
    edit_projects(
        folder, "    closes: [ehs.1.01, ehs.1.02]\n", "    closes: [ehs.1.01, ehs.9.01]\n"
    )
    edit_projects(
        folder, "    needs: [hazard-identification]\n", "    needs: [ehs.2.01, nowhere]\n"
    )
    edit_projects(folder, "    scenarios: [safety-risk-control]\n", "    scenarios: [moon]\n")
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(folder)
    shown = [f"{p.file}:{p.line or '-'}: {p.text('en')}" for p in caught.value.problems]
    assert shown == [
        "plant/projects/plant.yaml:7: project 'hazard-identification' closes an unknown"
        " requirement 'ehs.9.01'.",
        "plant/projects/plant.yaml:13: project 'hazard-identification' names a scenario 'moon'"
        " that scenarios.yaml does not list.",
        "plant/projects/plant.yaml:20: project 'safety-management-system' needs 'ehs.2.01',"
        " which is itself or a requirement it closes: remove it from needs.",
        "plant/projects/plant.yaml:20: project 'safety-management-system' needs an unknown id"
        " 'nowhere': name a project or a requirement.",
        "plant/projects:-: 1 requirements are closed by no project: ehs.1.02. Add each to a"
        " project's closes.",
    ]


def test_a_bad_band_or_month_range_is_a_schema_problem(tmp_path: Path) -> None:
    folder = copy_plant(tmp_path)
    edit_projects(folder, '    cost: "<10"\n', '    cost: "cheap"\n')
    edit_projects(folder, "    months: [3, 6]\n", "    months: [6, 3]\n")
    found = load_problems(folder)
    assert len(found) == 2  # no finding about coverage while a file could not be read
    assert (
        found[0] == "field 'projects[0].cost': Input should be '<10', '10-50', '50-200' or '>200'"
    )
    assert "months are [fewest, most] with 1 <= fewest <= most" in found[1]


def test_cost_bands_have_bounds_and_midpoints() -> None:
    assert [b.bounds for b in CostBand] == [(0, 10), (10, 50), (50, 200), (200, None)]
    assert [b.midpoint for b in CostBand] == [5.0, 30.0, 125.0, 300.0]


# --- ranking edges ---------------------------------------------------------------------------


def test_topological_keeps_the_ranking_where_it_can() -> None:
    plant = load_questionnaire(PLANT)
    projects = {p.id: p for p in plant.projects}

    def step(pid: str, level: int, needs: tuple[str, ...] = ()) -> Step:
        return Step(projects[pid], (), level, 0.0, 0.0, 0, needs)

    # the link ranks first on its own merits, but needs the MES: the MES takes the link's place,
    # just before it, rather than waiting for its own turn behind IT basics
    steps = [
        step("erp-mes-link", 2, ("mes-rollout",)),
        step("it-basics", 3),
        step("mes-rollout", 4),
    ]
    assert [s.id for s in topological(steps)] == ["mes-rollout", "erp-mes-link", "it-basics"]


def test_priorities_decide_between_projects_equal_on_everything_else() -> None:
    plant = load_questionnaire(PLANT)
    p = {x.id: x for x in plant.projects}
    # planning basics and IT basics: same band, same months, same gain: the KPI fit decides
    a = Step(p["planning-basics"], (), 1, 0.25, 0.25, kpi_fit=0, needs=())
    b = Step(p["it-basics"], (), 1, 0.25, 0.25, kpi_fit=3, needs=())
    assert [s.id for s in topological([a, b])] == ["it-basics", "planning-basics"]
    assert [s.id for s in topological([a, b.__class__(**{**b.__dict__, "kpi_fit": 0})])] == [
        "it-basics",  # then the id
        "planning-basics",
    ]


def test_quarters_count_across_years() -> None:
    assert Quarter(2026, 4).plus(1) == Quarter(2027, 1)
    assert str(Quarter(2026, 3).plus(6)) == "2028 Q1"


# --- maturity plan ---------------------------------------------------------------------------


def test_plan_csv_has_a_row_per_project_in_plan_order(level_two: Path) -> None:
    code, out, err = run("plan", str(level_two), "-f", "csv", "--lang", "en")
    assert (code, err) == (0, "")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == [
        "Phase", "Rank", "Id", "Project", "Start", "End", "Months", "Indicative cost",
        "Owner", "KPIs", "Needs", "Closes", "First step", "Needed for level",
        "Legal obligation",
    ]  # fmt: skip
    assert rows[1] == [
        "1", "1", "erp-mes-link", "Link ERP and MES", "2027 Q1", "2027 Q2", "3–6",
        "RMB 0.1–0.5 million", "IT manager", "Delivery: On-time delivery rate (weekly)", "",
        "integration.3.01, integration.3.02, planning.3.01",
        "The IT manager maps the data flows between the two systems.", "level 3", "",
    ]  # fmt: skip
    assert [r[2] for r in rows[1:]] == [
        "erp-mes-link", "data-governance", "ehs-monitoring", "aps-scheduling", "data-platform",
    ]  # fmt: skip


def test_plan_markdown_says_phases_budgets_and_the_minimal_set(level_two: Path) -> None:
    code, out, _ = run("plan", str(level_two), "--lang", "en")
    assert code == 0
    assert out.startswith(
        "# Improvement plan: Plant Works\n\n"
        "From 2027 Q1, level 2 towards level 3\n\n"
        "The plan starts in the first full quarter after the assessment date.\n\n"
        "Cost bands are indicative, for planning only, not a quote.\n\n"
        "- Needed for level 3 (minimal set of 4, indicative cost RMB 1.2–5 million, level 3"
        " expected by 2028 Q1): Link ERP and MES (erp-mes-link), Data governance"
        " (data-governance), Online EHS monitoring (ehs-monitoring), APS scheduling"
        " (aps-scheduling)\n\n"
        "## Promotion roadmap (2027 Q1–2028 Q1, 4 projects, indicative cost RMB 1.2–5 million)\n"
    )
    assert "### Phase 1: 2027 Q1–2027 Q3, indicative budget RMB 0.7–3 million\n" in out
    # the tier line lists every project closing the related gaps and says it is not the minimal set
    assert (
        "- Excellence smart factory: needs level 3 or above, not yet met; every project that"
        " closes the related gaps (not the minimal set): erp-mes-link,"
    ) in out
    assert "- Basic smart factory: needs level 2 or above, level condition met" in out


def test_plan_markdown_in_chinese(level_two: Path) -> None:
    code, out, _ = run("plan", str(level_two), "--lang", "zh")
    assert code == 0
    assert "从 2027 Q1 起，由 2 级迈向 3 级" in out
    assert "计划从评估日期后的下一个完整季度开始排期。" in out
    assert (
        "- 3 级必需（最小项目组合，4 个项目，参考费用 120–500 万元，预计 2028 Q1 达到 3 级）："
        "ERP 与 MES 集成 (erp-mes-link)"
    ) in out
    assert "## 晋级路线图（2027 Q1–2028 Q1，4 个项目，参考费用 120–500 万元，指示性）" in out
    assert "### 第 1 阶段：2027 Q1–2027 Q3，参考预算 70–300 万元（指示性）" in out
    assert "| 3–6 | 10–50 万元 |" in out


def test_plan_json_is_the_plan_object(level_two: Path) -> None:
    code, out, _ = run("plan", str(level_two), "-f", "json")
    data = json.loads(out)
    assert (code, data["format"], data["top"]) == (
        0,
        "maturity-plan/1",
        ["erp-mes-link", "data-governance", "ehs-monitoring"],
    )
    assert data["phases"][0]["budget_wan_rmb"] == {"low": 70, "high": 300, "indicative": True}
    link = data["projects"][0]
    assert (link["id"], link["blocks_next_level"], link["months"]) == ("erp-mes-link", True, [3, 6])
    assert [t["met"] for t in data["tiers"]] == [True, True, False, False]


def test_plan_xlsx_is_a_gantt(level_two: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "plan.xlsx"
    code, _, err = run("plan", str(level_two), "-o", str(out), "--lang", "en")
    assert code == 0 and "wrote" in err.lower()
    table, chart, summary = load_workbook(out).worksheets
    assert table.freeze_panes == "D2"
    header = [c.value for c in table[1]]
    assert header[:4] == ["Phase", "Rank", "Id", "Project"]
    assert table[2][2].value == "erp-mes-link"
    # the Gantt has its own sheet: rank, project, then a column per quarter
    assert [c.value for c in chart[1]][:4] == ["Rank", "Project", "2027 Q1", "2027 Q2"]
    link = list(chart[2])
    assert link[1].value == "Link ERP and MES"
    filled = [c.fill.fgColor.rgb[-6:] if c.fill.fill_type else None for c in link[2:6]]
    assert filled == ["9DC3E6", "9DC3E6", None, None]  # runs 2027 Q1-Q2 in phase 1's colour
    lines = [c.value for c in summary["A"] if c.value]
    assert lines[0].startswith("Needed for level 3 (minimal set of 4, indicative cost")
    assert lines[1] == (
        "Promotion roadmap (2027 Q1–2028 Q1, 4 projects, indicative cost RMB 1.2–5 million)"
    )
    assert lines[3:5] == [
        "Phase 1: 2027 Q1–2027 Q3, indicative budget RMB 0.7–3 million",
        "Phase 2: 2027 Q3–2028 Q1, indicative budget RMB 0.5–2 million",
    ]
    assert "Basic smart factory: needs level 2 or above, level condition met" in lines


def test_hostile_text_is_defused_in_every_export(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    folder = copy_plant(tmp_path)
    hostile = 'name: {zh: "=HYPERLINK(1)", en: "=HYPERLINK(\\"http://x\\")|*x*"}'
    edit_projects(folder, "name: {zh: ERP 与 MES 集成, en: Link ERP and MES}", hostile)
    answers = tmp_path / "a.yaml"
    answers.write_text(answers_text(2).replace("Plant Works", "'[x](http://evil)'"), "utf-8")
    code, out, _ = run("plan", str(answers), "-f", "csv", "--lang", "en", plant=folder)
    assert code == 0 and ',"\'=HYPERLINK(""http://x"")|*x*",' in out
    code, out, _ = run("plan", str(answers), "--lang", "en", plant=folder)
    assert "# Improvement plan: \\[x\\](http://evil)" in out
    assert '=HYPERLINK("http://x")\\|\\*x\\*' in out
    xlsx = tmp_path / "p.xlsx"
    code, _, _ = run("plan", str(answers), "-o", str(xlsx), "--lang", "en", plant=folder)
    cell = load_workbook(xlsx).worksheets[0]["D2"]
    assert (code, cell.data_type, cell.value) == (0, "s", '=HYPERLINK("http://x")|*x*')


def test_plan_output_is_never_an_input_and_the_format_must_be_known(
    level_two: Path, tmp_path: Path
) -> None:
    before = level_two.read_bytes()
    code, _, err = run("plan", str(level_two), "-o", str(level_two), "-f", "md")
    assert code == 2 and "error:" in err
    assert level_two.read_bytes() == before
    code, _, err = run("plan", str(level_two), "-o", str(tmp_path / "plan.txt"))
    assert (code, err.strip()) == (
        2,
        f"error: cannot tell the format from the name '{tmp_path / 'plan.txt'}': use .xlsx, .csv,"
        " .md or .json, or give -f.",
    )
    code, _, err = run("plan", str(level_two), "-f", "xlsx")
    assert (code, err.strip()) == (
        2,
        "error: the xlsx format needs an output file: give -o plan.xlsx.",
    )


# --- KPI baselines ---------------------------------------------------------------------------

KPIS = """\
kpis:
  - {kpi: on_time_delivery, value: 86.5, date: 2026-10-31}
  - {kpi: oee, value: 61, unit: "%", date: 2026-10-31}
"""


def test_kpi_baselines_go_into_the_result_and_beside_the_projects(tmp_path: Path) -> None:
    from tests.conftest import score_file

    path = tmp_path / "plant.yaml"
    path.write_text(answers_text(2, KPIS), encoding="utf-8")
    scored = score_file(path, [PLANT])
    assert [(k.kpi, k.value) for k in scored.result.kpis] == [
        ("on_time_delivery", 86.5),
        ("oee", 61.0),
    ]
    from maturity.report.render import prepare

    view, _, _ = prepare(scored.report_input(), "en")
    link = next(a for a in view.actions if a.id == "erp-mes-link")
    assert link.baselines == ("On-time delivery 86.5 % (2026-10-31)",)
    platform = next(a for a in view.actions if a.id == "data-platform")
    assert platform.baselines == ("OEE 61 % (2026-10-31)",)


@pytest.mark.parametrize(("lang", "shown"), [("en", "to be measured"), ("zh", "待采集")])
def test_a_baseline_of_another_kpi_in_the_same_group_is_not_shown(
    tmp_path: Path, lang: ReportLang, shown: str
) -> None:
    """aps-scheduling moves schedule changes (delivery), not on-time delivery: no OTD value."""
    from maturity.report.render import prepare
    from tests.conftest import score_file

    path = tmp_path / "plant.yaml"
    path.write_text(answers_text(2, KPIS), encoding="utf-8")
    view, _, _ = prepare(score_file(path, [PLANT]).report_input(), lang)
    rows = {a.id: a.baselines for a in view.actions}
    assert rows["aps-scheduling"] == (shown,)
    assert rows["ehs-monitoring"] == (shown,)  # no safety baseline given


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            "{kpi: oeee, value: 61, date: 2026-10-31}",
            "6: unknown KPI 'oeee': use one of oee, labour_productivity, first_pass_yield,"
            " scrap_rate, unit_cost, inventory_turns, on_time_delivery, lead_time,"
            " energy_per_unit, lost_time_injury_rate, changeover_time.",
        ),
        (
            "{kpi: oee, value: 61, date: 2027-01-05}",
            "27: the date 2027-01-05 of KPI 'oee' is after the assessment date 2026-11-20.",
        ),
    ],
)
def test_bad_kpi_baselines_are_located(tmp_path: Path, entry: str, message: str) -> None:
    path = tmp_path / "plant.yaml"
    text = answers_text(2, f"kpis:\n  - {entry}\n")
    path.write_text(text, encoding="utf-8")
    code, _, err = run("validate", str(path))
    assert (code, err.splitlines()[0]) == (2, f"error: {path}:{text.count(chr(10))}:{message}")


def test_a_kpi_value_must_be_a_number(tmp_path: Path) -> None:
    path = tmp_path / "plant.yaml"
    path.write_text(answers_text(2, "kpis:\n  - {kpi: oee, value: high, date: 2026-10-31}\n"))
    code, _, err = run("validate", str(path))
    assert code == 2 and "field 'kpis[0].value'" in err


def test_a_quick_scan_gets_no_plan_but_a_pointer_to_the_full_assessment(tmp_path: Path) -> None:
    from maturity.questionnaire import Catalog
    from tests.conftest import answer_doc, write_yaml

    quick = Catalog().load("quick")
    doc = answer_doc(quick, dict.fromkeys((q.id for q in quick.questions), 2))
    path = write_yaml(tmp_path / "quick.yaml", doc)
    result = CliRunner().invoke(app, ["plan", str(path), "--lang", "en"])
    assert (result.exit_code, result.stderr.strip()) == (
        2,
        "error: a quick scan names the sub-domains to assess in full first; it gives no project"
        f" plan: run the full assessment (maturity assess --from {path}).",
    )


def synthetic(pid: str, months: int, gain_ids: tuple[str, ...]) -> Step:
    from maturity.schema.result import RequirementResult

    base = load_questionnaire(PLANT).projects[0]
    update = {"id": pid, "months": (months, months), "cost": CostBand.under_10}
    project = base.model_copy(update=update)
    rows = tuple(
        RequirementResult(id=r, subdomain="s", level=2, rating="none", value=0.0, answered=True)
        for r in gain_ids
    )
    return Step(project, rows, 2, 0.1, 0.1, 0, ())


def test_the_minimal_set_is_exact_where_greedy_would_overpay() -> None:
    from maturity.plan import _greedy, minimal_set

    # A adds 0.9 for 10 (0.09 a unit), B and C add 0.5 for 7.5 each; the gate needs 1.0. Greedy
    # takes A first, then B (17.5); the cheapest set is B and C (15).
    steps = [synthetic("a", 2, ("r1",)), synthetic("b", 1, ("r2",)), synthetic("c", 1, ("r3",))]
    steps = [replace(s, project=s.project.model_copy(update={"months": (1, 2)})) if s.id != "a"
             else s for s in steps]  # fmt: skip
    gain = {"r1": 0.9, "r2": 0.5, "r3": 0.5}
    by_id = {s.id: s for s in steps}
    assert sorted(_greedy(["a", "b", "c"], 1.0, by_id, gain)) == ["a", "b"]
    assert minimal_set(steps, 1.0, gain) == ({"b", "c"}, True)
    assert minimal_set(steps, 2.0, gain) == ({"a", "b", "c"}, False)
    assert minimal_set(steps, 0.0, gain) == (set(), True)


def test_a_law_covering_a_requirement_the_project_does_not_close_is_located(
    tmp_path: Path,
) -> None:
    # statutory_covers names what the law requires; a requirement the project does not close
    # could never make it binding, so it is a data error with its line.
    folder = copy_plant(tmp_path)
    edit_projects(
        folder,
        "    closes: [ehs.1.01, ehs.1.02]\n",
        "    closes: [ehs.1.01, ehs.1.02]\n    statutory_covers: [ehs.1.02, ehs.2.01]\n",
    )
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(folder)
    shown = [f"{p.file}:{p.line or '-'}: {p.text('en')}" for p in caught.value.problems]
    assert shown == [
        "plant/projects/plant.yaml:8: project 'hazard-identification' lists 'ehs.2.01' in"
        " statutory_covers but does not close it: add it to closes first."
    ]


def test_the_plan_is_the_same_in_every_process() -> None:
    # sets of ids are iterated in hash order, which changes from process to process: a plan must
    # not depend on it (an earlier version once ranked two projects differently between runs)
    import os
    import subprocess
    import sys
    from pathlib import Path

    sample = Path(__file__).resolve().parent.parent / "examples" / "cmmm-discrete-sample.yaml"
    outputs = {
        subprocess.run(
            [sys.executable, "-m", "maturity", "plan", str(sample), "-f", "json"],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1
