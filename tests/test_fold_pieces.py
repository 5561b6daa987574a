"""A fold writes the new snapshot a piece at a time: the same file as the
whole state sealed at once, with a fraction of the memory."""

import tracemalloc

import orjson

from store import seal
from store.demo import write_demo
from store.leadstore import LeadStore

LEADS = 2000


def test_the_file_is_the_state_sealed_as_one_and_reads_back(store, seeded, db_path, clock):
    store.edit_lead(seeded["张伟"], notes="折叠后还在")
    store.close()
    raw = db_path.read_bytes()
    assert seal.verify(raw) is not None  # the checksum matches the bytes
    tables = orjson.loads(raw)
    del tables[seal.TABLE]
    assert seal.seal(tables) == raw  # byte for byte what sealing it whole gives
    assert list(tables)[-1] == "meta" and tables["meta"]["1"]["sealed"] is True
    with LeadStore.open(db_path, clock=clock) as again:
        assert again.lead(seeded["张伟"]).notes == "折叠后还在"


def test_a_store_with_no_records_folds_to_a_file_that_reads(tmp_path, clock):
    path = tmp_path / "empty.json"
    with LeadStore.open(path, clock=clock):
        pass
    raw = path.read_bytes()
    assert seal.verify(raw) is not None
    with LeadStore.open(path, clock=clock) as again:
        assert not again.leads


def test_a_fold_holds_far_less_than_the_file_at_once(tmp_path, clock, monkeypatch):
    # Every document made a dict at once, and the file's bytes beside them,
    # were more than twice the file at their highest. (Pieces as small here,
    # against this small file, as a piece is against 100k leads.)
    import store.backends.file as file_backend

    monkeypatch.setattr(file_backend, "PIECE", 100)
    path = tmp_path / "demo.json"
    with LeadStore.open(path, clock=clock) as store:
        write_demo(store, LEADS, seed=7)
    size = path.stat().st_size
    with LeadStore.open(path, clock=clock) as store:
        store.edit_lead(next(iter(store.leads)), notes="a change to fold")
        fold = store.begin_fold()
        tracemalloc.start()
        try:
            fold.write()
            _now, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        store.finish_fold(fold)
    assert peak < size / 2, (peak, size)


def test_closing_folds_the_tables_as_they_are_not_copies(store, seeded, db_path, clock,
                                                         monkeypatch):
    # A fold in the background copies the tables, as changes go on beside
    # it; one at close has nothing beside it, and copies were tens of
    # megabytes at 100k leads, at the highest point of a session.
    from store.table import LazyTable

    def copied(_table):
        raise AssertionError("a table copied to be folded at close")

    store.edit_lead(seeded["王强"], notes="关闭时写入")
    monkeypatch.setattr(LazyTable, "snapshot", copied)
    store.close()
    monkeypatch.undo()
    with LeadStore.open(db_path, clock=clock) as again:
        assert again.lead(seeded["王强"]).notes == "关闭时写入"
    assert db_path.with_name(db_path.name + ".journal").stat().st_size == 0
