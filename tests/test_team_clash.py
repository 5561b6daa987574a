"""Two reps change one lead on a shared server: nothing is overwritten, the
rep is told who changed what and when, fields apart are merged on their own,
and undo refuses to take back over another rep's change."""

from __future__ import annotations

import psycopg
import pytest

from store.backends.postgres import connect
from store.clash import reapply, read_clash
from store.errors import ChangedSince, ServerFailed
from store.leadstore import LeadStore
from store.model import Credit


def as_rep(pg_server, url: str, rep: str) -> str:
    """The base's URL for a rep of the team, with a database role of their own."""
    with psycopg.connect(pg_server.admin_url(), autocommit=True) as conn:
        try:
            conn.execute(f'CREATE ROLE "{rep}" LOGIN')
        except psycopg.errors.DuplicateObject:
            pass
    with connect(url) as conn:
        conn.execute(f'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public'
                     f' TO "{rep}"')
        conn.execute(f'GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO "{rep}"')
    return url.replace("postgresql://postgres@", f"postgresql://{rep}@")


@pytest.fixture
def reps(pg_server, pg_base, clock):
    zhang = LeadStore.open(as_rep(pg_server, pg_base, "zhang"), clock=clock)
    lead = zhang.add_lead("陈静", company="临沂宏达土石方", intent=2, funding=2)
    wang = LeadStore.open(as_rep(pg_server, pg_base, "wang"), clock=clock)
    yield zhang, wang, lead.id
    zhang.close()
    wang.close()


def refused(change) -> ChangedSince:
    with pytest.raises(ChangedSince) as caught:
        change()
    return caught.value


def test_fields_apart_are_merged_and_both_changes_kept(reps, pg_base, clock):
    zhang, wang, lead_id = reps
    clock.advance(minutes=5)
    wang.edit_lead(lead_id, credit=Credit.GOOD)
    clash = read_clash(zhang, refused(lambda: zhang.move_to_quadrant(lead_id, 1)))
    assert clash.mergeable and clash.my_fields == ("intent", "funding")
    [theirs] = clash.theirs
    assert (theirs.rep, theirs.fields, theirs.item_id) == ("wang", ("credit",), lead_id)
    assert zhang.lead(lead_id).credit is Credit.GOOD  # reloaded from the server
    reapply(zhang, clash)
    with LeadStore.open(pg_base) as again:
        lead = again.lead(lead_id)
        assert (lead.intent, lead.funding, lead.credit) == (3, 3, Credit.GOOD)
        assert [h.field for h in lead.history][-3:] == ["credit", "intent", "funding"]
    zhang.undo()  # takes back zhang's regrade only
    with LeadStore.open(pg_base) as again:
        lead = again.lead(lead_id)
        assert (lead.intent, lead.funding, lead.credit) == (2, 2, Credit.GOOD)


def test_the_same_field_is_not_merged_but_offered_again(reps, pg_base):
    zhang, wang, lead_id = reps
    wang.edit_lead(lead_id, intent=5)
    clash = read_clash(zhang, refused(lambda: zhang.edit_lead(lead_id, intent=1, notes="来电")))
    assert not clash.mergeable and clash.overlap == {"intent"}
    assert zhang.lead(lead_id).intent == 5  # what the server holds, shown
    with LeadStore.open(pg_base) as again:
        assert (again.lead(lead_id).intent, again.lead(lead_id).notes) == (5, "")
    reapply(zhang, clash)  # the rep chose to: their value replaced knowingly, in the history
    with LeadStore.open(pg_base) as again:
        lead = again.lead(lead_id)
        assert (lead.intent, lead.notes) == (1, "来电")
        assert [(h.field, h.old, h.new) for h in lead.history if h.field == "intent"][-2:] == [
            ("intent", 2, 5), ("intent", 2, 1)]


def test_undo_refuses_over_another_reps_change_even_after_a_reload(reps, pg_server, pg_base):
    zhang, wang, lead_id = reps
    zhang.edit_lead(lead_id, notes="周五去工地")
    wang.close()
    wang = LeadStore.open(as_rep(pg_server, pg_base, "wang"))
    wang.edit_lead(lead_id, notes="周五去工地，带报价单")
    first = refused(zhang.undo)
    zhang.reload([("leads", lead_id)])  # the new version in hand: the log still says no
    again = refused(zhang.undo)
    [theirs] = again.theirs
    assert theirs["rep"] == "wang" and first.theirs
    zhang.close()
    with LeadStore.open(as_rep(pg_server, pg_base, "zhang")) as reopened:
        assert reopened.undo_label == "edit_lead"
        refused(reopened.undo)  # nor after opening the base again
    with LeadStore.open(pg_base) as seen:
        assert seen.lead(lead_id).notes == "周五去工地，带报价单"
    wang.close()


