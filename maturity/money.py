"""Indicative money ranges, written one way everywhere (plan exports, report, workbook): the
bounds are in 万元 (10,000 RMB), as the cost bands are.

Chinese: "10–50 万元", "<10 万元" (a range from nothing is an upper bound), "300 万元以上".
English: "RMB 0.1–0.5 million", "under RMB 0.1 million", "RMB 3 million or more" (a reader of
English counts in millions, not in units of 10,000)."""

from __future__ import annotations

from collections.abc import Callable

from maturity.i18n import bilingual
from maturity.schema.base import LANGS, Lang, Text

Bounds = tuple[int, int | None]


def money(bounds: Bounds, lang: Lang) -> str:
    """A range of 万元 in the reader's language, with its unit."""
    return money_text(bounds).get(lang)


def money_text(bounds: Bounds) -> Text:
    """The same range in both languages, to fill into a bilingual label."""
    low, high = bounds
    if high is None:
        key, params = "money.open", {"low": low}
    elif low == 0:
        key, params = "money.under", {"high": high}
    elif low == high:
        key, params = "money.one", {"low": low}
    else:
        key, params = "money.range", {"low": low, "high": high}
    zh, en = bilingual(key).zh, bilingual(key).en
    filled = (zh.format(**params), en.format(**{k: _million(v) for k, v in params.items()}))
    return Text(**dict(zip(LANGS, filled, strict=True)))


def _million(wan: int) -> str:
    """万元 as millions of RMB, without trailing zeros: 10 -> 0.1, 1560 -> 15.6, 5 -> 0.05."""
    return f"{wan / 100:.2f}".rstrip("0").rstrip(".")


def figures(bounds: Bounds) -> Text:
    """The range as bare figures, for a column whose heading names the unit: "<10", "10–50",
    "≥ 400" (万元) and "<0.1", "0.1–0.5", "≥ 4" (RMB million); a range from nothing is an upper
    bound here too, never "0–10"."""
    low, high = bounds

    def side(unit: Callable[[int], str]) -> str:
        if high is None:
            return f"≥ {unit(low)}"
        if low == 0:
            return f"<{unit(high)}"
        return unit(low) if low == high else f"{unit(low)}–{unit(high)}"

    return Text(**dict(zip(LANGS, (side(str), side(_million)), strict=True)))
