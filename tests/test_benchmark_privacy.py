"""Benchmark privacy: no figure, alone or subtracted from another, shows one organisation's answers."""

from __future__ import annotations

import json
import random
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from maturity.cli import app
from maturity.i18n import msg
from maturity.peers import (
    MIN_COHORT,
    Band,
    CohortKey,
    Quartiles,
    build,
    latest_per_organisation,
    organisation_id,
    standing,
)
from tests.conftest import MINI, answer_doc, write_yaml


def row(name: str, level: int, score: float, **fields: Any) -> dict[str, Any]:
    base = {
        "file": f"{name}.yaml",
        "organisation": name,
        "date": "2026-11-20",
        "type": "discrete",
        "level": level,
        "score": score,
    }
    return {**base, "a.score": score / 2, **fields}


def histogram(rows: list[dict[str, Any]], key: CohortKey) -> Counter[int]:
    total: Counter[int] = Counter()
    for cohort in build(rows, key).cohorts:
        total.update(cohort.levels)
    return total


def test_a_small_cohort_is_left_out_of_its_own_grouping_only() -> None:
    # five toy makers and one steel mill: the mill is too few by industry, not overall
    data = [row(f"Toys {i}", 2, 2.0 + i / 10, industry="toys") for i in range(5)] + [
        row("Steel", 4, 4.2, industry="steel")
    ]
    assert histogram(data, CohortKey.all) == Counter({2: 5, 4: 1})
    bench = build(data, CohortKey.industry)
    assert (bench.small, bench.organisations, bench.left_out) == ((("steel", 1),), 5, 1)
    assert [(c.name, c.size) for c in bench.cohorts] == [("toys", 5)]


def test_leaving_a_small_cohort_out_never_cascades() -> None:
    # the steel mill is alone by industry, but "west" (4 toy makers and it) is a cohort of 5
    data = [
        row(f"Toys {i}", 2, 2.0, industry="toys", region="east" if i < 5 else "west")
        for i in range(9)
    ]
    data.append(row("Steel", 4, 4.2, industry="steel", region="west"))
    assert [(c.name, c.size) for c in build(data, CohortKey.region).cohorts] == [
        ("east", 5),
        ("west", 5),
    ]
    by_both = build(data, [CohortKey.industry, CohortKey.region])
    assert by_both.small == (("steel / west", 1), ("toys / west", 4))
    assert [(c.name, c.size) for c in by_both.cohorts] == [("toys / east", 5)]


def test_a_region_counts_by_its_province() -> None:
    regions = ["江苏省苏州市", "江苏省无锡市", "江苏省常州市", "江苏省", "江苏省南京市江宁区"]
    data = [row(f"Org {i}", 2, 2.0, region=r) for i, r in enumerate(regions)]
    data += [
        row("Hohhot", 1, 1.0, region="内蒙古自治区呼和浩特市"),
        row("SH", 1, 1.0, region="上海市"),
    ]
    bench = build(data, CohortKey.region)
    assert [(c.name, c.size) for c in bench.cohorts] == [("江苏省", 5)]
    assert bench.small == (("上海市", 1), ("内蒙古自治区", 1))


@pytest.mark.parametrize("seed", range(20))
def test_every_shown_cohort_has_five_and_every_organisation_is_counted_once(seed: int) -> None:
    rng = random.Random(seed)
    data = [
        row(
            f"Org {i}",
            rng.randint(0, 5),
            rng.uniform(0, 5),
            industry=rng.choice(["toys", "steel", "food", "paper"]),
            region=rng.choice(["east", "west", "north", None]),
            size=rng.choice(["small", "medium", "large"]),
        )
        for i in range(rng.randint(5, 80))
    ]
    for keys in [*CohortKey, [CohortKey.industry, CohortKey.size]]:
        bench = build(data, keys)
        assert all(c.size >= MIN_COHORT for c in bench.cohorts), keys
        assert all(size < MIN_COHORT for _, size in bench.small), keys
        assert bench.organisations + bench.left_out == len(data), keys


