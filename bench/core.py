"""Triage-core and durability figures, each beside a baseline from the same run."""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.apps import SIZE, MinimalApp
from store.leadstore import LeadStore

ROOT = Path(__file__).resolve().parents[1]
Row = dict[str, object]


def row(figure: str, size: str, value_ms: float, baseline: str, baseline_ms: float,
        goal: str, met: bool | None) -> Row:
    ratio = value_ms / baseline_ms if baseline_ms else float("nan")
    return {"figure": figure, "size": size, "value_ms": value_ms, "baseline": baseline,
            "baseline_ms": baseline_ms, "ratio": ratio, "goal": goal, "met": met}


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def cold_start(db: Path | None, repeats: int) -> tuple[float, int]:
    """Median seconds to painted and the largest peak memory, in fresh processes."""
    args = [sys.executable, "-m", "bench.coldstart"] + (["--db", str(db)] if db else [])
    seconds, peaks = [], []
    for _ in range(repeats):
        out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        seconds.append(result["seconds"])
        peaks.append(result["peak_kib"])
    return statistics.median(seconds), max(peaks)


async def frame_times(app, keys: list[str], settle: list[str] = ()) -> list[float]:
    """Seconds from each key arriving to the updated screen handed to the terminal.

    The app's display hook is wrapped to note when a frame goes out, so the
    test harness's own idle waiting is not counted.
    """
    from textual import events

    frame = asyncio.Event()
    display = app._display

    def noting_display(screen, renderable):
        display(screen, renderable)
        if renderable is not None:
            frame.set()

    app._display = noting_display
    times = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in keys:
            frame.clear()
            started = time.perf_counter()
            app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
            await asyncio.wait_for(frame.wait(), timeout=10)
            times.append(time.perf_counter() - started)
            await pilot.pause()
        for key in settle:  # keys that tidy up afterwards, not measured
            await pilot.press(key)
    return times


def minimal_key_ms(keys: list[str]) -> float:
    return median_ms(asyncio.run(frame_times(MinimalApp(), keys)))


def board_key_ms(path: Path, keys: list[str]) -> float:
    from tui.app import LeadboardApp
    from tui.cli import open_store

    store = open_store(path)
    try:
        return median_ms(asyncio.run(frame_times(LeadboardApp(store, "en"), keys)))
    finally:
        store.close()


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
    """Cold start with ``entries`` journal lines left by a crash, and with none."""
    empty, _ = cold_start(path, repeats)
    store = LeadStore.open(path)
    ids = list(store.leads)[:entries]
    for index, lead_id in enumerate(ids):
        store.move_to_quadrant(lead_id, 1 + index % 4)
    store._release()  # as a crash would: the journal stays unfolded
    with_journal, _ = cold_start(path, repeats)
    store = LeadStore.open(path)
    store.close()
    return with_journal * 1000, empty * 1000


def run(files: dict[int, Path], repeats: int = 5) -> list[Row]:
    rows: list[Row] = []
    base_start, _ = cold_start(None, repeats)
    base_key = minimal_key_ms(["down"] * 40)
    largest = max(files)
    key_ms: dict[tuple[int, str], float] = {}
    for count, path in sorted(files.items()):
        size = f"{count:,}"
        start, peak = cold_start(path, repeats)
        goal = {10_000: "≤ 2×", 100_000: "≤ 3×"}.get(count, "")
        limit = {10_000: 2, 100_000: 3}.get(count)
        rows.append(row("cold start to board painted", size, start * 1000, "minimal app",
                        base_start * 1000, goal, None if limit is None else start / base_start <= limit))
        for key, name in (("down", "key: down arrow"), ("4", "key: move to quadrant")):
            ms = key_ms[(count, key)] = board_key_ms(path, [key] * 30)
            met = ms / base_key <= 1.5 if count == largest else None
            rows.append(row(name, size, ms, "minimal app key", base_key,
                            "≤ 1.5×" if count == largest else "", met))
        durable, raw = regrade_durable_ms(path)
        rows.append(row("regrade made durable", size, durable, "raw append+fsync", raw,
                        "≤ 25 ms" if count == 10_000 else ("≤ 10× raw" if count == largest else ""),
                        durable <= 25 if count == 10_000 else (
                            durable / raw <= 10 if count == largest else None)))
        if count == largest:
            rows.append(row("peak memory (MiB, not ms)", size, peak / 1024, "—", 0, "", None))
    smallest = min(files)
    for key, name in (("down", "key: down arrow"), ("4", "key: move to quadrant")):
        big, small = key_ms[(largest, key)], key_ms[(smallest, key)]
        rows.append(row(f"{name}, largest vs smallest", f"{largest:,} vs {smallest:,}", big,
                        f"same at {smallest:,}", small, "≤ 1.10×", big / small <= 1.10))
    with_journal, empty = journal_cold_start(files[largest], 10_000, repeats)
    rows.append(row("cold start, 10k-entry journal", f"{largest:,}", with_journal,
                    "same, empty journal", empty, "≤ 1.2×", with_journal / empty <= 1.2))
    return rows
