"""Writing a blank answer workbook: a guide, the profile and one row per item, with drop-downs."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterator, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from maturity.excel.cells import set_value
from maturity.excel.layout import COLUMN_NAMES, PROFILE_FIELDS, RESPONDENT_FIELDS, SHEET_NAMES
from maturity.i18n import MESSAGES, Lang, msg
from maturity.labels import KPI_NAMES, PROFILE_NAMES, TYPE_NAMES
from maturity.questionnaire import Questionnaire
from maturity.respondents import Part
from maturity.schema.answers import ANSWERS_FORMAT, RATING_ALIASES, RATINGS
from maturity.schema.base import DEFAULT_PROFILE, EnterpriseType, Kpi, Profile
from maturity.schema.questionnaire import ScaleOption

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
    ("reason", 24),
    ("note", 30),
    ("evidence", 30),
)
_INPUT_COLUMNS = frozenset({"rating", "choice", "reason", "note", "evidence"})

_PROFILE_HEADER: tuple[tuple[str, str], ...] = (
    MESSAGES["excel.profile_header.field"],
    MESSAGES["excel.profile_header.value"],
    MESSAGES["excel.profile_header.key"],
    MESSAGES["excel.profile_header.notes"],
)

_SIZES: dict[str, tuple[str, str]] = {
    "micro": MESSAGES["excel.size.micro"],
    "small": MESSAGES["excel.size.small"],
    "medium": MESSAGES["excel.size.medium"],
    "large": MESSAGES["excel.size.large"],
}
_MODES: dict[str, tuple[str, str]] = {
    "self": MESSAGES["excel.mode.self"],
    "consultant": MESSAGES["excel.mode.consultant"],
    "third_party": MESSAGES["excel.mode.third_party"],
}

# rating key -> the Chinese label the answer schema accepts for it
_ZH_RATING: dict[str, str] = {
    key: label for label, key in RATING_ALIASES.items() if not label.isascii()
}

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
_BOLD = Font(bold=True)
_TITLE = Font(bold=True, size=14)
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_LINE_POINTS = 15.0  # height of one line of 11-point text
_MAX_ROW_POINTS = 409.0  # Excel's largest row height


def _cell(ws: Any, row: int, column: int, value: object) -> Any:
    # questionnaire texts and labels are text, whatever they start with (see maturity.excel.cells)
    return set_value(ws.cell(row=row, column=column), value)


def _t(pair: tuple[str, str], lang: Lang) -> str:
    return pair[0] if lang == "zh" else pair[1]


# --- writing ----------------------------------------------------------------------------------


def blank_workbook(
    questionnaire: Questionnaire,
    lang: Lang,
    kind: EnterpriseType,
    today: dt.date,
    profile: Profile | None = None,
    part: Part | None = None,
) -> bytes:
    """An .xlsx answer workbook for ``questionnaire`` with every item applicable to ``profile``
    (default: the type's) left blank; only the sub-domains of ``part`` when given."""
    profile = profile or DEFAULT_PROFILE[kind]
    wb = Workbook()
    wb.properties.creator = "maturity"
    wb.properties.title = questionnaire.header.name.get(lang)
    wb.properties.lastModifiedBy = "maturity"
    guide = wb.active
    guide.title = _t(SHEET_NAMES["guide"], lang)
    _write_guide(guide, questionnaire, lang, profile)
    _write_profile(
        wb.create_sheet(_t(SHEET_NAMES["profile"], lang)),
        questionnaire,
        lang,
        (kind, profile, today),
        part,
    )
    _write_answers(
        wb.create_sheet(_t(SHEET_NAMES["answers"], lang)), questionnaire, lang, profile, part
    )
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _write_guide(ws: Any, questionnaire: Questionnaire, lang: Lang, profile: Profile) -> None:
    header = questionnaire.header
    about = msg(
        "excel.guide.about",
        lang,
        id=header.id,
        version=header.version,
        type=PROFILE_NAMES[profile].get(lang),
    )
    # (values, bold); a single value spans the three columns
    lines: list[tuple[tuple[str, ...], bool]] = [
        ((header.name.get(lang),), True),
        ((about,), False),
        ((), False),
    ]
    lines.append(((msg("excel.guide.how", lang),), True))
    lines += [((step,), False) for step in _guide_steps(questionnaire, lang)]
    lines.append(((), False))
    lines += _guide_meanings(questionnaire, lang)
    _write_lines(ws, lines, widths={1: 26, 2: 60, 3: 70})
    ws["A1"].font = _TITLE
    ws.row_dimensions[1].height = 24


def _guide_steps(questionnaire: Questionnaire, lang: Lang) -> list[str]:
    """The numbered steps of the guide sheet; they name the sheets and columns as the workbook shows
    them."""
    names = {
        "profile": _t(SHEET_NAMES["profile"], lang),
        "value_col": _t(_PROFILE_HEADER[1], lang),
        "answers": _t(SHEET_NAMES["answers"], lang),
        "rating_col": _t(COLUMN_NAMES["choice" if questionnaire.quick else "rating"], lang),
        "reason_col": _t(COLUMN_NAMES["reason"], lang),
    }
    third = "excel.guide.step3_quick" if questionnaire.quick else "excel.guide.step3_na"
    keys = (
        "excel.guide.step1",
        "excel.guide.step2",
        third,
        "excel.guide.step4",
        "excel.guide.step5",
    )
    return [msg(key, lang, **names) for key in keys]


def _guide_meanings(questionnaire: Questionnaire, lang: Lang) -> list[tuple[tuple[str, ...], bool]]:
    """The tables of what each rating and each level means."""
    meaning = msg("excel.guide.meaning", lang)
    lines: list[tuple[tuple[str, ...], bool]] = []
    if not questionnaire.quick:
        lines.append(((msg("excel.guide.enter", lang), meaning), True))
        for option in questionnaire.scale_options:
            label = _ZH_RATING[
                option.key
            ]  # what the drop-down offers, whatever the questionnaire calls it
            shown = msg("excel.guide.rating", lang, label=label, key=option.key)
            lines.append(((shown, _rating_meaning(option, lang)), False))
        lines.append(((), False))
    lines.append(((msg("excel.guide.level", lang), meaning), True))
    if questionnaire.quick:  # a quick-scan answer can be 0: below level 1
        lines.append(
            ((msg("excel.guide.level0", lang), msg("excel.guide.level0_meaning", lang)), False)
        )
    lines += [
        ((lv.name.get(lang), lv.summary.get(lang)), False) for lv in questionnaire.header.levels
    ]
    return lines


def _rating_meaning(option: ScaleOption, lang: Lang) -> str:
    # English adds the questionnaire's name of the rating ("Fully met"); in Chinese the first column
    # already shows it (the drop-down label)
    return option.help.get(lang) if lang == "zh" else f"{option.label.en} — {option.help.get(lang)}"


def _write_lines(
    ws: Any, lines: list[tuple[tuple[str, ...], bool]], widths: dict[int, int]
) -> None:
    for col, width in widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    for row, (values, bold) in enumerate(lines, start=1):
        for col, value in enumerate(values, start=1):
            cell = _cell(ws, row, col, value)
            cell.alignment = _WRAP
            if bold:
                cell.font = _BOLD
        if len(values) == 1:
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(widths))
            ws.row_dimensions[row].height = _height({1: values[0]}, {1: sum(widths.values())})
        elif values:
            ws.row_dimensions[row].height = _height(dict(enumerate(values, start=1)), widths)


