"""``maturity plan``: the improvement plan as rows (one per project) rendered as JSON, CSV,
Markdown or a Gantt-style workbook. Every format reads the same :func:`plan_rows`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import Any

from maturity.i18n import Lang, msg
from maturity.labels import KPI_NAMES
from maturity.plan import Plan, PlanPhase, Step, budget_of, legislation_month
from maturity.plan_fit import SCALE
from maturity.schema.base import Kpi, Text
from maturity.text import csv_text, markdown_text
from maturity.tiers import TierCheck


class PlanFormat(StrEnum):
    xlsx = "xlsx"
    csv = "csv"
    md = "md"
    json = "json"

    def to_format(self) -> Callable[[PlanDoc], str | bytes]:
        return partial(render, fmt=self)


COLUMNS = (
    "phase",
    "rank",
    "id",
    "project",
    "start",
    "end",
    "months",
    "cost",
    "owner",
    "kpis",
    "needs",
    "closes",
    "first_step",
    "blocks",
    "statutory",
)


@dataclass(frozen=True)
class PlanDoc:
    """What an export shows: the plan, the tier pre-check, the organisation, the language."""

    plan: Plan
    tiers: tuple[TierCheck, ...]
    organisation: str
    lang: Lang

    def text(self, value: Text | None) -> str:
        return value.get(self.lang) if value is not None else ""

    def label(self, key: str, **params: object) -> str:
        return msg(key, self.lang, **params)

    def legislation(self, key: str = "plan.legislation_as_of") -> str:
        """How current the legal citations are; "" when the plan cites none."""
        month = legislation_month(self.plan)
        return self.label(key, month=month) if month else ""

    def budget(self, phase: PlanPhase) -> str:
        return self.band(phase.budget)

    def band(self, bounds: tuple[int, int | None]) -> str:
        low, high = bounds
        return f"{low}–{high}" if high is not None else self.label("plan.budget_open", low=low)

    def cost(self, step: Step) -> str:
        """The step's band scaled to the firm, marked when part of it is a yearly fee."""
        band = self.band(step.bounds)
        return self.label("plan.recurring", band=band) if step.recurring else band


def months_text(step: Step) -> str:
    low, high = step.months
    return f"{low}–{high}" if low != high else str(low)


def row(doc: PlanDoc, step: Step) -> dict[str, str]:
    """One project as the columns of every tabular export, in the reader's language."""
    p = step.project
    return {
        "phase": str(step.phase),
        "rank": str(step.rank),
        "id": p.id,
        "project": doc.text(step.name),
        "start": str(step.start),
        "end": str(step.end),
        "months": months_text(step),
        "cost": doc.cost(step),
        "owner": doc.text(p.owner),
        "kpis": "; ".join(_kpi(doc, k.kpi, k.measure) for k in p.kpis),
        "needs": ", ".join(step.needs),
        "closes": ", ".join(r.id for r in step.closing),
        "first_step": doc.text(step.first_step),
        "blocks": doc.label("plan.yes") if step.blocks_next else "",
        "statutory": doc.text(step.law),
    }


def _kpi(doc: PlanDoc, kpi: Kpi, measure: Text) -> str:
    """The KPI's name and how to measure it (once, when the measure is just the name)."""
    name, how = doc.text(KPI_NAMES[kpi]), doc.text(measure)
    return name if how == name else f"{name}: {how}"


def headers(doc: PlanDoc) -> list[str]:
    return [doc.label(f"plan.col.{c}") for c in COLUMNS]


