"""Who may see and change what on a team's base, enforced by the server:
each rep logs in as their own role; row-level security keeps another rep's
leads out of sight, shares the pool, and shows the manager everything."""

from __future__ import annotations

import psycopg
import pytest

from store.backends.postgres import connect
from store.backends.team import add_rep
from store.errors import NotAllowed, NotYours
from store.leadstore import LeadStore
from store.model import Method, Purpose
from tests.conftest import NOW
from tui.cli import EXIT_NONE, EXIT_OK, EXIT_SAVE, EXIT_USAGE, main


def as_rep(url: str, rep: str) -> str:
    """The base's URL as ``rep`` logs in to it."""
    return url.replace("postgresql://postgres@", f"postgresql://{rep}@")


@pytest.fixture
def team(pg_base: str) -> dict[str, str]:
    """A base with two reps and a manager; their URLs by name."""
    with connect(pg_base) as conn:
        add_rep(conn, "zhang", manager=False)
        add_rep(conn, "wang", manager=False)
        add_rep(conn, "boss", manager=True)
    return {name: as_rep(pg_base, name) for name in ("zhang", "wang", "boss")} | {
        "admin": pg_base}


@pytest.fixture
def leads(team: dict[str, str], clock) -> dict[str, int]:
    """A lead of zhang's (with a contact), one of wang's, one in the pool."""
    ids = {}
    with LeadStore.open(team["zhang"], clock=clock) as store:
        ids["zhang"] = store.add_lead("张伟", intent=5, funding=5).id
        ids["contact"] = store.schedule_contact(ids["zhang"], NOW, method=Method.PHONE,
                                                purpose=Purpose.SELL).id
    with LeadStore.open(team["wang"]) as store:
        ids["wang"] = store.add_lead("王强", intent=4, funding=3).id
    with LeadStore.open(team["admin"]) as store:  # the server's keeper: no rep, so the pool's
        ids["pool"] = store.add_lead("李娜").id
        store.add_record("competitors", brand="三一")
    return ids


def seen(url: str, table: str = "leads") -> set[int]:
    with psycopg.connect(url) as conn:
        return {row[0] for row in conn.execute("SELECT id FROM records WHERE tbl = %s",
                                               [table])}


def test_a_rep_connecting_directly_sees_own_leads_and_the_pool_the_manager_all(team, leads):
    assert seen(team["zhang"]) == {leads["zhang"], leads["pool"]}
    assert seen(team["wang"]) == {leads["wang"], leads["pool"]}
    assert seen(team["boss"]) == {leads["zhang"], leads["wang"], leads["pool"]}
    assert seen(team["wang"], "contacts") == set()  # a contact follows its lead
    assert seen(team["zhang"], "contacts") == {leads["contact"]}
    assert len(seen(team["wang"], "competitors")) == 1  # the market is the team's


def test_a_rep_connecting_directly_cannot_change_another_reps_lead(team, leads):
    with psycopg.connect(team["zhang"], autocommit=True) as conn:
        for statement in ("UPDATE records SET doc = doc || '{\"notes\": \"mine\"}'",
                          "DELETE FROM records"):
            done = conn.execute(statement + " WHERE tbl = 'leads' AND id = %s", [leads["wang"]])
            assert done.rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor make one for them
            conn.execute("INSERT INTO records (tbl, id, doc) VALUES ('leads', 900, %s)",
                         ['{"name": "x", "owner": "wang"}'])
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor take a pool lead
            conn.execute("UPDATE records SET doc = doc || '{\"owner\": \"zhang\"}'"
                         " WHERE tbl = 'leads' AND id = %s", [leads["pool"]])
        done = conn.execute("UPDATE records SET doc = doc || '{\"notes\": \"ours\"}'"
                            " WHERE tbl = 'leads' AND id = %s", [leads["pool"]])
        assert done.rowcount == 1  # the pool is everyone's to work
    with psycopg.connect(team["boss"], autocommit=True) as conn:
        done = conn.execute("UPDATE records SET doc = doc || '{\"notes\": \"checked\"}'"
                            " WHERE tbl = 'leads' AND id = %s", [leads["wang"]])
        assert done.rowcount == 1


def test_the_change_log_shows_a_rep_only_changes_about_what_they_see(team, leads):
    def labels(url: str) -> list[tuple[str, str]]:
        with psycopg.connect(url) as conn:
            return conn.execute("SELECT rep, label FROM changes ORDER BY seq").fetchall()

    assert labels(team["wang"]) == [("wang", "add_lead"), ("postgres", "add_lead"),
                                    ("postgres", "add_competitors")]
    assert ("zhang", "schedule_contact") in labels(team["zhang"])
    assert len(labels(team["boss"])) == 5


