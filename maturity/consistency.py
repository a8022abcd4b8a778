"""Consistency checks: answers that contradict each other or the assessment's rules. Pure, no I/O.

Each finding is a warning (``consistency.*``) located at the answer involved; ``--strict`` makes
them errors. The checks read only data: the rules' scale and gate, the questionnaire's
``presupposes`` links and the answer file's mode; no requirement id is named here.

- **level_inversion**: in one sub-domain a higher level meets the gate while a lower one does
  not (from the answered requirements only: unanswered ones have their own warning).
- **na_presupposed**: a requirement rated full/most/partial presupposes one answered N/A.
- **no_evidence**: a third-party assessment (``mode: third_party``) rates full or most without
  listing evidence. An independent assessor rates on evidence seen, so its absence is a gap in
  the record. A self-assessment, and one guided by a consultant (who helps the firm answer, as in
  most 咨询辅导 engagements, rather than audits it), may leave evidence out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from maturity.errors import Problem
from maturity.i18n import phrase
from maturity.numbers import GATE_TOLERANCE, fmt_score
from maturity.questionnaire import Questionnaire
from maturity.schema.answers import Answer, AnswerFile
from maturity.schema.result import RequirementResult
from maturity.schema.rules import ScoringRules
from maturity.text import printable_line

RATED = ("full", "most", "partial")  # a rating that says the activity exists
CLAIMED = ("full", "most")  # a rating an outside assessor must back with evidence
# the modes whose full/most ratings must name evidence, each with how the message names it
AUDITED_MODES = {"third_party": "consistency.mode.third_party"}


class Locator(Protocol):
    def problem(self, key: str, loc: Sequence[object] = (), **params: object) -> Problem: ...


class _Unlocated:
    """Findings without a file position (the report lists them by text only)."""

    def problem(self, key: str, loc: Sequence[object] = (), **params: object) -> Problem:
        return Problem(key, params)


def check(
    answers: AnswerFile,
    questionnaire: Questionnaire,
    rules: ScoringRules,
    doc: Locator | None = None,
) -> list[Problem]:
    """Every consistency finding of one answer file, as warnings in questionnaire order."""
    if questionnaire.quick or rules.method != "requirements":
        return []  # a quick-scan choice cannot contradict itself: levels 1..d are met by definition
    where: Locator = doc or _Unlocated()
    found = [
        *_level_inversions(answers, questionnaire, rules, where),
        *_na_presupposed(answers, questionnaire, where),
        *_no_evidence(answers, questionnaire, where),
    ]
    # in file order, as a reader goes through the answers (a workbook cell has no line: last)
    return sorted((_warning(p) for p in found), key=lambda p: p.line or 1 << 30)


def _warning(problem: Problem) -> Problem:
    from dataclasses import replace

    return replace(problem, severity="warning")


def _rows(
    answers: AnswerFile, questionnaire: Questionnaire, rules: ScoringRules
) -> list[RequirementResult]:
    from maturity.scoring import in_scope, requirement_results

    rows = in_scope(requirement_results(questionnaire, rules, answers), answers.tailoring)
    return [r for r in rows if r.answered]


def _level_inversions(
    answers: AnswerFile, questionnaire: Questionnaire, rules: ScoringRules, where: Locator
) -> Iterator[Problem]:
    from maturity.scoring import subdomain_means

    rows = _rows(answers, questionnaire, rules)
    means, gate = subdomain_means(rows), rules.gate.value
    for sub in questionnaire.subdomains:
        series = sorted(means.get(sub.id, {}).items())
        low = next(((lv, v) for lv, v in series if v + GATE_TOLERANCE < gate), None)
        if low is None:
            continue
        high = next(
            ((lv, v) for lv, v in series if lv > low[0] and v + GATE_TOLERANCE >= gate), None
        )
        if high is None:
            continue
        first = next(r.id for r in rows if r.subdomain == sub.id and r.level == low[0])
        yield where.problem(
            "consistency.level_inversion",
            ("answers", first),
            subdomain=sub.name.model_dump(),
            high=high[0],
            high_score=fmt_score(high[1]),
            low=low[0],
            low_score=fmt_score(low[1]),
            gate=fmt_score(gate),
        )


def _scored_answers(answers: AnswerFile, questionnaire: Questionnaire) -> dict[str, Answer]:
    """The answers that count: given, and not in a tailored sub-domain."""
    return {
        i: a
        for i, a in answers.answers.items()
        if a is not None and questionnaire.subdomain_of.get(i) not in answers.tailoring
    }


def _na_presupposed(
    answers: AnswerFile, questionnaire: Questionnaire, where: Locator
) -> Iterator[Problem]:
    given = _scored_answers(answers, questionnaire)
    for req in questionnaire.requirements:
        answer = given.get(req.id)
        if answer is None or answer.rating not in RATED:
            continue
        for basis in req.presupposes:
            other = given.get(basis)
            if other is not None and other.rating == "na":
                yield where.problem(
                    "consistency.na_presupposed",
                    ("answers", req.id),
                    id=req.id,
                    rating=_label(questionnaire, str(answer.rating)),
                    basis=basis,
                    # one line, controls made visible: a reason cannot forge terminal lines
                    reason=printable_line(other.reason or ""),
                )


def evidence_gap(answers: AnswerFile, questionnaire: Questionnaire) -> tuple[int, int]:
    """How many counted answers are rated full or most, and how many of those list no evidence:
    the cover of a third-party report states both rather than claiming an evidence basis."""
    claimed = [a for a in _scored_answers(answers, questionnaire).values() if a.rating in CLAIMED]
    return len(claimed), sum(1 for a in claimed if not a.evidence)


def _no_evidence(
    answers: AnswerFile, questionnaire: Questionnaire, where: Locator
) -> Iterator[Problem]:
    mode = answers.assessment.mode
    if mode not in AUDITED_MODES:
        return
    given = _scored_answers(answers, questionnaire)
    for req in questionnaire.requirements:
        answer = given.get(req.id)
        if answer is not None and answer.rating in CLAIMED and not answer.evidence:
            yield where.problem(
                "consistency.no_evidence",
                ("answers", req.id),
                id=req.id,
                rating=_label(questionnaire, str(answer.rating)),
                mode=phrase(AUDITED_MODES[mode]),
            )


def _label(questionnaire: Questionnaire, rating: str) -> dict[str, str] | str:
    for option in questionnaire.scale_options:
        if option.key == rating:
            return option.label.model_dump()
    return rating
