"""How scores are shown: a number on screen or paper never sits on the other side of a gate from
the verdict next to it (0.7979 is "not met", so it shows 0.79, never 0.80)."""

from __future__ import annotations

import math

# float sums such as 0.8+0.8+0.8 land a hair off; a gate is met within this margin. The scorer
# and the display share it, so a value counted as reaching a gate also shows as reaching it.
GATE_TOLERANCE = 1e-9
SHOWN_DIGITS = 2  # scores are shown with two decimals


def shown_score(value: float, digits: int = SHOWN_DIGITS) -> float:
    """The score as displayed: floored to the shown digits, so it never rounds up across a gate."""
    scale = 10.0**digits
    # + 0.0 turns -0.0 into 0.0, so nothing prints "-0.00"
    return math.floor((value + GATE_TOLERANCE) * scale) / scale + 0.0


def shortfall(gate: float, score: float, digits: int = SHOWN_DIGITS) -> float:
    """How far a score is short of a gate, as displayed: 0 when the scorer counts the gate as met,
    otherwise rounded up, so a gate not met is never "0.00 short". Shown score plus shortfall
    adds up to the gate on paper."""
    if score + GATE_TOLERANCE >= gate:
        return 0.0
    scale = 10.0**digits
    return math.ceil((gate - score - GATE_TOLERANCE) * scale) / scale


def fmt_score(value: float | None) -> str:
    """A score with two decimals (floored, see shown_score); a level with nothing to score shows a
    dash."""
    return "–" if value is None else f"{shown_score(value):.{SHOWN_DIGITS}f}"


def shown_change(before: float | None, after: float | None) -> float | None:
    """A change between two scores as displayed: the difference of the shown values, so that
    "4.80 → 2.66 (-2.14)" adds up on paper; None when either side has no score."""
    if before is None or after is None:
        return None
    return round(shown_score(after) - shown_score(before), SHOWN_DIGITS) + 0.0


def shown_average(value: float, digits: int = SHOWN_DIGITS) -> float:
    """An average over several organisations as displayed: rounded half up, as a reader checking
    by hand rounds (1.9467 shows 1.95). An average is compared with no gate; a score is, and
    shown_score floors it."""
    scale = 10.0**digits
    return math.floor(round(value * scale, 6) + 0.5) / scale + 0.0


def fmt_average(value: float | None) -> str:
    """An average with two decimals, rounded half up; a dash when there is none."""
    return "–" if value is None else f"{shown_average(value):.{SHOWN_DIGITS}f}"
