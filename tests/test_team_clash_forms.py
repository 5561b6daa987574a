"""A form saved over another rep's change to the same lead: the rep is told
who changed what and when, the lead is read again, nothing typed is lost,
and the change is merged at once or made again in one key; a lead handed
to another rep meanwhile is said to be "not yours", never "changed since".
Every test runs against a real throwaway server, each rep on their own
connection, as their own role."""

from __future__ import annotations

from datetime import timedelta

import pytest

from store.backends.postgres import connect
from store.backends.team import add_rep
from store.contacts import reschedule
from store.leadstore import LeadStore
from store.model import ContactStatus, Credit, Method, Purpose
from tests.conftest import NOW
from tui.app import LeadboardApp

SIZE = (130, 40)
MINE = NOW + timedelta(days=2, hours=4)  # the time zhang types: 11-28 14:00
THEIRS = NOW + timedelta(days=3)


def as_rep(url: str, rep: str) -> str:
    return url.replace("postgresql://postgres@", f"postgresql://{rep}@")


@pytest.fixture
def team(pg_base, clock):
    """A pool lead with a planned visit; zhang and wang both work it, the
    manager may hand it over. Their stores by name, and the lead's ids."""
    with connect(pg_base) as conn:
        for rep in ("zhang", "wang", "boss"):
            add_rep(conn, rep, manager=rep == "boss")
    with LeadStore.open(pg_base, clock=clock) as keeper:  # the keeper's leads are the pool's
        lead = keeper.add_lead("陈静", company="临沂宏达土石方", intent=2, funding=2)
        visit = keeper.schedule_contact(lead.id, NOW + timedelta(days=1), method=Method.VISIT,
                                        purpose=Purpose.SELL)
    stores = {rep: LeadStore.open(as_rep(pg_base, rep), clock=clock)
              for rep in ("zhang", "wang", "boss")}
    yield stores, lead.id, visit.id
    for store in stores.values():
        store.close()


def said(app) -> str:
    """The dialog's error line, or the board's status line, and every toast."""
    screen = app.screen
    boxes = [str(box.render()) for box in screen.query(".form-error")]
    status = [screen.status.text] if hasattr(screen, "status") else []
    toasts = [n.message for n in app._notifications]
    return "\n".join([*boxes, *status, *toasts])


def on_server(pg_base: str):
    return LeadStore.open(pg_base)


async def open_board(app, pilot) -> None:
    app.stop_following()  # the other rep's change is to race the save, not reach the board
    await pilot.pause()


# ------------------------------------------------------------ the schedule key
async def test_a_schedule_over_their_change_to_other_fields_is_merged(team, pg_base):
    stores, lead_id, visit_id = team
    zhang, wang = stores["zhang"], stores["wang"]
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_board(app, pilot)
        await pilot.press("s")  # the lead's open visit: the form moves it
        form = app.screen
        form.query_one("#when").value = MINE.strftime("%Y-%m-%d %H:%M")
        wang.update_contact(visit_id, place="临沂工地")  # meanwhile, on his own machine
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is app.board  # saved: the form is closed
        text = said(app)
        assert f"wang changed Place of contact {visit_id}" in text and "both are saved" in text
    with on_server(pg_base) as seen:
        visit = seen.contacts[visit_id]
        assert (visit.at, visit.place) == (MINE, "临沂工地")


async def test_a_schedule_over_their_move_keeps_the_form_and_ctrl_r_makes_it(team, pg_base):
    stores, lead_id, visit_id = team
    zhang, wang = stores["zhang"], stores["wang"]
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_board(app, pilot)
        await pilot.press("s")
        form = app.screen
        form.query_one("#when").value = MINE.strftime("%Y-%m-%d %H:%M")
        form.query_one("#place").value = "公司"
        reschedule(wang, visit_id, THEIRS)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form  # not saved: the form stays, with what was typed
        text = str(form.query_one(".form-error").render())
        assert f"Not saved: wang changed Time of contact {visit_id}" in text
        assert "ctrl+r makes yours (Time, Place" in text
        assert form.query_one("#place").value == "公司"
        assert zhang.contacts[visit_id].at == THEIRS  # read again from the server
        with on_server(pg_base) as seen:
            assert seen.contacts[visit_id].at == THEIRS  # nothing overwritten yet
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen is app.board
        assert "✓ saved" in app.board.status.text
    with on_server(pg_base) as seen:
        visit = seen.contacts[visit_id]
        assert (visit.at, visit.place) == (MINE, "公司")


