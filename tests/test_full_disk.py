"""A full disk, for real: the command runs in a process of its own whose
files may not grow past a size (``RLIMIT_FSIZE``, with ``SIGXFSZ`` ignored so
that a write fails with EFBIG, as it fails with ENOSPC on a full disk). A
small journal line still fits; a whole snapshot does not."""

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from store.backups import list_backups
from store.leadstore import LeadStore

ROOT = Path(__file__).resolve().parents[1]

LIMITED = """
import errno, os, resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = int(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
if sys.argv[2] == "no-links":  # a file system without hard links (FAT, some shares)
    def link(*args, **kwargs):
        raise OSError(errno.EPERM, "Operation not permitted")
    os.link = link
from tui.cli import main
sys.exit(main(sys.argv[3:]))
"""


def run_limited(limit: int, *args: str, links: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", LIMITED, str(limit), "links" if links else "no-links",
         *args, "--lang", "en"],
        cwd=ROOT, capture_output=True, text=True, timeout=60)


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def big(db_path, clock) -> Path:
    """A data file of 300 leads (a snapshot far over the limit below) with
    two backups, each of another state."""
    with LeadStore.open(db_path, clock=clock) as store:
        store.commit("import", [("leads", i, None, {"name": f"客户{i}", "phones": []})
                                for i in range(1, 301)])
    for name in ("张伟", "王强"):
        with LeadStore.open(db_path, clock=clock) as store:
            store.add_lead(name)
    assert len(list_backups(db_path)) == 2
    return db_path


LIMIT = 8 * 1024  # bytes: a change fits in the journal, a snapshot does not


def test_folds_failing_on_a_full_disk_keep_every_backup(big):
    backups = big.parent / f"{big.name}.backups"
    before, snapshot = files_of(backups), big.read_bytes()
    assert len(snapshot) > 3 * LIMIT
    for threshold in (4, 3, 4, 3, 4):
        done = run_limited(LIMIT, "settings", "--threshold", str(threshold), "--db", str(big))
        assert done.returncode != 0, done.stderr
    assert files_of(backups) == before
    assert big.read_bytes() == snapshot
    assert not [p for p in big.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_backup_copy_cut_short_leaves_no_backup_and_a_whole_one_later(big):
    backups = big.parent / f"{big.name}.backups"
    before, snapshot = files_of(backups), big.read_bytes()
    done = run_limited(LIMIT, "settings", "--threshold", "4", "--db", str(big), links=False)
    assert done.returncode != 0, done.stderr
    assert files_of(backups) == before  # no truncated copy, no temporary file
    done = run_limited(10 * len(snapshot), "settings", "--threshold", "3", "--db", str(big),
                       links=False)
    assert done.returncode == 0, done.stderr
    newest = list_backups(big)[0]
    assert newest.read_bytes() == snapshot
    assert stat.S_IMODE(newest.stat().st_mode) == 0o600
    assert os.stat(newest).st_ino != os.stat(big).st_ino
    with LeadStore.open(big) as store:
        assert store.settings.threshold == 3


# ---------------------------------------------------------------- saved, not folded
NOT_FOLDED = 7
SAVED = "Saved, in the journal; but "


def test_an_import_whose_fold_fails_says_it_was_saved_and_is_not_repeated(big, tmp_path):
    source = tmp_path / "new.csv"
    source.write_text("姓名,手机\n" + "".join(f"新客户{i},1380000{i:04d}\n" for i in range(30)),
                      encoding="utf-8")
    done = run_limited(LIMIT, "import", str(source), "--db", str(big))
    assert done.returncode == NOT_FOLDED
    assert "Not saved" not in done.stderr and done.stderr.startswith(SAVED)
    assert done.stderr.count("\n") == 1 and "Do not repeat" in done.stderr
    assert "new 30" in done.stdout  # the summary, as for an import that folded
    with LeadStore.open(big) as store:
        assert len(store.leads) == 332


def test_settings_whose_fold_fails_say_they_were_saved(big):
    done = run_limited(LIMIT, "settings", "--threshold", "4", "--db", str(big))
    assert (done.returncode, done.stderr[:len(SAVED)]) == (NOT_FOLDED, SAVED)
    assert "strong from grade 4" in done.stdout
    with LeadStore.open(big) as store:
        assert store.settings.threshold == 4


BOARD = """
from pathlib import Path
import tui.app, tui.cli

class Quits(tui.app.LeadboardApp):
    CSS_PATH = Path(tui.app.__file__).with_name(tui.app.LeadboardApp.CSS_PATH)

    def run(self, **options):
        async def grade_and_quit():
            self.store.update_settings(threshold=4)
            self.exit()
        self.call_later(grade_and_quit)
        return super().run(headless=True, size=(100, 30), **options)

tui.app.LeadboardApp = Quits
tui.cli.has_terminal = lambda: True
"""


def test_quitting_the_board_when_the_fold_fails_says_the_changes_were_saved(big):
    script = LIMITED.replace("from tui.cli import main", BOARD + "\nfrom tui.cli import main")
    done = subprocess.run([sys.executable, "-c", script, str(LIMIT), "links", "--db", str(big),
                           "--lang", "en"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr[:len(SAVED)]) == (NOT_FOLDED, SAVED), done.stderr
    with LeadStore.open(big) as store:
        assert store.settings.threshold == 4
