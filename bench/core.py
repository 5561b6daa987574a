"""Triage-core and durability figures, each beside a baseline from the same run."""

from __future__ import annotations

import asyncio
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from bench.apps import SIZE, MinimalApp
from store.leadstore import LeadStore
from store.preview import close_with_preview

ROOT = Path(__file__).resolve().parents[1]
Row = dict[str, object]


def row(figure: str, size: str, value_ms: float, baseline: str, baseline_ms: float,
        goal: str, met: bool | None) -> Row:
    ratio = value_ms / baseline_ms if baseline_ms else float("nan")
    return {"figure": figure, "size": size, "value_ms": value_ms, "baseline": baseline,
            "baseline_ms": baseline_ms, "ratio": ratio, "goal": goal, "met": met}


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def one_cold_start(db: Path | None, ready: bool = False, search: bool = False,
                   session: bool = False) -> dict:
    args = [sys.executable, "-m", "bench.coldstart"] + (["--db", str(db)] if db else [])
    args += ["--ready"] if ready else []
    args += ["--search"] if search else []
    args += ["--session"] if session else []
    out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def cold_start_pair(db: Path, repeats: int) -> tuple[float, float, float, int]:
    """Cold starts of ours, to the board painted and to every lead loaded, and
    of the minimal app, taken in turn so that the machine's load falls on all
    alike: (painted, ready, minimal, peak KiB). The file is left as the app
    leaves it when it quits: folded, with its board's preview beside it."""
    close_with_preview(LeadStore.open(db))
    painted, ready, minimal, peaks = [], [], [], []
    for _ in range(repeats):
        minimal.append(one_cold_start(None)["seconds"])
        painted.append(one_cold_start(db)["seconds"])
        result = one_cold_start(db, ready=True)
        ready.append(result["seconds"])
        peaks.append(result["peak_kib"])
    return (statistics.median(painted), statistics.median(ready), statistics.median(minimal),
            max(peaks))


async def frame_times(app, keys: list[str], settle: list[str] = ()) -> list[float]:
    """Seconds from each key arriving to the updated screen handed to the terminal.

    The app's display hook is wrapped to note when a frame goes out, so neither
    the test harness's own idle waiting nor what the app does after the frame
    is counted.
    """
    from textual import events

    frame = asyncio.Event()
    shown: list[float] = []  # when the frame went out, not when this task next runs
    display = app._display

    def noting_display(screen, renderable):
        display(screen, renderable)
        if renderable is not None and not frame.is_set():
            shown.append(time.perf_counter())
            frame.set()

    app._display = noting_display
    index = getattr(app, "search_index", None)
    if index is not None:
        # Measure the steady state: the app builds this index in the background
        # shortly after start-up, and that one-off build must not land in a key.
        index.ready()
    times = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in keys:
            frame.clear()
            started = time.perf_counter()
            app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
            await asyncio.wait_for(frame.wait(), timeout=10)
            times.append(shown[-1] - started)
            await pilot.pause()
        for key in settle:  # keys that tidy up afterwards, not measured
            await pilot.press(key)
    return times


def minimal_key_ms(keys: list[str]) -> float:
    return median_ms(asyncio.run(frame_times(MinimalApp(), keys)))


def board_key_ms(path: Path, keys: list[str]) -> float:
    from tui.app import LeadboardApp

    store = LeadStore.open(path)
    try:
        return median_ms(asyncio.run(frame_times(LeadboardApp(store, "en"), keys)))
    finally:
        store.close(fold=False)  # the journal keeps the moves; no 100k fold per round


def let_go() -> None:
    """Free what a finished app left. The app freezes its leads and indexes
    out of the collector's sight, as it lives on with them; the benchmarks
    run app after app in one process, and the cycles among a finished app's
    objects would stay frozen: a gigabyte or two for each app at 100k."""
    gc.unfreeze()
    gc.collect()


def in_turn(measure, files: dict[int, Path], sizes: Iterable[int], rounds: int = 3,
            baseline=None) -> dict[int | None, float]:
    """Each size in turn, round after round, so that load on the machine does
    not land on one size only; with ``baseline`` (under None) measured in
    every round too, beside them. The median of each one's rounds."""
    sizes = tuple(sizes)
    samples: dict[int | None, list[float]] = {n: [] for n in (*sizes, None)}
    for _ in range(rounds):
        if baseline is not None:
            samples[None].append(baseline())
            let_go()
        for n in sizes:
            samples[n].append(measure(files[n]))
            let_go()
    return {n: statistics.median(values) for n, values in samples.items() if values}


# Presses per round. The down arrow starts at the top of Q1: its first 15
# move the cursor down the view (two lines repaint), the rest scroll the list
# (every line repaints). 45 puts the median among the scrolling ones; with 30
# it fell between the two kinds and jumped from run to run.
PRESSES = {"down": 45, "4": 30}


