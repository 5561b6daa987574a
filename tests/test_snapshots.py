"""What the main screens look like, pinned as SVG snapshots.

Update after an intended change with ``pytest tests/test_snapshots.py --snapshot-update``.
"""

from tests.conftest import seed
from tui.app import LeadboardApp

SIZE = (120, 32)


def test_board_in_chinese(snap_compare, store):
    seed(store)
    assert snap_compare(LeadboardApp(store, "zh"), terminal_size=SIZE)


def test_board_with_details_in_english(snap_compare, store):
    ids = seed(store)
    store.move_to_quadrant(ids["李娜"], 1)
    assert snap_compare(LeadboardApp(store, "en"), terminal_size=SIZE, press=["j", "enter"])


def test_board_with_details_in_an_80_column_terminal(snap_compare, store):
    seed(store)
    assert snap_compare(LeadboardApp(store, "zh"), terminal_size=(80, 24), press=["enter"])


def test_welcome_on_an_empty_board(snap_compare, store):
    assert snap_compare(LeadboardApp(store, "en"), terminal_size=SIZE)


def _planned(store):
    from datetime import timedelta

    from store.model import Method, Purpose

    ids = seed(store)
    now = store.now()
    for offset, name in enumerate(("张伟", "李娜", "刘洋")):
        store.schedule_contact(ids[name], now + timedelta(days=offset, hours=2),
                               method=Method.VISIT, purpose=Purpose.SELL)
    return ids


def test_plan_screen_week_in_chinese(snap_compare, store):
    _planned(store)
    assert snap_compare(LeadboardApp(store, "zh"), terminal_size=SIZE, press=["p", "w"])


def test_triage_session_in_english(snap_compare, store):
    _planned(store)
    assert snap_compare(LeadboardApp(store, "en"), terminal_size=SIZE, press=["t", "enter"])


async def _insights_for_the_quarter(pilot):
    await pilot.press("a", "q")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _insights_history(store):
    from tests.insights_fixture import build

    clock = store.clock
    build(store, clock)


def test_insights_charts_in_chinese(snap_compare, store):
    _insights_history(store)
    assert snap_compare(LeadboardApp(store, "zh"), terminal_size=(120, 60),
                        run_before=_insights_for_the_quarter)


def test_insights_charts_on_a_light_theme_in_chinese(snap_compare, store):
    _insights_history(store)

    async def light(pilot):
        pilot.app.theme = "textual-light"
        await _insights_for_the_quarter(pilot)

    assert snap_compare(LeadboardApp(store, "zh"), terminal_size=(120, 60), run_before=light)


def test_insights_goals_and_lost_deals_in_chinese(snap_compare, store):
    _insights_history(store)

    async def scrolled(pilot):
        await _insights_for_the_quarter(pilot)
        pilot.app.screen.query_one("#insights-body").scroll_end(animate=False)
        await pilot.pause()

    assert snap_compare(LeadboardApp(store, "zh"), terminal_size=(120, 40), run_before=scrolled)


def test_insights_tables_in_chinese(snap_compare, store):
    _insights_history(store)

    async def tables(pilot):
        await _insights_for_the_quarter(pilot)
        await pilot.press("v")
        await pilot.pause()

    assert snap_compare(LeadboardApp(store, "zh"), terminal_size=(120, 60), run_before=tables)


async def _market_in_full(pilot):
    await pilot.press("M")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_market_in_chinese(snap_compare, store):
    from tests.market_fixture import build_market

    build_market(store)
    assert snap_compare(LeadboardApp(store, "zh"), terminal_size=(120, 50),
                        run_before=_market_in_full)
