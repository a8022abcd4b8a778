"""An answer file being filled in interactively: building, saving and resuming it.

The interactive assessment writes the whole file atomically after every answer, so the file on
disk is always a complete, valid YAML document; until the profile is complete it simply lacks some
organisation fields. Resuming reads it back, checks it like any answer file, and reports which
profile fields are still missing.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from maturity import yamlio
from maturity.answers import check_against, diagnose
from maturity.atomic import write_atomic
from maturity.errors import AnswersError
from maturity.questionnaire import Questionnaire
from maturity.schema.answers import ANSWERS_FORMAT, Answer, AnswerFile
from maturity.schema.base import DEFAULT_PROFILE, EnterpriseType, Profile

_Dumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

# Profile fields the interview may still have to ask, with a placeholder used only to validate a
# draft whose profile is incomplete.
PROFILE_PLACEHOLDERS: dict[tuple[str, str], object] = {
    ("organisation", "name"): "-",
    ("organisation", "type"): "discrete",
    ("assessment", "date"): dt.date(2000, 1, 1),
}


@dataclass
class Draft:
    """The answer file under construction, kept as plain data in the file's key order."""

    path: Path
    questionnaire: Questionnaire
    data: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def new(cls, path: Path, questionnaire: Questionnaire, today: dt.date) -> Draft:
        data: dict[str, Any] = {
            "format": ANSWERS_FORMAT,
            "questionnaire": {"id": questionnaire.id, "version": questionnaire.version},
            "organisation": {},
            "assessment": {"date": today, "mode": "self"},
            "answers": {},
            "not_asked": [],
        }
        return cls(path, questionnaire, data)

    # --- reading and writing --------------------------------------------------------------
    def save(self) -> None:
        write_atomic(self.path, self.to_yaml())

    def to_yaml(self) -> str:
        order = [
            "format",
            "questionnaire",
            "organisation",
            "assessment",
            "priorities",
            "tailoring",
            "answers",
            "not_asked",
        ]
        data = {key: self.data[key] for key in order if key in self.data} | {
            k: v for k, v in self.data.items() if k not in order
        }
        data["answers"] = {k: _compact(v) for k, v in self.data.get("answers", {}).items()}
        for key in ("not_asked", "tailoring"):
            if not data.get(key):
                data.pop(key, None)
        header = "# maturity answer file: written by `maturity assess` after every answer.\n"
        return header + yaml.dump(
            data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100
        )

    # --- profile --------------------------------------------------------------------------
    def get(self, section: str, key: str) -> Any:
        value = self.data.get(section)
        return value.get(key) if isinstance(value, dict) else None

    def put(self, section: str, key: str, value: Any) -> None:
        target = self.data.setdefault(section, {})
        if value is None or value == "":
            target.pop(key, None)
        else:
            target[key] = value

    @property
    def kind(self) -> EnterpriseType:
        return EnterpriseType(self.get("organisation", "type") or "discrete")

    @property
    def profile(self) -> Profile:
        """The profile the draft names, else its type's (selects the items asked)."""
        named = self.get("organisation", "profile")
        return Profile(named) if named in Profile.__members__ else DEFAULT_PROFILE[self.kind]

    @property
    def target(self) -> int | None:
        value = self.get("assessment", "target_level")
        return int(value) if isinstance(value, int) else None

    @property
    def tailoring(self) -> dict[str, str]:
        """Sub-domains tailored out, with the reason (written as ``tailoring:``)."""
        result: dict[str, str] = self.data.setdefault("tailoring", {})
        return result

    def start_from(self, quick: AnswerFile) -> dict[str, int]:
        """Take over a quick scan's organisation, target, assessor, priorities and tailoring (a
        sub-domain it answered N/A is tailored out with that reason); returns the level it chose
        per sub-domain."""
        self.data["organisation"] = quick.organisation.model_dump(mode="json", exclude_none=True)
        target = quick.assessment.target_level
        if target is not None:
            self.put("assessment", "target_level", target)
        if quick.assessment.assessor is not None:
            self.put(
                "assessment",
                "assessor",
                quick.assessment.assessor.model_dump(mode="json", exclude_none=True),
            )
        if quick.priorities:
            self.data["priorities"] = [k.value for k in quick.priorities]
        subs = self.questionnaire.header.subdomains
        known = {s.id for s in subs}
        chosen: dict[str, int] = {}
        for item_id, answer in quick.answers.items():
            if item_id not in known or answer is None:
                continue
            if answer.rating == "na" and answer.reason:
                self.tailoring[item_id] = answer.reason
            elif isinstance(answer.rating, int):
                chosen[item_id] = answer.rating
        self.tailoring.update((k, v) for k, v in quick.tailoring.items() if k in known)
        return chosen

    # --- answers --------------------------------------------------------------------------
    @property
    def answers(self) -> dict[str, Any]:
        result: dict[str, Any] = self.data.setdefault("answers", {})
        return result

    def answer(self, item_id: str) -> Answer | None:
        raw = self.answers.get(item_id)
        return None if raw is None else Answer.parse(raw)

    def set_answer(self, item_id: str, answer: Answer | None) -> None:
        if answer is None:
            self.answers.pop(item_id, None)
        else:
            self.answers[item_id] = answer.model_dump(exclude_defaults=True)

    def set_not_asked(self, ids: list[str]) -> None:
        self.data["not_asked"] = list(ids)

    @property
    def not_asked(self) -> list[str]:
        return list(self.data.get("not_asked") or [])


