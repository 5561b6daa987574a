"""Commands that only read: `check` and `search` against the board opening the same leads."""
# The file is left as the app leaves it (a preview beside it) by the cold
# start; the commands read it as it is.

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.core import ROOT, Row, one_cold_start, row

ROUNDS = 5
# What the board does with a file before a search answers: load every lead,
# then build the search index (in the background, after the first paint).
OPEN = """
import sys
from pathlib import Path
from store.leadstore import LeadStore
from store.search import SearchIndex
store = LeadStore.open(Path(sys.argv[1]), read_only=True)
if sys.argv[2:] == ["search"]:
    SearchIndex(store).build()
store.close()
"""


def _board_ready(path: str) -> float:
    """The board started on the file until every lead is loaded and keys act."""
    return one_cold_start(Path(path), ready=True)["seconds"]


def _seconds(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _leadboard() -> list[str]:
    found = shutil.which("leadboard", path=str(Path(sys.executable).parent))
    return [found] if found else [sys.executable, "-m", "tui.cli"]


def run(files: dict[int, Path]) -> list[Row]:
    size = max(files)
    path = str(files[size])
    command = _leadboard()
    pairs = {
        "check": ([*command, "check", "--db", path], lambda: _board_ready(path),
                  "the board opened, every lead loaded"),
        # Stricter: the board's loading and index alone, without its start-up.
        "search zs": ([*command, "search", "zs", "--db", path],
                      lambda: _seconds([sys.executable, "-c", OPEN, path, "search"]),
                      "the board's leads loaded and its search built"),
    }
    rows = []
    for name, (measured, baseline, said) in pairs.items():
        samples = [(baseline(), _seconds(measured)) for _ in range(ROUNDS)]
        base = statistics.median(b for b, _m in samples) * 1000
        took = statistics.median(m for _b, m in samples) * 1000
        rows.append(row(f"`leadboard {name}`, whole command", f"{size:,}", took, said, base,
                        "≤ 1.2×", took / base <= 1.2))
    return rows
