"""``leadboard lead show|set|move``: one lead driven from a script, on a data
file and on a server, checked as the lead form checks it."""

from __future__ import annotations

import json

import pytest

from store.leadstore import LeadStore
from store.model import Credit, Stage
from tests.conftest import seed
from tui.cli import EXIT_NONE, EXIT_OK, EXIT_UNREADABLE, EXIT_USAGE, main

pytestmark = pytest.mark.both_backends


@pytest.fixture
def ids(db, clock) -> dict[str, int]:
    with LeadStore.open(db, clock=clock) as store:
        return seed(store)


def run(db, *argv: str) -> int:
    return main(["lead", *argv, "--db", str(db)])


def stored(db, lead_id: int):
    with LeadStore.open(db, read_only=True) as store:
        return store.lead(lead_id), store.undo_label


def test_show_prints_the_fields_and_json_for_a_script(db, ids, capsys):
    assert run(db, "show", str(ids["王强"])) == EXIT_OK
    out = capsys.readouterr().out
    assert "Name\t王强" in out and "Quadrant\tQ1" in out and "Company\t济南顺通租赁" in out
    assert run(db, "show", str(ids["曾国"]), "--json") == EXIT_OK
    doc = json.loads(capsys.readouterr().out)
    assert (doc["id"], doc["name"], doc["quadrant"]) == (ids["曾国"], "曾国", None)
    assert "search_keys" not in doc


def test_set_reads_values_as_the_form_does_and_keeps_them_in_the_history(db, ids, capsys):
    lead_id = ids["陈静"]
    assert run(db, "set", str(lead_id), "intent=较强", "funding=★★★★", "credit=好",
               "phones=138 1234 5678", "stage=probe", "tags=老客户，三一") == EXIT_OK
    assert f"Saved: lead {lead_id}" in capsys.readouterr().out
    lead, undo = stored(db, lead_id)
    assert (lead.intent, lead.funding, lead.credit, lead.stage) == (4, 4, Credit.GOOD, Stage.PROBE)
    assert (lead.phones, lead.tags) == (("13812345678",), ("老客户", "三一"))
    assert {h.field for h in lead.history} >= {"intent", "funding", "credit", "phones"}
    assert undo == "edit_lead"  # one undo step, as a save of the form


@pytest.mark.parametrize(("pair", "said"), [
    ("intent=9", "A grade is a whole number from 1 to 5."),
    ("phones=12345", "landline with area code"),
    ("name=  ", "A name is required."),
    ("credit=excellent", "none of the choices"),
    ("has_project=maybe", "yes or no"),
    ("colour=red", "FIELD=VALUE"),
    ("intent", "FIELD=VALUE"),
])
def test_bad_input_is_one_line_exit_2_and_nothing_saved(db, ids, capsys, pair, said):
    before, _undo = stored(db, ids["李娜"])
    assert run(db, "set", str(ids["李娜"]), "credit=poor", pair) == EXIT_USAGE
    err = capsys.readouterr().err
    assert said in err and len(err.strip().splitlines()) == 1
    assert stored(db, ids["李娜"])[0] == before  # not even the good value before it


def test_move_regrades_by_the_smallest_step_and_refuses_a_fifth_quadrant(db, ids, capsys):
    lead_id = ids["刘洋"]  # Q3: weak intent, strong funds
    assert run(db, "move", str(lead_id), "1") == EXIT_OK
    lead, undo = stored(db, lead_id)
    assert (lead.intent, lead.funding, undo) == (3, 4, "regrade")
    assert run(db, "move", str(lead_id), "5") == EXIT_USAGE
    assert "1, 2, 3 or 4" in capsys.readouterr().err


def test_a_lead_that_is_not_there_and_a_lost_status_are_said(db, ids, capsys):
    assert run(db, "show", "999") == EXIT_NONE
    assert "999" in capsys.readouterr().err
    assert run(db, "set", str(ids["张伟"]), "status=lost") == EXIT_USAGE
    assert "on the board" in capsys.readouterr().err
    assert stored(db, ids["张伟"])[0].status.value == "active"


def test_chinese_messages(db, ids, capsys):
    assert main(["--lang", "zh", "lead", "set", str(ids["张伟"]), "intent=9",
                 "--db", str(db)]) == EXIT_USAGE
    assert "购买意向" in capsys.readouterr().err


@pytest.mark.file_only
def test_a_missing_file_is_said_and_not_made(tmp_path, capsys, backend):
    missing = tmp_path / "none.json"
    assert main(["lead", "set", "1", "intent=3", "--db", str(missing)]) == EXIT_UNREADABLE
    assert not missing.exists()
