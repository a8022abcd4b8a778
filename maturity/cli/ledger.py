"""``--ledger``: the CLI's side of :mod:`maturity.ledger` for the shareable outputs of
``portfolio``, ``score -o x.xlsx`` and ``benchmark``: check the membership before the output is
written, record the edition once it is."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from maturity.cli.app import State, err_console
from maturity.cli.output import data_folders, guard_output, same_file
from maturity.errors import InputError, Problem
from maturity.i18n import Lang, msg

if TYPE_CHECKING:
    from maturity.batch import Scored
    from maturity.ledger import Ledger


@dataclass
class Issue:
    """One shareable output about to be issued, and the ledger it must agree with (None: no
    --ledger, nothing to check)."""

    ledger: Ledger | None
    audience: str
    command: str
    unchecked: Lang | None = None  # a shareable output without --ledger: say so once it is out
    members: tuple[str, ...] = ()
    code: str = ""
    rows: list[dict[str, Any]] = field(default_factory=list)  # what `score` streams out

    def add(self, item: Scored) -> None:
        """A file of a streamed output, its row kept only when there is a ledger to check (a JSON
        output has no rows)."""
        if self.ledger is not None:
            self.rows.append(item.summary())

    def check(self, rows: Sequence[dict[str, Any]]) -> None:
        """Refuse before the output is written: nothing is issued that the ledger forbids."""
        if self.ledger is None:
            return
        from maturity import ledger, peers
        from maturity.editions import membership_code

        self.members = ledger.members(self.ledger, rows)
        self.code = membership_code(peers.latest(rows).rows)
        ledger.check(self.ledger, self.members)

    def record(self) -> None:
        """The output is written: it counts as issued (or, without a ledger, goes unchecked)."""
        if self.unchecked is not None:
            from maturity.editions import MIN_APART

            err_console().print(msg("ledger.unchecked", self.unchecked, min=MIN_APART))
        if self.ledger is not None:
            from maturity.ledger import record

            record(self.ledger, self.audience, self.command, self.code, self.members)


def open_issue(
    st: State,
    path: Path | None,
    shareable: bool,
    command: tuple[str, str],
    output: Path | None,
    inputs: Iterable[Path | str | None],
) -> Issue:
    """The issue to check for a shareable output (``command``: its name and audience), after the
    ledger file is found safe to rewrite; an internal one has nothing to check. Without --ledger
    a shareable output is allowed, with a warning that the rule went unchecked."""
    if not shareable:
        if path is not None:
            raise InputError([Problem("ledger.internal")])
        return Issue(None, command[1], command[0])
    if path is None:
        return Issue(None, command[1], command[0], unchecked=st.lang)
    from maturity.ledger import load

    guard_output(path, inputs, data_folders(st))  # the ledger is rewritten: never onto an input
    if output is not None and (path == output or same_file(output, [path])):
        raise InputError([Problem("ledger.is_output", {"path": str(path)})])
    return Issue(load(path), command[1], command[0])