def test_copies_of_one_file_are_one_organisation() -> None:
    data = [row("Acme", 3, 3.14159)] * 5
    bench = build(data, CohortKey.all)
    assert (bench.cohorts, bench.organisations, bench.left_out) == ((), 0, 1)


def test_spellings_of_one_name_are_one_organisation() -> None:
    invisible = [
        "Acme\u200b Ltd",
        "Ac\u00adme Ltd",
        "Acme Ltd\u2060",
        "\ufeffAcme Ltd",
        "Acme\ufe0f Ltd",
        "Acme\u034f Ltd",
        "Acme\u115f Ltd",
        "Acme Ltd\U000e0100",
        "Acme Ltd\u3164",
        "Acme\u17b4 Ltd",
        "\uffa0Acme Ltd",
        "Acme Ltd\U000e0041\U000e007f",
    ]  # invisible padding: Unicode's default-ignorable code points
    names = ["Acme Ltd", "ＡＣＭＥ　ｌｔｄ", "  acme   LTD ", "ACME\tLtd", "Acme Ltd", *invisible]
    assert {organisation_id({"organisation": n}) for n in names} == {"name:acme ltd"}
    assert build([row(n, 3, 3.0) for n in names], CohortKey.all).cohorts == ()
    assert organisation_id({"organisation": "江南精工"}) != organisation_id(
        {"organisation": "江南精密"}
    )


def test_only_the_latest_assessment_of_an_organisation_counts() -> None:
    old = {**row("Acme", 1, 1.0), "date": "2025-11-18", "file": "z-acme-2025.yaml"}
    new = {**row("Acme", 3, 3.0), "date": "2026-11-20", "file": "a-acme-2026.yaml"}
    assert latest_per_organisation([new, old]) == [new] and latest_per_organisation([old, new]) == [
        new
    ]
    data = [old, new] + [row(f"Org {i}", 2, 2.0) for i in range(4)]
    assert histogram(data, CohortKey.all) == Counter({2: 4, 3: 1})


def test_quartiles_are_coarse_and_never_the_extremes() -> None:
    q = Quartiles.of([1.23, 1.37, 2.41, 2.58, 3.99])
    assert (q.q1, q.median, q.q3) == (1.4, 2.4, 2.6)
    assert not {q.q1, q.median, q.q3} & {1.23, 3.99}


def test_a_sub_domain_scored_for_too_few_is_not_shown() -> None:
    data = [row(f"Org {i}", 2, 2.0 + i / 10) for i in range(5)]
    data[0]["b.score"] = (
        1.234  # "b" applies to one of the five only: its quartiles would be that score
    )
    for r in data[1:]:
        r["b.score"] = None
    cohort = build(data, CohortKey.all).cohorts[0]
    assert set(cohort.subdomains) == {"a"}
    place = standing(data, {**row("Me", 2, 2.05), "b.score": 1.0}, CohortKey.all)
    assert place is not None and set(place.subdomains) == {"a"}


def test_standing_counts_organisations_not_files_the_subject_once() -> None:
    peers = [row(f"Org {i}", 2, 2.0 + i / 10) for i in range(4)] + [row("Me", 2, 2.5)]
    me = {**row("ME", 2, 2.5), "file": "elsewhere/me-copy.yaml"}
    assert standing(peers, me, CohortKey.all) is not None  # 4 others and Me: a cohort of 5
    copies = [row(f"Org {i}", 2, 2.0 + i / 10) for i in range(3)] + [row("Me", 2, 2.5)] * 2
    assert standing(copies, me, CohortKey.all) is None  # 3 others and Me, whose copy is not a 5th


# --- the command ---------------------------------------------------------------------------------


