"""Search benchmarks: the engine per key press, the app per key press, start-up.

Each figure is measured beside its baseline in the same run:

- engine: every prefix of five typed queries, p50 and p95, beside a plain
  Python substring scan over the same lead texts (goal: p95 <= 4x the scan);
  and a search right after a regrade, beside the same search with nothing
  changed (goal of our own: <= 2x; the index follows the one lead changed);
- app: a 5-character query typed into the search bar of a fresh app, each key
  press until the board narrowed to its matches is painted, beside a key press
  on a minimal Textual app (goal: <= engine p95 + 1.5x that key press); five
  rounds in turn, each key's median, the slowest key's figure; timed both from
  the key to the paint that shows its outcome, and by the test pilot (which
  adds its own waiting to both);
- start-up: opening the file and painting the board, beside the same file with
  the search keys taken out, as it was before them (goal: <= 1.1x).

``python -m bench.search 10000 100000`` prints the rows.
"""

from __future__ import annotations

import asyncio
import gc
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from bench.core import let_go
from store.demo import write_demo
from store.leadstore import LeadStore
from store.seal import seal
from store.search import SearchIndex, parse_query, search

QUERIES = {
    "CJK fragment": "临沂宏达",
    "pinyin initials": "lyhd",
    "full pinyin, typo": "wangwie",
    "phone digits": "1380539",
    "fielded + text": "q:1 region:临沂 wang",
}
APP_QUERY = "zhang"
REPEATS = 5
APP_ROUNDS = 5  # fresh apps, each typing APP_QUERY once


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def _row(figure: str, size: int, value: float, baseline: str, base: float, goal: str,
         met: bool) -> dict:
    return {"figure": figure, "size": f"{size:,} leads", "value_ms": _ms(value),
            "baseline": baseline, "baseline_ms": _ms(base),
            "ratio": round(value / base, 2) if base else 0.0, "goal": goal, "met": met}


def demo_file(folder: Path, size: int) -> Path:
    path = folder / f"search-{size}.json"
    store = LeadStore.open(path)
    write_demo(store, size, seed=7)
    store.close()
    return path


# ---------------------------------------------------------------- engine
def engine_rows(store: LeadStore, size: int) -> tuple[list[dict], float]:
    index = SearchIndex(store).build()
    texts = index.texts()
    ours: list[float] = []
    scans: list[float] = []
    for text in QUERIES.values():
        for end in range(1, len(text) + 1):
            typed = text[:end]
            for _ in range(REPEATS):
                start = time.perf_counter()
                try:
                    search(index, parse_query(typed), 50)
                except Exception:  # a half-typed filter: the parser says so, fast
                    pass
                ours.append(time.perf_counter() - start)
                start = time.perf_counter()
                [i for i, s in enumerate(texts) if typed in s]  # noqa: B018
                scans.append(time.perf_counter() - start)
    scan_p50, scan_p95 = statistics.median(scans), _p95(scans)
    p50, p95 = statistics.median(ours), _p95(ours)
    # The goal is set for p95 at 100k; the other rows are there to read, not to judge.
    judged = size >= 100_000
    rows = [
        _row("engine per key press, p50", size, p50, "substring scan p50", scan_p50, "", None),
        _row("engine per key press, p95", size, p95, "substring scan p95", scan_p95,
             "p95 <= 4x scan" if judged else "", p95 <= 4 * scan_p95 if judged else None),
    ]
    return rows, p95


def after_edit_rows(path: Path, size: int, rounds: int = 15) -> list[dict]:
    """A search right after a lead is regraded (the index follows the change),
    beside the same search with nothing changed before it."""
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / path.name
        copy.write_bytes(path.read_bytes())
        store = LeadStore.open(copy)
        try:
            index = SearchIndex(store).build()
            lead_ids = list(store.leads)[:rounds]
            edited, unchanged = [], []
            for at, lead_id in enumerate(lead_ids):
                start = time.perf_counter()
                search(index, parse_query(APP_QUERY), 8)
                unchanged.append(time.perf_counter() - start)
                store.move_to_quadrant(lead_id, 1 + at % 4)
                start = time.perf_counter()
                search(index, parse_query(APP_QUERY), 8)
                edited.append(time.perf_counter() - start)
        finally:
            store.close(fold=False)
    ours, base = statistics.median(edited), statistics.median(unchanged)
    return [_row(f"engine: '{APP_QUERY}' right after a regrade", size, ours,
                 "same search, nothing changed", base, "<= 2x", ours <= 2 * base)]


# ---------------------------------------------------------------- app
class PaintClock:
    """When the screen was painted after a given moment: a key press is done
    for the user when the paint that shows its outcome is done."""

    def __init__(self) -> None:
        # When each paint was done, and the lines it drew (None: all of them).
        self.paints: list[tuple[float, set[int] | None]] = []
        self._render_update = None

    def __enter__(self) -> PaintClock:
        from textual._compositor import Compositor

        self._render_update = original = Compositor.render_update
        paints = self.paints

        def render_update(compositor, *args, **kwargs):
            update = original(compositor, *args, **kwargs)
            if update is not None:
                spans = getattr(update, "spans", None)
                lines = None if spans is None else {y for y, *_x in spans}
                paints.append((time.perf_counter(), lines))
            return update

        Compositor.render_update = render_update
        return self

    def __exit__(self, *exc_info: object) -> None:
        from textual._compositor import Compositor

        Compositor.render_update = self._render_update

    def first_after(self, moment: float, lines: Iterable[int] = ()) -> float:
        """The first paint after ``moment`` that drew all of ``lines``."""
        wanted = set(lines)
        return min((at for at, drawn in self.paints
                    if at >= moment and (drawn is None or wanted <= drawn)), default=float("nan"))


