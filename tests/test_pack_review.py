"""What the second consultant reading of the portfolio pack found (issue 15, round 4): shareable
editions that leaked one client by differencing (gap order and cut, level shares in 10 % steps),
ids and paths printed for outside readers, and a footer that broke in English."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest

from maturity.editions import Request, edition, share_word
from maturity.portfolio import Audience, summarise
from maturity.questionnaire import Catalog, Questionnaire
from tests.test_editions import consenting, report
from tests.test_portfolio import firms
from tests.test_portfolio_pack import clients, needs_poppler, pdf_words, run

__all__ = ["clients", "consenting", "firms"]

CLIENTS = 17
RANK = {f"edition.share.{w}": i for i, w in enumerate(["nearly_all", "most", "half"])}


@pytest.fixture(scope="module")
def cmmm() -> Questionnaire:
    return Catalog().load("cmmm", advice=True)


STEADY = (17, 16, 14, 13, 12)  # of 17 missing: each keeps its word with any one client left out
ANY = (17, 16, 15, 14, 13, 12, 11, 10, 9)  # 15, 11, 9 sit at a boundary and change word


def portfolio(
    seed: int, q: Questionnaire, counts: tuple[int, ...] = STEADY
) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """17 clients and their unmet level-3 requirements: each requirement missed by a number of
    clients drawn from ``counts``, the clients that miss it drawn at random (each its own mix)."""
    rng = random.Random(seed)
    rows = [
        {"file": f"c{i:02}.yaml", "organisation": f"Client {i:02}", "date": "2026-11-20"}
        | {"level": 1 + (i % 3 == 0), "score": 2.0}
        for i in range(CLIENTS)
    ]
    gaps: dict[str, list[str]] = {str(row["file"]): [] for row in rows}
    for req in [r.id for r in q.requirements if r.level == 3][:30]:
        for row in rng.sample(rows, rng.choice(counts)):
            gaps[str(row["file"])].append(req)
    return rows, gaps


def shown(rows: list[dict[str, Any]], gaps: dict[str, list[str]], q: Questionnaire) -> Any:
    """The bureau edition's gap rows (their requirements, in order) and each candidate's band."""
    from maturity.report.portfolio import build_view

    figures = summarise(rows, gaps, audience=Audience.bureau)
    view = build_view(figures, {"cmmm": q}, [], {}, "en")
    bands = {g.requirement: RANK[share_word(g.count, figures.organisations)] for g in figures.gaps}
    req_of = {q.requirement(r).question.en: r for r in bands}  # type: ignore[union-attr]
    return [req_of[g.question] for g in view.gaps], bands


def leave_one_out(rows: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    return [rows[:k] + rows[k + 1 :] for k in range(len(rows))]


# --- finding 1: gap rows by band, not by exact count ----------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_leaving_one_client_out_does_not_move_gap_rows(seed: int, cmmm: Questionnaire) -> None:
    """Left out, a client's missed requirements lose a count and its met ones keep theirs: sorted
    and cut by exact count, the met ones rose or entered the list, which told what it meets. No
    requirement here changes its word, so nothing may move."""
    rows, gaps = portfolio(seed, cmmm)
    full, bands = shown(rows, gaps, cmmm)
    assert len(full) >= 5
    for k, rest in enumerate(leave_one_out(rows)):
        assert shown(rest, gaps, cmmm) == (full, bands), f"client {k} left out"


@pytest.mark.parametrize("seed", range(5))
def test_only_a_requirement_that_changes_its_word_moves(seed: int, cmmm: Questionnaire) -> None:
    rows, gaps = portfolio(seed, cmmm, ANY)
    full, bands = shown(rows, gaps, cmmm)
    for rest in leave_one_out(rows):
        listed, bands_k = shown(rest, gaps, cmmm)
        steady = {r for r in full if bands_k.get(r) == bands[r]} & set(listed)
        assert [r for r in listed if r in steady] == [r for r in full if r in steady]
        if {r: bands_k.get(r) for r in bands} == bands:
            assert listed == full


def test_a_band_is_listed_whole_in_questionnaire_order(cmmm: Questionnaire) -> None:
    rows, gaps = portfolio(0, cmmm, ANY)
    listed, bands = shown(rows, gaps, cmmm)
    order = [r.id for r in cmmm.requirements]
    ranks = [bands[r] for r in listed]
    assert ranks == sorted(ranks)
    for rank in set(ranks):  # whole: every candidate of a listed band is there, in order
        band = [r for r in listed if bands[r] == rank]
        assert band == sorted((r for r in bands if bands[r] == rank), key=order.index)


# --- finding 2: level shares ----------------------------------------------------------------------


def test_leaving_out_a_level_1_client_does_not_change_the_shared_shares() -> None:
    """6 at level 1, 10 at level 2, 1 at level 3: at 10 % steps the level-1 share fell from 40 %
    to 30 % whenever a level-1 client was left out, so two editions gave its level."""
    levels = [1] * 6 + [2] * 10 + [3]
    rows = [
        {"file": f"c{i}.yaml", "organisation": f"C{i}", "date": "2026-11-20", "level": lv}
        | {"score": float(lv)}
        for i, lv in enumerate(levels)
    ]
    for audience in (Audience.bureau, Audience.client):
        full = summarise(rows, audience=audience).shares
        assert full == {"1": 40, "2": 60, "3": None, "4": None}
        for k in range(len(rows)):
            assert summarise(rows[:k] + rows[k + 1 :], audience=audience).shares == full
    assert summarise(rows[1:]).shares["1"] == 30  # the internal edition keeps 10 % steps


def test_every_edition_carries_the_membership_code_and_the_rule(firms: Path) -> None:
    internal = report(firms, name="i.md")
    bureau = report(firms, "--audience", "bureau")
    zh = report(firms, "--audience", "bureau", lang="zh")
    code = re.search(r"Membership code (\w{4}-\w{4}) \(6 organisations\)", internal)
    assert code is not None
    assert (
        f"Membership code {code[1]} (6 organisations). Do not issue two shareable editions whose "
        "clients differ by fewer than 3: comparing them would show the figures of the client "
        "added or left out." in bureau
    )
    assert f"名单校验码 {code[1]}（6 家企业）。两份对外版本所含企业相差不足 3 家时不应都发出" in zh
    assert "rounded to 20%" in bureau and "rounded to 10%" in internal


def test_the_membership_code_changes_with_one_client() -> None:
    rows = [{"organisation": f"C{i}", "date": "2026-11-20", "level": 1} for i in range(17)]
    full = edition(rows, Request()).membership
    assert re.fullmatch(r"[0-9A-F]{4}-[0-9A-F]{4}", full)
    assert edition(list(reversed(rows)), Request()).membership == full  # order does not matter
    assert full not in {edition(rest, Request()).membership for rest in leave_one_out(rows)}


# --- finding 3 and 8: what an outside reader sees -------------------------------------------------

# a requirement id, a docs path, an answer-file field, Markdown code
RAW = re.compile(r"\b[a-z_]+(\.[a-z_]+)*\.\d\.\d\d\b|docs/|\b(assessment|organisation)\.[a-z]|`")


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("audience", [["bureau"], ["client", "--org", "宁波甬兴模具有限公司"]])
def test_no_ids_fields_or_paths_in_shareable_editions(
    clients: Path, lang: str, fmt: str, audience: list[str]
) -> None:
    """The real questionnaire's texts (the test one's questions are "Do a.3.01")."""
    text = pack(clients, "--audience", *audience, lang=lang, name=f"p.{fmt}")
    text = re.sub(r"<style>.*?</style>", "", text, flags=re.S)  # the style sheet's comments
    assert RAW.search(text) is None, RAW.search(text)
    assert "ost common gaps" in text or "最常见的差距" in text


def test_the_internal_edition_keeps_the_ids(clients: Path) -> None:
    assert RAW.search(pack(clients, name="i.md")) is not None  # the regex does find them


def pack(folder: Path, *args: str, lang: str = "en", name: str = "p.md") -> str:
    out = folder.parent / name
    code, _, err = run("portfolio", folder, "-o", out, *args, lang=lang)
    assert code == 0, err
    return out.read_text(encoding="utf-8")


def test_the_shareable_gap_note_does_not_claim_exact_counts(consenting: Path) -> None:
    bureau = report(consenting, "--audience", "bureau")
    gaps = bureau.split("## Most common gaps")[1]
    assert "counts every client" not in gaps and "most common first" not in gaps
    assert "listed in questionnaire order within each group" in gaps
    assert "record written consent to be named to the authority" in bureau
    zh = report(consenting, "--audience", "bureau", lang="zh")
    assert "记录了向主管部门具名的书面同意" in zh and "同一档内按问卷顺序排列" in zh


# --- finding 4: the English footer ----------------------------------------------------------------


@needs_poppler
def test_the_english_footer_and_page_number_stay_on_one_line(clients: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.pdf"
    assert run("portfolio", clients, "--audience", "bureau", "-o", out)[0] == 0
    words = pdf_words(out)
    pages = max(w[0] for w in words)
    assert pages > 1
    for page in range(2, pages + 1):
        foot = [w for w in words if w[0] == page and w[3] > 800]  # the bottom margin of A4
        numbers = [w for w in foot if w[4] == "/"]
        assert len(numbers) == 1, foot
        y = numbers[0][3]
        assert [w[4] for w in foot if abs(w[3] - y) < 1][-3:] == [str(page), "/", str(pages)]
        assert {w[3] for w in foot if w[4] in {"only", "authority"}} == {y}


@needs_poppler
def test_the_pdf_says_who_issued_it_and_for_whom(clients: Path, tmp_path: Path) -> None:
    """Finding 15: the workbook set author and subject, the PDF only its title."""
    import subprocess

    out = tmp_path / "b.pdf"
    assert run("portfolio", clients, "--audience", "bureau", "--issuer", "Acme", "-o", out)[0] == 0
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Author: +Acme$", info, re.M)
    assert re.search(
        r"^Subject: +edition for the industry authority: .* · For the use of the industry and "
        r"information technology authority only$",
        info,
        re.M,
    )
    assert re.search(r"^Keywords: +bureau$", info, re.M)


# --- findings 5 and 6: the workbook's summary ----------------------------------------------------


def test_the_summary_prints_on_a4_and_shows_hidden_levels_as_a_dash(clients: Path) -> None:
    from openpyxl import load_workbook

    out = clients.parent / "b.xlsx"
    assert run("score", clients, "-o", out, "--audience", "bureau", lang="zh")[0] == 0
    summary = load_workbook(out)["汇总"]
    assert summary.page_setup.paperSize == 9  # A4; unset, LibreOffice printed it on Letter
    rows = [[c.value for c in row] for row in summary.iter_rows()]
    distribution = [r[:2] for r in rows if r[0] in {"一级及以下", "二级", "三级", "四级及以上"}]
    assert ["三级", "–"] in distribution and ["四级及以上", "–"] in distribution
    title = summary._charts[0].title.tx.rich.p[0].r[0].t
    assert title == "等级分布（企业占比）；“–”为不单列的等级，不是 0%"


def test_the_internal_failures_sheet_prints_on_a4(clients: Path) -> None:
    from openpyxl import load_workbook

    out = clients.parent / "i.xlsx"
    assert run("score", clients, "-o", out, lang="zh")[0] == 0
    book = load_workbook(out)
    assert [book[s].page_setup.paperSize for s in book.sheetnames] == [9, 8, 8, 9]


# --- finding 7: a coarse average is not printed to 0.01 -------------------------------------------


def test_shareable_averages_show_one_decimal(clients: Path) -> None:
    from openpyxl import load_workbook

    internal = pack(clients, name="i.md", lang="zh")
    assert re.search(r"\| 设计 \| \d\.\d\d \| 6 \|", internal)
    bureau = pack(clients, "--audience", "bureau", lang="zh")
    assert re.search(r"\| 设计 \| 约 \d\.[05] \| 6 \|", bureau)
    assert re.search(r"\| Design \| ≈ \d\.[05] \| 6 \|", pack(clients, "--audience", "bureau"))
    out = clients.parent / "b.xlsx"
    assert run("score", clients, "-o", out, "--audience", "bureau")[0] == 0
    design = next(r for r in load_workbook(out)["Summary"].iter_rows() if r[0].value == "Design")
    assert design[1].number_format == "0.0"


# --- finding 11: scores are cut, and the page says so ---------------------------------------------

FLOORED = "Client scores are cut to 0.01, not rounded (3.358 shows as 3.35)"


def test_the_pages_that_show_client_scores_say_they_are_cut(clients: Path) -> None:
    internal = pack(clients, name="i.md")
    assert internal.count(FLOORED) == 2  # under the progress table and the index
    client = pack(clients, "--audience", "client", "--org", "宁波甬兴模具有限公司")
    assert client.count(FLOORED) == 1  # under its own scores
    zh = pack(clients, name="zh.md", lang="zh")
    assert "企业得分截尾到 0.01，不四舍五入（例如 3.358 显示为 3.35）" in zh


# --- finding 12: trend in the portfolio's order ---------------------------------------------------


def test_trend_lists_organisations_in_pinyin_order_by_default(clients: Path) -> None:
    import json

    from typer.testing import CliRunner

    from maturity.cli import app

    def names(*args: str) -> list[str]:
        cmd = ["trend", str(clients), "--min-assessments", "1", "-f", "json", "--lang", "zh"]
        result = CliRunner().invoke(app, [*cmd, *args])
        assert result.exit_code == 0, result.stderr
        return [s["name"][:2] for s in json.loads(result.stdout)["organisations"]]

    assert names() == ["常州", "嘉兴", "南通", "宁波", "苏州", "无锡"]  # code points: 南嘉宁常无苏
    assert names("--sort", "level") == [
        "常州",
        "嘉兴",
        "南通",
        "宁波",
        "苏州",
        "无锡",
    ]  # all level 2


# --- finding 9: a re-assessed client sees its own progress ---------------------------------------


def test_the_client_edition_shows_the_clients_own_progress(clients: Path) -> None:
    from openpyxl import load_workbook

    text = pack(clients, "--audience", "client", "--org", "苏州恒锐汽车零部件有限公司", lang="zh")
    own = re.search(
        r"\*\*本企业进展：2025-11-10 评估为 1 级（总分 (\d\.\d\d)），2026-11-20 评估为 2 级", text
    )
    assert own is not None, text[:1500]
    assert "复评企业少于 5 家" in text  # the portfolio's progress stays withheld
    other = pack(clients, "--audience", "client", "--org", "宁波甬兴模具有限公司", lang="zh")
    assert "本企业进展" not in other  # assessed once
    out = clients.parent / "c.xlsx"
    args = ["--audience", "client", "--org", "苏州恒锐汽车零部件有限公司"]
    assert run("score", clients, "-o", out, *args)[0] == 0
    cells = [c.value for row in load_workbook(out)["Summary"].iter_rows() for c in row]
    assert any(str(c).startswith("This client's progress: level 1 (score ") for c in cells)


# --- finding 10: the heat map grouped by industry shows the groups --------------------------------


def test_the_heat_map_sorted_by_industry_has_a_heading_per_industry(tmp_path: Path) -> None:
    from tests.test_portfolio_pack import client, write

    folder = tmp_path / "clients"
    folder.mkdir()
    for i, (name, industry) in enumerate(
        [("常州甲", "汽车零部件"), ("南通乙", "食品制造"), ("无锡丙", "汽车零部件")]
    ):
        doc = client(name)
        doc["organisation"]["industry"] = industry
        write(folder / f"c{i}.yaml", doc)
    text = pack(folder, "--sort", "industry", lang="zh")
    heat = text.split("## 各企业子域等级")[1].split("## ")[0]
    firsts = [line.split(" | ")[0][2:] for line in heat.splitlines() if line.startswith("| ")]
    assert firsts[2:] == ["**汽车零部件**", "常州甲", "无锡丙", "**食品制造**", "南通乙"]
    assert "0 表示未达一级" in heat and "颜色由红（低）到绿（高）" in heat
    assert "**" not in pack(folder, lang="zh").split("## 各企业子域等级")[1].split("## ")[0]
