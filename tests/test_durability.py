"""Never lose a lead: crashes, damaged files, full disks, two processes, old formats."""

import errno
import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from store.backups import list_backups
from store.check import check_file
from store.errors import Locked, SaveFailed
from store.leadstore import LeadStore
from store.migrations import SCHEMA_VERSION
from store.model import Method, Purpose
from store.search.pinyin import warm as warm_pinyin
from tui.app import LeadboardApp
from tui.cli import EXIT_LOCKED, EXIT_UNREADABLE, main

FIXTURES = Path(__file__).parent / "fixtures"
SIZE = (130, 40)


# ---------------------------------------------------------------- crash drill
def _edit_forever(path: str, acks) -> None:
    """Child: apply edits, acknowledge each one after the store returns."""
    store = LeadStore.open(path)
    number = len(store.leads)
    while True:
        number += 1
        lead = store.add_lead(f"客户{number}", intent=1 + number % 5, funding=1 + number % 4)
        acks.send(("add", lead.id, lead.name))
        store.move_to_quadrant(lead.id, 1 + number % 4)
        moved = store.lead(lead.id)
        acks.send(("grade", lead.id, (moved.intent, moved.funding)))
        if number % 25 == 0:
            store.compact()  # a kill may land in the middle of a fold, too
            acks.send(("fold", 0, None))


def test_crash_drill_keeps_every_acknowledged_edit(tmp_path):
    path = tmp_path / "leads.json"
    names: dict[int, str] = {}
    grades: dict[int, tuple] = {}

    def take(message) -> None:
        kind, lead_id, value = message
        if kind == "add":
            names[lead_id] = value
        elif kind == "grade":
            grades[lead_id] = value

    # The children are forked from here: with the pinyin tables loaded first
    # (as the app loads them soon after start-up), each child's first save
    # is acknowledged within the drill's kill times, whichever tests ran before.
    warm_pinyin()
    context = multiprocessing.get_context("fork")
    rng = random.Random(2026)
    for _kill in range(50):
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_edit_forever, args=(str(path), sender), daemon=True)
        child.start()
        sender.close()
        kill_at = rng.uniform(0.01, 0.08)
        while receiver.poll(kill_at):  # let it work a random while
            take(receiver.recv())
            kill_at = max(kill_at - 0.005, 0.0)
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        try:  # acknowledgements sent just before the kill
            while receiver.poll():
                take(receiver.recv())
        except (EOFError, OSError):
            pass
        receiver.close()
        report = check_file(path)
        assert report.ok, report.problems
        with LeadStore.open(path, read_only=True) as store:
            assert {i: store.lead(i).name for i in names} == names
            assert {i: (store.lead(i).intent, store.lead(i).funding) for i in grades} == grades
    assert len(names) > 50


# ---------------------------------------------------------------- damaged files
def test_check_reports_a_good_file(store, seeded, db_path, capsys):
    store.close()
    assert main(["check", "--db", str(db_path)]) == 0
    assert "OK — 6 leads" in capsys.readouterr().out


