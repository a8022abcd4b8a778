"""compare, trend, the report's progress section, report DIR, and benchmark by cohort."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from maturity.cli import app
from maturity.errors import ExitCode
from maturity.peers import MIN_COHORT, Band, CohortKey, Quartiles, build, standing
from maturity.reference import share_at_or_above
from maturity.rules import load_rules
from tests.conftest import MINI, REPO, answer_doc, write_yaml

SAMPLE = REPO / "examples" / "cmmm-discrete-sample.yaml"


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["--lang", "en"][0:0] + list(args), env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def older(tmp_path: Path) -> Path:
    # a year earlier (KPI baselines too): strategy.1.02 not met (strategy level 1: (1 + 0 + 1) / 3
    # = 0.67 < 0.80), strategy.3.02 not met, skills.1.01 mostly met
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace("date: 2026-11-20", "date: 2025-11-18").replace(
        "date: 2026-10-31", "date: 2025-10-31"
    )
    text = text.replace("  strategy.1.02: {rating: most", "  strategy.1.02: {rating: none")
    text = text.replace("  strategy.3.02: {rating: partial", "  strategy.3.02: {rating: none")
    text = text.replace("  skills.1.01: full", "  skills.1.01: most")
    path = tmp_path / "older.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_compare_lists_improved_requirements(older: Path) -> None:
    code, out, err = invoke("compare", str(older), str(SAMPLE), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert data["dates"] == ["2025-11-18", "2026-11-20"]
    assert [r["id"] for r in data["improved"]] == ["strategy.1.02", "strategy.3.02", "skills.1.01"]
    assert data["regressed"] == []
    strategy = next(s for s in data["subdomains"] if s["id"] == "strategy")
    assert (
        strategy["level_before"] == 0 and strategy["level_after"] == 2
    )  # 1.02 none broke the level-1 gate
    assert data["score"]["delta"] == pytest.approx(
        data["score"]["after"] - data["score"]["before"], abs=1e-6
    )


def test_compare_in_the_wrong_order_warns(older: Path) -> None:
    code, _, err = invoke("compare", str(SAMPLE), str(older), "--lang", "en")
    assert code == 0
    assert f"warning: {older} is dated before {SAMPLE}; give the older file first." in err


def test_trend_orders_by_date(older: Path) -> None:
    code, out, _ = invoke("trend", str(SAMPLE), str(older), "--format", "json")
    assert code == 0
    (organisation,) = json.loads(out)["organisations"]
    assert [p["date"] for p in organisation["series"]] == ["2025-11-18", "2026-11-20"]


def test_trend_reads_the_rules_once(older: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI keeps one Assessor per rules path and strictness: the rules are not re-read for
    every file."""
    from maturity import assessment

    reads: list[Path] = []

    def counting(path: Path, questionnaire: Any) -> Any:
        reads.append(path)
        return load_rules(path, questionnaire)

    monkeypatch.setattr(assessment, "load_rules", counting)
    code, out, _ = invoke("trend", str(SAMPLE), str(older), str(SAMPLE), "--format", "json")
    assert code == 0
    (organisation,) = json.loads(out)["organisations"]
    assert len(organisation["series"]) == 2  # a file named twice is one assessment, as in score
    assert len(reads) == 1


def test_report_previous_adds_progress(older: Path, tmp_path: Path) -> None:
    out = tmp_path / "r.md"
    code, _, err = invoke(
        "report", str(SAMPLE), "-o", str(out), "--previous", str(older), "--lang", "en"
    )
    assert code == 0, err
    html_out = tmp_path / "r.html"
    invoke("report", str(SAMPLE), "-o", str(html_out), "--previous", str(older), "--lang", "en")
    html = html_out.read_text(encoding="utf-8")
    assert "Progress since the last assessment" in html
    assert "Last assessment (2025-11-18): level 2" in html
    assert "Requirements improved (3)" in html


def test_report_directory_writes_one_report_per_file(tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "a.yaml")
    shutil.copy(REPO / "examples" / "cmmm-process-sample.yaml", folder / "b.yaml")
    (folder / "c.yaml").write_text("format: maturity-answers/1\n", encoding="utf-8")
    code, _, err = invoke(
        "report",
        str(folder),
        "-o",
        str(tmp_path / "reports"),
        "--format",
        "md",
        "--jobs",
        "2",
        "--lang",
        "en",
    )
    assert code == ExitCode.PARTIAL
    names = sorted(p.name for p in (tmp_path / "reports").iterdir())
    assert names == ["a.md", "b.md", "index.html"]  # the index lists the two written
    assert f"error: {folder / 'c.yaml'}:1:1: missing required field 'questionnaire'." in err
    assert "2 report(s) written, 1 failed" in err


