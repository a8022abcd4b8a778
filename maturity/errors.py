"""One exception tree for everything a user can get wrong, and the exit codes it maps to.

The library raises these; only the CLI turns them into text and exit codes (``maturity.cli``).
A :class:`Problem` is language-neutral (a message key and its parameters) so that the same
error can be shown in Chinese or English and tested exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Literal

from maturity.i18n import Lang, Phrase, msg


class ExitCode(IntEnum):
    """Documented exit codes (README, "Exit codes")."""

    OK = 0
    INTERNAL = 1  # a bug in maturity (rerun with --debug), or a batch worker process was killed
    INPUT = 2  # bad input or usage: the message says which file, where, and what to do
    PARTIAL = 3  # batch: some files failed, the others were processed
    NOT_VERIFIED = (
        4  # verify: a check failed (broken or altered signature, rescore differs, evidence differs)
    )
    UNTRUSTED = (
        5  # verify: everything holds, but the signer does not chain to a trusted certificate
    )
    TEST_SIGNED = 6  # verify: everything holds, but the signer is a keygen TEST certificate
    HANGUP = 129  # SIGHUP (the terminal was closed): stopped cleanly, no temporary file left
    INTERRUPTED = 130  # Ctrl-C
    OUTPUT_CLOSED = (
        141  # standard output was closed early (e.g. `| head`): the shell's code for SIGPIPE
    )
    TERMINATED = 143  # SIGTERM (`kill`, a service stopped): stopped cleanly, no temporary file left


Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input, with its location when known."""

    key: str
    params: dict[str, object] = field(default_factory=dict)
    file: str | None = None
    line: int | None = None
    column: int | None = None
    severity: Severity = "error"
    where: str | None = (
        None  # a location that is not line:column, e.g. a workbook cell "Answers!E12"
    )

    def location(self) -> str:
        parts = [p for p in (self.file, self.line, self.column, self.where) if p is not None]
        return ":".join(str(p) for p in parts)

    def text(self, lang: Lang) -> str:
        return msg(self.key, lang, **{k: _in_lang(v, lang) for k, v in self.params.items()})

    def render(self, lang: Lang) -> str:
        where = self.location()
        return f"{where}: {self.text(lang)}" if where else self.text(lang)


def _in_lang(value: object, lang: Lang) -> object:
    # a parameter may itself be a message (a Phrase) or
    # computed text in both languages ({lang: text})
    if isinstance(value, Phrase):
        return value.text(lang)
    if isinstance(value, dict) and lang in value:
        return value[lang]
    return value


class MaturityError(Exception):
    """Base of every error maturity raises on purpose."""

    exit_code: ExitCode = ExitCode.INTERNAL

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(p.render("en") for p in problems))


class InputError(MaturityError):
    """A file or argument the user gave is unusable. Carries every problem found, not just the
    first."""

    exit_code = ExitCode.INPUT


class AnswersError(InputError):
    """An answer file is invalid."""


class QuestionnaireError(InputError):
    """A questionnaire directory (built-in or custom) is invalid."""


class RulesError(InputError):
    """A scoring-rules file is invalid or does not fit the questionnaire."""


class WorkerError(MaturityError):
    """A worker process of a parallel batch died (killed, out of memory): the batch cannot
    finish."""


class RenderError(MaturityError):
    """A report cannot be rendered here (PDF engine or CJK font missing); the message says what to
    install."""

    exit_code = ExitCode.INPUT