async def test_a_schedule_on_a_lead_handed_to_another_rep_is_not_yours(team, pg_base):
    stores, lead_id, visit_id = team
    zhang, boss = stores["zhang"], stores["boss"]
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_board(app, pilot)
        await pilot.press("s")
        form = app.screen
        form.query_one("#when").value = MINE.strftime("%Y-%m-%d %H:%M")
        boss.assign([lead_id], "wang")  # the manager hands the lead over meanwhile
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        text = str(form.query_one(".form-error").render())
        assert f"contact {visit_id} is not yours to change" in text and "makes yours" not in text
        await pilot.press("ctrl+r")  # nothing is offered again
        await pilot.pause()
        assert app.screen is form
    with on_server(pg_base) as seen:
        assert seen.contacts[visit_id].at == NOW + timedelta(days=1)
        assert seen.lead(lead_id).owner == "wang"


# ------------------------------------------------------------ the log form
async def fill_log(app, pilot, intent: str = "5"):
    await pilot.press("c")
    form = app.screen
    form.query_one("#outcome").value = "报价已发，客户比较满意"
    form.query_one("#intent").value = intent
    return form


async def test_a_log_over_their_change_to_other_fields_is_merged(team, pg_base):
    stores, lead_id, visit_id = team
    zhang, wang = stores["zhang"], stores["wang"]
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_board(app, pilot)
        await fill_log(app, pilot)
        wang.edit_lead(lead_id, credit=Credit.GOOD)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is app.board
        text = said(app)
        assert f"wang changed Credit of lead {lead_id}" in text and "both are saved" in text
        assert app.board.index.place_of(lead_id) == 2  # intent 5, funding 2: shown in Q2
    with on_server(pg_base) as seen:
        lead, visit = seen.lead(lead_id), seen.contacts[visit_id]
        assert (lead.intent, lead.credit) == (5, Credit.GOOD)
        assert (visit.status, visit.outcome) == (ContactStatus.DONE, "报价已发，客户比较满意")
        assert [(h.field, h.rep) for h in lead.history][-2:] == [
            ("credit", "wang"), ("intent", "zhang")]


async def test_a_log_over_their_regrade_is_offered_again_with_the_typing_kept(team, pg_base):
    stores, lead_id, visit_id = team
    zhang, wang = stores["zhang"], stores["wang"]
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_board(app, pilot)
        form = await fill_log(app, pilot)
        assert app.board.index.place_of(lead_id) == 4
        wang.edit_lead(lead_id, intent=4)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        text = str(form.query_one(".form-error").render())
        assert f"wang changed Purchase intent of lead {lead_id}" in text
        assert "ctrl+r makes yours" in text
        assert form.query_one("#outcome").value == "报价已发，客户比较满意"
        assert zhang.lead(lead_id).intent == 4  # read again from the server
        assert app.board.index.place_of(lead_id) == 2  # and shown so on the board behind
        with on_server(pg_base) as seen:
            assert seen.contacts[visit_id].status is ContactStatus.PLANNED
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert app.screen is app.board
    with on_server(pg_base) as seen:
        lead, visit = seen.lead(lead_id), seen.contacts[visit_id]
        assert lead.intent == 5 and visit.status is ContactStatus.DONE
        assert [(h.field, h.new, h.rep) for h in lead.history if h.field == "intent"] == [
            ("intent", 4, "wang"), ("intent", 5, "zhang")]


# ------------------------------------------------------------ the lead form
async def edit_notes(app, pilot, notes: str):
    await pilot.press("e")
    form = app.screen
    form.query_one("#field-notes").value = notes
    return form


async def test_a_lead_edit_over_their_note_is_offered_again_with_r(team, pg_base):
    stores, lead_id, _visit_id = team
    zhang, wang = stores["zhang"], stores["wang"]
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_board(app, pilot)
        await edit_notes(app, pilot, "周五带报价单去工地")
        wang.edit_lead(lead_id, notes="客户出差，下周再联系")
        await pilot.press("ctrl+s")
        await pilot.pause()
        status = app.board.status.text
        assert f"Not saved: wang changed Notes of lead {lead_id}" in status
        assert "r makes yours (Notes) again" in status
        assert zhang.lead(lead_id).notes == "客户出差，下周再联系"
        await pilot.press("r")
        await pilot.pause()
        assert "✓ saved" in app.board.status.text
    with on_server(pg_base) as seen:
        lead = seen.lead(lead_id)
        assert lead.notes == "周五带报价单去工地"
        assert [h.rep for h in lead.history if h.field == "notes"] == ["wang", "zhang"]


