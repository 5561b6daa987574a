"""The fleet census on the board: `m` adds a machine to the selected lead's
fleet, the detail pane lists it, bad input is refused where it was typed."""

from __future__ import annotations

from datetime import date

import pytest

from store.leadstore import LeadStore
from store.model import MachineStatus
from tests.test_cjk_overlay_fix import screen_text
from tui.app import LeadboardApp
from tui.screens.form import DiscardTyping
from tui.screens.machine_form import MachineForm
from widgets.quadrant_board import QuadrantBoard

SIZE = (130, 44)


async def _open_form(pilot, app) -> MachineForm:
    await pilot.press("m")
    await pilot.pause()
    assert isinstance(app.screen, MachineForm)
    return app.screen


async def test_m_adds_a_machine_to_the_selected_leads_fleet(store, seeded, clock):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot, app)
        assert "A machine of 张伟's" in screen_text(app)
        await pilot.press(*"sany", "tab", *"SY215C")
        await pilot.pause()
        assert form.query_one("#machine-tonnes").placeholder == "21.5 t, from the model"
        await pilot.press("tab", "tab", *"2017", "tab", *"9800")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.focused, QuadrantBoard)
        assert "saved" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "Fleet: 1" in text
        assert "三一 SY215C · 2017 · 9,800 h · working" in text
    store.close()
    with LeadStore.open(store.path, clock=clock, read_only=True) as again:
        (machine,) = again.fleet_of(seeded["张伟"])
        assert (machine.brand, machine.model, machine.year, machine.hours) == (
            "三一", "SY215C", 2017, 9800)
        assert machine.hours_read == date(2026, 11, 26) and machine.tonnes is None


@pytest.mark.parametrize(("lang", "typed", "field", "said"), [
    ("en", {"year": "2030"}, "year", "Year made: 2030 has not come yet."),
    ("en", {"hours": "lots"}, "hours", "Hour meter: “lots” is not a number."),
    ("en", {"tonnes": "0"}, "tonnes", "Size class (t): more than 0 and at most 1,000 tonnes."),
    ("zh", {"year": "2030"}, "year", "出厂年份：2030 年还没到。"),
    ("zh", {"hours": "一万"}, "hours", "小时表读数：“一万”不是数字。"),
    ("zh", {"model": ""}, "model", "型号：必填。"),
])
async def test_bad_input_is_said_inline_and_nothing_is_saved(store, seeded, lang, typed, field,
                                                             said):
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        form = await _open_form(pilot, app)
        values = {"brand": "徐工", "model": "XE215DA", **typed}
        for name, value in values.items():
            form.query_one(f"#machine-{name}").value = value
        journal = store.journal_bytes
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # still open, what was typed kept
        assert said in screen_text(app)
        assert app.focused is form.query_one(f"#machine-{field}")
        assert not store.machines and store.journal_bytes == journal


async def test_leaving_the_form_asks_before_throwing_typing_away(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await _open_form(pilot, app)
        await pilot.press("escape")  # nothing typed: closes at once
        await pilot.pause()
        assert isinstance(app.focused, QuadrantBoard)
        await _open_form(pilot, app)
        await pilot.press(*"PC200")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DiscardTyping)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.focused, QuadrantBoard) and not store.machines


async def test_u_takes_the_new_machine_back(store, seeded):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await _open_form(pilot, app)
        await pilot.press(*"卡特", "tab", *"320", "ctrl+s")
        await pilot.pause()
        assert "卡特 320 · working" in screen_text(app)
        await pilot.press("u")
        await pilot.pause()
        text = screen_text(app)
        assert "Undone: new machine" in text
        assert "卡特 320" not in text and not store.machines


async def test_the_fleet_marks_the_own_brand_in_chinese(store, seeded):
    lead_id = seeded["张伟"]
    store.update_settings(own_brand="三一")
    store.add_machine("SANY", "SY365H", owner=lead_id, year=2020,
                      status=MachineStatus.TRADE_IN)
    store.add_machine("小松", "PC200-8", owner=lead_id, year=2012, hours=15000,
                      hours_read=date(2026, 10, 3), serial="KMTPC200C55123")
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "机队：2 台，本品牌 1 台" in text
        assert "★ 三一 SY365H · 2020 · 可置换" in text
        # The serial makes the line wrap in this pane's width.
        assert "小松 PC200-8 · 2012 · 15,000 小时 ·" in text
        assert "在用 · 编号 KMTPC200C55123" in text


async def test_a_read_only_board_says_so_at_once(store, seeded, db_path, clock):
    store.close()
    writer = LeadStore.open(db_path, clock=clock)
    reader = LeadStore.open(db_path, clock=clock, fallback_read_only=True)
    try:
        app = LeadboardApp(reader, "en")
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await pilot.press("m")
            await pilot.pause()
            assert not isinstance(app.screen, MachineForm)
            assert "changes cannot be saved" in screen_text(app)
    finally:
        reader.close()
        writer.close()


@pytest.mark.parametrize(("lang", "said"), [("en", "Add a machine to the lead's fleet"),
                                            ("zh", "给客户的机队添加一台设备")])
async def test_help_names_the_machine_key(store, seeded, lang, said):
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert said in screen_text(app)
