"""Loading an answer file and checking it against its questionnaire.

The fast path validates the whole file with pydantic once; only when that fails does a slower
diagnosis run, so that every problem is reported with a precise message and line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from maturity import yamlio
from maturity.errors import AnswersError, InputError, Problem, Severity
from maturity.i18n import LANGS
from maturity.labels import PROFILE_SHORT_NAMES
from maturity.questionnaire import Questionnaire
from maturity.schema.answers import RATINGS, Answer, AnswerFile
from maturity.schema.base import Profile
from maturity.validation import schema_problems

# (questionnaire id, version) -> the questionnaire, e.g. Catalog.load
Resolve = Callable[[str, str], Questionnaire]


@dataclass(frozen=True)
class LoadedAnswers:
    answers: AnswerFile
    questionnaire: Questionnaire
    document: yamlio.SourceDocument
    raw: bytes
    warnings: tuple[Problem, ...]


def load_answers(
    path: Path,
    resolve: Resolve,
    *,
    strict: bool = False,
    display: str | None = None,
) -> LoadedAnswers:
    """Read, validate and cross-check an answer file. ``resolve`` finds the questionnaire version
    it names."""
    raw = yamlio.read_bytes(path, display, max_bytes=answer_file_limit(path))
    return parse_answers(raw, display or str(path), resolve, strict=strict)


def answer_file_limit(path: Path) -> int:
    if path.suffix.lower() == ".xlsx":
        from maturity.excel.layout import MAX_BYTES

        return MAX_BYTES
    return yamlio.MAX_BYTES


def parse_answers(
    raw: bytes, display: str, resolve: Resolve, *, strict: bool = False
) -> LoadedAnswers:
    """Validate an answer file given as bytes (e.g. embedded in a signed report)."""
    doc, answers = read_answer_file(raw, display)
    questionnaire = _questionnaire_for(
        doc, answers.questionnaire.id, answers.questionnaire.version, resolve
    )
    problems = check_against(doc, answers, questionnaire)
    problems_warn = [p for p in problems if p.severity == "warning"]
    errors = [p for p in problems if p.severity == "error"]
    if strict:
        errors += [_as(p, "error") for p in problems_warn]
    if errors:
        raise AnswersError(errors)
    return LoadedAnswers(
        answers, questionnaire, doc, raw, tuple(doc.warnings) + tuple(problems_warn)
    )


def read_answer_file(raw: bytes, display: str) -> tuple[yamlio.SourceDocument, AnswerFile]:
    """An answer file (YAML or workbook) checked against the schema only, not yet against its
    questionnaire (``maturity migrate`` reads files of versions no longer installed)."""
    doc: yamlio.SourceDocument
    if (
        raw[:4] == b"PK\x03\x04"
    ):  # a zip: an Excel workbook filled in by someone who does not use YAML
        from maturity.excel import read_workbook

        doc = read_workbook(raw, display)
    else:
        if len(raw) > yamlio.MAX_BYTES:
            raise AnswersError(
                [
                    Problem(
                        "file.too_large",
                        {"size": len(raw), "limit": yamlio.MAX_BYTES},
                        file=display,
                    )
                ]
            )
        text, warnings = yamlio.decode(raw, display)
        doc = yamlio.parse(text, display, warnings)
    if not isinstance(doc.data, dict):
        raise AnswersError([yamlio.not_mapping(doc.path, doc.data)])
    try:
        answers = AnswerFile.model_validate(doc.data)
    except ValidationError as exc:
        raise AnswersError(
            diagnose(doc, exc) or schema_problems(doc, exc)
        ) from None  # never an error without a message
    return doc, answers


def _questionnaire_for(
    doc: yamlio.SourceDocument, qid: str, version: str, resolve: Resolve
) -> Questionnaire:
    try:
        return resolve(qid, version)
    except InputError as exc:
        first = exc.problems[0] if exc.problems else None
        if first is None or first.key not in _RELOCATED:
            raise
        key, field = _RELOCATED[first.key]
        params = {**first.params, "got": qid, "file": doc.path}
        raise AnswersError([doc.problem(key, ("questionnaire", field), **params)]) from None


# The catalog's "not installed" problems, reported at the answer file's questionnaire line.
_RELOCATED = {
    "model.unknown_questionnaire": ("answers.wrong_questionnaire", "id"),
    "model.unknown_version": ("answers.version_not_installed", "version"),
    "model.unknown_version_migrate": ("answers.version_not_installed_migrate", "version"),
}


def check_against(
    doc: yamlio.SourceDocument, answers: AnswerFile, questionnaire: Questionnaire
) -> list[Problem]:
    """Problems that need the questionnaire: unknown ids, wrong answer kinds, N/A without reason."""
    problems: list[Problem] = []
    profile = answers.organisation.effective_profile
    applicability = questionnaire.applicability(profile)
    for req_id, answer in answers.answers.items():
        loc = ("answers", req_id)
        applies = applicability.get(req_id)
        if applies is None:
            problems.append(_unknown(doc, loc, req_id, questionnaire))
            continue
        if answer is not None:
            problems += _misfit_answer(doc, questionnaire, profile, req_id, answer, applies)
    for index, req_id in enumerate(answers.not_asked):
        if req_id not in applicability:
            problems.append(_unknown(doc, ("not_asked", index), req_id, questionnaire))
    problems += _placeholders_left(doc, answers)
    problems += _id_problems(doc, answers)
    problems += _tailoring_problems(doc, answers, questionnaire)
    problems += _kpi_problems(doc, answers)
    problems += _part_problems(doc, answers, questionnaire)
    given = answers.answers
    not_asked = set(answers.not_asked)
    # one respondent's part (template --for) asks only its sub-domains
    asked = set(answers.part) or {s.id for s in questionnaire.subdomains}
    missing = [
        i
        for i in questionnaire.item_ids(profile)
        if given.get(i) is None
        and i not in not_asked
        and questionnaire.subdomain_of[i] not in answers.tailoring
        and questionnaire.subdomain_of[i] in asked
    ]
    if missing:
        examples = ", ".join(missing[:3]) + (", …" if len(missing) > 3 else "")
        problems.append(
            Problem(
                "answers.unanswered",
                {"count": len(missing), "examples": examples},
                file=doc.path,
                severity="warning",
            )
        )
    return problems


def _unknown(
    doc: yamlio.SourceDocument, loc: tuple[object, ...], req_id: str, questionnaire: Questionnaire
) -> Problem:
    return doc.problem(
        "answers.unknown_requirement",
        loc,
        id=req_id,
        questionnaire=questionnaire.id,
        version=questionnaire.version,
    )


def _misfit_answer(
    doc: yamlio.SourceDocument,
    questionnaire: Questionnaire,
    profile: Profile,
    req_id: str,
    answer: Answer,
    applies: bool,
) -> list[Problem]:
    """One known requirement's answer: for another industry profile (a warning), of the wrong kind
    (a rating other than N/A in a quick scan, a level in a full assessment), or N/A without a
    reason."""
    problems: list[Problem] = []
    loc = ("answers", req_id)
    if not applies:
        req = questionnaire.requirement(req_id)
        names = [PROFILE_SHORT_NAMES[p] for p in req.applies_to] if req else []
        types = {lang: "/".join(n.get(lang) for n in names) for lang in LANGS}
        own = PROFILE_SHORT_NAMES[profile].model_dump()
        problems.append(
            _as(
                doc.problem("answers.not_applicable_type", loc, id=req_id, types=types, type=own),
                "warning",
            )
        )
    if questionnaire.quick and not isinstance(answer.rating, int) and answer.rating != "na":
        problems.append(
            doc.problem("answers.unknown_level_choice", loc, id=req_id, value=answer.rating)
        )
    elif not questionnaire.quick and isinstance(answer.rating, int):
        problems.append(doc.problem("answers.unknown_rating", loc, id=req_id, value=answer.rating))
    elif answer.rating == "na" and not (answer.reason and answer.reason.strip()):
        problems.append(doc.problem("answers.na_without_reason", loc, id=req_id))
    return problems


def _kpi_problems(doc: yamlio.SourceDocument, answers: AnswerFile) -> list[Problem]:
    """Each KPI baseline names a known KPI and was measured by the assessment date."""
    from maturity.schema.kpis import BASELINE_KPIS

    problems: list[Problem] = []
    today = answers.assessment.date
    for index, base in enumerate(answers.kpis):
        if base.kpi not in BASELINE_KPIS:
            known = ", ".join(BASELINE_KPIS)
            problems.append(
                doc.problem("kpi.unknown", ("kpis", index, "kpi"), kpi=base.kpi, known=known)
            )
        if base.date > today:
            loc = ("kpis", index, "date")
            problems.append(
                doc.problem("kpi.future", loc, kpi=base.kpi, date=base.date, today=today)
            )
    return problems


def _tailoring_problems(
    doc: yamlio.SourceDocument, answers: AnswerFile, questionnaire: Questionnaire
) -> list[Problem]:
    """Each tailored sub-domain exists and has a reason; answers inside one are ignored (a
    warning, so that an answer file can keep them while the decision is discussed)."""
    problems: list[Problem] = []
    known = [s.id for s in questionnaire.subdomains]
    for sub_id, reason in answers.tailoring.items():
        loc = ("tailoring", sub_id)
        if sub_id not in known:
            problems.append(
                doc.problem(
                    "answers.tailoring_unknown",
                    loc,
                    id=sub_id,
                    questionnaire=questionnaire.id,
                    version=questionnaire.version,
                    available=", ".join(known),
                )
            )
        elif not reason.strip():
            problems.append(doc.problem("answers.tailoring_no_reason", loc, id=sub_id))
        else:
            problems += _answered_in_tailored(doc, answers, questionnaire, sub_id)
    return problems


def _part_problems(
    doc: yamlio.SourceDocument, answers: AnswerFile, questionnaire: Questionnaire
) -> list[Problem]:
    known = [s.id for s in questionnaire.subdomains]
    return [
        doc.problem(
            "answers.part_unknown",
            ("part", index),
            id=sub_id,
            questionnaire=questionnaire.id,
            version=questionnaire.version,
            available=", ".join(known),
        )
        for index, sub_id in enumerate(answers.part)
        if sub_id not in known
    ]


def _answered_in_tailored(
    doc: yamlio.SourceDocument, answers: AnswerFile, questionnaire: Questionnaire, sub_id: str
) -> list[Problem]:
    answered = [
        i
        for i, a in answers.answers.items()
        if a is not None and questionnaire.subdomain_of.get(i) == sub_id
    ]
    if not answered:
        return []
    examples = ", ".join(answered[:3]) + (", …" if len(answered) > 3 else "")
    problem = doc.problem(
        "answers.tailored_answered",
        ("answers", answered[0]),
        subdomain=sub_id,
        count=len(answered),
        examples=examples,
    )
    return [_as(problem, "warning")]


def _id_problems(doc: yamlio.SourceDocument, answers: AnswerFile) -> list[Problem]:
    """A credit code with a wrong check character, or an id that cannot be one (see
    maturity.identity): a typo there would split one organisation into two."""
    from maturity.identity import id_problem

    org_id = answers.organisation.id
    found = id_problem(org_id) if org_id is not None else None
    if found is None:
        return []
    key, params = found
    return [doc.problem(key, ("organisation", "id"), **params)]


def _placeholders_left(doc: yamlio.SourceDocument, answers: AnswerFile) -> list[Problem]:
    """Template placeholders still in the profile: a report would print "Your company name"."""
    from maturity.blank import PLACEHOLDERS

    found = []
    for loc, texts in PLACEHOLDERS.items():
        value: Any = answers
        for part in loc:
            value = getattr(value, part, None)
        if value in texts:
            found.append(
                _as(
                    doc.problem("answers.placeholder", loc, field=".".join(loc), value=value),
                    "warning",
                )
            )
    return found


def _as(problem: Problem, severity: Severity) -> Problem:
    return dataclasses.replace(problem, severity=severity)


def diagnose(
    doc: yamlio.SourceDocument, exc: ValidationError, data: dict[str, Any] | None = None
) -> list[Problem]:
    """Explain a failed validation of ``data`` (default: the document's): header problems from
    pydantic, answers one by one."""
    data = doc.data if data is None else data
    problems: list[Problem] = []
    header_only = {k: v for k, v in data.items() if k != "answers"}
    try:
        AnswerFile.model_validate(header_only)
    except ValidationError as header_exc:
        problems.extend(schema_problems(doc, header_exc))
    raw_answers = data.get("answers")
    if raw_answers is None:
        # `answers:` with nothing under it is null, not an empty mapping: say so rather than nothing
        return problems + (
            [doc.problem("answers.empty", ("answers",))] if "answers" in data else []
        )
    if not isinstance(raw_answers, dict):
        return problems + [
            p for p in schema_problems(doc, exc) if p.params.get("field") == "answers"
        ]
    for req_id, value in raw_answers.items():
        if value is None:
            continue
        try:
            Answer.parse(value)
        except ValidationError as answer_exc:
            problems.extend(_answer_problems(doc, str(req_id), value, answer_exc))
    return problems


def _answer_problems(
    doc: yamlio.SourceDocument, req_id: str, value: object, exc: ValidationError
) -> list[Problem]:
    loc = ("answers", req_id)
    rating = value.get("rating") if isinstance(value, dict) else value
    rating_broken = any(
        e["loc"] and e["loc"][0] == "rating" and e["type"] != "missing" for e in exc.errors()
    )
    others = [
        e
        for e in exc.errors()
        if not (e["loc"] and e["loc"][0] == "rating" and e["type"] != "missing")
    ]
    problems: list[Problem] = []
    if rating_broken:
        key = (
            "answers.unknown_level_choice"
            if isinstance(rating, int) and not isinstance(rating, bool)
            else "answers.unknown_rating"
        )
        shown = rating if isinstance(rating, (str, int)) else yamlio.kind_of(rating)
        problems.append(
            doc.problem(
                key, loc + (("rating",) if isinstance(value, dict) else ()), id=req_id, value=shown
            )
        )
    if others:
        problems.extend(schema_problems(doc, others, prefix=loc))
    return problems


__all__ = ["RATINGS", "LoadedAnswers", "check_against", "diagnose", "load_answers"]
