"""A team's base followed live, on a real PostgreSQL server: another rep's
change reaches an open board, the connection lost and found again, the
server stopped and started under an open board, and a server out of reach
at start."""

from __future__ import annotations

import time
from collections.abc import Callable

import psycopg
import pytest

from store.backends.listen import Listener, News
from store.backends.postgres import init_base
from store.errors import ChangedSince
from store.leadstore import LeadStore
from tests.pg_server import Server
from tests.test_cjk_overlay_fix import screen_text
from tui.app import LeadboardApp
from tui.cli import EXIT_UNREADABLE, main
from tui.screens.lead_form import LeadForm

SIZE = (130, 40)
SAVED = "✓ saved"


def wait_for(done: Callable[[], bool], within_s: float = 5.0) -> float:
    """Seconds until ``done()``; fails when it takes longer than ``within_s``."""
    start = time.monotonic()
    while not done():
        assert time.monotonic() - start < within_s, "not within the time"
        time.sleep(0.01)
    return time.monotonic() - start


async def pilot_wait(pilot, done: Callable[[], bool], within_s: float = 5.0) -> float:
    start = time.monotonic()
    while not done():
        assert time.monotonic() - start < within_s, "not within the time"
        await pilot.pause(0.02)
    return time.monotonic() - start


def terminate(admin_url: str, application_name: str) -> int:
    """End, as a superuser does, the connections a client named itself with."""
    with psycopg.connect(admin_url, autocommit=True) as conn:
        return conn.execute("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                            " WHERE application_name = %s", [application_name]).fetchone()[0]


def test_the_listener_hands_on_every_change_and_catches_up_after_losing_its_connection(
        pg_server, pg_base, clock):
    with LeadStore.open(pg_base, clock=clock) as theirs:
        lead = theirs.add_lead("张伟", intent=5, funding=5)
    mine = LeadStore.open(pg_base, clock=clock)
    news: list[News] = []
    states: list[bool] = []
    listening = pg_base + "&application_name=leadboard-listener"
    listener = Listener(listening, mine.news_from, news.append,
                        lambda reached, _detail: states.append(reached)).start()
    try:
        assert listener.reached.wait(5)
        with LeadStore.open(pg_base, clock=clock) as theirs:
            theirs.edit_lead(lead.id, company="临沂宏达土石方")
            wait_for(lambda: news, within_s=1)
            assert terminate(pg_server.admin_url(), "leadboard-listener") == 1
            wait_for(lambda: not listener.reached.is_set())
            # While the listener is away: two changes it was not told of.
            second = theirs.add_lead("王强", intent=4, funding=3)
            theirs.move_to_quadrant(lead.id, 4)
        wait_for(lambda: sum(len(n.changes) for n in news) == 3)
        assert states == [False, True]
        for batch in news:
            mine.take_news(batch)
        assert mine.lead(lead.id).company == "临沂宏达土石方"
        assert (mine.lead(lead.id).intent, mine.lead(lead.id).funding) == (2, 2)
        assert mine.lead(second.id).name == "王强"
        mine.edit_lead(second.id, city="临沂")  # their versions are known: not refused
    finally:
        listener.stop()
        mine.close()


def test_an_undo_step_another_rep_changed_since_is_refused_and_theirs_stays(pg_base, clock):
    mine = LeadStore.open(pg_base, clock=clock)
    lead = mine.add_lead("陈静", intent=2, funding=2)
    news: list[News] = []
    listener = Listener(pg_base, mine.news_from, news.append, lambda *_: None).start()
    try:
        with LeadStore.open(pg_base, clock=clock) as theirs:
            theirs.edit_lead(lead.id, company="徐州华建")
        wait_for(lambda: sum(len(n.changes) for n in news) == 2)  # my add, their edit
        for batch in news:
            mine.take_news(batch)
        assert mine.lead(lead.id).company == "徐州华建"
        with pytest.raises(ChangedSince):
            mine.undo()  # would take their company away with my lead
        assert mine.lead(lead.id).company == "徐州华建"
    finally:
        listener.stop()
        mine.close()


def test_the_history_says_which_rep_made_each_change_on_a_server(pg_base, clock):
    from tui.details import history_lines
    from tui.i18n import set_language

    set_language("en")
    with LeadStore.open(pg_base, clock=clock) as store:
        lead = store.edit_lead(store.add_lead("李娜").id, company="济南顺通租赁")
    assert lead.history[-1].rep == "postgres"
    with LeadStore.open(pg_base, clock=clock) as again:  # kept on the server
        assert again.lead(lead.id).history[-1].rep == "postgres"
        assert "postgres  Company" in history_lines(again.lead(lead.id))[0]


async def test_another_reps_change_reaches_the_open_board_within_a_second(pg_base, clock):
    setup = LeadStore.open(pg_base, clock=clock)
    ids = {name: setup.add_lead(name, intent=5, funding=5).id
           for name in ("张伟", "王强", "李娜", "刘洋")}
    setup.close()
    store = LeadStore.open(pg_base, clock=clock)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot_wait(pilot, lambda: app.listener is not None and app.listener.reached.is_set())
        await pilot.press("down", "down")
        on = app.focused.lead_id
        assert on == ids["李娜"]
        await pilot.press("e")  # the rep opens 李娜's form and types
        await pilot.pause()
        form = app.screen
        assert isinstance(form, LeadForm)
        await pilot.click("#field-company")
        await pilot.press(*"临沂")
        with LeadStore.open(pg_base, clock=clock) as other:
            other.edit_lead(ids["张伟"], name="张伟伟")
            other.add_lead("赵磊", intent=5, funding=5, credit="good",
                           has_project=True)  # ranks first: lands above the cursor
            made = time.monotonic()
        took = await pilot_wait(
            pilot, lambda: {lead.name for lead in store.leads.values()} >= {"张伟伟", "赵磊"},
            within_s=1)
        assert time.monotonic() - made < 1 and took < 1
        assert app.screen is form
        assert form.query_one("#field-company").value == "临沂"  # untouched
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.focused.lead_id == on  # the cursor stayed on 李娜
        assert app.focused.active_list.cursor == 3  # one row down: 赵磊 came in above
        text = screen_text(app)
        assert "张伟伟" in text and "赵磊" in text


async def test_a_server_stopped_under_an_open_board_is_said_refuses_changes_and_is_found_again(
        clock, tmp_path):
    server = Server("fsync=off").start()  # its own: the shared one stays up for the others
    try:
        url = server.create_database()
        init_base(url)
        with LeadStore.open(url, clock=clock) as setup:
            first = setup.add_lead("张伟", intent=5, funding=5).id
            setup.add_lead("王强", intent=4, funding=3)
        store = LeadStore.open(url, clock=clock)
        app = LeadboardApp(store, "en")
        async with app.run_test(size=SIZE) as pilot:
            await pilot_wait(pilot, lambda: app.listener and app.listener.reached.is_set())
            server.halt()
            await pilot_wait(pilot, lambda: app.server_away)
            assert "out of reach" in app.screen.status.text
            assert app.focused.lead_id == first
            await pilot.press("4")  # 张伟 to Q4: refused, not shown and taken back
            await pilot.pause()
            assert "Not saved" in app.screen.status.text
            assert SAVED not in app.screen.status.text
            assert (store.lead(first).intent, store.lead(first).funding) == (5, 5)
            await pilot.press("e")  # no form to type into for nothing
            await pilot.pause()
            assert not isinstance(app.screen, LeadForm)
            assert "张伟" in screen_text(app)  # the board stays readable
            server.resume()
            await pilot_wait(pilot, lambda: not app.server_away, within_s=10)
            assert "Back on the server" in app.screen.status.text
            await pilot.press("4")
            await pilot_wait(pilot, lambda: SAVED in app.screen.status.text)
        store.close()
        with LeadStore.open(url, clock=clock) as again:
            assert (again.lead(first).intent, again.lead(first).funding) == (2, 2)
    finally:
        server.stop()


def test_a_change_made_while_the_server_is_away_is_refused_and_saved_once_it_is_back(clock):
    server = Server("fsync=off").start()
    try:
        url = server.create_database()
        init_base(url)
        store = LeadStore.open(url, clock=clock)
        lead = store.add_lead("刘洋", intent=3, funding=3)
        server.halt()
        from store.errors import SaveFailed

        with pytest.raises(SaveFailed):
            store.edit_lead(lead.id, company="徐州华建")
        assert store.lead(lead.id).company == ""  # not shown as saved
        server.resume()
        store.edit_lead(lead.id, company="徐州华建")  # the connection made again
        store.close()
        with LeadStore.open(url, clock=clock) as again:
            assert again.lead(lead.id).company == "徐州华建"
    finally:
        server.stop()


@pytest.mark.parametrize("command", [["search", "x"], ["check"], []])
def test_a_server_out_of_reach_at_start_is_one_line_and_an_exit_code(
        tmp_path, capsys, a_terminal, command):
    url = f"postgresql://rep:s3cret@/leadboard?host={tmp_path}"  # no server listens there
    assert main([*command, "--db", url]) == EXIT_UNREADABLE
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "s3cret" not in err and "rep:***@" in err
    assert "Traceback" not in err
