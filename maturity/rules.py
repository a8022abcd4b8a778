"""Loading scoring rules and checking that they fit a questionnaire."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from maturity import yamlio
from maturity.errors import Problem, RulesError
from maturity.questionnaire import Questionnaire
from maturity.resources import builtin_dir
from maturity.schema.base import EnterpriseType
from maturity.schema.rules import ScoringRules
from maturity.validation import schema_problems

_METHOD_FOR_KIND = {"requirements": "requirements", "quick": "descriptors"}


@dataclass(frozen=True)
class LoadedRules:
    rules: ScoringRules
    path: Path
    raw: bytes
    sha256: str


def default_rules_path(questionnaire: Questionnaire) -> Path:
    """The questionnaire's own directory first, then a sibling scoring_rules/, then the
    built-ins."""
    name = questionnaire.header.default_rules
    for candidate in (
        questionnaire.path / name,
        questionnaire.path.parent.parent / "scoring_rules" / name,
        builtin_dir("scoring_rules") / name,
    ):
        if candidate.is_file():
            return candidate
    return builtin_dir("scoring_rules") / name


def installed_rules_paths(questionnaire: Questionnaire) -> list[Path]:
    """Every rules file installed for ``questionnaire``: its default rules, then the built-ins
    (each once)."""
    candidates = [default_rules_path(questionnaire)]
    candidates += sorted(builtin_dir("scoring_rules").glob("*.yaml"))
    return list(dict.fromkeys(candidates))


def load_rules(path: Path, questionnaire: Questionnaire) -> LoadedRules:
    """Load ``path`` and check it against ``questionnaire``; every problem is reported at once."""
    raw, _, _ = yamlio.read_text(path)
    return parse_rules(raw, str(path), questionnaire, path)


def parse_rules(
    raw: bytes, display: str, questionnaire: Questionnaire, path: Path | None = None
) -> LoadedRules:
    """Validate a rules file given as bytes (e.g. embedded in a signed report)."""
    text, warnings = yamlio.decode(raw, display)
    doc = yamlio.parse(text, display, warnings)
    try:
        rules = ScoringRules.model_validate(doc.data)
    except ValidationError as exc:
        raise RulesError(schema_problems(doc, exc)) from None
    problems: list[Problem] = []
    if (
        rules.questionnaire != questionnaire.id
        or rules.method != _METHOD_FOR_KIND[questionnaire.header.kind]
    ):
        problems.append(
            doc.problem(
                "answers.rules_mismatch",
                ("questionnaire",),
                rules=rules.id,
                expected=rules.questionnaire,
                got=questionnaire.id,
            )
        )
    subdomains = {s.id for s in questionnaire.header.subdomains}
    for kind in EnterpriseType:
        table = rules.weights.for_type(kind)
        for missing in sorted(subdomains - set(table)):
            problems.append(
                doc.problem(
                    "model.missing_weight", ("weights", kind.value), type=kind.value, id=missing
                )
            )
        for unknown in sorted(set(table) - subdomains):
            problems.append(
                doc.problem(
                    "model.unknown_weight",
                    ("weights", kind.value, unknown),
                    type=kind.value,
                    id=unknown,
                )
            )
    if problems:
        raise RulesError(problems)
    return LoadedRules(
        rules=rules, path=path or Path(display), raw=raw, sha256=hashlib.sha256(raw).hexdigest()
    )
