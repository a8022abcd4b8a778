"""Issue 14: board and full editions, honest mode and language, the HTML report as a web page."""

from __future__ import annotations

import dataclasses
import re
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from maturity.cli import app
from maturity.report import ReportFormat
from maturity.report.inputs import ReportEdition, SignatureInfo
from maturity.report.render import render_report
from tests.conftest import MINI, answer_doc, hand_worked, write_yaml
from tests.pageink import page_ink
from tests.test_report import FROZEN, SAMPLE, pdf_pages, pdf_text, report_input


def mini_with_mode(tmp_path: Path, mode: str) -> Path:
    from maturity.questionnaire import load_questionnaire

    doc = answer_doc(load_questionnaire(MINI), hand_worked(load_questionnaire(MINI)))
    doc["assessment"]["mode"] = mode
    doc["assessment"]["assessor"] = {"name": "Ann Assessor", "organisation": "Checkers Ltd"}
    return write_yaml(tmp_path / f"{mode}.yaml", doc)


def html_of(path: Path, lang: str, *, signed: bool = False, extra: list[Path] | None = None) -> str:
    data = report_input(path, [MINI] if extra is None else extra)
    if signed:
        data = dataclasses.replace(data, signature=SignatureInfo("ab" * 32, ("answers.yaml",), ()))
    return render_report(data, ReportFormat.html, lang, generated=FROZEN).decode("utf-8")  # type: ignore[arg-type]


def text_of(html: str, css_class: str) -> str:
    found = re.search(rf'class="{css_class}">(.*?)</(?:p|div)>', html, re.S)
    assert found, css_class
    return re.sub(r"<[^>]+>", "", found.group(1)).strip()


KICKER = {
    (
        "self",
        "zh",
    ): "参照 GB/T 39116-2020 模型结构和 GB/T 39117-2020 评估方法（未采用标准的权重表）的企业自评估",
    (
        "consultant",
        "zh",
    ): "参照 GB/T 39116-2020 模型结构和 GB/T 39117-2020 评估方法（未采用标准的权重表）的咨询机构辅助评估",
    (
        "third_party",
        "zh",
    ): "参照 GB/T 39116-2020 模型结构和 GB/T 39117-2020 评估方法（未采用标准的权重表）的第三方评估",
    (
        "self",
        "en",
    ): "Self-assessment following the GB/T 39116-2020 model structure and the GB/T 39117-2020 method (without the standard weight tables)",
    (
        "consultant",
        "en",
    ): "Consultant-led assessment following the GB/T 39116-2020 model structure and the GB/T 39117-2020 method (without the standard weight tables)",
    (
        "third_party",
        "en",
    ): "Third-party assessment following the GB/T 39116-2020 model structure and the GB/T 39117-2020 method (without the standard weight tables)",
}
DISCLAIMER_START = {
    ("self", "zh"): "声明 本报告是基于企业自行填报答案的自评估结果",
    ("consultant", "zh"): "声明 本报告由咨询机构与企业共同作答",
    ("third_party", "zh"): "声明 本报告由评估人（自述独立于受评估企业）作答",
    (
        "self",
        "en",
    ): "Disclaimer This report is a self-assessment based on answers given by the organisation",
    (
        "consultant",
        "en",
    ): "Disclaimer This report was answered by a consultant together with the organisation",
    (
        "third_party",
        "en",
    ): "Disclaimer This report was answered by an assessor who states they are independent of the organisation",
}


@pytest.mark.parametrize(("mode", "lang"), sorted(KICKER))
def test_cover_and_disclaimer_follow_the_mode(tmp_path: Path, mode: str, lang: str) -> None:
    html = html_of(mini_with_mode(tmp_path, mode), lang)
    assert text_of(html, "cover-kicker") == KICKER[mode, lang]
    assert text_of(html, "disclaimer").startswith(DISCLAIMER_START[mode, lang])
    if mode != "self":  # neither the cover nor the disclaimer calls it a self-assessment
        assert "自评估" not in text_of(html, "disclaimer") + text_of(html, "cover-kicker")
        assert "self-assessment" not in text_of(html, "disclaimer").lower()


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("zh", "本报告已由评估人数字签名，可用 maturity verify 核验（见签名页）。"),
        (
            "en",
            "The assessor has signed this report digitally; check it with maturity verify (see the signature page).",
        ),
    ],
)
def test_a_signed_third_party_report_says_so_and_never_self_assessment(
    tmp_path: Path, lang: str, note: str
) -> None:
    html = html_of(mini_with_mode(tmp_path, "third_party"), lang, signed=True)
    assert text_of(html, "disclaimer").endswith(note)
    assert "自评估" not in html and "self-assessment" not in html.lower()


