"""The one Jinja environment: templates found along a search path, sandboxed, autoescape always on.

A ``--template-dir`` comes first on the search path, so a consultant can override a single
template (the cover, the CSS, labels.yaml) and inherit the rest from report_templates/.

A template pack is untrusted: templates run in Jinja's sandbox (no attribute starting with "_",
no mutation of shared objects), files are read only from inside the directory they were found in
(a symlink to /etc/passwd is refused), and label placeholders are plain names (``{n}``), so that
``str.format`` cannot walk into ``{x.__init__.__globals__}`` either.
"""

from __future__ import annotations

import functools
import string
import traceback
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any

import jinja2
from markupsafe import Markup, escape
from pydantic import Strict, TypeAdapter, ValidationError

from maturity import yamlio
from maturity.errors import InputError, MaturityError, Problem
from maturity.numbers import fmt_score
from maturity.report.inputs import ReportLang
from maturity.resources import builtin_dir
from maturity.schema.base import Text
from maturity.text import markdown_text
from maturity.validation import schema_problems


def search_path(template_dirs: Sequence[Path] = ()) -> list[Path]:
    return [*template_dirs, builtin_dir("report_templates")]


def confined(directory: Path, name: str) -> Path | None:
    """The real path of ``directory/name``; None when there is no such file.

    resolve() follows symlinks and removes '..': a file whose real path is outside the directory
    it was found in is refused rather than read (a template pack may not read other files).
    """
    found = directory / name
    if not found.is_file():
        return None
    real = found.resolve()
    if not real.is_relative_to(directory.resolve()):
        raise InputError([Problem("template.outside", {"dir": str(directory)}, file=str(found))])
    if shared_elsewhere(real):
        raise InputError([Problem("template.hard_link", {"dir": str(directory)}, file=str(found))])
    return real


def shared_elsewhere(real: Path) -> bool:
    """A file of a template pack that is also a hard link elsewhere: resolve() cannot tell where
    else, so it may be any file of the machine (``ln /etc/shadow pack/x.css``). The built-in
    templates are trusted as installed (an installer may hard-link them from its cache)."""
    return (
        not real.is_relative_to(builtin_dir("report_templates").resolve())
        and real.stat().st_nlink > 1
    )


# Labels the view-model reads (maturity/report/context.py), not a template. A pack's labels.yaml
# copied before they were labels (they were fixed texts) takes them from the built-in file, so that
# it keeps working; the labels its own templates use must still all be there.
VIEW_LABELS = (
    "unanswered",
    "param_scale",
    "param_gate",
    "param_total_rule",
    "param_bands",
    "param_weights",
    "weights_equal",
    "weights_by_subdomain",
    "total_rule_A",
    "total_rule_B",
    *(
        f"choice_{c}{part}"
        for c in ("plan", "phases", "minimal", "costs", "domains")
        for part in ("", "_text")
    ),
    "choice_weights",
)


def load_labels(dirs: Sequence[Path]) -> dict[str, Text]:
    """labels.yaml from the first directory on the search path that has one."""
    labels = _first_labels(dirs)
    missing = [key for key in VIEW_LABELS if key not in labels]
    if missing:
        builtin = _first_labels([builtin_dir("report_templates")])
        labels = {**labels, **{key: builtin[key] for key in missing}}
    return labels


def _first_labels(dirs: Sequence[Path]) -> dict[str, Text]:
    for directory in dirs:
        real = confined(directory, "labels.yaml")
        if real is not None:
            doc = yamlio.load(real, display=str(directory / "labels.yaml"))
            if not isinstance(doc.data, dict):
                raise InputError([yamlio.not_mapping(doc.path, doc.data)])
            try:
                return _LABELS.validate_python(doc.data)
            except ValidationError as exc:
                raise InputError(schema_problems(doc, exc)) from None
    raise InputError([Problem("file.missing", file="labels.yaml")])


_LABELS = TypeAdapter(dict[Annotated[str, Strict()], Text])