def key_rounds(files: dict[int, Path], key: str, rounds: int = 5) -> dict[int | None, float]:
    """A key on the board at each size, and the minimal app's key (under None).
    Five rounds: a whole process runs fast or slow on this machine (the same
    keys take 0.9 or 1.9 ms), and three did not always even that out."""
    return in_turn(lambda path: board_key_ms(path, [key] * PRESSES[key]), files, sorted(files),
                   rounds, baseline=lambda: minimal_key_ms(["down"] * 40))


def regrade_durable_ms(path: Path, repeats: int = 60) -> tuple[float, float]:
    """One regrade journaled and fsynced, beside a raw append + fsync of the same bytes."""
    store = LeadStore.open(path)
    try:
        lead_id = next(iter(store.leads))
        times, sizes = [], []
        for index in range(repeats):
            before = store.journal_bytes
            started = time.perf_counter()
            store.move_to_quadrant(lead_id, 1 + index % 4)
            times.append(time.perf_counter() - started)
            sizes.append(store.journal_bytes - before)
        for _ in range(repeats):
            store.undo()
    finally:
        store.close()
    return median_ms(times), raw_append_ms(int(statistics.median(sizes)), repeats)


def raw_append_ms(size: int, repeats: int) -> float:
    data = b"x" * (size - 1) + b"\n"
    with tempfile.TemporaryDirectory() as folder:
        fd = os.open(Path(folder) / "raw", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            os.write(fd, data)
            os.fsync(fd)
            times.append(time.perf_counter() - started)
        os.close(fd)
    return median_ms(times)


def journal_cold_start(path: Path, entries: int, repeats: int) -> tuple[float, float]:
    """Cold start with ``entries`` journal lines left by a crash, and with none,
    on two copies of one file, taken in turn, each until every lead is loaded
    (neither has a preview of its board: a crash leaves none that fits)."""
    LeadStore.open(path).close()  # fold whatever earlier rounds left
    with tempfile.TemporaryDirectory() as folder:
        crashed, clean = Path(folder) / path.name, Path(folder) / f"clean-{path.name}"
        shutil.copy(path, crashed)
        shutil.copy(path, clean)
        store = LeadStore.open(crashed)
        for index, lead_id in enumerate(list(store.leads)[:entries]):
            store.move_to_quadrant(lead_id, 1 + index % 4)
        store._release()  # as a crash would: the journal stays unfolded
        with_journal, empty = [], []
        for _ in range(repeats):
            empty.append(one_cold_start(clean, ready=True)["seconds"])
            with_journal.append(one_cold_start(crashed, ready=True)["seconds"])
    return median_ms(with_journal), median_ms(empty)


def run(files: dict[int, Path], repeats: int = 5) -> list[Row]:
    rows: list[Row] = []
    largest, smallest = max(files), min(files)
    key_ms = {key: key_rounds(files, key) for key in ("down", "4")}
    for count, path in sorted(files.items()):
        size = f"{count:,}"
        start, ready, base_start, peak = cold_start_pair(path, repeats)
        limit = {10_000: 2, 100_000: 3}.get(count)
        rows.append(row("cold start to board painted", size, start * 1000, "minimal app",
                        base_start * 1000, f"≤ {limit}×" if limit else "",
                        None if limit is None else start / base_start <= limit))
        rows.append(row("cold start to every lead loaded", size, ready * 1000, "minimal app",
                        base_start * 1000, "", None))
        for key, name in (("down", "key: down arrow"), ("4", "key: move to quadrant")):
            ms, base_key = key_ms[key][count], key_ms[key][None]
            met = ms / base_key <= 1.5 if count == largest else None
            rows.append(row(name, size, ms, "minimal app key", base_key,
                            "≤ 1.5×" if count == largest else "", met))
        durable, raw = regrade_durable_ms(path)
        goal, met = "", None
        if count == 10_000:
            goal, met = "≤ 25 ms", durable <= 25
        elif count == largest:
            goal, met = "≤ 10× raw", durable / raw <= 10
        rows.append(row("regrade made durable", size, durable, "raw append+fsync", raw, goal, met))
        if count == largest:
            rows.append(row("peak memory (MiB, not ms)", size, peak / 1024, "—", 0, "", None))
    for key, name in (("down", "key: down arrow"), ("4", "key: move to quadrant")):
        big, small = key_ms[key][largest], key_ms[key][smallest]
        rows.append(row(f"{name}, largest vs smallest", f"{largest:,} vs {smallest:,}", big,
                        f"same at {smallest:,}", small, "≤ 1.10×", big / small <= 1.10))
    with_journal, empty = journal_cold_start(files[largest], 10_000, repeats)
    rows.append(row("cold start, 10k-entry journal", f"{largest:,}", with_journal,
                    "same, empty journal", empty, "≤ 1.2×", with_journal / empty <= 1.2))
    return rows