def test_the_method_annex_speaks_the_readers_language_without_internal_notes(
    tmp_path: Path,
) -> None:
    html = html_of(SAMPLE, "zh", extra=[])
    method = html[html.index('class="compact params"') :]
    method = method[: method.index("</table>")]
    for internal in (
        "corroborated",
        "secondary",
        "unverified",
        "project-default",
        "brief",
        "Reconstruction",
    ):
        assert internal not in method
    # the standard does give weights, by secondary accounts: "it does not say" would be wrong
    assert "据二手资料，GB/T 39117-2020 按企业类型（离散型、流程型）给出子域权重表" in method
    assert "全部满足 1 · 大部分满足 0.8 · 部分满足 0.5 · 不满足 0" in method  # not "full 1"
    assert "<th>依据</th>" in method


def test_full_edition_lists_each_gap_once_as_a_requirement_with_its_project(tmp_path: Path) -> None:
    html = html_of(SAMPLE, "zh", extra=[])
    gaps = html[html.index('<section id="gaps"') :]
    gaps = gaps[: gaps.index("</section>")]
    ids = re.findall(r'<code class="id">([\w.]+)</code>', gaps)
    assert ids and len(ids) == len(set(ids))  # one table, each requirement once
    assert "你们是否" not in gaps and "？" not in gaps  # statements, not questions
    assert html.count('<section id="gaps"') == 1
    for gone in ('id="shortest"', 'id="plan"', 'id="charts"'):  # the lists that repeated it
        assert gone not in html


def test_full_edition_names_each_project_once_and_loses_no_note_or_evidence() -> None:
    from markupsafe import escape

    data = report_input(SAMPLE, [])
    html = html_of(SAMPLE, "zh", extra=[])
    gaps = html[html.index('<section id="gaps"') :]
    gaps = gaps[: gaps.index("</section>")]
    for table in re.findall(r'<table class="gaps">(.*?)</table>', gaps, re.S):
        heads = re.findall(r'<tr class="project"><th colspan="2">(.*?)</th></tr>', table, re.S)
        assert heads and len(heads) == len(set(heads))  # each project once per level
    in_gaps = set(re.findall(r'<code class="id">([\w.]+)</code>', gaps))
    annex = html[html.index('<div class="evidence">') :]
    annex = annex[: annex.index("</section>")]
    entries = {
        m.group(1): m.group(0)
        for m in re.finditer(r'<div class="ev" data-id="([\w.]+)">.*?</div>\n', annex, re.S)
    }
    applicable = {r.id for r in data.result.requirements}
    expected = {
        rid: a
        for rid, a in data.answers.answers.items()
        if a is not None and (a.note or a.evidence) and rid in applicable
    }
    assert len(expected) > 100 and set(entries) == set(expected)
    for rid, answer in expected.items():
        entry = entries[rid]
        assert not answer.note or str(escape(answer.note)) in entry, rid
        assert all(str(escape(item)) in entry for item in answer.evidence), rid
        # the statement is given once: in the gap table, or here when the gap table lacks it (a
        # gap's entry names it by its first clause only)
        full = re.search(r'<div class="ev-req">(.*?)</div>', entry)
        assert (full is not None) == (rid not in in_gaps), rid


def test_board_edition_has_the_board_pages_only(tmp_path: Path) -> None:
    data = report_input(SAMPLE, [])
    html = render_report(
        data, ReportFormat.html, "en", generated=FROZEN, edition=ReportEdition.board
    ).decode("utf-8")
    sections = re.findall(r'<section id="(\w+)"', html)
    assert sections == ["summary", "next90", "roadmap"]
    assert (
        "About 37% of enterprises nationally are at level 2 or above (2022 self-diagnosis data);"
        " that is, about 63% have not yet reached level 2." in html
    )
    assert html.count('class="action ') <= 5


