"""Bilingual names of fixed vocabularies and small formatting helpers shared by all outputs."""

from __future__ import annotations

from maturity.i18n import bilingual
from maturity.schema.base import Effort, EnterpriseType, Kpi, PlanDomain, Profile, Text

PLAN_DOMAIN_NAMES: dict[PlanDomain, Text] = {
    PlanDomain.design: bilingual("label.plan_domain.design"),
    PlanDomain.production: bilingual("label.plan_domain.production"),
    PlanDomain.management: bilingual("label.plan_domain.management"),
    PlanDomain.service: bilingual("label.plan_domain.service"),
    PlanDomain.supply_chain: bilingual("label.plan_domain.supply_chain"),
}

KPI_NAMES: dict[Kpi, Text] = {
    Kpi.efficiency: bilingual("label.kpi.efficiency"),
    Kpi.quality: bilingual("label.kpi.quality"),
    Kpi.cost: bilingual("label.kpi.cost"),
    Kpi.delivery: bilingual("label.kpi.delivery"),
    Kpi.energy: bilingual("label.kpi.energy"),
    Kpi.safety: bilingual("label.kpi.safety"),
    Kpi.flexibility: bilingual("label.kpi.flexibility"),
}

EFFORT_NAMES: dict[Effort, Text] = {
    Effort.low: bilingual("label.effort.low"),
    Effort.medium: bilingual("label.effort.medium"),
    Effort.high: bilingual("label.effort.high"),
}

TYPE_NAMES: dict[EnterpriseType, Text] = {
    EnterpriseType.discrete: bilingual("label.type.discrete"),
    EnterpriseType.process: bilingual("label.type.process"),
}


# Short forms for messages ("applies only to process enterprises").
TYPE_SHORT_NAMES: dict[EnterpriseType, Text] = {
    EnterpriseType.discrete: bilingual("label.type_short.discrete"),
    EnterpriseType.process: bilingual("label.type_short.process"),
}

PROFILE_NAMES: dict[Profile, Text] = {
    Profile.discrete: bilingual("label.profile.discrete"),
    Profile.continuous: bilingual("label.profile.continuous"),
    Profile.batch: bilingual("label.profile.batch"),
    Profile.mixed: bilingual("label.profile.mixed"),
}
PROFILE_SHORT_NAMES: dict[Profile, Text] = {
    Profile.discrete: bilingual("label.profile_short.discrete"),
    Profile.continuous: bilingual("label.profile_short.continuous"),
    Profile.batch: bilingual("label.profile_short.batch"),
    Profile.mixed: bilingual("label.profile_short.mixed"),
}
