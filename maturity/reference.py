"""National reference distributions (CESI's published self-diagnosis figures) as validated data."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError

from maturity import yamlio
from maturity.errors import InputError
from maturity.i18n import LANGS, Lang, msg
from maturity.schema.base import Frozen, Text
from maturity.validation import schema_problems

Status = Literal["verified", "corroborated", "secondary", "unverified"]


# the keys spelled out, so that the catalogue test sees them used
_STATUS_KEYS: dict[str, str] = {
    "verified": "source.status.verified",
    "corroborated": "source.status.corroborated",
    "secondary": "source.status.secondary",
    "unverified": "source.status.unverified",
}


def cited_source(cited: Text, status: Status) -> Text:
    """A source as a reader sees it: the citation and its verification status, in both languages
    (the raw provenance with relay URLs stays in the data and the JSON)."""
    return Text(
        **{
            lang: msg(
                "source.cited",
                lang,
                cited=cited.get(lang),
                status=msg(_STATUS_KEYS[status], lang),
            )
            for lang in LANGS
        }
    )


def cited_text(cited: Text, status: Status, lang: Lang) -> str:
    return cited_source(cited, status).get(lang)


class Snapshot(Frozen):
    id: str  # "<publisher>-<year>": cesi-2021
    year: int
    published: str
    enterprises: int | None = None
    shares: dict[Literal["1", "2", "3", "4"], float] = Field(
        description=(
            "Share of enterprises at each level; '1' = level 1 or below, '4' = level 4 or above"
        )
    )
    source: str  # provenance (where the figures were read); never shown to readers
    cited: Text  # the source as readers see it, in their language
    status: Status
    note: Text | None = None

    @property
    def publisher(self) -> str:
        """Who published the figures, as a column header names them ("CESI" for cesi-2021)."""
        return self.id.rsplit("-", 1)[0].upper()


class ReferenceFile(Frozen):
    format: Literal["maturity-reference/1"]
    label: Text
    snapshots: tuple[Snapshot, ...]


def load_reference(path: Path) -> ReferenceFile:
    doc = yamlio.load(path)
    try:
        return ReferenceFile.model_validate(doc.data)
    except ValidationError as exc:
        raise InputError(schema_problems(doc, exc)) from None


BUCKETS = ("1", "2", "3", "4")


def bucket(level: int) -> str:
    """The reference's level buckets: '1' (level 1 or below) to '4' (level 4 or above)."""
    return str(min(max(level, 1), 4))


def share_at_or_above(snapshot: Snapshot, level: int) -> float:
    """Share of the reference population at ``level`` or above (level 0 counts as 1, i.e.
    everyone)."""
    return sum(v for k, v in snapshot.shares.items() if int(k) >= int(bucket(level)))


def portfolio_shares(levels: Iterable[int]) -> dict[str, float]:
    counts = Counter(bucket(level) for level in levels)
    total = sum(counts.values()) or 1
    return {b: counts.get(b, 0) / total for b in BUCKETS}


def find_reference(questionnaire_dir: Path) -> Path | None:
    path = questionnaire_dir / "reference.yaml"
    return path if path.is_file() else None
