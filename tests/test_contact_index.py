"""A file opens with each lead's next planned contact alone: its contacts are
packed, and indexed by lead and by time, later (at their first question, or
behind the board once it is painted), and answer as if they had been there
all along."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime, timedelta
from pathlib import Path

import orjson
import pytest

from store import seal
from store.demo import write_demo
from store.errors import UnreadableFile
from store.leadstore import LeadStore
from store.model import ContactStatus, Method, Purpose
from tests.conftest import Clock
from tui.cli import board_app

@pytest.fixture
def demo(db_path: Path, clock: Clock) -> Path:
    store = LeadStore.open(db_path, clock=clock)
    write_demo(store, 200, seed=3)
    store.close()
    return db_path


def _answers(store: LeadStore) -> tuple:
    """What the indexes answer, and the same worked out from every contact."""
    now = store.now()
    past, future = now - timedelta(days=36500), now + timedelta(days=36500)
    asked = ({lead_id: [c.id for c in store.contacts_of(lead_id)] for lead_id in store.leads},
             store.contacts_between(past, future), store.planned_before(now),
             store.planned_between(now, future),
             {lead_id: store.next_contact(lead_id) for lead_id in store.leads})
    contacts = sorted(store.contacts.values(), key=lambda c: (c.at, c.id))
    planned = [c for c in contacts if c.status is ContactStatus.PLANNED]
    soonest: dict[int, datetime] = {}
    for contact in reversed(planned):
        soonest[contact.lead_id] = contact.at
    worked_out = ({lead_id: [c.id for c in contacts if c.lead_id == lead_id]
                   for lead_id in store.leads},
                  [c.id for c in contacts], [c.id for c in planned if c.at < now],
                  [c.id for c in planned if now <= c.at],
                  {lead_id: soonest.get(lead_id) for lead_id in store.leads})
    return asked, worked_out


def _built(store: LeadStore) -> bool:
    return store._contact_index is not None  # noqa: SLF001 (what the test is about)


def _wait_until_built(store: LeadStore) -> None:
    give_up = time.monotonic() + 10
    while not _built(store) and time.monotonic() < give_up:
        time.sleep(0.01)


@pytest.mark.parametrize("later", [False, True])
def test_a_file_opens_without_its_contacts_by_lead_and_time(demo: Path, clock: Clock,
                                                            later: bool) -> None:
    with LeadStore.open(demo, clock=clock, contacts_later=later) as store:
        assert len(store.contacts) > 200
        assert not _built(store)
        assert any(store.next_contact(lead_id) for lead_id in store.leads)
        asked, worked_out = _answers(store)  # built at the first question
        assert _built(store)
        assert asked == worked_out


@pytest.mark.parametrize("later", [False, True])
def test_contacts_indexed_behind_answer_the_same(demo: Path, clock: Clock, later: bool) -> None:
    with LeadStore.open(demo, clock=clock, contacts_later=later) as store:
        store.warm_contacts()
        _wait_until_built(store)
        assert _built(store)
        assert not _waiting(store)
        asked, worked_out = _answers(store)
        assert asked == worked_out


@pytest.mark.parametrize("later", [False, True])
def test_a_contact_planned_while_they_are_built_is_indexed_once(demo: Path,
                                                               clock: Clock, later: bool) -> None:
    with LeadStore.open(demo, clock=clock, contacts_later=later) as store:
        lead_id = next(iter(store.leads))
        store.warm_contacts()
        planned = store.schedule_contact(lead_id, store.now() + timedelta(hours=1),
                                         method=Method.PHONE, purpose=Purpose.SELL)
        _wait_until_built(store)
        store.warm_contacts()  # built already: nothing more
        asked, worked_out = _answers(store)
        assert asked == worked_out
        assert asked[1].count(planned.id) == 1
        assert store.next_contact(lead_id) <= planned.at


async def test_the_board_builds_them_once_it_is_painted(demo: Path, clock: Clock) -> None:
    app = board_app(demo, "en", clock=clock)
    store = app.store
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.pause()
        give_up = time.monotonic() + 10
        while not _built(store) and time.monotonic() < give_up:
            await asyncio.sleep(0.05)
        assert _built(store)
        assert not _waiting(store)
        asked, worked_out = _answers(store)
        assert asked == worked_out


def _waiting(store: LeadStore) -> bool:
    """Whether the contacts are still to be packed (see LATER in the file backend)."""
    return store.contacts._later is not None  # noqa: SLF001 (what the test is about)


def test_the_board_opens_a_sealed_file_with_its_contacts_packed_later(demo: Path,
                                                                    clock: Clock) -> None:
    on_disk = orjson.loads(demo.read_bytes())["contacts"]
    with LeadStore.open(demo, clock=clock) as store:
        assert not _waiting(store)  # a command reads them as it opens
    with LeadStore.open(demo, clock=clock, contacts_later=True) as store:
        assert _waiting(store)
        # What opening and the board ask of them is answered meanwhile.
        assert len(store.contacts) == len(on_disk)
        assert sorted(store.contacts) == sorted(map(int, on_disk))
        assert _waiting(store)
        contact_id = int(next(iter(on_disk)))
        assert store.contacts[contact_id].lead_id == on_disk[str(contact_id)]["lead_id"]
        assert not _waiting(store)
        asked, worked_out = _answers(store)
        assert asked == worked_out


def test_contacts_never_packed_are_written_back_as_they_were(demo: Path, clock: Clock) -> None:
    before = orjson.loads(demo.read_bytes())["contacts"]
    with LeadStore.open(demo, clock=clock, contacts_later=True) as store:
        store.add_lead("赵六")  # a change: the file is written again at close
        assert _waiting(store)
    assert orjson.loads(demo.read_bytes())["contacts"] == before


@pytest.mark.parametrize("damage", ["no lead", "not an object"])
def test_a_sealed_file_with_a_damaged_contact_is_refused_at_open(demo: Path, clock: Clock,
                                                               damage: str) -> None:
    data = orjson.loads(demo.read_bytes())
    contact_id = next(iter(data["contacts"]))
    if damage == "no lead":
        data["contacts"][contact_id]["lead_id"] = 999_999
    else:
        data["contacts"][contact_id] = ["a", "list"]
    demo.write_bytes(seal.seal(data))
    written = demo.read_bytes()
    with pytest.raises(UnreadableFile) as raised:
        LeadStore.open(demo, clock=clock, contacts_later=True)
    assert "\n" not in str(raised.value)
    assert demo.read_bytes() == written


def test_contacts_packed_later_come_from_the_file_read_not_one_put_in_its_place(
        demo: Path, clock: Clock) -> None:
    on_disk = orjson.loads(demo.read_bytes())["contacts"]
    with LeadStore.open(demo, clock=clock, read_only=True, contacts_later=True) as store:
        replaced = demo.with_name("other.json")
        replaced.write_bytes(seal.seal({**orjson.loads(demo.read_bytes()), "contacts": {}}))
        replaced.replace(demo)  # as another rep's fold replaces it
        assert _waiting(store)
        assert sorted(store.contacts) == sorted(map(int, on_disk))
        contact_id = int(next(iter(on_disk)))
        assert store.contacts[contact_id].lead_id == on_disk[str(contact_id)]["lead_id"]


def test_contacts_changed_in_the_file_before_they_are_packed_are_refused(
        demo: Path, clock: Clock) -> None:
    with LeadStore.open(demo, clock=clock, read_only=True, contacts_later=True) as store:
        raw = demo.read_bytes()
        at = raw.index(b'"contacts":{') + 20
        with open(demo, "r+b") as file:  # in place: the same file, other bytes
            file.seek(at)
            file.write(b"x" if raw[at:at + 1] != b"x" else b"y")
        with pytest.raises(UnreadableFile) as raised:
            store.contacts[next(iter(store.contacts))]
        assert raised.value.reason == "checksum"
        assert "\n" not in str(raised.value)