def test_a_reps_own_changes_from_an_earlier_session_are_still_theirs_to_undo(
        reps, pg_server, pg_base):
    zhang, _wang, lead_id = reps
    zhang.edit_lead(lead_id, notes="一")
    zhang.edit_lead(lead_id, notes="二")
    zhang.close()
    with LeadStore.open(as_rep(pg_server, pg_base, "zhang")) as again:
        again.undo()
        again.undo()
        assert again.lead(lead_id).notes == ""


async def test_on_the_board_a_clash_is_shown_and_made_again_in_one_key(reps, pg_base):
    from tui.app import LeadboardApp

    zhang, wang, lead_id = reps
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=(130, 40)) as pilot:
        app.stop_following()  # their change is to race the key, not reach the board first
        assert app.focused.lead_id == lead_id
        wang.edit_lead(lead_id, intent=3)  # Q4 → Q2, meanwhile, on his own machine
        await pilot.press("1")
        await pilot.pause()
        status = app.screen.status.text
        assert "wang changed Purchase intent of lead" in status and "r makes yours" in status
        assert zhang.lead(lead_id).intent == 3  # wang's change, shown
        assert app.screen.index.place_of(lead_id) == 2
        await pilot.press("r")
        await pilot.pause()
        assert "✓ saved" in app.screen.status.text
        assert app.screen.index.place_of(lead_id) == 1
        await pilot.press("r")  # offered once
        await pilot.pause()
    with LeadStore.open(pg_base) as seen:
        lead = seen.lead(lead_id)
        assert (lead.intent, lead.funding) == (3, 3)


async def test_on_the_board_fields_apart_merge_and_undo_says_why_it_refuses(reps, pg_base):
    from tui.app import LeadboardApp

    zhang, wang, lead_id = reps
    app = LeadboardApp(zhang, "en")
    async with app.run_test(size=(130, 40)) as pilot:
        app.stop_following()  # their change is to race the key, not reach the board first
        wang.edit_lead(lead_id, credit=Credit.POOR)
        await pilot.press("1")
        await pilot.pause()
        assert "both are saved" in app.screen.status.text
        assert "wang changed Credit" in app.screen.status.text
        wang.close()
        with LeadStore.open(pg_base.replace("postgres@", "wang@")) as again:
            again.edit_lead(lead_id, intent=5)
        await pilot.press("u")
        await pilot.pause()
        status = app.screen.status.text
        assert "Nothing undone: wang changed Purchase intent" in status
        assert zhang.lead(lead_id).intent == 5  # shown as the server holds it
    with LeadStore.open(pg_base) as seen:
        lead = seen.lead(lead_id)
        assert (lead.intent, lead.funding, lead.credit) == (5, 3, Credit.POOR)


def test_two_reps_adding_a_lead_at_once_both_keep_theirs(reps, pg_base):
    """The server hands out the numbers: two reps adding at the same moment
    never pick the same one, so neither is refused."""
    zhang, wang, _lead_id = reps
    theirs = wang.add_lead("王强", intent=4, funding=3)
    mine = zhang.add_lead("李娜", intent=4, funding=1)
    assert mine.id != theirs.id
    with LeadStore.open(pg_base) as seen:
        assert sorted(lead.name for lead in seen.leads.values()) == ["李娜", "王强", "陈静"]


def test_a_clash_read_as_the_server_goes_away_is_a_refused_save_then_read_once_back(
        reps, pg_server):
    zhang, wang, lead_id = reps
    wang.edit_lead(lead_id, notes="周三到场看机")
    refusal = refused(lambda: zhang.move_to_quadrant(lead_id, 1))
    with psycopg.connect(pg_server.admin_url(), autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                     " WHERE usename = 'zhang'")  # as a restarted server ends every session
    with pytest.raises(ServerFailed):  # said as a save refused, never a traceback
        read_clash(zhang, refusal)
    clash = read_clash(zhang, refusal)  # connected again
    assert clash.mergeable and zhang.lead(lead_id).notes == "周三到场看机"