def write_portfolio(folder: Path, orgs: list[tuple[str, int, str]]) -> None:
    from maturity.questionnaire import load_questionnaire

    q = load_questionnaire(MINI)
    folder.mkdir(exist_ok=True)
    for i, (name, top, industry) in enumerate(orgs):
        answers = {
            r.id: ("full" if r.level <= top else "none")
            for r in q.requirements
            if len(r.applies_to) == 4
        }
        doc = answer_doc(q, answers)
        doc["organisation"].update(name=name, industry=industry)
        write_yaml(folder / f"org{i}.yaml", doc)


# every benchmark run without --ledger ends with it (tests/test_pack_ledger.py): left out here
UNCHECKED = (
    "note: without --ledger the rule that two shareable editions must differ by at least 3 "
    "clients cannot be checked; use --ledger FILE to record each edition issued.\n"
)


def benchmark(*args: str, lang: str = "en") -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app,
        ["--questionnaires", str(MINI), "benchmark", *args, "--jobs", "1", "--lang", lang],
        env={"COLUMNS": "200"},
    )
    unchecked = UNCHECKED if lang == "en" else msg("ledger.unchecked", "zh", min=3) + "\n"
    return result.exit_code, result.stdout, result.stderr.replace(unchecked, "", 1)


def test_portfolio_row_counts_only_organisations_shown(tmp_path: Path) -> None:
    write_portfolio(
        tmp_path / "p",
        [(f"Toys {i}", 1 + i % 3, "toys") for i in range(10)] + [("Steel", 3, "steel")],
    )
    code, out, err = benchmark(str(tmp_path / "p"), "--by", "industry", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["organisations"], data["left_out"], data["hidden_cohorts"]) == (10, 1, 1)
    # levels 1 (4 of 10), 2 (3), 3 (3), 4+ (0), in 20 % steps: with the steel mill (L3), 3 would
    # be 4 of 11; 4+ is under 3 organisations, and 2 is hidden with it, or 4+ would be 100 % minus
    # the rest
    assert data["portfolio_shares"] == {"1": 40, "2": None, "3": 40, "4": None}
    code, out, err = benchmark(str(tmp_path / "p"), "--by", "industry")
    assert "This portfolio (10)" in out and "This portfolio (11)" not in out
    assert err == (
        "Cohorts with fewer than 5 organisations are not shown, to protect privacy; their "
        "organisations are left out of this grouping by industry only: steel (1).\n"
    )


