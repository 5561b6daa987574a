"""Opening a large file within a few times its size on disk: a sealed file is
read a piece at a time and its records kept packed, and what the store then
holds is what a whole read gives."""

from __future__ import annotations

import tracemalloc

import pytest

from store import pieces, seal
from store.demo import write_demo
from store.leadstore import LeadStore
from store.migrations import SCHEMA_VERSION
from store.storage import SnapshotStorage, decode


@pytest.fixture
def demo_file(tmp_path, clock):
    path = tmp_path / "leads.json"
    with LeadStore.open(path, clock=clock) as store:
        write_demo(store, 600, seed=3)
    return path


@pytest.mark.parametrize("piece", [pieces.PIECE, 256])  # 256: many seams in every table
def test_a_sealed_file_read_in_pieces_holds_what_a_whole_read_holds(
        demo_file, clock, monkeypatch, piece):
    monkeypatch.setattr(pieces, "PIECE", piece)
    store = LeadStore.open(demo_file, clock=clock, read_only=True)
    whole, sealed = decode(demo_file, demo_file.read_bytes())
    assert sealed and len(store.leads) == 600
    for name in store.table_names:
        stored = {str(obj_id): doc for obj_id, doc in store.table_docs(name)}
        assert stored == whole[name], name
        assert list(stored) == sorted(whole[name], key=int), name


def test_a_file_that_does_not_read_in_pieces_is_read_whole(tmp_path, monkeypatch):
    path = tmp_path / "leads.json"
    data = {"leads": {str(i): {"name": f"lead {i}", "x": {"7": {"a": i}, "8": {}}}
                      for i in range(1, 200)}, "meta": {"1": {"schema": SCHEMA_VERSION}}}
    path.write_bytes(seal.seal(data))
    monkeypatch.setattr(pieces, "PIECE", 16)
    storage = SnapshotStorage(path, lambda _name, docs: {}, ("leads",))
    assert storage.read() == data and not storage.taken
    path.write_bytes(seal.seal({"leads": {"1": {"name": "one"}}, "meta": data["meta"]}))
    storage = SnapshotStorage(path, lambda _name, docs: {"9": docs}, ("leads",))
    assert storage.read()["leads"] == {"9": {"1": {"name": "one"}}} and storage.taken


def test_opening_holds_at_most_four_times_the_file(tmp_path, clock):
    path = tmp_path / "leads.json"
    with LeadStore.open(path, clock=clock) as store:
        write_demo(store, 6000, seed=5)
    LeadStore.open(path, clock=clock, read_only=True)  # what a first open sets up once
    size = path.stat().st_size
    tracemalloc.start()
    try:
        store = LeadStore.open(path, clock=clock, read_only=True)
        _now, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(store.leads) == 6000
    assert peak <= 4 * size, f"{peak / size:.1f}× the file"
