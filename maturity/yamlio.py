"""Safe, strict YAML reading with locations for error messages.

- ``yaml.safe_load`` semantics with the libyaml C parser when available;
- size limit, binary detection, UTF-8 (with BOM) or GBK/GB18030 that really is Chinese;
- duplicate keys are errors (PyYAML silently keeps the last one);
- alias bombs are refused by bounding the expanded node count (computed in linear time);
- the composed node tree is kept so that a schema error can be mapped back to a line.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Protocol

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from maturity.errors import InputError, Problem
from maturity.i18n import Phrase, phrase

_BaseLoader: type[yaml.SafeLoader]
try:  # the C parser is ~8x faster; the constructor stays the pure-Python safe one
    _BaseLoader = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader

MAX_BYTES = 4 * 1024 * 1024
MAX_NODES = 200_000
# No answer or questionnaire holds a number this long; int() of over 4,300 digits raises ValueError
# (Python's limit on integer string conversion), so a longer integer is refused at its line.
MAX_DIGITS = 100


# The parser asks for the tag of every scalar. The answer depends only on the arguments (no path
# resolvers are registered) and repeats across files (ratings, requirement ids), so a bounded table
# answers a batch without running the regexes again (a tenth of the time per file, measured).
# Long texts (notes, evidence) are resolved without it: they rarely repeat.
_TAGS: dict[tuple[type, str, Any], str] = {}
_MAX_TAGS = 16_384
_CACHED_LENGTH = 64


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """The C (or pure-Python) safe loader; used for parsing and for the rarer scalar types."""

    def resolve(self, kind: type, value: str | None, implicit: Any) -> str:
        if value is None or len(value) > _CACHED_LENGTH:
            return str(super().resolve(kind, value, implicit))
        key = (kind, value, implicit)
        tag = _TAGS.get(key)
        if tag is None:
            tag = str(super().resolve(kind, value, implicit))
            if len(_TAGS) < _MAX_TAGS:
                _TAGS[key] = tag
        return tag

    def construct_checked_timestamp(self, node: ScalarNode) -> object:
        # "2026-13-40" matches YAML's timestamp pattern but is no date: keep the text so that
        # schema validation reports it together with every other problem, at its line.
        try:
            return self.construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return str(node.value)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_checked_timestamp)

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_MERGE = "tag:yaml.org,2002:merge"


class _Builder:
    """Builds plain Python data from a composed node tree in one pass, strictly.

    Compared with PyYAML's constructor it also records duplicate keys (instead of keeping the
    last value), counts nodes as if aliases were expanded (so an alias bomb is refused without
    being expanded), and it is faster: plain strings, the bulk of an answer file, skip the
    generic machinery.
    """

    def __init__(self, loader: _Loader, limit: int) -> None:
        self.loader = loader
        self.limit = limit
        self.count = 0
        self.memo: dict[int, tuple[Any, int]] = {}  # node id -> (object, expanded size)
        self.duplicates: list[tuple[object, int, int, int]] = []  # key, line, column, first line

    def build(self, node: Node) -> Any:
        return self._build(node)

    def _build(self, node: Node) -> Any:
        seen = self.memo.get(id(node))
        if seen is not None:  # an alias: the same object again, counted at its full size
            self.count += seen[1]
            if self.count > self.limit:
                raise _TooBig
            return seen[0]
        self.count += 1
        if self.count > self.limit:
            raise _TooBig
        before = self.count - 1
        value: Any
        if isinstance(node, ScalarNode):
            if node.tag == _INT and len(node.value) > MAX_DIGITS:
                raise _NumberTooLong(node.start_mark)
            value = (
                node.value if node.tag == _STR else self.loader.construct_object(node, deep=True)
            )
        elif isinstance(node, SequenceNode):
            value = [self._build(child) for child in node.value]
        elif isinstance(node, MappingNode):
            value = self._mapping(node)
        else:  # pragma: no cover - PyYAML has no other node kinds
            raise TypeError(type(node))
        self.memo[id(node)] = (value, self.count - before)
        return value

    def _mapping(self, node: MappingNode) -> dict[Any, Any]:
        value: dict[Any, Any] = {}
        merges: list[
            Node
        ] = []  # the values of merge keys (<<): mappings whose keys this one takes in
        for key_node, value_node in node.value:
            # Plain text, the bulk of every file, skips the general path: no memo is needed for an
            # immutable scalar, and it counts one node wherever it appears (also behind an alias).
            if type(key_node) is ScalarNode and key_node.tag == _STR:
                self.count += 1
                key = key_node.value
            elif key_node.tag == _MERGE:
                self.count += 1
                merges.append(value_node)
                continue
            else:
                key = self._build(key_node)
                if isinstance(key, (list, dict)):
                    raise yaml.constructor.ConstructorError(
                        None, None, "a mapping key must be a single value", key_node.start_mark
                    )
            if type(value_node) is ScalarNode and value_node.tag == _STR:
                self.count += 1
                value[key] = value_node.value
            else:
                value[key] = self._build(value_node)
        if self.count > self.limit:  # the plain scalars above were counted without a check each
            raise _TooBig
        if len(value) + len(merges) < len(node.value):  # some key came twice: find which, only now
            self._record_duplicates([(k, v) for k, v in node.value if k.tag != _MERGE])
        return (
            {**self._merged(merges, node), **value} if merges else value
        )  # the mapping's own keys win

    def _merged(self, merges: list[Node], node: MappingNode) -> dict[Any, Any]:
        """The keys merge keys bring in, as YAML's merge type defines them (and as PyYAML does).

        The node tree is left as it is (PyYAML's ``flatten_mapping`` rewrites it, which shifts the
        lines of later problems and drops keys that are equal but not identical). Each source is
        built like any node: its own duplicates are found, and an aliased source counts at its full
        size, so merging the same mapping many times is bounded by the node limit.
        """
        result: dict[Any, Any] = {}
        for merge in merges:  # a second merge key overrides the first
            sources = (
                merge.value if isinstance(merge, SequenceNode) else [merge]
            )  # the list itself: one node
            self.count += isinstance(merge, SequenceNode)
            taken: dict[Any, Any] = {}
            for source in sources:  # in a list of mappings, the first one that has a key wins
                built = self._build(source)
                if not isinstance(built, dict):
                    raise yaml.constructor.ConstructorError(
                        "while constructing a mapping",
                        node.start_mark,
                        "merge (<<) needs a mapping or a list of mappings",
                        source.start_mark,
                    )
                for key, item in built.items():
                    taken.setdefault(key, item)
            result.update(taken)
        return result

    def _record_duplicates(self, pairs: list[tuple[Node, Node]]) -> None:
        first: dict[object, int] = {}
        for key_node, _ in pairs:
            key = (
                key_node.value
                if type(key_node) is ScalarNode and key_node.tag == _STR
                else self.memo[id(key_node)][0]
            )
            line = key_node.start_mark.line + 1
            if key in first:
                self.duplicates.append((key, line, key_node.start_mark.column + 1, first[key]))
            else:
                first[key] = line


class _TooBig(Exception):
    pass


class _NumberTooLong(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__()
        self.mark = mark


class SourceDocument(Protocol):
    """A parsed input that can point at the place of a problem: a YAML file or an Excel workbook."""

    @property
    def path(self) -> str: ...

    @property
    def data(self) -> Any: ...

    @property
    def warnings(self) -> tuple[Problem, ...]: ...

    def problem(self, key: str, loc: Sequence[object] = (), **params: object) -> Problem: ...


@dataclass(frozen=True)
class Document:
    """A parsed YAML file: the data plus what is needed to point at a line."""

    path: str
    data: Any
    root: Node
    text: str
    warnings: tuple[Problem, ...] = ()

    def locate(self, loc: Sequence[object]) -> tuple[int, int]:
        """Line and column (1-based) of the deepest node along ``loc`` that exists."""
        node = self.root
        best = node.start_mark
        for part in loc:
            if isinstance(node, MappingNode):
                for key_node, value_node in node.value:
                    if isinstance(key_node, ScalarNode) and _scalar_matches(key_node, part):
                        best = key_node.start_mark
                        node = value_node
                        break
                else:
                    break
            elif (
                isinstance(node, SequenceNode)
                and isinstance(part, int)
                and 0 <= part < len(node.value)
            ):
                node = node.value[part]
                best = node.start_mark
            else:
                break
        return best.line + 1, best.column + 1

    def problem(self, key: str, loc: Sequence[object] = (), **params: object) -> Problem:
        line, column = self.locate(loc)
        return Problem(key, params, file=self.path, line=line, column=column)


def _scalar_matches(node: ScalarNode, part: object) -> bool:
    return bool(node.value == str(part))


def read_text(
    path: Path, display: str | None = None, max_bytes: int = MAX_BYTES
) -> tuple[bytes, str, tuple[Problem, ...]]:
    """Read a text file defensively; returns the raw bytes, the text and any warnings."""
    raw = read_bytes(path, display, max_bytes)
    text, warnings = decode(raw, display or str(path))
    return raw, text, warnings


def read_bytes(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a user-supplied file defensively: only a regular file, and at most ``max_bytes``.

    A missing file, a directory, a FIFO or a device (``/dev/zero``), or a file over ``max_bytes``
    (also one that grows while being read) is a clear :class:`InputError` instead of a hang or
    an exhausted memory.
    """
    name = display or str(path)
    with open_regular(path, name) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size <= max_bytes:
            data = _read_some(handle, name, max_bytes + 1)
            if len(data) <= max_bytes:
                return data
            size = max(size, len(data))
    raise InputError([Problem("file.too_large", {"size": size, "limit": max_bytes}, file=name)])


