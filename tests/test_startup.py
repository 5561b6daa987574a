"""A start paints the board before it loads what only other work needs: a
start from the board's preview reads the preview alone, and the command line
brings in only the sub-command it was given."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

import pytest

from store import preview
from store.collector import pause_collector
from store.demo import write_demo
from store.leadstore import LeadStore
from store.preview import close_with_preview
from tui.cli import EXIT_USAGE, main

ROOT = Path(__file__).resolve().parents[1]

# What the board painted from its preview does without: the store (loaded
# behind the preview) with its domain and documents, the other commands and
# what they bring, the package metadata (its import alone is about 40 ms),
# and the texts of the language not shown.
NOT_AT_START = ("store.leadstore", "store.model", "store.codec", "store.demo", "store.backups",
                "store.insights", "store.importing", "tui.commands.", "importlib.metadata",
                "tui.locales.zh")


def imported_by_a_start(db_path: Path) -> list[str]:
    """The modules a start on ``db_path`` has imported once its app is
    made, as ``leadboard --db PATH`` makes it."""
    code = (
        "import sys\n"
        "from tui.cli import board_app, build_parser, db_location\n"
        "argv = ['--db', sys.argv[1]]\n"
        "app = board_app(db_location(build_parser(argv).parse_args(argv)), 'en')\n"
        "print(type(app.get_default_screen()).__name__)\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(db_path)], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    screen, modules = result.stdout.splitlines()
    assert screen == "OpeningScreen"  # painted from the preview
    return modules.split()


def test_a_start_from_the_preview_leaves_the_store_to_load_behind_it(tmp_path, monkeypatch):
    monkeypatch.setattr(preview, "PREVIEW_FROM", 50)
    db_path = tmp_path / "leads.json"
    store = LeadStore.open(db_path)
    write_demo(store, 60, seed=3)
    close_with_preview(store)
    modules = imported_by_a_start(db_path)
    assert [m for m in modules if m.startswith(NOT_AT_START)] == []


@pytest.mark.parametrize("argv", [
    ["serach", "x"], ["--db", "leads.json", "--lang", "en", "exprot"],
])
def test_a_mistyped_command_is_told_with_every_command(argv, capsys):
    assert main(argv) == EXIT_USAGE
    said = capsys.readouterr().err
    for command in ("demo", "search", "import", "export", "market", "restore", "team"):
        assert command in said


def test_a_command_after_the_options_is_the_one_run(tmp_path, capsys):
    db_path = tmp_path / "leads.json"
    with LeadStore.open(db_path) as store:
        store.add_lead("张伟", intent=5, funding=5)
    assert main(["--lang", "en", "--db", str(db_path), "search", "张"]) == 0
    assert "张伟" in capsys.readouterr().out
    with pytest.raises(SystemExit):  # argparse's help ends there
        main(["--db=" + str(db_path), "search", "--help"])
    assert "--limit" in capsys.readouterr().out


def test_the_collector_is_back_once_the_board_is_painted(store):
    from tui.app import LeadboardApp

    seen = []

    async def look(pilot) -> None:
        await pilot.pause()
        seen.append(gc.isenabled())
        pilot.app.exit()

    assert gc.isenabled()
    LeadboardApp(store, "en").run(headless=True, auto_pilot=look)
    assert seen == [True] and gc.isenabled()


def test_a_paused_collector_comes_back_once_and_frozen():
    frozen = gc.get_freeze_count()
    resume = pause_collector()
    kept = [[n] for n in range(1000)]  # built while paused, and kept
    assert not gc.isenabled()
    resume()
    assert gc.isenabled() and gc.get_freeze_count() >= frozen + len(kept)
    gc.disable()
    try:
        resume()  # once only: a later call leaves the collector as it is
        assert not gc.isenabled()
    finally:
        gc.enable()
