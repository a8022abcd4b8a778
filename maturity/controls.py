"""Control characters in names that end up in certificates, signed reports and terminal output.

A minimal local check for the signing area (``unicodedata`` category Cc: C0, DEL, C1, which
includes ESC of terminal escape sequences); a general terminal sanitiser may replace it.
"""

from __future__ import annotations

import unicodedata


def first_control(text: str) -> str | None:
    """The first control character in ``text`` as ``U+001B``, or None."""
    for char in text:
        if unicodedata.category(char) == "Cc":
            return f"U+{ord(char):04X}"
    return None


def escape_controls(text: str) -> str:
    """``text`` with every control character shown visibly (``\\x1b``), so that it cannot act on a terminal."""
    if first_control(text) is None:
        return text
    return "".join(char.encode("unicode_escape").decode("ascii") if unicodedata.category(char) == "Cc" else char for char in text)