def test_a_reps_app_opens_with_own_leads_and_the_pool_and_adds_theirs(team, leads):
    with LeadStore.open(team["wang"]) as store:
        assert set(store.leads) == {leads["wang"], leads["pool"]}
        assert store.lead(leads["wang"]).owner == "wang"
        assert store.lead(leads["pool"]).owner == ""
        assert (store.rep, store.manager) == ("wang", False)
        store.edit_lead(leads["pool"], notes="called back")  # and can undo it
        assert store.undo()[0] == "edit_lead"
    with LeadStore.open(team["wang"]) as store:
        assert store.undo_label == "add_lead"  # their own steps only
        assert store.lead(leads["pool"]).notes == ""


def test_new_ids_from_two_connections_do_not_clash(team):
    zhang, wang = LeadStore.open(team["zhang"]), LeadStore.open(team["wang"])
    made = [zhang.add_lead(f"甲{n}").id for n in range(3)] + [wang.add_lead("乙").id]
    made += [zhang.add_lead("甲3").id, wang.add_lead("乙1").id]
    assert len(set(made)) == len(made)
    zhang.close()
    wang.close()
    with LeadStore.open(team["boss"]) as boss:
        assert set(made) <= set(boss.leads)


def test_a_write_refused_as_not_yours_is_told_apart_from_a_clash(team, leads, capsys):
    from tui.i18n import error_text, set_language

    zhang = LeadStore.open(team["zhang"])
    with LeadStore.open(team["boss"]) as boss:
        boss.assign([leads["zhang"]], "wang")
    with pytest.raises(NotYours) as refused:
        zhang.edit_lead(leads["zhang"], notes="still mine?")
    zhang.close()
    assert error_text(refused.value) == (
        f"Not saved: lead {leads['zhang']} is not yours to change (it belongs to another rep). "
        "Nothing was changed.")
    set_language("zh")
    assert f"客户 {leads['zhang']} 归别的销售" in error_text(refused.value)


def test_team_add_makes_a_rep_who_logs_in_as_their_own_role(pg_base, capsys):
    assert main(["team", "add", "--db", pg_base, "chen"]) == EXIT_OK
    assert "chen is a rep of the team" in capsys.readouterr().out
    assert main(["team", "add", "--db", pg_base, "liu", "--manager"]) == EXIT_OK
    assert "liu is the manager" in capsys.readouterr().out
    with LeadStore.open(as_rep(pg_base, "chen")) as store:
        assert (store.rep, store.manager) == ("chen", False)
    with LeadStore.open(as_rep(pg_base, "liu")) as store:
        assert (store.rep, store.manager) == ("liu", True)
    assert main(["team", "add", "--db", pg_base, "bad name"]) != EXIT_OK
    capsys.readouterr()


def test_assign_and_hand_over_by_the_manager_on_the_command_line(team, leads, capsys):
    assert main(["assign", "--db", team["boss"], str(leads["pool"]), "zhang"]) == EXIT_OK
    assert "is now zhang's" in capsys.readouterr().out
    assert seen(team["zhang"]) == {leads["zhang"], leads["pool"]}
    assert leads["pool"] not in seen(team["wang"])
    assert main(["assign", "--db", team["boss"], "--from", "zhang", "--to", "wang"]) == EXIT_OK
    assert "2 lead(s) of zhang are now wang's" in capsys.readouterr().out
    assert seen(team["zhang"]) == set()
    assert seen(team["wang"], "contacts") == {leads["contact"]}  # the contact went along
    with psycopg.connect(team["admin"]) as conn:
        rows = conn.execute("SELECT label, jsonb_array_length(changes) FROM changes"
                            " WHERE label = 'hand_over'").fetchall()
    assert rows == [("hand_over", 2)]  # one step
    with psycopg.connect(team["zhang"]) as conn:  # the rep who gave them sees it went
        assert conn.execute("SELECT count(*) FROM changes WHERE label = 'hand_over'"
                            ).fetchone()[0] == 1
    assert main(["assign", "--db", team["boss"], str(leads["wang"]), "-"]) == EXIT_OK
    assert "the team's pool" in capsys.readouterr().out
    assert leads["wang"] in seen(team["zhang"])
    assert main(["assign", "--db", team["boss"], str(leads["wang"]), "nobody"]) == EXIT_NONE
    assert "nobody is not a rep of this team" in capsys.readouterr().err