def test_the_radar_names_the_target_in_its_legend_only(tmp_path: Path) -> None:
    """Board review 13: the target's label on the ring covered the tick "3"."""
    html = html_of(mini_with_mode(tmp_path, "self"), "en")
    radar = html[html.index('class="chart radar"') :]
    radar = radar[: radar.index("</svg>")]
    assert radar.count(">Target level (3)</text>") == 1  # the legend's
    assert 'font-weight="700" fill="#d1242f"' not in radar
    assert "Score of each sub-domain" in html


def test_html_report_fetches_nothing_from_outside(tmp_path: Path) -> None:
    html = html_of(SAMPLE, "bilingual", extra=[])
    links = re.findall(r'(?:src|href)\s*=\s*["\']?([^"\'\s>]*)', html, re.I)
    outside = [link for link in links if not link.startswith(("#", "data:"))]
    assert links and not outside
    assert "@import" not in html and "url(" not in html.replace("url(#", "")


def test_pdf_without_weasyprint_says_how_to_get_one_from_html(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint raises ImportError
    out = tmp_path / "x.pdf"
    result = CliRunner().invoke(app, ["report", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 2, result.output
    line = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
    assert len(line) == 1
    assert line[0].endswith(
        "or write the report as .html (maturity report FILE -o report.html), open it in a browser "
        "and print it to PDF (A4)."
    )
    assert not out.exists()


def _render(tmp_path: Path, lang: str, edition: str) -> Path:
    out = tmp_path / f"{edition}-{lang}.pdf"
    args = ["report", str(SAMPLE), "-o", str(out), "--lang", lang, "--edition", edition]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    return out


@pytest.mark.slow
@pytest.mark.parametrize(
    ("edition", "lang", "most"),
    [
        ("board", "zh", 6),
        ("full", "zh", 16),
        ("board", "en", 6),
        ("full", "en", 21),
        ("board", "bilingual", 6),
        (
            "full",
            "bilingual",
            30,
        ),  # the bilingual cover fits page 1 (it spilled a line onto page 2)
    ],
)
def test_editions_fit_their_pages_and_no_page_is_mostly_empty(
    tmp_path: Path, edition: str, lang: str, most: int
) -> None:
    out = _render(tmp_path, lang, edition)
    assert pdf_pages(out) <= most
    pages = page_ink(out)
    thin = [
        p for p in pages[1:] if p.filled < 0.25
    ]  # the cover is page 1; unsigned: no signature page
    assert not thin, thin
    if lang == "zh":
        text = pdf_text(out)
        assert "一页看板" in text and "未来 90 天" in text and "晋级路线图与后续储备项目" in text
        assert ("差距与行动" in text) == (edition == "full")


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("en", ">Reserve · projects: 12 · RMB 7.8 million or more</text>"),
        ("bilingual", ">780 万元以上 / RMB 7.8 million or more</text>"),  # cost on its own line
    ],
)
def test_roadmap_labels_are_not_cut_off(lang: str, label: str) -> None:
    """Issue 14 (board review 6): "Phase 1 · projects: 16 · 50–3…" lost every cost figure."""
    from maturity.report.render import prepare

    view, _, _ = prepare(report_input(SAMPLE), lang, generated=FROZEN)  # type: ignore[arg-type]
    chart = str(view.phase_chart)
    assert label in chart and "…" not in chart


@pytest.mark.slow
def test_bilingual_roadmap_heading_stays_with_its_chart(tmp_path: Path) -> None:
    """Issue 14 (board review 7): the heading sat at the foot of p. 7, the chart alone on p. 8."""
    out = _render(tmp_path, "bilingual", "board")
    pages = pdf_text(out).split("\f")
    page = next(p for p in pages if "Promotion roadmap and reserve projects" in p)
    assert "Phase 1 · projects" in page and "RMB 7.8 million or more" in page


# --- a real browser (headless Chromium) ------------------------------------------------------

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR"
    width, height = struct.unpack(">II", head[16:24])
    return width, height


def chromium(*args: str) -> None:
    subprocess.run(
        [
            CHROMIUM or "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            *args,
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )


def widths(html: str, tmp_path: Path) -> dict[int, tuple[int, int]]:
    """scrollWidth and clientWidth of the report's page in frames 390 and 1280 px wide."""
    import html as html_lib

    src = html_lib.escape(html, quote=True)
    frames = "".join(
        f'<iframe id="f{w}" width="{w}" height="900" srcdoc="{src}"></iframe>' for w in (390, 1280)
    )
    script = (
        "<script>window.onload=function(){var t=[];[390,1280].forEach(function(w){"
        "var d=document.getElementById('f'+w).contentDocument.documentElement;"
        "t.push(w+':'+d.scrollWidth+':'+d.clientWidth);});document.title=t.join(' ');};</script>"
    )
    probe = tmp_path / "probe.html"
    probe.write_text(f"<!DOCTYPE html><title>-</title>{frames}{script}", encoding="utf-8")
    dom = subprocess.run(
        [
            CHROMIUM or "chromium",
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--window-size=1400,900",
            "--dump-dom",
            probe.as_uri(),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    found = re.findall(r"(\d+):(\d+):(\d+)", dom.split("<title>")[1].split("</title>")[0])
    return {int(w): (int(scroll), int(client)) for w, scroll, client in found}


@pytest.mark.slow
@pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (make demo installs it): no browser test"
)
def test_html_report_in_a_real_browser(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_bytes(
        render_report(report_input(SAMPLE, []), ReportFormat.html, "zh", generated=FROZEN)
    )
    for width in (1280, 390):
        shot = tmp_path / f"shot-{width}.png"
        chromium(f"--screenshot={shot}", f"--window-size={width},900", page.as_uri())
        assert png_size(shot) == (width, 900)
    # no sideways scrolling: the report in frames of both widths (a window cannot be narrower
    # than 500 px when the DOM is dumped); a frame's scrollWidth beyond its clientWidth scrolls
    measured = widths(page.read_text(encoding="utf-8"), tmp_path)
    assert set(measured) == {390, 1280}
    for width, (scroll, client) in measured.items():
        assert scroll <= client, (width, scroll, client)
    pdf = tmp_path / "printed.pdf"
    chromium("--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size: +59\d(\.\d+)? x 84\d(\.\d+)? pts \(A4\)", info), info
    text = pdf_text(pdf)
    assert "一页看板" in text and "差距与行动" in text
    assert 8 <= pdf_pages(pdf) <= 24


def test_a_tailored_subdomain_reads_not_applicable_in_chinese_and_has_no_radar_axis(
    tmp_path: Path,
) -> None:
    from maturity.questionnaire import load_questionnaire

    q = load_questionnaire(MINI)
    doc = answer_doc(q, hand_worked(q), tailoring={"b": "我们不做这项业务"})
    html = html_of(write_yaml(tmp_path / "t.yaml", doc), "zh")
    results = html[html.index('<table class="subdomains">') :]
    row = next(r for r in results.split("<tr>") if "<td>子域b</td>" in r)
    assert row.count('<td class="num">不适用</td>') == 2  # level and score
    radar = html[html.index('class="chart radar"') :]
    assert "子域b" not in radar[: radar.index("</svg>")] and "子域a" in radar


def test_batch_reports_take_the_edition(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / "a.yaml")
    out = tmp_path / "out"
    args = ["report", str(folder), "-o", str(out), "-f", "html", "--edition", "board"]
    result = CliRunner().invoke(app, [*args, "--jobs", "1"])
    assert result.exit_code == 0, result.stderr
    page = (out / "a.html").read_text(encoding="utf-8")
    assert re.findall(r'<section id="(\w+)"', page) == ["summary", "next90", "roadmap"]


def test_markdown_board_edition_has_the_summary_and_the_roadmap_only() -> None:
    data = report_input(SAMPLE, [])
    md = render_report(
        data, ReportFormat.md, "en", generated=FROZEN, edition=ReportEdition.board
    ).decode("utf-8")
    assert re.findall(r"^## (.+)$", md, re.M) == [
        "Executive summary",
        "Promotion roadmap and reserve projects",
    ]
