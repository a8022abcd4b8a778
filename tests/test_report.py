"""The report: view-model values, a golden HTML file, PDF text/fonts/pages, safe rendering."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from maturity.cli import app
from maturity.questionnaire import Catalog
from maturity.report import ReportFormat, ReportInput
from maturity.report.inputs import ReportLang
from maturity.report.render import RENDERERS, prepare, render_report
from tests.conftest import MINI, REPO, answer_doc, hand_worked, score_file, write_yaml

FROZEN = dt.date(2026, 11, 25)
GOLDEN = Path(__file__).parent / "golden"
SAMPLE = REPO / "examples" / "cmmm-discrete-sample.yaml"


def report_input(path: Path, extra_dirs: list[Path] | None = None) -> ReportInput:
    return score_file(path, extra_dirs).report_input()


@pytest.fixture
def mini_answers(tmp_path: Path) -> Path:
    from maturity.questionnaire import load_questionnaire

    q = load_questionnaire(MINI)
    answers = hand_worked(q)
    answers["b.1.01"] = {"rating": "full", "note": "weekly review", "evidence": ["plan-2026.xlsx"]}
    answers["c.3.01"] = {"rating": "na", "reason": "we buy this in"}
    doc = answer_doc(q, answers, priorities=["quality"])
    doc["organisation"]["industry"] = "toys"
    doc["assessment"]["assessor"] = {
        "name": "Ann Assessor",
        "organisation": "Checkers Ltd",
        "accreditation": "CMMM-0001",
    }
    return write_yaml(tmp_path / "mini.yaml", doc)


def test_view_model_values(mini_answers: Path) -> None:
    view, _, _ = prepare(report_input(mini_answers, [MINI]), "en", target=3, generated=FROZEN)
    assert (view.result.level, round(view.result.score, 6)) == (1, round(0 + 0.933333 + 0.5875, 6))
    assert view.level is not None and view.level.number == 1
    assert view.target.number == 3
    assert view.next_level is not None and view.next_level.number == 2
    assert view.next_score == pytest.approx(0.5875)
    # as printed: 0.80 - 0.58 (0.5875 shown floored to two decimals, the shortfall rounded up)
    assert view.next_gap == pytest.approx(0.22)
    # every level up to the target, the one already held too (issue 14, board review 5)
    assert [(g.level, round(g.score, 4), round(g.short, 4), g.thin) for g in view.gate_rows] == [
        (1, 0.9333, 0.0, False),
        (2, 0.5875, 0.22, False),
        (3, 0.0, 0.8, False),
    ]
    # every level up to the target with its own minimal set (level 3's assumes level 2's done)
    assert view.outlook == (
        "Level 2 needs one project: Question c.2.01? (no. 1), indicative cost RMB 0.1–0.5"
        " million, expected by 2027 Q2. Level 3 needs 2 projects: Question a.3.01? (no. 4);"
        " Question b.3.01? (no. 5). Indicative cost RMB 0.6–2.5 million, expected by 2027 Q3."
        " The promotion roadmap has 6 projects, indicative total RMB 1–4.5 million."
    )
    # c.3.01 is N/A: at level 3 only a (w 2/3 -> gain 0.666667) and b (w 1/3 -> 0.333333) remain
    assert [a.id for a in view.actions] == [
        "c.2.01",
        "a.2.01",
        "b.2.01",
        "a.3.01",
        "b.3.01",
        "a.1.02",
    ]
    assert [a.id for a in view.top_actions] == ["c.2.01", "a.2.01", "b.2.01"]
    # the mini questionnaire has no projects/: each requirement is a project, from its advice
    assert view.actions[0].first_step.en == "Do c.2.01"
    cost = view.actions[0].cost
    assert (cost.zh, cost.en) == ("10–50 万元", "RMB 0.1–0.5 million")
    assert (view.actions[0].months, view.estimated) == ("3–6", False)
    assert view.shortest is not None and [a.id for a in view.shortest.actions] == ["c.2.01"]
    assert view.shortest_count == 1
    assert [(p.number, p.start, p.budget.en, [a.id for a in p.actions]) for p in view.phases] == [
        (1, "2027 Q1", "RMB 0.9–4 million", ["c.2.01", "a.2.01", "b.2.01", "a.3.01", "b.3.01"]),
        (2, "2027 Q2", "RMB 0.1–0.5 million", ["a.1.02"]),  # five a quarter: the sixth waits
    ]
    assert [(n.id, n.reason) for n in view.na_items] == [("c.3.01", "we buy this in")]
    assert [(e.id, e.note, e.items) for e in view.evidence] == [
        ("b.1.01", "weekly review", ("plan-2026.xlsx",))
    ]
    assert [(t.name.en, t.met, t.projects) for t in view.tiers] == [
        ("Basic smart factory", False, ("c.2.01", "a.2.01", "b.2.01")),
        ("Advanced smart factory", False, ("c.2.01", "a.2.01", "b.2.01")),
        ("Excellence smart factory", False, ("c.2.01", "a.2.01", "b.2.01", "a.3.01", "b.3.01")),
        (
            "Leading smart factory",
            False,
            ("c.2.01", "a.2.01", "b.2.01", "a.3.01", "b.3.01", "a.4.01", "b.4.01", "c.4.01"),
        ),
    ]
    assert [(t.ranks, t.beyond) for t in view.tiers] == [
        ((1, 2, 3), ""),
        ((1, 2, 3), ""),
        ((1, 2, 3, 4, 5), ""),
        ((), "beyond this plan's target (level 3)"),  # not the level-3 list again
    ]
    assert [round(g.level.number) for g in view.gaps] == [1, 2, 3]


@pytest.mark.parametrize(
    ("lang", "outlook", "flag"),
    [
        (
            "en",
            "Level 2 needs one project: Question c.2.01? (no. 1), indicative cost RMB 0.1–0.5"
            " million, expected by 2027 Q2. Level 3 needs 3 projects: Question c.3.01? (no. 4);"
            " Question a.3.01? (no. 5); Question b.3.01? (no. 6). Indicative cost RMB 0.6–2.6"
            " million, expected by 2027 Q4. The promotion roadmap has 9 projects, indicative total"
            " RMB 1.2–5.6 million.",
            "| 1 | 0.80 | 0.80 | Met · **just above the gate** |",
        ),
        (
            "zh",
            "第 2 级只差 1 个项目：问题 c.2.01？（第 1 项），参考费用 10–50 万元（指示性），预计 2027"
            " Q2 达到第 2 级。第 3 级必需：问题 c.3.01？（第 4 项）、问题 a.3.01？（第 5 项）、"
            "问题 b.3.01？（第 6 项），共 3 个项目，"
            "参考费用 60–260 万元（指示性），预计 2027 Q4 达到第 3 级。晋级路线图共 9 个项目，"
            "参考总费用 120–560 万元（指示性）。",
            "| 1 | 0.80 | 0.80 | 已达到 · **刚过门槛** |",
        ),
    ],
)
def test_a_level_held_by_a_thin_margin_is_flagged(
    tmp_path: Path, lang: ReportLang, outlook: str, flag: str
) -> None:
    """Level 1 at exactly the 0.80 gate: held, but one rating down loses it; the board sees it."""
    from maturity.questionnaire import load_questionnaire

    q = load_questionnaire(MINI)
    answers = {**hand_worked(q), "a.1.01": "most", "b.1.01": "most"}
    path = write_yaml(tmp_path / "thin.yaml", answer_doc(q, answers))
    view, _, _ = prepare(report_input(path, [MINI]), lang, target=3, generated=FROZEN)
    assert [(g.level, g.thin) for g in view.gate_rows] == [(1, True), (2, False), (3, False)]
    md = render_report(
        report_input(path, [MINI]), ReportFormat.md, lang, target=3, generated=FROZEN
    ).decode("utf-8")
    assert outlook in md and flag in md


def test_a_tier_above_the_target_says_so_in_chinese(mini_answers: Path) -> None:
    view, _, _ = prepare(report_input(mini_answers, [MINI]), "zh", target=3, generated=FROZEN)
    assert view.tiers[-1].beyond == "超出本报告规划范围（规划目标为 3 级）"


def test_the_advice_is_computed_once_per_report(
    mini_answers: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from maturity import plan

    calls: list[int] = []

    def counted(result: object) -> int:
        calls.append(1)
        return real(result)  # type: ignore[arg-type]

    real = plan.reached_level
    monkeypatch.setattr(plan, "reached_level", counted)
    prepare(report_input(mini_answers, [MINI]), "en", target=3, generated=FROZEN)
    assert len(calls) == 1  # not once per plan, shortest path, roadmap and target


@pytest.mark.parametrize("lang", ["en", "zh", "bilingual"])
def test_html_golden(mini_answers: Path, lang: ReportLang) -> None:
    html = render_report(
        report_input(mini_answers, [MINI]), ReportFormat.html, lang, target=3, generated=FROZEN
    ).decode("utf-8")
    html = html.replace(str(mini_answers.parent), "<tmp>")
    # the stylesheet is inlined verbatim from report_templates/report.css; the golden files pin the
    # document itself, so a style change does not rewrite them
    css = (REPO / "report_templates" / "report.css").read_text(encoding="utf-8")
    assert css in html
    html = html.replace(css, "/* report.css */\n")
    golden = GOLDEN / f"mini-report-{lang}.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(html, encoding="utf-8")
    assert html == golden.read_text(encoding="utf-8"), (
        "run UPDATE_GOLDEN=1 pytest tests/test_report.py after checking the change"
    )


def test_markdown_needs_no_pdf_engine(mini_answers: Path) -> None:
    md = render_report(
        report_input(mini_answers, [MINI]), ReportFormat.md, "zh", target=3, generated=FROZEN
    ).decode("utf-8")
    assert md.startswith("# 智能制造能力成熟度评估报告\n")
    assert "## 改进计划（按项目排序）" in md
    assert "| 一级 |" not in md  # level names come from the questionnaire
    assert "`c.2.01`" in md


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def pdf_fonts(path: Path) -> str:
    return subprocess.run(
        ["pdffonts", str(path)], check=True, capture_output=True, text=True
    ).stdout


# Page counts of the 1.1.0 sample, full edition (issue 14: zh at most 16). Measured 16 zh and 28
# bilingual once the gap/action table named each project once above its requirements and the
# notes-and-evidence annex became a two-column list without the statements the gap table gives
# (before: 30 zh, 61 bilingual; the gap table alone took 8 pages, the annex 14). Round 4 added the
# method annex's table of the report's own choices and names in the evidence list: one page more.
@pytest.mark.slow
@pytest.mark.parametrize(
    ("lang", "headings", "pages"),
    [
        ("zh", ["一页看板", "未来 90 天", "差距与行动", "附录"], (8, 17)),
        ("bilingual", ["一页看板", "Dashboard"], (12, 31)),
    ],
)
def test_pdf_text_fonts_and_pages(
    tmp_path: Path, lang: str, headings: list[str], pages: tuple[int, int]
) -> None:
    out = tmp_path / f"report-{lang}.pdf"
    result = CliRunner().invoke(app, ["report", str(SAMPLE), "-o", str(out), "--lang", lang])
    assert result.exit_code == 0, result.stderr
    text = pdf_text(out)
    for heading in headings:
        assert heading in text
    assert "江南精工传动有限公司" in text
    assert pages[0] <= pdf_pages(out) <= pages[1]
    fonts = pdf_fonts(out)
    cjk = [line for line in fonts.splitlines() if "CJK" in line or "WenQuanYi" in line]
    assert cjk, fonts
    assert all(" yes yes " in line for line in cjk), fonts  # embedded and subset


HOSTILE = '<script>alert(1)</script></td><img src="file:///etc/passwd"><style>body{background:url(http://127.0.0.1:9/x)}</style>'


@pytest.mark.slow
def test_hostile_text_is_shown_as_text_and_nothing_is_fetched(
    tmp_path: Path, mini_answers: Path
) -> None:
    import yaml

    data = yaml.safe_load(mini_answers.read_text(encoding="utf-8"))
    data["organisation"]["name"] = HOSTILE
    data["answers"]["b.1.01"]["note"] = HOSTILE
    data["answers"]["b.1.01"]["evidence"] = [HOSTILE, "url(http://127.0.0.1:9/x)"]
    path = write_yaml(tmp_path / "hostile.yaml", data)
    html = render_report(
        report_input(path, [MINI]), ReportFormat.html, "en", generated=FROZEN
    ).decode("utf-8")
    assert "<script>" not in html and '<img src="file:///etc/passwd">' not in html
    assert (
        "&lt;script&gt;alert(1)&lt;/script&gt;&lt;/td&gt;&lt;img src=&#34;file:///etc/passwd&#34;&gt;"
        in html
    )
    from maturity.report.pdf import html_to_pdf
    from maturity.report.templating import search_path

    pdf, refused = html_to_pdf(html, search_path())
    assert refused == []  # escaped text is not markup: nothing was even attempted
    out = tmp_path / "hostile.pdf"
    out.write_bytes(pdf)
    assert "<script>alert(1)</script>" in pdf_text(out).replace("\n", "")


@pytest.mark.slow
def test_fetcher_serves_template_files_only(tmp_path: Path) -> None:
    from maturity.report.pdf import html_to_pdf

    templates = tmp_path / "templates"
    templates.mkdir()
    logo = templates / "logo.svg"
    logo.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>',
        encoding="utf-8",
    )
    secret = tmp_path / "secret.txt"
    secret.write_text("secret", encoding="utf-8")
    (templates / "link.svg").symlink_to(secret)
    html = (
        '<html><head><style>body{background:url(http://127.0.0.1:9/x)} @import url("https://example.invalid/x.css");</style></head><body>'
        '<img src="logo.svg"><img src="file:///etc/passwd"><img src="../secret.txt"><img src="%2e%2e/secret.txt">'
        '<img src="link.svg"><img src="http://127.0.0.1:9/y.png"><img src="data:image/svg+xml;utf8,<svg xmlns=%22http://www.w3.org/2000/svg%22/>">'
        '<link rel="attachment" href="file:///etc/passwd"></body></html>'
    )
    _, refused = html_to_pdf(html, [templates], needs_cjk=False)
    assert "file:///etc/passwd" in refused
    assert "http://127.0.0.1:9/x" in refused and "http://127.0.0.1:9/y.png" in refused
    assert any(url.endswith("/secret.txt") for url in refused)
    assert any(url.endswith("/link.svg") for url in refused)  # a symlink out of the directory
    assert not any(url.endswith("/logo.svg") for url in refused)
    assert not any(url.startswith("data:") for url in refused)


def test_template_dir_overrides_one_template(tmp_path: Path, mini_answers: Path) -> None:
    custom = tmp_path / "brand"
    (custom / "partials").mkdir(parents=True)
    (custom / "partials" / "cover.html.j2").write_text(
        '<section class="cover"><h1>Acme Consulting</h1>{{ view.result.organisation.name }}</section>\n',
        encoding="utf-8",
    )
    html = render_report(
        report_input(mini_answers, [MINI]), ReportFormat.html, "en", [custom], generated=FROZEN
    ).decode("utf-8")
    assert "<h1>Acme Consulting</h1>Test Works" in html
    assert 'id="summary"' in html  # everything else still comes from the built-in templates


def test_report_format_choice_is_exhaustive() -> None:
    assert list(RENDERERS) == list(ReportFormat)
    assert ReportFormat.from_path(Path("x.HTM")) is ReportFormat.html


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["--questionnaires", str(MINI), *args])
    return result.exit_code, result.stderr


def run_with_pack(answers: Path, out: Path, pack: Path, *more: str) -> tuple[int, str]:
    """`maturity report` of the answers to out with a --template-dir."""
    return run("report", str(answers), "-o", str(out), "--template-dir", str(pack), *more)


def test_unknown_extension_is_a_clear_error(tmp_path: Path, mini_answers: Path) -> None:
    code, err = run("report", str(mini_answers), "-o", str(tmp_path / "r.docx"))
    assert code == 2
    assert (
        err
        == f"error: cannot tell the report format from {tmp_path / 'r.docx'}: end the name in .pdf, .html or .md, or give --format.\n"
    )


@pytest.mark.parametrize(
    ("name", "content", "line", "message"),
    [
        (
            "report.html.j2",
            "{% extends 'base.html.j2' %}{% block content %}{% if %}{% endblock %}",
            1,
            "template error: Expected an expression, got 'end of statement block'. Check the templates in --template-dir.",
        ),
        (
            "partials/cover.html.j2",
            "<h1>Acme</h1>\n{{ no_such_thing }}\n",
            2,
            "template error: 'no_such_thing' is undefined. Fix this template, or remove it from --template-dir to use the built-in one.",
        ),
        (
            "partials/cover.html.j2",
            "<h1>Acme</h1>\n\n{{ 1 // 0 }}\n",
            3,
            "template error: ZeroDivisionError: integer division or modulo by zero. Fix this template, or remove it from --template-dir to use the built-in one.",
        ),
        (
            "partials/cover.html.j2",
            "{{ cycler.__init__ }}",
            1,
            "the template tried something templates may not do (access to attribute '__init__' of 'type' object is unsafe.). "
            "Templates only show the report's data; they cannot run code or read other files. Fix this template, or remove it from --template-dir.",
        ),
        (
            "report.css",
            "body {}\n\x00\x89PNG",
            2,
            "this template is not UTF-8 text (unreadable bytes at line 2). Save it as UTF-8 text, or remove it from --template-dir.",
        ),
        (
            "report.css",
            "body {}\n\xff\xfe",
            2,
            "this template is not UTF-8 text (unreadable bytes at line 2). Save it as UTF-8 text, or remove it from --template-dir.",
        ),
    ],
    ids=["syntax", "undefined", "raises", "sandbox", "binary-css", "latin1-css"],
)
def test_broken_template_is_a_clear_error_and_leaves_the_old_report_untouched(
    tmp_path: Path, mini_answers: Path, name: str, content: str, line: int, message: str
) -> None:
    out = tmp_path / "r.html"
    out.write_text("old report", encoding="utf-8")
    broken = tmp_path / "broken"
    (broken / "partials").mkdir(parents=True)
    (broken / name).write_bytes(
        content.encode("utf-8") if "\xff" not in content else content.encode("latin-1")
    )
    code, err = run_with_pack(mini_answers, out, broken)
    assert (code, err) == (2, f"error: {broken / name}:{line}: {message}\n")
    assert out.read_text(encoding="utf-8") == "old report"


def test_template_cannot_run_code(tmp_path: Path, mini_answers: Path) -> None:
    marker = tmp_path / "pwned"
    pack = tmp_path / "pack"
    (pack / "partials").mkdir(parents=True)
    (pack / "partials" / "cover.html.j2").write_text(
        f'{{{{ cycler.__init__.__globals__.os.popen("touch {marker}").read() }}}}', encoding="utf-8"
    )
    code, err = run_with_pack(mini_answers, tmp_path / "r.html", pack)
    assert code == 2
    assert err.startswith(
        f"error: {pack / 'partials' / 'cover.html.j2'}:1: the template tried something templates may not do ("
    )
    assert not marker.exists() and not (tmp_path / "r.html").exists()


@pytest.mark.parametrize(
    "name", ["partials/cover.html.j2", "report.css", "labels.yaml", "partials"]
)
def test_template_pack_cannot_link_to_files_outside_it(
    tmp_path: Path, mini_answers: Path, name: str
) -> None:
    outside = tmp_path / "outside"
    (outside / "partials").mkdir(parents=True)
    # the target is a perfectly good template/labels file: only where it lives is wrong
    (outside / "partials" / "cover.html.j2").write_text(
        "SECRET {{ view.result.level }}", encoding="utf-8"
    )
    (outside / "report.css").write_text("/* SECRET */", encoding="utf-8")
    (outside / "labels.yaml").write_bytes((REPO / "report_templates" / "labels.yaml").read_bytes())
    pack = tmp_path / "pack"
    (pack / name).parent.mkdir(parents=True, exist_ok=True)
    (pack / name).symlink_to(outside / name)
    found = pack / ("partials/cover.html.j2" if name == "partials" else name)
    code, err = run_with_pack(mini_answers, tmp_path / "r.html", pack)
    assert (code, err) == (
        2,
        f"error: {found}: this file is a link to a file outside the template folder {pack}; it was not read. "
        "Templates, labels.yaml and report.css must be files inside the folder: copy the file into it.\n",
    )
    assert not (tmp_path / "r.html").exists()


def test_template_pack_cannot_hard_link_to_files_outside_it(
    tmp_path: Path, mini_answers: Path
) -> None:
    """resolve() sees no link in a hard link: a pack file with other links may be any file (/etc/shadow)."""
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", encoding="utf-8")
    pack = tmp_path / "pack"
    (pack / "partials").mkdir(parents=True)
    os.link(secret, pack / "partials" / "cover.html.j2")
    code, err = run_with_pack(mini_answers, tmp_path / "r.html", pack)
    assert (code, err) == (
        2,
        f"error: {pack / 'partials' / 'cover.html.j2'}: this file has other hard links, so it may be any file of this machine; "
        f"it was not read. Copy the file into the template folder {pack} (cp, not ln).\n",
    )
    assert not (tmp_path / "r.html").exists()


@pytest.mark.slow
def test_the_pdf_fetcher_refuses_a_hard_link_out_of_the_pack(tmp_path: Path) -> None:
    from maturity.report.pdf import html_to_pdf

    (tmp_path / "secret.txt").write_text("SECRET-7f3a", encoding="utf-8")
    pack = tmp_path / "pack"
    pack.mkdir()
    os.link(tmp_path / "secret.txt", pack / "hl.txt")
    (pack / "ok.txt").write_text("fine", encoding="utf-8")
    html = '<html><head><link rel="attachment" href="hl.txt"><link rel="attachment" href="ok.txt"></head><body>x</body></html>'
    pdf, refused = html_to_pdf(html, [pack], needs_cjk=False)
    assert [url.rsplit("/", 1)[-1] for url in refused] == ["hl.txt"]
    assert b"SECRET-7f3a" not in pdf


def test_template_errors_in_chinese(tmp_path: Path, mini_answers: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "partials").mkdir(parents=True)
    (pack / "partials" / "cover.html.j2").write_text("\n{{ lipsum.__globals__ }}", encoding="utf-8")
    code, err = run_with_pack(mini_answers, tmp_path / "r.html", pack, "--lang", "zh")
    assert (code, err) == (
        2,
        f"错误: {pack / 'partials' / 'cover.html.j2'}:2: 模板试图执行不允许的操作（access to attribute '__globals__' of 'function' object is unsafe.）。"
        "模板只能显示报告数据，不能运行代码或读取其他文件。请修改这个模板，或把它从 --template-dir 中删除。\n",
    )


def test_links_inside_the_template_pack_are_fine(tmp_path: Path, mini_answers: Path) -> None:
    pack = tmp_path / "pack"
    (pack / "partials").mkdir(parents=True)
    (pack / "brand-cover.html.j2").write_text("<h1>Acme Consulting</h1>", encoding="utf-8")
    (pack / "partials" / "cover.html.j2").symlink_to(pack / "brand-cover.html.j2")
    html = render_report(
        report_input(mini_answers, [MINI]), ReportFormat.html, "en", [pack], generated=FROZEN
    ).decode("utf-8")
    assert "<h1>Acme Consulting</h1>" in html


def test_label_placeholders_cannot_reach_attributes(tmp_path: Path, mini_answers: Path) -> None:
    import yaml

    pack = tmp_path / "pack"
    pack.mkdir()
    labels = yaml.safe_load((REPO / "report_templates" / "labels.yaml").read_text(encoding="utf-8"))
    labels["distance_next_text"]["en"] = "{count.__class__.__init__.__globals__}"
    write_yaml(pack / "labels.yaml", labels)
    code, err = run_with_pack(mini_answers, tmp_path / "r.html", pack, "--lang", "en")
    assert (code, err) == (
        2,
        "error: the text '{count.__class__.__init__.__globals__}' has a placeholder that cannot be filled "
        "('count.__class__.__init__.__globals__'); placeholders are plain names: {level}, {score}, {gate}, {gap}, {count}, {budget}. Fix the text (report labels are in labels.yaml).\n",
    )


def _pack_labels(pack: Path, change: dict[str, dict[str, str] | None]) -> None:
    """A template pack whose labels.yaml is the built-in one with ``change`` applied (None: key removed)."""
    import yaml

    labels = yaml.safe_load((REPO / "report_templates" / "labels.yaml").read_text(encoding="utf-8"))
    for key, value in change.items():
        if value is None:
            del labels[key]
        else:
            labels[key] = value
    pack.mkdir()
    write_yaml(pack / "labels.yaml", labels)


def test_method_parameter_names_are_labels_a_pack_can_reword(
    tmp_path: Path, mini_answers: Path
) -> None:
    _pack_labels(
        tmp_path / "pack",
        {
            "param_gate": {"zh": "及格线", "en": "Pass mark"},
            "weights_by_subdomain": {"zh": "不等（{span}）", "en": "unequal, {span}"},
        },
    )
    data = report_input(mini_answers, [MINI])
    view, translator, _ = prepare(data, "en", [tmp_path / "pack"], generated=FROZEN)
    assert [
        (translator.plain(p.name), translator.plain(p.value_text) or p.value)
        for p in view.parameters
    ] == [
        ("Satisfaction scale", "full 1 · most 0.8 · partial 0.5 · none 0"),
        ("Pass mark", "0.8"),
        ("Total-score rule", "levels reached plus two actual scores"),
        ("Score bands", "L1 ≥ 0.8, L2 ≥ 1.8, L3 ≥ 2.8, L4 ≥ 3.8, L5 ≥ 4.8"),
        ("Weights", "unequal, 1–2"),
    ]
    html = render_report(
        data, ReportFormat.html, "zh", [tmp_path / "pack"], generated=FROZEN
    ).decode("utf-8")
    assert "<tr><td>及格线</td><td>0.8</td>" in html
    assert "<tr><td>权重</td><td>不等（1–2）</td>" in html


def test_a_pack_labels_file_from_before_the_view_labels_keeps_working(
    tmp_path: Path, mini_answers: Path
) -> None:
    from maturity.report.templating import VIEW_LABELS

    # a labels.yaml copied when these texts were fixed in the code lacks them: they come from the built-in file
    _pack_labels(tmp_path / "pack", dict.fromkeys(VIEW_LABELS))
    data = report_input(mini_answers, [MINI])
    for lang in ("zh", "en", "bilingual"):
        old_pack = render_report(
            data, ReportFormat.html, lang, [tmp_path / "pack"], generated=FROZEN
        )
        assert old_pack == render_report(data, ReportFormat.html, lang, generated=FROZEN)


def test_missing_cjk_font_fails_loudly(
    tmp_path: Path, mini_answers: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from maturity.report import pdf

    monkeypatch.setattr(pdf, "cjk_font_available", lambda: False)
    code, err = run("report", str(mini_answers), "-o", str(tmp_path / "r.pdf"))
    assert code == 2
    assert err == (
        "error: no Chinese (CJK) font is installed, so Chinese text would print as empty boxes. "
        "Install one: apt-get install fonts-noto-cjk (or fonts-wqy-microhei).\n"
    )
    assert not (tmp_path / "r.pdf").exists()


def test_quick_scan_report(tmp_path: Path) -> None:
    q = Catalog().load("quick")
    path = write_yaml(tmp_path / "q.yaml", answer_doc(q, {qq.id: 2 for qq in q.questions}))
    html = render_report(report_input(path), ReportFormat.html, "en", generated=FROZEN).decode(
        "utf-8"
    )
    assert "Indicative level (quick scan)" in html
    assert "run the full assessment (maturity assess cmmm)" in html
    assert 'id="plan"' not in html


@pytest.mark.slow
def test_a_template_folder_whose_name_is_not_utf8_renders_a_pdf(
    tmp_path: Path, mini_answers: Path
) -> None:
    """A GBK folder name unpacked on Linux: WeasyPrint's own path-to-URL conversion cannot encode
    it, so the base URL is built from the name's bytes."""
    pack = Path(os.fsdecode(os.fsencode(tmp_path) + b"/tp\xbd\xad"))
    (pack / "partials").mkdir(parents=True)
    (pack / "partials" / "cover.html.j2").write_text("<h1>Pack cover</h1>", encoding="utf-8")
    code, err = run(
        "report", str(mini_answers), "-o", str(tmp_path / "r.pdf"), "--template-dir", str(pack)
    )
    assert (code, err) == (0, f"wrote {tmp_path / 'r.pdf'}\n")
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "r.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Pack cover" in text
