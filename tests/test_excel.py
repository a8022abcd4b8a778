"""Answer workbooks: a blank workbook filled in Excel reads back as the data of a YAML answer file."""

from __future__ import annotations

import datetime as dt
import io
import re
import string
import zipfile
from pathlib import Path
from typing import Any, cast

import pytest
from openpyxl import load_workbook
from pydantic import ValidationError

from maturity import yamlio
from maturity.answers import check_against, diagnose
from maturity.errors import InputError, Problem
from maturity.excel import (
    COLUMN_NAMES,
    MAX_BYTES,
    SHEET_NAMES,
    WorkbookDocument,
    blank_workbook,
    read_workbook,
    reader,
)
from maturity.i18n import MESSAGES, Lang, phrase
from maturity.questionnaire import Catalog, Questionnaire
from maturity.schema.answers import Answer, AnswerFile
from maturity.schema.base import DEFAULT_PROFILE, EnterpriseType, Profile

TODAY = dt.date(2026, 11, 20)
RATING_CHOICES = [
    "全部满足",
    "大部分满足",
    "部分满足",
    "不满足",
    "不适用",
    "full",
    "most",
    "partial",
    "none",
    "na",
]


@pytest.fixture(scope="module")
def cmmm() -> Questionnaire:
    return Catalog().load("cmmm")


@pytest.fixture(scope="module")
def quick() -> Questionnaire:
    return Catalog().load("quick")


def _ids(questionnaire: Questionnaire) -> list[str]:
    return list(questionnaire.item_ids(Profile.discrete))


def _header_index(ws: Any) -> dict[str, int]:
    """Column key -> 1-based column, whatever the language of the headers."""
    names = {name: key for key, pair in COLUMN_NAMES.items() for name in pair}
    return {names[cell.value]: cell.column for cell in ws[1] if cell.value in names}


