"""Reading a filled answer workbook back into the data a YAML answer file would hold.

The archive is checked before openpyxl opens it (declared sizes, members), only the first rows and
columns are read, and every problem names its sheet and cell.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import traceback
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel

from maturity.errors import InputError, Problem
from maturity.excel.layout import (
    COLUMN_NAMES,
    FIELD_KINDS,
    MAX_BYTES,
    PROFILE_VALUE_COLUMN,
    SHEET_NAMES,
    FieldKind,
    SheetKey,
)
from maturity.i18n import phrase
from maturity.yamlio import MAX_DIGITS

MAX_UNPACKED = 200 * 1024 * 1024  # declared size of all zip members together: refuses zip bombs
MAX_ROWS = 5000  # rows read per sheet; the largest questionnaire has a few hundred items
_MAX_COLS = 40  # columns read on the answers sheet (the template uses 9)
_SERIAL_2000, _SERIAL_2100 = 36526, 73051  # Excel day numbers of 2000-01-01 and 2100-01-01

# column key -> the answer field it holds when read back
_READ_FIELDS: dict[str, str] = {
    "id": "id",
    "rating": "rating",
    "choice": "rating",
    "reason": "reason",
    "note": "note",
    "evidence": "evidence",
}


def _sheet_ref(title: str, cell: str) -> str:
    # Excel quotes sheet names that are not a plain word, e.g. 'My answers'!F7
    name = title if re.fullmatch(r"\w+", title) else "'" + title.replace("'", "''") + "'"
    return f"{name}!{cell}"


def _repeated(
    seen: dict[str, int], key: str, row: int, sheet: str, column: str
) -> tuple[str, str] | None:
    """For a key met before: the cells of its first and of this row; the first time, None (and it is
    noted)."""
    if key in seen:
        return _sheet_ref(sheet, f"{column}{seen[key]}"), _sheet_ref(sheet, f"{column}{row}")
    seen[key] = row
    return None


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
        """``Sheet!Cell`` of the deepest part of ``loc`` that the workbook has; a sheet's A1
        otherwise."""
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
                return _sheet_ref(
                    self.profile_sheet, f"{PROFILE_VALUE_COLUMN}{self.profile_rows[key]}"
                )
            below = [row for name, row in self.profile_rows.items() if name.startswith(key + ".")]
            if below:
                return _sheet_ref(self.profile_sheet, f"{PROFILE_VALUE_COLUMN}{min(below)}")
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
    except (
        Exception
    ) as exc:  # openpyxl raises anything from KeyError to XML errors on a damaged file
        raise InputError(
            [Problem("excel.not_xlsx", {"reason": f"{type(exc).__name__}: {exc}"}, file=display)]
        ) from None
    try:
        profile_ws, answers_ws = _find_sheet(wb, "profile"), _find_sheet(wb, "answers")
        found: tuple[tuple[SheetKey, Any], ...] = (("profile", profile_ws), ("answers", answers_ws))
        missing = [key for key, ws in found if ws is None]
        if missing:
            raise InputError([_missing_sheet(key, display) for key in missing])
        problems: list[Problem] = []
        warnings: list[Problem] = []
        data, profile_rows = _read_profile(profile_ws, display, problems)
        answers, answer_rows, answer_columns = _read_answers(
            answers_ws, display, problems, warnings
        )
    except (
        SyntaxError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
    ) as exc:  # read-only sheets are parsed only now
        raise InputError(
            [Problem("excel.not_xlsx", {"reason": f"{type(exc).__name__}: {exc}"}, file=display)]
        ) from None
    except ValueError as exc:  # openpyxl casts number cells with int()/float(): "NaN", 5,000 digits
        if not _raised_by_openpyxl(exc):
            raise
        reason = (
            _HUGE_NUMBER if "int_max_str_digits" in str(exc) else phrase("excel.reason.bad_number")
        )
        raise InputError([Problem("excel.not_xlsx", {"reason": reason}, file=display)]) from None
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


_HUGE_NUMBER = phrase("excel.reason.huge_number")


def _raised_by_openpyxl(exc: BaseException) -> bool:
    """A ValueError from openpyxl's cell parsing is a bad workbook; one from our own code is a
    bug."""
    frames = traceback.extract_tb(exc.__traceback__)
    return bool(frames) and f"{os.sep}openpyxl{os.sep}" in frames[-1].filename


def _check_archive(raw: bytes, display: str) -> None:
    """Refuse what openpyxl should never see: oversized files, non-zips, zip bombs."""
    if len(raw) > MAX_BYTES:
        raise InputError(
            [Problem("excel.too_large", {"size": len(raw), "limit": MAX_BYTES}, file=display)]
        )
    if raw.startswith(
        b"\xd0\xcf\x11\xe0"
    ):  # OLE: an old .xls, or an .xlsx encrypted with a password
        reason = phrase("excel.reason.ole")
        raise InputError([Problem("excel.not_xlsx", {"reason": reason}, file=display)])
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        reason = phrase("excel.reason.not_zip")
        raise InputError([Problem("excel.not_xlsx", {"reason": reason}, file=display)]) from None
    if "xl/workbook.xml" not in {m.filename for m in members}:
        reason = phrase("excel.reason.no_workbook")
        raise InputError([Problem("excel.not_xlsx", {"reason": reason}, file=display)])
    if sum(m.file_size for m in members) > MAX_UNPACKED:
        raise InputError(
            [Problem("excel.unpacked_too_large", {"limit": MAX_UNPACKED}, file=display)]
        )
    _check_no_dtd(raw, display)


# A DTD is where entity bombs (billion laughs) and external entities (XXE) live; Excel and WPS never
# write one. Refused in any encoding expat reads, in every member (a sheet need not end in .xml).
_DTD_MARKS = tuple(
    mark.encode(enc)
    for mark in ("<!DOCTYPE", "<!ENTITY")
    for enc in ("utf-8", "utf-16-le", "utf-16-be")
)
_OVERLAP = max(len(mark) for mark in _DTD_MARKS) - 1
_CHUNK = 1 << 20


def _check_no_dtd(raw: bytes, display: str) -> None:
    """Refuse a workbook with a DTD in any member; reads at most the declared (already bounded)
    sizes."""
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        for member in archive.infolist():
            try:
                found = _has_dtd(archive, member)
            except (
                zipfile.BadZipFile,
                zlib.error,
                EOFError,
                NotImplementedError,
                RuntimeError,
            ) as exc:
                # a damaged or encrypted member; openpyxl would fail on it later, with less to say
                reason = f"{member.filename}: {type(exc).__name__}: {exc}"
                raise InputError(
                    [Problem("excel.not_xlsx", {"reason": reason}, file=display)]
                ) from None
            if found:
                raise InputError(
                    [Problem("excel.xml_dtd", {"part": member.filename}, file=display)]
                )


def _has_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            window = tail + chunk
            if any(mark in window for mark in _DTD_MARKS):
                return True
            tail = window[-_OVERLAP:]
    return False


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
    return Problem("excel.missing_sheet", {"zh_name": zh, "en_name": en}, file=display)


def _rows(
    ws: Any, width: int, display: str, problems: list[Problem]
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """(row number, values) of the first MAX_ROWS rows; content below them is a problem."""
    for number, values in enumerate(
        ws.iter_rows(min_row=1, max_col=width, values_only=True), start=1
    ):
        if number <= MAX_ROWS:
            yield number, tuple(values)
        elif not all(_blank(v) for v in values):
            where = _sheet_ref(ws.title, f"A{number}")
            problems.append(
                Problem(
                    "excel.too_many_rows",
                    {"sheet": ws.title, "limit": MAX_ROWS},
                    file=display,
                    where=where,
                )
            )
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
    # at most MAX_DIGITS digits, as in YAML: int() refuses over 4,300; the schema reports the rest
    return int(text) if re.fullmatch(rf"[+-]?\d{{1,{MAX_DIGITS}}}", text) else text


def _as_date(value: object) -> object:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and _SERIAL_2000 <= value < _SERIAL_2100
    ):
        converted = from_excel(value)  # a date serial in a cell not formatted as a date
        return converted.date() if isinstance(converted, dt.datetime) else _as_text(value)
    text = _as_text(value)
    # 2026-11-20 as in YAML, and what Chinese Excel and
    # WPS users type: 2026/11/20, 2026.11.20, 2026年11月20日
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text)
    if match:
        try:
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    return text  # validation reports it as no date, at this cell


def _as_list(value: object) -> list[str]:
    return [part for part in re.split(r"[,，;；、\s]+", _as_text(value)) if part]


_CONVERTERS: dict[FieldKind, Callable[[object], object]] = {
    "text": _as_text,
    "date": _as_date,
    "int": _as_int,
    "list": _as_list,
}


def _read_profile(
    ws: Any, display: str, problems: list[Problem]
) -> tuple[dict[str, Any], dict[str, int]]:
    data: dict[str, Any] = {}
    rows: dict[str, int] = {}
    for number, values in _rows(ws, 3, display, problems):
        if number == 1:
            continue  # header
        key = _as_text(values[2]) if len(values) > 2 and not _blank(values[2]) else ""
        if not key:
            continue
        if again := _repeated(rows, key, number, ws.title, "C"):
            first, where = again
            problems.append(
                Problem(
                    "excel.duplicate_field",
                    {"field": key, "first": first},
                    file=display,
                    where=where,
                )
            )
            continue
        value = values[1] if len(values) > 1 else None
        if _blank(value):
            continue  # an empty cell is an absent field, as in YAML
        _put(data, key.split("."), _CONVERTERS[FIELD_KINDS.get(key, "text")](value))
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

        cells = {
            name: values[index] if index < len(values) else None for name, index in columns.items()
        }
        item_id = "" if _blank(cells["id"]) else _as_text(cells["id"])
        where = _sheet_ref(ws.title, f"{get_column_letter(columns['rating'] + 1)}{number}")
        filled = [
            name for name in ("rating", "reason", "note", "evidence") if not _blank(cells.get(name))
        ]
        if not item_id:
            if filled:
                warnings.append(
                    Problem("excel.row_without_id", file=display, where=where, severity="warning")
                )
            continue
        if again := _repeated(
            rows, item_id, number, ws.title, get_column_letter(columns["id"] + 1)
        ):
            first, at = again
            problems.append(
                Problem(
                    "excel.duplicate_id", {"id": item_id, "first": first}, file=display, where=at
                )
            )
            continue
        if "rating" not in filled:
            if filled:
                warnings.append(
                    Problem(
                        "excel.rating_missing",
                        {"id": item_id},
                        file=display,
                        where=where,
                        severity="warning",
                    )
                )
            continue  # blank rating: unanswered, like an empty value in YAML
        answers[item_id] = _answer(
            cells["rating"], cells.get("reason"), cells.get("note"), cells.get("evidence")
        )
    if columns is None:  # an empty sheet
        _has_key_columns({}, ws.title, display, problems)
        return {}, {}, {}
    letters = {name: get_column_letter(index + 1) for name, index in columns.items()}
    return answers, rows, letters


def _has_key_columns(
    columns: dict[str, int], title: str, display: str, problems: list[Problem]
) -> bool:
    missing = [key for key in ("id", "rating") if key not in columns]
    for key in missing:
        column = phrase(f"excel.column.{key}")
        problems.append(
            Problem(
                "excel.missing_column",
                {"column": column},
                file=display,
                where=_sheet_ref(title, "A1"),
            )
        )
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
    items = (
        []
        if _blank(evidence)
        else [part.strip() for part in re.split(r"[;；\n]", _as_text(evidence)) if part.strip()]
    )
    if items:
        long["evidence"] = items
    value = _rating(rating)
    return {"rating": value, **long} if long else value


__all__ = ["MAX_ROWS", "MAX_UNPACKED", "WorkbookDocument", "read_workbook"]
