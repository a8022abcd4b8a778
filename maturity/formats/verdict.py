"""The verdict of ``verify``: one line per check, then what it amounts to."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Protocol

from maturity.errors import ExitCode
from maturity.formats import new_table, styled
from maturity.i18n import Lang, msg

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.text import Text

    from maturity.verify import Verdict

# outcome -> mark and colour (the values of maturity.verify.Outcome:
# imported here, verify would load the scoring)
MARKS = {
    "passed": ("✓", "green"),
    "failed": ("✗", "red"),
    "untrusted": ("!", "yellow"),
    "incomplete": ("!", "yellow"),
    "skipped": ("–", "dim"),
}


class VerdictRenderer(Protocol):
    def render(self, verdict: Verdict, lang: Lang) -> RenderableType | str: ...


class VerdictFormat(StrEnum):
    """A table only, for now: verify has no --format yet (its exit code is the machine-readable
    verdict)."""

    table = "table"

    def to_format(self) -> VerdictRenderer:
        if self is VerdictFormat.table:
            return VerdictTable()
        raise AssertionError(self)  # pragma: no cover - exhaustiveness is tested


class VerdictTable:
    def render(self, verdict: Verdict, lang: Lang) -> RenderableType:
        from rich.console import Group

        table = new_table(None, show_header=False, box=None, pad_edge=False)
        for _ in range(3):  # a long word (a hash, a path) wraps onto the next line, never cut
            table.add_column(overflow="fold")
        for check in verdict.checks:
            mark, style = MARKS[check.outcome]
            table.add_row(
                styled(mark, style), msg(f"out.verify.{check.name}", lang), check.message.text(lang)
            )
        warning = [styled(msg("verify.test_warning", lang), "bold yellow")]
        return Group(
            *assessed_line(verdict, lang),
            table,
            *(warning if verdict.test_certificate else []),
            styled(
                f"{summary_mark(verdict)} {msg(summary_key(verdict), lang)}",
                _SUMMARY_STYLE.get(verdict.exit_code, "bold red"),
            ),
        )


def assessed_line(verdict: Verdict, lang: Lang) -> list[Text]:
    """Whom the verified result is about, first: a level with no firm beside it could be
    reattached to another firm's cover."""
    if verdict.assessed is None:
        return []
    firm, date = verdict.assessed.organisation, verdict.assessed.date.isoformat()
    return [styled(msg("verify.assessed_line", lang, firm=firm, date=date), "bold")]


_SUMMARY_STYLE = {
    ExitCode.OK: "bold green",
    ExitCode.UNTRUSTED: "bold yellow",
    ExitCode.TEST_SIGNED: "bold yellow",
}


def summary_mark(verdict: Verdict) -> str:
    """The headline's mark: ✓ only for a verified formal report, ! for untrusted or TEST."""
    code = verdict.exit_code
    if code == ExitCode.OK:
        return MARKS["passed"][0]
    return MARKS["untrusted" if code in _SUMMARY_STYLE else "failed"][0]


def summary_key(verdict: Verdict) -> str:
    """Verified, not verified, or unaltered but untrusted: the signer, or else the rules, are not
    trusted."""
    code = verdict.exit_code
    if code == ExitCode.OK:
        return "verify.all_ok"
    if code == ExitCode.TEST_SIGNED:
        return "verify.test_summary"
    if code != ExitCode.UNTRUSTED:
        return "verify.failed"
    signer_untrusted = any(c.name == "trust" and c.outcome == "untrusted" for c in verdict.checks)
    return "verify.untrusted_summary" if signer_untrusted else "verify.rules_untrusted_summary"
