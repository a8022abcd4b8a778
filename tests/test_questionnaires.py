"""Shipped questionnaires and rules load; broken ones report every problem with file and line."""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from maturity.cli import app
from maturity.errors import QuestionnaireError
from maturity.i18n import Lang
from maturity.questionnaire import Catalog, Questionnaire, load_questionnaire
from maturity.resources import builtin_dir
from maturity.rules import default_rules_path, load_rules
from maturity.schema.base import DEFAULT_PROFILE, EnterpriseType
from tests.conftest import MINI


def test_every_shipped_questionnaire_and_rules_file_loads() -> None:
    catalog = Catalog()
    found = catalog.directories()
    assert "cmmm" in found
    for qid in found:
        questionnaire = catalog.load(qid)
        load_rules(default_rules_path(questionnaire), questionnaire)
    rule_files = sorted(builtin_dir("scoring_rules").glob("*.yaml"))
    assert rule_files
    for path in rule_files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        load_rules(path, catalog.load(data["questionnaire"]))


def test_cmmm_covers_the_model(cmmm: Questionnaire) -> None:
    header = cmmm.header
    assert (
        len(header.levels),
        len(header.elements),
        len(header.domains),
        len(header.subdomains),
    ) == (5, 4, 12, 20)
    assert len(cmmm.requirements) >= 150
    by_sub: dict[str, set[int]] = {}
    for req in cmmm.requirements:
        by_sub.setdefault(cmmm.subdomain_of[req.id], set()).add(req.level)
    assert set(by_sub) == {s.id for s in header.subdomains}
    assert all(len(levels) >= 3 for levels in by_sub.values()), by_sub
    assert set().union(*by_sub.values()) == {1, 2, 3, 4, 5}
    plan = Counter(s.plan_domain.value for s in header.subdomains)
    assert set(plan) == {"design", "production", "management", "service", "supply_chain"}


def test_cmmm_content_is_complete_and_bilingual(cmmm: Questionnaire) -> None:
    for req in cmmm.requirements:
        texts = [req.statement, req.question, *req.evidence]
        assert all(t.zh.strip() and t.en.strip() for t in texts), req.id
        assert 2 <= len(req.evidence) <= 4
        assert any("\u4e00" <= c <= "\u9fff" for c in req.question.zh), req.id
        assert req.id in cmmm.recommendations, f"no recommendation for {req.id}"
    # every populated cell can be answered by both kinds of enterprise
    for kind in EnterpriseType:
        cells = {(cmmm.subdomain_of[r.id], r.level) for r in cmmm.requirements}
        covered = {
            (cmmm.subdomain_of[r.id], r.level) for r in cmmm.applicable(DEFAULT_PROFILE[kind])
        }
        assert cells == covered, (kind, cells - covered)


def test_requirement_ids_are_hierarchical_and_ordered(cmmm: Questionnaire) -> None:
    for req in cmmm.requirements:
        sub = cmmm.subdomain_of[req.id]
        assert req.id.startswith(f"{sub}.{req.level}.")
    assert len({r.id for r in cmmm.requirements}) == len(cmmm.requirements)


def test_broken_questionnaire_reports_every_problem(tmp_path: Path) -> None:
    broken = tmp_path / "mini"
    shutil.copytree(MINI, broken)
    header = (broken / "questionnaire.yaml").read_text(encoding="utf-8")
    (broken / "questionnaire.yaml").write_text(
        header.replace("domain: d1\n  order: 2", "domain: d9\n  order: 2"), encoding="utf-8"
    )
    sub_a = (broken / "subdomains" / "a.yaml").read_text(encoding="utf-8")
    (broken / "subdomains" / "a.yaml").write_text(
        sub_a.replace("order: 5", "ordre: 5"), encoding="utf-8"
    )
    sub_b = (broken / "subdomains" / "b.yaml").read_text(encoding="utf-8")
    (broken / "subdomains" / "b.yaml").write_text(
        sub_b.replace("id: b.2.01", "id: b.3.07"), encoding="utf-8"
    )
    (broken / "subdomains" / "c.yaml").unlink()
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(broken)
    rendered = [p.render("en") for p in caught.value.problems]
    assert rendered == [
        "mini/questionnaire.yaml:117:3: sub-domain 'b' refers to an unknown domain 'd9'.",
        "mini/subdomains/a.yaml:59:3: missing required field 'requirements[4].order'.",
        "mini/subdomains/a.yaml:61:3: unknown field 'requirements[4].ordre' (a typo?).",
        "mini/subdomains/b.yaml:17:3: requirement id 'b.3.07' does not follow <subdomain>.<level>.<2-digit seq> "
        "or does not match its file and level (expected b.2.NN).",
        "mini/questionnaire.yaml:126:3: sub-domain 'c' has no file mini/subdomains/c.yaml.",
        # with c.yaml gone, its advice points at requirements that no longer exist
        "mini/recommendations/c.yaml:3:5: recommendation for unknown requirement 'c.3.01'.",
        "mini/recommendations/c.yaml:9:5: recommendation for unknown requirement 'c.2.01'.",
    ]


