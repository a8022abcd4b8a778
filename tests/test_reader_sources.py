"""What readers see of sources, hidden cells and gap counts (review c15, findings 3, 4, 5 and 8).

Sources: reports, the portfolio report and workbook cite the publication in the reader's language
with a translated status; the relay URLs and the wiki path stay in the data as provenance.
Hidden cells: a level held by fewer than 3 firms is left empty (the chart leaves a gap, never 0 %)
and a note says why, with the share the hidden levels hold.
Gaps: every client that has not fully met a requirement is counted, out of all clients.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from maturity.cli import app
from tests import test_portfolio
from tests.test_portfolio import run, workbook, write_firm

firms = test_portfolio.firms  # the six-firm fixture

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "cmmm-discrete-sample.yaml"
RAW = (
    "http",
    "www.",
    ".com/",
    "filmyash",
    "n6668",
    "sdouda",
    "relayed",
    "as cited by",
    "mdt-wiki",
    "raw/policies",
    "secondary)",
)
CITED = {
    "zh": (
        "中国电子技术标准化研究院《智能制造成熟度指数报告（2022）》，据中商产业研究院公开报道转引"
        "（转引的二手资料）",
        "工业和信息化部办公厅《关于开展智能工厂梯度培育行动的通知》（工信厅联通装函〔2025〕251号）",
    ),
    "en": (
        "CESI, Intelligent Manufacturing Maturity Index Report (2022), as reported by the China "
        "Commercial Industry Research Institute (secondary source)",
        "MIIT General Office, Notice on the smart-factory tiered cultivation programme",
    ),
}
PORTFOLIO_CITED = {
    "zh": "全国数据：2021 年，来源：中国电子技术标准化研究院《智能制造发展指数报告（2021）》，"
    "据公开报道转引（转引的二手资料）。",
    "en": "National figures: 2021, source: CESI, Intelligent Manufacturing Development Index "
    "Report (2021), as reported publicly (secondary source).",
}


def _no_raw_source(text: str) -> None:
    # the only URLs an HTML report may hold are the SVG namespace of its charts
    text = text.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert [raw for raw in RAW if raw in text] == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_cites_its_sources_for_readers(tmp_path: Path, lang: str) -> None:
    out = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["report", str(SAMPLE), "-o", str(out), "--lang", lang])
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    _no_raw_source(html)
    national, tiers = CITED[lang]
    assert national in html and tiers in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_portfolio_report_and_workbook_cite_their_sources_for_readers(
    firms: Path, lang: str
) -> None:
    out = firms.parent / f"portfolio-{lang}.md"
    code, _, err = run("portfolio", firms, "-o", out, lang=lang)
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    _no_raw_source(text.replace('=HYPERLINK("http://x.example', ""))  # a client's name
    assert PORTFOLIO_CITED[lang] in text
    book, _ = workbook(firms, lang)
    cells = [str(c.value) for ws in book for row in ws.iter_rows() for c in row if c.value]
    summary = "\n".join(c for c in cells if not c.startswith("=HYPERLINK"))
    _no_raw_source(summary)
    # a note is cut into lines of the table's width (not to run under a chart): read it whole
    squashed = "".join(cells).replace(" ", "")
    assert PORTFOLIO_CITED[lang].replace(" ", "") in squashed


def test_a_hidden_cell_is_a_dash_with_a_note(firms: Path) -> None:
    book, _ = workbook(firms)
    rows = [[c.value for c in row] for row in book["Summary"].iter_rows()]
    # six firms, three at level 1 and three at level 2: L3 and ≥ L4 hold fewer than 3 firms;
    # "–" as in the PDF (an empty cell read as 0 %, review r4-pack), the chart's title says so
    shown = {r[0]: r[1] for r in rows if r[0] in ("≤ L1", "L2", "L3", "≥ L4")}
    assert shown == {"≤ L1": 0.5, "L2": 0.5, "L3": "–", "≥ L4": "–"}
    # the rule is said once, by the note on rounding (a second line said it again, review r4-pack2)
    below = rows[[r[0] for r in rows].index("≥ L4") + 1][0]
    assert below.startswith("Level columns are shares of organisations, rounded to 10%; a level")
    out = firms.parent / "portfolio.md"
    assert run("portfolio", firms, "-o", out)[0] == 0
    text = out.read_text(encoding="utf-8")
    assert "a level held by fewer than 3 organisations shows '–'" in text
    assert "Levels with fewer than 3 firms are not shown." not in text


def test_shown_shares_short_of_100_say_where_the_rest_is() -> None:
    from maturity.formats.benchmark import hidden_note

    shares = {"1": 50, "2": 20, "3": None, "4": None}
    assert hidden_note(shares, "zh") == "少于 3 家企业的等级不单列：其余 30% 分布在隐藏的等级中。"
    assert hidden_note({"1": 50, "2": 50}, "en") is None


def test_the_benchmark_table_explains_a_cohort_with_hidden_levels(firms: Path) -> None:
    code, out, err = run("benchmark", firms, "--by", "industry,size")
    assert code == 0, err
    # "toys / ?": five firms (Beta has a size), level 2 x 3 = 60 %; the note says why levels are
    # '–' but not what share they hold, which between two runs one firm apart told its level
    assert "a level held by fewer than 3 organisations shows '–'" in out
    assert "hidden levels" not in out and "toys / ?:" not in out


def test_gap_counts_include_clients_whose_target_is_lower(tmp_path: Path) -> None:
    folder = tmp_path / "clients"
    folder.mkdir()
    # five firms at level 1; two aim at level 2 only. a.3.01 is missed within the target by
    # three (at least half of five: listed) and missed at all by all five
    for i in range(5):
        write_firm(folder / f"f{i}.yaml", f"F{i}", 1)
    for i in (3, 4):
        path = folder / f"f{i}.yaml"
        path.write_text(
            path.read_text(encoding="utf-8").replace("target_level: 3", "target_level: 2"),
            encoding="utf-8",
        )
    out = tmp_path / "portfolio.md"
    code, _, err = run("portfolio", folder, "-o", out)
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    rows = {
        line.split("|")[1].strip(" `"): line.split("|")[5].strip()
        for line in text.splitlines()
        if line.startswith("| `")
    }
    assert rows["a.3.01"] == "5 / 5" and rows["a.2.01"] == "5 / 5"
    assert "The last column counts every client that has not fully met the requirement" in text
