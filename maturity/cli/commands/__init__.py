"""The commands, one module per family. Importing this package registers them all, in the order that
``maturity --help`` and docs/cli.md list them: the order of the imports below."""

# isort: off
from maturity.cli.commands import (
    score,
    questionnaire,
    migrate,
    merge,
    assess,
    history,
    benchmark,
    report,
    plan,
    portfolio,
    sign,
)
# isort: on

__all__ = [
    "assess",
    "benchmark",
    "history",
    "merge",
    "migrate",
    "plan",
    "portfolio",
    "questionnaire",
    "report",
    "score",
    "sign",
]
