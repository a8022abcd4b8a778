"""Batch scoring throughput against the floor of parsing the same files with CSafeLoader.

Generates N complete answer files (default 10,000) in a temporary directory, then measures in
one run: (1) the floor: read + `yaml.load(..., CSafeLoader)` of every file in one process;
(2) `maturity score DIR --format jsonl` with --jobs 1; (3) the same with --jobs 2. Prints
files/s, the ratio to the floor, the speed-up of two jobs, and the peak RSS of the largest
process. Run: .venv/bin/python benchmarks/batch_throughput.py [--files N] [--format jsonl]

With --portfolio (issue 15): in one run, `score DIR -o portfolio.csv` (the baseline), `score DIR -o
portfolio.xlsx` (goal: within 2x the CSV time) and `maturity portfolio DIR -o portfolio.pdf` and
`.html` (goal: under a minute), all with --jobs 2, each with the peak RSS of its largest process
(goal: 300 MiB).
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from maturity.questionnaire import Catalog
from maturity.schema.base import DEFAULT_PROFILE, EnterpriseType

RATINGS = ["full", "most", "partial", "none"]


def generate(directory: Path, count: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    questionnaire = Catalog().load("cmmm")
    ids = {
        kind: [(r.id, r.level) for r in questionnaire.applicable(DEFAULT_PROFILE[kind])]
        for kind in EnterpriseType
    }
    for n in range(count):
        kind = EnterpriseType.discrete if n % 3 else EnterpriseType.process
        skill = rng.uniform(0.5, 3.5)  # a latent level so that the population looks plausible
        lines = [
            "format: maturity-answers/1",
            'questionnaire: {id: cmmm, version: "1.0.0"}',
            f"organisation: {{name: 企业{n:05d}, type: {kind.value}, industry: 行业{n % 12}, "
            f"region: 地区{n % 9}, size: {['small', 'medium', 'large'][n % 3]}}}",
            "assessment: {date: 2026-10-01, target_level: 3}",
            "answers:",
        ]
        for req_id, level in ids[kind]:
            gap = level - skill
            rating = RATINGS[min(3, max(0, round(gap + rng.gauss(0, 0.7))))]
            lines.append(f"  {req_id}: {rating}")
        (directory / f"org-{n:05d}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


def floor(directory: Path) -> float:
    start = time.perf_counter()
    for path in sorted(directory.glob("*.yaml")):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def cli(directory: Path, jobs: int, fmt: str, out: Path) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of the largest process of one `maturity score` run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "maturity",
            "score",
            str(directory),
            "--format",
            fmt,
            "--jobs",
            str(jobs),
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if run.returncode != 0:
        raise SystemExit(f"maturity score failed ({run.returncode}): {run.stderr[-2000:]}")
    return elapsed, max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def timed(command: list[str]) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of the largest process of one maturity command: wait4 gives
    the child's own figures, so each run is measured alone (its workers are its children)."""
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: nobody reads until it ends
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "maturity", *command], stdout=subprocess.DEVNULL, stderr=errors
        )
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            text = errors.read().decode("utf-8", "replace")[-2000:]
            raise SystemExit(f"maturity {command[0]} failed ({child.returncode}): {text}")
    return elapsed, usage.ru_maxrss


def portfolio_scale(answers: Path, work: Path) -> None:
    """The issue-15 goals: the workbook within 2x CSV, the portfolio report under a minute."""
    runs = {
        "score -o portfolio.csv": ["score", str(answers), "-o", str(work / "p.csv")],
        "score -o portfolio.xlsx": ["score", str(answers), "-o", str(work / "p.xlsx")],
        "portfolio -o portfolio.pdf": ["portfolio", str(answers), "-o", str(work / "p.pdf")],
        "portfolio -o portfolio.html": ["portfolio", str(answers), "-o", str(work / "p.html")],
    }
    results = {name: timed([*args, "--jobs", "2"]) for name, args in runs.items()}
    base = results["score -o portfolio.csv"][0]
    for name, (elapsed, rss) in results.items():
        goal = (
            f"ratio to CSV {elapsed / base:.2f} (goal <= 2)"
            if name.startswith("score")
            else "goal < 60 s"
        )
        print(f"{name:28}: {elapsed:6.2f} s  peak RSS {rss / 1024:5.0f} MiB  {goal}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--format", default="jsonl", choices=["jsonl", "csv", "json", "xlsx"])
    parser.add_argument(
        "--portfolio", action="store_true", help="measure the issue-15 portfolio goals instead"
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="maturity-batch-"))
    try:
        answers = work / "answers"
        answers.mkdir()
        t0 = time.perf_counter()
        generate(answers, args.files)
        print(f"generated {args.files} answer files in {time.perf_counter() - t0:.1f} s")
        floor(answers)  # warm the page cache so both sides read from memory
        if args.portfolio:
            portfolio_scale(answers, work)
            return
        base = floor(answers)
        one, rss_one = cli(answers, 1, args.format, work / f"out1.{args.format}")
        two, rss_two = cli(answers, 2, args.format, work / f"out2.{args.format}")
        n = args.files
        print(f"floor (read + CSafeLoader) : {n / base:8.0f} files/s  {base:6.2f} s")
        print(
            f"maturity score --jobs 1    : {n / one:8.0f} files/s  {one:6.2f} s  ratio to "
            f"floor {one / base:.2f} (goal <= 1.5)"
        )
        print(
            f"maturity score --jobs 2    : {n / two:8.0f} files/s  {two:6.2f} s  speed-up "
            f"{one / two:.2f} (goal >= 1.6)"
        )
        print(f"peak RSS, largest process  : {max(rss_one, rss_two) / 1024:8.0f} MiB (goal <= 300)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
