"""maturity: intelligent-manufacturing capability maturity self-assessment (GB/T 39116/39117).

Library use::

    from pathlib import Path
    from maturity import Assessor, Catalog

    loaded, rules, result = Assessor(Catalog()).assess(Path("answers.yaml"))
    print(result.level, result.score)

The names below are imported on first use: the ``maturity`` command's entry point
(maturity.launch, inside this package) sets the process up before pydantic is loaded.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "Assessment": "maturity.assessment",
    "Assessor": "maturity.assessment",
    "LoadedAnswers": "maturity.answers",
    "load_answers": "maturity.answers",
    "AnswersError": "maturity.errors",
    "InputError": "maturity.errors",
    "MaturityError": "maturity.errors",
    "Problem": "maturity.errors",
    "QuestionnaireError": "maturity.errors",
    "RulesError": "maturity.errors",
    "Catalog": "maturity.questionnaire",
    "Questionnaire": "maturity.questionnaire",
    "load_questionnaire": "maturity.questionnaire",
    "LoadedRules": "maturity.rules",
    "default_rules_path": "maturity.rules",
    "load_rules": "maturity.rules",
    "score": "maturity.scoring",
}

if TYPE_CHECKING:
    from maturity.answers import LoadedAnswers, load_answers
    from maturity.assessment import Assessment, Assessor
    from maturity.errors import AnswersError, InputError, MaturityError, Problem, QuestionnaireError, RulesError
    from maturity.questionnaire import Catalog, Questionnaire, load_questionnaire
    from maturity.rules import LoadedRules, default_rules_path, load_rules
    from maturity.scoring import score


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'maturity' has no attribute {name!r}")


__all__ = [
    "AnswersError",
    "Assessment",
    "Assessor",
    "Catalog",
    "InputError",
    "LoadedAnswers",
    "LoadedRules",
    "MaturityError",
    "Problem",
    "Questionnaire",
    "QuestionnaireError",
    "RulesError",
    "__version__",
    "default_rules_path",
    "load_answers",
    "load_questionnaire",
    "load_rules",
    "score",
]
