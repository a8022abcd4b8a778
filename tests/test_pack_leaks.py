"""The portfolio pack's last leaks (review r4-pack2): the client edition's bands from exact values,
no sub-domain averages in a shareable workbook, and ``benchmark`` with the shareable editions'
level rules."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from maturity.editions import Request, edition
from maturity.portfolio import Audience
from maturity.report.edition import edition_view

# the reviewer's cases: 17 clients, the client's score beside a quartile that rounds onto it
OTHERS = {
    # Q1 is 1.68 (shown 1.6); the client's 1.58 is below it
    "a": [1.0, 1.2, 1.5, 1.68, 1.7, 1.8, 1.9, 2.0, 2.1, 2.2, 2.3, 2.4, 2.5, 2.6, 2.7, 2.8],
    # the median is 1.65 (shown 1.6); the client's 1.61 is below it
    "b": [1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.55, 1.65, 1.7, 1.8, 1.9, 2.0, 2.1, 2.2, 2.3, 2.4],
    # Q3 is 2.78 (shown 2.8); the client's 2.83 is above it
    "c": [1.0, 1.2, 1.4, 1.6, 1.8, 2.0, 2.1, 2.2, 2.3, 2.4, 2.5, 2.6, 2.78, 2.9, 3.0, 3.1],
}
CLIENT = {"a": 1.58, "b": 1.61, "c": 2.83}


def _row(i: int, scores: dict[str, float]) -> dict[str, Any]:
    row: dict[str, Any] = {
        "file": f"c{i}.yaml",
        "organisation": f"Client {i}",
        "date": "2026-09-12",
        "level": 2,
        "score": 2.0,
    }
    levels = {f"{sub}.level": int(value) for sub, value in scores.items()}
    return row | levels | {f"{sub}.score": value for sub, value in scores.items()}


def _portfolio() -> list[dict[str, Any]]:
    others = [_row(i + 1, {s: OTHERS[s][i] for s in OTHERS}) for i in range(16)]
    return [_row(0, CLIENT), *others]


def test_the_client_band_comes_from_exact_scores_and_quartiles() -> None:
    ed = edition(_portfolio(), Request(Audience.client, org="Client 0"))
    rows = {r.item: r for r in edition_view(ed, {}, "en").client_rows}
    assert (rows["a"].own, rows["a"].quartiles, rows["a"].band) == (
        "1.58",
        "1.6 / 2.0 / 2.4",
        "below Q1",
    )
    assert (rows["b"].own, rows["b"].band) == ("1.61", "Q1 to median")
    assert (rows["c"].own, rows["c"].quartiles, rows["c"].band) == (
        "2.83",
        "1.8 / 2.4 / 2.8",
        "above Q3",
    )
    zh = {r.item: r.band for r in edition_view(ed, {}, "zh").client_rows}
    assert zh["a"] == "低于下四分位数"
    summary = edition_view(ed, {}, "en").client_summary
    assert "Bands are worked out from the exact scores and quartiles" in summary


# --- the shareable workbook -----------------------------------------------------------------------


def _folder(tmp_path: Path, name: str, skip: int | None = None) -> Path:
    from tests.test_portfolio import FIRMS, write_firm

    folder = tmp_path / name
    folder.mkdir()
    for i, (firm, top, extra) in enumerate(FIRMS):
        if i != skip:
            write_firm(folder / f"firm{i}.yaml", firm, top, **extra)
    return folder


def _summary(folder: Path, *args: str, lang: str = "en") -> list[str]:
    from tests.test_portfolio import rows_of
    from tests.test_portfolio_audience import book

    rows = rows_of(book(folder, *args, lang=lang).worksheets[0])
    return [" | ".join(str(v) for v in row if v is not None) for row in rows if any(row)]


def test_a_shareable_workbook_has_no_sub_domain_averages_and_says_why(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "all")
    assert "Average score by sub-domain" in _summary(folder)
    for audience in (["--audience", "bureau"], ["--audience", "client", "--org", "Alpha"]):
        shared = _summary(folder, *audience)
        assert "Average score by sub-domain" not in shared
    zh = " ".join(_summary(folder, "--audience", "bureau", lang="zh"))
    assert "两份对外版本的企业名单相差不足3家时，某项平均分换档即可推知" in zh.replace(" ", "")
    assert "推算不出" not in zh


def _sheet(rows: list[dict[str, Any]]) -> list[str]:
    """The bureau workbook's summary of ``rows``, as text lines."""
    from io import BytesIO

    from openpyxl import Workbook, load_workbook

    from maturity.excel.portfolio import write_summary
    from maturity.excel.sheets import Sheet
    from maturity.portfolio import summarise

    book = Workbook(write_only=True)
    sheet = Sheet(book, "Summary")
    ed = edition(rows, Request(Audience.bureau))
    write_summary(sheet, summarise(rows, audience=Audience.bureau), "en", [], {}, ed)
    stream = BytesIO()
    book.save(stream)
    cells = load_workbook(stream)["Summary"].iter_rows(values_only=True)
    return [" | ".join(str(v) for v in row if v is not None) for row in cells if any(row)]