# profile field -> the catalogue key of its hint (the fields with a list of choices are built below)
_HINTS = {
    "assessment.date": "excel.hint.date",
    "organisation.industry": "excel.hint.industry",
    "organisation.region": "excel.hint.region",
    "assessment.assessor.name": "excel.hint.assessor",
    "respondent.name": "excel.hint.respondent",
}


def _profile_hint(key: str, questionnaire: Questionnaire, lang: Lang) -> str:
    sep = msg("common.list_sep", lang)
    if key == "organisation.type":
        return sep.join(f"{t.value} = {TYPE_NAMES[t].get(lang)}" for t in EnterpriseType)
    if key == "organisation.profile":
        return sep.join(f"{p.value} = {PROFILE_NAMES[p].get(lang)}" for p in Profile)
    if key == "organisation.size":
        return sep.join(f"{k} = {_t(v, lang)}" for k, v in _SIZES.items())
    if key == "assessment.mode":
        return sep.join(f"{k} = {_t(v, lang)}" for k, v in _MODES.items())
    if key == "assessment.target_level":
        return sep.join(f"{lv.level} = {lv.name.get(lang)}" for lv in questionnaire.levels)
    if key == "priorities":
        return msg(
            "excel.hint.priorities",
            lang,
            names=sep.join(f"{k.value} = {KPI_NAMES[k].get(lang)}" for k in Kpi),
        )
    return msg(_HINTS[key], lang) if key in _HINTS else ""


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


