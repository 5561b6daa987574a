"""Damage stays where it is: writers refuse it, backups keep the good
snapshots, ``check`` and ``restore`` see the same file the store does."""

import random
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from textual import events

from store.backups import list_backups
from store.check import check_file
from store.errors import UnreadableFile
from store.leadstore import LeadStore
import tui.app
from tui.app import LeadboardApp
from tui.cli import EXIT_CRASH, EXIT_OK, EXIT_UNREADABLE, main, run_board

FIXTURES = Path(__file__).parent / "fixtures"


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by its path, with its bytes."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith(".lock")}


@pytest.fixture
def kept(db_path, clock) -> Path:
    """A data file with three leads and two backups, closed."""
    for name in ("张伟", "王强", "李娜"):
        with LeadStore.open(db_path, clock=clock) as store:
            store.add_lead(name, intent=3, funding=3)
    return db_path


def test_a_renamed_field_is_refused_by_every_writer_and_never_reaches_the_backups(
        kept, tmp_path, capsys):
    kept.write_bytes(kept.read_bytes().replace(b'"updated"', b'"urdated"', 1))
    csv_file = tmp_path / "new.csv"
    csv_file.write_text("姓名,电话\n赵六,13812345678\n", encoding="utf-8")
    before = folder_state(tmp_path)
    for _run in range(2):
        assert main(["check", "--db", str(kept)]) == EXIT_UNREADABLE
        assert main(["import", str(csv_file), "--db", str(kept)]) == EXIT_UNREADABLE
        assert main(["settings", "--threshold", "4", "--db", str(kept)]) == EXIT_UNREADABLE
    assert folder_state(tmp_path) == before
    capsys.readouterr()
    assert main(["restore", "--db", str(kept)]) == EXIT_OK
    assert check_file(kept).ok


def test_an_old_file_without_a_checksum_is_still_refused_for_a_damaged_record(tmp_path):
    path = tmp_path / "old.json"
    path.write_bytes((FIXTURES / "schema-1.json").read_bytes().replace(
        b'"updated"', b'"urdated"', 1))
    with pytest.raises(UnreadableFile):
        LeadStore.open(path)
    assert not check_file(path).ok


def test_an_old_file_gets_its_checksum_at_the_next_write(tmp_path, clock):
    path = tmp_path / "old.json"
    shutil.copy(FIXTURES / "schema-1.json", path)
    with LeadStore.open(path, clock=clock) as store:
        store.add_lead("王强")
    assert b'"checksum":{"1":{"crc32":"' in path.read_bytes()
    assert check_file(path).ok


def test_every_single_bit_flip_of_the_snapshot_is_found(kept):
    good = kept.read_bytes()
    rng = random.Random(7)
    for _flip in range(40):
        at = rng.randrange(len(good))
        damaged = bytearray(good)
        damaged[at] ^= 1 << rng.randrange(8)
        kept.write_bytes(bytes(damaged))
        assert not check_file(kept).ok, at
        with pytest.raises(UnreadableFile):
            LeadStore.open(kept).close()


class Breaks(LeadboardApp):
    """The board with a fault of its own on the first key (a test stand-in
    for a bug), run without a terminal."""

    CSS_PATH = Path(tui.app.__file__).with_name(LeadboardApp.CSS_PATH)

    def on_key(self, event) -> None:
        raise RuntimeError("a fault of the app's own")

    def run(self, **options):
        async def press() -> None:
            self.call_later(lambda: self.post_message(events.Key("x", "x")))
        self.call_later(press)
        return super().run(headless=True, size=(100, 30), **options)


def test_a_crash_of_the_board_exits_non_zero_with_one_line_and_a_log(store, db_path, capsys):
    store.add_lead("张伟")
    assert run_board(Breaks(store, "en"), db_path) == EXIT_CRASH
    err = capsys.readouterr().err
    log = Path(f"{db_path}.error.log")
    assert err.count("\n") == 1 and str(log) in err and "Traceback" not in err
    assert "a fault of the app's own" in log.read_text()
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    with LeadStore.open(db_path) as again:
        assert [lead.name for lead in again.leads.values()] == ["张伟"]


@pytest.mark.parametrize("meta", [b'{"schema":2,"seq":"x"}', b'{"schema":2,"undo":5}',
                                  b'{"schema":2,"undo":[{"label":1}]}', b'{"schema":2,"seq":true}'])
