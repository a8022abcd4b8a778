"""Report rendering speed: the whole `maturity report` pipeline vs WeasyPrint alone on the same
HTML.

Both are measured in this one process, after a warm-up, on the bundled sample; the ratio is what
matters (goal: at most 1.3). Run: .venv/bin/python benchmarks/report_render.py [--runs N] [--lang
zh]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from pathlib import Path

from maturity.assessment import Assessor
from maturity.cli import environment
from maturity.questionnaire import Catalog
from maturity.report import ReportFormat, ReportInput
from maturity.report.pdf import locked_fetcher
from maturity.report.render import html, prepare, render_report

SAMPLE = Path(__file__).resolve().parent.parent / "examples" / "cmmm-discrete-sample.yaml"


def full_pipeline(lang: str) -> bytes:
    # as `maturity report` runs: a fresh process, with the CLI's questionnaire cache
    loaded, rules, result = Assessor(Catalog(cache_dir=environment.cache_dir())).assess(SAMPLE)
    data = ReportInput(result, loaded.questionnaire, loaded.answers, rules.rules)
    return render_report(data, ReportFormat.pdf, lang)  # type: ignore[arg-type]


def timed(fn: object, runs: int) -> list[float]:
    assert callable(fn)
    out = []
    for _ in range(runs):
        # start each run with the same heap, so one side does not pay for the other's garbage
        gc.collect()
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--lang", default="zh", choices=["zh", "en", "bilingual"])
    args = parser.parse_args()

    import weasyprint

    loaded, rules, result = Assessor(Catalog()).assess(SAMPLE)
    data = ReportInput(result, loaded.questionnaire, loaded.answers, rules.rules)
    view, translator, dirs = prepare(data, args.lang)  # type: ignore[arg-type]
    page = html(view, translator, dirs)

    def weasyprint_alone() -> bytes:
        return bytes(
            weasyprint.HTML(
                string=page, base_url=str(dirs[0]) + "/", url_fetcher=locked_fetcher(dirs)
            ).write_pdf()
        )

    # warm-up: fonts, caches, imports
    full_pipeline(args.lang)
    weasyprint_alone()
    ours: list[float] = []
    base: list[float] = []
    for _ in range(args.runs):  # interleaved so that machine noise hits both alike
        ours += timed(lambda: full_pipeline(args.lang), 1)
        base += timed(weasyprint_alone, 1)
    m_ours, m_base = statistics.median(ours), statistics.median(base)
    print(f"sample report ({args.lang}), {args.runs} runs each, medians")
    print(f"  WeasyPrint alone on the same HTML : {m_base * 1000:8.1f} ms")
    print(
        f"  maturity report pipeline         : {m_ours * 1000:8.1f} ms (load, score, "
        "plan, HTML, PDF)"
    )
    print(f"  ratio                            : {m_ours / m_base:8.2f}  (goal <= 1.3)")


if __name__ == "__main__":
    main()