def test_five_copies_of_one_file_show_nothing(tmp_path: Path) -> None:
    write_portfolio(tmp_path / "p", [("Acme", 2, "toys")])
    for i in range(1, 5):
        shutil.copy(tmp_path / "p" / "org0.yaml", tmp_path / "p" / f"copy{i}.yaml")
    code, out, err = benchmark(str(tmp_path / "p"), "--by", "all", "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert (data["cohorts"], data["organisations"], data["portfolio_shares"]) == ([], 0, None)
    assert err.startswith(
        "5 files describe 1 organisations; each organisation counts once, with its latest assessment.\n"
    )
    code, out, err = benchmark(str(tmp_path / "p"), "--by", "all", lang="zh")
    assert "没有可以显示的分组" in out
    assert err.startswith("5 个文件来自 1 家企业；同一企业只计一次，按其最近一次评估。\n")
    assert err.endswith(
        "以下分组少于 5 家企业，为保护隐私未显示，其企业只在按全部分组时不计入：全部（1 家）。\n"
    )


def test_table_shows_coarse_quartiles(tmp_path: Path) -> None:
    write_portfolio(tmp_path / "p", [(f"Toys {i}", 1 + i % 3, "toys") for i in range(5)])
    code, out, err = benchmark(str(tmp_path / "p"), "--by", "industry", "--no-reference")
    assert code == 0, err
    (line,) = [line for line in out.splitlines() if line.startswith("│ toys")]
    quartiles = line.split("│")[-2].strip()
    assert [len(q.split(".")[1]) for q in quartiles.split(" / ")] == [1, 1, 1], line


def test_no_share_line_that_says_nothing(tmp_path: Path) -> None:
    write_portfolio(tmp_path / "p", [(f"Toys {i}", 1 + i % 3, "toys") for i in range(5)])
    write_portfolio(tmp_path / "me", [("Me", 1, "toys"), ("Me too", 2, "toys")])
    code, out, err = benchmark(str(tmp_path / "p"), "--org", str(tmp_path / "me" / "org0.yaml"))
    assert code == 0, err
    assert (
        "of self-diagnosed enterprises were at bucket" not in out
    )  # "about 100% at level 1 or above"
    code, out, err = benchmark(str(tmp_path / "p"), "--org", str(tmp_path / "me" / "org1.yaml"))
    assert code == 0, err
    assert "of self-diagnosed enterprises were at bucket 2 or above" in out


FIFTEEN = [  # (type, region, size): the reviewer's realistic mix, 9 discrete and 6 process
    *[("discrete", "江苏省苏州市", "small")] * 3,
    *[("discrete", "江苏省无锡市", "medium")] * 3,
    ("discrete", "浙江省宁波市", "large"),
    ("discrete", "浙江省杭州市", "small"),
    ("discrete", "内蒙古自治区呼和浩特市", "medium"),
    *[("process", "江苏省常州市", "medium")] * 3,
    ("process", "浙江省宁波市", "large"),
    ("process", "江苏省南通市", "large"),
    ("process", "江苏省苏州市", "large"),
]


def write_fifteen(folder: Path) -> None:
    from maturity.questionnaire import load_questionnaire

    q = load_questionnaire(MINI)
    folder.mkdir()
    for i, (kind, region, size) in enumerate(FIFTEEN):
        answers = {r.id: "full" if r.level <= 1 + i % 3 else "none" for r in q.requirements}
        doc = answer_doc(q, answers, kind)
        doc["organisation"].update(name=f"Firm {i}", region=region, size=size)
        write_yaml(folder / f"firm{i}.yaml", doc)


def test_a_realistic_portfolio_shows_cohorts_by_type(tmp_path: Path) -> None:
    write_fifteen(tmp_path / "p")
    code, out, err = benchmark(str(tmp_path / "p"), "--format", "json", "--no-reference")
    assert code == 0, err
    data = json.loads(out)
    assert data["by"] == "type" and err == ""
    code, out, err = benchmark(str(tmp_path / "p"), "--no-reference", lang="zh")
    assert [line.split("│")[1].strip() for line in out.splitlines() if "│" in line] == [
        "离散型",
        "流程型",
    ]
    sizes = [(c["name"], c["size"]) for c in data["cohorts"]]
    assert (sizes, data["organisations"], data["left_out"]) == (
        [("discrete", 9), ("process", 6)],
        15,
        0,
    )
    assert all("levels" not in c for c in data["cohorts"])  # shares only, never counts


def test_the_small_cohorts_are_named_with_their_sizes(tmp_path: Path) -> None:
    write_fifteen(tmp_path / "p")
    code, out, err = benchmark(str(tmp_path / "p"), "--by", "region", "--no-reference")
    assert code == 0, err
    assert "江苏省" in out
    assert err == (
        "Cohorts with fewer than 5 organisations are not shown, to protect privacy; their "
        "organisations are left out of this grouping by region only: 内蒙古自治区 (1), 浙江省 (3).\n"
    )
    code, out, err = benchmark(
        str(tmp_path / "p"), "--by", "type,size", "--no-reference", lang="zh"
    )
    assert code == 0, err
    assert err == (
        "以下分组少于 5 家企业，为保护隐私未显示，其企业只在按制造类型 × 规模分组时不计入："
        "离散型 / 大型（1 家）、离散型 / 中型（4 家）、离散型 / 小型（4 家）、流程型 / 大型（3 家）、"
        "流程型 / 中型（3 家）。\n"
    )


def test_an_unknown_field_is_refused(tmp_path: Path) -> None:
    write_fifteen(tmp_path / "p")
    code, out, err = benchmark(str(tmp_path / "p"), "--by", "type,city")
    assert (code, out) == (2, "")
    assert "--by 'type,city' is not valid: use industry, region, size, type or all" in err


# --- one organisation's standing: a band, and a member only as itself ------------------------------


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (1.04, Band.below_q1),
        (1.05, Band.q1_median),
        (2.0, Band.median_q3),
        (3.04, Band.median_q3),
        (3.06, Band.above_q3),
    ],
)
def test_a_standing_is_a_band_against_the_quartiles_as_shown(score: float, band: Band) -> None:
    """Quartiles 1.1 / 2.0 / 3.0 as shown; the score is rounded alike, so a crafted score learns
    nothing about the exact quartiles (or any peer) that the table does not show."""
    q = Quartiles(1.1, 2.0, 3.0)
    assert Band.of(score, q) is band


