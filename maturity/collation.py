"""Clients in the order a reader looks them up: Chinese names by pinyin (常州, 嘉兴, 南通, 宁波,
苏州, 无锡; code-point order puts 南 before 嘉 and 宁 before 常), other names case-blind; or by
level or industry, each then by name. pypinyin is imported only when a Chinese list is sorted
(its dictionary takes a quarter of a second to load)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from maturity.i18n import Lang

T = TypeVar("T")


class ClientOrder(StrEnum):
    """``--sort``: name; level (highest first); industry."""

    name = "name"
    level = "level"
    industry = "industry"


def name_key(text: str, lang: Lang) -> tuple[str, str]:
    """The key of a name: its pinyin for a Chinese reader, else the name case-blind; the name
    itself breaks ties (two names spelt alike in pinyin)."""
    if lang == "zh":
        from pypinyin import lazy_pinyin

        return " ".join(lazy_pinyin(text)).casefold(), text
    return text.casefold(), text


def sort_rows(
    rows: Iterable[Mapping[str, Any]], order: ClientOrder, lang: Lang
) -> list[Mapping[str, Any]]:
    """Summary rows (maturity.batch.summary_row) in ``order``."""
    return sort_by(rows, order, lang, lambda row: row)


def sort_by(
    items: Iterable[T], order: ClientOrder, lang: Lang, row_of: Callable[[T], Mapping[str, Any]]
) -> list[T]:
    """Items in ``order`` of the summary row each stands for."""

    def key(item: T) -> tuple[Any, ...]:
        row = row_of(item)
        name = name_key(str(row.get("organisation") or ""), lang)
        if order is ClientOrder.level:
            return (-int(row.get("level") or 0), name)
        if order is ClientOrder.industry:
            return (name_key(str(row.get("industry") or ""), lang), name)
        return (name,)

    return sorted(items, key=key)
