"""The one assessment step: an answer file -> its questionnaire, its scoring rules and the scored
result.

Every command that reads answer files (through the CLI state's one Assessor per rules path and
strictness), the batch runner, batch reports and verify's rescoring go through :class:`Assessor`,
which keeps the questionnaires (through its :class:`~maturity.questionnaire.Catalog`) and the
rules of each questionnaire loaded for all the files it assesses.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import NamedTuple

from maturity import consistency
from maturity.answers import LoadedAnswers, load_answers, parse_answers
from maturity.errors import AnswersError, MaturityError, Problem
from maturity.questionnaire import Catalog, Questionnaire
from maturity.rules import LoadedRules, default_rules_path, load_rules, parse_rules
from maturity.schema.result import AssessmentResult
from maturity.scoring import score


class Assessed(NamedTuple):
    """One answer file assessed (not the answer file's ``assessment`` block, which is
    :class:`maturity.schema.answers.Assessment`)."""

    loaded: LoadedAnswers  # the answers, their questionnaire and warnings
    rules: LoadedRules
    result: AssessmentResult


class Assessor:
    """Loads, checks and scores answer files; ``rules_path`` (default: each questionnaire's own
    rules)."""

    def __init__(
        self, catalog: Catalog, rules_path: Path | None = None, *, strict: bool = False
    ) -> None:
        self.catalog = catalog
        self.rules_path = rules_path
        self.strict = strict
        self._rules: dict[str, LoadedRules] = {}  # questionnaire id -> its rules, loaded once

    def load(self, path: Path) -> LoadedAnswers:
        """The answers of ``path``, checked against their questionnaire and for consistency, not
        scored."""
        return self._consistent(load_answers(path, self.catalog.load, strict=self.strict))

    def assess(self, path: Path) -> Assessed:
        loaded = self.load(path)
        return self._scored(loaded, self.rules_for(loaded.questionnaire))

    def assess_bytes(
        self, answers: bytes, answers_name: str, rules: bytes, rules_name: str
    ) -> Assessed:
        """Answers and rules already read (e.g. embedded in a signed report), named as messages show
        them."""
        loaded = parse_answers(answers, answers_name, self.catalog.load, strict=self.strict)
        rules_used = parse_rules(rules, rules_name, loaded.questionnaire)
        return self._scored(self._consistent(loaded, rules_used), rules_used)

    def _consistent(self, loaded: LoadedAnswers, rules: LoadedRules | None = None) -> LoadedAnswers:
        """The consistency findings join the file's warnings (errors with ``strict``); they need
        the rules' scale and gate, so they are checked here rather than in the answers module."""
        rules = rules or self.rules_for(loaded.questionnaire)
        found = consistency.check(
            loaded.answers, loaded.questionnaire, rules.rules, loaded.document
        )
        if not found:
            return loaded
        if self.strict:
            raise AnswersError([dataclasses.replace(p, severity="error") for p in found])
        return dataclasses.replace(loaded, warnings=loaded.warnings + tuple(found))

    def rules_for(self, questionnaire: Questionnaire) -> LoadedRules:
        if questionnaire.id not in self._rules:
            path = self.rules_path or default_rules_path(questionnaire)
            self._rules[questionnaire.id] = load_rules(path, questionnaire)
        return self._rules[questionnaire.id]

    @staticmethod
    def _scored(loaded: LoadedAnswers, rules: LoadedRules) -> Assessed:
        return Assessed(loaded, rules, score(loaded.questionnaire, rules, loaded.answers))


def failure(exc: Exception, path: str) -> list[Problem]:
    """What one item of a batch that failed reports: one broken file must never stop a batch of
    thousands."""
    if isinstance(exc, MaturityError):
        return exc.problems
    return [Problem("core.unexpected", {"error": f"{type(exc).__name__}: {exc}"}, file=path)]
