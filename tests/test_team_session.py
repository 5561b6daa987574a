"""Two reps triage one territory on a shared server at once: each sees the
other's decisions arrive in their open session, a decision that clashes
with one is told and settled with nothing lost, and undo refuses, saying
why, when the other rep changed the lead since."""

from __future__ import annotations

import pytest

from store.leadstore import LeadStore
from store.model import Credit, Status
from tests.test_team_clash import as_rep
from tests.test_cjk_overlay_fix import screen_text
from tests.test_team_live import pilot_wait
from tui.app import LeadboardApp
from tui.screens.session import SessionScreen

SIZE = (130, 40)
NAMES = ("曾国", "陈静", "刘洋", "李娜")  # all ungraded: the whole queue


@pytest.fixture
def territory(pg_server, pg_base, clock):
    """Zhang's store with four ungraded leads, and Wang, on his own machine."""
    zhang = LeadStore.open(as_rep(pg_server, pg_base, "zhang"), clock=clock)
    for name in NAMES:
        zhang.add_lead(name, city="临沂")
    wang = LeadStore.open(as_rep(pg_server, pg_base, "wang"), clock=clock)
    yield zhang, wang
    zhang.close()
    wang.close()


async def in_session(app: LeadboardApp, pilot, listening: bool = True
                     ) -> tuple[SessionScreen, list[int]]:
    """The session over the tray, and its queue in the order it is shown."""
    if listening:
        await pilot_wait(pilot, lambda: app.listener is not None and app.listener.reached.is_set())
    else:
        app.stop_following()  # their change is to race the key, not reach the session first
    await pilot.press("t", "enter")
    assert isinstance(app.screen, SessionScreen)
    return app.screen, list(app.screen.session.queue.lead_ids)


def message(screen: SessionScreen) -> str:
    return screen.message.text


async def test_the_other_reps_moves_reach_an_open_session_and_the_place_stays(territory):
    zhang, wang = territory
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=SIZE) as pilot:
        session, (first, second, third, fourth) = await in_session(app, pilot)
        await pilot.press("space")  # on to the second lead
        assert session.session.lead_id == second
        name = zhang.lead(second).name
        wang.edit_lead(second, intent=4, funding=2, credit=Credit.POOR)  # the lead Zhang reads
        await pilot_wait(pilot, lambda: f"wang just changed {name}" in message(session),
                         within_s=1)
        assert "poor" in screen_text(app)  # the sheet shows Wang's credit
        wang.edit_lead(fourth, status=Status.WON)  # further on: decided by Wang
        await pilot_wait(pilot, lambda: "wang already decided 1 lead(s) further on"
                         in message(session), within_s=1)
        assert session.session.lead_id == second  # the rep's place stays
        assert session.session.queue.lead_ids == [first, second, third]
        assert "2 / 3" in str(session.progress.render())
        await pilot.press("space", "space")  # the third, then the end: the fourth is not offered
        assert app.screen is not session and session.session.done


async def test_a_clashing_decision_is_told_and_made_again_with_r(territory, pg_base):
    zhang, wang = territory
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=SIZE) as pilot:
        session, (first, second, *_rest) = await in_session(app, pilot, listening=False)
        wang.edit_lead(first, intent=2)  # meanwhile, on his own machine
        await pilot.press("1")
        await pilot.pause()
        said = message(session)
        assert "wang changed Purchase intent of lead" in said and "r makes yours" in said
        assert session.session.lead_id == first  # back on the lead, as it is now
        assert zhang.lead(first).intent == 2
        assert session.session.counts()["q1"] == 0
        await pilot.press("r")
        await pilot.pause()
        assert f"{zhang.lead(first).name}: to Q1" in message(session) and "✓ saved" in message(session)
        assert session.session.lead_id == second
        assert session.session.counts()["q1"] == 1
        await pilot.press("1")  # the next decision is saved as usual
        await pilot.pause()
    with LeadStore.open(pg_base) as seen:
        lead = seen.lead(first)
        assert lead.intent >= 3 and lead.funding >= 3
        assert [(h.field, h.new, h.rep) for h in lead.history if h.field == "intent"] == [
            ("intent", 2, "wang"), ("intent", lead.intent, "zhang")]  # both kept in the history
        assert seen.lead(second).intent is not None


async def test_a_decision_on_other_fields_is_merged_at_once(territory, pg_base):
    zhang, wang = territory
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=SIZE) as pilot:
        session, (first, second, *_rest) = await in_session(app, pilot, listening=False)
        wang.edit_lead(first, credit=Credit.GOOD, notes="周五看机")
        await pilot.press("4")
        await pilot.pause()
        assert "both are saved" in message(session) and "wang changed" in message(session)
        assert session.session.lead_id == second  # the rep's place kept
        assert session.session.counts()["q4"] == 1
    with LeadStore.open(pg_base) as seen:
        lead = seen.lead(first)
        assert (lead.credit, lead.notes) == (Credit.GOOD, "周五看机")
        assert lead.intent is not None and lead.intent <= 2 and lead.funding <= 2


async def test_undo_in_a_session_refuses_when_the_other_rep_changed_the_lead_since(
        territory, pg_base):
    zhang, _wang = territory
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=SIZE) as pilot:
        session, (first, second, *_rest) = await in_session(app, pilot)
        await pilot.press("1")  # the first lead to Q1
        await pilot_wait(pilot, lambda: "✓ saved" in message(session))
        with LeadStore.open(pg_base.replace("postgres@", "wang@")) as again:  # Zhang's change read
            again.edit_lead(first, intent=1)
        await pilot_wait(pilot, lambda: zhang.lead(first).intent == 1, within_s=1)
        await pilot.press("u")
        await pilot.pause()
        assert "Nothing undone: wang changed Purchase intent" in message(session)
        assert session.session.counts()["q1"] == 1  # the session's step stands
        assert session.session.lead_id == second
    with LeadStore.open(pg_base) as seen:
        lead = seen.lead(first)
        assert lead.intent == 1 and lead.funding is not None  # Wang's, over Zhang's funding