def file_sha256(path: Path, display: str | None = None) -> tuple[str, int]:
    """sha256 (hex) and size of a regular file, read in chunks: evidence may be larger than memory
    allows."""
    name = display or str(path)
    digest = hashlib.sha256()
    size = 0
    with open_regular(path, name) as handle:
        while chunk := _read_some(handle, name, 1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


@contextlib.contextmanager
def open_regular(path: Path, name: str) -> Iterator[BinaryIO]:
    """Open ``path`` for reading if it is a regular file (after following symlinks).

    O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer, O_NOCTTY keeps
    a terminal device from becoming ours; the type is then checked on the open descriptor, so a
    file swapped in between cannot slip through.
    """
    flags = (
        os.O_RDONLY
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_NOCTTY", 0)
        | getattr(os, "O_CLOEXEC", 0)
        | getattr(os, "O_BINARY", 0)
    )
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise _open_error(exc, name) from None
    try:
        mode = os.fstat(fd).st_mode
    except (
        OSError
    ) as exc:  # pragma: no cover - fstat of an open descriptor does not fail in practice
        os.close(fd)
        raise _open_error(exc, name) from None
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise InputError([_not_regular(mode, name)])
    with os.fdopen(fd, "rb", buffering=0) as handle:
        yield handle


def _open_error(exc: OSError, name: str) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError([Problem("file.missing", file=name)])
    if isinstance(exc, IsADirectoryError):
        return InputError([Problem("file.is_dir", file=name)])
    return InputError([Problem("file.unreadable", {"reason": exc.strerror or str(exc)}, file=name)])


def _not_regular(mode: int, name: str) -> Problem:
    if stat.S_ISDIR(mode):
        return Problem("file.is_dir", file=name)
    if stat.S_ISFIFO(mode):
        kind = phrase("file.kind.fifo")
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = phrase("file.kind.device")
    else:
        kind = phrase("file.kind.special")
    return Problem("file.not_regular", {"kind": kind}, file=name)


def _read_some(handle: BinaryIO, name: str, limit: int) -> bytes:
    """Up to ``limit`` bytes (fewer only at the end of the file)."""
    parts: list[bytes] = []
    left = limit
    try:
        while left > 0:
            chunk = handle.read(min(left, 1 << 20))
            if not chunk:
                break
            parts.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise InputError(
            [Problem("file.unreadable", {"reason": exc.strerror or str(exc)}, file=name)]
        ) from None
    return b"".join(parts)


def decode(raw: bytes, name: str) -> tuple[str, tuple[Problem, ...]]:
    """UTF-8 (BOM allowed) or, failing that, GB18030 when the result is plausibly Chinese."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    if b"\x00" in raw:
        raise InputError(
            [
                Problem(
                    "file.binary", {"line": raw[: raw.index(b"\x00")].count(b"\n") + 1}, file=name
                )
            ]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        try:
            text = raw.decode("gb18030")
        except UnicodeDecodeError:
            text = ""
        if text and _looks_chinese(text):
            return _check_controls(text, name), (
                Problem("file.gbk", file=name, severity="warning"),
            )
        if _mostly_binary(raw):
            raise InputError([Problem("file.binary", {"line": line}, file=name)]) from None
        raise InputError([Problem("file.not_utf8", {"line": line}, file=name, line=line)]) from None
    return _check_controls(text, name), ()


def _looks_chinese(text: str) -> bool:
    """True when the non-ASCII characters are mostly CJK ideographs or CJK punctuation."""
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii:
        return False
    cjk = sum(
        1
        for c in non_ascii
        if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"
    )
    return cjk / len(non_ascii) >= 0.9


def _mostly_binary(raw: bytes) -> bool:
    sample = raw[:4096]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return controls > len(sample) * 0.05


# C0/C1 control characters other than tab, newline, carriage return and NEL: a sign of binary data
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f]")


def _check_controls(text: str, name: str) -> str:
    found = _CONTROL.search(text)
    if found:
        raise InputError(
            [Problem("file.binary", {"line": text.count("\n", 0, found.start()) + 1}, file=name)]
        )
    return text


def _single_node(loader: _Loader, name: str) -> yaml.Node:
    """The document's root node; more than one document, or none, is bad input."""
    try:
        root: yaml.Node | None = loader.get_single_node()
    except yaml.composer.ComposerError as exc:
        if "expected a single document" in str(exc):
            mark = exc.problem_mark
            raise InputError(
                [Problem("yaml.multi_doc", file=name, line=mark.line + 1 if mark else None)]
            ) from None
        raise
    if root is None:
        raise InputError([Problem("file.empty", file=name)])
    return root


def _parse_problem(exc: Exception, name: str, max_nodes: int) -> Problem:
    """What the reader is told about a document that cannot be parsed (or is too big to)."""
    if isinstance(exc, _TooBig):
        return Problem("yaml.too_many_nodes", {"limit": max_nodes}, file=name)
    if isinstance(exc, _NumberTooLong):
        line, column = exc.mark.line + 1, exc.mark.column + 1
        return Problem(
            "yaml.number_too_long", {"limit": MAX_DIGITS}, file=name, line=line, column=column
        )
    if isinstance(exc, RecursionError):
        return Problem("yaml.too_deep", file=name)
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        return Problem(
            "yaml.syntax",
            {"problem": problem},
            file=name,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        )
    return Problem("yaml.syntax", {"problem": str(exc)}, file=name)


def parse(
    text: str, name: str, warnings: tuple[Problem, ...] = (), max_nodes: int = MAX_NODES
) -> Document:
    """Parse one YAML document from text, strictly."""
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise InputError([Problem("file.empty", file=name)])
    loader = _Loader(text)
    try:
        root = _single_node(loader, name)
        builder = _Builder(loader, max_nodes)
        data = builder.build(root)
    except (_TooBig, _NumberTooLong, RecursionError, yaml.YAMLError) as exc:
        raise InputError([_parse_problem(exc, name, max_nodes)]) from None
    finally:
        loader.dispose()
    if builder.duplicates:
        raise InputError(
            [
                Problem(
                    "yaml.duplicate_key",
                    {"key": key, "first": first},
                    file=name,
                    line=line,
                    column=column,
                )
                for key, line, column, first in builder.duplicates
            ]
        )
    return Document(path=name, data=data, root=root, text=text, warnings=warnings)


def load(path: Path, display: str | None = None, max_bytes: int = MAX_BYTES) -> Document:
    """Read and parse a YAML file; every failure is an :class:`InputError` naming the file."""
    _, text, warnings = read_text(path, display, max_bytes)
    return parse(text, display or str(path), warnings)


def kind_of(value: object) -> Phrase:
    """How to name a YAML value's type to a person, as a message parameter."""
    if isinstance(value, list):
        return phrase("yaml.kind.list")
    if isinstance(value, str):
        return phrase("yaml.kind.text")
    if value is None:
        return phrase("yaml.kind.empty")
    return phrase("yaml.kind.scalar")


def not_mapping(path: str, data: object) -> Problem:
    """A document whose top level is not a `key: value` mapping."""
    return Problem("yaml.not_mapping", {"kind": kind_of(data)}, file=path, line=1)
