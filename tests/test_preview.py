"""The board's preview beside a large file: written at close, trusted only
while it still describes the files, and in the board's order as time passes."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from store import preview
from store.board import PLACES, BoardIndex
from store.demo import write_demo
from store.leadstore import LeadStore
from store.preview import close_with_preview, preview_path, read_preview
from tests.conftest import Clock


@pytest.fixture(autouse=True)
def small_previews(monkeypatch: pytest.MonkeyPatch) -> None:
    # The rules at a size a test can afford: a preview from 50 leads, 4 rows
    # per place and kind, so that which rows it keeps matters.
    monkeypatch.setattr(preview, "PREVIEW_FROM", 50)
    monkeypatch.setattr(preview, "ROWS", 4)


def demo_file(db_path: Path, clock: Clock, count: int = 400) -> Path:
    store = LeadStore.open(db_path, clock=clock)
    write_demo(store, count, seed=11)
    close_with_preview(store)
    return db_path


def first_rows(db_path: Path, clock: Clock) -> dict[int, list[int]]:
    """What the board itself shows first, worked out from the whole file."""
    store = LeadStore.open(db_path, clock=clock, read_only=True)
    board = BoardIndex(store, clock())
    return {place: board.places[place][:preview.ROWS] for place in PLACES}


def preview_rows(db_path: Path, clock: Clock) -> dict[int, list[int]]:
    found = read_preview(db_path, clock())
    assert found is not None
    return {place: [lead.lead_id for lead in found.rows(place, clock())] for place in PLACES}


def test_a_large_board_leaves_an_owner_only_preview_that_shows_its_first_rows(
        db_path: Path, clock: Clock) -> None:
    demo_file(db_path, clock)
    path = preview_path(db_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # customers' names
    assert preview_rows(db_path, clock) == first_rows(db_path, clock)
    found = read_preview(db_path, clock())
    store = LeadStore.open(db_path, clock=clock, read_only=True)
    board = BoardIndex(store, clock())
    assert found.lead_count == len(store.leads) == 400
    assert found.counts == {place: len(board.places[place]) for place in PLACES}
    shown = next(lead for lead in found.rows(1, clock()))
    lead = store.lead(shown.lead_id)
    assert (shown.name, shown.company, shown.region) == (lead.name, lead.company, lead.region)
    assert shown.next_contact == store.next_contact(lead.id)


@pytest.mark.parametrize("later", [
    timedelta(hours=1), timedelta(hours=5), timedelta(days=1), timedelta(days=1, hours=9),
    timedelta(days=2, hours=13), timedelta(days=2, hours=23),
])
def test_as_contacts_fall_due_the_preview_orders_them_as_the_board_does(
        db_path: Path, clock: Clock, later: timedelta) -> None:
    demo_file(db_path, clock)
    clock.advance(seconds=later.total_seconds())
    assert preview_rows(db_path, clock) == first_rows(db_path, clock)


def test_a_preview_too_old_to_be_sure_of_is_set_aside(db_path: Path, clock: Clock) -> None:
    demo_file(db_path, clock)
    clock.advance(seconds=preview.VALID_FOR.total_seconds())
    assert read_preview(db_path, clock()) is None


def test_a_change_made_since_sets_the_preview_aside(db_path: Path, clock: Clock) -> None:
    demo_file(db_path, clock)
    store = LeadStore.open(db_path, clock=clock)
    store.add_lead("新来的")  # journaled: the journal no longer matches
    assert read_preview(db_path, clock()) is None
    store.close(fold=False)
    assert read_preview(db_path, clock()) is None


def test_a_file_replaced_since_sets_the_preview_aside(db_path: Path, clock: Clock) -> None:
    demo_file(db_path, clock)
    data = db_path.read_bytes()
    db_path.unlink()
    db_path.write_bytes(data)  # the same bytes, as a restore or a copy leaves them
    assert read_preview(db_path, clock()) is None


@pytest.mark.parametrize("content", [b"", b"{not json", b'{"format": 99}', b"[1, 2]"])
def test_a_damaged_preview_is_only_set_aside(db_path: Path, clock: Clock, content: bytes) -> None:
    demo_file(db_path, clock)
    preview_path(db_path).write_bytes(content)
    assert read_preview(db_path, clock()) is None
    assert LeadStore.open(db_path, clock=clock, read_only=True).leads  # the data is fine


def test_a_small_board_keeps_no_preview(db_path: Path, clock: Clock) -> None:
    demo_file(db_path, clock)
    store = LeadStore.open(db_path, clock=clock)
    for lead_id in list(store.leads)[:360]:
        store.delete_lead(lead_id)
    close_with_preview(store)
    assert not preview_path(db_path).exists()  # the old one, with its names, is gone


def test_a_read_only_store_writes_no_preview(db_path: Path, clock: Clock) -> None:
    store = LeadStore.open(db_path, clock=clock)
    write_demo(store, 100, seed=3)
    store.close()
    before = sorted(os.listdir(db_path.parent))
    close_with_preview(LeadStore.open(db_path, clock=clock, read_only=True))
    assert sorted(os.listdir(db_path.parent)) == before
