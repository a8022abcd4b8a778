"""maturity: intelligent-manufacturing capability maturity assessment (GB/T 39116/39117).

Library use::

    from pathlib import Path
    from maturity import Assessor, Catalog

    loaded, rules, result = Assessor(Catalog()).assess(Path("answers.yaml"))
    print(result.level, result.score)
"""

from __future__ import annotations

__version__ = "0.1.0"  # before the imports: the modules below read it

from maturity.answers import LoadedAnswers, load_answers
from maturity.assessment import Assessed, Assessor
from maturity.errors import (
    AnswersError,
    InputError,
    MaturityError,
    Problem,
    QuestionnaireError,
    RulesError,
)
from maturity.questionnaire import Catalog, Questionnaire, load_questionnaire
from maturity.rules import LoadedRules, default_rules_path, load_rules
from maturity.scoring import score

__all__ = [
    "AnswersError",
    "Assessed",
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
