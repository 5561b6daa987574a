"""The store on real files and on a real PostgreSQL server: durability, undo,
refusal of what it cannot read."""

import os
import stat

import orjson
import pytest

from store.errors import Invalid, Locked, SaveFailed, UnreadableFile
from store.journal import encode
from store.leadstore import UNDO_DEPTH, LeadStore
from store.migrations import SCHEMA_VERSION
from store.model import Credit
from store.search import SearchIndex, parse_query, search

pytestmark = pytest.mark.both_backends

def reopen(store: LeadStore, clock) -> LeadStore:
    store.close()
    return LeadStore.open(store.location, clock=clock)


def test_a_lead_survives_close_and_reopen(store, clock):
    lead = store.add_lead("张三", company="临沂宏达", phones=("13812345678",), intent=4, funding=2)
    store = reopen(store, clock)
    again = store.lead(lead.id)
    assert (again.name, again.company, again.phones, again.intent, again.funding) == (
        "张三", "临沂宏达", ("13812345678",), 4, 2)
    store.close()


def test_saved_means_in_the_journal_before_close(store, clock, db):
    lead = store.add_lead("李四", intent=2, funding=2)
    store.move_to_quadrant(lead.id, 1)
    # Another reader sees it without the writer closing (nothing only in memory).
    reader = LeadStore.open(db, clock=clock, read_only=True)
    assert (reader.lead(lead.id).intent, reader.lead(lead.id).funding) == (3, 3)
    reader.close()


def test_regrade_lands_in_history(store, clock):
    lead = store.add_lead("王五", intent=5, funding=5)
    clock.advance(minutes=5)
    moved = store.move_to_quadrant(lead.id, 4)
    assert (moved.intent, moved.funding) == (2, 2)
    assert [(h.field, h.old, h.new) for h in moved.history] == [
        ("intent", 5, 2), ("funding", 5, 2)]
    assert moved.history[0].at == clock.now
    assert moved.updated == clock.now


def test_edit_records_old_and_new(store):
    lead = store.add_lead("赵六", credit=Credit.UNKNOWN)
    edited = store.edit_lead(lead.id, credit=Credit.GOOD, company="新公司")
    assert {(h.field, h.old, h.new) for h in edited.history} == {
        ("credit", "unknown", "good"), ("company", "", "新公司")}


def test_bad_values_are_refused(store):
    with pytest.raises(Invalid):
        store.add_lead("   ")
    lead = store.add_lead("钱七")
    with pytest.raises(Invalid):
        store.edit_lead(lead.id, intent=6)
    assert store.lead(lead.id).intent is None


def test_undo_goes_back_more_than_fifty_steps_and_survives_reopen(store, clock):
    lead = store.add_lead("孙八", intent=3, funding=3)
    for _ in range(30):
        store.step(lead.id, "intent", -1)
        store.step(lead.id, "intent", 1)
    assert store.undo_depth == 61
    store = reopen(store, clock)
    for _ in range(60):
        assert store.undo() is not None
    assert (store.lead(lead.id).intent, store.lead(lead.id).history) == (3, ())
    store = reopen(store, clock)
    assert store.undo() == ("add_lead", [("leads", lead.id)])
    assert lead.id not in store.leads
    assert store.undo() is None
    store.close()


def test_undo_depth_is_capped(store):
    lead = store.add_lead("周九", intent=3, funding=3)
    for _ in range(UNDO_DEPTH + 20):
        store.step(lead.id, "funding", 1 if store.lead(lead.id).funding < 5 else -1)
    assert store.undo_depth == UNDO_DEPTH


@pytest.mark.file_only
def test_files_are_owner_only(store, clock, db_path):
    store.add_lead("吴十")
    store.close()
    for path in (db_path, db_path.with_name("leads.json.journal")):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


@pytest.mark.file_only
@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b'{"leads": {"1": {"name": "x"', "syntax"),
        (os.urandom(256), "syntax"),
        (b"[1, 2, 3]", "not_tinydb"),
        (b'{"meta": {"1": {"schema": 99}}}', "newer_schema"),
        (b'{"leads": {"1": {"name": "x", "intent": 9, "created": "2026-01-01T00:00:00",'
         b' "updated": "2026-01-01T00:00:00"}}, "meta": {"1": {"schema": 1}}}', "bad_document"),
    ],
)
def test_an_unreadable_file_is_refused_and_left_byte_for_byte(db_path, content, reason):
    db_path.write_bytes(content)
    with pytest.raises(UnreadableFile) as caught:
        LeadStore.open(db_path)
    assert caught.value.reason == reason
    assert str(db_path) in str(caught.value)
    assert db_path.read_bytes() == content


