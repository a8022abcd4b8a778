"""Charts as SVG, drawn by the project (no plotting library): a radar and horizontal bars.

Every label is escaped; the output is a self-contained ``<svg>`` element for the HTML report.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from maturity.numbers import fmt_score

FONT = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif"
CURRENT = "#1f6feb"
TARGET = "#d1242f"
GRID = "#c9d1d9"


@dataclass(frozen=True)
class Spoke:
    label: str
    sublabel: str  # second line (English in a bilingual report), may be empty
    value: float  # 0-5
    target: float  # 0-5


def _fmt(x: float) -> str:
    return f"{x:.1f}"


def radar(spokes: Sequence[Spoke], title: str, legend: tuple[str, str], size: int = 560) -> Markup:
    """A radar chart: one spoke per sub-domain, rings for levels 1-5, current and target
    polygons."""
    cx = cy = size / 2
    radius = size * 0.30
    n = len(spokes)
    pad = 110  # room for long English labels left and right of the circle
    # the box ends just outside the labels and the legend: no empty bands above and below the
    # circle, so the chart fits a one-page dashboard at a readable width
    top, legend_y = cy - radius - 40, cy + radius + 48
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{-pad} {_fmt(top)} {size + 2 * pad} '
        f'{_fmt(legend_y + 14 - top)}" class="chart radar" role="img" font-family="{FONT}">'
    ]
    parts.append(f"<title>{escape(title)}</title>")

    def point(index: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * index / n
        r = radius * value / 5
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    for ring in range(1, 6):
        ring_points = " ".join(
            f"{_fmt(x)},{_fmt(y)}" for x, y in (point(i, ring) for i in range(n))
        )
        parts.append(
            f'<polygon points="{ring_points}" fill="none" stroke="{GRID}" stroke-width="0.8"/>'
        )
        x, y = point(0, ring)
        parts.append(
            f'<text x="{_fmt(x + 3)}" y="{_fmt(y - 2)}" font-size="9" fill="#57606a">{ring}</text>'
        )
    for i in range(n):
        x, y = point(i, 5)
        parts.append(
            f'<line x1="{_fmt(cx)}" y1="{_fmt(cy)}" x2="{_fmt(x)}" y2="{_fmt(y)}" '
            f'stroke="{GRID}" stroke-width="0.6"/>'
        )
    for values, colour, opacity in (
        ([s.target for s in spokes], TARGET, "0.08"),
        ([s.value for s in spokes], CURRENT, "0.25"),
    ):
        poly = " ".join(
            f"{_fmt(x)},{_fmt(y)}" for x, y in (point(i, v) for i, v in enumerate(values))
        )
        parts.append(
            f'<polygon points="{poly}" fill="{colour}" fill-opacity="{opacity}" '
            f'stroke="{colour}" stroke-width="1.6"/>'
        )
    # the target is named in the legend only: a label on the ring covered that ring's tick
    parts += _radar_labels(spokes, cx, cy, radius)
    parts += _radar_legend(cx, legend_y, legend)
    parts.append("</svg>")
    return Markup("".join(parts))


def _radar_labels(spokes: Sequence[Spoke], cx: float, cy: float, radius: float) -> list[str]:
    """Each sub-domain's name just outside the circle, anchored away from it."""
    n = len(spokes)
    parts: list[str] = []
    for i, spoke in enumerate(spokes):
        angle = -math.pi / 2 + 2 * math.pi * i / n
        lx, ly = cx + (radius + 16) * math.cos(angle), cy + (radius + 16) * math.sin(angle)
        anchor = (
            "middle" if abs(math.cos(angle)) < 0.05 else "start" if math.cos(angle) > 0 else "end"
        )
        dy = 4 if abs(math.sin(angle)) < 0.9 else (10 if math.sin(angle) > 0 else -4)
        # Chinese names are short and need the size to be read in print; English ones are long
        # and would run into their neighbours at the top of the circle
        size = 11 if spoke.label.isascii() else 13
        parts.append(
            f'<text x="{_fmt(lx)}" y="{_fmt(ly + dy)}" font-size="{size}" '
            f'text-anchor="{anchor}" fill="#24292f">{escape(spoke.label)}</text>'
        )
        if spoke.sublabel:
            parts.append(
                f'<text x="{_fmt(lx)}" y="{_fmt(ly + dy + 12)}" font-size="9.5" '
                f'text-anchor="{anchor}" fill="#57606a">{escape(spoke.sublabel)}</text>'
            )
    return parts


def _radar_legend(cx: float, ly: float, legend: tuple[str, str]) -> list[str]:
    """Current and target, under the chart."""
    return [
        f'<rect x="{_fmt(cx - 120)}" y="{_fmt(ly)}" width="12" height="8" fill="{CURRENT}"/>',
        f'<text x="{_fmt(cx - 104)}" y="{_fmt(ly + 8)}" font-size="11">{escape(legend[0])}</text>',
        f'<rect x="{_fmt(cx + 20)}" y="{_fmt(ly)}" width="12" height="8" fill="{TARGET}" '
        'fill-opacity="0.5"/>',
        f'<text x="{_fmt(cx + 36)}" y="{_fmt(ly + 8)}" font-size="11">{escape(legend[1])}</text>',
    ]


@dataclass(frozen=True)
class Bar:
    label: str
    value: float  # 0-5
    level: int


