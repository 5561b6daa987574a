"""``leadboard copy``: a rep's file into the team's server and a copy out,
with nothing lost on the way."""

from __future__ import annotations

import pytest

from store.demo import write_demo
from store.leadstore import LeadStore
from store.model import Method, Purpose
from tui.cli import EXIT_OK, EXIT_USAGE, main


def exported(capsys, where) -> tuple[str, str]:
    capsys.readouterr()
    assert main(["export", "--format", "json", "--period", "month", "--db", str(where)]) == 0
    plan = capsys.readouterr().out
    assert main(["export", "--intel", "--db", str(where)]) == EXIT_OK
    return plan, capsys.readouterr().out


@pytest.fixture
def rep_file(tmp_path):
    path = tmp_path / "leads.json"
    with LeadStore.open(path) as store:
        write_demo(store, 60, 7)
    return path


def test_a_round_trip_through_the_server_loses_nothing(rep_file, pg_base, tmp_path, capsys):
    before = exported(capsys, rep_file)
    assert main(["copy", "--from", str(rep_file), "--to", pg_base]) == EXIT_OK
    assert "60 leads added, 0 merged" in capsys.readouterr().out
    back = tmp_path / "back.json"
    assert main(["copy", "--from", pg_base, "--to", str(back)]) == EXIT_OK
    assert exported(capsys, back) == before
    assert exported(capsys, pg_base) == before
    with LeadStore.open(rep_file, read_only=True) as a, LeadStore.open(back, read_only=True) as b:
        assert [a.lead_doc(i) for i in a.leads] == [b.lead_doc(i) for i in b.leads]


def test_a_lead_the_team_holds_already_is_merged_by_the_importers_rules(pg_base, tmp_path,
                                                                       capsys):
    with LeadStore.open(pg_base) as team:
        held = team.add_lead("张伟", phones=("13812345678",), company="临沂宏达土石方").id
        team.add_lead("王强")
    mine = tmp_path / "mine.json"
    with LeadStore.open(mine) as store:
        store.add_lead("张伟", phones=("13812345678",), city="临沂", intent=5, funding=4)
        own = store.add_lead("李娜", intent=4, funding=1).id
        store.schedule_contact(own, store.now().replace(year=2099), method=Method.VISIT,
                               purpose=Purpose.SELL)
    assert main(["copy", "--from", str(mine), "--to", pg_base]) == EXIT_OK
    assert "1 leads added, 1 merged" in capsys.readouterr().out
    with LeadStore.open(pg_base) as team:
        merged = team.lead(held)
        assert (merged.city, merged.intent, merged.company) == ("临沂", 5, "临沂宏达土石方")
        [li_na] = [lead for lead in team.leads.values() if lead.name == "李娜"]
        assert li_na.id != own  # its number was taken: the next one, and its contact follows
        assert [c.lead_id for c in team.contacts.values()] == [li_na.id]
        assert team.undo_label == "copy"


def test_a_copy_out_never_writes_over_a_file_that_holds_data(rep_file, pg_base, capsys):
    size = rep_file.stat().st_size
    assert main(["copy", "--from", pg_base, "--to", str(rep_file)]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "new or empty file only" in err and len(err.strip().splitlines()) == 1
    assert rep_file.stat().st_size == size


def test_a_reps_copy_is_their_own_out_of_other_reps_sight(rep_file, pg_base, tmp_path,
                                                          capsys):
    import psycopg

    from store.backends.postgres import connect
    from store.backends.team import add_rep

    with connect(pg_base) as conn:
        add_rep(conn, "zhang", manager=False)
        add_rep(conn, "wang", manager=False)
    zhang, wang = (pg_base.replace("postgres@", f"{rep}@") for rep in ("zhang", "wang"))
    with LeadStore.open(rep_file, read_only=True) as mine:
        lead_ids, contact_ids = set(mine.leads), set(mine.contacts)
    before = exported(capsys, rep_file)
    assert main(["copy", "--from", str(rep_file), "--to", zhang]) == EXIT_OK

    def seen(url: str, table: str) -> dict[int, str | None]:
        with psycopg.connect(url) as conn:  # straight to the server: its policies decide
            return dict(conn.execute("SELECT id, owner FROM records WHERE tbl = %s", [table]))

    assert seen(zhang, "leads") == dict.fromkeys(lead_ids, "zhang")
    assert set(seen(zhang, "contacts")) == contact_ids
    assert seen(wang, "leads") == {} and seen(wang, "contacts") == {}
    assert set(seen(pg_base, "leads")) == lead_ids  # the server's keeper sees them all
    with LeadStore.open(wang) as theirs:
        assert not theirs.leads
    back = tmp_path / "back.json"
    assert main(["copy", "--from", zhang, "--to", str(back)]) == EXIT_OK
    assert exported(capsys, back) == before
    with LeadStore.open(rep_file, read_only=True) as a, LeadStore.open(back, read_only=True) as b:
        assert [{**a.lead_doc(i), "owner": "zhang"} for i in a.leads] == [
            b.lead_doc(i) for i in b.leads]  # all of it, and whose it now is


def test_the_managers_copy_keeps_the_owners_it_names(pg_server, pg_base, tmp_path, capsys):
    from store.backends.postgres import connect, init_base
    from store.backends.team import add_rep

    with connect(pg_base) as conn:
        add_rep(conn, "wang", manager=False)
        add_rep(conn, "boss", manager=True)
    with LeadStore.open(pg_base.replace("postgres@", "wang@")) as wang:
        wang.add_lead("王强")
    with LeadStore.open(pg_base) as keeper:
        keeper.add_lead("李娜")  # the pool's
    taken_out = tmp_path / "team.json"
    assert main(["copy", "--from", pg_base, "--to", str(taken_out)]) == EXIT_OK
    again = pg_server.create_database()  # the team's base made anew, then brought back
    init_base(again)
    with connect(again) as conn:
        add_rep(conn, "wang", manager=False)
        add_rep(conn, "boss", manager=True)
    assert main(["copy", "--from", str(taken_out), "--to",
                 again.replace("postgres@", "boss@")]) == EXIT_OK
    with LeadStore.open(again) as team:
        assert {lead.name: lead.owner for lead in team.leads.values()} == {
            "王强": "wang", "李娜": "boss"}
