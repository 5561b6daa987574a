"""The command line with the system against it: a loose umask, a lock file of
another user, an output that cannot be written."""

import io
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from store.leadstore import LeadStore
from tui.cli import EXIT_LOCKED, EXIT_OK, EXIT_SAVE, main


def test_data_folders_are_private_whatever_the_umask(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    old = os.umask(0)
    try:
        assert main(["demo", "--count", "3", "--no-open"]) == EXIT_OK
    finally:
        os.umask(old)
    capsys.readouterr()
    made = [tmp_path / ".local", tmp_path / ".local/share", tmp_path / ".local/share/leadboard"]
    assert [oct(stat.S_IMODE(p.stat().st_mode)) for p in made] == ["0o700"] * 3
    files = [p for p in made[-1].rglob("*") if p.is_file()]
    assert files and all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in files)


def run_as_another_user(args: list[str]) -> tuple[int, str]:
    """``main(args)`` by a user who may not open the lock file: this one, or
    (root opens anything) nobody, in a fork. Returns the exit code and stderr."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never back into pytest
        code = 99
        try:
            os.close(read_end)
            if os.geteuid() == 0:
                os.setgid(65534)
                os.setuid(65534)
            sys.stderr = os.fdopen(write_end, "w", encoding="utf-8")
            code = main(args)
            sys.stderr.flush()
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as said:
        err = said.read()
    _pid, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), err


def test_a_lock_file_of_another_user_is_named_with_what_to_do():
    with tempfile.TemporaryDirectory() as name:  # under /tmp, where nobody may go
        folder = Path(name)
        folder.chmod(0o777)
        source = folder / "a.csv"
        source.write_text("姓名,手机\n张伟,13800000001\n")
        source.chmod(0o644)
        lock = folder / "leads.json.lock"
        lock.write_bytes(b"")
        lock.chmod(0)  # another user's: not ours to open
        code, said = run_as_another_user(["import", str(source), "--db",
                                          str(folder / "leads.json")])
    assert code == EXIT_LOCKED
    assert said == (f"{lock} belongs to another user, so {folder / 'leads.json'} cannot be "
                    f"opened for writing. If no Leadboard is running on it, delete {lock} or "
                    "make it yours (sudo chown).\n")


def test_a_closed_or_full_output_is_said_in_one_line_with_what_was_saved(tmp_path):
    source, db = tmp_path / "a.csv", tmp_path / "t.json"
    source.write_text("姓名,手机\n张伟,13800000001\n")
    with open("/dev/full", "w") as full:
        imported = run("import", str(source), "--db", str(db), stdout=full)
        searched = run("search", "张", "--db", str(db), stdout=full)
    assert (imported.returncode, imported.stderr) == (EXIT_SAVE, (
        "leadboard: the output could not be written (No space left on device). "
        "The changes were saved.\n"))
    assert (searched.returncode, searched.stderr) == (EXIT_SAVE, (
        "leadboard: the output could not be written (No space left on device). "
        "Nothing was changed.\n"))
    store = LeadStore.open(db, read_only=True)
    assert [store.lead(i).name for i in store.leads] == ["张伟"]
    store.close()
    # A reader that stops early (| head): the pipe closed before a line is read.
    reader, writer = os.pipe()
    os.close(reader)
    try:
        listed = run("search", "--db", str(db), stdout=writer)
    finally:
        os.close(writer)
    assert (listed.returncode, listed.stderr) == (EXIT_SAVE, (
        "leadboard: the output could not be written (the reader closed the pipe). "
        "Nothing was changed.\n"))


def run(*args: str, stdout) -> subprocess.CompletedProcess:
    env = {"LANG": "en_US.UTF-8", "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "tui.cli", *args], stdout=stdout,
                          stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, env=env,
                          cwd=Path(__file__).resolve().parents[1], timeout=60)


def as_nobody_in_a_read_only_folder(folder: Path, act) -> tuple[int, str]:
    """``act()`` (returns an exit code and a line) by a user whose folder
    holding the data file is read-only for them; in a fork when root."""
    for path in [folder, *folder.rglob("*")]:
        os.chown(path, 65534, 65534)
    folder.chmod(0o555)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 99
        try:
            os.close(read_end)
            os.setgid(65534)
            os.setuid(65534)
            code, line = act()
            os.write(write_end, line.encode())
        finally:
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as said:
        line = said.read()
    _pid, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status), line


@pytest.mark.parametrize("gone", [(), (".journal",), (".lock",), (".lock", ".journal")])
def test_the_board_opens_read_only_in_a_folder_that_cannot_be_written(gone):
    # Imported while they can be (the user the test becomes cannot read
    # Python's own folder): the driver, and the board's modules, which
    # board_app imports while the file opens.
    import textual.drivers.linux_driver  # noqa: F401
    import tui.screens.board  # noqa: F401

    from tui.cli import board_app
    from tui.i18n import t

    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db = folder / "leads.json"
        for lead in ("张伟", "王强"):
            with LeadStore.open(db) as store:
                store.add_lead(lead)
        for end in gone:
            Path(f"{db}{end}").unlink()
        before = sorted(p.name for p in folder.iterdir())

        def opened() -> tuple[int, str]:
            app = board_app(db, "en")
            store = app.store
            line = f"{store.read_only} {len(store.leads)} {t('bar.read_only_folder')}"
            app.close_store()
            return 0, line

        code, line = as_nobody_in_a_read_only_folder(folder, opened)
        assert (code, line) == (0, "True 2 READ-ONLY: the folder of this file cannot be written")
        assert sorted(p.name for p in folder.iterdir()) == before


def test_a_writer_in_a_folder_that_cannot_be_written_says_so_in_one_line():
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db = folder / "leads.json"
        with LeadStore.open(db) as store:
            store.add_lead("张伟")
        source = folder / "a.csv"
        source.write_text("姓名\n王强\n", encoding="utf-8")
        code, said = run_as_another_user_in(folder, ["import", str(source), "--db", str(db)])
    assert code == 3 and said == f"Cannot use {folder}: Permission denied.\n"


def run_as_another_user_in(folder: Path, args: list[str]) -> tuple[int, str]:
    def act() -> tuple[int, str]:
        err = io.StringIO()
        sys.stderr = err
        code = main(args)
        return code, err.getvalue()

    return as_nobody_in_a_read_only_folder(folder, act)
