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

from maturity.i18n import Lang, filled, msg
from maturity.labels import KPI_NAMES
from maturity.money import Bounds, money, money_text
from maturity.plan import (
    LevelSet,
    Plan,
    PlanPhase,
    Quarter,
    Step,
    budget_of,
    legislation_month,
    schedule_limits,
)
from maturity.plan_fit import SCALE
from maturity.projects import moves
from maturity.schema.base import Kpi, Text
from maturity.schema.kpis import KpiBaseline
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
    "baseline",
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
    kpis: tuple[KpiBaseline, ...] = ()  # the answer file's baselines

    @property
    def columns(self) -> tuple[str, ...]:
        """The columns shown: the baseline only when the answer file gives any."""
        return COLUMNS if self.kpis else tuple(c for c in COLUMNS if c != "baseline")

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

    def band(self, bounds: Bounds) -> str:
        return money(bounds, self.lang)

    def cost(self, step: Step) -> str:
        return self.text(cost_text(step))

    def baseline(self, step: Step) -> str:
        """The baselines of the KPIs the project moves, else "to be measured"."""
        same = [
            self.label("plan.baseline", kpi=self.label(f"kpi.name.{b.kpi}"), value=f"{b.value:g}",
                       unit=b.shown_unit, date=b.date)
            for b in self.kpis
            if moves(step.project, b)
        ]  # fmt: skip
        return "; ".join(same) or (self.label("report.kpi_to_measure") if self.kpis else "")

    def needed(self, step: Step) -> str:
        """Which level's minimal set it is in, and whether its cost holds later levels' scope."""
        if not step.needed_for:
            return ""
        text = self.label("plan.needed_for", level=step.needed_for)
        later = step.later_levels
        if later:
            text += self.label("plan.later_scope", levels=level_range(later))
        return text


def cost_text(step: Step) -> Text:
    """The step's band scaled to the firm, marked when part of it is a yearly fee."""
    band = money_text(step.bounds)
    return filled("plan.recurring", band=band) if step.recurring else band


def level_range(levels: tuple[int, ...]) -> str:
    """4 or 4–5: the levels a project's later scope reaches."""
    return str(levels[0]) if len(levels) == 1 else f"{levels[0]}–{levels[-1]}"


def span(start: Quarter, end: Quarter) -> str:
    """2027 Q1, or 2027 Q1–2027 Q3: a project or phase within one quarter names it once."""
    return str(start) if start == end else f"{start}–{end}"


def months_text(step: Step) -> str:
    low, high = step.months
    return f"{low}–{high}" if low != high else str(low)


def row(doc: PlanDoc, step: Step) -> dict[str, str]:
    """One project as the columns of every tabular export, in the reader's language (only
    :attr:`PlanDoc.columns` are shown)."""
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
        "baseline": doc.baseline(step),
        "needs": ", ".join(step.needs),
        "closes": ", ".join(r.id for r in step.closing),
        "first_step": doc.text(step.first_step),
        "blocks": doc.needed(step),
        "statutory": doc.text(step.law),
    }


def _kpi(doc: PlanDoc, kpi: Kpi, measure: Text) -> str:
    """The KPI's name and how to measure it (once, when the measure is just the name)."""
    name, how = doc.text(KPI_NAMES[kpi]), doc.text(measure)
    return name if how == name else f"{name}: {how}"


def headers(doc: PlanDoc) -> list[str]:
    return [doc.label(f"plan.col.{c}") for c in doc.columns]