def bars(items: Sequence[Bar], title: str, target: float | None, width: int = 560) -> Markup:
    """Horizontal bars on a 0-5 scale with a dashed line at the target level."""
    left, right, row = 150, 40, 34
    height = 30 + row * len(items) + 24
    scale = (width - left - right) / 5
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="chart bars" role="img" font-family="{FONT}">'
    ]
    parts.append(f"<title>{escape(title)}</title>")
    for tick in range(6):
        x = left + tick * scale
        parts.append(
            f'<line x1="{_fmt(x)}" y1="20" x2="{_fmt(x)}" y2="{height - 22}" '
            f'stroke="{GRID}" stroke-width="0.6"/>'
        )
        parts.append(
            f'<text x="{_fmt(x)}" y="{height - 8}" font-size="10" text-anchor="middle" '
            f'fill="#57606a">{tick}</text>'
        )
    for i, item in enumerate(items):
        y = 26 + i * row
        parts.append(
            f'<text x="{left - 8}" y="{y + 15}" font-size="12" text-anchor="end" '
            f'fill="#24292f">{escape(item.label)}</text>'
        )
        parts.append(
            f'<rect x="{left}" y="{y}" width="{_fmt(max(item.value, 0) * scale)}" '
            f'height="20" fill="{CURRENT}" fill-opacity="0.8"/>'
        )
        parts.append(
            f'<text x="{_fmt(left + item.value * scale + 4)}" y="{y + 15}" font-size="11" '
            f'fill="#24292f">{fmt_score(item.value)}</text>'
        )
    if target is not None:
        x = left + target * scale
        parts.append(
            f'<line x1="{_fmt(x)}" y1="16" x2="{_fmt(x)}" y2="{height - 22}" '
            f'stroke="{TARGET}" stroke-width="1.5" stroke-dasharray="5,3"/>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(frozen=True)
class GanttRow:
    label: str
    first: int  # index of the first quarter it runs in
    count: int  # quarters it runs
    phase: int


PHASE_COLOURS = ("#1f6feb", "#2da44e", "#bf8700", "#cf222e", "#8250df")
RESERVE_COLOUR = "#a0a0a0"  # phase 0: reserve projects, after the roadmap and not committed


def gantt(
    rows: Sequence[GanttRow], quarters: Sequence[str], title: str, width: int = 640
) -> Markup:
    """The roadmap: quarters across, projects down, a bar per project in its phase's colour.
    A label may have a second line ("\\n"); the label column widens to fit (up to 45%) so that
    English and bilingual labels are not cut off."""
    lines = [item.label.split("\n", 1) for item in rows]
    if all(_text_width(" · ".join(label), 10) + 12 <= width * 0.45 for label in lines):
        lines = [[" · ".join(label)] for label in lines]  # one line each when all fit
    needed = max((_text_width(t, 10) for label in lines for t in label), default=0.0)
    left = round(min(max(190.0, needed + 12), width * 0.45))
    two = any(len(label) > 1 for label in lines)
    top, row = 24, 30 if two else 20
    height = top + row * len(rows) + 8
    step = (width - left - 10) / max(len(quarters), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'class="chart gantt" role="img" font-family="{FONT}">',
        f"<title>{escape(title)}</title>",
    ]
    parts += _quarter_ticks(quarters, left, step, top, height)
    for i, (item, label) in enumerate(zip(rows, lines, strict=True)):
        y = top + i * row
        colour = (
            PHASE_COLOURS[(item.phase - 1) % len(PHASE_COLOURS)] if item.phase else RESERVE_COLOUR
        )
        parts.append(
            f'<text x="{left - 6}" y="{y + 13}" font-size="10" text-anchor="end" '
            f'fill="#24292f">{escape(_fit(label[0], 10, left - 10))}</text>'
        )
        if len(label) > 1:
            parts.append(
                f'<text x="{left - 6}" y="{y + 25}" font-size="9" text-anchor="end" '
                f'fill="#57606a">{escape(_fit(label[1], 9, left - 10))}</text>'
            )
        parts.append(
            f'<rect x="{_fmt(left + item.first * step + 1)}" y="{y + 3}" '
            f'width="{_fmt(item.count * step - 2)}" height="{row - 6}" fill="{colour}" '
            f'fill-opacity="0.8"/>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _quarter_ticks(
    quarters: Sequence[str], left: float, step: float, top: int, height: int
) -> list[str]:
    parts = []
    crowded = step < 40  # too narrow for "2027 Q1": the year only, at its first quarter
    for i, quarter in enumerate(quarters):
        x = left + i * step
        parts.append(
            f'<line x1="{_fmt(x)}" y1="{top - 4}" x2="{_fmt(x)}" y2="{height - 4}" '
            f'stroke="{GRID}" stroke-width="{1.2 if quarter.endswith("Q1") else 0.6}"/>'
        )
        if crowded and (i == 0 or quarter.endswith("Q1")):
            parts.append(
                f'<text x="{_fmt(x + 2)}" y="{top - 8}" font-size="9" fill="#57606a">'
                f"{escape(quarter.split()[0])}</text>"
            )
        elif not crowded:
            parts.append(
                f'<text x="{_fmt(x + step / 2)}" y="{top - 8}" font-size="9" '
                f'text-anchor="middle" fill="#57606a">{escape(quarter)}</text>'
            )
    return parts


def _text_width(text: str, size: float) -> float:
    """A label's width in SVG units, estimated: CJK glyphs are square, Latin ones about half."""
    return sum(size if ord(c) >= 0x2E80 else size * 0.56 for c in text)


def _fit(text: str, size: float, room: float) -> str:
    """The label, shortened with an ellipsis only when it is wider than the label column."""
    if _text_width(text, size) <= room:
        return text
    while text and _text_width(text + "…", size) > room:
        text = text[:-1]
    return text + "…"
