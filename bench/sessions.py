"""Triage sessions: opening one, and each decision."""

from __future__ import annotations

import asyncio
import statistics
from pathlib import Path

from bench.core import Row, frame_times, in_turn, median_ms, minimal_key_ms, row


def _with_app(path: Path, work):
    from tui.app import LeadboardApp
    from store.leadstore import LeadStore

    store = LeadStore.open(path)
    try:
        return work(LeadboardApp(store, "en"))
    finally:
        store.close(fold=False)  # keep the decisions in the journal; no 100k fold per round


def session_open_ms(path: Path, repeats: int = 5) -> float:
    """`t` (the queue's makeup painted) plus `enter` (the first lead painted)."""
    def work(app):
        keys = ["t", "enter", "escape", "enter"] * repeats
        times = asyncio.run(frame_times(app, keys))
        return [times[i] + times[i + 1] for i in range(0, len(times), 4)]

    return statistics.median(_with_app(path, work)) * 1000


def decision_ms(path: Path, decisions: int = 30) -> float:
    def work(app):
        keys = ["t", "enter"] + ["1", "2", "3", "4"] * (decisions // 4)
        return median_ms(asyncio.run(frame_times(app, keys, settle=["escape", "enter"]))[2:])

    return _with_app(path, work)


def run(files: dict[int, Path]) -> list[Row]:
    smallest, largest = min(files), max(files)
    opened = in_turn(session_open_ms, files, (smallest, largest))
    decided = in_turn(decision_ms, files, (smallest, largest), rounds=5,
                      baseline=lambda: minimal_key_ms(["down"] * 40))
    base_key = decided[None]
    rows = [
        row("t to session painted", f"{largest:,}", opened[largest], f"same at {smallest:,}",
            opened[smallest], "≤ 1.5×", opened[largest] / opened[smallest] <= 1.5),
    ]
    for count in (smallest, largest):
        rows.append(row("decision key to next lead painted", f"{count:,}", decided[count],
                        "minimal app key", base_key, "≤ 2×", decided[count] / base_key <= 2))
    rows.append(row("decision key, largest vs smallest", f"{largest:,} vs {smallest:,}",
                    decided[largest], f"same at {smallest:,}", decided[smallest], "≤ 1.10×",
                    decided[largest] / decided[smallest] <= 1.10))
    return rows
