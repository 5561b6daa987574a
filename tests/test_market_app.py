"""The market screen as a rep uses it: M on the board, r and / for the
region, v for the tables, enter on an owner, t for a triage session."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from tests.market_fixture import build_market
from tests.test_insights_app import SIZE, settle, shown_leads, text
from tui.app import LeadboardApp
from tui.screens.board import BoardScreen
from tui.screens.market import MarketScreen
from tui.screens.session import SessionScreen, SessionStart
from widgets.bar_chart import BarChart



def owners(app) -> list[str]:
    table = app.screen.query_one("#market-candidates", DataTable)
    return [str(table.get_row_at(row)[0]) for row in range(table.row_count)]


@pytest.mark.parametrize(("lang", "title", "rule", "first_bar"), [
    ("en", "Market · all regions · 8 machines in service",
     "Replacement candidates: 8+ years old or 10,000+ hours", "★ 三一"),
    ("zh", "市场 · 全部地区 · 在用设备 8 台", "换机候选：机龄 8 年以上或 10,000 小时以上", "★ 三一"),
])
async def test_M_shows_the_installed_base_and_the_owners_due(store, lang, title, rule, first_bar):
    build_market(store)
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("M")
        await settle(app, pilot)
        assert isinstance(app.screen, MarketScreen)
        assert text(app, "#market-title").startswith(title)
        assert text(app, "#market-rule") == rule
        bars = app.screen.query_one("#market-brands BarChart", BarChart).bars
        assert [(b.label, b.value) for b in bars] == [
            (first_bar, 2), ("卡特", 2), ("小松", 2), ("徐工", 1), ("柳工", 1)]
        assert bars[0].text == "2   25%"
        assert owners(app) == ["李强", "张伟"]
        await pilot.press("escape")
        assert isinstance(app.screen, BoardScreen)


@pytest.mark.parametrize(("lang", "typed", "title"), [
    ("en", "jinan", "Market · jinan · 3 machines in service"),
    ("zh", "济南", "市场 · 济南 · 在用设备 3 台"),
])
async def test_r_walks_the_regions_and_slash_takes_one_typed(store, lang, typed, title):
    build_market(store)
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("M")
        await settle(app, pilot)
        await pilot.press("r")  # the region with the most machines first
        await settle(app, pilot)
        assert "临沂" in text(app, "#market-title") and owners(app) == ["张伟"]
        await pilot.press("r", "r", "r")  # 济南, 徐州, then all regions again
        await settle(app, pilot)
        assert "8" in text(app, "#market-title") and owners(app) == ["李强", "张伟"]
        await pilot.press("slash")
        app.screen.query_one("#market-region").value = typed
        await pilot.press("enter")
        await settle(app, pilot)
        assert text(app, "#market-title").startswith(title)
        assert owners(app) == ["李强"] and not app.screen.query("#market-region")


async def test_v_shows_the_tables_with_the_splits(store):
    build_market(store)
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("M")
        await settle(app, pilot)
        table = app.screen.query_one("#market-brands DataTable", DataTable)
        assert not table.display
        await pilot.press("v")
        assert table.display and not app.screen.query_one("#market-brands BarChart").display
        # 卡特: one <6 t, one 15-25 t; one 4-7 years, one 13+ years
        assert [str(c) for c in table.get_row_at(1)] == [
            "卡特", "2", "25%", "1", "0", "1", "0", "0", "0", "0", "1", "0", "1", "0"]


async def test_enter_on_an_owner_opens_it_on_the_board(store):
    ids = build_market(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("M")
        await settle(app, pilot)
        await pilot.press("down", "enter")  # 张伟, the second owner
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert shown_leads(board) == {ids["a"]}
        assert board.selected_lead_id() == ids["a"]
        await pilot.press("escape")
        await pilot.pause()
        assert shown_leads(board) == {ids["a"], ids["b"], ids["c"]}


@pytest.mark.parametrize("lang", ["en", "zh"])
async def test_t_starts_a_triage_session_over_the_owners_due(store, lang):
    ids = build_market(store)
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("M")
        await settle(app, pilot)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, SessionStart)
        assert app.screen.queue.lead_ids == [ids["b"], ids["a"]]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)


async def test_a_region_with_no_owner_due_has_nothing_to_triage(store):
    build_market(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("M")
        await settle(app, pilot)
        await pilot.press("slash")
        app.screen.query_one("#market-region").value = "徐州"
        await pilot.press("enter")
        await settle(app, pilot)
        assert owners(app) == [] and "No machine is due." in text(app, "#market-unowned")
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, MarketScreen)
