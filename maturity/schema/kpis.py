"""KPI baselines an answer file may give (``kpis:``): measured values the plan's projects move.

Each baseline KPI has a usual unit and belongs to one of the seven priority KPIs
(:class:`maturity.schema.base.Kpi`), which is how the report puts it beside the projects that
move it."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from maturity.schema.base import Frozen, Kpi

# baseline KPI -> (usual unit, the priority KPI it belongs to)
BASELINE_KPIS: dict[str, tuple[str, Kpi]] = {
    "oee": ("%", Kpi.efficiency),
    "labour_productivity": ("units/person-hour", Kpi.efficiency),
    "first_pass_yield": ("%", Kpi.quality),
    "scrap_rate": ("%", Kpi.quality),
    "unit_cost": ("CNY/unit", Kpi.cost),
    "inventory_turns": ("turns/year", Kpi.cost),
    "on_time_delivery": ("%", Kpi.delivery),
    "lead_time": ("days", Kpi.delivery),
    "energy_per_unit": ("kgce/unit", Kpi.energy),
    "lost_time_injury_rate": ("per 200,000 hours", Kpi.safety),
    "changeover_time": ("minutes", Kpi.flexibility),
}


class KpiBaseline(Frozen):
    kpi: str = Field(description="One of the baseline KPIs (oee, first_pass_yield, lead_time, ...)")
    value: float = Field(allow_inf_nan=False)
    unit: str | None = Field(default=None, description="Default: the KPI's usual unit")
    date: dt.date = Field(description="When it was measured (not after the assessment date)")

    @property
    def group(self) -> Kpi | None:
        """The priority KPI this baseline belongs to (None when the KPI is unknown)."""
        known = BASELINE_KPIS.get(self.kpi)
        return known[1] if known else None

    @property
    def shown_unit(self) -> str:
        return self.unit or BASELINE_KPIS.get(self.kpi, ("", Kpi.cost))[0]
