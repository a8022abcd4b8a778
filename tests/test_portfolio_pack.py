"""The consultant's portfolio pack as a reader gets it (issue 15, round 4): a PDF that stays within
the page, the progress of re-assessed clients, sorting in the reader's language, a workbook that
prints, and a merged file that says by which rule it was merged."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from maturity.cli import app
from tests.conftest import REPO

SAMPLE = REPO / "examples" / "cmmm-discrete-sample.yaml"
# real-looking names: pinyin order is 常州, 嘉兴, 南通, 宁波, 苏州, 无锡 (code-point order is not)
NAMES = [
    "苏州恒锐汽车零部件有限公司",
    "南通海韵调味品有限公司",
    "嘉兴锐科智能装备有限公司",
    "宁波甬兴模具有限公司",
    "常州博远汽车电子有限公司",
    "无锡华泰减震器有限公司",
]


def client(name: str, date: str = "2026-11-20", worse: bool = False) -> dict[str, Any]:
    doc: dict[str, Any] = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    doc["organisation"]["name"] = name
    doc["assessment"]["date"] = date
    if date < "2026-10-31":  # the sample's KPIs are measured then
        doc.pop("kpis")
    if worse:  # a year earlier: nothing above level 1 in place
        doc["answers"] = {k: ("full" if ".1." in k else "none") for k in doc["answers"]}
    return doc


def write(path: Path, doc: dict[str, Any]) -> None:
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def clients(tmp_path: Path) -> Path:
    folder = tmp_path / "clients"
    folder.mkdir()
    for i, name in enumerate(NAMES):
        write(folder / f"c{i}.yaml", client(name))
    write(folder / "c0-2025.yaml", client(NAMES[0], "2025-11-10", worse=True))
    return folder


def run(*args: str | Path, lang: str = "en") -> tuple[int, str, str]:
    result = CliRunner().invoke(app, [*map(str, args), "--jobs", "1", "--lang", lang])
    return result.exit_code, result.stdout, result.stderr


def pdf_words(pdf: Path) -> list[tuple[int, float, float, float, str]]:
    """(page, page width, xMax, yMin, word) of every word pdftotext finds."""
    bbox = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words, page, width = [], 0, 0.0
    for line in bbox.splitlines():
        if m := re.search(r'<page width="([\d.]+)"', line):
            page, width = page + 1, float(m.group(1))
        elif m := re.search(r'yMin="([\d.]+)" xMax="([\d.]+)".*>(.*)</word>', line):
            words.append((page, width, float(m.group(2)), float(m.group(1)), m.group(3)))
    return words


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="no poppler-utils")


# --- the PDF's layout -------------------------------------------------------------------------


@needs_poppler
def test_portfolio_pdf_stays_within_the_right_margin(clients: Path) -> None:
    out = clients.parent / "p.pdf"
    code, _, err = run("portfolio", clients, "-o", out, lang="zh")
    assert code == 0, err
    words = pdf_words(out)
    margin = 17 / 25.4 * 72  # report.css: 17 mm left and right
    outside = [(p, w) for p, width, x, _, w in words if x > width - margin + 1]
    assert outside == []
    # the common gaps table (where the long ids used to push the count off the page) is there
    assert any(w == "未完全满足的企" or w.startswith("未完全满足") for *_, w in words)


@needs_poppler
def test_portfolio_pdf_has_no_stray_running_header_and_whole_words_in_the_heat_map(
    clients: Path,
) -> None:
    out = clients.parent / "p.pdf"
    assert run("portfolio", clients, "-o", out, lang="zh")[0] == 0
    words = pdf_words(out)
    # above the top margin only the edition's running head "issuer · confidentiality" (the
    # report's own running header, a lone "·" in the corner, is switched off)
    top = [w for _, _, _, y, w in words if y < 50]
    assert set(top) == {"江南精工传动有限公司", "·", "内部资料，含可识别企业数据，不得外发"}
    assert top.count("·") == top.count("江南精工传动有限公司")  # one separator per page head
    headers = {w for *_, w in words}
    assert {"组织", "战略", "信息", "安全", "计划", "与调度"} <= headers
    assert not headers & {"组织战", "信息安", "产品设", "略", "全"}


# --- progress across assessments -----------------------------------------------------------------


def test_portfolio_shows_each_re_assessed_client_with_its_level_and_score_change(
    clients: Path,
) -> None:
    out = clients.parent / "p.md"
    code, _, err = run("portfolio", clients, "-o", out)
    assert code == 0, err
    text = out.read_text(encoding="utf-8")
    assert "## Progress of re-assessed clients\n\n" in text
    assert "Re-assessed clients: 1; moved up a level: 1; same level: 0; moved down: 0." in text
    row = f"| {NAMES[0]} | 2025-11-10 → 2026-11-20 | 1 → 2 | +1 | 1.00 → 2.14 | +1.14 |"
    assert row in text


def test_a_shareable_portfolio_gives_progress_only_as_counts_of_five_or_more(
    clients: Path,
) -> None:
    out = clients.parent / "b.md"
    assert run("portfolio", clients, "-o", out, "--audience", "bureau", lang="zh")[0] == 0
    text = out.read_text(encoding="utf-8")
    assert (
        "## 复评企业进展\n\n复评企业少于 5 家，为免推算出具体企业的结果，不公布其等级变化。" in text
    )
    assert "2025-11-10" not in text and NAMES[0] not in text
    for i in range(1, 5):  # five re-assessed clients, four of them moved up
        write(clients / f"c{i}-2025.yaml", client(NAMES[i], "2025-11-10", worse=True))
    write(clients / "c5-2025.yaml", client(NAMES[5], "2025-11-10"))
    assert run("portfolio", clients, "-o", out, "--audience", "bureau", lang="zh")[0] == 0
    text = out.read_text(encoding="utf-8")
    assert "6 家复评企业中，5 家提升了等级，1 家等级未变，0 家下降。" in text
    assert "2025-11-10" not in text and NAMES[0] not in text


def test_report_dir_shows_progress_since_the_same_organisations_earlier_file(
    clients: Path,
) -> None:
    out = clients.parent / "reports"
    code, _, err = run("report", clients, "-o", out, "-f", "md")
    assert code == 0, err
    text = (out / "c0.md").read_text(encoding="utf-8")
    assert "## Progress since the last assessment" in text
    assert "Last assessment (2025-11-10): level 1, score 1.00; now: level 2, score 2.14" in text
    assert (
        "The last assessment is this organisation's earlier answer file in the same folder: "
        "c0-2025.yaml."
    ) in text
    # the earlier file has nothing before it, nor has another organisation
    for other in ("c0-2025.md", "c1.md"):
        assert "Progress since" not in (out / other).read_text(encoding="utf-8")
    code, _, err = run("report", clients, "-o", out, "-f", "md", "--no-link-previous")
    assert code == 0, err
    assert "Progress since" not in (out / "c0.md").read_text(encoding="utf-8")


# --- sorting and wording -------------------------------------------------------------------------

PINYIN_ORDER = [NAMES[i] for i in (4, 2, 1, 3, 0, 5)]  # Chang, Jia, Nan, Ning, Su, Wu


def heat_map_names(text: str) -> list[str]:
    section = text.split("\n## ")
    rows = next(s for s in section if s.startswith(("各企业子域等级", "Sub-domain levels")))
    lines = rows.splitlines()[4:]
    return [line.split(" | ")[0].strip("| ") for line in lines if line.startswith("| ")]


def test_clients_are_listed_by_pinyin_in_chinese_and_by_level_on_request(clients: Path) -> None:
    out = clients.parent / "p.md"
    assert run("portfolio", clients, "-o", out, lang="zh")[0] == 0
    text = out.read_text(encoding="utf-8")
    assert heat_map_names(text) == PINYIN_ORDER
    index = [
        line.split(" | ")[0].strip("| ") for line in text.split("各企业报告索引")[1].splitlines()
    ]
    assert [name for name in index if name in NAMES] == PINYIN_ORDER
    # by level: the one level-1 client is last, the others keep pinyin order
    write(clients / "c5.yaml", client(NAMES[5], worse=True))
    assert run("portfolio", clients, "-o", out, "--sort", "level", lang="zh")[0] == 0
    assert heat_map_names(out.read_text(encoding="utf-8")) == [*PINYIN_ORDER[:5], NAMES[5]]


def test_the_report_index_of_a_folder_is_in_pinyin_order(clients: Path) -> None:
    out = clients.parent / "reports"
    assert run("report", clients, "-o", out, "-f", "md", "--no-link-previous", lang="zh")[0] == 0
    html = (out / "index.html").read_text(encoding="utf-8")
    shown = re.findall(r"<td>([^<]+有限公司)</td>", html)
    assert shown == [
        PINYIN_ORDER[0],
        PINYIN_ORDER[1],
        PINYIN_ORDER[2],
        PINYIN_ORDER[3],
        NAMES[0],
        NAMES[0],
        NAMES[5],
    ]  # 苏州恒锐: the 2025 file, then 2026


def test_national_columns_and_the_index_note_read_as_words_not_ids(clients: Path) -> None:
    out = clients.parent / "p.md"
    assert run("portfolio", clients, "-o", out, lang="zh")[0] == 0
    text = out.read_text(encoding="utf-8")
    assert "| 全国自诊断（CESI，2021 年） | 全国自诊断（CESI，2022 年） |" in text
    assert "cesi-2021" not in text and "maturity report" not in text
    assert "各企业的报告见本文件所在目录中、表内所列名称的 PDF 文件。" in text


def test_averages_round_half_up_while_scores_stay_floored() -> None:
    from maturity.numbers import fmt_average, fmt_score

    assert [fmt_average(v) for v in (1.9467, 1.945, 1.9449, 0.125, None)] == [
        "1.95",
        "1.95",
        "1.94",
        "0.13",
        "–",
    ]
    assert fmt_score(1.9467) == "1.94"  # a score next to a gate never rounds up across it


# --- the workbook on paper -----------------------------------------------------------------------


def test_workbook_prints_the_key_columns_on_a3_and_keeps_notes_clear_of_the_charts(
    clients: Path,
) -> None:
    from openpyxl import load_workbook

    out = clients.parent / "p.xlsx"
    assert run("score", clients, "-o", out, lang="zh")[0] == 0
    book = load_workbook(out)
    results = book["评分结果"]
    header = [c.value for c in results[1]]
    first, last = header.index("企业") + 1, header.index("5 级得分") + 1
    area = f"${results.cell(1, first).column_letter}$1:${results.cell(1, last).column_letter}$8"
    assert results.print_area == f"'评分结果'!{area}"  # organisation to the level-5 score
    assert (results.print_title_rows, results.page_setup.paperSize) == ("$1:$1", 8)
    heat = book["子域热力图"]
    assert (heat.print_title_rows, heat.print_title_cols, heat.page_setup.paperSize) == (
        "$1:$1",
        "$A:$A",
        8,
    )
    # the summary's notes stay within its table columns (A-D), left of the charts
    summary = book["汇总"]
    width = sum(summary.column_dimensions[c].width for c in "ABCD")
    notes = [c.value for c in summary["A"] if isinstance(c.value, str)]
    assert any(n.startswith("全国数据：2021 年") for n in notes)
    assert all(sum(2 if ord(ch) >= 0x2E80 else 1 for ch in n) <= width for n in notes)
    assert all(summary.cell(r, 5).value is None for r in range(1, summary.max_row + 1))
