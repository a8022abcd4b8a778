"""Editions of the portfolio pack (maturity.editions): the bureau's names only with consent, the
client against its cohort, coarse gap shares in shareable editions, and the cover block (issuer,
audience, period, confidentiality) on the report and the workbook, hostile text kept inert."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from maturity.editions import Request, edition, share_word
from maturity.portfolio import Audience, summarise
from tests.test_portfolio import FORMULA, firms, rows_of, run

__all__ = ["firms"]  # the six-firm fixture of tests/test_portfolio.py

OTHERS = ["Beta", "Delta", "Echo", "Twice"]  # Alpha and Echo consent in `consenting`


def edit(path: Path, **assessment: Any) -> None:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc["assessment"].update(assessment)
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")


CONSENT = {"bureau": True, "date": "2026-11-25", "by": "general manager"}


@pytest.fixture
def consenting(firms: Path) -> Path:
    """Alpha (level 1) and Echo (level 2) consent; Beta said no; Twice consented in 2025 only."""
    edit(firms / "firm0.yaml", consent=CONSENT)
    edit(firms / "firm4.yaml", consent=CONSENT)
    edit(firms / "firm1.yaml", consent={"bureau": False, "date": "2026-11-25"})
    edit(firms / "twice-2025.yaml", consent=CONSENT)
    for path in firms.iterdir():
        edit(path, assessor={"name": "Wang", "organisation": "Jiangsu Smart Consulting"})
    return firms


def report(folder: Path, *args: str, lang: str = "en", name: str = "p.md") -> str:
    out = folder.parent / name
    code, _, err = run("portfolio", folder, "-o", out, *args, lang=lang)
    assert code == 0, err
    return out.read_text(encoding="utf-8")


# --- the bureau edition ---------------------------------------------------------------------------


def test_the_bureau_edition_names_only_clients_that_consented(consenting: Path) -> None:
    text = report(consenting, "--audience", "bureau")
    assert "| Alpha | 1 | 2026-11-20 | 2026-11-25 |" in text
    assert "| Echo | 2 | 2026-11-20 | 2026-11-25 |" in text
    assert (
        "2 of the 6 organisations record written consent to be named to the authority in their "
        "latest answer file; the other 4 are counted in the figures and never named."
    ) in text
    assert "Named clients by level: 1 at level 2; 1 at level 1" in text
    # no consent, consent refused, consent only on an earlier file: never named
    assert not [name for name in [*OTHERS, FORMULA] if name in text.replace("Echo", "")]
    zh = report(consenting, "--audience", "bureau", lang="zh", name="zh.md")
    assert "6 家企业中有 2 家在最新一份答卷中记录了向主管部门具名的书面同意" in zh
    assert "具名企业按等级：2 级 1 家；1 级 1 家" in zh


def test_without_consent_the_bureau_edition_names_no_one(firms: Path) -> None:
    text = report(firms, "--audience", "bureau")
    assert "0 of the 6 organisations record written consent" in text
    assert "| Organisation | Level | Assessment date | Consent given |" not in text
    assert not [name for name in ["Alpha", *OTHERS] if name in text]


def test_a_consent_must_say_yes_or_no_and_when(firms: Path) -> None:
    edit(firms / "firm0.yaml", consent={"bureau": "perhaps"})
    code, _, err = run("score", firms / "firm0.yaml")
    assert code == 2
    assert "assessment.consent.bureau" in err and "assessment.consent.date" in err


# --- the client edition ---------------------------------------------------------------------------


def test_the_client_edition_shows_one_client_against_the_portfolio(consenting: Path) -> None:
    text = report(consenting, "--audience", "client", "--org", "echo")
    lines = text.splitlines()
    assert (
        lines[2]
        == "**client edition: Echo against the portfolio; no other client's name or score**"
    )
    assert "## Where Echo stands in this portfolio (cohort of 6, data as of 2026-11)" in text
    assert "This client: level 2, score 2.00." in text
    assert "| Total score | 2.00 | 1.0 / 1.6 / 2.0 | median to Q3 |" in text
    assert "For the use of Echo only" in text
    assert not [name for name in ["Alpha", "Beta", "Delta", "Twice", FORMULA] if name in text]
    zh = report(consenting, "--audience", "client", "--org", "Echo", lang="zh", name="zh.md")
    assert "## Echo 在本组合中的位置（分组 6 家，数据截至 2026-11）" in zh
    assert "仅供Echo使用" in zh


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--audience", "client"],
            "--audience client needs --org: the client's organisation.id or name as in its answer "
            "file.",
        ),
        (["--org", "Echo"], "--org applies only to --audience client"),
        (
            ["--audience", "client", "--org", "Nobody"],
            "--org 'Nobody' is not an organisation of this portfolio: give its organisation.id or "
            "organisation.name as in its answer file.",
        ),
        (
            ["--audience", "bureau", "--issuer", "Evil\x1b[2J Ltd"],
            "--issuer must be one line of visible text: not empty, no control characters, at most "
            "200 characters.",
        ),
    ],
)
def test_an_edition_that_cannot_be_made_is_refused(
    firms: Path, args: list[str], message: str
) -> None:
    code, _, err = run("portfolio", firms, "-o", firms.parent / "x.md", *args)
    assert code == 2
    assert message in " ".join(err.split())
    assert not (firms.parent / "x.md").exists()
    code, _, err = run("score", firms, "-o", firms.parent / "x.xlsx", *args)
    assert code == 2 and message in " ".join(err.split())


def test_a_client_edition_of_a_tiny_portfolio_is_refused(firms: Path) -> None:
    for path in sorted(firms.iterdir())[:3]:
        path.unlink()
    code, _, err = run(
        "portfolio", firms, "-o", firms.parent / "x.md", "--audience", "client", "--org", "Echo"
    )
    assert code == 2
    assert "The portfolio has fewer than 5 organisations" in err


# --- coarse gaps and differencing -----------------------------------------------------------------


def test_shareable_editions_give_gap_shares_as_words(firms: Path) -> None:
    internal = report(firms, name="internal.md")
    assert re.search(r"\| 6 / 6 \|", internal) and re.search(r"\| 3 / 6 \|", internal)
    for args in (["--audience", "bureau"], ["--audience", "client", "--org", "Alpha"]):
        text = report(firms, *args)
        gaps = text.split("## Most common gaps")[1]
        assert "/ 6 |" not in gaps
        assert "| nearly all |" in gaps and "| about half |" in gaps
        assert "| Clients not fully meeting it |" in gaps
        assert "A shareable edition gives no exact counts, only about half (under 65 %)" in gaps


@pytest.mark.parametrize(
    ("count", "total", "word"),
    [(3, 6, "half"), (12, 19, "half"), (13, 20, "most"), (17, 19, "most"), (9, 10, "nearly_all")],
)
def test_share_words_have_fixed_bounds(count: int, total: int, word: str) -> None:
    assert share_word(count, total) == f"edition.share.{word}"


def _rows(n: int, missing: int) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    rows = [
        {"file": f"c{i}.yaml", "organisation": f"Client {i}", "date": "2026-11-20", "level": 2}
        | {"score": 2.0, "a.level": 2, "a.score": 2.0}
        for i in range(n)
    ]
    return rows, {f"c{i}.yaml": ["r.3.01"] for i in range(missing)}


@pytest.mark.parametrize("audience", [Audience.bureau, Audience.client])
def test_two_editions_one_client_apart_do_not_tell_its_gap_or_level(audience: Audience) -> None:
    """Twenty clients, fifteen miss r.3.01. Leaving out one that misses it (14 of 19) or one that
    does not (15 of 19) gives the same edition; exact counts (15/20, 14/19, 15/19) told which."""
    from maturity.report.edition import gap_share

    rows, gaps = _rows(20, 15)
    org = "Client 19" if audience is Audience.client else None
    full = _shown(rows, gaps, audience, org)
    for left_out in (0, 18):  # misses the requirement / meets it
        rest = [r for i, r in enumerate(rows) if i != left_out]
        assert _shown(rest, gaps, audience, org) == full
    assert {gap_share(14, 19, "en"), gap_share(15, 19, "en"), gap_share(15, 20, "en")} == {"most"}


def _shown(
    rows: list[dict[str, Any]], gaps: dict[str, list[str]], audience: Audience, org: str | None
) -> tuple[Any, ...]:
    from maturity.report.edition import edition_view, gap_share

    figures = summarise(rows, gaps, audience=audience)
    ed = edition_view(edition(rows, Request(audience, org=org)), {}, "en")
    words = [gap_share(g.count, figures.organisations, "en") for g in figures.gaps]
    client = [(r.quartiles, r.band) for r in ed.client_rows]
    averages = [a.mean for a in figures.subdomains]
    return words, figures.shares, averages, ed.named, client


# --- the cover block ------------------------------------------------------------------------------


def test_the_cover_names_issuer_audience_period_and_confidentiality(consenting: Path) -> None:
    edit(consenting / "twice-2025.yaml", assessor={"name": "Li", "organisation": "Other Co"})
    edit(consenting / "firm2.yaml", date="2026-10-02")
    text = report(consenting)
    cover = text.split("\n\n")[2].split("  \n")
    assert cover == [
        "Issued by: Jiangsu Smart Consulting",  # the superseded 2025 file does not count
        "Assessments covered: 2026-10-02 to 2026-11-20 (each organisation's latest)",
        "Internal: contains identifiable client data; do not send out",
    ]
    edit(consenting / "firm3.yaml", assessor={"name": "Li", "organisation": "Other Co"})
    zh = report(
        consenting, "--audience", "bureau", "--recipient", "苏州市工业和信息化局", lang="zh"
    )
    assert zh.split("\n\n")[2].split("  \n") == [
        "出具单位：未注明（各答卷的评估单位不一致或未填写，可用 --issuer 指定）",
        "评估期间：2026-10 至 2026-11（各企业最新一次评估）",  # shareable: months (S-a)
        "仅供苏州市工业和信息化局使用",
    ]
    en = report(consenting, "--audience", "bureau", "--issuer", "Acme Advisory")
    assert "Issued by: Acme Advisory  \n" in en
    assert "For the use of the industry and information technology authority only" in en


HOSTILE = '=HYPERLINK("http://x.example","x") <img src=x onerror=alert(1)> &P [a](b)'


def test_a_hostile_issuer_stays_text_in_the_workbook(firms: Path) -> None:
    from openpyxl import load_workbook

    out = firms.parent / "p.xlsx"
    code, _, err = run("score", firms, "-o", out, "--audience", "bureau", "--issuer", HOSTILE)
    assert code == 0, err
    book = load_workbook(out)
    summary = book["Summary"]
    rows = rows_of(summary)
    assert rows[1][0].startswith("edition for the industry authority")
    assert rows[2][0] == f"Issued by: {HOSTILE}" and summary["A3"].data_type == "s"
    assert rows[4][0] == "For the use of the industry and information technology authority only"
    # '&' starts a code in a header (&P is the page number): doubled, it prints as itself
    head = summary.oddHeader.left.text  # cut to fit Excel's 255 characters
    assert head.startswith(HOSTILE.replace("&", "&&") + " · For the use") and head.endswith("…")
    assert summary.oddFooter.left.text == (
        "For the use of the industry and information technology authority only"
    )
    props = book.properties
    assert (props.creator, props.keywords) == (HOSTILE, "bureau")
    assert (
        props.description == "For the use of the industry and information technology authority only"
    )


def test_a_hostile_issuer_stays_text_in_html_and_markdown(firms: Path) -> None:
    html = report(firms, "--issuer", HOSTILE, name="p.html")
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'data-head="=HYPERLINK(&#34;http://x.example&#34;,&#34;x&#34;) &lt;img' in html
    md = report(firms, "--issuer", HOSTILE)
    assert (
        'Issued by: =HYPERLINK("http://x.example","x") &lt;img src=x onerror=alert(1)&gt; &amp;P '
        r"\[a\](b)  "
    ) in md.splitlines()
    assert "<img" not in md


def test_a_hostile_issuer_is_printed_as_text_in_the_pdf(firms: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = firms.parent / "p.pdf"
    code, _, err = run("portfolio", firms, "-o", out, "--audience", "bureau", "--issuer", HOSTILE)
    assert code == 0, err
    text = subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert f"Issued by: {HOSTILE}" in flat  # on the cover
    assert flat.startswith(f"{HOSTILE} · For the use of the industry")  # the page header
    assert flat.count("For the use of the industry and information technology authority only") >= 3


# --- benchmark readability ------------------------------------------------------------------------


def test_the_org_heading_gives_the_cohort_size_and_date(firms: Path) -> None:
    code, out, err = run("benchmark", firms, "--by", "all", "--org", firms / "firm4.yaml")
    assert code == 0, err
    assert "Where Echo stands in 'all' (cohort of 6, data as of 2026-11)" in out
    code, out, _ = run("benchmark", firms, "--by", "all", "--org", firms / "firm4.yaml", lang="zh")
    squeezed = "".join(out.split())  # a title wider than the terminal wraps
    assert "Echo在“全部”中的位置（分组6家，数据截至2026-11）" in squeezed


def test_a_row_with_hidden_levels_says_where_the_rest_is() -> None:
    from maturity.formats.benchmark import hidden_note

    shares = {0: None, 1: 60, 2: None, 3: None}
    assert hidden_note(shares, "zh") == "少于 3 家企业的等级不单列：其余 40% 分布在隐藏的等级中。"
    assert hidden_note(shares, "en") == (
        "Levels with fewer than 3 firms are not shown: the other 40% are in the hidden levels."
    )
