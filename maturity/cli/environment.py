"""The environment variables the CLI reads for the library (the library itself reads none): the
language, the questionnaire folders and the cache folder."""

from __future__ import annotations

import os
from pathlib import Path

from maturity.errors import InputError, Problem
from maturity.i18n import Lang, normalise_lang

QUESTIONNAIRES = "MATURITY_QUESTIONNAIRES"
CACHE_DIR = "MATURITY_CACHE_DIR"


def questionnaire_dirs(given: list[Path]) -> list[Path]:
    """``--questionnaires`` first, then $MATURITY_QUESTIONNAIRES (os.pathsep-separated); built-ins
    come after both."""
    configured = os.environ.get(QUESTIONNAIRES)
    return (
        [*given, *(Path(p) for p in configured.split(os.pathsep) if p)]
        if configured
        else list(given)
    )


def cache_dir() -> Path | None:
    """$MATURITY_CACHE_DIR ("off": none), else $XDG_CACHE_HOME/maturity, else ~/.cache/maturity."""
    configured = os.environ.get(CACHE_DIR)
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "maturity"


ENV_LANG = "MATURITY_LANG"


def detect_lang(explicit: str | None = None) -> Lang:
    """``--lang`` wins, then $MATURITY_LANG, then the locale; Chinese when nothing says otherwise.

    A bad ``explicit`` value raises ValueError (the option reports it); a bad $MATURITY_LANG raises
    an InputError naming the variable, in both languages since the language is what is unknown.
    """
    if explicit:
        return normalise_lang(explicit)
    configured = os.environ.get(ENV_LANG)
    if configured:
        try:
            return normalise_lang(configured)
        except ValueError:
            raise InputError(
                [Problem("cli.bad_lang_env", {"var": ENV_LANG, "value": configured})]
            ) from None
    return locale_lang()


def default_lang() -> Lang:
    """The language before the options are read: as :func:`detect_lang`, but a bad $MATURITY_LANG
    falls back to the locale (the error about it is reported in that language, once)."""
    configured = os.environ.get(ENV_LANG, "")
    try:
        return normalise_lang(configured) if configured else locale_lang()
    except ValueError:
        return locale_lang()


def locale_lang() -> Lang:
    # The first of these that is set decides, as for any POSIX program; a "C"/"POSIX" locale (a
    # server or CI default) names no language, so Chinese applies.
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value:
            if value in ("C", "POSIX") or value.startswith(("C.", "POSIX.")):
                return "zh"
            return "zh" if value.lower().startswith("zh") else "en"
    return "zh"