@pytest.mark.file_only
def test_a_failed_replace_leaves_the_previous_file(store, clock, db_path, monkeypatch):
    store.add_lead("郑一")
    store.close()
    before = db_path.read_bytes()
    store = LeadStore.open(db_path, clock=clock)
    store.add_lead("郑二")

    def broken_replace(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(SaveFailed):
        store.compact()
    monkeypatch.undo()
    assert db_path.read_bytes() == before
    assert not [p for p in db_path.parent.iterdir() if p.name.endswith(".tmp")]
    store.close()  # the journal still held the change; now it is folded
    store = LeadStore.open(db_path, clock=clock)
    assert sorted(lead.name for lead in store.leads.values()) == ["郑一", "郑二"]
    store.close()


@pytest.mark.file_only
def test_a_full_disk_refuses_the_change_and_keeps_it_unsaved(store, monkeypatch):
    lead = store.add_lead("冯三", intent=4, funding=4)

    def no_space(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", no_space)
    with pytest.raises(SaveFailed):
        store.move_to_quadrant(lead.id, 4)
    monkeypatch.undo()
    assert store.lead(lead.id).intent == 4  # not shown as changed
    store.move_to_quadrant(lead.id, 4)  # retry works
    assert store.lead(lead.id).intent == 2


@pytest.mark.file_only
def test_a_torn_journal_tail_is_dropped(store, clock, db_path):
    store.add_lead("陈四")
    store.add_lead("陈五")
    journal = db_path.with_name("leads.json.journal")
    store._release()  # a crash: no fold, the lock goes with the process
    with open(journal, "ab") as handle:
        handle.write(b'0000abcd {"seq": 3, "kind": "do", "chan')
    store = LeadStore.open(db_path, clock=clock)
    assert sorted(lead.name for lead in store.leads.values()) == ["陈五", "陈四"]
    store.add_lead("陈六")
    store.close()
    store = LeadStore.open(db_path, clock=clock)
    assert len(store.leads) == 3
    store.close()


@pytest.mark.file_only
def test_a_second_writer_is_refused_but_may_read(store, db_path):
    store.add_lead("褚一")
    with pytest.raises(Locked):
        LeadStore.open(db_path)
    reader = LeadStore.open(db_path, fallback_read_only=True)
    assert reader.read_only and len(reader.leads) == 1


@pytest.mark.file_only
def test_snapshot_is_a_tinydb_file_with_a_schema_version(store, db_path):
    store.add_lead("卫二", intent=3, funding=1)
    store.close()
    data = orjson.loads(db_path.read_bytes())
    assert data["meta"]["1"]["schema"] == SCHEMA_VERSION
    assert data["leads"]["1"]["name"] == "卫二"
    from tinydb import TinyDB

    with TinyDB(db_path) as db:
        assert db.table("leads").get(doc_id=1)["funding"] == 1


@pytest.mark.file_only
def test_backups_are_kept_and_rotated(store, clock, db_path):
    from store.backups import list_backups

    for index in range(8):
        store.add_lead(f"客户{index}")
        store.compact()
    assert len(list_backups(db_path)) == 5
    store.close()


@pytest.mark.file_only
def test_bulk_work_keeps_what_was_frozen_out_of_the_collectors_sight(db_path, clock):
    """The board freezes its index; a later bulk step (an import, a fold, an
    export) must not hand the whole heap back to the collector."""
    import gc

    from store.collector import collector_paused

    store = LeadStore.open(db_path, clock=clock)
    store.add_lead("张伟", intent=5, funding=5)
    kept = [[n] for n in range(1000)]  # as the board's index, frozen
    gc.freeze()
    frozen = gc.get_freeze_count()
    with collector_paused():
        built = [[n] for n in range(1000)]  # lists: tracked by the collector
    assert gc.get_freeze_count() >= frozen + len(built)
    assert gc.isenabled()
    store.close()
    del kept, built


def test_the_stores_clock_reads_the_systems_local_time_and_follows_its_zone(monkeypatch):
    import time
    from datetime import datetime

    from store.leadstore import local_now

    def agree() -> bool:
        before = datetime.now().astimezone().replace(microsecond=0)
        now = local_now()
        after = datetime.now().astimezone().replace(microsecond=0)
        return before <= now <= after and now.utcoffset() == after.utcoffset()

    assert agree() and local_now().microsecond == 0
    for zone in ("CST-8", "EST+5EDT,M3.2.0,M11.1.0", "UTC0"):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
        assert agree(), zone
    monkeypatch.undo()
    time.tzset()
    assert agree()


def test_a_project_name_means_the_lead_holds_one(store, clock):
    lead = store.add_lead("周明", project="临沂北城新区道路土方")
    assert lead.has_project
    other = store.add_lead("孙强")
    edited = store.edit_lead(other.id, has_project=False, project="徐州东站土方")
    assert edited.has_project
    assert ("has_project", False, True) in [(e.field, e.old, e.new) for e in edited.history]
    again = reopen(store, clock)
    assert again.lead(lead.id).has_project and again.lead(other.id).has_project
    assert again.leads_field(lead.id, "has_project") is True
    again.close()


@pytest.mark.file_only
def test_a_project_name_kept_without_the_mark_in_an_older_file_reads_as_holding_one(
        db_path, clock):
    """Files written before the name decided it keep ``project`` without
    ``has_project``, in the snapshot and in the journal: both read as held,
    by the lead, by the board's stored fields and by the search."""
    made = "2026-11-01T09:00:00+08:00"
    doc = {"created": made, "updated": made, "intent": 4, "funding": 2}
    db_path.write_bytes(orjson.dumps({
        "leads": {"1": {**doc, "name": "张伟", "project": "临沂北城新区道路土方"},
                  "2": {**doc, "name": "李娜"}},
        "contacts": {}, "settings": {}, "sessions": {}, "views": {},
        "meta": {"1": {"schema": SCHEMA_VERSION, "seq": 0}},
    }))
    journal = {"seq": 1, "kind": "do", "label": "edit_lead",
               "changes": [["leads", 2, None, {**doc, "name": "李娜", "project": "徐州东站土方"}]]}
    db_path.with_name(db_path.name + ".journal").write_bytes(encode(journal))
    with LeadStore.open(db_path, clock=clock, read_only=True) as old:
        for lead_id in (1, 2):
            assert old.lead(lead_id).has_project
            assert old.leads_field(lead_id, "has_project") is True
        found = search(SearchIndex(old), parse_query("project:yes"), 10)
        assert sorted(hit.lead_id for hit in found.hits) == [1, 2]
