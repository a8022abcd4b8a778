"""`--audience` of the portfolio workbook and report: internal names every client; bureau and
client name none, and their averages cannot be differenced between two editions one client apart."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from maturity.portfolio import Audience, summarise
from tests.test_portfolio import FORMULA, firms, rows_of, run

__all__ = ["firms"]  # the six-firm fixture

NAMES = ["Alpha", "Beta", "Delta", "Echo", "Twice"]


def book(firms: Path, *audience: str, lang: str = "en") -> Any:
    from openpyxl import load_workbook

    out = firms.parent / f"portfolio-{'-'.join(audience) or 'default'}-{lang}.xlsx"
    code, _, err = run("score", firms, "-o", out, *audience, lang=lang)
    assert code == 0, err
    return load_workbook(out)


def cells(wb: Any) -> list[str]:
    return [str(v) for ws in wb.worksheets for row in rows_of(ws) for v in row if v is not None]


def test_an_internal_workbook_says_so_and_names_every_client(firms: Path) -> None:
    wb = book(firms)
    assert wb.sheetnames == ["Summary", "Results", "Heat map", "Failures"]
    assert rows_of(wb["Summary"])[1][0] == "internal: names every client"
    assert all(any(name in c for c in cells(wb)) for name in NAMES)


SHAREABLE = {  # audience -> its arguments, its first line in English and Chinese, who is named
    "bureau": (
        ["--audience", "bureau"],
        "edition for the industry authority: only clients that consented are named; the others "
        "are counted, not named",
        "主管部门版：只具名同意具名的企业，其余企业只计入汇总数字",
        [],  # no consent in the fixture
    ),
    "client": (
        ["--audience", "client", "--org", "Echo"],
        "client edition: Echo against the portfolio; no other client's name or score",
        "客户版：Echo 对比本组合，不含其他客户的名称或得分",
        ["Echo"],
    ),
}


@pytest.mark.parametrize("audience", ["bureau", "client"])
def test_a_shareable_workbook_names_no_client(firms: Path, audience: str) -> None:
    args, en, zh_line, named = SHAREABLE[audience]
    wb = book(firms, *args)
    assert wb.sheetnames == ["Summary"]
    text = cells(wb)
    assert rows_of(wb["Summary"])[1][0] == en
    others = [name for name in [*NAMES, FORMULA] if name not in named]
    assert not [c for c in text if any(name in c for name in others)]
    summary = rows_of(wb["Summary"])
    plan = next(i for i, r in enumerate(summary) if r[0] == "Average score by plan domain")
    means = [r[1] for r in summary[plan:] if len(r) > 2 and isinstance(r[1], float)]
    assert means and all(m * 2 == int(m * 2) for m in means), means  # steps of 0.5
    zh = book(firms, *args, lang="zh")
    assert rows_of(zh[zh.sheetnames[0]])[1][0] == zh_line


def test_an_audience_needs_the_workbook(firms: Path) -> None:
    code, out, err = run("score", firms, "-f", "csv", "--audience", "client")
    assert (code, out) == (2, "")
    assert "--audience client applies only to the portfolio workbook (-o portfolio.xlsx)" in err


@pytest.mark.parametrize(("audience", "heading"), [("internal", True), ("bureau", False)])
def test_the_report_states_its_audience(firms: Path, audience: str, heading: bool) -> None:
    out = firms.parent / f"portfolio-{audience}.md"
    code, _, err = run("portfolio", firms, "-o", out, "--audience", audience)
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    first = text.split("\n\n")[1]
    if heading:
        assert first == "**internal: names every client**"
        assert "## Sub-domain levels by client" in text and "Alpha" in text
    else:
        assert first == f"**{SHAREABLE['bureau'][1]}**"
        assert "## Sub-domain levels by client" not in text
        assert not [name for name in NAMES if name in text]


def _feasible(published: float, others: list[float], step: float = 0.5) -> tuple[float, float]:
    """The scores X could have, to 0.001, given every other member's exact score and the published
    mean with X: the strongest differencing attacker."""
    from maturity.peers import to_step

    n = len(others) + 1
    xs = [i / 1000 for i in range(5001) if to_step((sum(others) + i / 1000) / n, step) == published]
    return min(xs), max(xs)


@pytest.mark.parametrize("seed", range(30))
def test_two_editions_one_client_apart_do_not_give_its_scores(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(6, 30)
    rows: list[dict[str, Any]] = [
        {"file": f"c{i}.yaml", "organisation": f"Client {i}", "date": "2026-11-20", "level": 2}
        | {f"s{k}.level": 2 for k in range(4)}
        | {f"s{k}.score": round(rng.uniform(0.5, 4.5), 4) for k in range(4)}
        for i in range(n)
    ]
    x, rest = rows[0], rows[1:]
    for audience in (Audience.bureau, Audience.internal):
        with_x = {a.key: a.mean for a in summarise(rows, audience=audience).subdomains}
        without = {a.key: a.mean for a in summarise(rest, audience=audience).subdomains}
        for k, mean in with_x.items():
            estimate = n * mean - (n - 1) * without[k]  # type: ignore[operator]
            if audience is Audience.internal:  # shows the attack works on exact means
                assert estimate == pytest.approx(x[f"{k}.score"], abs=1e-6)
                continue
            assert mean is not None
            low, high = _feasible(mean, [float(r[f"{k}.score"]) for r in rest])
            assert low <= float(x[f"{k}.score"]) <= high
            assert high - low >= 0.5, (k, low, high)  # never within ±0.25


def test_an_average_of_fewer_than_five_is_not_shown() -> None:
    rows = [
        {"file": f"c{i}.yaml", "organisation": f"C{i}", "date": "2026-11-20", "level": 1}
        | {"a.level": 1, "a.score": 1.3}
        for i in range(4)
    ]
    (a,) = summarise(rows, audience=Audience.client).subdomains
    assert (a.mean, a.count) == (None, 4)
    (a,) = summarise(
        [*rows, {**rows[0], "organisation": "C9"}], audience=Audience.client
    ).subdomains
    assert (a.mean, a.count) == (1.5, 5)
