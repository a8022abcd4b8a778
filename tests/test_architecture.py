"""The shape of the package, read from the source: no import cycles, the library never reaches into
the CLI, rich and typer stay out of the core, and the output layer renders without printing or
writing while the commands print without building tables."""

from __future__ import annotations

import ast
import enum
import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ENTRY_POINTS = {
    "maturity.__main__",
    "maturity.launch",
    "maturity.docgen",
}  # the programs that start the CLI
CLI, OUTPUT = "maturity.cli", "maturity.formats"


@dataclass(frozen=True)
class Import:
    source: str  # the importing module
    target: str  # a maturity module, or the dotted name of an outside one
    lazy: bool  # inside a function: runs when it is called
    typing_only: bool  # under `if TYPE_CHECKING:`: never runs
    line: int


def _within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


@cache
def modules() -> dict[str, Path]:
    found = {}
    for path in sorted((ROOT / "maturity").rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def _resolve(name: str) -> str:
    """``maturity.x.y`` names a module, or something in the nearest module above it."""
    if not _within(name, "maturity"):
        return name
    while name not in modules():
        name = name.rpartition(".")[0]
    return name


def _targets(node: ast.Import | ast.ImportFrom, package: str) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (_resolve(alias.name) for alias in node.names)
        return
    base = node.module or ""
    if node.level:  # relative: from the package, one level up per extra dot
        parent = package.split(".")[: len(package.split(".")) - node.level + 1]
        base = ".".join([*parent, *([node.module] if node.module else [])])
    for alias in node.names:  # `from maturity import batch` imports the module maturity.batch
        yield _resolve(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules() else base)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


@cache
def imports() -> tuple[Import, ...]:
    found: list[Import] = []
    for name, path in modules().items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]

        def visit(
            node: ast.AST, lazy: bool, typing_only: bool, name: str = name, package: str = package
        ) -> None:
            if isinstance(node, ast.Import | ast.ImportFrom):
                found.extend(
                    Import(name, target, lazy, typing_only, node.lineno)
                    for target in _targets(node, package)
                )
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                lazy = True
            elif isinstance(node, ast.If) and _is_type_checking(node):
                for stmt in node.body:
                    visit(stmt, lazy, True)
                for stmt in node.orelse:
                    visit(stmt, lazy, typing_only)
                return
            for child in ast.iter_child_nodes(node):
                visit(child, lazy, typing_only)

        visit(ast.parse(path.read_text(encoding="utf-8")), lazy=False, typing_only=False)
    return tuple(found)


def graph(keep: Callable[[Import], bool]) -> dict[str, set[str]]:
    """Module -> the maturity modules it imports. Importing a package above oneself is left out:
    Python imports it first anyway (``from maturity import __version__`` in a submodule)."""
    edges: dict[str, set[str]] = {name: set() for name in modules()}
    for imp in imports():
        if (
            keep(imp)
            and imp.target in modules()
            and imp.target != imp.source
            and not _within(imp.source, imp.target)
        ):
            edges[imp.source].add(imp.target)
    return edges


