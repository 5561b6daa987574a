"""Market intelligence as a rep writes it down: I on the board (the lead's
region filled in, typed prices and days read, bad values refused where they
were typed), undo; a competitor's profile with each model's latest price."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import DataTable

from store.leadstore import LeadStore
from store.model import Source
from tests.intel_fixture import build_intel
from tests.test_cjk_overlay_fix import screen_text
from tests.test_insights_app import settle
from tui.app import LeadboardApp
from tui.screens.competitor import CompetitorScreen
from tui.screens.form import DiscardTyping
from tui.screens.intel_form import IntelForm
from widgets.quadrant_board import QuadrantBoard

SIZE = (130, 50)


async def _open_form(pilot, app) -> IntelForm:
    await pilot.press("I")
    await pilot.pause()
    assert isinstance(app.screen, IntelForm)
    return app.screen


def _value(form, name: str) -> str:
    return form.query_one(f"#intel-{name}").value


async def test_I_writes_down_intel_heard_from_the_lead(store, clock):
    lead = store.add_lead("张伟", province="山东", city="临沂", intent=5, funding=5)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot, app)
        assert "Market intel heard from 张伟" in screen_text(app)
        assert (_value(form, "province"), _value(form, "city")) == ("山东", "临沂")
        assert _value(form, "on") == "2026-11-26"
        form.query_one("#intel-on").value = "yesterday"
        await pilot.pause()
        assert "→ Wed 2026-11-25" in screen_text(app)
        await pilot.press(*"xcmg", "tab", *"XE215DA", "tab", *"54.5万", "tab", *"首付两成")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.focused, QuadrantBoard)
        assert "saved" in screen_text(app)
    store.close()
    with LeadStore.open(store.path, clock=clock, read_only=True) as again:
        (entry,) = again.records("intel").values()
        assert (entry.on, entry.brand, entry.model, entry.price, entry.terms) == (
            date(2026, 11, 25), "徐工", "XE215DA", 545_000, "首付两成")
        assert (entry.province, entry.city, entry.lead_id, entry.source) == (
            "山东", "临沂", lead.id, Source.WALK_IN)


async def test_a_price_in_full_width_digits_is_read(store, seeded):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot, app)
        form.query_one("#intel-brand").value = "卡特"
        form.query_one("#intel-price").value = "５４５０００"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, IntelForm)
        (entry,) = store.records("intel").values()
        assert entry.price == 545_000 and entry.city == "临沂"


@pytest.mark.parametrize(("lang", "typed", "field", "said"), [
    ("en", {"price": "0"}, "price", "Price (yuan): more than 0 and at most 100,000,000 yuan."),
    ("en", {"price": "cheap"}, "price", "Price (yuan): “cheap” is not a number (54.5万 or 545000)."),
    ("en", {"on": "2026-12-25"}, "on", "Heard on: 2026-12-25 has not come yet."),
    ("en", {"on": "someday"}, "on", "Heard on: “someday” is not a day"),
    ("en", {"price": "", "text": ""}, "text", "What was said: write it down, or a price or the terms."),
    ("zh", {"price": "0"}, "price", "价格（元）：须大于 0，至多 1 亿元。"),
    ("zh", {"price": "很便宜"}, "price", "价格（元）：“很便宜”不是数字（54.5万 或 545000）。"),
    ("zh", {"on": "2026-12-25"}, "on", "听到日期：2026-12-25 还没到。"),
    ("zh", {"brand": ""}, "brand", "品牌：必填。"),
])
async def test_bad_input_is_said_inline_and_nothing_is_saved(store, seeded, lang, typed, field,
                                                             said):
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot, app)
        for name, value in {"brand": "徐工", "price": "54万", "text": "听说", **typed}.items():
            form.query_one(f"#intel-{name}").value = value
        await pilot.pause()
        journal = store.journal_bytes
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert said in screen_text(app)
        assert app.focused is form.query_one(f"#intel-{field}")
        assert not store.records("intel") and store.journal_bytes == journal


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "→ Fri 2026-12-25: that day has not come yet."),
    ("zh", "→ 2026-12-25 周五：这一天还没到。"),
])
async def test_a_future_day_is_said_in_red_as_it_is_typed(store, seeded, lang, said):
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot, app)
        form.query_one("#intel-on").value = "2026-12-25"
        await pilot.pause()
        line = form.query_one("#intel-on-said")
        assert str(line.render()) == said and line.has_class("-past")


async def test_u_takes_the_entry_back_and_esc_asks_before_throwing_typing_away(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await _open_form(pilot, app)
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert isinstance(app.focused, QuadrantBoard)
        await _open_form(pilot, app)
        await pilot.press(*"小松")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DiscardTyping)
        await pilot.press("escape")  # back to the typing
        await pilot.pause()
        assert isinstance(app.screen, IntelForm)
        await pilot.press("tab", "tab", *"62万", "ctrl+s")
        await pilot.pause()
        assert len(store.records("intel")) == 1
        await pilot.press("u")
        await pilot.pause()
        assert "Undone: new intel entry" in screen_text(app)
        assert not store.records("intel")


@pytest.mark.parametrize(("lang", "rows", "terms"), [
    ("en", [("XE215DA", "¥520,000–¥580,000", "¥545,000", "2026-10-15", "临沂"),
            ("XE60DA", "¥200,000–¥230,000", "-", "-", "-"),
            ("XE370DK", "-", "¥980,000", "2026-11-01", "济南")],
     "Finance: 20% down · 36 months · 3.5% a year"),
    ("zh", [("XE215DA", "52万–58万", "54.5万", "2026-10-15", "临沂"),
            ("XE60DA", "20万–23万", "-", "-", "-"),
            ("XE370DK", "-", "98万", "2026-11-01", "济南")],
     "金融方案：首付 20% · 36 期 · 年利率 3.5%"),
])
async def test_the_profile_shows_the_latest_price_per_model(store, lang, rows, terms):
    build_intel(store)
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("M")
        await settle(app, pilot)
        await pilot.press("tab", "enter")  # the competitors, 徐工 first (most staff)
        await pilot.pause()
        assert isinstance(app.screen, CompetitorScreen)
        table = app.screen.query_one("#profile-models", DataTable)
        assert [tuple(str(c) for c in table.get_row_at(r)) for r in range(table.row_count)] == rows
        assert terms in screen_text(app)


async def test_e_edits_the_profile_and_a_newer_price_wins(store):
    build_intel(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("M")
        await settle(app, pilot)
        await pilot.press("I")
        await pilot.pause()
        form = app.screen
        for name, value in {"brand": "XCMG", "model": "xe60da", "price": "21.8万"}.items():
            form.query_one(f"#intel-{name}").value = value
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("tab", "enter", "e")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#competitor-models").value == (
            "XE215DA 52-58万, XE60DA 20-23万")
        form.query_one("#competitor-instalment_months").value = "48"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CompetitorScreen)
        text = screen_text(app)
        assert "48 months" in text and "¥218,000" in text
    (profile,) = store.records("competitors").values()
    assert profile.instalment_months == 48
