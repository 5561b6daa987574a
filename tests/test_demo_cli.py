"""``leadboard demo`` run a second time opens the demo file as it was left."""

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

from store.leadstore import LeadStore
from tests.test_cjk_overlay_fix import screen_text
from tui.app import LeadboardApp

ROOT = Path(__file__).resolve().parents[1]


def demo_on_a_terminal(data_home: Path, *args: str) -> tuple[int, str]:
    """``leadboard demo`` on a pseudo-terminal with the user data folder in
    ``data_home``; ``q`` once the board is drawn. Its exit code, and what it
    wrote to the terminal before the board (the board draws on stderr)."""
    env = {"LANG": "en_US.UTF-8", "PATH": "/usr/bin:/bin", "HOME": str(data_home),
           "XDG_DATA_HOME": str(data_home), "TERM": "xterm-256color"}
    ours, theirs = pty.openpty()
    try:
        process = subprocess.Popen([sys.executable, "-m", "tui.cli", "demo", *args],
                                   stdin=theirs, stdout=theirs, stderr=theirs, env=env, cwd=ROOT)
        drawn, sent_q, deadline = b"", False, time.monotonic() + 60
        while process.poll() is None and time.monotonic() < deadline:
            ready, _, _ = select.select([ours], [], [], 0.2)
            if ready:
                drawn += os.read(ours, 65536)
            if not sent_q and b"Q1" in drawn:  # the board's first quadrant is on screen
                time.sleep(0.5)
                os.write(ours, b"q")
                sent_q = True
        if process.poll() is None:
            process.kill()
        before_board = drawn.split(b"\x1b", 1)[0].decode()
        return process.wait(timeout=10), before_board
    finally:
        os.close(theirs)
        os.close(ours)


def test_a_second_demo_opens_the_demo_file_as_it_was_left(tmp_path):
    demo = tmp_path / "leadboard" / "demo.json"
    first = subprocess.run([sys.executable, "-m", "tui.cli", "demo", "--count", "40", "--no-open"],
                           env={"PATH": "/usr/bin:/bin", "LANG": "en_US.UTF-8",
                                "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path)},
                           cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert first.returncode == 0, first.stderr
    with LeadStore.open(demo) as store:  # the rep works on it
        lead = store.add_lead("演示后加的")
    code, said = demo_on_a_terminal(tmp_path)
    assert code == 0, said
    assert said.strip() == (f"{demo} already holds 41 demo leads: opening it as you left it "
                            "(for fresh demo data, name another file with --db)")
    with LeadStore.open(demo, read_only=True) as store:
        assert len(store.leads) == 41 and store.lead(lead.id).name == "演示后加的"


async def test_the_welcome_of_an_empty_file_says_how_to_open_the_demo(store):
    for lang, lines in (("en", ("leadboard demo", "(in a source checkout: make demo)",
                                "Run again later, it opens that same file as you left it.")),
                        ("zh", ("leadboard demo", "（在源码目录中：make demo）",
                                "以后再运行，会打开同一个演示文件，保留你上次的改动。"))):
        app = LeadboardApp(store, lang)
        async with app.run_test(size=(130, 40)) as pilot:
            await pilot.pause()
            shown = screen_text(app)
            for line in lines:
                assert line in shown
