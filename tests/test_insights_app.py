"""The insights screen as a rep uses it: a, the period keys, the tables, and
enter on a figure to see the leads behind it on the board."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import DataTable

import tui.screens.insights as insights_screen
from tests.insights_fixture import build
from tui.app import LeadboardApp
from tui.screens.board import BoardScreen
from tui.screens.insights import InsightsScreen
from widgets.bar_chart import BarChart

SIZE = (120, 50)


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def settle(app, pilot) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def shown_leads(board: BoardScreen) -> set[int]:
    return {i for ids in board.index.places.values() for i in ids}


@pytest.mark.parametrize(("lang", "month", "quarter", "best", "lost"), [
    ("en", "this month", "this quarter", "Most wins: friend's referral (1).", "biggest reason: 价格高 (67%)"),
    ("zh", "本月", "本季度", "成交最多：朋友介绍（1）。", "最主要原因：价格高（67%）"),
])
async def test_period_keys_change_the_figures(store, clock, lang, month, quarter, best, lost):
    build(store, clock)
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await settle(app, pilot)
        assert isinstance(app.screen, InsightsScreen)
        assert quarter in text(app, "#insights-title")  # the first view
        assert text(app, "#section-sources .section-note") == best
        assert lost in text(app, "#section-lost .section-note")
        await pilot.press("m")
        await settle(app, pilot)
        assert month in text(app, "#insights-title")
        assert "2026-11-01 – 2026-11-30" in text(app, "#insights-title")
        await pilot.press("w")
        await settle(app, pilot)
        assert "2026-11-23 – 2026-11-29" in text(app, "#insights-title")
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


async def test_from_to_is_typed_as_the_date_field_reads_it(store, clock):
    build(store, clock)
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await settle(app, pilot)
        await pilot.press("f")
        await pilot.press(*"2026-10-01 ~ 2026-12-31", "enter")
        await settle(app, pilot)
        assert "自定日期 2026-10-01 – 2026-12-31" in text(app, "#insights-title")
        assert not app.screen.query("#insights-range")
        assert text(app, "#section-sources .section-note") == "成交最多：朋友介绍（1）。"


async def test_v_shows_the_tables_and_a_cell_opens_its_leads(store, clock):
    ids = build(store, clock)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "q")
        await settle(app, pilot)
        screen = app.screen
        migration = screen.query_one("#table-quadrants-0", DataTable)
        assert not migration.display
        await pilot.press("v")
        assert migration.display and not screen.query_one(BarChart).display
        # Row Q3, column Q1: the lead that moved from Q3 to Q1 this quarter.
        migration.focus()
        migration.move_cursor(row=2, column=1)
        await pilot.press("enter")
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert shown_leads(board) == {ids["A"]}  # won: shown all the same
        await pilot.press("escape")
        await pilot.pause()
        assert ids["A"] not in shown_leads(board) and ids["F"] in shown_leads(board)


async def test_enter_on_a_bar_opens_the_board_on_its_leads(store, clock):
    ids = build(store, clock)
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "q")
        await settle(app, pilot)
        chart = app.screen.query_one("#section-lost BarChart", BarChart)
        chart.focus()
        await pilot.press("enter")  # the largest reason first: 价格高
        await pilot.pause()
        assert shown_leads(app.screen) == {ids["B"], ids["C"]}
        assert "2 个客户" in str(app.screen.status.render())


async def test_empty_data_says_what_to_do(store):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await settle(app, pilot)
        assert "give new leads their source" in text(app, "#section-sources .section-note")
        assert "triage session" in text(app, "#section-lost .section-note")
        assert "plan one with s" in text(app, "#section-activity .section-note")


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ["a", "Insights", "Win rate: won ÷ (won + lost)"]),
    ("zh", ["分析", "销售分析", "成交率：成交 ÷（成交 + 流失）"]),
])
async def test_help_names_the_key_and_how_figures_are_counted(store, lang, words):
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        shown = " ".join(str(s.render()) for s in app.screen.query(".help-section"))
        for word in words:
            assert word in shown


@pytest.mark.parametrize(("lang", "caption", "overdue"), [
    ("en", "Overdue contacts per week", "⚠ 1 overdue"),
    ("zh", "每周逾期接触", "⚠ 逾期 1"),
])
async def test_activity_shows_overdue_contacts_per_week(store, clock, lang, caption, overdue):
    ids = build(store, clock)
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "q")
        await settle(app, pilot)
        section = app.screen.query_one("#section-activity")
        assert caption in " ".join(str(s.render()) for s in section.query(".chart-caption"))
        chart = section.query(BarChart).last()
        rows = str(chart.render()).splitlines()
        # F's phone call planned for 11-20 was never made: its week, 11-16.
        assert [row for row in rows if overdue in row] == [
            row for row in rows if row.lstrip("▶ ").startswith("11-16")]
        assert len(rows) == 12 and "█" in rows[10]
        chart.focus()
        await pilot.press(*["down"] * 10, "enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert shown_leads(app.screen) == {ids["F"]}


async def test_v_shows_lost_deals_by_competitor_and_a_cell_opens_its_leads(store, clock):
    ids = build(store, clock)
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "q")
        await settle(app, pilot)
        await pilot.press("v")
        table = app.screen.query_one("#table-lost-1", DataTable)
        assert table.display
        assert [str(c.label) for c in table.columns.values()] == ["竞争对手", "客户数", "占比", "累计占比"]
        assert [table.get_row_at(r) for r in range(table.row_count)] == [
            ["三一", "1", "50%", "50%"], ["徐工", "1", "50%", "100%"]]
        table.focus()
        table.move_cursor(row=1, column=1)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, BoardScreen)
        assert shown_leads(app.screen) == {ids["C"]}


async def test_keys_act_while_the_figures_are_counted(store, clock, monkeypatch):
    build(store, clock)
    counted = insights_screen.sections
    release = threading.Event()

    def held(store, scope):  # the real figures, once the test lets them through
        release.wait(timeout=20)
        yield from counted(store, scope)

    monkeypatch.setattr(insights_screen, "sections", held)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        try:
            await pilot.press("a")
            await pilot.pause()
            assert text(app, "#section-sources .section-note") == "Counting…"
            await pilot.press("v", "m")
            await pilot.pause()
            assert app.screen.has_class("-tables")
            assert "this month" in text(app, "#insights-title")
            assert text(app, "#section-sources .section-note") == "Counting…"
            assert not app.screen.query(DataTable)
        finally:
            release.set()
        await settle(app, pilot)
        assert text(app, "#section-sources .section-note") == "Most wins: friend's referral (1)."
        assert app.screen.query_one("#table-sources-0", DataTable).display
