"""The one catalogue of user-facing text (maturity.i18n.MESSAGES): complete in both languages, every
key used, and no bilingual text written anywhere else in the files converted to it."""

from __future__ import annotations

import re
import string
from pathlib import Path
from typing import get_args

import pytest

from maturity.editions import SHARE_WORDS
from maturity.formats.plan import COLUMNS as PLAN_COLUMNS
from maturity.i18n import MESSAGES, Phrase, msg, phrase
from maturity.keys import Unfit
from maturity.peers import CohortKey
from maturity.portfolio import Audience
from maturity.schema.base import Regulated
from maturity.schema.kpis import BASELINE_KPIS
from maturity.verify import CHANGES, INDICATIONS, CheckName, Outcome

ROOT = Path(__file__).resolve().parent.parent

# Keys built at run time, as prefix -> the values of the part built at run time (and where).
DYNAMIC: dict[str, tuple[str, ...]] = {
    "usage.at_": ("least", "most"),  # maturity/cli/usage.py: the side of a number's bound
    "sign.": get_args(Unfit),  # maturity/keys.py: why a certificate cannot sign
    "verify.cert_": get_args(Unfit),  # maturity/verify.py: the same reasons, at the time of signing
    "out.verify.": get_args(CheckName),  # maturity/formats/verdict.py: the name of each check
    "verify.indic.": tuple(INDICATIONS),  # maturity/verify.py: why a chain is not trusted
    "verify.change.": tuple(c.lower() for c in CHANGES),  # maturity/verify.py: what was appended
    "receipt.outcome.": tuple(o.value for o in Outcome),  # maturity/receipt.py: a check's result
    "out.benchmark.by.": tuple(
        key.value for key in CohortKey
    ),  # maturity/formats/benchmark.py: the --by field
    "portfolio.audience.": tuple(a.value for a in Audience),  # maturity/excel/portfolio.py
    "edition.confidential.": tuple(a.value for a in Audience),  # maturity/editions.py
    "edition.share.": tuple(word for _, word in SHARE_WORDS),  # maturity/editions.py: share_word
    # maturity/excel/portfolio.py READER_KEYS: the clients sheet's sizes, types and profiles
    "portfolio.size.": ("micro", "small", "medium", "large"),
    "portfolio.type.": ("discrete", "process"),
    "portfolio.profile.": ("discrete", "continuous", "batch", "mixed"),
    "merge.rule.": ("lowest", "mean"),  # maturity/cli/commands/merge.py: the --on-conflict rule
    "plan.col.": PLAN_COLUMNS,  # maturity/formats/plan.py: the plan export's columns
    "kpi.name.": tuple(BASELINE_KPIS),  # maturity/report/context.py: a KPI baseline's name
    "regulated.": tuple(r.value for r in Regulated),  # maturity/law.py: a duty's condition
}

# Every module of the package writes user-facing text only through the catalogue (or shows texts
# read from data as they are): no exceptions.
CONVERTED: tuple[str, ...] = ("maturity/**/*.py",)
# pick(zh, en, lang), Text(zh=..., en=...) and {"zh": ..., "en": ...} written in code
OTHER_MECHANISMS = re.compile(r"""\bpick\(|\bText\(\s*zh\s*=|\{\s*["']zh["']\s*:""")


def _fields(template: str) -> set[str]:
    return {
        re.split(r"[.\[!:]", name)[0]
        for _, name, _, _ in string.Formatter().parse(template)
        if name is not None
    }


def _source() -> str:
    """Every file that may use a key, with the catalogue's own definitions left out."""
    files = [
        *ROOT.glob("maturity/**/*.py"),
        *(p for p in ROOT.glob("report_templates/**/*") if p.is_file()),
    ]
    parts = []
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        if path == ROOT / "maturity/i18n.py":
            start = text.index("MESSAGES: dict")
            text = text[:start] + text[text.index("\n}\n", start) :]
        parts.append(text)
    return "\n".join(parts)


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_exists_in_both_languages_with_the_same_parameters(key: str) -> None:
    zh, en = MESSAGES[key]
    assert zh.strip() and en.strip()
    assert _fields(zh) == _fields(en)