def _write_profile(
    ws: Any,
    questionnaire: Questionnaire,
    lang: Lang,
    setting: tuple[EnterpriseType, Profile, dt.date],
    part: Part | None,
) -> None:
    kind, profile, today = setting
    for col, pair in enumerate(_PROFILE_HEADER, start=1):
        cell = _cell(ws, 1, col, _t(pair, lang))
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
    defaults: dict[str, object] = {
        "organisation.type": kind.value,
        "organisation.profile": profile.value,
        "assessment.date": today,
        "assessment.target_level": 3,
        "assessment.mode": "self",
        "format": ANSWERS_FORMAT,
        "questionnaire.id": questionnaire.id,
        "questionnaire.version": questionnaire.version,
    }
    fields = PROFILE_FIELDS
    if part is not None:  # who fills in this part, and which sub-domains it covers
        fields = (*RESPONDENT_FIELDS, *PROFILE_FIELDS)
        defaults |= {"respondent.role": part.role, "part": ", ".join(part.subdomains)}
    not_in_list = msg("excel.not_in_list", lang)
    choices: dict[str, Sequence[str]] = {
        "organisation.type": [t.value for t in EnterpriseType],
        "organisation.profile": [p.value for p in Profile],
        "organisation.size": list(_SIZES),
        "assessment.target_level": [str(lv.level) for lv in questionnaire.levels],
        "assessment.mode": list(_MODES),
    }
    for row, spec in enumerate(fields, start=2):
        _cell(ws, row, 1, _t(spec.label, lang)).alignment = _TOP
        value_cell = _cell(ws, row, 2, defaults.get(spec.key))
        value_cell.fill = _INPUT_FILL
        value_cell.alignment = _TOP
        if spec.kind == "date":
            value_cell.number_format = "yyyy-mm-dd"
        elif spec.kind in ("text", "list"):
            value_cell.number_format = (
                "@"  # text: stops Excel turning ids and certificate numbers into numbers
            )
        _cell(ws, row, 3, spec.key)
        hint = _profile_hint(spec.key, questionnaire, lang)
        _cell(ws, row, 4, hint or None).alignment = _WRAP
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


def _write_answers(
    ws: Any, questionnaire: Questionnaire, lang: Lang, profile: Profile, part: Part | None
) -> None:
    columns = _QUICK_COLUMNS if questionnaire.quick else _REQUIREMENT_COLUMNS
    letters = {key: get_column_letter(index) for index, (key, _) in enumerate(columns, start=1)}
    widths = {index: width for index, (_, width) in enumerate(columns, start=1)}
    for index, (key, width) in enumerate(columns, start=1):
        cell = _cell(ws, 1, index, _t(COLUMN_NAMES[key], lang))
        cell.font = _BOLD
        cell.fill = _INPUT_FILL if key in _INPUT_COLUMNS else _HEADER_FILL
        cell.alignment = _WRAP
        ws.column_dimensions[get_column_letter(index)].width = width
    rows = [
        r
        for r in _answer_rows(questionnaire, lang, profile)
        if part is None or questionnaire.subdomain_of[r["id"]] in part.subdomains
    ]
    for row, values in enumerate(rows, start=2):
        for index, (key, _) in enumerate(columns, start=1):
            cell = _cell(ws, row, index, values.get(key))
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
            [*(str(n) for n in range(6)), "na", _ZH_RATING["na"]],
            msg("excel.choice_prompt", lang),
            msg("excel.choice_error", lang),
        )
        target = letters["choice"]
    else:
        # the schema's own aliases, not the questionnaire's labels: only these are read back
        labels = [_ZH_RATING[key] for key in RATINGS]
        keys: list[str] = list(RATINGS)
        dv = _list_validation(
            labels + keys if lang == "zh" else keys + labels,
            msg("excel.rating_prompt", lang, labels="/".join(labels), keys="/".join(keys)),
            msg("excel.rating_error", lang),
        )
        target = letters["rating"]
    ws.add_data_validation(dv)
    dv.add(f"{target}2:{target}{last}")


def _answer_rows(
    questionnaire: Questionnaire, lang: Lang, profile: Profile
) -> Iterator[dict[str, str]]:
    if questionnaire.quick:
        for question in questionnaire.questions:
            yield {
                "id": question.id,
                "subdomain": questionnaire.subdomain(
                    questionnaire.subdomain_of[question.id]
                ).name.get(lang),
                "question": question.question.get(lang),
                "descriptors": "\n".join(
                    f"{d.level} = {d.text.get(lang)}" for d in question.descriptors
                ),
            }
        return
    for req in questionnaire.applicable(profile):
        yield {
            "id": req.id,
            "subdomain": questionnaire.subdomain(questionnaire.subdomain_of[req.id]).name.get(lang),
            "level": questionnaire.levels[req.level - 1].name.get(lang),
            "question": req.question.get(lang),
            "examples": "\n".join(f"• {e.get(lang)}" for e in req.evidence_for(profile)),
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
