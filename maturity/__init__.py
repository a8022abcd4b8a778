"""maturity: intelligent-manufacturing capability maturity self-assessment (GB/T 39116/39117).

Library use::

    from pathlib import Path
    from maturity import Catalog, load_answers, load_rules, default_rules_path, score

    catalog = Catalog()
    loaded = load_answers(Path("answers.yaml"), catalog.load)
    rules = load_rules(default_rules_path(loaded.questionnaire), loaded.questionnaire)
    result = score(loaded.questionnaire, rules, loaded.answers)
    print(result.level, result.score)
"""

__version__ = "0.1.0"

from maturity.answers import LoadedAnswers, load_answers
from maturity.errors import AnswersError, InputError, MaturityError, Problem, QuestionnaireError, RulesError
from maturity.questionnaire import Catalog, Questionnaire, load_questionnaire
from maturity.rules import LoadedRules, default_rules_path, load_rules
from maturity.scoring import score

__all__ = [
    "AnswersError",
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