def test_a_rep_trying_to_assign_is_told_it_is_not_allowed(team, leads, capsys):
    assert main(["assign", "--db", team["zhang"], str(leads["zhang"]), "wang"]) == EXIT_NONE
    err = capsys.readouterr().err
    assert err.strip() == "Not allowed: only the team's manager assigns leads."
    assert main(["--lang", "zh", "assign", "--db", team["zhang"], str(leads["zhang"]),
                 "wang"]) == EXIT_NONE
    assert "只有团队的销售经理才能分配客户" in capsys.readouterr().err
    with LeadStore.open(team["zhang"]) as store, pytest.raises(NotAllowed):
        store.hand_over("zhang", "wang")
    assert main(["assign", "--db", team["boss"], "12"]) == EXIT_USAGE
    capsys.readouterr()


async def test_the_manager_assigns_the_selected_lead_with_a_key(team, leads, clock):
    from tui.app import LeadboardApp

    store = LeadStore.open(team["boss"], clock=clock)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=(130, 40)) as pilot:
        assert app.focused.lead_id == leads["zhang"]
        await pilot.press("A")
        await pilot.pause()
        assert "Hand 张伟" in str(app.screen.query_one("#assign-title").render())
        await pilot.press(*"wang", "enter")
        await pilot.pause()
        assert store.lead(leads["zhang"]).owner == "wang"
    assert leads["zhang"] in seen(team["wang"]) and leads["zhang"] not in seen(team["zhang"])


async def test_a_rep_pressing_the_assign_key_is_told_it_is_not_allowed(team, leads, clock):
    from tui.app import LeadboardApp

    store = LeadStore.open(team["zhang"], clock=clock)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.press("A")
        await pilot.pause()
        assert "only the team's manager assigns leads" in app.screen.status.text
        assert len(app.screen_stack) == 1


def test_a_base_made_before_owners_is_brought_up_and_its_ids_go_on(pg_server):
    from store.backends.postgres import _TABLES, SERVER_SCHEMA

    url = pg_server.create_database()
    lead = ('{"name": "张伟", "created": "2026-11-01T09:00:00+08:00",'
            ' "updated": "2026-11-01T09:00:00+08:00"}')
    with connect(url) as conn:  # a base of schema 1, with a lead 7 in it
        conn.execute(_TABLES)
        conn.execute("INSERT INTO meta VALUES ('schema', '1')")
        conn.execute("INSERT INTO records (tbl, id, doc) VALUES ('leads', 7, %s)", [lead])
    with LeadStore.open(url) as store:
        assert store.add_lead("王强").id == 8
    with connect(url) as conn:
        schema = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()[0]
        add_rep(conn, "zhao", manager=False)
    assert schema == SERVER_SCHEMA
    assert seen(as_rep(url, "zhao")) == {7, 8}  # what was there is the pool


def test_a_reps_app_reads_every_lead_they_may_see_with_its_version(team, leads):
    """Many leads, their ids far apart and some changed more than once: each
    one the rep may see arrives with its own document and version, and no
    other (the base is read a block of ids at a time)."""
    with connect(team["admin"]) as conn:
        conn.execute(
            "INSERT INTO records (tbl, id, doc) SELECT 'leads', g, doc || jsonb_build_object("
            " 'name', '客户' || g, 'owner', (ARRAY['zhang', 'wang', ''])[g %% 3 + 1])"
            " FROM records, (SELECT generate_series(100, 4000, 7) UNION SELECT 90000 + g"
            "                FROM generate_series(1, 40) g) ids(g)"
            " WHERE tbl = 'leads' AND id = %s", [leads["pool"]])
        conn.execute("UPDATE records SET version = version + id % 4 WHERE tbl = 'leads'")
        on_server = dict(conn.execute(
            "SELECT id, version FROM records WHERE tbl = 'leads'"
            " AND coalesce(owner, '') IN ('', 'wang')").fetchall())
    with LeadStore.open(team["wang"]) as store:
        assert set(store.leads) == set(on_server) and len(on_server) > 300
        assert store._backend.versions.tables["leads"] == on_server
        assert all(store.lead(i).name == f"客户{i}" for i in on_server if i >= 100)
        changed = next(i for i, version in on_server.items() if version > 2)
        store.edit_lead(changed, notes="called back")  # against the version it was read at
    with LeadStore.open(team["boss"]) as boss:
        assert boss.lead(changed).notes == "called back"
