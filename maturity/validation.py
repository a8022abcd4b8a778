"""Turn pydantic validation errors into located, bilingual problems."""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from maturity.errors import Problem
from maturity.i18n import phrase
from maturity.schema.base import LANGS, RULE_ERROR
from maturity.yamlio import SourceDocument

# pydantic error type -> Chinese rendering; English uses pydantic's own message.
_ZH_DETAIL: dict[str, str] = {
    "literal_error": "应为 {expected} 之一",
    "enum": "应为 {expected} 之一",
    "string_type": "应为文本",
    "string_too_short": "不能为空",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "bool_type": "应为 true 或 false",
    "greater_than_equal": "应不小于 {ge}",
    "less_than_equal": "应不大于 {le}",
    "greater_than": "应大于 {gt}",
    "less_than": "应小于 {lt}",
    "date_type": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "dict_type": "应为“键: 值”映射",
    "model_type": "应为“键: 值”映射",
    "list_type": "应为列表",
    "tuple_type": "应为列表",
    "too_short": "条目太少（至少 {min_length} 个）",
    "too_long": "条目太多（最多 {max_length} 个）",
    "string_pattern_mismatch": "格式不对（应匹配 {pattern}）",
}


def dotted(loc: Sequence[object]) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "/"  # the document itself


_BRANCH_NAMES = {
    "int",
    "str",
    "float",
    "bool",
    "constrained-int",
    "constrained-str",
    "date",
    "datetime",
}
_BRANCH_PREFIXES = (
    "literal[",
    "function-",
    "constrained-",
    "lax-",
    "json-or-python[",
    "tagged-union[",
    "union[",
    "nullable[",
)


def _is_branch(part: str, previous: object) -> bool:
    # pydantic inserts union branch names into ``loc``; a real field never follows a field
    # whose value was a union, so only names from pydantic's vocabulary are dropped.
    return (
        part in _BRANCH_NAMES and previous in ("rating", "employees", "target_level")
    ) or part.startswith(_BRANCH_PREFIXES)


def _clean_loc(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    out: list[int | str] = []
    for part in loc:
        if isinstance(part, str) and _is_branch(part, out[-1] if out else None):
            continue
        out.append(part)
    return tuple(out)


def _detail(kind: str, err: ErrorDetails) -> object:
    """What is wrong with a value: our own model rules are catalogue keys; pydantic's own errors are
    its English message, translated to Chinese here (English when there is no translation)."""
    ctx = dict(err.get("ctx") or {})
    if kind == RULE_ERROR:
        return phrase(str(ctx["key"]))
    if isinstance(ctx.get("expected"), str):
        ctx["expected"] = ctx["expected"].replace(" or ", "、").replace(", ", "、")
    detail_en = str(err["msg"])
    if kind == "value_error":
        detail_en = detail_en.removeprefix("Value error, ")
    detail_zh = _ZH_DETAIL.get(kind, "").format(**ctx) or detail_en
    return dict(zip(LANGS, (detail_zh, detail_en), strict=True))


def schema_problems(
    doc: SourceDocument, exc: ValidationError | list[ErrorDetails], prefix: Sequence[object] = ()
) -> list[Problem]:
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    errors = exc.errors(include_url=False) if isinstance(exc, ValidationError) else exc
    for err in errors:
        loc = tuple(prefix) + _clean_loc(err["loc"])
        field = dotted(loc)
        kind = err["type"]
        params: dict[str, object]
        if kind == "missing":
            key, params = "schema.missing", {"field": field}
        elif kind == "extra_forbidden":
            key, params = "schema.extra", {"field": field}
        else:
            key, params = "schema.invalid", {"field": field, "detail": _detail(kind, err)}
        # unions report once per branch: keep one message per field and kind
        if (field, key) in seen:
            continue
        seen.add((field, key))
        problems.append(doc.problem(key, loc, **params))
    return problems
