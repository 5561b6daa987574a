"""Links and special files where Leadboard writes: refused in one line,
never written through; only our own backups are pruned; every file that
holds customers' data is owner-only."""

import os
import stat
from pathlib import Path

import pytest

from store.backups import list_backups
from store.leadstore import LeadStore
from tui.cli import EXIT_OK, EXIT_UNREADABLE, main

VICTIM = b"someone else's notes\n"


@pytest.fixture
def victim(tmp_path) -> Path:
    path = tmp_path / "victim.txt"
    path.write_bytes(VICTIM)
    path.chmod(0o644)
    return path


@pytest.fixture
def csv_file(tmp_path) -> Path:
    path = tmp_path / "x.csv"
    path.write_text("姓名,手机\n张伟,13800000001\n", encoding="utf-8")
    return path


def untouched(path: Path) -> bool:
    return path.read_bytes() == VICTIM and stat.S_IMODE(path.stat().st_mode) == 0o644


def one_line(err: str) -> bool:
    return err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize("planted", ["d.json.journal", "d.json", "d.json.lock"])
def test_a_link_where_a_file_of_ours_goes_is_refused_and_its_target_kept(
        tmp_path, victim, csv_file, capsys, planted):
    db = tmp_path / "d.json"
    (tmp_path / planted).symlink_to(victim)
    assert main(["import", str(csv_file), "--db", str(db)]) == EXIT_UNREADABLE
    err = capsys.readouterr().err
    assert one_line(err) and "symbolic link" in err
    assert untouched(victim)
    assert (tmp_path / planted).is_symlink()


def test_a_linked_backups_folder_is_refused_and_the_folder_it_points_to_kept(
        tmp_path, csv_file, clock, capsys):
    db = tmp_path / "d.json"
    with LeadStore.open(db, clock=clock) as store:
        store.add_lead("王强")
    other = tmp_path / "other"
    other.mkdir()
    for name in ("a.json", "b.json", "c.json", "d.json", "e.json", "f.json", "g.json"):
        (other / name).write_text("{}")
    (tmp_path / "d.json.backups").symlink_to(other)
    assert main(["import", str(csv_file), "--db", str(db)]) != EXIT_OK
    assert one_line(capsys.readouterr().err)
    assert sorted(p.name for p in other.iterdir()) == [
        "a.json", "b.json", "c.json", "d.json", "e.json", "f.json", "g.json"]
    assert list_backups(db) == []


def test_only_backups_of_our_own_names_are_pruned(db_path, clock):
    folder = Path(f"{db_path}.backups")
    for name in ("张伟", "王强"):
        with LeadStore.open(db_path, clock=clock) as store:
            store.add_lead(name)
    (folder / "notes.json").write_text("mine")
    (folder / "2020.json").write_text("mine too")
    for number in range(7):
        with LeadStore.open(db_path, clock=clock) as store:
            store.add_lead(f"客户{number}")
    assert len(list_backups(db_path)) == 5
    assert (folder / "notes.json").read_text() == "mine"
    assert (folder / "2020.json").read_text() == "mine too"


@pytest.fixture
def planned(db_path, clock) -> Path:
    with LeadStore.open(db_path, clock=clock) as store:
        store.add_lead("张伟")
    return db_path


def special_files(tmp_path: Path, victim: Path) -> dict[str, Path]:
    """A link, a FIFO and (where the system lets us make one) a device."""
    found = {"link": tmp_path / "link.json", "fifo": tmp_path / "fifo.json"}
    found["link"].symlink_to(victim)
    os.mkfifo(found["fifo"], 0o600)
    device = tmp_path / "null.json"
    try:
        os.mknod(device, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # like /dev/null
        found["device"] = device
    except PermissionError:
        pass
    return found


def test_export_refuses_a_link_a_fifo_or_a_device_and_leaves_each_as_it_was(
        planned, tmp_path, victim, capsys):
    for kind, target in special_files(tmp_path, victim).items():
        before = os.lstat(target)
        code = main(["export", "--db", str(planned), "-o", str(target)])
        err = capsys.readouterr().err
        assert code == EXIT_UNREADABLE and one_line(err), kind
        after = os.lstat(target)
        assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode), kind
    assert untouched(victim)


def test_an_export_over_an_old_file_is_owner_only(planned, tmp_path, capsys):
    target = tmp_path / "plan.json"
    target.write_text("old")
    target.chmod(0o644)
    assert main(["export", "--db", str(planned), "-o", str(target)]) == EXIT_OK
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text(encoding="utf-8") != "old"


REJECTED = "姓名,手机,公司\n,,=HYPERLINK(\"http://x\")\n张伟,13800000001,\n"


def test_the_rejects_file_is_owner_only_and_shows_formulas_as_text(tmp_path, db_path, capsys):
    source = tmp_path / "x.csv"
    source.write_text(REJECTED, encoding="utf-8")
    rejects = tmp_path / "x-rejects.csv"
    rejects.write_text("old")
    rejects.chmod(0o644)
    assert main(["import", str(source), "--db", str(db_path)]) == EXIT_OK
    assert stat.S_IMODE(rejects.stat().st_mode) == 0o600
    text = rejects.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_a_linked_rejects_file_is_refused_and_nothing_imported(
        tmp_path, db_path, victim, capsys):
    source = tmp_path / "x.csv"
    source.write_text(REJECTED, encoding="utf-8")
    (tmp_path / "x-rejects.csv").symlink_to(victim)
    assert main(["import", str(source), "--db", str(db_path)]) != EXIT_OK
    assert one_line(capsys.readouterr().err)
    assert untouched(victim)
    assert not db_path.exists()
