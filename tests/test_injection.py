"""User text that tries to act as code: terminal escapes, spreadsheet formulas, Markdown, XML entities."""

from __future__ import annotations

import pytest

from maturity.text import has_control_chars, printable


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("ACME\x1b[2J Level 5", "ACME\\x1b[2J Level 5"),
        ("a\rb\x00c\x7fd\x9be", "a\\x0db\\x00c\\x7fd\\x9be"),
        ("evil\u202etxt.exe", "evil\\u202etxt.exe"),
        ("two\nlines\tand a tab", "two\nlines\tand a tab"),
        ("企业名称（有限公司）", "企业名称（有限公司）"),
    ],
)
def test_printable_makes_control_characters_visible(raw: str, shown: str) -> None:
    assert printable(raw) == shown


@pytest.mark.parametrize(
    ("text", "bad"),
    [("ACME Ltd", False), ("上海（集团）", False), ("a\x1bb", True), ("a\nb", True), ("a\tb", True), ("a\u2066b", True), ("a\x85b", True)],
)
def test_has_control_chars_counts_newline_and_tab_too(text: str, bad: bool) -> None:
    assert has_control_chars(text) is bad