class _NamesOnly(string.Formatter):
    """``str.format`` limited to plain names: ``{x.attr}`` and ``{x[0]}`` would let a label read
    any attribute of the object passed in (its module's globals, os.environ), around the sandbox."""

    def get_field(self, field_name: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        if not field_name.isidentifier() or field_name not in kwargs:
            raise KeyError(field_name)
        return kwargs[field_name], field_name


_FORMATTER = _NamesOnly()


def _fill(text: str, params: Mapping[str, object]) -> str:
    try:
        return _FORMATTER.vformat(text, (), params)
    except (KeyError, ValueError, IndexError) as exc:
        fields = ", ".join(f"{{{name}}}" for name in params)
        raise InputError(
            [Problem("template.placeholder", {"text": text, "bad": exc, "fields": fields})]
        ) from None


def _fill_both(text: Text, params: Mapping[str, object]) -> tuple[str, str]:
    """Both languages filled; a bilingual parameter goes in in the language it is filled into
    (else a bilingual report would print "500 以上 / 500 or more 万元 / 500 以上 / ...")."""
    if not params:
        return text.zh, text.en

    def side(lang: str) -> dict[str, object]:
        return {k: getattr(v, lang) if isinstance(v, Text) else v for k, v in params.items()}

    return _fill(text.zh, side("zh")), _fill(text.en, side("en"))


class Translator:
    """Renders bilingual texts and labels in the report's language."""

    def __init__(self, lang: ReportLang, labels: dict[str, Text], markup: bool = True) -> None:
        self.lang = lang
        self.labels = labels
        self.markup = markup

    def tx(self, text: Text | None, **params: object) -> Markup | str:
        """A bilingual text; in a bilingual report, Chinese with the English beneath it."""
        if text is None:
            return ""
        zh, en = _fill_both(text, params)
        if self.lang == "zh":
            return escape(zh) if self.markup else zh
        if self.lang == "en":
            return escape(en) if self.markup else en
        if not self.markup:
            return f"{zh} / {en}"
        return Markup('{}<span class="en">{}</span>').format(zh, en)

    def plain(self, text: Text | None, **params: object) -> str:
        """One-line text without markup (for SVG labels, titles, metadata)."""
        if text is None:
            return ""
        zh, en = _fill_both(text, params)
        return zh if self.lang == "zh" else en if self.lang == "en" else f"{zh} / {en}"

    def _label(self, key: str) -> Text:
        if key not in self.labels:
            raise InputError([Problem("template.labels", {"key": key})])
        return self.labels[key]

    def label_text(self, key: str, **params: object) -> Text:
        """A label as a bilingual text, its placeholders filled: for the view-model to pass on."""
        text = self._label(key)
        return text.map(lambda value: _fill(value, params)) if params else text

    def label(self, key: str, **params: object) -> Markup | str:
        return self.tx(self._label(key), **params)

    def label_plain(self, key: str, **params: object) -> str:
        return self.plain(self._label(key), **params)


class ConfinedLoader(jinja2.BaseLoader):
    """FileSystemLoader's search, refusing files outside their directory and non-text files."""

    def __init__(self, dirs: Sequence[Path]) -> None:
        self.dirs = tuple(dirs)

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        from jinja2.loaders import split_template_path  # refuses '..' in template names

        name = "/".join(split_template_path(template))
        for directory in self.dirs:
            real = confined(directory, name)
            if real is not None:
                shown = str(directory / name)
                return (
                    _template_text(real, shown),
                    shown,
                    functools.partial(_unchanged, real, real.stat().st_mtime),
                )
        raise jinja2.TemplateNotFound(template)


def _unchanged(path: Path, mtime: float) -> bool:
    try:
        return path.stat().st_mtime == mtime
    except OSError:
        return False


def _template_text(path: Path, shown: str) -> str:
    raw = yamlio.read_bytes(path, shown)
    try:
        if (
            b"\x00" in raw
        ):  # a NUL decodes as UTF-8 but means a binary file (an image saved as report.css)
            raise UnicodeDecodeError(
                "utf-8", raw, raw.index(b"\x00"), raw.index(b"\x00") + 1, "NUL byte"
            )
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            [Problem("template.not_text", {"line": line}, file=shown, line=line)]
        ) from None


def environment(dirs: Sequence[Path]) -> jinja2.Environment:
    return _environment(tuple(dirs))


@functools.lru_cache(maxsize=8)
def _environment(dirs: tuple[Path, ...]) -> jinja2.Environment:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    # one environment per search path: templates are compiled once per process (batch reports);
    # sandboxed for all of them, built-in ones too, so that an override cannot tell the difference
    env = ImmutableSandboxedEnvironment(
        loader=ConfinedLoader(dirs),
        autoescape=True,  # for every template, whatever its name (.html.j2 and .md.j2 alike)
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["score"] = fmt_score
    env.filters["pct"] = lambda v: f"{v * 100:.1f}%"
    # user text in Markdown (names, notes, evidence, reasons): no images, links or new blocks;
    # "cell" is the older name, kept for templates in a --template-dir
    env.filters["md"] = env.filters["cell"] = markdown_text
    return env


def render(dirs: Sequence[Path], template: str, **context: Any) -> str:
    try:
        return environment(dirs).get_template(template).render(**context)
    except MaturityError:
        raise
    except jinja2.TemplateNotFound as exc:
        raise InputError([Problem("file.missing", file=str(exc.name))]) from None
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(
            [
                Problem(
                    "template.syntax",
                    {"problem": exc.message or "?"},
                    file=exc.filename or exc.name,
                    line=exc.lineno,
                )
            ]
        ) from None
    except Exception as exc:  # a custom template may fail in any way; ours may not
        where = _failing_template(exc, dirs)
        if where is None:
            raise  # the built-in templates failed: a bug in maturity (exit 1)
        from jinja2.exceptions import SecurityError

        key = "template.sandbox" if isinstance(exc, SecurityError) else "template.runtime"
        problem = (
            str(exc) if isinstance(exc, jinja2.TemplateError) else f"{type(exc).__name__}: {exc}"
        )
        raise InputError(
            [Problem(key, {"problem": problem}, file=where[0], line=where[1])]
        ) from None


def _failing_template(exc: BaseException, dirs: Sequence[Path]) -> tuple[str, int] | None:
    """The innermost template frame of the error, if that template came from a --template-dir
    (the built-in directory is the last on the search path).

    Jinja rewrites tracebacks so that template code shows with its file name and line.
    """
    prefixes = [str(d).rstrip("/") + "/" for d in dirs]
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.startswith(tuple(prefixes)):
            return (
                None
                if frame.filename.startswith(prefixes[-1])
                else (frame.filename, frame.lineno or 0)
            )
    return None
