"""Start-up as the rep meets it: the real leadboard in a terminal (160×48)

A first start on a file (no preview beside it yet) runs until keys act: every
lead loaded, the board painted from them, and a first key answered. A later
start (the preview written at the last quit is there) runs until the board
is painted, against a minimal Textual app's start to its first paint in the
same run. Each start is a fresh process on a pseudo-terminal
(bench/terminal.py), the sizes in turn.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from bench.terminal import Terminal, leadboard, minimal_app

ROUNDS = 5
FIRST_GOALS_S = {10_000: 1.0, 100_000: 2.5}  # first start until keys act
LATER_GOAL = 1.5  # later start within this many times the minimal app's


def _board_loaded(text: str) -> bool:
    return "Q4" in text and "loading" not in text


def _first_start(path: Path, folder: Path) -> float:
    """Seconds from the start until a key typed is answered."""
    copy = folder / path.name
    shutil.copy(path, copy)
    term = leadboard(copy)
    try:
        loaded = term.wait_for(_board_loaded)
        answer = term.key(b"j")
        if answer is None:
            raise RuntimeError(f"j changed nothing after the first start\n{term.text()}")
        return loaded + answer[1]
    finally:
        term.close()


def _later_start(copy: Path) -> float:
    """Seconds from the start until the board (its preview, if any) is painted."""
    term = leadboard(copy)
    try:
        return term.wait_for(lambda text: "Q4" in text)
    finally:
        term.close()


def _minimal_start() -> float:
    term: Terminal = minimal_app()
    try:
        return term.wait_for(lambda text: text.strip() == "0")
    finally:
        term.close()


def _prepared(path: Path, folder: Path) -> Path:
    """A copy of the file as a quit leaves it: with its preview beside it."""
    copy = folder / f"later-{path.name}"
    shutil.copy(path, copy)
    term = leadboard(copy)
    try:
        term.wait_for(_board_loaded)
        term.settle(0.5)
        term.key(b"q")
        term.process.wait(30)
    finally:
        term.close()
    return copy


def run(files: dict[int, Path]) -> list[dict]:
    first: dict[int, list[float]] = {count: [] for count in files}
    later: dict[int, list[float]] = {count: [] for count in files}
    minimal: list[float] = []
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        prepared = {count: _prepared(path, folder) for count, path in files.items()}
        for round_ in range(ROUNDS):
            print(f"  start-up round {round_ + 1}", file=sys.stderr, flush=True)
            minimal.append(_minimal_start())
            for count, path in files.items():
                first[count].append(_first_start(path, folder))
                later[count].append(_later_start(prepared[count]))
    base = statistics.median(minimal)
    rows = []
    for count in sorted(files):
        seconds = statistics.median(first[count])
        goal = FIRST_GOALS_S.get(count)
        rows.append(dict(figure="first start, until keys act", size=count, ms=seconds * 1000,
                         baseline="—", base_ms=None, goal=f"≤ {goal:g} s" if goal else "",
                         met=None if goal is None else seconds <= goal))
        seconds = statistics.median(later[count])
        rows.append(dict(figure="later start, board painted", size=count, ms=seconds * 1000,
                         baseline="minimal app painted", base_ms=base * 1000,
                         goal=f"≤ {LATER_GOAL}×", met=seconds / base <= LATER_GOAL))
    return rows


def table(rows: list[dict]) -> str:
    lines = ["| figure | leads | median (ms) | baseline | baseline (ms) | ratio | goal | met |",
             "|---|---:|---:|---|---:|---:|---|---|"]
    for r in rows:
        base = "—" if r["base_ms"] is None else f"{r['base_ms']:,.0f}"
        ratio = "—" if r["base_ms"] is None else f"{r['ms'] / r['base_ms']:.2f}"
        met = "—" if r["met"] is None else ("yes" if r["met"] else "**no**")
        lines.append(f"| {r['figure']} | {r['size']:,} | {r['ms']:,.0f} | {r['baseline']} "
                     f"| {base} | {ratio} | {r['goal']} | {met} |")
    return "\n".join(lines)
