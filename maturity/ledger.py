"""The ledger of issued shareable editions (``--ledger FILE``): what enforces the rule that two
editions sent out never count clients only one or two apart (:data:`maturity.editions.MIN_APART`).

Comparing two such editions tells the figures of the client added or left out; the rule printed on
the page alone does not stop a consultant from issuing them. The ledger records, for each edition
issued, its date, audience, command and membership. Members are salted hashes of the
organisation keys, so the file names no client and a guessed id cannot be checked against it
without the salt, which lives in the file (it only has to keep the hashes apart from other
ledgers'). No printing here: the CLI reads, checks and records through these functions.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from maturity import peers
from maturity.editions import MIN_APART
from maturity.errors import InputError, Problem

FORMAT = "maturity-ledger"
MAX_BYTES = 16 * 1024 * 1024  # some hundred editions of 10,000 clients
HASH_CHARS = 16  # 64 bits per member: no two organisations of a portfolio collide


class Entry(BaseModel):
    """One issued edition."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    date: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    audience: str = Field(max_length=20)
    command: str = Field(max_length=20)
    code: str = Field(max_length=20)  # the membership code printed on the edition
    members: tuple[str, ...] = Field(max_length=1_000_000)


class Book(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    format: str = Field(pattern=f"^{FORMAT}$")
    version: int = Field(ge=1, le=1)
    salt: str = Field(pattern=r"^[0-9a-f]{32}$")
    editions: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class Ledger:
    path: Path
    book: Book


def load(path: Path) -> Ledger:
    """The ledger at ``path``, or a new empty one (with a fresh salt) if there is no file yet. A
    file that is not a ledger is refused, never overwritten: it may be someone's."""
    from maturity.yamlio import read_text

    if not path.exists() and not path.is_symlink():
        return Ledger(path, Book(format=FORMAT, version=1, salt=secrets.token_hex(16)))
    try:
        _, text, _ = read_text(path, max_bytes=MAX_BYTES)
    except InputError as exc:  # "answer files are usually a few tens of KB" is not about a ledger
        if exc.problems[0].key != "file.too_large":
            raise
        params: dict[str, object] = {"limit": MAX_BYTES // (1024 * 1024)}
        raise InputError([Problem("ledger.too_large", params, file=str(path))]) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            [Problem("ledger.not_json", {"reason": exc.msg}, file=str(path), line=exc.lineno)]
        ) from None
    try:
        return Ledger(path, Book.model_validate(data))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top)"
        raise InputError(
            [Problem("ledger.bad_schema", {"where": where}, file=str(path), line=1)]
        ) from None


def members(ledger: Ledger, rows: Sequence[dict[str, Any]]) -> tuple[str, ...]:
    """The salted hashes of the organisations ``rows`` count (each once, as its latest file)."""
    salt = ledger.book.salt
    keys = {peers.organisation_id(row) for row in peers.latest(rows).rows}
    return tuple(sorted(_hash(salt, key) for key in keys))


def _hash(salt: str, key: str) -> str:
    return hashlib.sha256(f"{salt}\n{key}".encode()).hexdigest()[:HASH_CHARS]


def check(ledger: Ledger, new: Sequence[str]) -> None:
    """Refuse a membership one or two organisations from any edition already issued; the same
    membership, or one at least :data:`MIN_APART` apart, is fine."""
    mine = set(new)
    for number, entry in enumerate(ledger.book.editions, start=1):
        apart = len(mine.symmetric_difference(entry.members))
        if 0 < apart < MIN_APART:
            params = {
                "number": number,
                "date": entry.date,
                "audience": entry.audience,
                "command": entry.command,
                "code": entry.code,
                "apart": apart,
                "min": MIN_APART,
            }
            raise InputError([Problem("ledger.too_close", params, file=str(ledger.path))])


def record(ledger: Ledger, audience: str, command: str, code: str, new: Sequence[str]) -> None:
    """Add the edition just issued and write the ledger atomically."""
    from maturity.atomic import write_atomic

    today = datetime.date.today().isoformat()
    entry = Entry(date=today, audience=audience, command=command, code=code, members=tuple(new))
    book = ledger.book.model_copy(update={"editions": (*ledger.book.editions, entry)})
    write_atomic(ledger.path, _dumps(book))


def _dumps(book: Book) -> str:
    """One edition per line: the file stays readable and a diff shows each edition issued."""
    head = {k: v for k, v in book.model_dump().items() if k != "editions"}
    lines = [json.dumps(e.model_dump(), ensure_ascii=False) for e in book.editions]
    body = ",\n    ".join(lines)
    fields = ",\n".join(f"  {json.dumps(k)}: {json.dumps(v)}" for k, v in head.items())
    return f'{{\n{fields},\n  "editions": [\n    {body}\n  ]\n}}\n'
