"""Content rules of the built-in cmmm questionnaire that the schema alone cannot enforce."""

from __future__ import annotations

from collections import Counter

from maturity.questionnaire import Questionnaire
from maturity.schema.base import Profile

PROCESS_PROFILES = (Profile.batch, Profile.continuous)


def test_every_process_requirement_also_applies_to_mixed_plants(cmmm: Questionnaire) -> None:
    # The header tells a mixed plant to answer per area; an item it is never shown cannot be answered.
    missing = [
        req.id
        for req in cmmm.requirements
        if any(req.applies(p) for p in PROCESS_PROFILES) and not req.applies(Profile.mixed)
    ]
    assert missing == []


def test_each_profile_has_two_requirements_per_subdomain_and_level(cmmm: Questionnaire) -> None:
    counts: Counter[tuple[str, int, Profile]] = Counter()
    for req in cmmm.requirements:
        for profile in Profile:
            if req.applies(profile):
                counts[cmmm.subdomain_of[req.id], req.level, profile] += 1
    thin = [
        (sub.id, level, profile.value, counts[sub.id, level, profile])
        for sub in cmmm.header.subdomains
        for level in range(1, 6)
        for profile in Profile
        if counts[sub.id, level, profile] < 2
    ]
    assert thin == []
