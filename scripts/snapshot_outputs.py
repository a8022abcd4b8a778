"""Save what every command shows and writes, to prove that a refactor changes nothing visible.

    .venv/bin/python scripts/snapshot_outputs.py --inputs DIR --out OUT

The first run with an empty --inputs generates the inputs there (the bundled samples, a few
hundred generated answer files, one answer workbook, one signed report) and keeps them, so that
later runs read the very same files. OUT receives one text file per command: exit code, stdout and
stderr, and the files the command wrote (xlsx as cell values, types and formats; PDFs are not
compared, their HTML is). Today's date is replaced by <TODAY>. Compare two runs with `diff -r`.
Not part of `make test`: it takes a few minutes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
MATURITY = [sys.executable, "-m", "maturity"]
RATINGS = ["full", "most", "partial", "none"]
NOTES = [
    "只在一号车间",
    "ERP 与 MES 已打通",
    '=HYPERLINK("http://x")',
    "a|b *c* [d](e)",
    "\x1b[31mred",
]


def generate(inputs: Path, count: int) -> None:
    """Answer files with every feature the formats have: both types, na, blanks, notes, evidence."""
    from maturity.questionnaire import Catalog
    from maturity.schema.base import EnterpriseType

    rng = random.Random(39117)
    questionnaire = Catalog().load("cmmm")
    many = inputs / "many"
    many.mkdir(parents=True)
    for n in range(count):
        kind = EnterpriseType.process if n % 3 == 0 else EnterpriseType.discrete
        skill = rng.uniform(0.3, 4.2)
        answers: dict[str, object] = {}
        for requirement in questionnaire.applicable(kind):
            roll = rng.random()
            rating = RATINGS[min(3, max(0, round(requirement.level - skill + rng.gauss(0, 0.7))))]
            if roll < 0.03:
                answers[requirement.id] = {"rating": "na", "reason": "不涉及此业务"}
            elif roll < 0.05:
                answers[requirement.id] = None
            elif roll < 0.08:
                answers[requirement.id] = {
                    "rating": rating,
                    "note": rng.choice(NOTES),
                    "evidence": ["记录.pdf"],
                }
            else:
                answers[requirement.id] = rating
        doc = {
            "format": "maturity-answers/1",
            "questionnaire": {"id": "cmmm", "version": questionnaire.version},
            "organisation": {
                # several assessments per organisation: trend, benchmark
                "name": f"企业{n % 60:03d}",
                "type": kind.value,
                "industry": ["通用设备制造", "食品制造", "汽车零部件", "化学原料"][n % 4],
                "region": ["江苏", "浙江", "广东"][n % 3],
                "size": ["small", "medium", "large"][n % 3],
            },
            "assessment": {
                "date": (dt.date(2024, 1, 1) + dt.timedelta(days=n)).isoformat(),
                "target_level": 1 + n % 5,
            },
            "priorities": rng.sample(["quality", "delivery", "cost", "energy", "safety"], 2),
            "answers": answers,
        }
        (many / f"org-{n:03d}.yaml").write_text(
            yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    for sample in sorted((REPO / "examples").glob("*.yaml")):
        shutil.copy(sample, inputs / sample.name)
    (inputs / "bad.yaml").write_text(
        "format: maturity-answers/1\nanswers:\n  strategy.1.01: excellent\n", encoding="utf-8"
    )


def prepare(inputs: Path) -> None:
    """Inputs made by the tool itself: a filled workbook and a signed report (made once, then
    kept)."""
    sample = inputs / "cmmm-discrete-sample.yaml"
    env = {**os.environ, "MATURITY_P12_PASSWORD": "snapshot passphrase"}
    run_checked(["template", "quick", "-o", str(inputs / "quick-blank.xlsx")], env)
    run_checked(["keygen", "-o", str(inputs / "assessor.p12"), "--name", "Snapshot Assessor"], env)
    run_checked(
        [
            "report",
            str(sample),
            "-o",
            str(inputs / "signed.pdf"),
            "--sign",
            "--p12",
            str(inputs / "assessor.p12"),
            "--allow-missing-evidence",  # the sample names evidence files it does not ship
        ],
        env,
    )


def run_checked(args: list[str], env: dict[str, str]) -> None:
    subprocess.run([*MATURITY, *args], env=env, check=True, capture_output=True)


def commands(inputs: Path, out: Path) -> dict[str, list[str]]:
    """Name -> arguments; outputs named {out}/name.ext are captured after the run."""
    many = str(inputs / "many")
    samples = sorted(str(p) for p in inputs.glob("cmmm-*.yaml"))
    org = [
        str(p)
        for p in sorted((inputs / "many").glob("org-*.yaml"))
        if p.name.endswith(("000.yaml", "060.yaml", "120.yaml"))
    ]
    cmds: dict[str, list[str]] = {
        "questionnaires": ["questionnaires"],
        "show-cmmm": ["show", "cmmm"],
        "show-quick-en": ["show", "quick", "--lang", "en"],
        "schema-answers": ["schema", "answers"],
        "schema-result": ["schema", "result"],
        "template-yaml": [
            "template",
            "cmmm",
            "--type",
            "process",
            "-o",
            f"{out}/template-yaml.yaml",
        ],
        "template-xlsx": ["template", "cmmm", "--lang", "en", "-o", f"{out}/template-xlsx.xlsx"],
        "validate-many": [
            "validate",
            *[str(p) for p in sorted((inputs / "many").glob("org-00*.yaml"))],
        ],
        "validate-bad": ["validate", str(inputs / "bad.yaml")],
        "score-bad": ["score", str(inputs / "bad.yaml")],
        "batch-table": ["score", many, "--jobs", "2"],
        "batch-csv": ["score", many, "-f", "csv", "-o", f"{out}/batch-csv.csv"],
        "batch-jsonl": [
            "score",
            many,
            "-f",
            "jsonl",
            "-o",
            f"{out}/batch-jsonl.jsonl",
            "--jobs",
            "1",
        ],
        "batch-xlsx": ["score", many, "-f", "xlsx", "-o", f"{out}/batch-xlsx.xlsx", "--lang", "en"],
        "compare": ["compare", org[0], org[1]],
        "trend": ["trend", *org],
        "benchmark-industry": ["benchmark", many, "--by", "industry", "--org", org[0]],
        "benchmark-all-json": ["benchmark", many, "--by", "all", "-f", "json"],
        "verify": ["verify", str(inputs / "signed.pdf"), "--trust", str(inputs / "assessor.pem")],
        "verify-untrusted-zh": ["verify", str(inputs / "signed.pdf"), "--lang", "zh"],
        "quick-xlsx": ["score", str(inputs / "quick-blank.xlsx")],
    }
    for path in [*samples, *[str(p) for p in sorted((inputs / "many").glob("org-0[0-2]*.yaml"))]]:
        stem = Path(path).stem
        cmds[f"score-{stem}-zh"] = ["score", path, "--lang", "zh"]
        cmds[f"score-{stem}-json"] = ["score", path, "-f", "json"]
    for path in samples + org[:1]:
        stem = Path(path).stem
        for lang in ("zh", "en", "bilingual"):
            cmds[f"report-{stem}-{lang}-html"] = [
                "report",
                path,
                "--lang",
                lang,
                "-o",
                f"{out}/report-{stem}-{lang}-html.html",
            ]
        cmds[f"report-{stem}-md"] = [
            "report",
            path,
            "-o",
            f"{out}/report-{stem}-md.md",
            "--previous",
            org[1],
        ]
    return cmds


def capture(name: str, args: list[str], out: Path) -> None:
    env = {**os.environ, "MATURITY_CACHE_DIR": "off", "COLUMNS": "120", "MATURITY_LANG": "en"}
    done = subprocess.run(
        [*MATURITY, *args], check=False, env=env, capture_output=True, timeout=600
    )
    text = (
        f"$ maturity {' '.join(args)}\nexit {done.returncode}\n--- "
        f"stdout\n{done.stdout.decode()}\n--- stderr\n{done.stderr.decode()}\n"
    )
    for written in sorted(out.glob(f"{name}.*")):
        if written.suffix == ".xlsx":
            text += f"--- {written.name}\n{dump_xlsx(written)}"
            written.unlink()
        elif written.suffix != ".txt":
            text += f"--- {written.name}\n{written.read_text(encoding='utf-8')}"
            written.unlink()
    today = dt.date.today()
    for form in (
        today.isoformat(),
        f"{today.year}年{today.month}月{today.day}日",
        today.strftime("%d %B %Y"),
        today.strftime("%B %-d, %Y"),
    ):
        text = text.replace(form, "<TODAY>")
    (out / f"{name}.txt").write_text(text.replace(str(out), "<OUT>"), encoding="utf-8")


def dump_xlsx(path: Path) -> str:
    from openpyxl import load_workbook

    book = load_workbook(path)
    lines = []
    for sheet in book.worksheets:
        lines.append(f"[{sheet.title}] freeze={sheet.freeze_panes} filter={sheet.auto_filter.ref}")
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    lines.append(
                        f"{cell.coordinate} {cell.data_type} {cell.number_format!r} {cell.value!r}"
                    )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--files", type=int, default=300)
    args = parser.parse_args()
    if not (args.inputs / "many").exists():
        generate(args.inputs, args.files)
        prepare(args.inputs)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, cmd in commands(args.inputs.resolve(), args.out.resolve()).items():
        capture(name, cmd, args.out.resolve())
    print(f"{len(list(args.out.glob('*.txt')))} outputs in {args.out}")


if __name__ == "__main__":
    main()