def test_every_key_is_used() -> None:
    source = _source()
    built = {prefix + part for prefix, parts in DYNAMIC.items() for part in parts}
    unused = [
        key
        for key in MESSAGES
        if key not in built and f'"{key}"' not in source and f"'{key}'" not in source
    ]
    assert unused == []


def test_dynamic_keys_exist() -> None:
    # the list above is honest: each key it builds is in the catalogue
    missing = [
        prefix + part
        for prefix, parts in DYNAMIC.items()
        for part in parts
        if prefix + part not in MESSAGES
    ]
    assert missing == []


def test_no_other_bilingual_mechanism_in_converted_files() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for pattern in CONVERTED
        for path in sorted(ROOT.glob(pattern))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if OTHER_MECHANISMS.search(line) and not line.lstrip().startswith("#")
    ]
    assert found == []


def test_the_scan_finds_each_old_mechanism() -> None:
    # the pattern is not vacuous: it catches what it forbids
    for line in (
        'pick("是", "yes", lang)',
        'Text(zh="是", en="yes")',
        'x = {"zh": "是", "en": "yes"}',
    ):
        assert OTHER_MECHANISMS.search(line), line
    assert not OTHER_MECHANISMS.search("_pick(list(SIZES))")


def test_a_phrase_is_rendered_in_the_language_of_the_message_it_is_part_of() -> None:
    from maturity.errors import Problem

    problem = Problem("excel.not_xlsx", {"reason": phrase("excel.reason.not_zip")})
    assert problem.text("en").startswith(
        "this is not a readable Excel workbook (.xlsx): the file is not in .xlsx format (not a zip archive)."
    )
    assert problem.text("zh").startswith(
        "这不是可读的 Excel 工作簿（.xlsx）：文件不是 .xlsx 格式（不是 zip 压缩包）。"
    )
    assert Phrase("verify.evidence_ok", {"count": 2}).text("en") == msg(
        "verify.evidence_ok", "en", count=2
    )


def test_report_labels_exist_in_both_languages_with_the_same_parameters() -> None:
    # labels.yaml is the report's part of the catalogue (overridable from a --template-dir)
    import yaml

    labels = yaml.safe_load((ROOT / "report_templates/labels.yaml").read_text(encoding="utf-8"))
    for name, texts in labels.items():
        assert set(texts) == {"zh", "en"}, name
        assert texts["zh"].strip() and texts["en"].strip(), name
        assert _fields(texts["zh"]) == _fields(texts["en"]), name


# Report labels built at run time, as prefix -> the values of the part built at run time.
DYNAMIC_LABELS: dict[str, tuple[str, ...]] = {
    "mode_": ("self", "consultant", "third_party"),  # maturity/report/context.py: answers' mode
    "method_total_": ("A", "B"),  # annexes: the rules' total_score_rule
    "total_rule_": ("A", "B"),  # method annex: the rule's name in the parameter table
    "subtitle_": ("self", "consultant", "third_party"),  # cover: the answers' mode
    "disclaimer_": ("self", "consultant", "third_party"),
    "status_": (
        "verified",
        "corroborated",
        "secondary",
        "unverified",
        "project-default",
        "weights",
    ),
    "merge_rule_": ("lowest", "mean"),  # respondents annex: the merged file's on_conflict
}


def test_every_report_label_is_used_and_every_built_one_exists() -> None:
    """labels.yaml holds only what a template or maturity/report/*.py shows."""
    import yaml

    labels = yaml.safe_load((ROOT / "report_templates/labels.yaml").read_text(encoding="utf-8"))
    files = [*ROOT.glob("report_templates/**/*.j2"), *ROOT.glob("maturity/report/*.py")]
    source = "\n".join(path.read_text(encoding="utf-8") for path in files)
    built = {prefix + part for prefix, parts in DYNAMIC_LABELS.items() for part in parts}
    unused = [
        key
        for key in labels
        if key not in built and f'"{key}"' not in source and f"'{key}'" not in source
    ]
    assert unused == []
    assert sorted(built - set(labels)) == []
