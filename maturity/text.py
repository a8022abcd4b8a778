"""User text made safe to show: control characters made visible, never passed through.

A name like ``"ACME\\x1b[2J… Level 5"`` would clear a terminal and print a fake result, and an
xlsx cell cannot hold ESC at all. Everything user-provided that reaches a terminal or a workbook
goes through :func:`printable`, which replaces each control character with a visible escape, so
nothing is silently dropped and the original can be told from the output:

- C0 controls (U+0000-U+001F) except newline and tab, DEL and C1 controls (U+0080-U+009F):
  ``\\x1b``;
- the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069), which reorder what is
  shown ("Trojan Source"): ``\\u202e``;
- the bytes of a file name that are not UTF-8 (a GBK name unzipped on Linux), which Python holds as
  lone surrogates and no writer can encode: the byte, as ``\\xbd``. Every writer and printer of
  file names (the console, CSV, workbook cells) goes through this one function.

:func:`printable_line` is stricter, for values shown as one line (certificate names, paths): it
also escapes newline and tab, so a value cannot forge a line of its own. :func:`first_control`
finds the same characters in values that must be refused rather than escaped (names that go into
a signature or a certificate).

:func:`csv_text` is the OWASP rule for CSV cells: text starting with a character a spreadsheet
reads as a formula gets a leading single quote; numbers are never altered.
"""

from __future__ import annotations

import re

_BIDI = "\u202a-\u202e\u2066-\u2069"
# lone surrogates: a file name's bytes that are not UTF-8 (U+DC80-U+DCFF, Python's surrogateescape,
# e.g. a GBK name from a Windows zip) cannot be encoded at all, so a writer would crash on them
_SURROGATES = "\ud800-\udfff"
_LINES = "\u2028\u2029"  # line and paragraph separators: a terminal may break the line there
_SHOWN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}{_LINES}{_SURROGATES}]")  # not \t, \n
_ANY = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}{_LINES}]")
# Unicode's default-ignorable code points (DerivedCoreProperties.txt): shown as nothing at all, so
# "ACME" and "ACME" + U+3164 look the same to a reader and differ to a program
_INVISIBLE = re.compile(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2060-\u206f"
    "\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff]"
)
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # the undecodable byte itself, as Python writes bytes: \xbd
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with control characters (not newline, tab) replaced by visible escapes like
    ``\\x1b``."""
    return _SHOWN.sub(_visible, text)


FORMULA_STARTS = (
    "=",
    "+",
    "-",
    "@",
    "\t",
    "\r",
)  # what spreadsheets may read as the start of a formula


def csv_text(text: str) -> str:
    """A text cell for CSV: control characters made visible, a formula start defused by a leading
    '."""
    shown = printable(text)
    return "'" + shown if text.startswith(FORMULA_STARTS) else shown


# what lets inline text turn into markup: images and links ([ ]), emphasis, code, table cells,
# strikethrough, maths; HTML (< > &) is escaped by the template's autoescape. A value never starts a
# line (newlines are joined away), so the block markers (#, -, 1.) need no escape.
_MARKDOWN = re.compile(r"([\\`*_\[\]|~$])")


def markdown_text(value: object) -> str:
    """User text for a Markdown document: one line, control characters visible, inline syntax
    escaped."""
    one_line = " ".join(line.strip() for line in str(value).splitlines() if line.strip())
    return _MARKDOWN.sub(r"\\\1", printable(one_line))


def printable_line(text: str) -> str:
    """Like :func:`printable`, and newline and tab escaped too: a value that must stay on its
    line."""
    return _ANY.sub(_visible, printable(text))


def has_undecodable_bytes(text: str) -> bool:
    """Whether ``text`` (an argument, a file name) holds bytes that were not UTF-8
    (surrogateescape)."""
    return _ESCAPED_BYTE.search(text) is not None


def first_control(text: str) -> str | None:
    """The first control character (newline and tab included), bidi override, line separator or
    invisible character, as ``U+001B``; None if none. For names that are signed."""
    found = _ANY.search(text) or _INVISIBLE.search(text)
    return f"U+{ord(found.group()):04X}" if found else None


def without_invisible(text: str) -> str:
    """``text`` without default-ignorable code points (zero-width spaces, fillers, tags...)."""
    return _INVISIBLE.sub("", text)


__all__ = [
    "FORMULA_STARTS",
    "csv_text",
    "first_control",
    "has_undecodable_bytes",
    "markdown_text",
    "printable",
    "printable_line",
    "without_invisible",
]


_CJK_RUN = re.compile(r"[\u3400-\u9fff]+")
_JOINERS = "与和及的"  # a one-character word that belongs with the word after it


def cjk_words(text: str) -> list[str]:
    """A name cut where a narrow column may break it: Chinese characters in pairs (most words
    have two), a joiner such as 与 with the pair after it, an odd tail as three (计划/与调度), so
    a header never splits a word (组织战/略). WeasyPrint has no ``word-break: keep-all``; each
    piece is kept whole instead. Other text stays one piece."""
    pieces: list[str] = []
    last = 0
    for run in _CJK_RUN.finditer(text):
        pieces += [text[last : run.start()], *_pairs(run.group())]
        last = run.end()
    pieces.append(text[last:])
    return [p for p in pieces if p]


def _pairs(chars: str) -> list[str]:
    out, i = [], 0
    while i < len(chars):
        take = 3 if len(chars) - i == 3 or chars[i] in _JOINERS else 2
        out.append(chars[i : i + take])
        i += take
    return out
