"""``maturity merge``: one answer file from the parts several respondents filled in.

The parts must be of one questionnaire version and one organisation (its id, else its normalised
name: :mod:`maturity.identity`). Every answer records who gave it (``respondent:``). An item
answered by several people is refused (``error``) or resolved by a policy: ``lowest`` keeps the
lowest rating; ``mean`` the rating of the scale nearest the mean of their values, a tie going to
the lower (the cautious choice). N/A counts only when nobody rated the item: a rating says the
requirement applies. Notes, N/A reasons and evidence of every respondent are kept (notes labelled
with the name), and each disagreement (who said what, what was kept) is recorded in the file for
the report. Library code: the CLI writes the file and prints the report.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from maturity.errors import InputError, Problem
from maturity.i18n import Lang, msg
from maturity.identity import keys
from maturity.questionnaire import Questionnaire
from maturity.schema.answers import (
    RATINGS,
    Answer,
    AnswerFile,
    Disagreement,
    MergeRecord,
    Rating,
    RespondentEntry,
    Said,
)
from maturity.yamlio import SourceDocument

Rated = Rating | int  # a rating key, or a quick scan's level
Given = tuple[tuple[str, ...], "Answer"]  # who gave an answer (several: a file merged before)
_TIE = 1e-9  # values are decimals like 0.8: their mean is not exact


class Policy(StrEnum):
    error = "error"
    lowest = "lowest"
    mean = "mean"


@dataclass(frozen=True)
class PartFile:
    """One respondent's file as read."""

    display: str
    doc: SourceDocument
    answers: AnswerFile

    @property
    def name(self) -> str:
        """Who answered: the respondent's name, else the file's name."""
        given = self.answers.respondent.name if self.answers.respondent else None
        return given.strip() if given and given.strip() else Path(self.display).stem


@dataclass(frozen=True)
class Merged:
    text: str  # the merged answer file (YAML)
    answered: int
    respondents: tuple[RespondentEntry, ...]
    disagreements: tuple[Disagreement, ...]  # found by this merge (the file keeps earlier ones)


def merge(
    parts: Sequence[PartFile],
    questionnaire: Questionnaire,
    scale: Mapping[str, float],
    policy: Policy,
    lang: Lang,
) -> Merged:
    """The parts as one answer file; ``scale`` gives each rating's value (the scoring rules')."""
    _check_same(parts)
    given = _given(parts, questionnaire)
    overlaps = {i: said for i, said in given.items() if len(said) > 1}
    differ = {i: said for i, said in overlaps.items() if len({a.rating for _, a in said}) > 1}
    if differ and policy is Policy.error:  # the same rating twice needs no rule to combine
        raise InputError([_overlap_problem(len(overlaps), differ, questionnaire, lang)])
    merged: dict[str, Answer] = {}
    disagreements: list[Disagreement] = []
    for item, said in given.items():
        kept = _kept([a.rating for _, a in said], scale, policy)
        merged[item] = _combined(said, kept, lang)
        if len({a.rating for _, a in said}) > 1:
            shown = tuple(Said(respondent=_who(n), rating=a.rating) for n, a in said)
            disagreements.append(Disagreement(id=item, kept=kept, said=shown))
    earlier = [d for p in parts for d in p.answers.disagreements]  # parts merged before
    respondents = tuple(e for p in parts for e in _entries(p))
    names = [Path(p.display).name for p in parts]
    record = MergeRecord.model_validate({"on_conflict": policy.value, "parts": names})
    text = _render(parts, merged, respondents, (*earlier, *disagreements), record)
    return Merged(text, len(merged), respondents, tuple(disagreements))


def _check_same(parts: Sequence[PartFile]) -> None:
    """One questionnaire version and one organisation, or every file that differs from the
    first."""
    first = parts[0]
    ref = first.answers.questionnaire
    problems = [
        p.doc.problem(
            "merge.questionnaire_mismatch",
            ("questionnaire", "version"),
            id=p.answers.questionnaire.id,
            version=p.answers.questionnaire.version,
            first=first.display,
            first_id=ref.id,
            first_version=ref.version,
        )
        for p in parts[1:]
        if (p.answers.questionnaire.id, p.answers.questionnaire.version) != (ref.id, ref.version)
    ]
    org = keys(parts, lambda p: (p.answers.organisation.id, p.answers.organisation.name))
    problems += [
        p.doc.problem(
            "merge.organisation_mismatch",
            ("organisation", "id" if p.answers.organisation.id else "name"),
            name=p.answers.organisation.name,
            first=first.display,
            first_name=first.answers.organisation.name,
        )
        for p, key in zip(parts[1:], org[1:], strict=True)
        if key != org[0]
    ]
    if problems:
        raise InputError(problems)


def _given(parts: Sequence[PartFile], q: Questionnaire) -> dict[str, list[Given]]:
    """Item -> (who, answer) for every answer given, items in questionnaire order. An answer of a
    file merged before names its respondents itself, and counts once."""
    ids = [*(r.id for r in q.requirements), *(x.id for x in q.questions)]
    order = {i: n for n, i in enumerate(ids)}
    found: dict[str, list[Given]] = {}
    for part in parts:
        for item, answer in part.answers.answers.items():
            if answer is not None:
                found.setdefault(item, []).append((answer.respondent or (part.name,), answer))
    return dict(sorted(found.items(), key=lambda kv: order.get(kv[0], len(order))))


def _who(names: tuple[str, ...]) -> str:
    return ", ".join(names)