def test_a_member_stands_as_its_latest_portfolio_assessment_only(tmp_path: Path) -> None:
    """The red team's oracle: a probe named like a peer, with crafted answers, was compared with the
    cohort minus that peer, so run after run it learnt whether the peer scored below it."""
    orgs = [(f"Toys {i}", 1 + i % 3, "toys") for i in range(6)]
    write_portfolio(tmp_path / "p", orgs)
    write_portfolio(tmp_path / "probe", [("toys 2", 1, "toys")])  # Toys 2 is at 3, the probe at 1
    code, out, err = benchmark(str(tmp_path / "p"), "--org", str(tmp_path / "probe" / "org0.yaml"))
    assert (code, out) == (2, "")
    assert err == (
        f"error: {tmp_path / 'probe' / 'org0.yaml'}: the organisation 'toys 2' is in the portfolio, "
        "and this file is not its latest assessment there; its standing is only shown for that "
        "assessment. Pass the organisation's latest answer file from the portfolio with --org.\n"
    )
    code, out, err = benchmark(
        str(tmp_path / "p"), "--org", str(tmp_path / "probe" / "org0.yaml"), lang="zh"
    )
    assert err.startswith(
        f"错误: {tmp_path / 'probe' / 'org0.yaml'}: 组织“toys 2”在对标的企业集合中，"
    )
    shutil.copy(tmp_path / "p" / "org2.yaml", tmp_path / "copy.yaml")  # the member's own file
    code, out, err = benchmark(
        str(tmp_path / "p"), "--org", str(tmp_path / "copy.yaml"), "--format", "json"
    )
    assert code == 0, err
    organisation = json.loads(out)["organisation"]
    assert organisation["band"] == "above_q3"  # 3 against 1 / 2 / 2 (levels 1 2 3 1 2 3)
    assert "percentile" not in organisation and "share_below" not in json.dumps(organisation)
    assert {v["band"] for v in organisation["subdomains"].values()} <= {b.value for b in Band}


@pytest.mark.parametrize(
    ("lang", "header", "above"),
    [("en", "Standing", "above Q3"), ("zh", "所处区间", "高于上四分位数")],
)
def test_the_standing_table_shows_bands_not_percentages(
    tmp_path: Path, lang: str, header: str, above: str
) -> None:
    write_portfolio(tmp_path / "p", [(f"Toys {i}", 1 + i % 3, "toys") for i in range(6)])
    code, out, err = benchmark(
        str(tmp_path / "p"), "--org", str(tmp_path / "p" / "org2.yaml"), "--no-reference", lang=lang
    )
    assert code == 0, err
    standing_table = out[out.index(header) :]
    assert "%" not in standing_table
    (total,) = [line for line in out.splitlines() if "Total score" in line or "总分" in line][-1:]
    assert total.split("│")[-2].strip() == above


def test_a_failed_input_is_the_only_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("x: [\n", encoding="utf-8")
    code, out, err = benchmark(str(bad))
    assert (code, out, err) == (
        2,
        "",
        f"error: {bad}:2:1: YAML syntax error: did not find expected node content. Check "
        "indentation, colons and quotes.\n",
    )
