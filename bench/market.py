"""Market benchmarks: the market screen, its figures, and the fleet's cost to the board.

Figures, each beside its baseline measured in the same run (medians):
- the market screen opened until its figures are painted, for the province
  with the most leads and for all regions, on the demo file of 100k leads
  and its fleet, against the same on the demo's 1k (goal: at most 1.5x):
  opened again with nothing changed (the figures kept), opened after a
  machine was changed (the region's tally the census keeps, moved by that
  machine, read into figures again), and the first opening in a session
  (the screen's code loaded; the census and the lost deals by region are
  built behind the board a few seconds after it paints, and waited for);
- the market's figures (``store.market.work_out``, all regions: worked out
  anew each time from the store's census, not the ones ``market`` keeps
  until the next change) on the 100k demo, against one plain Python pass
  over the same machine records that counts brand, size class and age with
  ``collections.Counter`` (goal: at most 3x);
- the board opened on the 100k demo until every lead is loaded (a cold
  start in a process of its own), against the same file with its machines
  table emptied (goal: at most 1.1x: the fleet costs the board little).
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path

from bench.apps import SIZE
from bench.core import Row, let_go, one_cold_start, row
from store.fleet import model_tonnes
from store.leadstore import LeadStore
from store.market import AGE_BANDS, SIZE_BANDS, work_out
from store.preview import close_with_preview

REPEATS = 5
ROUNDS = 2
OPEN_ROUNDS = 5
MACHINE_FIELDS = ("brand", "model", "tonnes", "year", "status")
MACHINE_DEFAULTS = (None, None, None, None, "working")


def busiest_province(path: Path) -> str:
    """The province most leads are in: the region a rep looks at first."""
    with LeadStore.open(path, read_only=True) as store:
        counts = Counter(p for _i, (p,) in store.lead_rows(("province",), ("",)) if p)
    return counts.most_common(1)[0][0]


# ------------------------------------------------------------ screen
FIRST = "first"  # the times key of the first opening in a session


async def _paint_times(path: Path, regions: list[str],
                       change: bool = False) -> dict[str, list[float]]:
    """Seconds from the market screen pushed to the frame, handed to the
    terminal, that shows its figures (worked out in a worker), per region;
    with ``change``, a machine's hour meter is changed (and saved) before
    each opening, as a rep's work between two looks at the market does."""
    from tui.app import LeadboardApp
    from tui.screens.market import MarketScreen

    store = LeadStore.open(path, read_only=not change)
    machine_id = next(iter(store.machines))
    app = LeadboardApp(store, "en")
    app.search_index.ready()  # its one-off build in the background must not land in a screen
    shown, painted, stamps = [False], asyncio.Event(), []
    display, show = app._display, MarketScreen.show

    def noting_display(screen, renderable):
        display(screen, renderable)
        if renderable is not None and shown[0] and not painted.is_set():
            stamps.append(time.perf_counter())
            painted.set()

    def noting_show(screen, *args, **kwargs):
        show(screen, *args, **kwargs)
        shown[0] = True

    app._display, MarketScreen.show = noting_display, noting_show
    times: dict[str, list[float]] = {region: [] for region in (*regions, FIRST)}
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            while not store.census_ready:  # built behind the board, seconds after it paints
                await asyncio.sleep(0.05)
            for turn in range(REPEATS + 1):  # the first turn loads the screen's code
                for region in regions:
                    if change:
                        hours = store.machine(machine_id).hours or 0
                        store.edit_machine(machine_id, hours=hours + 1)
                        await pilot.pause()  # the board takes it in: a moment before the key
                    shown[0] = False
                    painted.clear()
                    started = time.perf_counter()
                    await app.push_screen(MarketScreen(region))
                    await asyncio.wait_for(painted.wait(), timeout=60)
                    if turn:
                        times[region].append(stamps[-1] - started)
                    elif region == regions[0]:
                        times[FIRST].append(stamps[-1] - started)
                    app.pop_screen()
                    await pilot.pause()
    finally:
        MarketScreen.show = show
        store.close()
        let_go()
    return times


def screen_rows(files: dict[int, Path], small: int, big: int, province: str,
                folder: Path) -> list[Row]:
    regions = [province, ""]
    copies = {size: folder / f"changed-{size}.json" for size in (small, big)}
    for size, copy in copies.items():
        shutil.copy(files[size], copy)
    samples: dict[tuple[int, bool], dict[str, list[float]]] = {}
    for _ in range(ROUNDS):  # the sizes in turn, so that the machine's load falls on both
        for change in (False, True):
            for size in (small, big):
                path = copies[size] if change else files[size]
                for key, times in asyncio.run(_paint_times(path, regions, change)).items():
                    samples.setdefault((size, change), {}).setdefault(key, []).extend(times)
    ms = {at: {key: statistics.median(t) * 1000 for key, t in by.items()}
          for at, by in samples.items()}
    rows = []
    for change, how in ((False, "opened again"), (True, "after a machine changed")):
        for region, said in ((province, f"one province ({province})"), ("", "all regions")):
            rows.append(_screen_row(f"market screen painted, {said}, {how}",
                                    ms[big, change][region], ms[small, change][region], big, small))
    firsts = {size: statistics.median(samples[size, False][FIRST] + samples[size, True][FIRST])
              * 1000 for size in (small, big)}
    rows.append(_screen_row(f"market screen painted, one province ({province}), first opening "
                            "in a session", firsts[big], firsts[small], big, small))
    return rows


