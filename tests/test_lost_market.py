"""The market's lost deals: the section of the market screen (enter opens
the lead) and ``leadboard market``'s text and JSON."""

from __future__ import annotations

import json

import pytest
from textual.widgets import DataTable

from store.leadstore import LeadStore
from store.lost import LostAnswer, mark_lost
from store.market_model import LostReason
from tests.market_fixture import build_market
from tests.test_insights_app import SIZE, settle, shown_leads, text
from tui.app import LeadboardApp
from tui.cli import main
from tui.screens.board import BoardScreen


def lose(store: LeadStore, clock, ids: dict[str, int]) -> None:
    """张伟 (临沂) lost to a CAT 320GC two days ago, 李强 (济南) to SDLG today."""
    clock.advance(days=-2)
    mark_lost(store, ids["a"], LostAnswer(LostReason.PRICE, "价格", brand="cat", model="320GC",
                                          price=780_000))
    clock.advance(days=2)
    mark_lost(store, ids["b"], LostAnswer(LostReason.OTHER, "其他：租机", why="租机", brand="sdlg"))


def rows(app) -> list[list[str]]:
    table = app.screen.query_one("#market-lost-table", DataTable)
    return [[str(c) for c in table.get_row_at(r)] for r in range(table.row_count)]


@pytest.mark.parametrize(("lang", "first", "second", "heading"), [
    ("en", ["2026-11-26", "临工", "", "-", "other: 租机", "李强"],
     ["2026-11-24", "卡特", "320GC", "¥780,000", "price", "张伟"], "Lost deals in the region"),
    ("zh", ["2026-11-26", "临工", "", "-", "其他：租机", "李强"],
     ["2026-11-24", "卡特", "320GC", "78万", "价格", "张伟"], "本地区的流失订单"),
])
async def test_the_market_lists_lost_deals_newest_first(store, clock, lang, first, second,
                                                        heading):
    lose(store, clock, build_market(store))
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("M")
        await settle(app, pilot)
        assert text(app, "#market-lost .market-heading").startswith(heading)
        assert rows(app) == [first, second]
        await pilot.press("slash")
        app.screen.query_one("#market-region").value = "临沂"
        await pilot.press("enter")
        await settle(app, pilot)
        assert rows(app) == [second]


async def test_enter_on_a_lost_deal_opens_its_lead_on_the_board(store, clock):
    ids = build_market(store)
    lose(store, clock, ids)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("M")
        await settle(app, pilot)
        app.screen.query_one("#market-lost-table").focus()
        await pilot.press("down", "enter")  # 张伟, the older deal
        await pilot.pause()
        board = app.screen
        assert isinstance(board, BoardScreen)
        assert shown_leads(board) == {ids["a"]} and board.selected_lead_id() == ids["a"]


async def test_a_region_without_lost_deals_says_so(store):
    build_market(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("M")
        await settle(app, pilot)
        assert text(app, "#market-lost-none") == "No deal lost here yet."
        assert not app.screen.query_one("#market-lost-table").display


def test_market_json_lists_the_lost_deals(db_path, clock, capsys):
    with LeadStore.open(db_path, clock=clock) as store:
        ids = build_market(store)
        lose(store, clock, ids)
    assert main(["market", "--db", str(db_path), "--json", "--region", "临沂"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["lost_deals"] == [{
        "id": 1, "day": "2026-11-24", "lead_id": ids["a"], "lead": "张伟", "brand": "卡特",
        "model": "320GC", "price": 780_000, "reason": "price", "why": "",
        "province": "山东", "city": "临沂"}]


@pytest.mark.parametrize(("lang", "lines"), [
    ("en", ["Lost deals", "  2026-11-26 李强: 临工 · other: 租机",
            "  2026-11-24 张伟: 卡特 320GC ¥780,000 · price"]),
    ("zh", ["流失订单", "  2026-11-26 李强：临工 · 其他：租机",
            "  2026-11-24 张伟：卡特 320GC 78万 · 价格"]),
])
def test_market_text_lists_the_lost_deals(db_path, clock, capsys, lang, lines):
    with LeadStore.open(db_path, clock=clock) as store:
        lose(store, clock, build_market(store))
    assert main(["market", "--db", str(db_path), "--lang", lang]) == 0
    out = capsys.readouterr().out.splitlines()
    start = out.index(lines[0])
    assert out[start:start + 3] == lines
