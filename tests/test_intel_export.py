"""``leadboard export --intel``: the market intelligence as one JSON document,
valid against its published schema, the same bytes for the same data, a
region's part on asking, and one clear line for flags that do not go with it."""

from __future__ import annotations

import json
from datetime import date

import jsonschema
import pytest

from store.intel_export import SCHEMA_FILE
from store.leadstore import LeadStore
from store.market_model import LostReason, MachineNeed, ModelPrice, ProjectStage, Service
from store.model import Source
from tests.market_fixture import build_market
from tui.cli import EXIT_OK, EXIT_SAVE, EXIT_USAGE, main

TODAY = date(2026, 11, 26)  # the conftest clock's day


@pytest.fixture
def territory(db_path, clock):
    """The market fixture's fleet, and one record of every other kind: two
    pieces of intel, one heard in 临沂 from a lead, one in 徐州."""
    with LeadStore.open(db_path, clock=clock) as store:
        ids = build_market(store)
        a, c = ids["a"], ids["c"]
        store.add_record("competitors", brand="XCMG", interest_pct=3.5, down_payment_pct=20,
                         models=(ModelPrice("XE215DA", 520_000, 580_000),))
        store.add_record("outlets", brand="徐工", name="临沂徐工专营店", province="山东",
                         city="临沂", staff=12, service=Service.PARTS_AND_REPAIR,
                         opened=date(2019, 5, 1))
        store.add_record("projects", name="沂河大道改造", city="临沂", stage=ProjectStage.STARTED,
                         needs=(MachineNeed("挖掘机", 21.5, 3),), lead_ids=(a, c))
        store.add_record("intel", on=date(2026, 11, 20), brand="徐工", text="首付两成",
                         city="临沂", price=545_000, source=Source.PEER, lead_id=a)
        store.add_record("intel", on=date(2026, 10, 2), brand="卡特", text="降价五万",
                         province="江苏", city="徐州")
        store.add_record("lost_deals", lead_id=c, on=date(2026, 11, 1),
                         reason=LostReason.FINANCING, brand="徐工", city="徐州")
    return ids


def _validate(document: dict) -> None:
    jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text())).validate(document)


def test_the_intel_document_validates_and_is_the_same_bytes_twice(territory, db_path,
                                                                    tmp_path, capsys):
    target = tmp_path / "intel.json"
    args = ["export", "--db", str(db_path), "--intel", "-o", str(target)]
    assert main(args) == EXIT_OK
    assert "Wrote 9 machines, 1 competitors, 1 outlets, 1 projects, 2 intel entries and " \
           "1 lost deals" in capsys.readouterr().err
    first = target.read_bytes()
    document = json.loads(first)
    _validate(document)
    assert list(document) == ["schema", "as_of", "region", "machines", "competitors",
                              "outlets", "projects", "intel", "lost_deals"]
    assert document["schema"] == "leadboard.intel/1"
    assert main(args) == EXIT_OK
    assert target.read_bytes() == first  # same data, same bytes
    assert main(["export", "--db", str(db_path), "--intel", "--format", "json"]) == EXIT_OK
    assert capsys.readouterr().out.encode("utf-8") == first  # standard output: the same


def test_machines_and_deals_name_their_leads(territory, db_path, capsys):
    assert main(["export", "--db", str(db_path), "--intel"]) == EXIT_OK
    document = json.loads(capsys.readouterr().out)
    machines = {m["id"]: m for m in document["machines"]}
    first = machines[territory["m1"]]
    assert first["owner"] == {"id": territory["a"], "name": "张伟"}
    assert (first["model"], first["size_class"], first["city"]) == ("SY215C", 21.5, "临沂")
    assert machines[territory["m7"]]["owner"] is None  # nobody known owns it
    assert machines[territory["m6"]]["status"] == "scrapped"  # the census keeps it
    assert document["lost_deals"][0]["lead"] == {"id": territory["c"], "name": "王芳"}
    assert document["intel"][0]["lead"]["name"] == "张伟"
    assert document["intel"][1]["lead"] is None
    assert [lead["name"] for lead in document["projects"][0]["leads"]] == ["张伟", "王芳"]
    assert document["competitors"][0]["models"] == [
        {"model": "XE215DA", "low": 520_000, "high": 580_000}]
    assert document["as_of"] == "2026-11-26"  # the newest day in it, not the clock


def test_a_region_keeps_what_is_placed_there(territory, db_path, capsys):
    assert main(["export", "--db", str(db_path), "--intel", "--region", "xuzhou"]) == EXIT_OK
    document = json.loads(capsys.readouterr().out)
    _validate(document)
    assert document["region"] == "xuzhou"
    assert [m["model"] for m in document["machines"]] == ["PC360", "PC200"]
    assert [e["text"] for e in document["intel"]] == ["降价五万"]
    assert len(document["lost_deals"]) == 1 and not document["outlets"]
    assert not document["projects"]
    assert len(document["competitors"]) == 1  # a brand's profile is no one place's


def test_an_empty_file_gives_an_empty_valid_document(db_path, clock, capsys):
    LeadStore.open(db_path, clock=clock).close()
    assert main(["export", "--db", str(db_path), "--intel"]) == EXIT_OK
    document = json.loads(capsys.readouterr().out)
    _validate(document)
    assert document["as_of"] is None and document["machines"] == []


@pytest.mark.parametrize("flags, said", [
    (["--intel", "--format", "csv"], "--intel writes JSON only, not csv"),
    (["--intel", "--format", "ics"], "--intel writes JSON only, not ics"),
    (["--intel", "--period", "month"], "--period choose a part of the plan"),
    (["--intel", "--from", "today", "--to", "+6d"], "--from --to choose a part of the plan"),
    (["--region", "临沂"], "give it with --intel"),
    (["--intel", "--region"], "--region: needs a value"),
])
def test_flags_that_do_not_go_with_intel_say_so_in_one_line(territory, db_path, tmp_path,
                                                            capsys, flags, said):
    target = tmp_path / "intel.json"
    assert main(["export", "--db", str(db_path), "-o", str(target), *flags]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and said in err
    assert not target.exists()


def test_an_unwritable_file_is_said_and_nothing_is_written(territory, db_path, tmp_path, capsys):
    target = tmp_path / "missing" / "intel.json"
    assert main(["export", "--db", str(db_path), "--intel", "-o", str(target)]) == EXIT_SAVE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Nothing was written" in err


def test_the_help_and_errors_speak_chinese(territory, db_path, capsys):
    assert main(["export", "--db", str(db_path), "--lang", "zh", "--intel", "--format",
                 "csv"]) == EXIT_USAGE
    assert "只能导出 JSON" in capsys.readouterr().err
