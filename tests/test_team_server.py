"""A team's lead base on a real PostgreSQL server: pointing at it, making it,
checking it, and a change that meets another rep's change first."""

from __future__ import annotations

import psycopg
import pytest

from store.backends import shown
from store.backends.postgres import SERVER_SCHEMA, connect
from store.check import check_server
from store.errors import ChangedSince, UnreadableFile
from store.leadstore import LeadStore
from tui.cli import EXIT_NONE, EXIT_OK, EXIT_SAVE, EXIT_UNREADABLE, EXIT_USAGE, main


def with_password(url: str, password: str = "s3cret") -> str:
    return url.replace("postgresql://postgres@", f"postgresql://postgres:{password}@")


@pytest.mark.parametrize(("typed", "seen"), [
    ("postgresql://rep:s3cret@db.example.com:5432/leadboard?sslmode=require",
     "postgresql://rep:***@db.example.com:5432/leadboard?sslmode=require"),
    ("postgres://rep@db/leadboard", "postgres://rep@db/leadboard"),
    ("postgresql:///leadboard?host=/run/pg&password=s3cret&user=rep",
     "postgresql:///leadboard?host=/run/pg&password=***&user=rep"),
    ("/home/rep/leads.json", "/home/rep/leads.json"),
])
def test_a_location_is_shown_with_its_password_masked(typed, seen):
    assert shown(typed) == seen


def test_team_init_makes_a_base_that_every_command_opens_by_its_url(pg_server, capsys):
    url = pg_server.create_database()
    assert main(["team", "init", "--db", url]) == EXIT_OK
    assert f"schema {SERVER_SCHEMA}" in capsys.readouterr().out
    with LeadStore.open(url) as store:
        store.add_lead("张伟", company="临沂宏达土石方", intent=5, funding=5)
    assert main(["search", "--db", url, "张伟"]) == EXIT_OK
    assert "临沂宏达土石方" in capsys.readouterr().out
    assert main(["team", "init", "--db", url]) == EXIT_UNREADABLE  # made once only
    assert "already holds a lead base" in capsys.readouterr().err


def test_leadboard_db_names_the_base_when_db_is_not_given(pg_base, monkeypatch, capsys):
    with LeadStore.open(pg_base) as store:
        store.add_lead("王强", intent=4, funding=3)
    monkeypatch.setenv("LEADBOARD_DB", pg_base)
    assert main(["search", "王强"]) == EXIT_OK
    assert "王强" in capsys.readouterr().out


def test_team_init_on_a_file_is_a_usage_error(tmp_path, capsys):
    assert main(["team", "init", "--db", str(tmp_path / "leads.json")]) == EXIT_USAGE
    assert "needs a server" in capsys.readouterr().err


def test_a_base_that_cannot_be_opened_is_one_line_without_the_password(pg_server, capsys):
    missing = with_password(pg_server.admin_url("nobody_made_this"))
    assert main(["search", "--db", missing, "x"]) == EXIT_UNREADABLE
    err = capsys.readouterr().err
    assert "s3cret" not in err and "postgres:***@" in err
    assert "nobody_made_this" in err and len(err.strip().splitlines()) == 1


def test_an_empty_database_is_not_taken_for_a_base(pg_server, capsys):
    empty = pg_server.create_database()
    assert main(["search", "--db", empty, "x"]) == EXIT_UNREADABLE
    assert "team init" in capsys.readouterr().err
    with connect(empty) as conn:  # and nothing was made in it
        assert conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
                            ).fetchone()[0] == 0


def test_libpq_settings_in_the_url_pass_through(pg_base):
    url = pg_base + "&application_name=leadboard-test"
    with LeadStore.open(url) as store:
        conn = store._backend.conn
        assert conn.execute("SHOW application_name").fetchone()[0] == "leadboard-test"


def test_check_reads_a_base_on_the_server_by_the_files_rules(pg_base, capsys):
    with LeadStore.open(pg_base) as store:
        lead = store.add_lead("李娜", intent=4, funding=1)
        store.add_lead("刘洋")
    assert main(["check", "--db", pg_base]) == EXIT_OK
    out = capsys.readouterr().out
    assert f"schema {SERVER_SCHEMA}, 2 leads, 0 contacts, 2 changes in the log" in out
    with connect(pg_base) as conn:  # a record damaged behind the store's back
        conn.execute("UPDATE records SET doc = jsonb_set(doc, '{intent}', '9')"
                     " WHERE tbl = 'leads' AND id = %s", [lead.id])
    assert main(["check", "--db", pg_base]) == EXIT_UNREADABLE
    out = capsys.readouterr().out
    assert f"Lead {lead.id}" in out and "1 problem(s) found" in out
    with pytest.raises(UnreadableFile):
        LeadStore.open(pg_base)
    report = check_server(pg_base)
    assert [p.params["fault"] for p in report.problems] == ["grade_intent"]