def render_json(doc: PlanDoc) -> str:
    plan = doc.plan
    data: dict[str, Any] = {
        "format": "maturity-plan/1",
        "reached": plan.reached,
        "target": plan.target,
        "next_level": plan.next_level,
        "gate": plan.gate,
        "next_score": plan.current,
        "reachable": plan.reachable,
        "estimated": plan.estimated,
        "start": str(plan.start),
        "size": {
            "class": plan.size.value,
            "stated": plan.size_known,
            "cost_factor": SCALE[plan.size],
        },
        "top": [s.id for s in plan.top],
        "shortest": [s.id for s in plan.shortest],
        "phases": [_phase_json(p) for p in plan.phases],
        "projects": [_step_json(s) for s in plan.steps],
        "tiers": [
            {"id": t.tier.id, "level": t.tier.level, "met": t.met, "projects": list(t.projects)}
            for t in doc.tiers
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _phase_json(phase: PlanPhase) -> dict[str, Any]:
    low, high = phase.budget
    return {
        "number": phase.number,
        "start": str(phase.start),
        "end": str(phase.end),
        "quarters": phase.quarters,
        "budget_wan_rmb": {"low": low, "high": high, "indicative": True},
        "projects": [s.id for s in phase.steps],
    }


def _step_json(step: Step) -> dict[str, Any]:
    p = step.project
    return {
        "rank": step.rank,
        "id": p.id,
        "name": step.name.model_dump(),
        "mode": step.fit.mode.value,
        "phase": step.phase,
        "start": str(step.start),
        "end": str(step.end),
        "months": list(step.months),
        "cost": step.fit.band(p).value,
        "cost_wan_rmb": {"low": step.bounds[0], "high": step.bounds[1], "indicative": True},
        "recurring": step.recurring,
        "cost_basis": step.cost_basis.model_dump(),
        "owner": p.owner.model_dump(),
        "kpis": [{"kpi": k.kpi.value, "measure": k.measure.model_dump()} for k in p.kpis],
        "needs": list(step.needs),
        "closes": [r.id for r in step.closing],
        "first_step": step.first_step.model_dump(),
        "only_for": step.fit.sole.model_dump() if step.fit.sole else None,
        "statutory": step.law.model_dump() if step.law else None,
        "blocks_next_level": step.blocks_next,
        "technologies": list(p.technologies),
        "scenarios": list(p.scenarios),
    }


def render_csv(doc: PlanDoc) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers(doc))
    for step in doc.plan.steps:
        writer.writerow([csv_text(v) for v in row(doc, step).values()])
    return out.getvalue()


def render_md(doc: PlanDoc) -> str:
    plan = doc.plan
    lines = [f"# {doc.label('plan.title')}: {markdown_text(doc.organisation)}", ""]
    if not plan.steps:
        return "\n".join([*lines, doc.label("plan.nothing"), ""])
    start = str(plan.start)
    lines += [doc.label("plan.heading", start=start, reached=plan.reached, target=plan.target), ""]
    lines += [f"{doc.label('plan.indicative')} {doc.text(plan.cost_note)}", ""]
    lines += [doc.legislation(), ""] if doc.legislation() else []
    if not plan.estimated:
        lines += [doc.label("plan.not_estimated_note"), ""]
    lines += [_shortest_line(doc), ""]
    for phase in plan.phases:
        lines += _md_phase(doc, phase)
    lines += _md_tiers(doc)
    return "\n".join(lines)


def _shortest_line(doc: PlanDoc) -> str:
    plan = doc.plan
    if not plan.reachable:
        return doc.label("plan.unreachable", level=plan.next_level)
    return doc.label(
        "plan.shortest",
        level=plan.next_level,
        count=len(plan.shortest),
        budget=doc.band(budget_of(plan.shortest)),
        ids=", ".join(s.id for s in plan.shortest) or "-",
    )


def _md_phase(doc: PlanDoc, phase: PlanPhase) -> list[str]:
    title = doc.label(
        "plan.phase", n=phase.number, start=phase.start, end=phase.end, budget=doc.budget(phase)
    )
    shown = [c for c in COLUMNS if c != "phase"]
    lines = [f"## {title}", ""]
    lines.append("| " + " | ".join(doc.label(f"plan.col.{c}") for c in shown) + " |")
    lines.append("|" + "---|" * len(shown))
    for step in phase.steps:
        values = row(doc, step)
        lines.append("| " + " | ".join(markdown_text(values[c]) for c in shown) + " |")
    return [*lines, ""]


def tier_lines(doc: PlanDoc) -> list[str]:
    """One line per smart-factory tier: the level it needs, met or the projects that close it."""
    lines = []
    for check in doc.tiers:
        met = (
            doc.label("plan.tier_met")
            if check.met
            else doc.label("plan.tier_gap", ids=", ".join(check.projects) or "-")
        )
        name = doc.text(check.tier.name)
        lines.append(doc.label("plan.tier_line", name=name, needed=check.tier.level, met=met))
    return lines


def _md_tiers(doc: PlanDoc) -> list[str]:
    if not doc.tiers:
        return []
    title = f"## {doc.label('plan.tiers')}"
    return [title, "", *(f"- {markdown_text(line)}" for line in tier_lines(doc)), ""]


def render(doc: PlanDoc, fmt: PlanFormat) -> str | bytes:
    if fmt is PlanFormat.xlsx:
        from maturity.excel.plan import gantt

        return gantt(doc)
    return {PlanFormat.json: render_json, PlanFormat.csv: render_csv, PlanFormat.md: render_md}[
        fmt
    ](doc)
