"""Dormant leads come back on the day the rep picks; lost leads say why in the summary."""

import json
import shutil
from datetime import timedelta
from pathlib import Path

from store.board import BoardIndex
from store.codec import lead_from_doc, lead_to_doc
from store.leadstore import LeadStore
from store.model import Status
from store.session import default_queue
from tests.conftest import NOW
from tests.test_cjk_overlay_fix import screen_text
from tui.app import LeadboardApp
from tui.cli import main
from tui.screens.session import SessionScreen, SessionStart, SessionSummary
from tui.screens.wake import WakeDate

SIZE = (130, 40)
FIXTURES = Path(__file__).parent / "fixtures"


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def start_session(pilot, app) -> None:
    await pilot.press("t")
    assert isinstance(app.screen, SessionStart)
    await pilot.press("enter")
    assert isinstance(app.screen, SessionScreen)


async def test_dormant_asks_when_to_wake_and_the_lead_is_back_in_the_queue_that_day(
        store, seeded, clock):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot, app)
        lead_id = app.screen.session.lead_id  # 曾国, the ungraded lead, comes first
        await pilot.press("d")
        assert isinstance(app.screen, WakeDate)
        assert app.screen.query_one("#wake").value == "2026-12-26"  # 30 days, the review cycle
        assert "Sat 2026-12-26 09:00" in text(app, "#wake-said")
        app.screen.query_one("#wake").value = "-1d"
        await pilot.press("enter")
        assert isinstance(app.screen, WakeDate)
        assert "pick a day after today" in text(app, "#wake-said")
        app.screen.query_one("#wake").value = "12-10"
        await pilot.press("enter")
        assert isinstance(app.screen, SessionScreen)
        assert app.screen.session.lead_id != lead_id
        await pilot.press("escape", "enter")  # end; close the summary
    store.close()
    with LeadStore.open(store.path, clock=clock) as again:
        lead = again.lead(lead_id)
        assert lead.status is Status.DORMANT and lead.wake == NOW.replace(month=12, day=10, hour=9)
        assert default_queue(BoardIndex(again, clock.now), again).makeup["woken"] == 0
    clock.advance(days=14)  # 10 December, 10:00
    reopened = LeadStore.open(store.path, clock=clock)
    app = LeadboardApp(reopened, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        assert "dormant, wake date come: 1" in text(app, "Static")
        await pilot.press("enter")
        while app.screen.session.lead_id != lead_id:
            await pilot.press("space")
        assert "dormant · wakes 2026-12-10" in screen_text(app)
        await pilot.press("2")  # back to work, in Q2
        await pilot.press("escape", "enter")
        names = [row.name for row in app.screen.board.lead_list(2).rows[:]]
        assert "曾国" in names
    reopened.close()
    with LeadStore.open(store.path, clock=clock, read_only=True) as again:
        lead = again.lead(lead_id)
        assert lead.status is Status.ACTIVE and lead.wake is None


async def test_escape_at_the_wake_date_leaves_the_lead_as_it_was(store, seeded):
    app = LeadboardApp(store, "zh")
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot, app)
        lead_id = app.screen.session.lead_id
        await pilot.press("d")
        assert "暂停到哪天？" in text(app, ".dialog-title")
        await pilot.press("escape")
        assert isinstance(app.screen, SessionScreen) and app.screen.session.lead_id == lead_id
    assert store.lead(lead_id).status is Status.ACTIVE and store.lead(lead_id).wake is None


async def test_a_dormant_lead_found_by_search_shows_its_wake_date(store, seeded):
    lead_id = seeded["陈静"]
    store.edit_lead(lead_id, status=Status.DORMANT, wake=NOW + timedelta(days=30))
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"status:dormant", "enter")
        await pilot.pause()
        [row] = app.screen.board.lead_list(4).rows[:]
        assert (row.name, row.when) == ("陈静", "12-26")
        await pilot.press("enter")  # the details of the lead the search jumped to
        await pilot.pause()
        details = " ".join(str(w.render()) for w in app.screen.query(".detail-section"))
        assert "dormant · wakes 2026-12-26" in details


async def test_the_summary_lists_why_leads_were_lost(store, seeded, clock, capsys):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await start_session(pilot, app)
        await pilot.press("x", "1", "ctrl+s")  # price
        await pilot.press("x", "3", "ctrl+s")  # brand preference
        await pilot.press("x", "1", "ctrl+s")  # price
        await pilot.press("x", "9", "tab", *"moved away", "enter")
        await pilot.press("u")  # moved away is taken back
        await pilot.press("escape")
        assert isinstance(app.screen, SessionSummary)
        shown = text(app, "#summary-text")
        assert "  lost: 3\n    price: 2\n    brand preference: 1\n" in shown
        assert "moved away" not in shown
        await pilot.press("enter")
    store.close()
    with LeadStore.open(store.path, clock=clock, read_only=True) as again:
        (record,) = again.sessions.values()
        assert record.lost_reasons == {"price": 2, "brand preference": 1}
    assert main(["sessions", "--db", str(store.path)]) == 0
    assert "lost 3 (lost for: price 2, brand preference 1)" in capsys.readouterr().out


def test_files_from_before_wake_dates_read_as_leads_without_one(tmp_path, clock):
    for fixture in sorted(FIXTURES.glob("schema-*.json")):
        path = tmp_path / fixture.name
        shutil.copy(fixture, path)
        with LeadStore.open(path, clock=clock, read_only=True) as store:
            assert store.leads and all(lead.wake is None for lead in store.leads.values())


def test_a_wake_date_is_stored_only_when_there_is_one(store, seeded):
    lead = store.lead(seeded["王强"])
    assert "wake" not in lead_to_doc(lead)
    dormant = store.edit_lead(lead.id, status=Status.DORMANT, wake=NOW + timedelta(days=9))
    doc = lead_to_doc(dormant)
    assert doc["wake"] == "2026-12-05T10:00:00+08:00"
    assert lead_from_doc(lead.id, json.loads(json.dumps(doc))) == dormant
    assert [entry.field for entry in dormant.history[-2:]] == ["status", "wake"]