def _screen_row(figure: str, big_ms: float, small_ms: float, big: int, small: int) -> Row:
    return row(figure, f"{big:,} demo leads", big_ms, f"{small:,} demo leads", small_ms,
               "<= 1.5x", big_ms / small_ms <= 1.5)


# ------------------------------------------------------------ figures
def _band(value: float | None, lows: tuple[float, ...]) -> int:
    if value is None:
        return len(lows)
    at = 0
    for i, low in enumerate(lows):
        if value >= low:
            at = i
    return at


def plain_pass(store: LeadStore, this_year: int) -> tuple[Counter, Counter, Counter]:
    """The baseline: each machine record read once, and its brand, size
    class (the rep's, else the model's) and age band counted."""
    size_lows = tuple(low for _name, low in SIZE_BANDS)
    age_lows = tuple(low for _name, low in AGE_BANDS)
    brands, sizes, ages = Counter(), Counter(), Counter()
    for _id, (brand, model, tonnes, year, status) in store.machine_rows(
            MACHINE_FIELDS, MACHINE_DEFAULTS):
        if status == "scrapped":
            continue
        size = tonnes if tonnes is not None else model_tonnes(model)
        brands[brand] += 1
        sizes[brand, _band(size, size_lows)] += 1
        ages[brand, _band(None if year is None else this_year - year, age_lows)] += 1
    return brands, sizes, ages


def _median_ms(action) -> float:
    samples = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def figures_row(path: Path, size: int) -> Row:
    store = LeadStore.open(path, read_only=True)
    this_year = store.now().year
    machines = len(store.machines)
    work_out(store)  # the first call builds the census, as the app's first open does
    plain_ms = _median_ms(lambda: plain_pass(store, this_year))
    figures_ms = _median_ms(lambda: work_out(store))
    store.close()
    let_go()
    return row("market figures, all regions", f"{size:,} demo leads, {machines:,} machines",
               figures_ms, "one plain pass counting with Counter", plain_ms, "<= 3x",
               figures_ms / plain_ms <= 3.0)


# ------------------------------------------------------------ board
def without_machines(path: Path, folder: Path) -> Path:
    """A copy of the file with its machines table emptied, folded as the app leaves it."""
    copy = folder / f"{path.stem}-no-machines.json"
    shutil.copy(path, copy)
    with LeadStore.open(copy) as store:
        store.commit("demo", [("machines", i, m, None) for i, m in store.machines.items()],
                     undoable=False)
    return copy


def board_row(path: Path, size: int, folder: Path) -> Row:
    bare = without_machines(path, folder)
    for file in (path, bare):
        close_with_preview(LeadStore.open(file))
    fleet, empty = [], []
    for _ in range(OPEN_ROUNDS):  # in turn, so that the machine's load falls on both
        empty.append(one_cold_start(bare, ready=True)["seconds"])
        fleet.append(one_cold_start(path, ready=True)["seconds"])
    fleet_ms, empty_ms = statistics.median(fleet) * 1000, statistics.median(empty) * 1000
    return row("board opened, every lead loaded", f"{size:,} demo leads and their fleet",
               fleet_ms, "the same without machines", empty_ms, "<= 1.1x",
               fleet_ms / empty_ms <= 1.1)


def run(files: dict[int, Path] | None = None) -> list[Row]:
    """``files``: the demo files by size, as ``bench.run`` makes them; written here if None."""
    with tempfile.TemporaryDirectory() as folder:
        if files is None:
            from bench.run import demo_files

            files = demo_files([1_000, 100_000], Path(folder))
        small, big = min(files), max(files)
        province = busiest_province(files[small])
        rows = screen_rows(files, small, big, province, Path(folder))
        rows.append(figures_row(files[big], big))
        rows.append(board_row(files[big], big, Path(folder)))
    return rows


if __name__ == "__main__":
    import sys

    from bench.run import demo_files, table

    sizes = [int(a) for a in sys.argv[1:]] or [1_000, 100_000]
    with tempfile.TemporaryDirectory() as folder:
        print(table(run(demo_files(sizes, Path(folder)))))
