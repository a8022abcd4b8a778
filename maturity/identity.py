"""Who an assessment is about: an organisation's stable id, or else its normalised name.

An answer file may give ``organisation.id``: the 18-character unified social credit code
(统一社会信用代码, GB 32100-2015) or any other stable id (a registry or client number). A value
that looks like a credit code (18 characters, all from the code's alphabet) must carry the right
check character, because a typo there would silently split one firm into two; other ids are free
text within :data:`MAX_ID` characters, without control or invisible characters.

Grouping (:func:`keys`): files with an id are one organisation per id; a file without an id joins
the id that its name carries in other files when that name carries exactly one id (acme's 2024 file
written before the id was added), and otherwise is the organisation of its normalised name.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from maturity.text import first_control, without_invisible

# GB 32100-2015: the code's 31 characters (no I, O, S, V, Z), each worth its index; position i of
# the first 17 weighs 3**(i-1) mod 31; the check character is worth 31 - (sum mod 31), 31 -> 0
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
USCC_LENGTH = 18
MAX_ID = 64  # an id is a code or a number, not a paragraph

T = TypeVar("T")


def normalise_id(value: str) -> str:
    """An id as compared: width folded (full-width digits), spaces around dropped, upper case."""
    return unicodedata.normalize("NFKC", value).strip().upper()


def looks_like_uscc(value: str) -> bool:
    """18 characters, all from the credit code's alphabet: then it must pass the check."""
    return len(value) == USCC_LENGTH and all(c in USCC_ALPHABET for c in value)


def uscc_check_character(first17: str) -> str:
    """The check character (position 18) of a credit code's first 17 characters."""
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def id_problem(value: str) -> tuple[str, dict[str, object]] | None:
    """What is wrong with an ``organisation.id`` (a message key and its parameters); None if
    nothing."""
    code = normalise_id(value)
    if not code:
        return "identity.id_blank", {}
    control = first_control(value.strip())
    if control is not None:
        return "identity.id_control", {"char": control}
    if len(code) > MAX_ID:
        return "identity.id_too_long", {"length": len(code), "max": MAX_ID}
    if looks_like_uscc(code):
        expected = uscc_check_character(code[:17])
        if code[17] != expected:
            return "identity.uscc_check", {"id": code, "found": code[17], "expected": expected}
    return None


def name_key(name: str) -> str:
    """A name as compared: width, case and spacing normalised (NFKC turns full-width "ＡＣＭＥ"
    into "ACME"), invisible characters dropped: five copies of one firm must not look like five."""
    visible = without_invisible(unicodedata.normalize("NFKC", name))
    return " ".join(unicodedata.normalize("NFKC", visible.casefold()).split())


def key_of(org_id: str | None, name: str) -> str:
    """One file's own key: its id when it has one, else its name."""
    return f"id:{normalise_id(org_id)}" if org_id else f"name:{name_key(name)}"


def keys(items: Sequence[T], ident: Callable[[T], tuple[str | None, str]]) -> list[str]:
    """The organisation key of each item (``ident`` gives its id and name), a file without an id
    joining the one id its name carries elsewhere (see the module's doc)."""
    pairs = [ident(item) for item in items]
    ids_of: dict[str, set[str]] = defaultdict(set)
    for org_id, name in pairs:
        if org_id:
            ids_of[name_key(name)].add(normalise_id(org_id))
    out = []
    for org_id, name in pairs:
        linked = ids_of.get(name_key(name), set())
        joined = next(iter(linked)) if not org_id and len(linked) == 1 else org_id
        out.append(key_of(joined, name))
    return out


def group(items: Iterable[T], ident: Callable[[T], tuple[str | None, str]]) -> dict[str, list[T]]:
    """The items of each organisation, in input order, by :func:`keys`."""
    listed = list(items)
    groups: dict[str, list[T]] = defaultdict(list)
    for key, item in zip(keys(listed, ident), listed, strict=True):
        groups[key].append(item)
    return dict(groups)
