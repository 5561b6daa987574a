"""The fleet census in the store: machines saved, checked, undone, and read
from older files."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import orjson
import pytest

from store.check import check_file
from store.errors import Invalid
from store.fleet import brand_name, model_tonnes, parse_tonnes, parse_whole, size_class
from store.leadstore import LeadStore
from store.migrations import SCHEMA_VERSION
from store.model import MachineStatus, Source

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 11, 26)  # the conftest clock's day


@pytest.mark.parametrize(("model", "tonnes"), [
    ("SY215C", 21.5), ("SY75C", 7.5), ("SY365H", 36.5), ("XE215DA", 21.5), ("XE60", 6.0),
    ("922F", 22.0), ("9035E", 3.5), ("CLG922E", 22.0), ("320", 20.0), ("CAT320GC", 20.0),
    ("305.5", 5.5), ("PC200-8", 20.0), ("pc56", 5.6), ("ZX200-5G", 20.0), ("DX225LCA", 22.5),
    ("EC210", 21.0), ("E6210", 21.0), ("LG6225E", 22.5), ("R215VS", 21.5), ("SK75-8", 7.5),
    ("ＳＹ２１５Ｃ", 21.5), ("SY 215C", 21.5),
])
def test_the_size_class_is_read_from_common_model_names(model, tonnes):
    assert model_tonnes(model) == tonnes


@pytest.mark.parametrize("model", ["", "挖掘机", "SY", "PC2000000", "Mini"])
def test_a_model_name_that_says_no_size_gives_none(model):
    assert model_tonnes(model) is None


def test_brands_are_kept_under_one_name_whatever_they_are_typed_as():
    assert brand_name("卡特彼勒") == brand_name("CAT") == brand_name("caterpillar") == "卡特"
    assert brand_name("SANY") == "三一" and brand_name(" 山东临工 ") == "临工"
    assert brand_name("某某 重工") == "某某 重工"  # unknown: kept as typed


def test_a_machine_is_saved_with_every_field_and_read_back(store, db_path, clock):
    lead = store.add_lead("张伟", province="山东", city="临沂")
    machine = store.add_machine(
        "SANY", "SY215C", owner=lead.id, year=2017, hours=9800, hours_read=date(2026, 11, 20),
        status=MachineStatus.TRADE_IN, condition="大臂有焊补", owner_says="油耗偏高",
        sources=(Source.OPERATOR, Source.MACHINE_SITE),
    )
    assert machine.brand == "三一" and machine.first_seen == machine.last_seen == TODAY
    assert size_class(machine) == 21.5 and machine.tonnes is None  # derived, not stored
    store.close()
    with LeadStore.open(db_path, clock=clock) as again:
        assert again.fleet_of(lead.id) == [machine]
        assert again.machine(machine.id).sources == (Source.OPERATOR, Source.MACHINE_SITE)
    stored = orjson.loads(db_path.read_bytes())
    assert stored["machines"][str(machine.id)]["hours_read"] == "2026-11-20"
    assert stored["meta"]["1"]["schema"] == SCHEMA_VERSION == 4


def test_the_size_class_the_rep_sets_wins_over_the_model(store):
    machine = store.add_machine("三一", "SY215C", tonnes=22.0)
    assert size_class(machine) == 22.0
    assert size_class(store.edit_machine(machine.id, tonnes=None)) == 21.5


def test_a_version_2_file_without_machines_opens_and_takes_them(tmp_path, clock):
    path = tmp_path / "v2.json"
    shutil.copy(FIXTURES / "schema-2.json", path)
    original = path.read_bytes()
    with LeadStore.open(path, clock=clock) as store:
        assert path.read_bytes() == original  # migrated in memory only
        assert not store.machines and store.fleet_of(1) == [] and store.undo_depth == 4
        assert store.views[1].query == "region:临沂"
        store.add_machine("徐工", "XE215DA", owner=1)
    assert check_file(path).ok
    with LeadStore.open(path, clock=clock) as store:
        assert [m.model for m in store.fleet_of(1)] == ["XE215DA"]


@pytest.mark.parametrize(("fields", "field", "rule"), [
    ({"year": 2027}, "year", "year_future"),
    ({"year": 1900}, "year", "year_old"),
    ({"hours": -5}, "hours", "hours_range"),
    ({"tonnes": 0.0}, "tonnes", "tonnes_range"),
    ({"hours_read": date(2026, 12, 1)}, "hours_read", "day_future"),
    ({"first_seen": date(2026, 11, 1), "last_seen": date(2026, 10, 1)}, "last_seen", "seen_order"),
])
def test_a_value_that_cannot_be_right_is_refused_and_nothing_is_saved(store, fields, field, rule):
    journal = store.journal_bytes
    with pytest.raises(Invalid) as refused:
        store.add_machine("三一", "SY215C", **fields)
    assert (refused.value.field, refused.value.rule) == (field, rule)
    assert store.journal_bytes == journal and not store.machines


def test_hours_that_go_down_over_time_are_refused(store, clock):
    machine = store.add_machine("小松", "PC200", hours=12000, hours_read=date(2026, 10, 1))
    with pytest.raises(Invalid) as refused:
        store.edit_machine(machine.id, hours=11000, hours_read=date(2026, 11, 20))
    assert refused.value.rule == "hours_down"
    assert store.machine(machine.id).hours == 12000
    # An older reading entered late may be lower; a newer one higher is fine.
    store.edit_machine(machine.id, hours=11000, hours_read=date(2026, 9, 1))
    assert store.edit_machine(machine.id, hours=12500, hours_read=date(2026, 11, 25)).hours == 12500


@pytest.mark.parametrize(("text", "rule"), [("abc", "number"), ("12.5", "whole"), ("一万", "number")])
def test_text_in_a_number_field_is_refused(text, rule):
    with pytest.raises(Invalid) as refused:
        parse_whole(text, "hours")
    assert refused.value.rule == rule


def test_numbers_are_read_as_reps_type_them():
    assert parse_whole("12,500", "hours") == 12500 and parse_whole("２０１８", "year") == 2018
    assert parse_whole(" ", "year") is None and parse_tonnes("21.5") == 21.5


def test_add_edit_and_remove_are_each_undone(store):
    lead = store.add_lead("李娜")
    machine = store.add_machine("柳工", "922F", owner=lead.id, year=2019)
    store.edit_machine(machine.id, status=MachineStatus.FOR_SALE)
    store.remove_machine(machine.id)
    assert store.fleet_of(lead.id) == [] and store.undo_label == "remove_machine"
    assert store.undo()[0] == "remove_machine"
    assert store.fleet_of(lead.id)[0].status is MachineStatus.FOR_SALE
    assert store.undo()[0] == "edit_machine"
    assert store.fleet_of(lead.id)[0].status is MachineStatus.WORKING
    assert store.undo()[0] == "add_machine"
    assert store.fleet_of(lead.id) == [] and not store.machines


def test_undo_of_machines_works_across_a_restart(store, db_path, clock):
    machine = store.add_machine("日立", "ZX200")
    store.edit_machine(machine.id, hours=5000)
    store.close()
    with LeadStore.open(db_path, clock=clock) as again:
        again.undo()
        assert again.machine(machine.id).hours is None


def test_a_deleted_lead_leaves_its_machines_with_nobody_known(store):
    lead = store.add_lead("王强")
    machine = store.add_machine("斗山", "DX225", owner=lead.id)
    store.delete_lead(lead.id)
    assert store.machine(machine.id).owner is None and store.fleet_of(lead.id) == []
    store.undo()
    assert store.fleet_of(lead.id) == [store.machine(machine.id)]


def test_an_owner_that_is_not_a_lead_is_refused(store):
    with pytest.raises(Exception) as refused:
        store.add_machine("三一", "SY75C", owner=99)
    assert getattr(refused.value, "code", "") == "not_found" and not store.machines


def _stored_with(db_path: Path, **machine: object) -> None:
    data = orjson.loads(db_path.read_bytes())
    data["machines"] = {"1": {"brand": "三一", "model": "SY215C", "first_seen": "2026-11-01",
                              "last_seen": "2026-11-01", **machine}}
    data.pop("checksum", None)
    data["meta"]["1"].pop("sealed", None)
    db_path.write_bytes(orjson.dumps(data))


@pytest.mark.parametrize(("machine", "words"), [
    ({"owner": 42}, "no_owner"),
    ({"year": "2018"}, "year"),
    ({"year": 2999}, "year"),
    ({"hours_read": "yesterday"}, "yesterday"),
    ({"status": "stolen"}, "stolen"),
])
def test_check_names_a_damaged_machine(store, db_path, machine, words):
    store.add_lead("张伟")
    store.close()
    _stored_with(db_path, **machine)
    report = check_file(db_path)
    assert not report.ok
    (problem,) = report.problems
    assert problem.params["table"] == "machines" and problem.params["id"] == "1"
    assert words in str(problem.params)


@pytest.mark.parametrize(("lang", "said"), [("en", "Machine 1: its owner, lead 42, does not exist"),
                                            ("zh", "设备 1：其机主（客户 42）不存在")])
def test_leadboard_check_says_which_machine_is_damaged(store, db_path, capsys, lang, said):
    from tui.cli import EXIT_UNREADABLE, main

    store.close()
    _stored_with(db_path, owner=42)
    assert main(["check", "--db", str(db_path), "--lang", lang]) == EXIT_UNREADABLE
    assert said in capsys.readouterr().out