def test_a_shareable_workbook_one_client_apart_shows_the_same_figures() -> None:
    """Seventeen clients whose mean in sub-domain a is 2.249 (shown 2.0): without one at 2.0 it
    is 2.265 (shown 2.5), which told that client is below the mean. Leaving out any one client
    now changes only the lines that count the clients."""
    rows = [_row(i, {"a": 2.0 if i < 13 else 3.06}) for i in range(17)]
    # the note on consent is wrapped: its count of the others is on a line of its own
    counted = ("organisations", "Membership code", "differ by fewer than", "are counted in the")

    def figures(rows: list[dict[str, Any]]) -> list[str]:
        return [line for line in _sheet(rows) if not any(word in line for word in counted)]

    full = figures(rows)
    for skip in (0, 16):  # one below the mean, one above
        assert figures([r for i, r in enumerate(rows) if i != skip]) == full, skip


# --- benchmark ------------------------------------------------------------------------------------


def _benchmark_text(rows: list[dict[str, Any]]) -> str:
    from rich.console import Console

    from maturity import peers
    from maturity.formats.benchmark import BenchmarkTable, BenchmarkView

    result = peers.build(rows, peers.CohortKey.type)
    view = BenchmarkView(result, None, None, [], membership=("ABCD-0123", len(rows)))
    console = Console(width=200, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(BenchmarkTable().render(view, "en"))
    return console.export_text()


def test_benchmark_one_discrete_client_apart_shows_the_same_level_shares() -> None:
    """The reviewer's discrete cohort: ten firms, four at level 1, five at 2, one at 3. In 10 %
    steps with a remainder note, leaving out the level-1 firm gave 30 %/60 % and leaving out the
    level-3 firm dropped "the other 10 %"; in 20 % steps with no remainder both read 40 %/60 %.
    (Leaving out a level-2 firm still moves L2 to 40 %: no rounding hides every boundary, which
    is why two outputs must differ by at least three organisations.)"""
    levels = [1, 1, 1, 1, 2, 2, 2, 2, 2, 3]
    rows = [
        _row(i, {"a": 2.0}) | {"type": "discrete", "level": level} for i, level in enumerate(levels)
    ]
    full = _benchmark_text(rows)
    assert _shares(full) == ["–", "40%", "60%", "–", "–", "–"]
    assert "hidden levels" not in full
    assert "May be passed on: no organisation's name or score" in full
    assert "Membership code ABCD-0123 (10 organisations)" in full
    for skip in (0, 9):  # the level-1 firm, the level-3 firm
        shown = _benchmark_text([r for i, r in enumerate(rows) if i != skip])
        assert _shares(shown) == _shares(full), skip
        assert _notes(shown) == _notes(full), skip


def _shares(text: str) -> list[str]:
    """The level cells of the one cohort's row."""
    row = next(line for line in text.splitlines() if line.startswith("│ discrete"))
    return [cell.strip() for cell in row.split("│")[3:9]]


def _notes(text: str) -> list[str]:
    """The lines outside the table, but for those that count the organisations."""
    return [
        line
        for line in text.splitlines()
        if line[:1] not in "┏┃┡│└" and "organisations)" not in line and "By type" not in line
    ]


def test_benchmark_json_and_workbook_carry_the_notice(tmp_path: Path) -> None:
    import json

    from openpyxl import load_workbook

    from tests.test_portfolio import run

    folder = _folder(tmp_path, "all")
    code, out, err = run("benchmark", folder, "--by", "all", "--format", "json", lang="zh")
    assert code == 0, err
    data = json.loads(out)
    assert data["share_step"] == 20
    assert data["notice"][0] == (
        "可对外提供：不含任何企业的名称或得分；等级占比按 20% 取整，少于 3 家企业的等级不单列。"
    )
    assert data["notice"][1].startswith(f"名单校验码 {data['membership']}（6 家企业）")
    book = tmp_path / "b.xlsx"
    assert run("benchmark", folder, "--by", "all", "-o", book)[0] == 0
    notes = [row[0] for row in load_workbook(book)["Notes"].iter_rows(values_only=True)]
    assert notes[1].startswith("May be passed on:")
    assert notes[3].startswith("Level columns are shares of organisations, rounded to 20%")


def test_the_client_workbook_holds_its_own_scores_as_numbers(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from tests.test_portfolio import run

    folder = _folder(tmp_path, "all")
    out = tmp_path / "client.xlsx"
    code, _, err = run("score", folder, "-o", out, "--audience", "client", "--org", "Delta")
    assert code == 0, err
    ws = load_workbook(out).worksheets[0]
    row = next(r for r in ws.iter_rows() if r[0].value == "Total score")
    assert (row[1].value, row[1].number_format, row[5].value) == (2.0, "0.00", "median to Q3")
