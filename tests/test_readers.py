"""A command that only reads, while the board writes and folds in another
process: it sees every change saved before it began, never half a fold."""

import subprocess
import sys
import time
from pathlib import Path

from store.leadstore import LeadStore

ROOT = Path(__file__).resolve().parents[1]

WRITER = """
import os, sys, time
from pathlib import Path
from store.leadstore import LeadStore

path, progress, seconds = Path(sys.argv[1]), Path(sys.argv[2]), float(sys.argv[3])
store = LeadStore.open(path)
count = len(store.leads)
Path(f"{progress}.started").write_text("")
end = time.monotonic() + seconds
while time.monotonic() < end:
    store.add_lead(f"客户{count}")
    count += 1
    Path(f"{progress}.tmp").write_text(str(count))  # saved: a reader must see it
    os.replace(f"{progress}.tmp", progress)
    if count % 3 == 0:
        store.compact()
store.close()
"""


def test_a_reader_never_misses_a_change_saved_before_it_began(db_path, tmp_path):
    with LeadStore.open(db_path) as store:
        store.commit("import", [("leads", i, None, {"name": f"客户{i}", "phones": []})
                                for i in range(1, 2001)])
    progress = tmp_path / "saved"
    progress.write_text("2000")
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(progress), "4"],
                              cwd=ROOT)
    try:
        while not Path(f"{progress}.started").exists():
            time.sleep(0.01)
        reads, end = 0, time.monotonic() + 3
        while time.monotonic() < end:
            saved = int(progress.read_text())
            store = LeadStore.open(db_path, read_only=True)
            assert len(store.leads) >= saved
            store.close()
            reads += 1
    finally:
        writer.wait(timeout=30)
    assert writer.returncode == 0
    assert reads > 5