async def _minimal_key_press() -> tuple[float, float]:
    """Median key press on a minimal app: by the test pilot, and key to paint."""
    from textual.app import App
    from textual.widgets import Static

    class Minimal(App[None]):
        def compose(self):
            yield Static("x")

        def on_key(self, event) -> None:
            self.query_one(Static).update(event.key * 3)
            self.updated = time.perf_counter()

    piloted, painted = [], []
    app = Minimal()
    with PaintClock() as clock:
        async with app.run_test(size=(130, 40)) as pilot:
            for _ in range(20):
                start = time.perf_counter()
                await pilot.press("a")
                await pilot.pause()
                piloted.append(time.perf_counter() - start)
                painted.append(clock.first_after(app.updated) - start)
    return statistics.median(piloted), statistics.median(painted)


async def _app_key_presses(store: LeadStore) -> tuple[list[float], list[float]]:
    """Each key of APP_QUERY typed: by the test pilot, and key to the paint
    that shows the narrowed board."""
    from store.search.board import NarrowedBoard
    from tui.app import LeadboardApp

    narrowed: list[float] = []
    show_only = NarrowedBoard.show_only

    def timed_show_only(board, *args):
        show_only(board, *args)
        narrowed.append(time.perf_counter())

    NarrowedBoard.show_only = timed_show_only
    app = LeadboardApp(store, "en")
    piloted, painted = [], []
    try:
        with PaintClock() as clock:
            async with app.run_test(size=(130, 40)) as pilot:
                app.search_index.ready()  # as once built in the background after start-up
                gc.collect()
                gc.freeze()  # as the app does then
                await pilot.press("slash")
                for char in APP_QUERY:
                    narrowed.clear()
                    start = time.perf_counter()
                    await pilot.press(char)
                    await app.workers.wait_for_complete()
                    await pilot.pause()
                    piloted.append(time.perf_counter() - start)
                    # The paint that shows the narrowed board, Q1's list among it.
                    q1 = app.screen.board.lead_list(1).region.line_range
                    painted.append(clock.first_after(narrowed[-1], q1) - start)
    finally:
        NarrowedBoard.show_only = show_only
    return piloted, painted


def app_rows(store: LeadStore, size: int, engine_p95: float) -> list[dict]:
    """The query typed into a fresh app, APP_ROUNDS times in turn with the
    minimal app: each key's median over the rounds, and the slowest of those
    (a single round's slowest key swings by a millisecond or two with the
    machine)."""
    rounds = [[], [], [], []]  # minimal piloted, minimal painted, ours piloted, ours painted
    for _ in range(APP_ROUNDS):
        for into, value in zip(rounds, (*asyncio.run(_minimal_key_press()),
                                        *asyncio.run(_app_key_presses(store)))):
            into.append(value)
        let_go()
    base_piloted, base_painted = (statistics.median(r) for r in rounds[:2])
    piloted, painted = (max(map(statistics.median, zip(*r))) for r in rounds[2:])
    goal = "<= engine p95 + 1.5x minimal key press"
    return [
        _row(f"app: '{APP_QUERY}' typed, slowest key to results painted", size, painted,
             "key to paint, minimal Textual app", base_painted, goal,
             painted <= engine_p95 + 1.5 * base_painted),
        _row(f"app: '{APP_QUERY}' typed, slowest key press by the test pilot", size,
             piloted, "key press by the pilot, minimal Textual app", base_piloted, goal,
             piloted <= engine_p95 + 1.5 * base_piloted),
    ]


# ---------------------------------------------------------------- start-up
async def _paint(path: Path) -> float:
    from tui.app import LeadboardApp

    start = time.perf_counter()
    store = LeadStore.open(path, read_only=True)
    app = LeadboardApp(store, "en")
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.pause()
        elapsed = time.perf_counter() - start
    store.close()
    return elapsed


def startup_rows(path: Path, size: int) -> list[dict]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    for doc in raw["leads"].values():
        doc.pop("search_keys", None)
    before = path.with_name(path.stem + "-before.json")
    before.write_bytes(seal(raw))  # with its checksum anew, as the store writes it
    with_keys: list[float] = []
    without: list[float] = []
    for _ in range(5):  # in turn, so that the machine's load falls on both alike
        with_keys.append(asyncio.run(_paint(path)))
        let_go()
        without.append(asyncio.run(_paint(before)))
        let_go()
    ours, base = statistics.median(with_keys), statistics.median(without)
    return [_row("start-up: open and paint, search keys kept", size, ours,
                 "same file without search keys", base, "<= 1.1x", ours <= 1.1 * base)]


def run(sizes: list[int]) -> list[dict]:
    rows: list[dict] = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            path = demo_file(Path(folder), size)
            store = LeadStore.open(path, read_only=True)  # as the app opens it
            found, p95 = engine_rows(store, size)
            rows += found
            if size == max(sizes):
                rows += app_rows(store, size, p95)
            store.close()
            if size == max(sizes):
                rows += after_edit_rows(path, size)
            if size == max(sizes):
                rows += startup_rows(path, size)
    return rows


if __name__ == "__main__":
    for row in run([int(a) for a in sys.argv[1:]] or [10_000, 100_000]):
        print(row)