async def test_a_lead_edit_beside_their_change_is_merged(team, pg_base):
    stores, lead_id, _visit_id = team
    zhang, wang = stores["zhang"], stores["wang"]
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_board(app, pilot)
        await edit_notes(app, pilot, "周五带报价单去工地")
        wang.edit_lead(lead_id, credit=Credit.POOR)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "both are saved" in app.board.status.text
    with on_server(pg_base) as seen:
        lead = seen.lead(lead_id)
        assert (lead.notes, lead.credit) == ("周五带报价单去工地", Credit.POOR)


async def test_a_lead_edit_on_a_lead_handed_over_is_not_yours_and_not_offered(team, pg_base):
    stores, lead_id, _visit_id = team
    zhang, boss = stores["zhang"], stores["boss"]
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_board(app, pilot)
        await edit_notes(app, pilot, "周五带报价单去工地")
        boss.assign([lead_id], "wang")
        await pilot.press("ctrl+s")
        await pilot.pause()
        status = app.board.status.text
        assert f"lead {lead_id} is not yours to change" in status and "r makes" not in status
        await pilot.press("r")
        await pilot.pause()
    with on_server(pg_base) as seen:
        assert seen.lead(lead_id).notes == ""


# ------------------------------------------------------------ the fleet and the plan
async def test_a_machine_removed_after_their_edit_is_offered_again_with_r(team, pg_base):
    stores, lead_id, _visit_id = team
    zhang, wang = stores["zhang"], stores["wang"]
    machine = zhang.add_machine("三一", "SY215C", owner=lead_id, year=2015)
    wang.reload([("machines", machine.id)])
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_board(app, pilot)
        await pilot.press("f", "d")
        wang.edit_machine(machine.id, hours=5200)
        await pilot.press("y")
        await pilot.pause()
        text = said(app)
        assert f"Not saved: wang changed" in text and f"of machine {machine.id}" in text
        assert zhang.machines[machine.id].hours == 5200  # shown as the server holds it
        await pilot.press("r")
        await pilot.pause()
    with on_server(pg_base) as seen:
        assert machine.id not in seen.machines


async def test_an_undo_in_the_plan_says_who_changed_the_contact_since(team, pg_base):
    stores, lead_id, visit_id = team
    zhang, wang = stores["zhang"], stores["wang"]
    reschedule(zhang, visit_id, MINE)
    wang.reload([("contacts", visit_id)])
    reschedule(wang, visit_id, THEIRS)
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_board(app, pilot)
        await pilot.press("p", "u")
        await pilot.pause()
        text = said(app)
        assert f"Nothing undone: wang changed Time of contact {visit_id}" in text
        assert zhang.contacts[visit_id].at == THEIRS
    with on_server(pg_base) as seen:
        assert seen.contacts[visit_id].at == THEIRS


# ------------------------------------------------------------ a session, the manager's A
async def test_a_schedule_in_a_triage_session_is_merged_and_counted(team, pg_base, clock):
    from tui.screens.session import SessionScreen

    stores, _lead_id, _visit_id = team
    zhang, wang = stores["zhang"], stores["wang"]
    with LeadStore.open(pg_base, clock=clock) as keeper:  # ungraded: the session's queue
        lead = keeper.add_lead("刘洋", city="临沂")
        visit = keeper.schedule_contact(lead.id, NOW + timedelta(days=1), method=Method.PHONE,
                                        purpose=Purpose.SELL)
    for store in (zhang, wang):
        store.reload([("leads", lead.id), ("contacts", visit.id)])
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_board(app, pilot)
        await pilot.press("t", "enter")
        session = app.screen
        assert isinstance(session, SessionScreen) and session.session.lead_id == lead.id
        await pilot.press("s")
        app.screen.query_one("#when").value = MINE.strftime("%Y-%m-%d %H:%M")
        wang.update_contact(visit.id, place="临沂工地")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is session
        assert f"wang changed Place of contact {visit.id}" in said(app)
        assert session.session.counts()["scheduled"] == 1
    with on_server(pg_base) as seen:
        assert (seen.contacts[visit.id].at, seen.contacts[visit.id].place) == (MINE, "临沂工地")


async def test_the_managers_hand_over_beside_a_reps_note_is_merged(team, pg_base):
    stores, lead_id, _visit_id = team
    zhang, boss = stores["zhang"], stores["boss"]
    app = LeadboardApp(boss, "en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_board(app, pilot)
        await pilot.press("A", *"wang")
        zhang.edit_lead(lead_id, notes="周五去工地")
        await pilot.press("enter")
        await pilot.pause()
        status = app.board.status.text
        assert f"zhang changed Notes of lead {lead_id}" in status and "both are saved" in status
    with on_server(pg_base) as seen:
        lead = seen.lead(lead_id)
        assert (lead.owner, lead.notes) == ("wang", "周五去工地")
