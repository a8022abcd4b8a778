"""Trend per organisation, folders for trend and validate, and a compare that explains (issue 15,
item 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from maturity.cli import app
from tests.conftest import MINI, REPO
from tests.test_identity import VALID, write_org

SAMPLE = REPO / "examples" / "cmmm-discrete-sample.yaml"
HOSTILE = '=HYPERLINK("http://x.example")\x1b[2J Level 5'


def invoke(*args: str, mini: bool = True) -> tuple[int, str, str]:
    head = ["--questionnaires", str(MINI)] if mini else []
    result = CliRunner().invoke(app, [*head, *args], env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    p = tmp_path / "p"
    write_org(p, "acme-2024", "Acme", 1, "2024-11-20")
    write_org(p, "acme-2026", "ACME", 3, "2026-11-20", id=VALID)
    write_org(p, "acme-2025", "Acme", 2, "2025-11-20")
    write_org(p, "beta", "Beta Works", 2, "2026-01-10")
    write_org(p, "hostile", HOSTILE, 1, "2026-02-01")
    return p


def test_trend_of_a_folder_is_one_series_per_organisation(folder: Path) -> None:
    code, out, err = invoke("trend", str(folder), "-f", "json", "--min-assessments", "1")
    assert code == 0, err
    data = json.loads(out)
    assert data["format"] == "maturity-trend/2"
    series = {(o["name"], o["id"]): [p["date"] for p in o["series"]] for o in data["organisations"]}
    assert series == {
        (HOSTILE, None): ["2026-02-01"],
        ("ACME", VALID): ["2024-11-20", "2025-11-20", "2026-11-20"],  # the id joins the names
        ("Beta Works", None): ["2026-01-10"],
    }


def test_trend_table_titles_each_series_and_shows_names_safely(folder: Path) -> None:
    code, out, err = invoke("trend", str(folder / "*.yaml"), "--lang", "en")
    assert code == 0, err
    titles = [line.strip() for line in out.splitlines() if "assessments over time" in line]
    assert titles == [
        '=HYPERLINK("http://x.example")\\x1b[2J Level 5: assessments over time',
        f"ACME ({VALID}): assessments over time",
        "Beta Works: assessments over time",
    ]
    assert "\x1b" not in out
    code, out, err = invoke("trend", str(folder), "--lang", "zh")
    assert f"ACME（{VALID}）：历次评估" not in out and f"ACME ({VALID})：历次评估" in out


def test_trend_json_keeps_a_hostile_name_as_data(folder: Path) -> None:
    code, out, _ = invoke("trend", str(folder / "hostile.yaml"), "-f", "json")
    assert code == 0
    assert "\x1b" not in out and "\\u001b" in out  # escaped by JSON, the same text when read
    assert json.loads(out)["organisations"][0]["name"] == HOSTILE


def test_trend_goes_on_past_a_broken_file(folder: Path) -> None:
    (folder / "broken.yaml").write_text("x: [\n", encoding="utf-8")
    code, out, err = invoke("trend", str(folder), "-f", "json", "--min-assessments", "1")
    assert code == 3
    assert err.startswith(f"error: {folder / 'broken.yaml'}:2:1: YAML syntax error")
    assert len(json.loads(out)["organisations"]) == 3


def test_validate_takes_a_glob_like_score(folder: Path) -> None:
    code, _, err = invoke("validate", str(folder / "acme-*.yaml"))
    assert code == 0, err
    assert sorted(err.splitlines()) == sorted(
        f"{folder / f'acme-{year}.yaml'}: no errors." for year in (2024, 2025, 2026)
    )


# --- compare: ratings in the output language, and why the level changed ---------------------------

# Level 1 of the sample is 0.968417 (20 sub-domains, each the mean of its level-1 items). Eleven
# level-1 requirements of sub-domains with three level-1 items fall from full to none: each costs
# 1/3 / 20 = 0.016667, together 11/60 = 0.183333, so level 1 goes 0.968417 -> 0.785084 (< 0.80).
# Total before (rule B, k = 2): 1 + S2 + S3 = 1 + 0.806042 + 0.340833 = 2.146875 (recomputed in
# test_samples.py); after: k = 0, S = S1 = 0.785084. Scores are shown cut, not
# rounded, to two decimals (2.14, 0.96, 0.78); a change is the difference of the shown values
# (0.78 - 2.14 = -1.36).
FALLEN = [
    "strategy.1.03",
    "skills.1.01",
    "skills.1.02",
    "design.product.1.01",
    "design.product.1.02",
    "production.procurement.1.01",
    "production.procurement.1.02",
    "production.procurement.1.03",
    "production.energy.1.02",
    "production.energy.1.03",
    "service.product.1.03",
]


@pytest.fixture
def fallen(tmp_path: Path) -> Path:
    text = SAMPLE.read_text(encoding="utf-8").replace("date: 2026-11-20", "date: 2027-11-20")
    for item in FALLEN:
        text = text.replace(f"  {item}: full", f"  {item}: none")
    path = tmp_path / "fallen.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def flat(text: str) -> str:
    return " ".join(text.split())


def test_compare_explains_the_gate_lost_by_which_requirements(fallen: Path) -> None:
    code, out, err = invoke("compare", str(SAMPLE), str(fallen), "--lang", "en", mini=False)
    assert code == 0, err
    items = "; ".join(
        f"{item} Fully met → Not met (-0.017)" for item in sorted(FALLEN, key=_by_effect)
    )
    assert (
        "Level 2 → 0 Score 2.14 → 0.78 -1.36 Level 1 gate lost: the level 1 score went "
        f"0.96 → 0.78 (gate 0.80), by: {items} "
        "Level(s) 2 pass their gate but count only once level 1 is reached."
    ) in flat(out)


def _by_effect(item: str) -> str:
    return item  # equal effects: by id


def test_compare_in_chinese_shows_chinese_ratings(fallen: Path) -> None:
    code, out, err = invoke("compare", str(SAMPLE), str(fallen), "--lang", "zh", mini=False)
    assert code == 0, err
    text = "".join(out.split())  # the table wraps Chinese anywhere: compare without spaces
    assert (
        "未再达到第1级门槛：第1级得分0.96→0.78（门槛0.80），原因："
        "design.product.1.01全部满足→不满足（-0.017）；"
    ) in text
    assert "第2级的得分已过门槛，但须先达到第1级才计入等级。" in text
    (row,) = [line for line in out.splitlines() if line.startswith("│ production.energy.1.02")]
    assert [cell.strip() for cell in row.split("│")[1:-1]] == [
        "production.energy.1.02",
        "全部满足",
        "不满足",
    ]
    assert "full" not in out and "none" not in out


def test_compare_json_gives_the_same_facts(fallen: Path, tmp_path: Path) -> None:
    code, out, err = invoke("compare", str(fallen), str(SAMPLE), "-f", "json", mini=False)
    assert code == 0, err  # the other way round: the gate is won
    data = json.loads(out)
    (gate,) = data["gates"]
    assert {k: gate[k] for k in ("level", "change", "gate")} == {
        "level": 1,
        "change": "won",
        "gate": 0.8,
    }
    assert sorted(b["id"] for b in gate["by"]) == sorted(FALLEN)
    assert {(b["rating_before"], b["rating_after"], b["effect"]) for b in gate["by"]} == {
        ("none", "full", 0.016667)
    }
    assert sum(b["effect"] for b in gate["by"]) == pytest.approx(
        gate["score_after"] - gate["score_before"], abs=1e-5
    )
    assert data["blocked_levels"] == []


@pytest.mark.parametrize(
    ("old", "new", "warning"),
    [
        # one id, the firm renamed: the same organisation
        (("Acme", VALID), ("Acme Gearboxes", VALID), None),
        (("Acme", None), ("ACME", None), None),  # the same name, spelt alike after normalising
        (
            ("Acme", VALID),
            ("Acme", "CRM-7"),
            f"the two answer files name different organisations (Acme ({VALID}) / Acme (CRM-7))",
        ),
    ],
)
def test_compare_warns_about_two_organisations_by_identity(
    tmp_path: Path,
    old: tuple[str, str | None],
    new: tuple[str, str | None],
    warning: str | None,
) -> None:
    first = write_org(tmp_path, "a", old[0], 1, "2025-11-20", **({"id": old[1]} if old[1] else {}))
    second = write_org(tmp_path, "b", new[0], 2, "2026-11-20", **({"id": new[1]} if new[1] else {}))
    code, _, err = invoke("compare", str(first), str(second))
    assert code == 0
    assert ("different organisations" in err) == (warning is not None)
    if warning is not None:
        assert f"warning: {warning}; make sure they are the same one.\n" in err


def test_trend_of_a_folder_lists_re_assessed_organisations_after_an_overview(
    folder: Path,
) -> None:
    write_org(folder, "beta-2025", "Beta Works", 1, "2025-01-10")
    code, out, err = invoke("trend", str(folder), "--lang", "en")
    assert code == 0, err
    assert err == (
        "left out: 1 organisation(s) with fewer than 2 assessments; "
        "--min-assessments 1 lists them all.\n"
    )
    assert "x.example" not in out
    lines = out.splitlines()
    assert lines[0] == "Overview (first → latest)"
    row = next(line for line in lines if line.startswith("│ ACME"))
    assert [cell.strip() for cell in row.split("│")[2:8]] == [
        "3",
        "2024-11-20",
        "2026-11-20",
        "1 → 3",
        "1.00 → 3.00",
        "+2.00",
    ]
    assert f"ACME ({VALID}): assessments over time" in out and "Beta Works: assess" in out
    # named files: every organisation, however often assessed (no overview for one series)
    code, out, err = invoke("trend", str(folder / "hostile.yaml"), "--lang", "en")
    assert code == 0 and err == "" and "Level 5: assessments over time" in out
    assert "Overview" not in out
