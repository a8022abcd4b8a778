"""Tailoring whole sub-domains and sub-domains with nothing applicable, on the mini questionnaire.

Mini questionnaire (tests/data/mini): sub-domains a, b, c (discrete weights a=2 b=1 c=1).
  a: L1 x2, L2, L3, L4, L5        b: L1, L2 x2, L3, L4, L5        c: L2, L3, L3 (process only), L4, L5
Plan domains: design = a; production = b, c. Gate 0.8, rule B.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from maturity.questionnaire import Questionnaire
from maturity.rules import LoadedRules
from maturity.scoring import score
from tests.conftest import MINI, answer_doc, make_answers, write_yaml

REASON = "本企业只做来料加工"


def _ratings() -> dict[str, Any]:
    # a: full at L1-L2, none above; b: none everywhere; c: most at L2, full at L3, none above
    answers: dict[str, Any] = {"a.1.01": "full", "a.1.02": "full", "a.2.01": "full"}
    answers.update({f"a.{lv}.01": "none" for lv in (3, 4, 5)})
    answers.update(dict.fromkeys(("b.1.01", "b.2.01", "b.2.02", "b.3.01", "b.4.01"), "none"))
    answers.update({"b.5.01": "none", "c.2.01": "most", "c.3.01": "full"})
    answers.update({"c.4.01": "none", "c.5.01": "none"})
    return answers


def test_tailored_subdomain_is_out_and_weights_renormalise(
    mini: Questionnaire, mini_rules: LoadedRules
) -> None:
    answers = make_answers(mini, _ratings(), tailoring={"b": REASON})
    result = score(mini, mini_rules, answers)
    # Without b: L1 only a -> S1 = 1
    # L2: a = 1 (w 2/3), c = 0.8 (w 1/3) -> (2 + 0.8) / 3 = 0.933333
    # L3: a = 0 (w 2/3), c = 1 (w 1/3) -> 1/3 = 0.333333; L4 = L5 = 0
    # k = 2; B: (2-1) + 0.933333 + 0.333333 = 2.266667 -> level 2
    assert [ls.score for ls in result.levels] == [1.0, 0.933333, 0.333333, 0.0, 0.0]
    assert (result.level, result.score) == (2, 2.266667)
    assert result.weights["1"] == {"a": 1.0}
    assert result.weights["2"] == {"a": 0.666667, "c": 0.333333}
    b = next(s for s in result.subdomains if s.id == "b")
    assert (b.applicable, b.tailored, b.level, b.score) == (False, REASON, None, None)
    assert set(b.scores.values()) == {None}
    # b's rows are outside the assessment: its six "none" answers are ignored
    assert not [r for r in result.requirements if r.subdomain == "b"]
    assert (result.counts.tailored, result.counts.requirements) == (6, 10)
    # production = b, c; only c counts: L2 0.8, L3 1, L4 0 -> k = 3; B: 2 + 1 + 0 = 3.0
    plans = {p.id.value: p for p in result.plan_domains}
    assert (plans["production"].level, plans["production"].score) == (3, 3.0)


def test_without_tailoring_the_same_answers_score_lower(
    mini: Questionnaire, mini_rules: LoadedRules
) -> None:
    result = score(mini, mini_rules, make_answers(mini, _ratings()))
    # L1: a = 1 (w 2/3), b = 0 (w 1/3) -> 0.666667: level 1 is not reached
    assert result.levels[0].score == pytest.approx(2 / 3, abs=1e-6)
    assert result.level == 0
    assert all(s.applicable and s.tailored is None for s in result.subdomains)


def test_all_na_subdomain_is_not_applicable_not_zero(
    mini: Questionnaire, mini_rules: LoadedRules
) -> None:
    answers = _ratings()
    na = {"rating": "na", "reason": "no such activity"}
    answers.update(dict.fromkeys(("c.2.01", "c.3.01", "c.4.01", "c.5.01"), na))
    result = score(mini, mini_rules, make_answers(mini, answers))
    c = next(s for s in result.subdomains if s.id == "c")
    assert (c.applicable, c.tailored, c.level, c.score) == (False, None, None, None)
    # production is b alone: all none -> level 0, score 0 (applicable, just not met)
    plans = {p.id.value: p for p in result.plan_domains}
    assert (plans["production"].applicable, plans["production"].score) == (True, 0.0)
    # L2: a = 1 (w 2/3), b = 0 (w 1/3) -> 0.666667; c carries no weight
    assert result.weights["2"] == {"a": 0.666667, "b": 0.333333}


def test_plan_domain_with_every_subdomain_out_is_not_applicable(
    mini: Questionnaire, mini_rules: LoadedRules
) -> None:
    answers = _ratings()
    na = {"rating": "na", "reason": "no such activity"}
    answers.update(dict.fromkeys(("c.2.01", "c.3.01", "c.4.01", "c.5.01"), na))
    result = score(mini, mini_rules, make_answers(mini, answers, tailoring={"b": REASON}))
    plans = {p.id.value: p for p in result.plan_domains}
    production = plans["production"]
    assert (production.applicable, production.level, production.score) == (False, None, None)
    # only a is left: L1 1, L2 1, L3 0 -> k = 2, B: 1 + 1 + 0 = 2.0
    assert (result.level, result.score) == (2, 2.0)


# --- through the CLI: validation, and N/A in every output -------------------------------------


def run(*args: str | Path) -> tuple[int, str, str]:
    from typer.testing import CliRunner

    from maturity.cli import app

    argv = ["--questionnaires", str(MINI), *map(str, args), "--lang", "en"]
    result = CliRunner().invoke(app, argv)
    return result.exit_code, result.stdout, result.stderr


def answer_file(tmp_path: Path, mini: Questionnaire, name: str = "a.yaml", **extra: Any) -> Path:
    return write_yaml(tmp_path / name, answer_doc(mini, _ratings(), **extra))


def line_of(path: Path, text: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith(text))


def test_unknown_subdomain_is_an_error_naming_those_that_exist(
    tmp_path: Path, mini: Questionnaire
) -> None:
    path = answer_file(tmp_path, mini, tailoring={"service.product": REASON})
    code, _, err = run("validate", path)
    assert code == 2
    assert err.splitlines()[0] == (
        f"error: {path}:{line_of(path, 'service.product:')}:3: tailoring: 'service.product' is "
        "not a sub-domain of mini 0.1. Sub-domains: a, b, c."
    )


@pytest.mark.parametrize("reason", ["", "  ", None])
def test_a_tailoring_needs_a_reason(tmp_path: Path, mini: Questionnaire, reason: Any) -> None:
    path = answer_file(tmp_path, mini, tailoring={"b": reason})
    code, _, err = run("score", path)
    assert code == 2
    assert err.splitlines() == [
        f"error: {path}:{line_of(path, 'b:')}:3: sub-domain 'b' is tailored out without a "
        "reason. Say why the whole sub-domain does not concern you, e.g. b: contract "
        "processing only."
    ]


def test_answers_inside_a_tailored_subdomain_are_ignored_with_a_warning(
    tmp_path: Path, mini: Questionnaire
) -> None:
    path = answer_file(tmp_path, mini, tailoring={"b": REASON})
    code, _, err = run("validate", path)
    assert code == 0
    assert err.splitlines() == [
        f"warning: {path}:{line_of(path, 'b.1.01:')}:3: sub-domain 'b' is tailored out, but 6 of "
        "its items are answered (b.1.01, b.2.01, b.2.02, …): those answers are ignored. "
        "Remove them, or the tailoring.",
        f"{path}: no errors, 1 warning(s).",
    ]


def test_a_tailored_subdomain_is_not_unanswered(tmp_path: Path, mini: Questionnaire) -> None:
    answers = {k: v for k, v in _ratings().items() if not k.startswith("b.")}
    path = write_yaml(tmp_path / "a.yaml", answer_doc(mini, answers, tailoring={"b": REASON}))
    assert run("validate", path) == (0, "", f"{path}: no errors.\n")


def test_terminal_tables_show_na_not_zero(tmp_path: Path, mini: Questionnaire) -> None:
    path = answer_file(tmp_path, mini, tailoring={"b": REASON})
    code, out, _ = run("score", path)
    assert code == 0
    row = next(line for line in out.splitlines() if "Sub-domain b" in line)
    assert [cell.strip() for cell in row.split("│")[2:4]] == ["N/A", "N/A"]
    assert "0.00" not in row
    assert f"Tailored out (not scored): Sub-domain b ({REASON})" in out


def test_json_has_null_and_the_flags(tmp_path: Path, mini: Questionnaire) -> None:
    import json

    path = answer_file(tmp_path, mini, tailoring={"b": REASON})
    result = json.loads(run("score", path, "-f", "json")[1])
    b = next(s for s in result["subdomains"] if s["id"] == "b")
    assert (b["applicable"], b["tailored"], b["level"], b["score"]) == (False, REASON, None, None)


def test_csv_and_xlsx_write_a_text_na_cell(tmp_path: Path, mini: Questionnaire) -> None:
    import csv

    from openpyxl import load_workbook

    answer_file(tmp_path, mini, tailoring={"b": REASON})
    answer_file(tmp_path, mini, "other.yaml")
    out = tmp_path / "out.csv"
    assert (
        run("score", tmp_path / "a.yaml", tmp_path / "other.yaml", "-f", "csv", "-o", out)[0] == 0
    )
    rows = {r["file"]: r for r in csv.DictReader(out.open(encoding="utf-8-sig"))}
    tailored = rows[str(tmp_path / "a.yaml")]
    assert (tailored["b.level"], tailored["b.score"], tailored["a.level"]) == ("N/A", "N/A", "2")
    assert rows[str(tmp_path / "other.yaml")]["b.score"] == "0.0"
    book = tmp_path / "out.xlsx"
    assert (
        run("score", tmp_path / "a.yaml", tmp_path / "other.yaml", "-f", "xlsx", "-o", book)[0] == 0
    )
    sheet = load_workbook(book)["Results"]
    header = [c.value for c in sheet[1]]
    by_file = {r[0].value: r for r in sheet.iter_rows(min_row=2)}
    cells = by_file[str(tmp_path / "a.yaml")]
    column = next(i for i, h in enumerate(header) if h and "Sub-domain b" in h and "score" in h)
    assert (cells[column].value, cells[column].data_type) == ("N/A", "s")


def test_report_shows_na_leaves_the_radar_axis_out_and_lists_the_reason(
    tmp_path: Path, mini: Questionnaire
) -> None:
    path = answer_file(tmp_path, mini, tailoring={"b": REASON})
    md, html = tmp_path / "r.md", tmp_path / "r.html"
    assert run("report", path, "-o", md, "--format", "md")[0] == 0
    text = md.read_text(encoding="utf-8")
    assert "| Sub-domain b | N/A | N/A | – | – | – | – | – |" in text
    assert (
        f"### Sub-domains tailored out, with reasons\n\n- Sub-domain b — Reason: {REASON}" in text
    )
    assert run("report", path, "-o", html, "--format", "html")[0] == 0
    page = html.read_text(encoding="utf-8")
    radar = page[
        page.index('class="chart radar"') : page.index("</svg>", page.index('class="chart radar"'))
    ]
    assert "Sub-domain a" in radar and "Sub-domain c" in radar
    assert "Sub-domain b" not in radar


def test_report_says_when_not_everything_was_answered(tmp_path: Path, mini: Questionnaire) -> None:
    answers = {k: v for k, v in _ratings().items() if k not in ("a.4.01", "a.5.01")}
    path = write_yaml(tmp_path / "a.yaml", answer_doc(mini, answers, not_asked=["a.5.01"]))
    md = tmp_path / "r.md"
    assert run("report", path, "-o", md, "--format", "md")[0] == 0
    assert (
        "### Answers given\n\nOf 16 items, 14 were answered (0 of them not applicable); 2 were "
        "not answered and score 0, 1 of which were not asked (above the target level). The "
        "result may therefore understate the organisation."
    ) in md.read_text(encoding="utf-8")
    complete = answer_file(tmp_path, mini, "b.yaml")
    assert run("report", complete, "-o", md, "--format", "md")[0] == 0
    assert "Answers given" not in md.read_text(encoding="utf-8")


def test_compare_shows_na_on_the_tailored_side(tmp_path: Path, mini: Questionnaire) -> None:
    import json

    old = answer_file(tmp_path, mini, "old.yaml", assessment={"date": "2025-11-20"})
    new = answer_file(tmp_path, mini, "new.yaml", tailoring={"b": REASON})
    code, out, _ = run("compare", old, new)
    assert code == 0
    row = next(line for line in out.splitlines() if "Sub-domain b" in line)
    assert "0 → N/A" in row and "0.00 → N/A" in row
    changes = json.loads(run("compare", old, new, "--format", "json")[1])["subdomains"]
    b = next(c for c in changes if c["id"] == "b")
    assert (b["after"], b["applicable_before"], b["applicable_after"]) == (None, True, False)


def test_benchmark_cohort_uses_only_firms_where_the_subdomain_applies(
    mini: Questionnaire, mini_rules: LoadedRules
) -> None:
    from maturity.batch import summary_row
    from maturity.peers import CohortKey, build

    def row(n: int, tailoring: dict[str, str]) -> dict[str, Any]:
        met = {"b.1.01": "full", "b.2.01": "full", "b.2.02": "full"}
        answers = _ratings() | ({} if tailoring else met)  # a tailored b's "none"s are ignored
        organisation = {"name": f"Firm {n}", "type": "discrete"}
        answer_file = make_answers(mini, answers, organisation=organisation, tailoring=tailoring)
        return summary_row(f"{n}.yaml", score(mini, mini_rules, answer_file))

    # five firms where b applies (b: L1, L2 met, L3 none -> B: 1 + 1 + 0 = 2.0), four without b
    rows = [row(n, {}) for n in range(5)] + [row(n, {"b": REASON}) for n in range(5, 9)]
    (cohort,) = build(rows, CohortKey.type).cohorts
    assert cohort.size == 9
    assert (cohort.subdomains["b"].q1, cohort.subdomains["b"].median) == (2.0, 2.0)


def test_a_quick_scan_tailors_the_same_way() -> None:
    from maturity.questionnaire import Catalog
    from maturity.rules import default_rules_path, load_rules

    quick = Catalog().load("quick")
    rules = load_rules(default_rules_path(quick), quick)
    answers = {q.id: 3 for q in quick.questions}
    answers["service.product"] = 0  # ignored: the sub-domain is tailored out
    result = score(
        quick, rules, make_answers(quick, answers, tailoring={"service.product": REASON})
    )
    product = next(s for s in result.subdomains if s.id == "service.product")
    assert (product.applicable, product.tailored, product.score) == (False, REASON, None)
    assert result.counts.tailored == 1
    # every other sub-domain chose level 3: levels 1-3 met (1), 4 and 5 not (0) -> B: 2 + 1 + 0
    assert (result.level, result.score) == (3, 3.0)
