"""Usage errors (missing argument, unknown option or command, bad value) in the user's language.

Typer phrases these in English. The exception carries what went wrong (the parameter, the option,
the possibilities), so the sentence can be ours; whatever is not recognised keeps typer's own
text. The attributes are read by name rather than by importing typer's vendored exception classes,
which are private.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from maturity.errors import Problem
from maturity.i18n import LANGS, Lang, msg

# The coercion messages typer produces for our options (choices and integer ranges).
_NOT_ONE_OF = re.compile(r"^(?P<value>.+) is not one of (?P<choices>.+?)\.?$")
_NEEDS_VALUE = re.compile(r"requires an argument|requires \d+ arguments")
_BOUND = re.compile(r"^Input should be (?P<side>greater|less) than or equal to (?P<limit>\S+?)\.?$")


def describe(exc: Exception, lang: Lang) -> str:
    """One sentence, without the final full stop, saying what is wrong with the command line."""
    hint = _hint(exc)
    if hint and hasattr(exc, "param_type"):  # a missing parameter
        kind = exc.param_type or getattr(getattr(exc, "param", None), "param_type_name", None)
        return msg(
            "usage.missing_option" if kind == "option" else "usage.missing_argument",
            lang,
            param=hint,
        )
    name = getattr(exc, "option_name", None)
    if isinstance(name, str) and hasattr(exc, "possibilities"):
        possible = sorted(getattr(exc, "possibilities", None) or ())
        text = msg("usage.no_option", lang, name=name)
        return (
            text + msg("usage.did_you_mean", lang, names=", ".join(possible)) if possible else text
        )
    if isinstance(name, str) and _NEEDS_VALUE.search(str(getattr(exc, "message", ""))):
        return msg("usage.needs_value", lang, name=name)
    message = getattr(exc, "message", None)
    if hint and isinstance(message, str):
        return msg("usage.bad_value", lang, param=hint, detail=_detail(message, lang))
    format_message = getattr(exc, "format_message", None)
    return str(format_message() if callable(format_message) else exc).rstrip(".。")


def unknown_command(name: str, commands: Sequence[str], command_path: str) -> Problem:
    """``maturity scor``: the problem to report, with the commands it may have meant."""
    close = difflib.get_close_matches(name, commands)
    suggestion = {
        lang: msg("usage.did_you_mean", lang, names=", ".join(repr(c) for c in close))
        if close
        else ""
        for lang in LANGS
    }
    problem = Problem("usage.no_command", {"name": name, "suggestion": suggestion})
    return Problem(
        "cli.usage",
        {"problem": {lang: problem.text(lang) for lang in LANGS}, "command": command_path},
    )


def _hint(exc: Exception) -> str | None:
    """How typer names the parameter: 'FILES', or '--format' / '-f'."""
    hint = getattr(exc, "param_hint", None)
    param = getattr(exc, "param", None)
    if hint is None and param is not None and callable(getattr(param, "get_error_hint", None)):
        try:
            hint = param.get_error_hint()
        except TypeError:  # some versions want the context
            hint = None
    if isinstance(hint, str):
        return hint
    if isinstance(hint, Sequence):
        return " / ".join(repr(h) for h in hint)
    return None


def _detail(text: str, lang: Lang) -> str:
    text = text.removeprefix("Value error, ").rstrip(".。")
    if found := _NOT_ONE_OF.match(text):
        choices = found["choices"].replace(", ", "、") if lang == "zh" else found["choices"]
        return msg("usage.not_one_of", lang, value=found["value"], choices=choices)
    if found := _BOUND.match(text):
        return msg(
            f"usage.at_{'least' if found['side'] == 'greater' else 'most'}",
            lang,
            limit=found["limit"],
        )
    return text