def test_restore_on_a_server_says_whose_backups_those_are(pg_base, capsys):
    assert main(["restore", "--db", pg_base]) == EXIT_NONE
    assert "keeps no backups" in capsys.readouterr().out


def test_a_change_against_someone_elses_newer_one_is_refused_and_nothing_is_lost(pg_base):
    mine, theirs = LeadStore.open(pg_base), LeadStore.open(pg_base)
    lead = mine.add_lead("陈静", intent=2, funding=2)
    theirs.close()
    theirs = LeadStore.open(pg_base)
    theirs.move_to_quadrant(lead.id, 1)
    with pytest.raises(ChangedSince) as refused:
        mine.move_to_quadrant(lead.id, 2)
    assert (refused.value.table, refused.value.item_id) == ("leads", lead.id)
    assert (mine.lead(lead.id).intent, mine.lead(lead.id).funding) == (2, 2)  # not shown as saved
    with pytest.raises(ChangedSince):
        mine.undo()  # the add is theirs to keep now: their regrade sits on it
    assert lead.id in mine.leads
    mine.close()
    theirs.close()
    with LeadStore.open(pg_base) as again:
        assert (again.lead(lead.id).intent, again.lead(lead.id).funding) == (3, 3)
    with connect(pg_base) as conn:
        log = conn.execute("SELECT kind, label, rep FROM changes ORDER BY seq").fetchall()
    assert log == [("do", "add_lead", "postgres"), ("do", "regrade", "postgres")]


def test_a_deferred_change_that_meets_a_newer_one_is_taken_back(pg_base):
    mine = LeadStore.open(pg_base)
    lead = mine.add_lead("曾国", intent=3, funding=3)
    with LeadStore.open(pg_base) as theirs:
        theirs.edit_lead(lead.id, company="徐州华建")
    with mine.sync_later():
        mine.move_to_quadrant(lead.id, 4)
    assert mine.lead(lead.id).intent == 2
    with pytest.raises(ChangedSince) as refused:
        mine.sync()
    assert refused.value.taken_back == 1
    assert (mine.lead(lead.id).intent, mine.unsynced) == (3, 0)
    mine.close()


def test_a_changed_since_refusal_is_one_line_in_the_users_language(pg_base, capsys):
    from tui.i18n import error_text, set_language

    refusal = ChangedSince("leads", 7)
    assert error_text(refusal) == ("Not saved: someone else changed lead 7 after you opened it. "
                                   "Nothing was overwritten.")
    set_language("zh")
    assert "客户 7" in error_text(refusal)


def test_the_server_tests_run_on_a_server_of_their_own(pg_server):
    with psycopg.connect(pg_server.admin_url()) as conn:
        assert conn.execute("SHOW listen_addresses").fetchone()[0] == ""
        assert conn.execute("SHOW server_encoding").fetchone()[0] == "UTF8"


async def test_the_board_on_a_server_saves_a_key_and_tells_a_clash_apart(pg_base, clock):
    from tui.app import LeadboardApp

    store = LeadStore.open(pg_base, clock=clock)
    first = store.add_lead("张伟", intent=5, funding=5).id
    second = store.add_lead("王强", intent=4, funding=3).id
    app = LeadboardApp(store, "en")
    async with app.run_test(size=(130, 40)) as pilot:
        assert store.name in app.screen.status.text
        await pilot.press("4")  # 张伟 to Q4: on the server once the bar says so
        await pilot.pause()
        app.stop_following()  # their change is not to reach this board before the key
        with LeadStore.open(pg_base, clock=clock) as other:
            assert (other.lead(first).intent, other.lead(first).funding) == (2, 2)
            other.edit_lead(second, company="济南顺通租赁")  # another rep, meanwhile
        assert app.focused.lead_id == second
        await pilot.press("4")
        await pilot.pause()
        # Their company, my regrade: fields apart, so both are kept (tests/test_team_clash.py).
        assert "changed Company of lead" in app.screen.status.text
        assert "both are saved" in app.screen.status.text
    with LeadStore.open(pg_base, clock=clock) as again:
        lead = again.lead(second)
        assert (lead.intent, lead.funding, lead.company) == (2, 2, "济南顺通租赁")
