"""The one Jinja environment: templates found along a search path, autoescape always on.

A ``--template-dir`` comes first on the search path, so a consultant can override a single
template (the cover, the CSS, labels.yaml) and inherit the rest from report_templates/.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import jinja2
from markupsafe import Markup, escape
from pydantic import Strict, TypeAdapter, ValidationError

from maturity import yamlio
from maturity.errors import InputError, Problem
from maturity.models.base import Text
from maturity.report.inputs import ReportLang
from maturity.resources import builtin_dir
from maturity.text import markdown_text
from maturity.validation import schema_problems


def search_path(template_dirs: Sequence[Path] = ()) -> list[Path]:
    return [*template_dirs, builtin_dir("report_templates")]


def load_labels(dirs: Sequence[Path]) -> dict[str, Text]:
    """labels.yaml from the first directory on the search path that has one."""
    for directory in dirs:
        path = directory / "labels.yaml"
        if path.is_file():
            doc = yamlio.load(path)
            if not isinstance(doc.data, dict):
                raise InputError([yamlio.not_mapping(doc.path, doc.data)])
            try:
                return _LABELS.validate_python(doc.data)
            except ValidationError as exc:
                raise InputError(schema_problems(doc, exc)) from None
    raise InputError([Problem("file.missing", file="labels.yaml")])


_LABELS = TypeAdapter(dict[Annotated[str, Strict()], Text])


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
        zh, en = text.zh, text.en
        if params:
            zh, en = zh.format(**params), en.format(**params)
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
        zh, en = text.zh.format(**params) if params else text.zh, text.en.format(**params) if params else text.en
        return zh if self.lang == "zh" else en if self.lang == "en" else f"{zh} / {en}"

    def _label(self, key: str) -> Text:
        if key not in self.labels:
            raise InputError([Problem("template.labels", {"key": key})])
        return self.labels[key]

    def label(self, key: str, **params: object) -> Markup | str:
        return self.tx(self._label(key), **params)

    def label_plain(self, key: str, **params: object) -> str:
        return self.plain(self._label(key), **params)


def environment(dirs: Sequence[Path]) -> jinja2.Environment:
    return _environment(tuple(dirs))


@functools.lru_cache(maxsize=8)
def _environment(dirs: tuple[Path, ...]) -> jinja2.Environment:
    # one environment per search path: templates are compiled once per process (batch reports)
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in dirs]),
        autoescape=True,  # for every template, whatever its name (.html.j2 and .md.j2 alike)
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["score"] = lambda v: "–" if v is None else f"{v:.2f}"
    env.filters["pct"] = lambda v: f"{v * 100:.1f}%"
    # user text in Markdown (names, notes, evidence, reasons): no images, links or new blocks; "cell" is
    # the older name, kept for templates in a --template-dir
    env.filters["md"] = env.filters["cell"] = markdown_text
    return env


def render(dirs: Sequence[Path], template: str, **context: Any) -> str:
    try:
        return environment(dirs).get_template(template).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise InputError([Problem("file.missing", file=str(exc.name))]) from None
    except jinja2.TemplateSyntaxError as exc:
        raise InputError(
            [Problem("template.syntax", {"problem": exc.message or "?"}, file=exc.filename or exc.name, line=exc.lineno)]
        ) from None
