"""A lead's fleet kept up to date on the board: `f` lists its machines, enter
edits one in the machine form filled in, `d` removes one after asking, each
saved to disk as one undo step; `m` on the market screen adds a machine
nobody is known to own."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from store.leadstore import LeadStore
from store.model import MachineStatus, Source
from tests.test_cjk_overlay_fix import screen_text
from tests.test_insights_app import settle, text
from tui.app import LeadboardApp
from tui.screens.fleet import FleetDialog, RemoveMachine
from tui.screens.machine_form import MachineForm
from tui.screens.market import MarketScreen
from widgets.quadrant_board import QuadrantBoard

SIZE = (130, 44)


@pytest.fixture
def fleet(store, seeded):
    """张伟 (the board's first lead) owns two machines."""
    owner = seeded["张伟"]
    first = store.add_machine("小松", "PC200-8", owner=owner, year=2012, hours=15000,
                              hours_read=date(2026, 10, 3), sources=(Source.PEER,))
    second = store.add_machine("卡特", "320", owner=owner, year=2020)
    return {"owner": owner, "first": first.id, "second": second.id}


async def _open_fleet(pilot, app) -> FleetDialog:
    await pilot.press("f")
    await pilot.pause()
    assert isinstance(app.screen, FleetDialog)
    return app.screen


async def test_enter_edits_the_chosen_machine_in_the_form_filled_in(store, fleet, clock):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await _open_fleet(pilot, app)
        text_now = screen_text(app)
        assert "张伟's fleet" in text_now
        assert "小松 PC200-8 · 2012 · 15,000 h · working" in text_now
        await pilot.press("down", "up", "enter")  # the first machine
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MachineForm)
        assert "小松 PC200-8, a machine of 张伟's" in screen_text(app)
        assert form.query_one("#machine-year").value == "2012"
        assert form.query_one("#machine-hours").value == "15000"
        assert form.query_one("#machine-hours_read").value == "2026-10-03"
        form.query_one("#machine-hours").value = "16200"
        form.query_one("#machine-hours_read").value = ""  # read today
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FleetDialog)
        assert "小松 PC200-8 · 2012 · 16,200 h · working" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, QuadrantBoard)
        assert "u undoes: machine change" in screen_text(app)
    store.close()
    with LeadStore.open(store.path, clock=clock, read_only=True) as again:
        edited = again.machine(fleet["first"])
        assert (edited.hours, edited.hours_read) == (16200, date(2026, 11, 26))
        assert edited.sources == (Source.PEER,) and edited.owner == fleet["owner"]


async def test_an_edit_keeps_what_was_not_touched(store, fleet):
    before = store.machine(fleet["second"])
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await _open_fleet(pilot, app)
        await pilot.press("down", "e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, MachineForm)
        form.query_one("#machine-status").value = MachineStatus.TRADE_IN.value
        await pilot.press("ctrl+s")
        await pilot.pause()
    after = store.machine(fleet["second"])
    assert after.status is MachineStatus.TRADE_IN
    assert after == dataclasses.replace(before, status=MachineStatus.TRADE_IN)


async def test_a_bad_edit_is_said_in_the_form_and_nothing_is_saved(store, fleet):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await _open_fleet(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        form.query_one("#machine-hours").value = "9000"  # fewer than the 15,000 read before
        journal = store.journal_bytes
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "fewer hours than the 15000 read before" in screen_text(app)
        assert store.journal_bytes == journal
        assert store.machine(fleet["first"]).hours == 15000


async def test_d_removes_a_machine_after_asking_and_u_brings_it_back(store, fleet, clock):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await _open_fleet(pilot, app)
        await pilot.press("down", "d")
        await pilot.pause()
        assert isinstance(app.screen, RemoveMachine)
        assert "卡特 320 · 2020 · working" in screen_text(app)
        await pilot.press("escape")  # kept
        await pilot.pause()
        assert isinstance(app.screen, FleetDialog) and fleet["second"] in store.machines
        await pilot.press("d", "y")
        await pilot.pause()
        assert isinstance(app.screen, FleetDialog)
        assert "卡特 320" not in screen_text(app)
        await pilot.press("escape", "enter")
        await pilot.pause()
        text_now = screen_text(app)
        assert "Fleet: 1" in text_now and "卡特 320" not in text_now
        assert "u undoes: machine removed" in text_now
    store.close()
    with LeadStore.open(store.path, clock=clock) as again:
        assert [m.id for m in again.fleet_of(fleet["owner"])] == [fleet["first"]]
        app = LeadboardApp(again, "en")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("u", "enter")
            await pilot.pause()
            text_now = screen_text(app)
            assert "Undone: machine removed" in text_now
            assert "卡特 320 · 2020 · working" in text_now and "Fleet: 2" in text_now


async def test_an_edit_is_one_undo_step(store, fleet):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await _open_fleet(pilot, app)
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one("#machine-model").value = "PC210-8"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape", "u", "enter")
        await pilot.pause()
        assert "Undone: machine change" in screen_text(app)
        assert "小松 PC200-8 · 2012" in screen_text(app)
    assert store.machine(fleet["first"]).model == "PC200-8"


async def test_an_empty_fleet_says_how_to_add_one_in_chinese(store, seeded):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        dialog = await _open_fleet(pilot, app)
        assert "还没有设备：按 m 添加。" in screen_text(app)
        await pilot.press("d", "e")  # nothing to remove or edit
        await pilot.pause()
        assert app.screen is dialog
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MachineForm)
        await pilot.press(*"徐工", "tab", *"XE215DA", "ctrl+s")
        await pilot.pause()
        assert app.screen is dialog
        assert "徐工 XE215DA · 在用" in screen_text(app)
    assert [m.model for m in store.fleet_of(seeded["张伟"])] == ["XE215DA"]


async def test_m_on_the_market_adds_a_machine_nobody_owns(store, clock):
    store.add_lead("张伟", province="山东", city="临沂")
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("M")
        await settle(app, pilot)
        assert isinstance(app.screen, MarketScreen)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, MachineForm)
        assert "A machine seen, owner not known" in screen_text(app)
        await pilot.press(*"CAT", "tab", *"336", "tab", "tab", *"2010")
        app.screen.query_one("#machine-city").value = "临沂"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, MarketScreen)
        assert "1 machines in service" in text(app, "#market-title")
        assert "1 machines due whose owner is not known" in text(app, "#market-unowned")
    store.close()
    with LeadStore.open(store.path, clock=clock, read_only=True) as again:
        (machine,) = again.machines.values()
        assert (machine.brand, machine.model, machine.owner, machine.city) == (
            "卡特", "336", None, "临沂")


@pytest.mark.parametrize(("lang", "said"), [
    ("en", "The lead's fleet: edit or remove a machine, or add one"),
    ("zh", "客户的机队：修改或删除一台设备，或再添一台")])
async def test_help_names_the_fleet_key(store, seeded, lang, said):
    app = LeadboardApp(store, lang)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert said in screen_text(app)