def _compact(value: Any) -> Any:
    """``{"rating": "most"}`` is written in the short form ``most``."""
    if isinstance(value, dict) and set(value) == {"rating"}:
        return value["rating"]
    return value


def load_draft(path: Path, questionnaire: Questionnaire) -> tuple[Draft, list[tuple[str, str]]]:
    """Read an answer file to continue it; returns the draft and the profile fields still missing.

    Anything else wrong with the file (a hand edit gone wrong, another questionnaire or version)
    raises :class:`AnswersError` with every problem located, as ``maturity validate`` would.
    """
    doc = yamlio.load(path)
    if not isinstance(doc.data, dict):
        raise AnswersError([yamlio.not_mapping(doc.path, doc.data)])
    ref = doc.data.get("questionnaire")
    if isinstance(ref, dict) and ref.get("id") not in (None, questionnaire.id):
        raise AnswersError(
            [
                doc.problem(
                    "answers.wrong_questionnaire",
                    ("questionnaire", "id"),
                    got=ref.get("id"),
                    available=questionnaire.id,
                )
            ]
        )
    if isinstance(ref, dict) and str(ref.get("version")) != questionnaire.version:
        raise AnswersError(
            [
                doc.problem(
                    "answers.wrong_version",
                    ("questionnaire", "version"),
                    id=questionnaire.id,
                    got=ref.get("version"),
                    expected=questionnaire.version,
                )
            ]
        )
    probe = copy.deepcopy(doc.data)
    if (
        probe.get("answers", {}) is None
    ):  # `answers:` with nothing under it: just what resuming fills in
        probe["answers"] = {}
    missing: list[tuple[str, str]] = []
    for (section, key), placeholder in PROFILE_PLACEHOLDERS.items():
        part = probe.setdefault(section, {})
        if isinstance(part, dict) and part.get(key) in (None, ""):
            part[key] = placeholder
            missing.append((section, key))
    try:
        parsed = AnswerFile.model_validate(probe)
    except ValidationError as exc:
        raise AnswersError(diagnose(doc, exc, probe)) from None
    errors = [p for p in check_against(doc, parsed, questionnaire) if p.severity == "error"]
    if errors:
        raise AnswersError(errors)
    draft = Draft(path, questionnaire, dict(doc.data))
    draft.data.setdefault("answers", {})
    if draft.data["answers"] is None:
        draft.data["answers"] = {}
    return draft, missing
