"""Answer workbooks (.xlsx) for people who work in Excel or WPS rather than in YAML.

``blank_workbook`` writes a workbook that mirrors ``maturity template``: a guide sheet, a
profile sheet (one row per answer-file field) and an answers sheet (one row per applicable
requirement, or per quick-scan question). ``read_workbook`` turns a filled workbook back into
exactly the data a parsed YAML answer file would hold, so the same schema validation and
cross-checks apply; its :class:`WorkbookDocument` points problems at ``Sheet!Cell``.

Sheets and column headers are recognised in both languages, so a Chinese workbook can be
filled in by someone who renamed the sheets to English and the other way round.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet.datavalidation import DataValidation

from maturity.errors import InputError, Problem
from maturity.i18n import Lang, pick
from maturity.labels import KPI_NAMES, TYPE_NAMES
from maturity.models.answers import ANSWERS_FORMAT, RATING_ALIASES, RATINGS
from maturity.models.base import EnterpriseType, Kpi
from maturity.questionnaire import Questionnaire

MAX_BYTES = 20 * 1024 * 1024  # a filled workbook is ~100 KB; anything this big is the wrong file
MAX_UNPACKED = 200 * 1024 * 1024  # declared size of all zip members together: refuses zip bombs
MAX_ROWS = 5000  # rows read per sheet; the largest questionnaire has a few hundred items
_MAX_COLS = 40  # columns read on the answers sheet (the template uses 9)
_SERIAL_2000, _SERIAL_2100 = 36526, 73051  # Excel day numbers of 2000-01-01 and 2100-01-01


# --- sheet and column names ------------------------------------------------------------------

SheetKey = Literal["guide", "profile", "answers"]
SHEET_NAMES: dict[SheetKey, tuple[str, str]] = {
    "guide": ("填写说明", "Guide"),
    "profile": ("基本信息", "Profile"),
    "answers": ("答卷", "Answers"),
}

# column key -> header (zh, en); the key itself is accepted as a header too
COLUMN_NAMES: dict[str, tuple[str, str]] = {
    "id": ("编号", "ID"),
    "subdomain": ("能力子域", "Sub-domain"),
    "level": ("等级", "Level"),
    "question": ("问题", "Question"),
    "examples": ("证据示例", "Evidence examples"),
    "descriptors": ("可选描述（0-5）", "Descriptions (0-5)"),
    "rating": ("评分", "Rating"),
    "choice": ("选择（0-5）", "Choice (0-5)"),
    "reason": ("不适用原因", "Reason (for N/A)"),
    "note": ("备注", "Note"),
    "evidence": ("证据（多个用 ; 分隔）", "Evidence (separate with ;)"),
}
# column key -> the answer field it holds when read back
_READ_FIELDS: dict[str, str] = {
    "id": "id",
    "rating": "rating",
    "choice": "rating",
    "reason": "reason",
    "note": "note",
    "evidence": "evidence",
}

_REQUIREMENT_COLUMNS: tuple[tuple[str, int], ...] = (
    ("id", 26),
    ("subdomain", 16),
    ("level", 14),
    ("question", 60),
    ("examples", 42),
    ("rating", 14),
    ("reason", 24),
    ("note", 30),
    ("evidence", 30),
)
_QUICK_COLUMNS: tuple[tuple[str, int], ...] = (
    ("id", 22),
    ("subdomain", 16),
    ("question", 44),
    ("descriptors", 70),
    ("choice", 12),
    ("note", 30),
    ("evidence", 30),
)
_INPUT_COLUMNS = frozenset({"rating", "choice", "reason", "note", "evidence"})

_PROFILE_HEADER: tuple[tuple[str, str], ...] = (("项目", "Field"), ("填写内容", "Value"), ("键", "Key"), ("说明", "Notes"))
_PROFILE_VALUE_COLUMN = "B"

FieldKind = Literal["text", "date", "int", "list"]


@dataclass(frozen=True)
class _Field:
    key: str  # dotted path into the answer file
    label: tuple[str, str]
    kind: FieldKind = "text"
    hidden: bool = False


_PROFILE_FIELDS: tuple[_Field, ...] = (
    _Field("organisation.name", ("企业名称 *", "Company name *")),
    _Field("organisation.type", ("企业类型 *", "Enterprise type *")),
    _Field("organisation.industry", ("所属行业", "Industry")),
    _Field("organisation.region", ("所在地区", "Region")),
    _Field("organisation.size", ("企业规模", "Company size")),
    _Field("organisation.employees", ("员工人数", "Employees"), "int"),
    _Field("assessment.date", ("评估日期 *", "Assessment date *"), "date"),
    _Field("assessment.target_level", ("目标等级", "Target level"), "int"),
    _Field("assessment.mode", ("评估方式", "Assessment mode")),
    _Field("assessment.assessor.name", ("填写人 / 评估人姓名", "Assessor name")),
    _Field("assessment.assessor.organisation", ("评估人所在单位", "Assessor's organisation")),
    _Field("assessment.assessor.accreditation", ("评估人资质证书编号", "Assessor accreditation no.")),
    _Field("priorities", ("最看重的改进目标", "Priorities"), "list"),
    _Field("format", ("格式", "Format"), hidden=True),
    _Field("questionnaire.id", ("问卷", "Questionnaire"), hidden=True),
    _Field("questionnaire.version", ("问卷版本", "Questionnaire version"), hidden=True),
)
_FIELD_KINDS: dict[str, FieldKind] = {f.key: f.kind for f in _PROFILE_FIELDS}

_SIZES: dict[str, tuple[str, str]] = {
    "micro": ("微型", "micro"),
    "small": ("小型", "small"),
    "medium": ("中型", "medium"),
    "large": ("大型", "large"),
}
_MODES: dict[str, tuple[str, str]] = {
    "self": ("企业自评", "self-assessment"),
    "consultant": ("咨询机构协助", "with a consultant"),
    "third_party": ("第三方评估", "third-party assessment"),
}

# rating key -> the Chinese label the answer schema accepts for it
_ZH_RATING: dict[str, str] = {key: label for label, key in RATING_ALIASES.items() if not label.isascii()}

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_LINE_POINTS = 15.0  # height of one line of 11-point text
_MAX_ROW_POINTS = 409.0  # Excel's largest row height


def _t(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "zh" else pair[1]


# --- writing ----------------------------------------------------------------------------------


def blank_workbook(questionnaire: Questionnaire, lang: Lang, kind: EnterpriseType, today: dt.date) -> bytes:
    """An .xlsx answer workbook for ``questionnaire`` with every applicable item left blank."""
    wb = Workbook()
    wb.properties.creator = "maturity"
    wb.properties.title = questionnaire.header.name.get(lang)
    wb.properties.lastModifiedBy = "maturity"
    guide = wb.active
    guide.title = _t(SHEET_NAMES["guide"], lang)
    _write_guide(guide, questionnaire, lang, kind)
    _write_profile(wb.create_sheet(_t(SHEET_NAMES["profile"], lang)), questionnaire, lang, kind, today)
    _write_answers(wb.create_sheet(_t(SHEET_NAMES["answers"], lang)), questionnaire, lang, kind)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _write_guide(ws: Any, questionnaire: Questionnaire, lang: Lang, kind: EnterpriseType) -> None:
    header = questionnaire.header
    profile = _t(SHEET_NAMES["profile"], lang)
    value_col = _t(_PROFILE_HEADER[1], lang)
    answers = _t(SHEET_NAMES["answers"], lang)
    rating_col = _t(COLUMN_NAMES["choice" if questionnaire.quick else "rating"], lang)
    reason_col = _t(COLUMN_NAMES["reason"], lang)
    steps = [
        pick(
            f"1. 在“{profile}”表的“{value_col}”列填写企业名称等信息；带 * 的必填，带下拉箭头的请从列表中选择。",
            f"1. On the “{profile}” sheet, fill in the “{value_col}” column; fields marked * are required, and cells with a drop-down arrow take a value from the list.",
            lang,
        ),
        pick(
            f"2. 在“{answers}”表中，为每一行在“{rating_col}”列选择一个答案（黄色的列由您填写）。留空的行按“未作答”处理，计 0 分。",
            f"2. On the “{answers}” sheet, pick an answer in the “{rating_col}” column of each row (you fill in the yellow columns). Rows left blank count as unanswered and score 0.",
            lang,
        ),
        pick(
            "3. 每道题选出最符合本企业现状的那句描述，填它前面的数字 0-5。",
            "3. For each question, pick the sentence that best describes your company today and enter its number 0-5.",
            lang,
        )
        if questionnaire.quick
        else pick(
            f"3. 选“不适用”时，必须在“{reason_col}”列写明这条要求为什么与本企业无关。",
            f"3. If you pick N/A (不适用 / na), write in the “{reason_col}” column why the requirement does not concern you.",
            lang,
        ),
        pick(
            "4. “备注”和“证据”可选；多份证据（文件名、记录编号）之间用分号 ; 隔开。",
            "4. Note and evidence are optional; separate several pieces of evidence (file names, record numbers) with a semicolon ;.",
            lang,
        ),
        pick(
            "5. 不要修改编号列、表头和工作表名称，也不要删除隐藏的行和列；保存为 .xlsx 格式后交回。",
            "5. Do not change the ids, the headers or the sheet names, and do not delete hidden rows or columns; save as .xlsx and send it back.",
            lang,
        ),
    ]
    about = pick(
        f"问卷 {header.id} {header.version}；企业类型：{TYPE_NAMES[kind].zh}",
        f"Questionnaire {header.id} {header.version}; enterprise type: {TYPE_NAMES[kind].en}",
        lang,
    )
    # (values, bold); a single value spans the three columns
    lines: list[tuple[tuple[str, ...], bool]] = [((header.name.get(lang),), True), ((about,), False), ((), False)]
    lines.append(((pick("怎样填写", "How to fill it in", lang),), True))
    lines += [((step,), False) for step in steps]
    lines.append(((), False))
    meaning = pick("含义", "Meaning", lang)
    if not questionnaire.quick:
        lines.append(((pick("填写", "Enter", lang), meaning), True))
        for option in questionnaire.scale_options:
            label = _ZH_RATING[option.key]  # what the drop-down offers, whatever the questionnaire calls it
            shown = pick(f"{label}（或 {option.key}）", f"{option.key} (or {label})", lang)
            lines.append(((shown, pick("", f"{option.label.en} — ", lang) + option.help.get(lang)), False))
        lines.append(((), False))
    lines.append(((pick("等级", "Level", lang), meaning), True))
    if questionnaire.quick:  # a quick-scan answer can be 0: below level 1
        lines.append(
            ((pick("0 尚未起步", "0 Not started", lang), pick("还没有一级的做法。", "Not yet the practices of level 1.", lang)), False)
        )
    lines += [((lv.name.get(lang), lv.summary.get(lang)), False) for lv in header.levels]

    widths = {1: 26, 2: 60, 3: 70}
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    for row, (values, bold) in enumerate(lines, start=1):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.alignment = _WRAP
            if bold:
                cell.font = _BOLD
        if len(values) == 1:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
            ws.row_dimensions[row].height = _height({1: values[0]}, {1: sum(widths.values())})
        elif values:
            ws.row_dimensions[row].height = _height(dict(enumerate(values, start=1)), widths)
    ws["A1"].font = _TITLE
    ws.row_dimensions[1].height = 24


def _profile_hint(key: str, questionnaire: Questionnaire, lang: Lang) -> str:
    sep = pick("；", "; ", lang)
    if key == "organisation.type":
        return sep.join(f"{t.value} = {TYPE_NAMES[t].get(lang)}" for t in EnterpriseType)
    if key == "organisation.size":
        return sep.join(f"{k} = {_t(v, lang)}" for k, v in _SIZES.items())
    if key == "assessment.mode":
        return sep.join(f"{k} = {_t(v, lang)}" for k, v in _MODES.items())
    if key == "assessment.target_level":
        return sep.join(f"{lv.level} = {lv.name.get(lang)}" for lv in questionnaire.levels)
    if key == "assessment.date":
        return pick("格式 YYYY-MM-DD，例如 2026-11-20", "as YYYY-MM-DD, e.g. 2026-11-20", lang)
    if key == "priorities":
        names = sep.join(f"{k.value} = {KPI_NAMES[k].get(lang)}" for k in Kpi)
        return pick(
            f"按重要性排序，用逗号隔开，例如 quality, delivery。可选：{names}",
            f"most important first, separated by commas, e.g. quality, delivery. Choose from: {names}",
            lang,
        )
    if key == "organisation.industry":
        return pick("例如：汽车零部件", "e.g. automotive parts", lang)
    if key == "organisation.region":
        return pick("例如：江苏省苏州市", "e.g. Suzhou, Jiangsu", lang)
    if key == "assessment.assessor.name":
        return pick("填写或负责这份答卷的人", "the person who fills in or is responsible for the answers", lang)
    return ""


def _list_validation(values: Sequence[str], prompt: str, error: str) -> DataValidation:
    # an inline list ("a,b,c") needs no helper sheet; Excel caps it at 255 characters
    formula = '"' + ",".join(values) + '"'
    return DataValidation(
        type="list",
        formula1=formula,
        allow_blank=True,
        showInputMessage=True,
        showErrorMessage=True,
        prompt=prompt[:255],
        error=error[:255],
    )


def _write_profile(ws: Any, questionnaire: Questionnaire, lang: Lang, kind: EnterpriseType, today: dt.date) -> None:
    for col, pair in enumerate(_PROFILE_HEADER, start=1):
        cell = ws.cell(row=1, column=col, value=_t(pair, lang))
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
    defaults: dict[str, object] = {
        "organisation.type": kind.value,
        "assessment.date": today,
        "assessment.target_level": 3,
        "assessment.mode": "self",
        "format": ANSWERS_FORMAT,
        "questionnaire.id": questionnaire.id,
        "questionnaire.version": questionnaire.version,
    }
    not_in_list = pick("请从下拉列表中选择。", "Pick a value from the drop-down list.", lang)
    choices: dict[str, Sequence[str]] = {
        "organisation.type": [t.value for t in EnterpriseType],
        "organisation.size": list(_SIZES),
        "assessment.target_level": [str(lv.level) for lv in questionnaire.levels],
        "assessment.mode": list(_MODES),
    }
    for row, spec in enumerate(_PROFILE_FIELDS, start=2):
        ws.cell(row=row, column=1, value=_t(spec.label, lang)).alignment = _TOP
        value_cell = ws.cell(row=row, column=2, value=defaults.get(spec.key))
        value_cell.fill = _INPUT_FILL
        value_cell.alignment = _TOP
        if spec.kind == "date":
            value_cell.number_format = "yyyy-mm-dd"
        elif spec.kind in ("text", "list"):
            value_cell.number_format = "@"  # text: stops Excel turning ids and certificate numbers into numbers
        ws.cell(row=row, column=3, value=spec.key)
        hint = _profile_hint(spec.key, questionnaire, lang)
        ws.cell(row=row, column=4, value=hint or None).alignment = _WRAP
        ws.row_dimensions[row].height = _height({4: hint}, {4: 60})
        if spec.hidden:
            ws.row_dimensions[row].hidden = True
        if spec.key in choices:
            dv = _list_validation(choices[spec.key], hint, not_in_list)
            ws.add_data_validation(dv)
            dv.add(value_cell.coordinate)
    ws.column_dimensions["A"].width = 26
    ws.column_dimensions["B"].width = 36
    ws.column_dimensions["C"].width = 30
    ws.column_dimensions["C"].hidden = True  # machine keys: how the reader finds each field
    ws.column_dimensions["D"].width = 60
    ws.freeze_panes = "A2"


def _write_answers(ws: Any, questionnaire: Questionnaire, lang: Lang, kind: EnterpriseType) -> None:
    columns = _QUICK_COLUMNS if questionnaire.quick else _REQUIREMENT_COLUMNS
    letters = {key: get_column_letter(index) for index, (key, _) in enumerate(columns, start=1)}
    widths = {index: width for index, (_, width) in enumerate(columns, start=1)}
    for index, (key, width) in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=index, value=_t(COLUMN_NAMES[key], lang))
        cell.font = _BOLD
        cell.fill = _INPUT_FILL if key in _INPUT_COLUMNS else _HEADER_FILL
        cell.alignment = _WRAP
        ws.column_dimensions[get_column_letter(index)].width = width
    rows = list(_answer_rows(questionnaire, lang, kind))
    for row, values in enumerate(rows, start=2):
        for index, (key, _) in enumerate(columns, start=1):
            cell = ws.cell(row=row, column=index, value=values.get(key))
            cell.alignment = _WRAP
            if key in _INPUT_COLUMNS:
                cell.fill = _INPUT_FILL
                if key != "choice":
                    cell.number_format = "@"
        texts = {index: values.get(key) or "" for index, (key, _) in enumerate(columns, start=1)}
        ws.row_dimensions[row].height = _height(texts, widths)
    ws.freeze_panes = "B2"  # keeps the header row and the id column in view
    if not rows:
        return
    last = len(rows) + 1
    if questionnaire.quick:
        dv = _list_validation(
            [str(n) for n in range(6)],
            pick("填写最符合的那句描述前的数字 0-5。", "Enter the number 0-5 of the sentence that fits best.", lang),
            pick("请填写 0 到 5 之间的数字。", "Enter a number from 0 to 5.", lang),
        )
        target = letters["choice"]
    else:
        # the schema's own aliases, not the questionnaire's labels: only these are read back
        labels = [_ZH_RATING[key] for key in RATINGS]
        keys: list[str] = list(RATINGS)
        dv = _list_validation(
            labels + keys if lang == "zh" else keys + labels,
            pick(
                "选择：" + "/".join(labels) + "（或 " + "/".join(keys) + "）。选“不适用”须写原因。",
                "Pick: " + "/".join(keys) + " (or " + "/".join(labels) + "). N/A needs a reason.",
                lang,
            ),
            pick("请从下拉列表中选择一个评分。", "Pick a rating from the drop-down list.", lang),
        )
        target = letters["rating"]
    ws.add_data_validation(dv)
    dv.add(f"{target}2:{target}{last}")


def _answer_rows(questionnaire: Questionnaire, lang: Lang, kind: EnterpriseType) -> Iterator[dict[str, str]]:
    if questionnaire.quick:
        for question in questionnaire.questions:
            yield {
                "id": question.id,
                "subdomain": questionnaire.subdomain(questionnaire.subdomain_of[question.id]).name.get(lang),
                "question": question.question.get(lang),
                "descriptors": "\n".join(f"{d.level} = {d.text.get(lang)}" for d in question.descriptors),
            }
        return
    for req in questionnaire.applicable(kind):
        yield {
            "id": req.id,
            "subdomain": questionnaire.subdomain(questionnaire.subdomain_of[req.id]).name.get(lang),
            "level": questionnaire.levels[req.level - 1].name.get(lang),
            "question": req.question.get(lang),
            "examples": "\n".join(f"• {e.get(lang)}" for e in req.evidence),
        }


def _text_units(text: str) -> int:
    # CJK characters are about twice as wide as Latin ones in Excel's width unit
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def _height(texts: dict[int, str], widths: dict[int, int]) -> float:
    """Row height that shows all wrapped text: Excel does not grow rows written by openpyxl."""
    lines = 1
    for col, text in texts.items():
        width = max(widths.get(col, 10) - 1, 1)
        count = sum(max(1, math.ceil(_text_units(part) / width)) for part in str(text).split("\n"))
        lines = max(lines, count)
    return min(lines * _LINE_POINTS + 3, _MAX_ROW_POINTS)


# --- reading ----------------------------------------------------------------------------------


def _sheet_ref(title: str, cell: str) -> str:
    # Excel quotes sheet names that are not a plain word, e.g. 'My answers'!F7
    name = title if re.fullmatch(r"\w+", title) else "'" + title.replace("'", "''") + "'"
    return f"{name}!{cell}"


@dataclass(frozen=True)
class WorkbookDocument:
    """A read workbook: answer-file data plus the cells it came from, for located problems.

    Offers the interface of :class:`maturity.yamlio.Document` that validation uses
    (``path``, ``data``, ``warnings``, ``locate``, ``problem``), with ``Sheet!Cell`` locations.
    """

    path: str
    data: dict[str, Any]
    warnings: tuple[Problem, ...] = ()
    profile_sheet: str = SHEET_NAMES["profile"][1]
    answers_sheet: str = SHEET_NAMES["answers"][1]
    profile_rows: dict[str, int] = field(default_factory=dict)  # dotted field key -> row
    answer_rows: dict[str, int] = field(default_factory=dict)  # answer id -> row
    answer_columns: dict[str, str] = field(default_factory=dict)  # answer field -> column letter

    def locate(self, loc: Sequence[object]) -> str:
        """``Sheet!Cell`` of the deepest part of ``loc`` that the workbook has; a sheet's A1 otherwise."""
        parts = tuple(loc)
        if parts and parts[0] == "answers":
            row = self.answer_rows.get(str(parts[1])) if len(parts) > 1 else None
            if row is None:
                return _sheet_ref(self.answers_sheet, "A1")
            wanted = str(parts[2]) if len(parts) > 2 else "rating"
            column = self.answer_columns.get(wanted) or self.answer_columns.get("rating") or "A"
            return _sheet_ref(self.answers_sheet, f"{column}{row}")
        names = [str(p) for p in parts if not isinstance(p, int)]
        for size in range(len(names), 0, -1):
            key = ".".join(names[:size])
            if key in self.profile_rows:
                return _sheet_ref(self.profile_sheet, f"{_PROFILE_VALUE_COLUMN}{self.profile_rows[key]}")
            below = [row for name, row in self.profile_rows.items() if name.startswith(key + ".")]
            if below:
                return _sheet_ref(self.profile_sheet, f"{_PROFILE_VALUE_COLUMN}{min(below)}")
        return _sheet_ref(self.profile_sheet, "A1")

    def problem(self, key: str, loc: Sequence[object] = (), **params: object) -> Problem:
        return Problem(key, params, file=self.path, where=self.locate(loc))


