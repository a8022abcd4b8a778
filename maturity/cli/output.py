"""Where output goes: standard output, or the -o file, written atomically and never onto an input.

The output layer (:mod:`maturity.formats`) renders; this module alone decides where the result goes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from maturity.atomic import file_id, write_atomic
from maturity.cli.app import State, err_console, out_console
from maturity.errors import InputError, Problem
from maturity.i18n import msg

if TYPE_CHECKING:
    from rich.console import RenderableType


def emit(text: str) -> None:
    """Machine-readable output goes to stdout unchanged."""
    sys.stdout.write(text)
    sys.stdout.flush()


def show(st: State, rendered: RenderableType | str | bytes, output: Path | None = None) -> None:
    """Text as it is, tables on the terminal; into ``output`` instead when given (tables as plain
    text, a workbook's bytes as they are: see :func:`binary_needs_file`)."""
    if isinstance(rendered, bytes):
        write_output(st, output, rendered)
    elif output is None and not isinstance(rendered, str):
        out_console().print(rendered)
    elif isinstance(rendered, str):
        write_output(st, output, rendered)
    else:
        from maturity.formats import render_text

        write_output(st, output, render_text(rendered))


def write_output(st: State, output: Path | None, data: str | bytes) -> None:
    """To standard output (text), or atomically to ``output``, saying so on stderr."""
    if output is None:
        assert isinstance(
            data, str
        )  # bytes (a workbook) never go to a terminal: the commands ask for -o
        emit(data)
        return
    require_parent(output)
    write_atomic(output, data)
    err_console().print(msg("cli.wrote", st.lang, path=output))


def binary_needs_file(fmt: str, output: Path | None) -> None:
    """A workbook cannot go to the terminal: refuse before any work is done."""
    if fmt == "xlsx" and output is None:
        raise InputError([Problem("output.needs_file", {"format": fmt})])


def require_parent(path: Path) -> None:
    """An output's folder must exist: maturity creates files, not folders (report DIR excepted)."""
    if not os.path.exists(
        path.parent if str(path.parent) else "."
    ):  # never raises (a name too long is reported on writing)
        raise InputError([Problem("cli.output_dir_missing", {"path": str(path.parent)})])


def guard_output(
    output: Path | None, inputs: Iterable[Path | str | None], read_folders: Iterable[Path] = ()
) -> None:
    """Refuse an output that is the same file as any input the command reads (answers, --rules,
    --previous, --p12...): the atomic rename would replace it. Links and other spellings count.
    An output inside one of ``read_folders`` (see :func:`data_folders`) is refused too."""
    if output is None:
        return
    if (clash := same_file(output, inputs)) is not None:
        raise InputError([Problem("output.is_input", {"path": str(output), "input": str(clash)})])
    if (folder := _inside(output, read_folders)) is not None:
        raise InputError(
            [Problem("output.in_data_folder", {"path": str(output), "folder": str(folder)})]
        )


def data_folders(st: State, template_dirs: Iterable[Path] = ()) -> Iterator[Path]:
    """The folders whose files a command may read besides the ones it is given: every questionnaire
    on the search path (its sub-domains, advice, rules), the scoring_rules beside them, the built-in
    data, the report templates and the package itself. Whole folders, not the files loaded: a new
    file there (a subdomains/x.yaml) would change the questionnaire as surely as an overwritten one.
    A generator: the search path is only read when there is an -o to check."""
    from maturity.resources import PACKAGE_DIR, builtin_dir

    questionnaires = [v.path for v in st.catalog.every_version()]  # older versions too
    yield from questionnaires
    yield from (q.parent.parent / "scoring_rules" for q in questionnaires)  # default_rules_path
    yield from (builtin_dir(n) for n in ("questionnaires", "scoring_rules", "report_templates"))
    yield PACKAGE_DIR  # maturity's own code
    yield from template_dirs


def _inside(output: Path, folders: Iterable[Path]) -> Path | None:
    """The first of ``folders`` that holds ``output``, links resolved (realpath never raises)."""
    target = Path(os.path.realpath(output))
    return next((f for f in folders if target.is_relative_to(os.path.realpath(f))), None)


def same_file(output: Path, inputs: Iterable[Path | str | None]) -> Path | str | None:
    """The first of ``inputs`` that is the file ``output`` names, if it exists (one stat per
    input)."""
    target = file_id(output)
    if target is None:  # nothing there yet (or a device): nothing to lose
        return None
    return next((item for item in inputs if item is not None and file_id(item) == target), None)


__all__ = [
    "binary_needs_file",
    "data_folders",
    "emit",
    "guard_output",
    "require_parent",
    "same_file",
    "show",
    "write_output",
]
