"""How much of each page of a PDF is used, measured on pixels (test helper).

Pages are rendered with ``pdftoppm -r 30 -gray`` (one byte per pixel, PGM). The *printable area*
is the page minus the report's @page margins (20 mm top, 17 mm sides, 22 mm bottom), so the
running header and the page number do not count. A pixel is *inked* when it is darker than 250
of 255 (anti-aliased text at 30 dpi is grey, not black). Two measures per page:

- ``ink``: the share of inked pixels in the printable area;
- ``filled``: the share of the printable area's pixel rows that hold any ink, i.e. how much of
  the page's height is used: a page with one short table at the top is barely filled whatever
  the table's density.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

DPI = 30
MARGINS_MM = (20.0, 17.0, 22.0, 17.0)  # top, right, bottom, left: report.css @page
WHITE = 250


@dataclass(frozen=True)
class PageInk:
    number: int
    ink: float
    filled: float


def _read_pgm(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:  # magic, width, height, maxval; separated by whitespace
        while data[pos : pos + 1].isspace():
            pos += 1
        end = pos
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b"P5", fields[0]
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[pos + 1 : pos + 1 + width * height]


def page_ink(pdf: Path) -> list[PageInk]:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["pdftoppm", "-r", str(DPI), "-gray", str(pdf), f"{tmp}/p"], check=True, timeout=120
        )
        pages = sorted(Path(tmp).glob("p-*.pgm"), key=lambda p: int(p.stem.split("-")[-1]))
        return [_measure(i, path) for i, path in enumerate(pages, start=1)]


def _measure(number: int, path: Path) -> PageInk:
    width, height, pixels = _read_pgm(path)
    top, right, bottom, left = (round(mm / 25.4 * DPI) for mm in MARGINS_MM)
    rows = [
        pixels[y * width + left : y * width + width - right] for y in range(top, height - bottom)
    ]
    inked = [sum(1 for v in row if v < WHITE) for row in rows]
    area = len(rows) * (width - left - right)
    return PageInk(number, sum(inked) / area, sum(1 for n in inked if n) / len(rows))