def rows(levels_scores: list[tuple[str, int, float]]) -> list[dict[str, object]]:
    return [
        {
            "file": f"f{i}",
            "organisation": f"Org {i}",
            "industry": ind,
            "level": lvl,
            "score": sc,
            "a.score": sc / 2,
        }
        for i, (ind, lvl, sc) in enumerate(levels_scores)
    ]


def test_cohorts_below_five_are_hidden() -> None:
    data = rows(
        [("toys", 2, 2.0 + i / 10) for i in range(5)] + [("steel", 1, 1.0) for _ in range(4)]
    )
    bench = build(data, CohortKey.industry)
    assert [c.name for c in bench.cohorts] == ["toys"]
    assert bench.hidden == 1 and MIN_COHORT == 5
    toys = bench.cohorts[0]
    # scores 2.0, 2.1, 2.2, 2.3, 2.4: inclusive quartiles 2.1 / 2.2 / 2.3, shown in steps of 0.2
    # in a cohort this small
    assert (toys.score.q1, toys.score.median, toys.score.q3) == pytest.approx((2.2, 2.2, 2.4))
    assert toys.levels == {2: 5}
    assert toys.subdomains["a"].median == pytest.approx(1.2)  # 1.1, in steps of 0.2


def test_standing_in_the_cohort() -> None:
    data = rows([("toys", 2, float(s)) for s in (1, 2, 3, 4, 5)])
    me = {"file": "me", "industry": "toys", "level": 3, "score": 3.5, "a.score": 2.2}
    place = standing(data, me, CohortKey.industry)
    assert place is not None
    assert place.band is Band.median_q3  # quartiles 2 / 3 / 4: a band, not "60% score lower"
    assert place.subdomains["a"] == (2.2, Band.above_q3)  # peers 0.5 1 1.5 2 2.5: 1 / 1.5 / 2
    assert standing(data[:4], me, CohortKey.industry) is None  # too few peers: not compared


def test_quartiles_of_one_value() -> None:
    assert Quartiles.of([2.0]) == Quartiles(2.0, 2.0, 2.0, 0.2)


def test_reference_share_at_or_above() -> None:
    from maturity.reference import load_reference

    snaps = {
        s.id: s
        for s in load_reference(REPO / "questionnaires" / "cmmm" / "reference.yaml").snapshots
    }
    assert share_at_or_above(snaps["cesi-2022"], 2) == pytest.approx(0.21 + 0.12 + 0.04)
    assert share_at_or_above(snaps["cesi-2022"], 0) == pytest.approx(1.0)


def test_benchmark_command(tmp_path: Path) -> None:
    from maturity.questionnaire import load_questionnaire

    q = load_questionnaire(MINI)
    for i in range(6):
        kind_answers = {
            r.id: ("full" if r.level <= 1 + i % 3 else "none")
            for r in q.requirements
            if len(r.applies_to) == 4
        }
        doc = answer_doc(q, kind_answers)
        doc["organisation"]["name"] = f"Org {i}"
        doc["organisation"]["industry"] = "toys" if i < 5 else "steel"
        write_yaml(tmp_path / f"org{i}.yaml", doc)
    result = CliRunner().invoke(
        app,
        [
            "--questionnaires",
            str(MINI),
            "benchmark",
            str(tmp_path),
            "--format",
            "json",
            "--by",
            "industry",
            "--org",
            str(tmp_path / "org0.yaml"),
            "--jobs",
            "1",
        ],
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [c["name"] for c in data["cohorts"]] == ["toys"]
    assert data["hidden_cohorts"] == 1
    # levels 1 2 3 1 2: every level is held by fewer than 3, so none is shown
    assert data["cohorts"][0]["level_shares"] == dict.fromkeys("012345")
    # org0 is one of the 5, counted once; with org3 (also level 1) it makes Q1 itself
    assert data["organisation"]["band"] == "q1_median"
    assert "not compared" not in result.stderr
    assert yaml.safe_load(json.dumps(data["reference"]))[0]["self_reported"] is True


def test_trend_json_writes_a_file_name_that_is_not_utf8_with_its_bytes_escaped(
    tmp_path: Path,
) -> None:
    import os
    import shutil

    gbk = tmp_path / os.fsdecode(b"\xbd\xad.yaml")
    shutil.copy(SAMPLE, gbk)
    result = CliRunner().invoke(app, ["trend", str(gbk), str(SAMPLE), "-f", "json"])
    assert result.exit_code == 0, result.stderr
    (organisation,) = json.loads(result.stdout_bytes.decode("utf-8"))["organisations"]
    files = [p["file"] for p in organisation["series"]]
    assert f"{tmp_path}/\\xbd\\xad.yaml" in files
