"""Start-up cost: `maturity score` on one file against `python -c "import weasyprint"`, same run.

`maturity score` must not load WeasyPrint or pyHanko; the goal is well under half the time of
importing WeasyPrint alone. Run: .venv/bin/python benchmarks/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "cmmm-discrete-sample.yaml"


def median_s(command: list[str], runs: int) -> float:
    subprocess.run(command, check=True, capture_output=True)  # warm the file cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    script = (
        Path(sys.executable).parent / "maturity"
    )  # the installed console script, as users run it
    command = [str(script)] if script.exists() else [sys.executable, "-m", "maturity"]
    score = median_s(
        [*command, "score", str(SAMPLE), "--format", "json", "--lang", "en"], args.runs
    )
    weasy = median_s([sys.executable, "-c", "import weasyprint"], args.runs)
    heavy = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, maturity.cli, runpy; print(sorted(m for m in ('weasyprint', "
            "'pyhanko', 'openpyxl', 'jinja2') if m in sys.modules))",
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(f"maturity score (one file, JSON) : {score * 1000:6.0f} ms (median of {args.runs})")
    print(f"python -c 'import weasyprint'   : {weasy * 1000:6.0f} ms")
    print(f"ratio                           : {score / weasy:6.2f}  (goal: well under 0.5)")
    print(f"heavy modules loaded by the CLI : {heavy}")


if __name__ == "__main__":
    main()
