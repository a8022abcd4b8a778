"""Id maps from one questionnaire version to the next: ``<questionnaire>/migrations/from-<old
version>/<sub-domain>.yaml``, one file per sub-domain of the old version."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from maturity.schema.base import Frozen, broken_rule

# What became of one old requirement. ``same`` and ``moved`` carry the answer (the practice is
# unchanged, under the same or another id); ``split`` and ``merged`` need a new answer (the
# statement changed); ``retired`` drops it (``see`` names where the practice lives now).
# ``narrowed`` carries the answer too, but the requirement was narrowed or re-scoped (a clause
# dropped, other profiles added): the summary asks the respondent to check the carried rating.
# A Literal, not an enum: a member named ``split`` would shadow str.split.
Change = Literal["same", "moved", "narrowed", "split", "merged", "retired"]


CARRIED: frozenset[Change] = frozenset({"same", "moved", "narrowed"})
# how many new ids each kind of change leads to: (at least, at most)
_TARGETS: dict[Change, tuple[int, int | None, str]] = {
    "same": (1, 1, "rule.migration_targets.same"),
    "moved": (1, 1, "rule.migration_targets.moved"),
    "narrowed": (1, 1, "rule.migration_targets.narrowed"),
    "split": (2, None, "rule.migration_targets.split"),
    "merged": (1, 1, "rule.migration_targets.merged"),
    "retired": (0, 0, "rule.migration_targets.retired"),
}


class MapEntry(Frozen):
    to: tuple[str, ...] = Field(description="The new requirement ids (none when retired)")
    change: Change
    see: str | None = Field(
        default=None, description="Where a retired practice lives now (a new requirement id)"
    )

    @model_validator(mode="after")
    def _targets_fit_the_change(self) -> MapEntry:
        least, most, rule = _TARGETS[self.change]
        if len(self.to) < least or (most is not None and len(self.to) > most):
            raise broken_rule(rule)
        if len(set(self.to)) != len(self.to):
            raise broken_rule("rule.migration_targets_unique")
        return self


class MigrationFile(Frozen):
    """Contents of ``migrations/from-<old version>/<sub-domain>.yaml``."""

    subdomain: str = Field(description="The old version's sub-domain whose ids this file maps")
    from_version: str = Field(min_length=1)
    map: dict[str, MapEntry] = Field(
        description="Every old requirement id of the sub-domain exactly once"
    )
    new: tuple[str, ...] = Field(
        default=(), description="New requirement ids with no predecessor: they need an answer"
    )
