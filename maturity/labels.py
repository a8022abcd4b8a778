"""Bilingual names of fixed vocabularies and small formatting helpers shared by all outputs."""

from __future__ import annotations

from maturity.schema.base import Effort, EnterpriseType, Kpi, PlanDomain, Text

PLAN_DOMAIN_NAMES: dict[PlanDomain, Text] = {
    PlanDomain.design: Text(zh="设计", en="Design"),
    PlanDomain.production: Text(zh="生产", en="Production"),
    PlanDomain.management: Text(zh="管理", en="Management"),
    PlanDomain.service: Text(zh="服务", en="Service"),
    PlanDomain.supply_chain: Text(zh="供应链", en="Supply chain"),
}

KPI_NAMES: dict[Kpi, Text] = {
    Kpi.efficiency: Text(zh="效率", en="Efficiency"),
    Kpi.quality: Text(zh="质量", en="Quality"),
    Kpi.cost: Text(zh="成本", en="Cost"),
    Kpi.delivery: Text(zh="交付", en="Delivery"),
    Kpi.energy: Text(zh="能耗", en="Energy"),
    Kpi.safety: Text(zh="安全", en="Safety"),
    Kpi.flexibility: Text(zh="柔性", en="Flexibility"),
}

EFFORT_NAMES: dict[Effort, Text] = {
    Effort.low: Text(zh="低", en="Low"),
    Effort.medium: Text(zh="中", en="Medium"),
    Effort.high: Text(zh="高", en="High"),
}

TYPE_NAMES: dict[EnterpriseType, Text] = {
    EnterpriseType.discrete: Text(zh="离散型制造", en="Discrete manufacturing"),
    EnterpriseType.process: Text(zh="流程型制造", en="Process manufacturing"),
}


# Short forms for messages ("applies only to process enterprises").
TYPE_SHORT_NAMES: dict[EnterpriseType, Text] = {
    EnterpriseType.discrete: Text(zh="离散型", en="discrete"),
    EnterpriseType.process: Text(zh="流程型", en="process"),
}


def fmt_score(value: float | None) -> str:
    """Scores are shown with two decimals; a level with nothing to score shows a dash."""
    return "–" if value is None else f"{value:.2f}"