def read_workbook(raw: bytes, display: str) -> WorkbookDocument:
    """Read a filled answer workbook into the data a YAML answer file would hold.

    Raises :class:`InputError` when the bytes are no usable workbook; schema problems are left
    to the caller's validation, which can point at cells through the returned document.
    """
    _check_archive(raw, display)
    try:
        wb = load_workbook(io.BytesIO(raw), read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises anything from KeyError to XML errors on a damaged file
        raise InputError([Problem("excel.not_xlsx", {"reason": f"{type(exc).__name__}: {exc}"}, file=display)]) from None
    try:
        profile_ws, answers_ws = _find_sheet(wb, "profile"), _find_sheet(wb, "answers")
        found: tuple[tuple[SheetKey, Any], ...] = (("profile", profile_ws), ("answers", answers_ws))
        missing = [key for key, ws in found if ws is None]
        if missing:
            raise InputError([_missing_sheet(key, display) for key in missing])
        problems: list[Problem] = []
        warnings: list[Problem] = []
        data, profile_rows = _read_profile(profile_ws, display, problems)
        answers, answer_rows, answer_columns = _read_answers(answers_ws, display, problems, warnings)
    finally:
        wb.close()
    if problems:
        raise InputError(problems)
    data["answers"] = answers
    return WorkbookDocument(
        path=display,
        data=data,
        warnings=tuple(warnings),
        profile_sheet=profile_ws.title,
        answers_sheet=answers_ws.title,
        profile_rows=profile_rows,
        answer_rows=answer_rows,
        answer_columns=answer_columns,
    )


def _check_archive(raw: bytes, display: str) -> None:
    """Refuse what openpyxl should never see: oversized files, non-zips, zip bombs."""
    if len(raw) > MAX_BYTES:
        raise InputError([Problem("excel.too_large", {"size": len(raw), "limit": MAX_BYTES}, file=display)])
    if raw.startswith(b"\xd0\xcf\x11\xe0"):  # OLE: an old .xls, or an .xlsx encrypted with a password
        reason = {"zh": "这是旧版 .xls 文件或设置了密码的工作簿", "en": "it is an old .xls file or a password-protected workbook"}
        raise InputError([Problem("excel.not_xlsx", {"reason": reason}, file=display)])
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        reason = {"zh": "文件不是 .xlsx 格式（不是 zip 压缩包）", "en": "the file is not in .xlsx format (not a zip archive)"}
        raise InputError([Problem("excel.not_xlsx", {"reason": reason}, file=display)]) from None
    if "xl/workbook.xml" not in {m.filename for m in members}:
        reason = {"zh": "压缩包里没有 Excel 工作簿内容", "en": "the archive holds no Excel workbook"}
        raise InputError([Problem("excel.not_xlsx", {"reason": reason}, file=display)])
    if sum(m.file_size for m in members) > MAX_UNPACKED:
        raise InputError([Problem("excel.unpacked_too_large", {"limit": MAX_UNPACKED}, file=display)])


def _norm(name: object) -> str:
    return re.sub(r"\s+", "", str(name)).casefold() if name is not None else ""


def _find_sheet(wb: Any, key: SheetKey) -> Any:
    """The sheet named as in either language (spaces and case ignored), or None."""
    wanted = {_norm(name) for name in (*SHEET_NAMES[key], key)}
    for title in wb.sheetnames:
        if _norm(title) in wanted:
            ws = wb[title]
            ws.reset_dimensions()  # a wrong <dimension> tag would otherwise cut rows off
            return ws
    return None


def _missing_sheet(key: SheetKey, display: str) -> Problem:
    zh, en = SHEET_NAMES[key]
    return Problem("excel.missing_sheet", {"zh": zh, "en": en}, file=display)


def _rows(ws: Any, width: int, display: str, problems: list[Problem]) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, values) of the first MAX_ROWS rows; content below them is a problem."""
    for number, values in enumerate(ws.iter_rows(min_row=1, max_col=width, values_only=True), start=1):
        if number <= MAX_ROWS:
            yield number, tuple(values)
        elif not all(_blank(v) for v in values):
            where = _sheet_ref(ws.title, f"A{number}")
            problems.append(Problem("excel.too_many_rows", {"sheet": ws.title, "limit": MAX_ROWS}, file=display, where=where))
            return


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _as_text(value: object) -> str:
    """A cell as the text its author meant: 12345 stays 12345, not 12345.0."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def _as_int(value: object) -> object:
    # anything that is no whole number is kept, so that schema validation reports it at its cell
    if isinstance(value, bool):
        return _as_text(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    text = _as_text(value)
    return int(text) if re.fullmatch(r"[+-]?\d+", text) else text


def _as_date(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and _SERIAL_2000 <= value < _SERIAL_2100:
        converted = from_excel(value)  # a date serial in a cell not formatted as a date
        return converted.date() if isinstance(converted, dt.datetime) else _as_text(value)
    text = _as_text(value)
    # 2026-11-20 as in YAML, and what Chinese Excel and WPS users type: 2026/11/20, 2026.11.20, 2026年11月20日
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    return text  # validation reports it as no date, at this cell


def _as_list(value: object) -> list[str]:
    return [part for part in re.split(r"[,，;；、\s]+", _as_text(value)) if part]


_CONVERTERS: dict[FieldKind, Callable[[object], object]] = {"text": _as_text, "date": _as_date, "int": _as_int, "list": _as_list}


def _read_profile(ws: Any, display: str, problems: list[Problem]) -> tuple[dict[str, Any], dict[str, int]]:
    data: dict[str, Any] = {}
    rows: dict[str, int] = {}
    for number, values in _rows(ws, 3, display, problems):
        if number == 1:
            continue  # header
        key = _as_text(values[2]) if len(values) > 2 and not _blank(values[2]) else ""
        if not key:
            continue
        if key in rows:
            where = _sheet_ref(ws.title, f"C{number}")
            first = _sheet_ref(ws.title, f"C{rows[key]}")
            problems.append(Problem("excel.duplicate_field", {"field": key, "first": first}, file=display, where=where))
            continue
        rows[key] = number
        value = values[1] if len(values) > 1 else None
        if _blank(value):
            continue  # an empty cell is an absent field, as in YAML
        _put(data, key.split("."), _CONVERTERS[_FIELD_KINDS.get(key, "text")](value))
    return data, rows


def _put(data: dict[str, Any], path: list[str], value: object) -> None:
    node = data
    for part in path[:-1]:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            return  # "a" and "a.b" both given: keep the first; validation reports the mismatch
        node = child
    node.setdefault(path[-1], value)


def _header_columns(header: tuple[Any, ...]) -> dict[str, int]:
    """Answer field -> 0-based column, recognising headers in either language."""
    known = {_norm(name): key for key, pair in COLUMN_NAMES.items() for name in (*pair, key)}
    out: dict[str, int] = {}
    for index, value in enumerate(header):
        column_key = known.get(_norm(value))
        read_as = _READ_FIELDS.get(column_key or "")
        if read_as and read_as not in out:
            out[read_as] = index
    return out


def _read_answers(
    ws: Any, display: str, problems: list[Problem], warnings: list[Problem]
) -> tuple[dict[str, Any], dict[str, int], dict[str, str]]:
    answers: dict[str, Any] = {}
    rows: dict[str, int] = {}
    columns: dict[str, int] | None = None
    for number, values in _rows(ws, _MAX_COLS, display, problems):
        if columns is None:  # row 1: the header
            columns = _header_columns(values)
            if not _has_key_columns(columns, ws.title, display, problems):
                return {}, {}, {}
            continue

        cells = {name: values[index] if index < len(values) else None for name, index in columns.items()}
        item_id = "" if _blank(cells["id"]) else _as_text(cells["id"])
        where = _sheet_ref(ws.title, f"{get_column_letter(columns['rating'] + 1)}{number}")
        filled = [name for name in ("rating", "reason", "note", "evidence") if not _blank(cells.get(name))]
        if not item_id:
            if filled:
                warnings.append(Problem("excel.row_without_id", file=display, where=where, severity="warning"))
            continue
        if item_id in rows:
            first = _sheet_ref(ws.title, f"{get_column_letter(columns['id'] + 1)}{rows[item_id]}")
            at = _sheet_ref(ws.title, f"{get_column_letter(columns['id'] + 1)}{number}")
            problems.append(Problem("excel.duplicate_id", {"id": item_id, "first": first}, file=display, where=at))
            continue
        rows[item_id] = number
        if "rating" not in filled:
            if filled:
                warnings.append(Problem("excel.rating_missing", {"id": item_id}, file=display, where=where, severity="warning"))
            continue  # blank rating: unanswered, like an empty value in YAML
        answers[item_id] = _answer(cells["rating"], cells.get("reason"), cells.get("note"), cells.get("evidence"))
    if columns is None:  # an empty sheet
        _has_key_columns({}, ws.title, display, problems)
        return {}, {}, {}
    letters = {name: get_column_letter(index + 1) for name, index in columns.items()}
    return answers, rows, letters


def _has_key_columns(columns: dict[str, int], title: str, display: str, problems: list[Problem]) -> bool:
    missing = [key for key in ("id", "rating") if key not in columns]
    for key in missing:
        zh, en = COLUMN_NAMES[key]
        column = {"zh": zh, "en": en}
        problems.append(Problem("excel.missing_column", {"column": column}, file=display, where=_sheet_ref(title, "A1")))
    return not missing


def _rating(value: object) -> object:
    """A rating as YAML would give it: text stays text (labels included), a level number an int."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _as_int(value)
    text = _as_text(value)
    return int(text) if re.fullmatch(r"\d", text) else text


def _answer(rating: object, reason: object, note: object, evidence: object) -> object:
    long: dict[str, object] = {}
    if not _blank(reason):
        long["reason"] = _as_text(reason)
    if not _blank(note):
        long["note"] = _as_text(note)
    items = [] if _blank(evidence) else [part.strip() for part in re.split(r"[;；\n]", _as_text(evidence)) if part.strip()]
    if items:
        long["evidence"] = items
    value = _rating(rating)
    return {"rating": value, **long} if long else value


__all__ = [
    "COLUMN_NAMES",
    "MAX_BYTES",
    "MAX_ROWS",
    "SHEET_NAMES",
    "WorkbookDocument",
    "blank_workbook",
    "read_workbook",
]