def test_bad_meta_values_are_one_line_from_every_command_and_restore_still_works(
        kept, tmp_path, capsys, meta):
    kept.write_bytes(b'{"meta":{"1":%s},"leads":{}}' % meta)
    csv_file = tmp_path / "new.csv"
    csv_file.write_text("姓名\n赵六\n", encoding="utf-8")
    for args in (["check"], ["search", "张"], ["import", str(csv_file)], ["sessions"]):
        assert main([*args, "--db", str(kept)]) == EXIT_UNREADABLE, args
    assert "Traceback" not in capsys.readouterr().err
    assert main(["restore", "--db", str(kept)]) == EXIT_OK
    with LeadStore.open(kept) as store:
        assert len(store.leads) == 2


# ---------------------------------------------------------------- the journal
@pytest.fixture
def journalled(db_path, clock) -> Path:
    """A folded snapshot of three leads and a journal of four more, as left
    by a writer that was killed (no fold at close)."""
    store = LeadStore.open(db_path, clock=clock)
    for name in ("张伟", "王强", "李娜"):
        store.add_lead(name)
    store.compact()
    for name in ("刘洋", "陈静", "曾国", "赵六"):
        store.add_lead(name)
    store._release()
    return db_path


def journal_of(path: Path) -> Path:
    return Path(f"{path}.journal")


def test_an_empty_line_in_the_journal_stops_writers_and_restore_keeps_every_change(
        journalled, capsys):
    lines = journal_of(journalled).read_bytes().splitlines(keepends=True)
    journal_of(journalled).write_bytes(b"".join(lines[:2] + [b"\n"] + lines[2:]))
    snapshot, damaged = journalled.read_bytes(), journal_of(journalled).read_bytes()
    assert main(["settings", "--threshold", "4", "--db", str(journalled)]) == EXIT_UNREADABLE
    assert (journalled.read_bytes(), journal_of(journalled).read_bytes()) == (snapshot, damaged)
    capsys.readouterr()
    assert main(["restore", "--db", str(journalled)]) == EXIT_OK
    assert "with the 4 change(s) its journal still held" in capsys.readouterr().out
    assert any(p.read_bytes() == damaged for p in journalled.parent.glob("*.journal.damaged-*"))
    with LeadStore.open(journalled) as store:
        assert len(store.leads) == 7


@pytest.mark.parametrize("command", [["settings", "--threshold", "3"], ["import", "{csv}"]])
def test_a_garbage_journal_is_refused_by_writers_as_by_check(journalled, tmp_path, command):
    journal_of(journalled).write_bytes(b"garbage\n" * 3)
    csv_file = tmp_path / "new.csv"
    csv_file.write_text("姓名\n赵六\n", encoding="utf-8")
    args = [arg.format(csv=csv_file) for arg in command]
    assert main(["check", "--db", str(journalled)]) == EXIT_UNREADABLE
    assert main([*args, "--db", str(journalled)]) == EXIT_UNREADABLE
    assert journal_of(journalled).read_bytes() == b"garbage\n" * 3


def test_a_flipped_byte_in_a_whole_last_line_is_damage_not_a_torn_write(journalled, capsys):
    data = bytearray(journal_of(journalled).read_bytes())
    data[-20] ^= 0x04  # inside the last line, which keeps its newline
    journal_of(journalled).write_bytes(bytes(data))
    assert main(["check", "--db", str(journalled)]) == EXIT_UNREADABLE
    assert "nothing confirmed is lost" not in capsys.readouterr().out
    with pytest.raises(UnreadableFile):
        LeadStore.open(journalled)
    assert journal_of(journalled).read_bytes() == bytes(data)


def test_a_letter_of_a_journal_lines_checksum_changed_in_case_is_damage(journalled):
    """A flipped bit can turn ``a`` into ``A``: the same number, not the same bytes."""
    lines = journal_of(journalled).read_bytes().splitlines(keepends=True)
    first = lines[0]
    at = next(i for i in range(8) if first[i:i + 1].isalpha())
    lines[0] = first[:at] + first[at:at + 1].upper() + first[at + 1:]
    journal_of(journalled).write_bytes(b"".join(lines))
    assert not check_file(journalled).ok
    with pytest.raises(UnreadableFile):
        LeadStore.open(journalled)


def test_a_whole_last_line_whose_newline_was_damaged_is_not_taken_for_a_torn_one(journalled):
    data = bytearray(journal_of(journalled).read_bytes())
    data[-1] ^= 0x01  # the newline, a vertical tab now
    journal_of(journalled).write_bytes(bytes(data))
    assert not check_file(journalled).ok
    with pytest.raises(UnreadableFile):
        LeadStore.open(journalled)
    assert journal_of(journalled).read_bytes() == bytes(data)  # nothing dropped