def cells(doc: PlanDoc, step: Step) -> list[str]:
    values = row(doc, step)
    return [values[c] for c in doc.columns]


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
        "levels": [_level_json(s) for s in plan.levels],
        "roadmap": [s.id for s in plan.roadmap],
        "reserve": [s.id for s in plan.reserve],
        "phases": [_phase_json(p) for p in plan.phases],
        "projects": [_step_json(s) for s in plan.steps],
        "tiers": [
            {"id": t.tier.id, "level": t.tier.level, "met": t.met, "projects": list(t.projects)}
            for t in doc.tiers
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _level_json(level: LevelSet) -> dict[str, Any]:
    low, high = level.budget
    return {
        "level": level.level,
        "reachable": level.reachable,
        "expected": str(level.by) if level.by else None,
        "budget_wan_rmb": {"low": low, "high": high, "indicative": True},
        "projects": [s.id for s in level.steps],
    }


def _phase_json(phase: PlanPhase) -> dict[str, Any]:
    low, high = phase.budget
    return {
        "number": phase.number,
        "start": str(phase.start),
        "end": str(phase.end),
        "quarters": phase.quarters,
        "budget_wan_rmb": {"low": low, "high": high, "indicative": True},
        "reserve": phase.reserve,
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
        "needed_for_level": step.needed_for or None,
        "cost_includes_levels": list(step.later_levels),
        "reserve": step.reserve,
        "technologies": list(p.technologies),
        "scenarios": list(p.scenarios),
    }


def render_csv(doc: PlanDoc) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(headers(doc))
    for step in doc.plan.steps:
        writer.writerow([csv_text(v) for v in cells(doc, step)])
    return out.getvalue()


def render_md(doc: PlanDoc) -> str:
    plan = doc.plan
    lines = [f"# {doc.label('plan.title')}: {markdown_text(doc.organisation)}", ""]
    if not plan.steps:
        return "\n".join([*lines, doc.label("plan.nothing"), ""])
    start = str(plan.start)
    lines += [doc.label("plan.heading", start=start, reached=plan.reached, target=plan.target), ""]
    lines += [doc.label("plan.start_rule"), ""]
    gap = "" if doc.lang == "zh" else " "  # Chinese sentences end in a full-width stop
    lines += [f"{doc.label('plan.indicative')}{gap}{doc.text(plan.cost_note)}", ""]
    lines += [doc.legislation(), ""] if doc.legislation() else []
    if not plan.estimated:
        lines += [doc.label("plan.not_estimated_note"), ""]
    lines += [*(f"- {markdown_text(line)}" for line in level_lines(doc)), ""]
    lines += [
        f"## {roadmap_heading(doc)}",
        "",
        doc.label("plan.roadmap_rule", **schedule_limits()),
        "",
    ]
    for phase in plan.phases:
        if not phase.reserve:
            lines += _md_phase(doc, phase)
    if plan.reserve:
        lines += [f"## {reserve_heading(doc)}", "", doc.label("plan.reserve_rule"), ""]
        lines += _md_table(doc, plan.reserve)
    lines += _md_tiers(doc)
    return "\n".join(lines)


def roadmap_heading(doc: PlanDoc) -> str:
    """The promotion roadmap's title with its span and size."""
    steps = doc.plan.roadmap
    first, last = doc.plan.start, max(s.end for s in steps)
    return doc.label(
        "plan.roadmap", span=span(first, last), count=len(steps), budget=doc.band(budget_of(steps))
    )


def reserve_heading(doc: PlanDoc) -> str:
    steps = doc.plan.reserve
    return doc.label("plan.reserve", count=len(steps), budget=doc.band(budget_of(steps)))


def level_lines(doc: PlanDoc) -> list[str]:
    """One line per level from the next to the target: its minimal set named, with count,
    budget and the quarter the level is expected; levels above the next assume the lower sets."""
    out = []
    for level in doc.plan.levels:
        if not level.reachable:
            out.append(doc.label("plan.unreachable", level=level.level))
            continue
        names = ", ".join(f"{doc.text(s.name)} ({s.id})" for s in level.steps)
        out.append(
            doc.label(
                "plan.level_set",
                level=level.level,
                count=len(level.steps),
                budget=doc.band(level.budget),
                by=str(level.by) if level.by else "-",
                names=names or "-",
            )
        )
    if len(doc.plan.levels) > 1:
        out.append(doc.label("plan.level_sets_note"))
    return out


def _md_phase(doc: PlanDoc, phase: PlanPhase) -> list[str]:
    return [f"### {phase_title(doc, phase)}", "", *_md_table(doc, phase.steps)]


def phase_title(doc: PlanDoc, phase: PlanPhase) -> str:
    when = span(phase.start, phase.end)
    return doc.label("plan.phase", n=phase.number, span=when, budget=doc.budget(phase))


def _md_table(doc: PlanDoc, steps: tuple[Step, ...]) -> list[str]:
    shown = [c for c in doc.columns if c != "phase"]
    lines = ["| " + " | ".join(doc.label(f"plan.col.{c}") for c in shown) + " |"]
    lines.append("|" + "---|" * len(shown))
    for step in steps:
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
