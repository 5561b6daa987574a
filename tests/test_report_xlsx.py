"""``leadboard report --format xlsx``: one sheet per section, native charts
whose references point at the right cells, read back with openpyxl."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from store.leadstore import LeadStore
from tests.conftest import Clock
from tests.insights_fixture import build
from tui.cli import main

QUARTER = ["--from", "2026-10-01", "--to", "2026-12-31"]


@pytest.fixture
def workbook(tmp_path):
    path = tmp_path / "leads.json"
    clock = Clock()
    with LeadStore.open(path, clock=clock) as store:
        build(store, clock)
    target = tmp_path / "quarter.xlsx"
    assert main(["report", "--db", str(path), *QUARTER, "--format", "xlsx", "--lang", "zh",
                 "-o", str(target)]) == 0
    assert (target.stat().st_mode & 0o777) == 0o600
    return load_workbook(target)


def refs(chart) -> list[str]:
    return [series.val.numRef.f for series in chart.series]


def test_one_sheet_per_section_with_headings_in_the_language(workbook):
    assert workbook.sheetnames == ["客户来源", "象限成交率", "象限变化", "销售漏斗", "接触情况",
                                   "接触目的达成", "流失原因"]
    sources = workbook["客户来源"]
    assert sources["A1"].value == "客户来源"
    assert [c.value for c in sources[4]][:7] == ["来源", "新增", "进Q1/Q2", "成交", "流失",
                                                 "成交率", "成交天数"]
    assert [c.value for c in sources[5]][:7] == ["朋友介绍", 1, 1.0, 1, 1, 0.5, 27.0]
    assert sources["F5"].number_format == "0%"


def test_source_bars_read_the_found_and_won_columns(workbook):
    sheet = workbook["客户来源"]
    (chart,) = sheet._charts
    assert chart.tagname == "barChart" and chart.type == "bar"
    assert refs(chart) == ["'客户来源'!$B$5:$B$8", "'客户来源'!$D$5:$D$8"]
    assert chart.series[0].cat.strRef.f == "'客户来源'!$A$5:$A$8"
    assert [sheet[f"A{r}"].value for r in range(5, 9)] == ["朋友介绍", "老用户介绍", "自己走访",
                                                          "展会/座谈会/联谊会"]


def test_the_migration_table_is_five_by_five(workbook):
    sheet = workbook["象限变化"]
    assert [c.value for c in sheet[4]][:6] == ["从 \\ 到", "Q1", "Q2", "Q3", "Q4", "待评级"]
    assert [c.value for c in sheet[7]][:6] == ["Q3", 1, 0, 1, 0, 0]
    assert [c.value for c in sheet[9]][:6] == ["待评级", 0, 0, 1, 0, 0]
    (chart,) = sheet._charts
    assert refs(chart)[0] == "'象限变化'!$B$5:$B$9"


def test_funnel_and_activity_charts(workbook):
    (funnel,) = workbook["销售漏斗"]._charts
    assert refs(funnel) == ["'销售漏斗'!$C$5:$C$12"]
    line, bars = workbook["接触情况"]._charts
    assert line.tagname == "lineChart" and len(line.series) == 5
    assert refs(line)[0] == "'接触情况'!$B$5:$B$16"
    assert refs(bars)[0] == "'接触情况'!$B$19:$B$20"  # phone, visit


def test_lost_reasons_as_a_pareto_of_bars_and_a_running_line(workbook):
    sheet = workbook["流失原因"]
    assert [c.value for c in sheet[5]][:4] == ["价格高", 2, 0.6667, 0.6667]
    assert [c.value for c in sheet[6]][:4] == ["资金不足", 1, 0.3333, 1.0]
    reasons = sheet._charts[0]
    assert reasons.tagname == "barChart"
    assert refs(reasons) == ["'流失原因'!$B$5:$B$6"]
    # The running share is a line on a second axis (0-100 %), in the same chart.
    bars, line = reasons._charts
    assert line.tagname == "lineChart"
    assert refs(line) == ["'流失原因'!$D$5:$D$6"]
    assert line.y_axis.axId != bars.y_axis.axId and line.y_axis.crosses == "max"
    assert (line.y_axis.scaling.min, line.y_axis.scaling.max) == (0, 1)
    assert line.series[0].cat.strRef.f == "'流失原因'!$A$5:$A$6"
    competitors = sheet._charts[1]
    assert [c.value for c in sheet[23]][:2] == ["竞争对手", "客户数"]
    assert refs(competitors) == ["'流失原因'!$B$24:$B$25"]


def test_each_section_prints_one_landscape_page_wide(workbook):
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage


def test_empty_sections_say_what_to_do(tmp_path):
    path = tmp_path / "empty.json"
    with LeadStore.open(path):
        pass
    target = tmp_path / "empty.xlsx"
    assert main(["report", "--db", str(path), "--format", "xlsx", "--lang", "en",
                 "-o", str(target)]) == 0
    book = load_workbook(target)
    assert "triage session" in book["Lost deals"]["A4"].value
    assert not book["Lost deals"]._charts