def test_a_carriage_return_in_the_journal_is_damage_not_the_end_of_a_torn_line(journalled):
    """Only a newline ends a journal line: a carriage return at its start
    once made the whole journal look like one torn line, and the next
    writer cut it away."""
    data = b"\r" + journal_of(journalled).read_bytes()
    journal_of(journalled).write_bytes(data)
    assert not check_file(journalled).ok
    with pytest.raises(UnreadableFile):
        LeadStore.open(journalled)
    assert journal_of(journalled).read_bytes() == data


def test_a_missing_line_in_the_middle_of_the_journal_is_found(journalled):
    lines = journal_of(journalled).read_bytes().splitlines(keepends=True)
    journal_of(journalled).write_bytes(b"".join(lines[:1] + lines[2:]))
    assert not check_file(journalled).ok
    with pytest.raises(UnreadableFile):
        LeadStore.open(journalled)


# ---------------------------------------------------------------- restore, cut off
RESTORE_UNTIL = """
import os, sys
from pathlib import Path
from store.restore import restore

real = getattr(os, sys.argv[2])
count = 0

def cut(*args, **kwargs):
    global count
    count += 1
    if count == int(sys.argv[3]):
        os._exit(9)  # killed between two steps of the restore
    return real(*args, **kwargs)

setattr(os, sys.argv[2], cut)
restore(Path(sys.argv[1]))
"""


@pytest.mark.parametrize(("call", "number"), [("link", 1), ("replace", 2), ("replace", 3)])
def test_a_restore_killed_between_its_steps_is_finished_by_the_next_open(
        journalled, call, number):
    """The restore runs in a process of its own, killed at its Nth call of
    ``os.link`` or ``os.replace`` (the steps that change names on disk,
    after the new snapshot is written beside the file: ``replace`` 1)."""
    LeadStore.open(journalled).close()  # 7 leads folded; backup 1 holds 3
    journalled.write_bytes(b"{ damaged")
    journal_of(journalled).write_bytes(b"garbage\n")
    child = subprocess.run([sys.executable, "-c", RESTORE_UNTIL, str(journalled), call,
                            str(number)], cwd=Path(__file__).resolve().parents[1])
    assert child.returncode == 9
    report = check_file(journalled)
    assert report.ok and report.leads == 3
    with LeadStore.open(journalled) as store:
        assert len(store.leads) == 3
    assert any(p.read_bytes() == b"garbage\n"
               for p in journalled.parent.glob("*.journal.damaged-*"))
    assert [p.read_bytes() for p in journalled.parent.glob("leads.json.damaged-*")] == [
        b"{ damaged"]


def test_a_restore_killed_before_its_new_snapshot_is_written_changes_nothing(journalled):
    LeadStore.open(journalled).close()
    journalled.write_bytes(b"{ damaged")
    journal_of(journalled).write_bytes(b"garbage\n")
    before = folder_state(journalled.parent)
    child = subprocess.run([sys.executable, "-c", RESTORE_UNTIL, str(journalled), "replace",
                            "1"], cwd=Path(__file__).resolve().parents[1])
    assert child.returncode == 9
    assert not check_file(journalled).ok
    assert {name: data for name, data in folder_state(journalled.parent).items()
            if not name.endswith(".tmp")} == before


# ---------------------------------------------------------------- leftovers
FOLD_KILLED = """
import os, sys
from pathlib import Path
from store.leadstore import LeadStore

store = LeadStore.open(Path(sys.argv[1]))
store.add_lead("赵六")
os.replace = lambda *args: os._exit(9)  # killed once the new snapshot is written
store.close()
"""


def test_the_next_writer_removes_what_a_killed_fold_left_and_nothing_else(kept):
    others = [kept.parent / name for name in (
        ".leads.json.notes.tmp", ".other.json.abcdefgh.tmp", "leads.json.abcdefgh.tmp")]
    for other in others:
        other.write_text("not ours")
    child = subprocess.run([sys.executable, "-c", FOLD_KILLED, str(kept)],
                           cwd=Path(__file__).resolve().parents[1])
    assert child.returncode == 9
    left = [p for p in kept.parent.glob(".leads.json.*.tmp") if p not in others]
    assert len(left) == 1 and left[0].stat().st_size > 100
    LeadStore.open(kept, read_only=True).close()  # a reader leaves it to the writer
    assert left[0].exists()
    with LeadStore.open(kept) as store:
        assert len(store.leads) == 4  # the change was in the journal
    assert not left[0].exists()
    assert all(other.read_text() == "not ours" for other in others)