def fill(
    raw: bytes,
    profile: dict[str, object] | None = None,
    answers: dict[str, dict[str, object]] | None = None,
    edit: Any = None,
) -> bytes:
    """Fill a blank workbook the way a person would in Excel: profile by key, answers by id and column."""
    wb = load_workbook(io.BytesIO(raw))
    profile_ws, answers_ws = wb.worksheets[1], wb.worksheets[2]
    rows = {profile_ws.cell(row=r, column=3).value: r for r in range(2, profile_ws.max_row + 1)}
    for key, value in (profile or {}).items():
        profile_ws.cell(
            row=rows[key], column=2
        ).value = value  # cell(value=None) would not clear it
    columns = _header_index(answers_ws)
    id_rows = {answers_ws.cell(row=r, column=1).value: r for r in range(2, answers_ws.max_row + 1)}
    for item_id, cells in (answers or {}).items():
        for column, value in cells.items():
            answers_ws.cell(row=id_rows[item_id], column=columns[column]).value = value
    if edit is not None:
        edit(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _problem_keys(exc: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [p.key for p in exc.value.problems]


def _render(problem: Problem, lang: Lang) -> str:
    return problem.text(lang)


PROFILE: dict[str, object] = {
    "organisation.name": "苏州精密零件有限公司",
    "organisation.industry": "汽车零部件",
    "organisation.region": "江苏省苏州市",
    "organisation.size": "medium",
    "organisation.employees": 250,
    "assessment.date": dt.datetime(2026, 12, 1),  # what Excel stores for a date cell
    "assessment.target_level": 4,
    "assessment.mode": "consultant",
    "assessment.assessor.name": "王工",
    "assessment.assessor.organisation": "苏州智造咨询",
    "assessment.assessor.accreditation": 12345,  # typed as a number in Excel: read back as text
    "priorities": "quality, delivery，cost",
}


def _cmmm_filled(cmmm: Questionnaire, lang: Lang) -> tuple[bytes, dict[str, Any]]:
    ids = _ids(cmmm)
    raw = fill(
        blank_workbook(cmmm, lang, EnterpriseType.discrete, TODAY),
        PROFILE,
        {
            ids[0]: {"rating": "full"},
            ids[1]: {"rating": "大部分满足"},
            ids[2]: {"rating": "不适用", "reason": "本厂没有此类业务"},
            ids[3]: {
                "rating": "partial",
                "note": "只在一号车间试点",
                "evidence": "试点报告.pdf; 2026-03 会议纪要.docx",
            },
            ids[4]: {"rating": " none "},
            ids[5]: {"rating": "most", "note": 42},
        },
    )
    expected = {
        "format": "maturity-answers/1",
        "questionnaire": {"id": "cmmm", "version": cmmm.version},
        "organisation": {
            "name": "苏州精密零件有限公司",
            "type": "discrete",
            "profile": "discrete",
            "industry": "汽车零部件",
            "region": "江苏省苏州市",
            "size": "medium",
            "employees": 250,
        },
        "assessment": {
            "date": dt.date(2026, 12, 1),
            "target_level": 4,
            "mode": "consultant",
            "assessor": {"name": "王工", "organisation": "苏州智造咨询", "accreditation": "12345"},
        },
        "priorities": ["quality", "delivery", "cost"],
        "answers": {
            ids[0]: "full",
            ids[1]: "大部分满足",
            ids[2]: {"rating": "不适用", "reason": "本厂没有此类业务"},
            ids[3]: {
                "rating": "partial",
                "note": "只在一号车间试点",
                "evidence": ["试点报告.pdf", "2026-03 会议纪要.docx"],
            },
            ids[4]: "none",
            ids[5]: {"rating": "most", "note": "42"},
        },
    }
    return raw, expected


# --- round trip -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cmmm_round_trip(cmmm: Questionnaire, lang: Lang) -> None:
    raw, expected = _cmmm_filled(cmmm, lang)
    doc = read_workbook(raw, "answers.xlsx")
    assert doc.data == expected
    assert doc.path == "answers.xlsx"
    assert doc.warnings == ()
    answers = AnswerFile.model_validate(doc.data)
    ids = _ids(cmmm)
    ratings = {i: a.rating for i, a in answers.answers.items() if a is not None}
    assert ratings == {
        ids[0]: "full",
        ids[1]: "most",
        ids[2]: "na",
        ids[3]: "partial",
        ids[4]: "none",
        ids[5]: "most",
    }
    assert answers.priorities == ("quality", "delivery", "cost")
    # the cross-checks of a YAML file work unchanged on the workbook document
    problems = check_against(cast(yamlio.Document, doc), answers, cmmm)
    assert [(p.key, p.severity) for p in problems] == [("answers.unanswered", "warning")]


def test_blank_workbook_reads_back_as_an_unanswered_file(cmmm: Questionnaire) -> None:
    doc = read_workbook(blank_workbook(cmmm, "zh", EnterpriseType.process, TODAY), "blank.xlsx")
    assert doc.data == {
        "format": "maturity-answers/1",
        "questionnaire": {"id": "cmmm", "version": cmmm.version},
        "organisation": {"type": "process", "profile": "continuous"},
        "assessment": {"date": TODAY, "target_level": 3, "mode": "self"},
        "answers": {},
    }
    with pytest.raises(ValidationError) as exc:
        AnswerFile.model_validate(doc.data)
    [error] = exc.value.errors()
    assert error["loc"] == ("organisation", "name")
    assert (
        doc.problem("schema.missing", error["loc"], field="organisation.name").where
        == "基本信息!B2"
    )


def test_process_workbook_lists_only_process_requirements(cmmm: Questionnaire) -> None:
    wb = load_workbook(io.BytesIO(blank_workbook(cmmm, "en", EnterpriseType.process, TODAY)))
    ids = [row[0] for row in wb["Answers"].iter_rows(min_row=2, max_col=1, values_only=True)]
    assert ids == _ids_for(cmmm, EnterpriseType.process)


def _ids_for(questionnaire: Questionnaire, kind: EnterpriseType) -> list[str]:
    return [r.id for r in questionnaire.applicable(DEFAULT_PROFILE[kind])]


# --- layout -----------------------------------------------------------------------------------


def test_layout_and_drop_downs(cmmm: Questionnaire) -> None:
    wb = load_workbook(io.BytesIO(blank_workbook(cmmm, "zh", EnterpriseType.discrete, TODAY)))
    assert wb.sheetnames == ["填写说明", "基本信息", "答卷"]
    answers = wb["答卷"]
    assert [c.value for c in answers[1]] == [
        "编号",
        "能力子域",
        "等级",
        "问题",
        "证据示例",
        "评分",
        "不适用原因",
        "备注",
        "证据（多个用 ; 分隔）",
    ]
    assert answers.freeze_panes == "B2"
    assert answers["D2"].alignment.wrap_text
    last = len(_ids(cmmm)) + 1
    assert answers.max_row == last
    [rating_dv] = answers.data_validations.dataValidation
    assert rating_dv.type == "list"
    assert "F2" in rating_dv.sqref
    assert f"F{last}" in rating_dv.sqref
    assert rating_dv.formula1.strip('"').split(",") == RATING_CHOICES

    profile = wb["基本信息"]
    assert profile.column_dimensions["C"].hidden
    keys = {profile.cell(row=r, column=3).value: r for r in range(2, profile.max_row + 1)}
    for hidden in ("format", "questionnaire.id", "questionnaire.version"):
        assert profile.row_dimensions[keys[hidden]].hidden
    drop_downs = {str(dv.sqref): dv.formula1 for dv in profile.data_validations.dataValidation}
    assert drop_downs == {
        f"B{keys['organisation.type']}": '"discrete,process"',
        f"B{keys['organisation.profile']}": '"discrete,continuous,batch,mixed"',
        f"B{keys['organisation.size']}": '"micro,small,medium,large"',
        f"B{keys['assessment.target_level']}": '"1,2,3,4,5"',
        f"B{keys['assessment.mode']}": '"self,consultant,third_party"',
    }
    guide = "\n".join(
        str(v) for row in wb["填写说明"].iter_rows(values_only=True) for v in row if v
    )
    for option in cmmm.scale_options:
        assert option.help.zh in guide


def test_english_rating_list_starts_with_the_keys(cmmm: Questionnaire) -> None:
    wb = load_workbook(io.BytesIO(blank_workbook(cmmm, "en", EnterpriseType.discrete, TODAY)))
    [rating_dv] = wb["Answers"].data_validations.dataValidation
    assert rating_dv.formula1.strip('"').split(",") == RATING_CHOICES[5:] + RATING_CHOICES[:5]
    guide = "\n".join(str(v) for row in wb["Guide"].iter_rows(values_only=True) for v in row if v)
    assert "How to fill it in" in guide
    assert "Fully met" in guide


# --- quick scan -------------------------------------------------------------------------------


def test_quick_scan_round_trip(quick: Questionnaire) -> None:
    blank = blank_workbook(quick, "en", EnterpriseType.discrete, TODAY)
    wb = load_workbook(io.BytesIO(blank))
    answers_ws = wb["Answers"]
    assert [c.value for c in answers_ws[1]] == [
        "ID",
        "Sub-domain",
        "Question",
        "Descriptions (0-5)",
        "Choice (0-5)",
        "Reason (for N/A)",
        "Note",
        "Evidence (separate with ;)",
    ]
    [choice_dv] = answers_ws.data_validations.dataValidation
    assert choice_dv.formula1 == '"0,1,2,3,4,5,na,不适用"'
    assert "E2" in choice_dv.sqref
    first = quick.questions[0]
    assert answers_ws["D2"].value.splitlines() == [
        f"{d.level} = {d.text.en}" for d in first.descriptors
    ]

    ids = _ids(quick)
    raw = fill(
        blank,
        {"organisation.name": "Test Works"},
        {
            ids[0]: {"choice": 2},
            ids[1]: {"choice": "4"},
            ids[2]: {"choice": 3, "note": "MES in hall 2", "evidence": "mes.pdf;audit.xlsx"},
            ids[3]: {"choice": "不适用", "reason": "no own product"},
        },
    )
    doc = read_workbook(raw, "quick.xlsx")
    assert doc.data["answers"] == {
        ids[0]: 2,
        ids[1]: 4,
        ids[2]: {"rating": 3, "note": "MES in hall 2", "evidence": ["mes.pdf", "audit.xlsx"]},
        ids[3]: {"rating": "不适用", "reason": "no own product"},
    }
    assert doc.data["questionnaire"] == {"id": "quick", "version": quick.version}
    parsed = AnswerFile.model_validate(doc.data)
    problems = check_against(cast(yamlio.Document, doc), parsed, quick)
    assert [p.key for p in problems] == ["answers.unanswered"]
    assert doc.locate(("answers", ids[2], "rating")) == "Answers!E4"
    assert doc.locate(("answers", ids[2], "evidence", 1)) == "Answers!H4"
    assert parsed.answers[ids[3]] == Answer(rating="na", reason="no own product")


# --- locations --------------------------------------------------------------------------------


def test_locations_point_at_cells(cmmm: Questionnaire) -> None:
    raw, _ = _cmmm_filled(cmmm, "zh")
    doc = read_workbook(raw, "a.xlsx")
    ids = _ids(cmmm)
    assert doc.locate(("answers", ids[5], "rating")) == "答卷!F7"
    assert doc.locate(("answers", ids[5])) == "答卷!F7"
    assert doc.locate(("answers", ids[2], "reason")) == "答卷!G4"
    assert doc.locate(("answers", ids[3], "note")) == "答卷!H5"
    assert doc.locate(("answers", ids[3], "evidence", 1)) == "答卷!I5"
    assert doc.locate(("answers", "no.such.1.01")) == "答卷!A1"
    assert doc.locate(("answers",)) == "答卷!A1"
    assert doc.locate(("organisation", "name")) == "基本信息!B2"
    assert doc.locate(("organisation", "type")) == "基本信息!B3"
    assert doc.locate(("organisation", "profile")) == "基本信息!B4"
    assert doc.locate(("assessment", "assessor")) == "基本信息!B12"
    assert doc.locate(("assessment", "assessor", "accreditation")) == "基本信息!B14"
    assert doc.locate(("priorities", 2)) == "基本信息!B15"
    assert doc.locate(("questionnaire", "version")) == "基本信息!B18"
    assert doc.locate(("not_asked", 0)) == "基本信息!A1"
    assert doc.locate(()) == "基本信息!A1"
    problem = doc.problem("answers.na_without_reason", ("answers", ids[5], "rating"), id=ids[5])
    assert problem == Problem(
        "answers.na_without_reason", {"id": ids[5]}, file="a.xlsx", where="答卷!F7"
    )
    assert problem.location() == "a.xlsx:答卷!F7"


def test_schema_errors_map_to_the_cell_that_holds_the_value(cmmm: Questionnaire) -> None:
    ids = _ids(cmmm)
    raw = fill(
        blank_workbook(cmmm, "en", EnterpriseType.discrete, TODAY),
        {
            "organisation.name": "X",
            "organisation.type": "factory",
            "assessment.date": "2026-13-40",
            "assessment.target_level": 9,
        },
        {ids[0]: {"rating": "excellent"}, ids[1]: {"rating": "na"}},
    )
    doc = read_workbook(raw, "a.xlsx")
    assert doc.data["assessment"]["date"] == "2026-13-40"  # left as text for validation to report
    with pytest.raises(ValidationError) as exc:
        AnswerFile.model_validate({k: v for k, v in doc.data.items() if k != "answers"})
    where = {e["loc"]: doc.locate(e["loc"]) for e in exc.value.errors()}
    assert where == {
        ("organisation", "type"): "Profile!B3",
        ("assessment", "date"): "Profile!B9",
        ("assessment", "target_level"): "Profile!B10",
    }
    fixed = {
        **doc.data,
        "organisation": {"name": "X", "type": "discrete"},
        "assessment": {"date": TODAY},
        "answers": {ids[1]: doc.data["answers"][ids[1]]},
    }
    parsed = AnswerFile.model_validate(fixed)
    problems = check_against(cast(yamlio.Document, doc), parsed, cmmm)
    assert [(p.key, p.where) for p in problems if p.severity == "error"] == [
        ("answers.na_without_reason", "Answers!F3")
    ]
    # the per-answer diagnosis of a failed validation points at the rating cell too
    with pytest.raises(ValidationError) as bad:
        AnswerFile.model_validate({**fixed, "answers": doc.data["answers"]})
    diagnosed = diagnose(
        cast(yamlio.Document, doc), bad.value, {**fixed, "answers": doc.data["answers"]}
    )
    assert [(p.key, p.where) for p in diagnosed] == [("answers.unknown_rating", "Answers!F2")]


# --- the other language -----------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "other"), [("zh", "en"), ("en", "zh")])
def test_sheets_named_in_the_other_language(cmmm: Questionnaire, lang: Lang, other: Lang) -> None:
    index = 1 if other == "en" else 0

    def rename(wb: Any) -> None:
        for ws, names in zip(wb.worksheets, SHEET_NAMES.values(), strict=True):
            ws.title = names[index]
        for cell in wb.worksheets[2][1]:  # headers translated too
            column = next(pair for pair in COLUMN_NAMES.values() if cell.value in pair)
            cell.value = column[index]

    raw, expected = _cmmm_filled(cmmm, lang)
    doc = read_workbook(fill(raw, edit=rename), "a.xlsx")
    assert doc.data == expected
    assert doc.locate(("answers", _ids(cmmm)[5], "rating")) == f"{SHEET_NAMES['answers'][index]}!F7"


def test_sheet_names_are_matched_loosely_and_quoted_in_locations(cmmm: Questionnaire) -> None:
    def rename(wb: Any) -> None:
        wb.worksheets[1].title = " profile "
        wb.worksheets[2].title = "tmp"  # openpyxl renames "ANSWERS" to "ANSWERS1" next to "Answers"
        wb.worksheets[2].title = "ANSWERS"

    raw, expected = _cmmm_filled(cmmm, "en")
    doc = read_workbook(fill(raw, edit=rename), "a.xlsx")
    assert doc.data == expected
    assert doc.locate(("organisation", "name")) == "' profile '!B2"


# --- cell types -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "cell", "value"),
    [
        ("assessment.date", "2026-12-01", dt.date(2026, 12, 1)),
        ("assessment.date", "2026/12/1", dt.date(2026, 12, 1)),
        ("assessment.date", "2026年12月1日", dt.date(2026, 12, 1)),
        ("assessment.date", "2026-02-30", "2026-02-30"),
        ("assessment.date", "1.12.2026", "1.12.2026"),
        ("assessment.target_level", "4", 4),
        ("assessment.target_level", 4.0, 4),
        ("assessment.target_level", 2.5, 2.5),
        ("organisation.employees", "x", "x"),
        ("organisation.name", 2026, "2026"),
        ("organisation.name", 1.5, "1.5"),
        ("organisation.name", True, "TRUE"),
        ("questionnaire.version", 1, "1"),
        ("priorities", "quality", ["quality"]),
        ("priorities", "quality；delivery、cost energy", ["quality", "delivery", "cost", "energy"]),
    ],
)
def test_profile_cell_types(cmmm: Questionnaire, key: str, cell: object, value: object) -> None:
    raw = fill(blank_workbook(cmmm, "en", EnterpriseType.discrete, TODAY), {key: cell})
    data = read_workbook(raw, "a.xlsx").data
    node: Any = data
    for part in key.split("."):
        node = node[part]
    assert node == value


@pytest.mark.parametrize(("cell", "value"), [(46357, dt.date(2026, 12, 1)), (2026, "2026")])
def test_date_serial_in_a_general_cell(cmmm: Questionnaire, cell: int, value: object) -> None:
    def general(wb: Any) -> None:
        wb.worksheets[1]["B9"].number_format = "General"

    raw = fill(
        blank_workbook(cmmm, "en", EnterpriseType.discrete, TODAY),
        {"assessment.date": cell},
        edit=general,
    )
    assert (
        read_workbook(raw, "a.xlsx").data["assessment"]["date"] == value
    )  # a year alone is no day number


def test_blank_values_are_absent(cmmm: Questionnaire) -> None:
    raw = fill(
        blank_workbook(cmmm, "en", EnterpriseType.discrete, TODAY),
        {"assessment.mode": "   ", "assessment.target_level": None},
    )
    assert read_workbook(raw, "a.xlsx").data["assessment"] == {"date": TODAY}


def test_rating_cell_types(cmmm: Questionnaire) -> None:
    ids = _ids(cmmm)
    raw = fill(
        blank_workbook(cmmm, "en", EnterpriseType.discrete, TODAY),
        answers={
            ids[0]: {"rating": 3},
            ids[1]: {"rating": "3"},
            ids[2]: {"rating": 2.5},
            ids[3]: {"rating": "  "},
            ids[4]: {"rating": "full", "evidence": " ；a.pdf\nb.pdf;; "},
        },
    )
    answers = read_workbook(raw, "a.xlsx").data["answers"]
    assert answers == {
        ids[0]: 3,
        ids[1]: 3,
        ids[2]: 2.5,
        ids[4]: {"rating": "full", "evidence": ["a.pdf", "b.pdf"]},
    }


def test_content_without_rating_is_unanswered_with_a_warning(cmmm: Questionnaire) -> None:
    ids = _ids(cmmm)

    def orphan(wb: Any) -> None:
        ws = wb.worksheets[2]
        ws.cell(row=ws.max_row + 3, column=6, value="full")  # a rating in a row without an id

    raw = fill(
        blank_workbook(cmmm, "en", EnterpriseType.discrete, TODAY),
        answers={ids[0]: {"note": "ask Li"}},
        edit=orphan,
    )
    doc = read_workbook(raw, "a.xlsx")
    assert doc.data["answers"] == {}
    last = len(ids) + 4
    assert doc.warnings == (
        Problem(
            "excel.rating_missing",
            {"id": ids[0]},
            file="a.xlsx",
            where="Answers!F2",
            severity="warning",
        ),
        Problem(
            "excel.row_without_id", {}, file="a.xlsx", where=f"Answers!F{last}", severity="warning"
        ),
    )


# --- unusable workbooks -----------------------------------------------------------------------


def test_not_a_workbook(tmp_path: Any) -> None:
    with pytest.raises(InputError) as exc:
        read_workbook(b"format: maturity-answers/1\n", "answers.yaml")
    assert _problem_keys(exc) == ["excel.not_xlsx"]
    assert exc.value.problems[0].file == "answers.yaml"
    assert "not a zip archive" in _render(exc.value.problems[0], "en")


def test_old_xls_or_encrypted(tmp_path: Any) -> None:
    with pytest.raises(InputError) as exc:
        read_workbook(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, "old.xls")
    assert _problem_keys(exc) == ["excel.not_xlsx"]
    assert ".xls" in _render(exc.value.problems[0], "zh")


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_zip_that_is_no_workbook() -> None:
    with pytest.raises(InputError) as exc:
        read_workbook(_zip({"word/document.xml": b"<w/>"}), "a.docx")
    assert _problem_keys(exc) == ["excel.not_xlsx"]


def test_damaged_workbook() -> None:
    with pytest.raises(InputError) as exc:
        read_workbook(
            _zip({"xl/workbook.xml": b"<not really", "[Content_Types].xml": b"?"}), "broken.xlsx"
        )
    assert _problem_keys(exc) == ["excel.not_xlsx"]


def test_oversized_file_is_refused_before_opening() -> None:
    with pytest.raises(InputError) as exc:
        read_workbook(b"PK" + b"\0" * MAX_BYTES, "huge.xlsx")
    [problem] = exc.value.problems
    assert problem == Problem(
        "excel.too_large", {"size": MAX_BYTES + 2, "limit": MAX_BYTES}, file="huge.xlsx"
    )


def test_zip_bomb_is_refused(cmmm: Questionnaire, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = blank_workbook(cmmm, "en", EnterpriseType.discrete, TODAY)
    monkeypatch.setattr(reader, "MAX_UNPACKED", 10_000)
    with pytest.raises(InputError) as exc:
        read_workbook(raw, "a.xlsx")
    assert _problem_keys(exc) == ["excel.unpacked_too_large"]


def test_missing_sheet(cmmm: Questionnaire) -> None:
    raw = fill(
        blank_workbook(cmmm, "zh", EnterpriseType.discrete, TODAY),
        edit=lambda wb: wb.remove(wb["答卷"]),
    )
    with pytest.raises(InputError) as exc:
        read_workbook(raw, "a.xlsx")
    [problem] = exc.value.problems
    assert problem == Problem(
        "excel.missing_sheet", {"zh_name": "答卷", "en_name": "Answers"}, file="a.xlsx"
    )
    assert _render(problem, "en").startswith("the workbook has no sheet “Answers”")


def test_both_sheets_missing(cmmm: Questionnaire) -> None:
    def drop(wb: Any) -> None:
        wb.remove(wb["Profile"])
        wb.remove(wb["Answers"])

    with pytest.raises(InputError) as exc:
        read_workbook(
            fill(blank_workbook(cmmm, "en", EnterpriseType.discrete, TODAY), edit=drop), "a.xlsx"
        )
    assert [p.params for p in exc.value.problems] == [
        {"zh_name": "基本信息", "en_name": "Profile"},
        {"zh_name": "答卷", "en_name": "Answers"},
    ]


def test_missing_rating_column(cmmm: Questionnaire) -> None:
    def drop(wb: Any) -> None:
        wb.worksheets[2]["F1"] = "Bewertung"

    raw = fill(blank_workbook(cmmm, "en", EnterpriseType.discrete, TODAY), edit=drop)
    with pytest.raises(InputError) as exc:
        read_workbook(raw, "a.xlsx")
    [problem] = exc.value.problems
    assert problem == Problem(
        "excel.missing_column",
        {"column": phrase("excel.column.rating")},
        file="a.xlsx",
        where="Answers!A1",
    )
    assert (
        problem.render("zh")
        == "a.xlsx:Answers!A1: 工作表第 1 行缺少“评分”列的表头。请不要修改或删除模板中的表头。"
    )


def test_empty_answers_sheet(cmmm: Questionnaire) -> None:
    def empty(wb: Any) -> None:
        wb.remove(wb["Answers"])
        wb.create_sheet("Answers")

    with pytest.raises(InputError) as exc:
        read_workbook(
            fill(blank_workbook(cmmm, "en", EnterpriseType.discrete, TODAY), edit=empty), "a.xlsx"
        )
    assert _problem_keys(exc) == ["excel.missing_column", "excel.missing_column"]


def test_duplicate_ids(cmmm: Questionnaire) -> None:
    ids = _ids(cmmm)

    def duplicate(wb: Any) -> None:
        wb.worksheets[2]["A4"] = ids[0]

    with pytest.raises(InputError) as exc:
        read_workbook(
            fill(blank_workbook(cmmm, "en", EnterpriseType.discrete, TODAY), edit=duplicate),
            "a.xlsx",
        )
    [problem] = exc.value.problems
    assert problem == Problem(
        "excel.duplicate_id",
        {"id": ids[0], "first": "Answers!A2"},
        file="a.xlsx",
        where="Answers!A4",
    )


def test_too_many_rows(cmmm: Questionnaire) -> None:
    def pad(wb: Any) -> None:
        wb.worksheets[2].cell(row=reader.MAX_ROWS + 1, column=1, value="x.1.01")

    with pytest.raises(InputError) as exc:
        read_workbook(
            fill(blank_workbook(cmmm, "en", EnterpriseType.discrete, TODAY), edit=pad), "a.xlsx"
        )
    [problem] = exc.value.problems
    assert problem.key == "excel.too_many_rows"
    assert problem.where == f"Answers!A{reader.MAX_ROWS + 1}"
    assert "5000" in _render(problem, "zh")


def test_rows_up_to_the_cap_are_read(cmmm: Questionnaire) -> None:
    def pad(wb: Any) -> None:
        wb.worksheets[2].cell(row=reader.MAX_ROWS, column=1, value="x.1.01")

    doc = read_workbook(
        fill(blank_workbook(cmmm, "en", EnterpriseType.discrete, TODAY), edit=pad), "a.xlsx"
    )
    assert doc.answer_rows["x.1.01"] == reader.MAX_ROWS


# --- messages ---------------------------------------------------------------------------------


def test_messages_have_the_same_placeholders_in_both_languages() -> None:
    for key, (zh, en) in ((k, v) for k, v in MESSAGES.items() if k.startswith("excel.")):
        names = [{f for _, f, _, _ in string.Formatter().parse(text) if f} for text in (zh, en)]
        assert names[0] == names[1], key
        assert re.search(r"[\u4e00-\u9fff]", zh), key


def test_workbook_document_is_what_validation_expects() -> None:
    doc = WorkbookDocument(path="x.xlsx", data={})
    assert doc.warnings == ()
    assert doc.problem("file.empty") == Problem("file.empty", {}, file="x.xlsx", where="Profile!A1")


def test_cli_round_trip_names_sheet_and_cell(tmp_path: Path) -> None:
    """template --format xlsx, fill it, then score/validate/report take the workbook like YAML."""
    from openpyxl import load_workbook
    from typer.testing import CliRunner

    from maturity.cli import app

    book_path = tmp_path / "answers.xlsx"
    runner = CliRunner()
    assert (
        runner.invoke(app, ["template", "cmmm", "-o", str(book_path), "--lang", "en"]).exit_code
        == 0
    )
    book = load_workbook(book_path)
    profile, answers = book["Profile"], book["Answers"]
    for row in profile.iter_rows(min_row=2):
        if row[2].value == "organisation.name":
            row[1].value = "Workbook Works"
    for row in answers.iter_rows(min_row=2):
        row[5].value = "full" if str(row[2].value).startswith(("Level 1", "Level 2")) else "partial"
    answers["F3"] = "mostly"
    book.save(book_path)
    result = runner.invoke(app, ["validate", str(book_path), "--lang", "en"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0].startswith(
        f"error: {book_path}:Answers!F3: invalid rating 'mostly' for '"
    )
    answers = load_workbook(book_path)
    answers["Answers"]["F3"] = "most"
    answers.save(book_path)
    scored = runner.invoke(app, ["score", str(book_path), "--format", "json", "--lang", "en"])
    assert scored.exit_code == 0, scored.stderr
    assert '"name": "Workbook Works"' in scored.stdout
    assert '"level": 2' in scored.stdout
    report = runner.invoke(
        app, ["report", str(book_path), "-o", str(tmp_path / "r.md"), "--lang", "en"]
    )
    assert report.exit_code == 0, report.stderr
