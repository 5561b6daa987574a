"""The market's records in the store: competitors, intel, outlets, projects
and lost deals saved, checked, undone, let go of a deleted lead, and read
from older files; on a data file and on a PostgreSQL server."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import orjson
import pytest

from store.check import check_base, check_file
from store.errors import Invalid
from store.leadstore import MARKET_TABLES, LeadStore
from store.market_model import (
    LostReason,
    MachineNeed,
    ModelPrice,
    ProjectStage,
    Service,
)
from store.migrations import SCHEMA_VERSION

FIXTURES = Path(__file__).parent / "fixtures"
TODAY = date(2026, 11, 26)  # the conftest clock's day

pytestmark = pytest.mark.both_backends


def _one_of_each(store, lead_id):
    return {
        "competitors": store.add_record(
            "competitors", brand="XCMG", models=(ModelPrice("XE215DA", 520_000, 580_000),),
            down_payment_pct=20, instalment_months=36, interest_pct=3.5, strategy="低首付"),
        "intel": store.add_record(
            "intel", on=TODAY, brand="徐工", text="首付两成", province="山东", city="临沂",
            model="XE215DA", price=545_000, lead_id=lead_id),
        "outlets": store.add_record(
            "outlets", brand="徐工", name="临沂徐工专营店", city="临沂", staff=12,
            service=Service.PARTS_AND_REPAIR, opened=date(2019, 5, 1)),
        "projects": store.add_record(
            "projects", name="沂河大道改造", city="临沂", stage=ProjectStage.STARTED,
            needs=(MachineNeed("挖掘机", 21.5, 3),), lead_ids=(lead_id,), start=date(2026, 9, 1)),
        "lost_deals": store.add_record(
            "lost_deals", lead_id=lead_id, on=TODAY, reason=LostReason.FINANCING,
            brand="徐工", model="XE215DA", price=545_000, city="临沂"),
    }


def test_every_kind_is_saved_and_read_back(store, db, clock):
    lead = store.add_lead("张伟", province="山东", city="临沂")
    added = _one_of_each(store, lead.id)
    assert added["competitors"].brand == "徐工"  # kept under the board's name
    store.close()
    with LeadStore.open(db, clock=clock) as again:
        for table, record in added.items():
            assert again.record(table, record.id) == record
    assert check_base(db).ok


@pytest.mark.file_only
def test_every_kind_lands_in_the_snapshot(store, db_path, clock):
    lead = store.add_lead("张伟", province="山东", city="临沂")
    _one_of_each(store, lead.id)
    store.close()
    stored = orjson.loads(db_path.read_bytes())
    assert stored["projects"]["1"]["needs"] == [["挖掘机", 21.5, 3]]
    assert stored["meta"]["1"]["schema"] == SCHEMA_VERSION == 4
    assert check_file(db_path).ok


@pytest.mark.parametrize("table", MARKET_TABLES)
def test_each_kind_of_change_is_one_undo_step(store, table):
    lead = store.add_lead("张伟")
    depth = store.undo_depth
    record = _one_of_each(store, lead.id)[table]
    assert store.undo_depth == depth + len(MARKET_TABLES)
    edited = store.edit_record(table, record.id, **{"province": "河北"} if table != "competitors"
                               else {"strategy": "以旧换新"})
    assert store.record(table, record.id) == edited != record
    store.undo()
    assert store.record(table, record.id) == record
    store.remove_record(table, record.id)
    assert record.id not in store.records(table)
    store.undo()
    assert store.record(table, record.id) == record


@pytest.mark.parametrize(("table", "fields", "field", "rule"), [
    ("intel", {"on": TODAY, "brand": "徐工", "text": "x", "price": 0}, "price", "price_range"),
    ("intel", {"on": date(2027, 1, 1), "brand": "徐工", "text": "x"}, "on", "day_future"),
    ("intel", {"on": TODAY, "brand": " ", "text": "x"}, "brand", "required"),
    ("intel", {"on": TODAY, "brand": "徐工", "text": ""}, "text", "required"),
    ("competitors", {"brand": "徐工", "models": (ModelPrice("XE215", 600_000, 500_000),)},
     "models", "price_order"),
    ("competitors", {"brand": "徐工", "down_payment_pct": 120}, "down_payment_pct", "out_of_range"),
    ("outlets", {"brand": "徐工", "name": ""}, "name", "required"),
    ("outlets", {"brand": "徐工", "name": "店", "staff": -1}, "staff", "out_of_range"),
    ("projects", {"name": "路", "needs": (MachineNeed("挖掘机", 20.0, 0),)}, "needs", "out_of_range"),
    ("projects", {"name": "路", "lead_ids": (99,)}, "lead_ids", "no_lead"),
    ("lost_deals", {"lead_id": 99, "on": TODAY, "reason": LostReason.PRICE}, "lead_id", "no_lead"),
    ("lost_deals", {"lead_id": 1, "on": TODAY, "reason": LostReason.OTHER}, "why", "required"),
])
def test_a_value_that_cannot_be_right_is_refused_and_nothing_is_saved(
        store, table, fields, field, rule):
    store.add_lead("张伟")
    journal = store.journal_bytes
    with pytest.raises(Invalid) as refused:
        store.add_record(table, **fields)
    assert (refused.value.field, refused.value.rule) == (field, rule)
    assert store.journal_bytes == journal and not store.records(table)


def test_deleting_a_lead_lets_the_market_go_of_it_in_one_undo_step(store):
    lead = store.add_lead("张伟")
    other = store.add_lead("李娜")
    added = _one_of_each(store, lead.id)
    store.edit_record("projects", added["projects"].id, lead_ids=(lead.id, other.id))
    store.delete_lead(lead.id)
    assert not store.records("lost_deals")
    assert store.record("intel", added["intel"].id).lead_id is None
    assert store.record("projects", added["projects"].id).lead_ids == (other.id,)
    store.undo()
    assert store.record("lost_deals", added["lost_deals"].id).lead_id == lead.id
    assert store.record("projects", added["projects"].id).lead_ids == (lead.id, other.id)


def test_a_version_3_file_opens_and_takes_the_market(tmp_path, clock):
    path = tmp_path / "v3.json"
    shutil.copy(FIXTURES / "schema-3.json", path)
    original = path.read_bytes()
    with LeadStore.open(path, clock=clock) as store:
        assert path.read_bytes() == original  # migrated in memory only
        assert len(store.machines) == 2 and store.settings.own_brand == "三一"
        assert all(not store.records(table) for table in MARKET_TABLES)
        store.add_record("intel", on=TODAY, brand="徐工", text="降价五万", lead_id=1)
    assert check_file(path).ok
    with LeadStore.open(path, clock=clock) as store:
        assert [e.text for e in store.records("intel").values()] == ["降价五万"]


def test_check_names_a_lost_deal_whose_lead_is_gone(tmp_path, clock):
    path = tmp_path / "leads.json"
    with LeadStore.open(path, clock=clock) as store:
        lead = store.add_lead("张伟")
        store.add_record("lost_deals", lead_id=lead.id, on=TODAY, reason=LostReason.PRICE)
    data = orjson.loads(path.read_bytes())
    data["lost_deals"]["1"]["lead_id"] = 42
    data.pop("checksum", None)
    data["meta"]["1"].pop("sealed", None)
    path.write_bytes(orjson.dumps(data))
    problems = [p for p in check_file(path).problems if p.params.get("table") == "lost_deals"]
    assert problems and problems[0].params["fault"] == "no_lead"
