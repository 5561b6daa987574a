"""Keys as the rep sees them: the real leadboard in a terminal (160×48)

Each round starts ``leadboard`` on a fresh copy of each demo file, the sizes
in turn, waits until every lead is loaded and the board is settled, then
times each key from its bytes written to the terminal to the screen showing
the change complete, read back with its colours (bench/terminal.py).
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.terminal import BETWEEN_KEYS_S, Terminal, leadboard

ROUNDS = 5
FRAME_MS = 1000 / 60
GOAL_RATIO = 1.2  # 100k within this of 1k
# What each figure presses; the keys around them (opening the plan, ending
# the session) are pressed but not counted.
BOARD_MOVES = [b"j", b"k"] * 5
# The rep reads the board first: by then the search index is built (it is
# started two seconds after the board is painted).
READING_S = 3.0
FIRST = "first: "  # the figures of the first change, beside those of the whole


def run(files: dict[int, Path]) -> list[dict]:
    times: dict[int, dict[str, list[float]]] = {count: {} for count in files}
    with tempfile.TemporaryDirectory() as folder:
        for round_ in range(ROUNDS):
            for count, path in files.items():
                print(f"  round {round_ + 1}, {count:,} leads", file=sys.stderr, flush=True)
                copy = Path(folder) / path.name
                shutil.copy(path, copy)
                for extra in path.parent.glob(path.name + ".*"):  # the preview, if any
                    shutil.copy(extra, Path(folder) / extra.name)
                one_app(copy, times[count])
    return rows(times)


def one_app(db: Path, times: dict[str, list[float]]) -> None:
    term = leadboard(db)
    try:
        term.wait_for(lambda text: "Q4" in text and "loading" not in text)
        term.settle(0.5)
        time.sleep(READING_S)

        def timed(figure: str, *keys: bytes) -> None:
            for key in keys:
                seconds = term.key(key)
                if seconds is None:
                    raise RuntimeError(f"{figure}: {key!r} changed nothing\n{term.text()}")
                first, done = seconds
                times.setdefault(figure, []).append(done * 1000)
                times.setdefault(FIRST + figure, []).append(first * 1000)
                time.sleep(BETWEEN_KEYS_S)

        timed("board `j` / `k`", *BOARD_MOVES)
        timed("board `tab`", *[b"\t"] * 5)  # Q1 … the tray, back to Q1
        timed("board `1`–`4` (move the lead)", b"2", b"3", b"4")
        timed("board `+` / `-`", b"-", b"+", b"-", b"+")
        timed("detail pane `enter`", b"\r", b"\r")
        timed("search `/`", b"/")
        timed("search typing `zhang`", *(bytes([letter]) for letter in b"zhang"))
        press(term, b"\x1b")
        timed("plan `p`", b"p")
        timed("plan tabs `w` `m` `n` `d`", b"w", b"m", b"n", b"d")
        press(term, b"\x1b")
        timed("triage `t`, `enter`", b"t", b"\r")
        timed("triage decisions `1`–`4`", b"2", b"3", b"4", b"1")
        press(term, b"\x1b")
        press(term, b"\x1b")
    finally:
        term.close()


def press(term: Terminal, key: bytes) -> None:
    """A key not timed: ``esc`` (which a terminal app takes as a key only once
    no more bytes follow it) to leave a screen."""
    term.key(key)
    time.sleep(BETWEEN_KEYS_S)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def rows(times: dict[int, dict[str, list[float]]]) -> list[dict]:
    sizes = sorted(times)
    smallest, out = sizes[0], []
    for figure in times[smallest]:
        if figure.startswith(FIRST):
            continue
        base = statistics.median(times[smallest][figure])
        for count in sizes:
            values = times[count][figure]
            median, slow = statistics.median(values), p95(values)
            ratio = median / base if count != smallest else None
            out.append(dict(
                figure=figure, size=count, keys=len(values),
                first_ms=statistics.median(times[count][FIRST + figure]),
                median_ms=median, p95_ms=slow, ratio=ratio,
                met=median <= FRAME_MS and slow <= 2 * FRAME_MS
                and (ratio is None or ratio <= GOAL_RATIO)))
    return out


def table(rows: list[dict]) -> str:
    lines = [f"Goals: the change complete within one frame ({FRAME_MS:.1f} ms) at the median "
             f"and two at the 95th percentile; the largest file within {GOAL_RATIO}× the smallest.",
             "",
             "| key | leads | keys timed | first change (ms) | complete, median (ms) "
             "| complete, p95 (ms) | × smallest | met |",
             "|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        ratio = "—" if r["ratio"] is None else f"{r['ratio']:.2f}"
        lines.append(f"| {r['figure']} | {r['size']:,} | {r['keys']} | {r['first_ms']:.1f} "
                     f"| {r['median_ms']:.1f} | {r['p95_ms']:.1f} | {ratio} "
                     f"| {'yes' if r['met'] else '**no**'} |")
    return "\n".join(lines)
