"""Round 4, the bureau's second reading of the full edition: the tier table counts what the
dashboard counts, and the method annex says how costs are scaled, as the plan does."""

from __future__ import annotations

import re

import pytest

from maturity.plan import OWNER_AT_ONCE, OWNER_LIGHT, PHASE_SIZE
from maturity.plan_fit import SCALE
from tests.conftest import REPO
from tests.test_full_edition_names import visible
from tests.test_report import SAMPLE
from tests.test_report_editions import html_of

PROCESS = REPO / "examples" / "cmmm-process-sample.yaml"


@pytest.fixture(scope="module")
def discrete() -> str:
    return " ".join(visible(html_of(SAMPLE, "zh", extra=[])).split())


@pytest.fixture(scope="module")
def process() -> str:
    return " ".join(visible(html_of(PROCESS, "zh", extra=[])).split())


@pytest.mark.parametrize("name", ["discrete", "process"])
def test_tier_row_counts_the_dashboards_minimal_set(
    name: str, request: pytest.FixtureRequest
) -> None:
    text: str = request.getfixturevalue(name)
    # a set of several is counted ("第 3 级必需：…，共 n 个项目"), a single project named
    dashboard = re.search(r"第 3 级(?:必需：(?:.*?，共 )?|只差 )(\d+) 个项目", text)
    assert dashboard, "the dashboard names level 3's minimal set"
    quarter = re.search(r"预计 (\d{4} Q\d) 达到第 3 级", text)
    assert quarter
    row = re.search(
        r"卓越级智能工厂 ≥ 3 未达到 ([\d, –]+)（(\d+) 个，预计 (\d{4} Q\d) 达到）", text
    )
    assert row, "the 卓越级 row shows the minimal set with its count and quarter"
    assert row[2] == dashboard[1] and row[3] == quarter[1]
    listed = sum(
        int(b) - int(a) + 1 if b else 1 for a, b in re.findall(r"(\d+)(?:–(\d+))?", row[1])
    )
    assert listed == int(row[2])


def test_tier_row_lists_the_other_projects_apart(discrete: str) -> None:
    found = re.search(
        r"其余相关项目 (\d+) 个，也关闭该等级以下的差距，但达到该等级不需要：", discrete
    )
    assert found and int(found[1]) > 0


def test_method_annex_says_costs_are_scaled_as_the_plan_scales_them(process: str) -> None:
    factors = "、".join(
        f"{n} ×{SCALE[s]:g}" for n, s in zip(["微型", "小型", "中型", "大型"], SCALE, strict=True)
    )
    assert f"按企业规模换算：{factors}；" in process
    assert "不按企业规模" not in process and "中小企业" not in process
    scaled = f"费用按大型企业估算（中型企业参考区间的 {SCALE[max(SCALE, key=SCALE.__getitem__)]:g} 倍）。"
    assert process.count(scaled) >= 2  # page 3 and the annex say the same
    assert "10 万元以下的基础项目" not in process
    assert (
        f"每位负责人同时最多负责 {OWNER_LIGHT} 个项目，其中需要资金的最多 {OWNER_AT_ONCE} 个"
        in process
    )
    assert f"最后一个阶段可以少于 {PHASE_SIZE} 个" in process


def test_method_annex_names_the_tool_not_this_project(discrete: str) -> None:
    annex = discrete[discrete.index("本报告的自选做法") :]
    assert "本项目" not in annex
    assert "由本评估工具（maturity）编写" in annex
    # the weights are stated once, in the parameters table with their status
    assert "各子域等权重" not in annex[: annex.index("证据清单")]
    assert "各子域等权重" in discrete[: discrete.index("本报告的自选做法")]
