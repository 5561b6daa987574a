"""Changes made durable just after the screen shows them (triage decisions):
on disk once synced or closed, and taken back, from file and memory, when
the disk refuses."""

from __future__ import annotations

import errno
import os
import time

import pytest

from store.errors import SaveFailed
from store.leadstore import LeadStore
from store.session import decide_quadrant
from tui.app import LeadboardApp
from tui.screens.session import SessionScreen

SIZE = (130, 40)


def journal_of(db_path):
    return db_path.with_name(db_path.name + ".journal")


def refuse_fsync(monkeypatch):
    def refused(fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", refused)


def grades(store, lead_id):
    lead = store.lead(lead_id)
    return lead.intent, lead.funding


def test_a_change_written_later_is_on_disk_once_synced(store, seeded, db_path):
    lead = store.lead(seeded["张伟"])
    with store.sync_later():
        decide_quadrant(store, lead, 4)
    assert store.unsynced == 1 and grades(store, lead.id) == (2, 2)  # applied at once
    assert b'"triage"' not in journal_of(db_path).read_bytes()  # written by sync alone
    store.sync()
    assert store.unsynced == 0
    assert b'"triage"' in journal_of(db_path).read_bytes()
    store.close()
    with LeadStore.open(db_path) as again:
        assert grades(again, lead.id) == (2, 2)


def test_closing_makes_what_was_written_later_durable(store, seeded, db_path):
    lead = store.lead(seeded["张伟"])
    with store.sync_later():
        decide_quadrant(store, lead, 3)
    store.close(fold=False)
    with LeadStore.open(db_path) as again:
        assert grades(again, lead.id) == (2, 5)


def test_a_usual_change_makes_the_earlier_ones_durable_too(store, seeded):
    with store.sync_later():
        decide_quadrant(store, store.lead(seeded["张伟"]), 4)
    store.edit_lead(seeded["李娜"], notes="called back")
    assert store.unsynced == 0
    store.close(fold=False)
    with LeadStore.open(store.path) as again:
        assert grades(again, seeded["张伟"]) == (2, 2)
        assert again.lead(seeded["李娜"]).notes == "called back"


def test_a_usual_change_the_disk_refuses_leaves_the_earlier_ones_to_sync(store, seeded,
                                                                        monkeypatch):
    with store.sync_later():
        decide_quadrant(store, store.lead(seeded["张伟"]), 4)
    journal = journal_of(store.path).read_bytes()
    refuse_fsync(monkeypatch)
    with pytest.raises(SaveFailed):
        store.edit_lead(seeded["李娜"], notes="called back")
    assert store.lead(seeded["李娜"]).notes == "" and store.unsynced == 1
    assert journal_of(store.path).read_bytes() == journal  # nothing half written
    monkeypatch.undo()
    store.sync()
    store.close(fold=False)
    with LeadStore.open(store.path) as again:
        assert grades(again, seeded["张伟"]) == (2, 2)
        assert again.lead(seeded["李娜"]).notes == ""


def test_a_refused_sync_takes_the_changes_back_from_file_and_memory(store, seeded, db_path,
                                                                    monkeypatch):
    before_bytes = journal_of(db_path).read_bytes()
    undo_depth, undo_label = store.undo_depth, store.undo_label
    first, second = seeded["张伟"], seeded["李娜"]
    before = grades(store, first), grades(store, second)
    with store.sync_later():
        decide_quadrant(store, store.lead(first), 4)
        decide_quadrant(store, store.lead(second), 4)
    refuse_fsync(monkeypatch)
    with pytest.raises(SaveFailed) as failed:
        store.sync()
    assert failed.value.taken_back == 2
    assert (grades(store, first), grades(store, second)) == before
    assert (store.undo_depth, store.undo_label) == (undo_depth, undo_label)
    assert journal_of(db_path).read_bytes() == before_bytes
    monkeypatch.undo()
    store.edit_lead(first, notes="still writable")  # the journal goes on from there
    store.close()
    with LeadStore.open(db_path) as again:
        assert (grades(again, first), grades(again, second)) == before
        assert again.lead(first).notes == "still writable"


# ---------------------------------------------------------------- in a session
async def start_session(pilot) -> SessionScreen:
    await pilot.press("t", "enter")
    screen = pilot.app.screen
    assert isinstance(screen, SessionScreen)
    return screen


def note_session_frames(app, store) -> list[tuple[str, str, int]]:
    """Each frame the session handed to the terminal: the lead it showed,
    the line below, and how many changes still waited for the disk."""
    frames: list[tuple[str, str, int]] = []
    display = app._display

    def noting(screen, update):
        display(screen, update)
        if update is not None and isinstance(screen, SessionScreen):
            message = str(screen.query_one("#session-message").render())
            frames.append((store.lead(screen.session.lead_id).name, message, store.unsynced))

    app._display = noting
    return frames


async def test_a_decision_on_a_quick_disk_shows_the_next_lead_saved_in_one_frame(
        store, seeded, db_path):
    app = LeadboardApp(store, "en")
    frames = note_session_frames(app, store)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_session(pilot)
        first = store.lead(screen.session.lead_id).name
        frames.clear()
        await pilot.press("4")
        await pilot.pause()
        # The journal's write took a fraction of a frame: the first frame
        # that shows the next lead says the decision is saved, on disk by then.
        shown, message, unsynced = frames[0]
        assert shown == store.lead(screen.session.lead_id).name != first
        assert unsynced == 0 and first in message and message.endswith("✓ saved")
        assert all(unsynced == 0 for _shown, _message, unsynced in frames)
    assert b'"triage"' in journal_of(db_path).read_bytes()


async def test_a_decision_on_a_slow_disk_shows_the_next_lead_then_says_it_is_saved(
        store, seeded, db_path, monkeypatch):
    app = LeadboardApp(store, "en")
    frames = note_session_frames(app, store)
    slow_fsync(monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_session(pilot)
        await pilot.press("4")  # the session learns that the disk is slow
        await pilot.pause()
        first = screen.session.lead_id
        frames.clear()
        await pilot.press("4")
        await pilot.pause()
        assert screen.session.lead_id != first
        # The next lead was painted before the decision was on disk, and
        # that frame said nothing of saving; once it is there, the line does.
        nxt, message, unsynced = frames[0]
        assert nxt == store.lead(screen.session.lead_id).name
        assert unsynced == 1 and "✓ saved" not in message
        assert store.unsynced == 0
        message = str(screen.query_one("#session-message").render())
        assert message.endswith("✓ saved") and store.lead(first).name in message
        assert frames[-1] == (nxt, message, 0)
        assert journal_of(db_path).read_bytes().count(b'"triage"') >= 2


def as_it_stands(screen, store, db_path) -> tuple[int, tuple, bytes]:
    """The lead shown, its grades, and the journal's bytes."""
    first = screen.session.lead_id
    return first, grades(store, first), journal_of(db_path).read_bytes()


def assert_undecided(screen, store, db_path, was: tuple[int, tuple, bytes], reason: str) -> None:
    """Back at the lead, with the reason, and nothing of the decision kept."""
    first, before, journal = was
    assert screen.session.lead_id == first  # back at the lead, to decide again
    assert f"Not saved: {reason}" in str(screen.query_one("#session-message").render())
    assert grades(store, first) == before and store.unsynced == 0
    assert journal_of(db_path).read_bytes() == journal


async def test_a_decision_the_disk_refuses_is_taken_back(store, seeded, db_path, monkeypatch):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_session(pilot)
        was = as_it_stands(screen, store, db_path)
        first = was[0]
        refuse_fsync(monkeypatch)
        await pilot.press("4")
        await pilot.pause()
        assert_undecided(screen, store, db_path, was, "Input/output error")
        assert screen.session.counts()["q4"] == 0
        monkeypatch.undo()
        await pilot.press("4")  # the retry works
        await pilot.pause()
        assert screen.session.lead_id != first
        assert screen.session.counts()["q4"] == 1
        assert grades(store, first)[0] <= 2


async def test_decisions_typed_ahead_are_all_saved(store, seeded, db_path):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_session(pilot)
        decided = screen.session.queue.lead_ids[:3]
        await pilot.press("1", "2", "3")
        await pilot.pause()
        assert store.unsynced == 0
        assert str(screen.query_one("#session-message").render()).endswith("✓ saved")
    store.close()
    with LeadStore.open(db_path) as again:
        assert all(again.lead(lead_id).reviewed is not None for lead_id in decided)


async def test_a_decision_that_cannot_be_written_stays_on_its_lead(store, seeded, db_path,
                                                                  monkeypatch):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_session(pilot)
        was = as_it_stands(screen, store, db_path)
        real_write = os.write

        def full(fd, data):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "write", full)
        await pilot.press("4")
        monkeypatch.setattr(os, "write", real_write)
        await pilot.pause()
        assert_undecided(screen, store, db_path, was, "No space left on device")


# ---------------------------------------------------------------- the board
def status_of(app) -> str:
    return app.screen.query_one("#status").text


def q4_ids(app) -> list[int]:
    rows = app.screen.board.lead_list(4).rows
    return [rows[i].lead_id for i in range(len(rows))]


def note_frames(app, store, moved: int) -> list[tuple[bool, str, int]]:
    """Each frame handed to the terminal: ``moved`` in Q4, the status line,
    changes not on disk."""
    frames: list[tuple[bool, str, int]] = []
    display = app._display

    def noting(screen, update):
        display(screen, update)
        if update is not None:
            frames.append((moved in q4_ids(app), status_of(app), store.unsynced))

    app._display = noting
    return frames


def slow_fsync(monkeypatch, seconds: float = 0.02) -> None:
    fsync = os.fsync

    def slow(fd):
        time.sleep(seconds)
        fsync(fd)

    monkeypatch.setattr(os, "fsync", slow)


async def test_a_move_on_a_quick_disk_is_painted_saved_in_one_frame(store, seeded, db_path,
                                                                    clock):
    app = LeadboardApp(store, "en")
    moved = seeded["张伟"]
    frames = note_frames(app, store, moved)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        frames.clear()
        await pilot.press("4")
        await pilot.pause()
        # The journal's write took a fraction of a frame: the one frame that
        # shows the move says it is saved, and it is on disk by then.
        in_q4, status, unsynced = frames[0]
        assert in_q4 and unsynced == 0 and status.endswith("✓ saved")
        assert all(unsynced == 0 for _in_q4, _status, unsynced in frames)
    store.close()
    with LeadStore.open(db_path, clock=clock) as again:
        assert grades(again, moved) == (2, 2)


async def test_a_move_on_a_slow_disk_is_painted_first_then_saved_and_said_so(
        store, seeded, db_path, clock, monkeypatch):
    app = LeadboardApp(store, "en")
    moved = seeded["王强"]
    frames = note_frames(app, store, moved)
    slow_fsync(monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")  # 张伟: the board learns that the disk is slow
        await pilot.pause()
        assert app.focused.lead_id == moved
        frames.clear()
        await pilot.press("4")
        await pilot.pause()
        in_q4, status, unsynced = frames[0]
        # The first frame shows the move, before the disk has it, and says
        # nothing of saving; once it is on disk, the status line says so.
        assert in_q4 and unsynced == 1 and "✓ saved" not in status
        assert store.unsynced == 0 and status_of(app).endswith("✓ saved")
        assert frames[-1] == (True, status_of(app), 0)
        await pilot.press("l", "plus")  # a grade step (李娜's): made durable the same way
        await pilot.pause()
        assert store.unsynced == 0 and status_of(app).endswith("✓ saved")
    store.close()
    with LeadStore.open(db_path, clock=clock) as again:
        assert grades(again, moved) == (2, 2)
        assert grades(again, seeded["李娜"]) == (5, 1)


async def test_a_move_the_disk_refuses_is_taken_back_from_the_board(store, seeded, db_path,
                                                                    monkeypatch):
    app = LeadboardApp(store, "en")
    lead_id = seeded["张伟"]
    async with app.run_test(size=SIZE) as pilot:
        journal = journal_of(db_path).read_bytes()
        refuse_fsync(monkeypatch)
        await pilot.press("4")
        await pilot.pause()
        # Back where it was, on the board, in memory and on disk, with the reason.
        assert lead_id not in q4_ids(app)
        assert app.focused.place == 1 and app.focused.active_list.rows[0].lead_id == lead_id
        assert grades(store, lead_id) == (5, 5) and store.unsynced == 0
        assert journal_of(db_path).read_bytes() == journal
        assert "Not saved: Input/output error" in status_of(app)
        assert "Q1 Win first · 2" in str(app.screen.board.pane(1).query_one(".place-title")
                                         .render())
        monkeypatch.undo()
        await pilot.press("4")  # the retry works
        await pilot.pause()
        assert lead_id in q4_ids(app) and grades(store, lead_id) == (2, 2)
        assert status_of(app).endswith("✓ saved")