def test_custom_questionnaire_directory_works_like_a_builtin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    by_option = runner.invoke(app, ["--questionnaires", str(MINI), "questionnaires"])
    assert by_option.exit_code == 0, by_option.stderr
    assert "mini" in by_option.stdout and "cmmm" in by_option.stdout
    monkeypatch.setenv("MATURITY_QUESTIONNAIRES", str(MINI.parent))
    by_env = runner.invoke(app, ["show", "mini"], env={"COLUMNS": "200"})
    assert by_env.exit_code == 0, by_env.stderr
    assert "Sub-domain a" in by_env.stdout


def test_show_counts_requirements_per_level(cmmm: Questionnaire) -> None:
    result = CliRunner().invoke(app, ["show", "cmmm", "--lang", "en"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    total_line = [
        line for line in result.stdout.splitlines() if line.strip("│ ").startswith("Total")
    ][-1]
    per_level = [sum(1 for r in cmmm.requirements if r.level == lv) for lv in range(1, 6)]
    numbers = [int(tok) for tok in total_line.replace("│", " ").split() if tok.isdigit()]
    assert numbers == [*per_level, len(cmmm.requirements)]


@pytest.mark.parametrize(
    ("lang", "detail"),
    [
        ("en", "bands must list levels 1 to 5 in order with increasing minimum scores"),
        ("zh", "bands 须按顺序列出等级 1 至 5，且最低分逐级递增"),
    ],
)
def test_a_broken_model_rule_is_told_in_the_users_language(
    tmp_path: Path, lang: str, detail: str
) -> None:
    rules = (MINI / "mini-rules.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "rules.yaml"
    bad.write_text(rules.replace("  - level: 1\n", "  - level: 2\n", 1), encoding="utf-8")
    answers = tmp_path / "a.yaml"
    answers.write_text(
        "format: maturity-answers/1\nquestionnaire: {id: mini, version: '0.1'}\n"
        "organisation: {name: X, type: discrete}\nassessment: {date: 2026-11-25}\nanswers: {a.1.01: full}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        app,
        [
            "--questionnaires",
            str(MINI),
            "score",
            str(answers),
            "--rules",
            str(bad),
            "-f",
            "json",
            "--lang",
            lang,
        ],
    )
    assert result.exit_code == 2
    label, field = ("错误", "字段 'bands'：") if lang == "zh" else ("error", "field 'bands': ")
    assert result.stderr.splitlines() == [f"{label}: {bad}:27:1: {field}{detail}"]


@pytest.mark.parametrize(
    ("lang", "detail"),
    [
        ("en", "field 'levels': must list levels 1 to 5 in order"),
        ("zh", "字段 'levels'：必须依次列出等级 1 到 5"),
    ],
)
def test_levels_out_of_order_are_told_in_the_users_language(
    tmp_path: Path, lang: Lang, detail: str
) -> None:
    broken = tmp_path / "mini"
    shutil.copytree(MINI, broken)
    header = (broken / "questionnaire.yaml").read_text(encoding="utf-8")
    (broken / "questionnaire.yaml").write_text(
        header.replace("- level: 2\n", "- level: 3\n", 1), encoding="utf-8"
    )
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(broken)
    rendered = [p.render(lang) for p in caught.value.problems]
    assert f"mini/questionnaire.yaml:13:1: {detail}" in rendered, rendered


@pytest.mark.parametrize(
    "value", ["../../shared/rules.yaml", "/etc/rules.yaml", "sub/r.yaml", ".."]
)
def test_default_rules_is_a_file_name_not_a_path(tmp_path: Path, value: str) -> None:
    """A path could name a file outside every folder outputs are guarded against."""
    broken = tmp_path / "mini"
    shutil.copytree(MINI, broken)
    header = (broken / "questionnaire.yaml").read_text(encoding="utf-8")
    (broken / "questionnaire.yaml").write_text(
        header.replace("default_rules: mini-rules.yaml", f"default_rules: '{value}'"),
        encoding="utf-8",
    )
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(broken)
    rendered = [p.render("en") for p in caught.value.problems]
    assert rendered == [
        "mini/questionnaire.yaml:6:1: field 'default_rules': default_rules must be a file name "
        "(e.g. gbt39117-2020.yaml), not a path"
    ], rendered
