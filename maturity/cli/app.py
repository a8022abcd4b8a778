"""The typer application, the per-invocation state, the consoles and the one place where errors
become exit codes."""

from __future__ import annotations

import os
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
import typer.core

from maturity.cli import environment
from maturity.cli.environment import default_lang
from maturity.errors import ExitCode, InputError, MaturityError, Problem
from maturity.i18n import Lang, msg
from maturity.questionnaire import Catalog
from maturity.text import printable

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from maturity.assessment import Assessor


@dataclass
class State:
    """Per-invocation settings shared by the commands."""

    debug: bool = False
    questionnaire_dirs: list[Path] = field(default_factory=list)
    lang: Lang = field(default_factory=default_lang)
    _catalog: Catalog | None = None
    _assessors: dict[tuple[Path | None, bool], Assessor] = field(default_factory=dict)

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._catalog = Catalog(
                environment.questionnaire_dirs(self.questionnaire_dirs), environment.cache_dir()
            )
        return self._catalog

    def assessor(self, rules_path: Path | None, strict: bool) -> Assessor:
        """The one Assessor per rules path and strictness of this invocation: the rules are read
        once however many files a command scores (e.g. `trend`)."""
        from maturity.assessment import Assessor  # scoring: only for commands that score

        key = (rules_path, strict)
        if key not in self._assessors:
            self._assessors[key] = Assessor(self.catalog, rules_path, strict=strict)
        return self._assessors[key]


def err_console() -> Console:
    from maturity.formats.console import (
        safe_console,
    )  # rich is imported only when something is printed

    # Messages carry file names and values the user typed: shown as they are, never read as rich
    # markup ("[/]" in a file name) or emoji codes (":100:" in "file.yaml:100:3"), control
    # characters made visible (an ESC in a name must not drive the terminal).
    return safe_console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)


def labelled(label: str, style: str, text: str) -> Text:
    """``label: text`` with only the label coloured."""
    from rich.text import Text

    return Text.assemble((label, style), ": ", printable(text))  # Text drops BEL, CR...: shown


def out_console(markup: bool = False) -> Console:
    """Standard output. Tables and texts hold organisation and file names: no markup unless a caller
    escapes what it shows (the interview does); control characters are made visible."""
    from maturity.formats.console import safe_console

    return safe_console(highlight=False, markup=markup, emoji=False)


def report_problems(problems: list[Problem], lang: Lang) -> None:
    if not problems:
        return
    console = err_console()
    for problem in problems:
        label = msg("cli.warning" if problem.severity == "warning" else "cli.error", lang)
        style = "yellow" if problem.severity == "warning" else "red"
        console.print(labelled(label, style, problem.render(lang)))


class MaturityGroup(typer.core.TyperGroup):
    """Turns every :class:`MaturityError` into messages on stderr and a documented exit code."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except MaturityError as exc:
            report_problems(exc.problems, state(ctx).lang)
            if state(ctx).debug:
                traceback.print_exc()
            ctx.exit(int(exc.exit_code))
        except (KeyboardInterrupt, typer.Abort):
            err_console().print(msg("cli.interrupted", state(ctx).lang))
            ctx.exit(int(ExitCode.INTERRUPTED))
        except typer.Exit:
            raise
        except BrokenPipeError:
            # the reader went away (`maturity score DIR -f csv | head`): stop quietly; stdout goes
            # to /dev/null so that the interpreter's last flush does not complain either
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(int(ExitCode.OUTPUT_CLOSED))
        except typer.TyperException as exc:
            # a usage error of a command (missing argument, bad option): one line in our format
            if not _is_usage_error(exc):
                raise
            usage_ctx = getattr(exc, "ctx", None)
            sub = ctx.invoked_subcommand  # an option's missing value is reported without a context
            command = (
                usage_ctx.command_path
                if usage_ctx is not None
                else f"{ctx.command_path} {sub}"
                if sub
                else ctx.command_path
            )
            _print_usage_error(exc, state(ctx).lang, command)
            ctx.exit(int(ExitCode.INPUT))
        except Exception as exc:  # the last line of defence: no traceback unless --debug
            if state(ctx).debug:
                raise
            lang = state(ctx).lang
            err_console().print(
                labelled(
                    msg("cli.error", lang),
                    "red",
                    msg("cli.unexpected", lang, error=f"{type(exc).__name__}: {exc}"),
                )
            )
            ctx.exit(int(ExitCode.INTERNAL))

    def make_context(
        self, info_name: str | None, args: list[str], parent: Any = None, **extra: Any
    ) -> Any:
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except typer.TyperException as exc:  # the top level's own options: `maturity --bogus`
            if (
                not _is_usage_error(exc) or type(exc).__name__ == "NoArgsIsHelpError"
            ):  # no arguments: the help
                raise
            _print_usage_error(exc, default_lang(), info_name or "maturity")
            raise typer.Exit(int(ExitCode.INPUT)) from None

    def resolve_command(self, ctx: typer.Context, args: list[str]) -> Any:  # type: ignore[override]
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            from maturity.cli.usage import unknown_command

            raise InputError([unknown_command(name, self.list_commands(ctx), ctx.command_path)])
        return super().resolve_command(ctx, args)


def _is_usage_error(exc: Exception) -> bool:
    return getattr(exc, "exit_code", 1) == ExitCode.INPUT and callable(
        getattr(exc, "format_message", None)
    )


def _print_usage_error(exc: Exception, lang: Lang, command: str) -> None:
    from maturity.cli.usage import describe

    err_console().print(
        labelled(
            msg("cli.error", lang),
            "red",
            msg("cli.usage", lang, problem=describe(exc, lang), command=command),
        )
    )


def state(ctx: typer.Context) -> State:
    """The invocation's state, kept on the root context (made on first use)."""
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


app = typer.Typer(
    cls=MaturityGroup,
    name="maturity",
    help=(
        "Intelligent-manufacturing capability maturity assessment (GB/T 39116/39117): "
        "self-assessment, consultant-led or third-party, with reports and signed reports. "
        "智能制造能力成熟度评估：企业自评估、咨询机构辅助评估或第三方评估，出具报告和签名报告。"
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        from maturity import __version__

        print(f"maturity {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    questionnaires: Annotated[
        list[Path] | None,
        typer.Option(
            "--questionnaires",
            metavar="DIR",
            help=(
                "Extra questionnaire directory (repeatable; also "
                "$MATURITY_QUESTIONNAIRES). Searched before the built-in ones."
            ),
        ),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show tracebacks for unexpected errors.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", help="Print the version and exit.", is_eager=True, callback=_print_version
        ),
    ] = False,
) -> None:
    st = state(ctx)
    st.debug = debug or bool(os.environ.get("MATURITY_DEBUG"))
    st.questionnaire_dirs = list(questionnaires or [])


def progress_bar(console: Console) -> Any:
    """The progress bar of long runs: on the terminal only, gone when done (quiet in pipes and
    CI)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    return Progress(*columns, console=console, transient=True, disable=not console.is_terminal)


__all__ = [
    "State",
    "app",
    "err_console",
    "labelled",
    "out_console",
    "progress_bar",
    "report_problems",
    "state",
]