@pytest.mark.parametrize("damage", ["truncate", "garbage", "syntax"])
def test_check_and_open_refuse_a_damaged_file_and_leave_it(store, seeded, db_path, damage, capsys,
                                                           a_terminal):
    store.close()
    data = db_path.read_bytes()
    damaged = {"truncate": data[: len(data) // 2], "garbage": os.urandom(500),
               "syntax": data.replace(b'"name"', b'"name" "', 1)}[damage]
    db_path.write_bytes(damaged)
    assert main(["check", "--db", str(db_path)]) == EXIT_UNREADABLE
    assert "Cannot read" in capsys.readouterr().out
    assert main(["--db", str(db_path)]) == EXIT_UNREADABLE
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(db_path) in err
    assert db_path.read_bytes() == damaged


def test_restore_puts_back_the_newest_backup_and_keeps_the_damaged_file(store, clock, db_path,
                                                                        capsys):
    store.add_lead("第一")
    store.compact()
    store.add_lead("第二")
    store.close()  # the snapshot with 第一 alone is now backup 1
    db_path.write_bytes(b"{ damaged")
    assert main(["restore", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    assert "Set aside" in out and "Restored" in out
    aside = [p for p in db_path.parent.iterdir() if ".damaged-" in p.name]
    assert any(p.read_bytes() == b"{ damaged" for p in aside)
    with LeadStore.open(db_path, clock=clock) as again:
        assert [lead.name for lead in again.leads.values()] == ["第一"]


@pytest.mark.parametrize(("lang", "lines"), [
    ("en", ["Lead 2: intent 9 is not 1-5.",
            "Line 2 of the journal (at byte {offset}) is damaged; "
            "the changes after it cannot be read.",
            "{path}: 2 problem(s) found; the file was not changed."]),
    ("zh", ["客户 2：购买意向 9 不在 1 到 5 之间。",
            "改动日志第 2 行（第 {offset} 字节处）已损坏；它之后的改动无法读取。",
            "{path}：发现 2 个问题；文件没有被改动。"]),
])
def test_check_names_every_fault_in_the_users_language(store, db_path, capsys, lang, lines):
    store.add_lead("甲")
    store.add_lead("乙")
    store.compact()
    for name in ("一", "二", "三"):
        store.add_lead(name)
    store._release()
    journal = Path(f"{db_path}.journal")
    entries = journal.read_bytes().splitlines(keepends=True)
    entries[1] = entries[1][:20] + b"X" + entries[1][21:]
    journal.write_bytes(b"".join(entries))
    data = orjson.loads(db_path.read_bytes())
    data["leads"]["2"]["intent"] = 9
    db_path.write_bytes(orjson.dumps(data))
    before = db_path.read_bytes(), journal.read_bytes()
    assert main(["check", "--db", str(db_path), "--lang", lang]) == EXIT_UNREADABLE
    expected = [line.format(path=db_path, offset=len(entries[0])) for line in lines]
    assert capsys.readouterr().out.splitlines() == expected
    assert (db_path.read_bytes(), journal.read_bytes()) == before


@pytest.mark.parametrize(("lang", "lines"), [
    ("en", ["Cannot read {path}: not valid JSON (the data breaks off near line 1, column 29).",
            "{path}: 1 problem(s) found; the file was not changed."]),
    ("zh", ["无法读取 {path}：不是有效的 JSON（第 1 行第 29 列附近数据中断）。",
            "{path}：发现 1 个问题；文件没有被改动。"]),
])
def test_check_says_where_a_cut_off_file_ends_in_the_users_language(db_path, capsys, lang,
                                                                     lines):
    db_path.write_text('{"leads": {"1": {"name": "a"', encoding="utf-8")
    assert main(["check", "--db", str(db_path), "--lang", lang]) == EXIT_UNREADABLE
    assert capsys.readouterr().out.splitlines() == [line.format(path=db_path) for line in lines]


@pytest.mark.parametrize(("lang", "lines"), [
    ("en", ["Lead 1: it has no name.", "Lead 3: funding 0 is not 1-5.",
            "Lead 4: the status “gone” is unknown.",
            "Contact 1: it belongs to lead 7, which does not exist.",
            "{path}: 4 problem(s) found; the file was not changed."]),
    ("zh", ["客户 1：没有名称。", "客户 3：资金实力 0 不在 1 到 5 之间。", "客户 4：状态“gone”无法识别。",
            "接触 1：所属客户 7 不存在。", "{path}：发现 4 个问题；文件没有被改动。"]),
])
def test_check_looks_at_every_record_on_its_own(store, clock, db_path, capsys, lang,
                                                 lines):
    for name in ("一", "二", "三", "四"):
        store.add_lead(name)
    store.schedule_contact(2, clock.now, method=Method.VISIT, purpose=Purpose.SELL)
    store.close()
    data = orjson.loads(db_path.read_bytes())
    del data["leads"]["1"]["name"]
    data["leads"]["3"]["funding"] = 0
    data["leads"]["4"]["status"] = "gone"
    data["contacts"]["1"]["lead_id"] = 7
    db_path.write_bytes(orjson.dumps(data))
    assert main(["check", "--db", str(db_path), "--lang", lang]) == EXIT_UNREADABLE
    assert capsys.readouterr().out.splitlines() == [line.format(path=db_path) for line in lines]


@pytest.mark.parametrize(("lang", "lines"), [
    ("en", ["Set aside: {aside}", "Set aside: {journal}", "Restored {path} from backup {backup}."]),
    ("zh", ["已移到一边：{aside}", "已移到一边：{journal}", "已用备份 {backup} 恢复 {path}。"]),
])
def test_restore_sets_a_healthy_file_aside_as_before_restore(store, db_path, capsys, lang,
                                                             lines):
    store.add_lead("第一")
    store.compact()
    store.add_lead("第二")
    store.close()
    healthy = db_path.read_bytes()
    backup = list_backups(db_path)[0].name
    assert main(["restore", "--db", str(db_path), "--lang", lang]) == 0
    aside = sorted(p for p in db_path.parent.iterdir() if ".before-restore-" in p.name)
    assert [p.name.split("-")[0] for p in aside] == ["leads.json.before",
                                                     "leads.json.journal.before"]
    assert aside[0].read_bytes() == healthy
    assert not [p for p in db_path.parent.iterdir() if ".damaged-" in p.name]
    assert capsys.readouterr().out.splitlines() == [
        line.format(aside=aside[0], journal=aside[1], path=db_path, backup=backup)
        for line in lines]


def test_a_journal_damaged_in_the_middle_is_refused(store, db_path, a_terminal):
    for name in ("一", "二", "三"):
        store.add_lead(name)
    store._release()
    journal = Path(f"{db_path}.journal")
    lines = journal.read_bytes().splitlines(keepends=True)
    lines[1] = lines[1].replace(b"\\u4e8c", b"XXXXXX").replace("二".encode(), b"X")
    journal.write_bytes(b"".join(lines))
    before = journal.read_bytes()
    assert main(["--db", str(db_path)]) == EXIT_UNREADABLE
    assert journal.read_bytes() == before


def test_a_file_from_a_newer_version_is_refused(db_path, capsys, a_terminal):
    db_path.write_text('{"meta": {"1": {"schema": 7}}, "leads": {}}')
    assert main(["check", "--db", str(db_path)]) == EXIT_UNREADABLE
    assert main(["--db", str(db_path)]) == EXIT_UNREADABLE
    assert "newer Leadboard" in capsys.readouterr().err


# ---------------------------------------------------------------- migrations
def test_version_0_files_are_migrated_without_touching_the_original(tmp_path, clock):
    path = tmp_path / "old.json"
    shutil.copy(FIXTURES / "schema-0.json", path)
    original = path.read_bytes()
    store = LeadStore.open(path, clock=clock)
    assert path.read_bytes() == original  # nothing written just by opening
    assert sorted(lead.name for lead in store.leads.values()) == ["张伟", "李娜"]
    assert store.lead(1).intent == 4
    store.add_lead("王强")
    store.close()
    with LeadStore.open(path, clock=clock) as again:
        assert len(again.leads) == 3
    assert len(list_backups(path)) == 1  # the old file is kept as a backup


# ---------------------------------------------------------------- two processes
HOLD = """
import sys, time
from store.leadstore import LeadStore
store = LeadStore.open(sys.argv[1])
print("held", flush=True)
time.sleep(30)
"""


@pytest.fixture
def other_process(db_path):
    for name in ("一号", "二号"):  # two saves: the first snapshot is kept as a backup
        with LeadStore.open(db_path) as store:
            store.add_lead(name)
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(db_path)], stdout=subprocess.PIPE,
                             text=True, cwd=Path(__file__).resolve().parents[1])
    assert child.stdout.readline().strip() == "held"
    yield child
    child.kill()
    child.wait()


def test_a_second_process_cannot_write(other_process, db_path, capsys):
    with pytest.raises(Locked):
        LeadStore.open(db_path)
    assert list_backups(db_path)
    before = db_path.read_bytes()
    assert main(["restore", "--db", str(db_path)]) == EXIT_LOCKED
    assert db_path.read_bytes() == before
    assert main(["demo", "--db", str(db_path), "--no-open"]) == EXIT_LOCKED
    assert "another Leadboard" in capsys.readouterr().err
    assert main(["check", "--db", str(db_path)]) == 0  # reading still works


async def test_the_app_opens_read_only_beside_another_writer(other_process, db_path):
    store = LeadStore.open(db_path, fallback_read_only=True)
    assert store.read_only
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        assert "READ-ONLY" in str(app.screen.query_one("#status").render())
        await pilot.press("n")
        await pilot.press("escape")


def test_a_crashed_writer_leaves_no_stale_lock(db_path):
    code = "import sys,os; from store.leadstore import LeadStore; LeadStore.open(sys.argv[1]); os._exit(0)"
    subprocess.run([sys.executable, "-c", code, str(db_path)], check=True,
                   cwd=Path(__file__).resolve().parents[1])
    LeadStore.open(db_path).close()


# ---------------------------------------------------------------- full disk in the app
async def test_a_full_disk_shows_the_error_and_keeps_the_lead_in_place(store, seeded, monkeypatch):
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        real_fsync = os.fsync

        def no_space(fd):
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(os, "fsync", no_space)
        await pilot.press("4")
        status = str(app.screen.query_one("#status").render())
        assert "Not saved: No space left on device" in status
        assert "saved" not in status.replace("Not saved", "")
        assert (store.lead(seeded["张伟"]).intent, store.lead(seeded["张伟"]).funding) == (5, 5)
        monkeypatch.setattr(os, "fsync", real_fsync)
        await pilot.press("4")  # the retry works
        assert store.lead(seeded["张伟"]).intent == 2
        assert "✓ saved" in str(app.screen.query_one("#status").render())


async def test_a_long_journal_is_folded_in_the_background(store, seeded, db_path, monkeypatch):
    import tui.app

    monkeypatch.setattr(tui.app, "COMPACT_BYTES", 1)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert store.journal_bytes == 0
        monkeypatch.setattr(tui.app, "COMPACT_BYTES", 10**9)
        await pilot.press("4")
        assert store.journal_bytes > 0
    store._release()  # crash: whatever the fold did not hold, the journal does
    with LeadStore.open(db_path, read_only=True) as again:
        assert again.lead(seeded["王强"]).intent == 2
        assert again.lead(seeded["张伟"]).intent == 2


def test_a_read_only_folder_refuses_the_fold_and_keeps_both_files(store, seeded, db_path,
                                                                  monkeypatch, clock):
    import tempfile

    store.compact()
    snapshot = db_path.read_bytes()
    store.move_to_quadrant(seeded["张伟"], 4)
    journal = Path(f"{db_path}.journal").read_bytes()

    def refused(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refused)
    with pytest.raises(SaveFailed) as caught:
        store.compact()
    assert "Permission denied" in str(caught.value)
    monkeypatch.undo()
    assert db_path.read_bytes() == snapshot
    assert Path(f"{db_path}.journal").read_bytes() == journal
    store._release()
    with LeadStore.open(db_path, clock=clock) as again:  # nothing confirmed was lost
        assert again.lead(seeded["张伟"]).intent == 2


def test_backups_and_the_lock_are_owner_only(store, seeded, db_path):
    import stat

    store.compact()
    store.add_lead("新客户")
    store.compact()
    (backup,) = list_backups(db_path)[:1]
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(Path(f"{db_path}.lock").stat().st_mode) == 0o600


def test_version_1_files_are_migrated(tmp_path, clock):
    path = tmp_path / "v1.json"
    shutil.copy(FIXTURES / "schema-1.json", path)
    original = path.read_bytes()
    with LeadStore.open(path, clock=clock) as store:
        assert path.read_bytes() == original
        lead = store.lead(1)
        assert (lead.name, lead.intent, lead.funding) == ("张伟", 4, 3)
        assert [(h.field, h.old, h.new) for h in lead.history] == [("funding", 2, 3)]
        assert len(store.contacts_of(1)) == 1 and store.next_contact(1) is not None
        assert not store.sessions and store.undo_depth == 4
        store.undo()  # undo kept from version 1 still works: the contact, then the regrade
        assert store.next_contact(1) is None
        store.undo()
        assert store.lead(1).funding == 2
    import orjson

    assert orjson.loads(path.read_bytes())["meta"]["1"]["schema"] == SCHEMA_VERSION


def test_a_new_data_folder_is_owner_only(tmp_path):
    import stat

    path = tmp_path / "new" / "leads.json"
    LeadStore.open(path).close()
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