def find_cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a path (first module repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def walk(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (cycle := walk(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(edges):
        if start not in state and (cycle := walk(start)):
            return cycle
    return None


def test_no_import_cycle_at_module_level() -> None:
    """Imports that run on import, and those for the type checker, form no cycle; only an import
    inside a function (lazy, for start-up time) may point back."""
    cycle = find_cycle(graph(lambda imp: not imp.lazy))
    assert cycle is None, " -> ".join(cycle)


def test_no_cycle_in_the_cli_and_output_layer_even_through_lazy_imports() -> None:
    """The commands and the output layer depend one way: a lazy import must not hide a cycle there."""
    ours = graph(lambda imp: _within(imp.source, CLI) or _within(imp.source, OUTPUT))
    edges = {
        name: {t for t in targets if _within(t, CLI) or _within(t, OUTPUT)}
        for name, targets in ours.items()
    }
    cycle = find_cycle(edges)
    assert cycle is None, " -> ".join(cycle)


def test_only_the_cli_and_its_entry_points_import_the_cli() -> None:
    bad = [
        imp
        for imp in imports()
        if _within(imp.target, CLI)
        and not _within(imp.source, CLI)
        and imp.source not in ENTRY_POINTS
    ]
    assert bad == []


def test_only_the_cli_and_the_entry_points_import_the_entry_point() -> None:
    """maturity.launch sets process-wide things (signals, collector, loggers): the library never
    reaches for it; the CLI hands its worker set-up to the library instead."""
    bad = [
        f"{imp.source}:{imp.line}"
        for imp in imports()
        if imp.target == "maturity.launch"
        and not _within(imp.source, CLI)
        and imp.source not in ENTRY_POINTS
    ]
    assert bad == []


# Two classes of one name: the schema's Assessor (the person who assessed: the name is in the JSON
# Schema) and the core Assessor (asked for by name); the rules' score Band and peers' cohort Band.
SHARED_CLASS_NAMES = {"Assessor", "Band"}


def test_no_two_classes_share_a_name() -> None:
    """One name, one thing: e.g. the loaded recommendations (Guidance) vs the computed plan
    (Advice), an assessed file (Assessed) vs the answer file's assessment block (Assessment)."""
    where: dict[str, list[str]] = {}
    for name, path in modules().items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.ClassDef):
                where.setdefault(node.name, []).append(name)
    shared = {cls: mods for cls, mods in where.items() if len(mods) > 1}
    assert set(shared) == SHARED_CLASS_NAMES, shared


def test_only_the_cli_reads_the_environment() -> None:
    """The library is told its folders, cache and language; it never reads os.environ itself."""
    readers = [
        f"{name}:{node.lineno}"
        for name, path in modules().items()
        if not _within(name, CLI) and name not in ENTRY_POINTS
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute) and node.attr in ("environ", "environb", "getenv")
    ]
    assert readers == []


def test_the_core_imports_no_rich_or_typer_on_import() -> None:
    """rich (the terminal) is the CLI's and the output layer's, typer (the command line) the CLI's alone."""
    outside = [
        imp for imp in imports() if not _within(imp.source, CLI) and imp.source not in ENTRY_POINTS
    ]
    rich = [
        imp
        for imp in outside
        if _within(imp.target, "rich") and not imp.lazy and not imp.typing_only
    ]
    assert [imp for imp in rich if not _within(imp.source, OUTPUT)] == []
    assert [
        imp for imp in outside if _within(imp.target, "typer") or _within(imp.target, "click")
    ] == []


def test_commands_build_no_tables() -> None:
    """Tables and styled text come from the output layer; the commands use rich for type hints only."""
    bad = [
        imp
        for imp in imports()
        if _within(imp.source, f"{CLI}.commands")
        and _within(imp.target, "rich")
        and not imp.typing_only
    ]
    assert bad == []


# the one place the output layer prints: into a text buffer, to render a table as plain text
PRINTS_INTO_A_BUFFER = {("maturity.formats", "render_text")}
WRITERS = {
    "print",
    "open",
    "write_atomic",
    "atomic_stream",
    "write_text",
    "write_bytes",
    "stdout",
    "stderr",
}


def _writes(path: Path, module: str) -> list[str]:
    found = []
    for func in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(func, ast.FunctionDef) or (module, func.name) in PRINTS_INTO_A_BUFFER:
            continue
        for node in ast.walk(func):
            if (
                isinstance(node, ast.Name | ast.Attribute)
                and (name := node.id if isinstance(node, ast.Name) else node.attr) in WRITERS
            ):
                found.append(f"{module}.{func.name}:{node.lineno}: {name}")
    return found


def test_the_output_layer_neither_prints_nor_opens_files() -> None:
    """Renderers return text or a renderable; the CLI decides where it goes (the batch writers write
    into the stream the CLI hands them, as they go)."""
    bad = [
        hit
        for name, path in modules().items()
        if _within(name, OUTPUT)
        for hit in _writes(path, name)
    ]
    assert bad == []


def _pick_calls(path: Path) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    return [
        call.lineno
        for call in calls
        if (isinstance(call.func, ast.Name) and call.func.id == "pick")
        or any(kw.arg == "zh" for kw in call.keywords)
    ]


def test_cli_and_output_texts_come_from_the_catalogue() -> None:
    """No inline pick(zh, en) or Text(zh=..., en=...) in the commands and the output layer: every text is a catalogue key."""
    ours = {
        name: path
        for name, path in modules().items()
        if _within(name, f"{CLI}.commands") or _within(name, OUTPUT)
    }
    bad = {name: lines for name, path in ours.items() if (lines := _pick_calls(path))}
    assert bad == {}


def _format_enums() -> list[type[enum.StrEnum]]:
    found = []
    for name in modules():
        if _within(name, OUTPUT) or _within(name, CLI):
            module = importlib.import_module(name)
            found += [
                v
                for k, v in vars(module).items()
                if k.endswith("Format")
                and isinstance(v, type)
                and issubclass(v, enum.StrEnum)
                and v.__module__ == name
            ]
    return found


def test_format_enums_live_in_the_output_layer() -> None:
    """One enum per kind of data, named <Kind>Format, each in the output layer (the report's, ReportFormat, is the report package's)."""
    enums = {e.__name__: e.__module__ for e in _format_enums()}
    assert {name for name, module in enums.items() if not _within(module, OUTPUT)} == set()
    kinds = {
        "Result",
        "Batch",
        "History",
        "Trend",  # trend's: compare's formats, and csv and xlsx
        "Benchmark",
        "Questionnaire",
        "Verdict",
        "Template",
        "Plan",
    }
    assert set(enums) == {f"{kind}Format" for kind in kinds}


@pytest.mark.parametrize("fmt", [member for e in _format_enums() for member in e], ids=str)
def test_every_format_has_a_renderer(fmt: enum.StrEnum) -> None:
    make = getattr(fmt, "to_format", None)
    renderer = make() if make else fmt.writer(str, "en")  # type: ignore[attr-defined]
    assert renderer is not None


MAX_FUNCTION_LINES = 60


def long_functions(source: str, limit: int = MAX_FUNCTION_LINES) -> list[tuple[str, int, int]]:
    """(name, line, body lines) of each function whose body, docstring included, spans more than
    ``limit`` lines; the signature does not count (a command's options are declarations)."""
    return [
        (node.name, node.lineno, node.end_lineno - node.body[0].lineno + 1)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.body[0].lineno + 1 > limit
    ]


def test_every_function_fits_on_a_screen() -> None:
    too_long = {
        f"{path.relative_to(ROOT)}:{line} {name}": length
        for path in sorted((ROOT / "maturity").rglob("*.py"))
        for name, line, length in long_functions(path.read_text(encoding="utf-8"))
    }
    assert too_long == {}
