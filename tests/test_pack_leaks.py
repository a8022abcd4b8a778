"""The portfolio pack's last leaks (review r4-pack2): the client edition's bands from exact values,
no sub-domain averages in a shareable workbook, and ``benchmark`` with the shareable editions'
level rules."""

from __future__ import annotations

from typing import Any

from maturity.editions import Request, edition
from maturity.portfolio import Audience
from maturity.report.edition import edition_view

# the reviewer's cases: 17 clients, the client's score beside a quartile that rounds onto it
OTHERS = {
    # Q1 is 1.68 (shown 1.6); the client's 1.58 is below it
    "a": [1.0, 1.2, 1.5, 1.68, 1.7, 1.8, 1.9, 2.0, 2.1, 2.2, 2.3, 2.4, 2.5, 2.6, 2.7, 2.8],
    # the median is 1.65 (shown 1.6); the client's 1.61 is below it
    "b": [1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.55, 1.65, 1.7, 1.8, 1.9, 2.0, 2.1, 2.2, 2.3, 2.4],
    # Q3 is 2.78 (shown 2.8); the client's 2.83 is above it
    "c": [1.0, 1.2, 1.4, 1.6, 1.8, 2.0, 2.1, 2.2, 2.3, 2.4, 2.5, 2.6, 2.78, 2.9, 3.0, 3.1],
}
CLIENT = {"a": 1.58, "b": 1.61, "c": 2.83}


def _row(i: int, scores: dict[str, float]) -> dict[str, Any]:
    row: dict[str, Any] = {
        "file": f"c{i}.yaml",
        "organisation": f"Client {i}",
        "date": "2026-09-12",
        "level": 2,
        "score": 2.0,
    }
    return row | {f"{sub}.score": value for sub, value in scores.items()}


def _portfolio() -> list[dict[str, Any]]:
    others = [_row(i + 1, {s: OTHERS[s][i] for s in OTHERS}) for i in range(16)]
    return [_row(0, CLIENT), *others]


def test_the_client_band_comes_from_exact_scores_and_quartiles() -> None:
    ed = edition(_portfolio(), Request(Audience.client, org="Client 0"))
    rows = {r.item: r for r in edition_view(ed, {}, "en").client_rows}
    assert (rows["a"].own, rows["a"].quartiles, rows["a"].band) == (
        "1.58",
        "1.6 / 2.0 / 2.4",
        "below Q1",
    )
    assert (rows["b"].own, rows["b"].band) == ("1.61", "Q1 to median")
    assert (rows["c"].own, rows["c"].quartiles, rows["c"].band) == (
        "2.83",
        "1.8 / 2.4 / 2.8",
        "above Q3",
    )
    zh = {r.item: r.band for r in edition_view(ed, {}, "zh").client_rows}
    assert zh["a"] == "低于下四分位数"
    summary = edition_view(ed, {}, "en").client_summary
    assert "Bands are worked out from the exact scores and quartiles" in summary
