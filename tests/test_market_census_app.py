"""The market screen after a change on the board: its figures are those of
the territory as it is now (the store keeps them current), not the ones the
screen showed before."""

from __future__ import annotations

from store.leadstore import LeadStore
from tests.market_fixture import build_market
from tests.test_cjk_overlay_fix import screen_text
from tests.test_insights_app import SIZE, settle, text
from tests.test_market_app import owners
from tests.test_market_census import counted
from tui.app import LeadboardApp
from tui.screens import board
from tui.screens.fleet import FleetDialog
from tui.screens.market import MarketScreen


async def _market(app, pilot) -> MarketScreen:
    await pilot.press("M")
    await settle(app, pilot)
    assert isinstance(app.screen, MarketScreen)
    return app.screen


def _as_counted(app, store: LeadStore) -> None:
    """The screen's figures, each as a count of every machine gives it."""
    total, brands, candidates, unowned = counted(store, "")
    assert f"· {total} machines in service" in text(app, "#market-title")
    assert owners(app) == [store.lead(owner).name for owner, _machines in candidates]
    note = text(app, "#market-unowned")
    assert (f"{unowned} machines due whose owner is not known" in note) == bool(unowned)
    table = app.screen.query_one("#market-brands DataTable")
    assert sorted((str(table.get_row_at(r)[0]).lstrip("★ "), table.get_row_at(r)[1])
                  for r in range(table.row_count)) == sorted((b[0], b[1]) for b in brands)


async def test_a_machine_changed_on_the_board_and_undone_shows_in_the_market(store, clock):
    build_market(store)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await _market(app, pilot)
        assert owners(app) == ["李强", "张伟"] and "8 machines in service" in text(
            app, "#market-title")
        await pilot.press("escape", "f")  # the first lead's fleet: 王芳's
        await pilot.pause()
        assert isinstance(app.screen, FleetDialog)
        assert "王芳's fleet" in screen_text(app)
        await pilot.press("enter")  # her 小松 PC360 of 2019, in the form
        await pilot.pause()
        app.screen.query_one("#machine-year").value = "2012"  # as old as that: due
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await _market(app, pilot)
        assert owners(app) == ["李强", "王芳", "张伟"]  # hers of 2012 before his of 2016
        _as_counted(app, store)
        await pilot.press("escape", "f")
        await pilot.pause()
        await pilot.press("d", "y", "escape")  # her 小松 PC360 removed
        await pilot.pause()
        await _market(app, pilot)
        assert owners(app) == ["李强", "张伟"] and "7 machines in service" in text(
            app, "#market-title")
        _as_counted(app, store)
        await pilot.press("escape", "u", "u")  # both undone on the board
        await pilot.pause()
        await _market(app, pilot)
        assert owners(app) == ["李强", "张伟"] and "8 machines in service" in text(
            app, "#market-title")
        _as_counted(app, store)


async def test_the_board_builds_the_census_behind_it_before_the_market_is_asked_for(
        store, monkeypatch):
    build_market(store)
    store.close()
    again = LeadStore.open(store.path, clock=store.clock)  # nothing built yet
    monkeypatch.setattr(board, "CENSUS_AFTER_S", 0.05)
    app = LeadboardApp(again, "en")
    async with app.run_test(size=SIZE) as pilot:
        assert not again.census_ready
        await app.workers.wait_for_complete()
        for _ in range(50):  # the build's own thread, a moment after the first paint
            if again.census_ready:
                break
            await pilot.pause(0.05)
        assert again.census_ready
        await _market(app, pilot)  # and the market reads it as a count gives it
        _as_counted(app, again)
    again.close()
