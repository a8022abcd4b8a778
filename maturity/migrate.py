"""Carrying an answer file to a newer questionnaire version through the id maps kept as data
(``<questionnaire>/migrations/from-<old version>/<sub-domain>.yaml``, see
:mod:`maturity.schema.migration`).

Answers to unchanged requirements (``same``, ``moved``) are carried with their notes, evidence and
N/A reasons, and so are those to ``narrowed`` requirements, which are listed for checking; the
targets of a ``split`` or ``merged`` requirement are left blank with the old answer as a comment
beside them, so that the respondent answers them again knowing what was said; answers
to ``retired`` requirements are dropped and listed. Library code: the CLI prints the summary.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from maturity import yamlio
from maturity.errors import AnswersError, InputError, Problem, QuestionnaireError
from maturity.i18n import Lang, msg
from maturity.questionnaire import Questionnaire, _load_doc, _validate, migration_dir
from maturity.schema.answers import Answer, AnswerFile
from maturity.schema.migration import CARRIED, MapEntry, MigrationFile
from maturity.schema.questionnaire import REQUIREMENT_ID
from maturity.text import printable_line


@dataclass(frozen=True)
class Migration:
    """The whole map from ``source`` (an old version) to ``target``."""

    source: str
    target: Questionnaire
    entries: Mapping[str, MapEntry]  # old requirement id -> what became of it
    new: tuple[str, ...]  # new ids without a predecessor


def load_migration(target: Questionnaire, source: str, old: Questionnaire | None) -> Migration:
    """The map from version ``source`` to ``target``, checked (against ``old`` too when that
    version is installed); every problem is reported at once."""
    directory = migration_dir(target.path, source)
    if not directory.is_dir():
        raise InputError([_no_migration(target, source, directory)])
    problems: list[Problem] = []
    entries: dict[str, MapEntry] = {}
    new: list[str] = []
    docs: dict[str, yamlio.Document] = {}
    for path in sorted(directory.glob("*.yaml")):
        doc = _load_doc(path, target.path, problems)
        content = _validate(doc, MigrationFile, problems) if doc else None
        if content is None or doc is None:
            continue
        docs[content.subdomain] = doc
        problems += _check_file(doc, path, content, source, target, old, entries)
        problems += _check_new(doc, content, target)
        new += content.new
    problems += _check_complete(directory, docs, entries, new, target, old)
    if problems:
        raise QuestionnaireError(problems)
    return Migration(source, target, entries, tuple(new))


def _no_migration(target: Questionnaire, source: str, directory: Path) -> Problem:
    root = target.path / "migrations"
    found = (
        sorted(p.name.removeprefix("from-") for p in root.glob("from-*")) if root.is_dir() else []
    )
    return Problem(
        "migration.none",
        {
            "id": target.id,
            "version": target.version,
            "source": source,
            "path": str(directory),
            "available": ", ".join(found) or "-",
        },
    )


def _check_file(
    doc: yamlio.Document,
    path: Path,
    content: MigrationFile,
    source: str,
    target: Questionnaire,
    old: Questionnaire | None,
    entries: dict[str, MapEntry],
) -> list[Problem]:
    problems: list[Problem] = []
    if content.subdomain != path.stem:
        problems.append(
            doc.problem("model.file_name", ("subdomain",), expected=f"{content.subdomain}.yaml")
        )
    if content.from_version != source:
        problems.append(
            doc.problem(
                "migration.from_version",
                ("from_version",),
                got=content.from_version,
                expected=source,
            )
        )
    for old_id, entry in content.map.items():
        loc = ("map", old_id)
        if old_id in entries:
            problems.append(doc.problem("model.duplicate_id", loc, id=old_id))
        elif (first := _carried_to(entry, entries)) is not None:
            # two answers carried into one requirement: which one would be kept is arbitrary
            problems.append(
                doc.problem(
                    "migration.carried_twice", loc, id=old_id, target=entry.to[0], first=first
                )
            )
        entries[old_id] = entry
        if not _belongs(old_id, content.subdomain, old):
            version = old.version if old else source
            problems.append(
                doc.problem(
                    "migration.unknown_old", loc, id=old_id, sub=content.subdomain, version=version
                )
            )
        problems += _check_targets(doc, loc, old_id, entry, target)
    return problems


def _carried_to(entry: MapEntry, entries: dict[str, MapEntry]) -> str | None:
    """The old id already carried into the requirement ``entry`` carries its answer to."""
    if entry.change not in CARRIED:
        return None
    return next(
        (i for i, e in entries.items() if e.change in CARRIED and e.to[0] == entry.to[0]), None
    )


def _belongs(old_id: str, sub: str, old: Questionnaire | None) -> bool:
    """Whether ``old_id`` is a requirement of sub-domain ``sub`` of the old version (by the form of
    the id when that version is not installed)."""
    if old is not None:
        return old.subdomain_of.get(old_id) == sub and old.requirement(old_id) is not None
    match = REQUIREMENT_ID.match(old_id)
    return match is not None and match["sub"] == sub


def _check_targets(
    doc: yamlio.Document,
    loc: tuple[str, str],
    old_id: str,
    entry: MapEntry,
    target: Questionnaire,
) -> list[Problem]:
    problems: list[Problem] = []
    named: list[tuple[tuple[str | int, ...], str]] = [
        (("to", i), ref) for i, ref in enumerate(entry.to)
    ]
    named += [(("see",), entry.see)] if entry.see else []
    for where, ref in named:
        if target.requirement(ref) is None:
            problems.append(
                doc.problem("migration.unknown_new", (*loc, *where), id=ref, version=target.version)
            )
    if (
        entry.change in ("same", "narrowed")
        and (new := target.requirement(entry.to[0])) is not None
    ):
        match = REQUIREMENT_ID.match(old_id)
        if match and int(match["level"]) != new.level:
            problems.append(
                doc.problem(
                    "migration.same_level",
                    (*loc, "to", 0),
                    id=old_id,
                    change=entry.change,
                    target=new.id,
                    expected=match["level"],
                    got=new.level,
                )
            )
    return problems


def _check_new(
    doc: yamlio.Document, content: MigrationFile, target: Questionnaire
) -> list[Problem]:
    return [
        doc.problem("migration.unknown_new", ("new", index), id=ref, version=target.version)
        for index, ref in enumerate(content.new)
        if target.requirement(ref) is None
    ]


def _check_complete(
    directory: Path,
    docs: dict[str, yamlio.Document],
    entries: dict[str, MapEntry],
    new: list[str],
    target: Questionnaire,
    old: Questionnaire | None,
) -> list[Problem]:
    """Every old id is mapped; every new id is a target or listed under ``new``."""

    def at(sub: str, loc: tuple[str, ...], key: str, **params: object) -> Problem:
        if sub in docs:
            return docs[sub].problem(key, loc, **params)
        return Problem(key, params, file=str(directory / f"{sub}.yaml"))

    problems: list[Problem] = []
    if old is not None:
        problems += [
            at(old.subdomain_of[r.id], ("map",), "migration.unmapped", id=r.id, version=old.version)
            for r in old.requirements
            if r.id not in entries
        ]
    reached = {ref for entry in entries.values() for ref in entry.to} | set(new)
    for req in target.requirements:
        if req.id not in reached:
            sub = target.subdomain_of[req.id]
            problems.append(
                at(sub, ("new",), "migration.untargeted", id=req.id, version=target.version)
            )
    return problems


@dataclass(frozen=True)
class Migrated:
    """A migrated answer file and what happened to the answers."""

    text: str  # the new answer file (YAML)
    carried: tuple[str, ...]  # new ids answered from the old file
    unanswered: tuple[str, ...]  # new ids that need an answer, in display order
    dropped: tuple[tuple[str, str | None], ...]  # old ids answered but retired, with their `see`
    narrowed: tuple[str, ...] = ()  # carried new ids whose requirement is narrower now: check them


def migrate(
    doc: yamlio.SourceDocument, answers: AnswerFile, migration: Migration, lang: Lang
) -> Migrated:
    """The answer file ``doc`` (already validated as ``answers``) for ``migration.target``."""
    _check_known(doc, answers, migration)
    outcome = _outcome(doc, answers, migration, lang)
    text = _render(doc, migration, outcome, lang)
    return Migrated(
        text,
        tuple(outcome.carried),
        outcome.unanswered,
        tuple(outcome.dropped),
        tuple(r.id for r in migration.target.requirements if r.id in outcome.narrowed),
    )


@dataclass(frozen=True)
class _Outcome:
    carried: dict[str, Any]  # new id -> the old answer as written
    earlier: dict[str, list[str]]  # new id -> comments with the answers it replaces
    dropped: list[tuple[str, str | None]]
    not_asked: list[str]
    unanswered: tuple[str, ...]
    narrowed: set[str]  # new ids carried through a `narrowed` entry


def _outcome(
    doc: yamlio.SourceDocument, answers: AnswerFile, migration: Migration, lang: Lang
) -> _Outcome:
    raw_answers: Mapping[str, Any] = doc.data.get("answers") or {}
    carried: dict[str, Any] = {}
    earlier: dict[str, list[str]] = {}
    dropped: list[tuple[str, str | None]] = []
    narrowed: set[str] = set()
    for old_id, answer in answers.answers.items():
        if answer is None:
            continue
        entry = migration.entries[old_id]
        if entry.change in CARRIED:
            carried[entry.to[0]] = raw_answers[old_id]
            if entry.change == "narrowed":
                narrowed.add(entry.to[0])
            continue
        if entry.change == "retired":
            dropped.append((old_id, entry.see))
        for new_id in entry.to:
            earlier.setdefault(new_id, []).append(_was(old_id, entry, answer, migration, lang))
    # a merged requirement is asked again when one of its predecessors was answered
    not_asked = [
        i for i in _mapped_not_asked(answers, migration) if i not in carried and i not in earlier
    ]
    skipped = set(carried) | set(not_asked)
    profile = answers.organisation.effective_profile
    unanswered = tuple(i for i in migration.target.item_ids(profile) if i not in skipped)
    return _Outcome(carried, earlier, dropped, not_asked, unanswered, narrowed)


def _check_known(doc: yamlio.SourceDocument, answers: AnswerFile, migration: Migration) -> None:
    """Ids of the file that the map does not know (possible only when the old version is not
    installed, so that the file was checked against the schema alone)."""
    unknown = [
        doc.problem(
            "answers.unknown_requirement",
            loc,
            id=req_id,
            questionnaire=migration.target.id,
            version=migration.source,
        )
        for loc, req_id in [
            *((("answers", i), i) for i in answers.answers),
            *((("not_asked", n), i) for n, i in enumerate(answers.not_asked)),
        ]
        if req_id not in migration.entries
    ]
    if unknown:
        raise AnswersError(unknown)


def _mapped_not_asked(answers: AnswerFile, migration: Migration) -> list[str]:
    mapped = (migration.entries[i].to for i in answers.not_asked)
    return list(dict.fromkeys(new_id for targets in mapped for new_id in targets))


def _was(old_id: str, entry: MapEntry, answer: Answer, migration: Migration, lang: Lang) -> str:
    """The old answer, one line, for a comment beside the requirements that replace it."""
    said = ", ".join(
        [str(answer.rating), *(f'"{text}"' for text in (answer.reason, answer.note) if text)]
    )
    return printable_line(
        msg(
            "migrate.comment.was",
            lang,
            id=old_id,
            version=migration.source,
            change=entry.change,
            answer=said,
        )
    )


def _render(doc: yamlio.SourceDocument, migration: Migration, outcome: _Outcome, lang: Lang) -> str:
    """The input's sections in their order, with the questionnaire version, answers and not_asked
    replaced; the answers are written one per line so that comments can stand beside them."""
    target = migration.target
    replaced: dict[str, Any] = {
        "questionnaire": {"id": target.id, "version": target.version},
        "not_asked": outcome.not_asked,
    }
    head = {k: replaced.get(k, v) for k, v in doc.data.items() if k != "answers"}
    header = msg(
        "migrate.comment.header", lang, id=target.id, old=migration.source, new=target.version
    )
    lines = [
        f"# {printable_line(header)}",
        _dump(head).rstrip("\n"),
        "answers:",
    ]
    carried = outcome.carried
    for req in target.requirements:
        if req.id not in carried and req.id not in outcome.unanswered:
            continue  # not for this organisation's profile, or not asked
        lines += [f"  # {line}" for line in outcome.earlier.get(req.id, ())]
        if req.id in outcome.narrowed:
            note = msg("migrate.comment.narrowed", lang, id=req.id, version=migration.source)
            lines.append(f"  # {printable_line(note)}")
        lines.append(_dump({req.id: carried[req.id]}, 2) if req.id in carried else f"  {req.id}:")
    for old_id, see in outcome.dropped:
        lines.append(
            "# " + printable_line(msg("migrate.comment.dropped", lang, id=old_id, see=see or "-"))
        )
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"


def _dump(data: Mapping[str, Any], indent: int = 0) -> str:
    text = yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False, width=1000)
    return "".join(" " * indent + line for line in text.splitlines(keepends=True))