def _overlap_problem(
    total: int, differ: Mapping[str, list[Given]], q: Questionnaire, lang: Lang
) -> Problem:
    """The items rated differently, each with who said what (the ones rated alike merge)."""
    labels: dict[str, str] = {o.key: o.label.get(lang) for o in q.scale_options}
    colon, sep = msg("common.label_sep", lang), msg("common.list_sep", lang)

    def said_by(said: list[Given]) -> str:
        return sep.join(
            f"{_who(n)}{colon}{labels.get(str(a.rating), str(a.rating))}" for n, a in said
        )

    items = sep.join(
        msg("merge.overlap_item", lang, id=i, said=said_by(said)) for i, said in differ.items()
    )
    return Problem("merge.overlap", {"total": total, "count": len(differ), "items": items})


def _kept(ratings: list[Rated], scale: Mapping[str, float], policy: Policy) -> Rated:
    """The rating kept for one item (all ratings when only one was given)."""
    rated = [r for r in ratings if r != "na"]
    if not rated:
        return "na"
    if len(set(rated)) == 1:
        return rated[0]

    def value(r: Rated) -> float:
        return float(r) if isinstance(r, int) else scale[r]

    if policy is not Policy.mean:
        return min(rated, key=value)
    mean = sum(value(r) for r in rated) / len(rated)
    options: list[Rated] = (
        list(range(6)) if isinstance(rated[0], int) else [k for k in RATINGS if k in scale]
    )
    # nearest the mean; of two equally near, the lower value (sorted first)
    ordered = sorted(options, key=value)
    return min(ordered, key=lambda r: round(abs(value(r) - mean) / _TIE))


def _combined(said: list[Given], kept: Rated, lang: Lang) -> Answer:
    """One answer from everyone's: the kept rating, every note, reason and evidence entry."""
    names = tuple(dict.fromkeys(n for who, _ in said for n in who))
    if len(said) == 1:
        return said[0][1].model_copy(update={"respondent": names})
    labelled = len({who for who, _ in said}) > 1
    notes = [_labelled(_who(n), a.note, labelled, lang) for n, a in said if a.note]
    reasons = [(_who(n), a.reason) for n, a in said if a.reason]
    if kept == "na":
        reason = "\n".join(_labelled(n, r, labelled, lang) for n, r in reasons) or None
    else:  # a reason given for N/A is kept as a note when the item was rated after all
        reason = None
        notes += [msg("merge.na_note", lang, name=n, reason=r) for n, r in reasons]
    evidence = tuple(dict.fromkeys(e for _, a in said for e in a.evidence))
    return Answer.model_construct(
        rating=kept,
        reason=reason,
        note="\n".join(notes) or None,
        evidence=evidence,
        respondent=names,
    )


def _labelled(name: str, text: str, labelled: bool, lang: Lang) -> str:
    return msg("merge.labelled", lang, name=name, text=text) if labelled else text


def _entries(part: PartFile) -> tuple[RespondentEntry, ...]:
    if part.answers.respondents:  # a part that was itself merged
        return part.answers.respondents
    role = part.answers.respondent.role if part.answers.respondent else None
    return (RespondentEntry(name=part.name, role=role, part=part.answers.part),)


_OWN = (
    "respondent",
    "part",
    "respondents",
    "disagreements",
    "merge",
    "answers",
    "not_asked",
    "tailoring",
)


def _render(
    parts: Sequence[PartFile],
    merged: Mapping[str, Answer],
    respondents: tuple[RespondentEntry, ...],
    disagreements: tuple[Disagreement, ...],
    record: MergeRecord,
) -> str:
    """The first part's header as written, who answered and by which rule, tailoring and
    not_asked of every part, then one answer per line, then the disagreements."""
    head: dict[str, Any] = {k: v for k, v in parts[0].doc.data.items() if k not in _OWN}
    head["respondents"] = [_plain(e.model_dump(exclude_defaults=True)) for e in respondents]
    head["merge"] = _plain(record.model_dump())
    tailoring = {s: r for p in reversed(parts) for s, r in p.answers.tailoring.items()}
    if tailoring:
        head["tailoring"] = tailoring
    not_asked = [i for p in parts for i in p.answers.not_asked if i not in merged]
    if not_asked:
        head["not_asked"] = list(dict.fromkeys(not_asked))
    lines = [_dump(head, flow=False), "answers:"]
    lines += [f"  {i}: {_one_line(_answer_data(a))}" for i, a in merged.items()]
    if disagreements:
        lines.append(
            _dump({"disagreements": [d.model_dump(mode="json") for d in disagreements]}, False)
        )
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"


def _answer_data(answer: Answer) -> dict[str, Any]:
    data = _plain(answer.model_dump(exclude_defaults=True))
    data["rating"] = answer.rating  # kept even when it equals a default
    who = list(answer.respondent)
    data["respondent"] = who[0] if len(who) == 1 else who
    return data


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    """Tuples as lists, so that YAML writes plain sequences."""
    return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}


def _dump(data: Mapping[str, Any], flow: bool | None = None) -> str:
    return yaml.safe_dump(
        dict(data), allow_unicode=True, sort_keys=False, width=1000, default_flow_style=flow
    )


class _OneLine(yaml.SafeDumper):
    """Multi-line text double-quoted (newlines as \\n), so that each answer stays on one line."""


def _quoted_lines(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = '"' if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_OneLine.add_representer(str, _quoted_lines)


def _one_line(data: Mapping[str, Any]) -> str:
    text = yaml.dump(
        dict(data),
        Dumper=_OneLine,
        allow_unicode=True,
        sort_keys=False,
        width=float("inf"),
        default_flow_style=True,
    )
    return text.strip()
