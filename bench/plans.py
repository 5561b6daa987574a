"""Plan benchmarks: painting the month plan and exporting it to JSON.

Figures, each beside its baseline measured in the same run (medians):
- ``p`` to the month plan painted, 5,000 contacts among 100k leads, against
  the same with 50 contacts among 1k leads (goal: at most 1.5x);
- exporting that month to JSON against a plain ``json.dumps`` of the same
  records (goal: at most 3x);
- switching the plan's tabs (week, month, no next step, day), from the key to
  the new tab's rows painted (the slowest tab's median), in the demo file of 100k leads (about 145k
  contacts, 50k leads with no next step) against the same in the demo's 1k
  (goal: at most 50 ms).
"""

from __future__ import annotations

import asyncio
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

from bench.core import in_turn, let_go
from store.demo import generate, write_demo
from store.export import Format, gather, plan_document, render
from store.leadstore import Change, LeadStore
from store.model import Contact, Method, Purpose
from store.plan import Period, period_span

CONTACT_SHARE = 0.05  # 5,000 contacts for 100k leads, 50 for 1k
REPEATS = 5
TAB_KEYS = "wmnd"  # from the day tab: every tab once per round, each from another
TAB_GOAL_MS = 50.0
NOW = datetime.fromisoformat("2026-11-16T10:00:00+08:00")


def _clock() -> datetime:
    return NOW


def _changes(leads: int, contacts: int) -> Iterator[Change]:
    """Demo leads without their contacts, then ``contacts`` plans this month."""
    for change in generate(leads, 7, NOW):
        if change[0] == "leads":
            yield change
    rng = random.Random(11)
    span = period_span(Period.MONTH, NOW)
    minutes = int((span.end - span.start).total_seconds() // 60)
    for contact_id in range(1, contacts + 1):
        at = span.start + timedelta(minutes=rng.randrange(0, minutes, 30))
        yield ("contacts", contact_id, None, Contact(
            id=contact_id, lead_id=rng.randint(1, leads), at=at, method=rng.choice(tuple(Method)),
            purpose=rng.choice(tuple(Purpose)), created=NOW, updated=NOW))


def build(folder: Path, leads: int) -> Path:
    path = folder / f"plan-{leads}.json"
    with LeadStore.open(path, clock=_clock) as store:
        store.commit("demo", _changes(leads, max(1, int(leads * CONTACT_SHARE))), undoable=False)
    return path


def _median(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def _timed(action: Callable[[], object]) -> float:
    samples = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        action()
        samples.append(time.perf_counter() - started)
    return _median(samples)


async def _paint_ms(path: Path) -> float:
    from tui.app import LeadboardApp
    from tui.screens.plan import PlanScreen

    store = LeadStore.open(path, clock=_clock, read_only=True)
    app = LeadboardApp(store, "en")
    samples = []
    async with app.run_test(size=(130, 40)) as pilot:
        await pilot.pause()
        for _ in range(REPEATS):
            started = time.perf_counter()
            await app.push_screen(PlanScreen("month"))
            await pilot.pause()
            samples.append(time.perf_counter() - started)
            app.pop_screen()
            await pilot.pause()
    store.close()
    return _median(samples)


async def _switch_times(path: Path) -> list[float]:
    """Seconds from each tab key reaching the app to the frame, handed to the
    terminal, in which the plan list drew the new tab's rows."""
    from textual import events

    from tui.app import LeadboardApp
    from tui.screens.plan import PlanScreen
    from widgets.plan_list import PlanList

    store = LeadStore.open(path, read_only=True)
    app = LeadboardApp(store, "en")
    app.search_index.ready()  # its one-off build in the background must not land in a key
    painted = asyncio.Event()
    drawn, shown = [False], []
    display = app._display

    def noting_display(screen, renderable):
        display(screen, renderable)
        if renderable is not None and drawn[0] and not painted.is_set():
            shown.append(time.perf_counter())
            painted.set()

    app._display = noting_display
    times = []
    async with app.run_test(size=(130, 40)) as pilot:
        await app.push_screen(PlanScreen("day"))
        await pilot.pause()
        plan_list = app.screen.query_one(PlanList)
        render_line, before = plan_list.render_line, plan_list.rows

        def noting_line(y: int):  # a line of the new tab, not the old one
            drawn[0] = drawn[0] or plan_list.rows is not before
            return render_line(y)

        plan_list.render_line = noting_line
        for key in TAB_KEYS * REPEATS:
            painted.clear()
            drawn[0], before = False, plan_list.rows
            started = time.perf_counter()
            app._driver.send_message(events.Key(key, key))
            await asyncio.wait_for(painted.wait(), timeout=10)
            times.append(shown[-1] - started)
            await pilot.pause(0.35)  # the tabs' underline slides for 0.3 s
    store.close()
    let_go()
    return times


def switch_ms(path: Path) -> float:
    """The slowest tab's median: a median over all four would hide one slow tab."""
    times = asyncio.run(_switch_times(path))
    return max(_median(times[at::len(TAB_KEYS)]) for at in range(len(TAB_KEYS)))


def _demo_files(folder: Path, sizes: list[int]) -> dict[int, Path]:
    files = {}
    for count in sizes:
        files[count] = folder / f"demo-{count}.json"
        with LeadStore.open(files[count]) as store:
            write_demo(store, count, seed=1)
    return files


def switch_row(files: dict[int, Path], small: int, big: int) -> dict:
    medians = in_turn(switch_ms, files, (small, big))
    big_ms, small_ms = medians[big], medians[small]
    return {"figure": "switch plan tab (w m n d)", "size": f"{big:,} demo leads",
            "value_ms": big_ms, "baseline": f"{small:,} demo leads", "baseline_ms": small_ms,
            "ratio": big_ms / small_ms, "goal": f"<= {TAB_GOAL_MS:.0f} ms",
            "met": big_ms <= TAB_GOAL_MS}


def _export_figures(path: Path) -> tuple[float, float, int]:
    store = LeadStore.open(path, clock=_clock, read_only=True)  # frozen, as in the app
    span = period_span(Period.MONTH, NOW)
    export_ms = _timed(lambda: render(store, gather(store, span, "month"), Format.JSON))
    plan = gather(store, span, "month")
    document = plan_document(store, plan)
    dumps_ms = _timed(lambda: json.dumps(document, ensure_ascii=False).encode())
    store.close()
    let_go()
    return export_ms, dumps_ms, len(plan.contacts)


def run(files: dict[int, Path] | None = None) -> list[dict]:
    """``files``: the demo files by size, as ``bench.run`` makes them; written here if None."""
    sizes = sorted(files or [1_000, 100_000])
    small, big = sizes[0], sizes[-1]
    with tempfile.TemporaryDirectory() as folder:
        small_path, big_path = build(Path(folder), small), build(Path(folder), big)
        small_ms = asyncio.run(_paint_ms(small_path))
        big_ms = asyncio.run(_paint_ms(big_path))
        export_ms, dumps_ms, count = _export_figures(big_path)
        switching = switch_row(files or _demo_files(Path(folder), sizes), small, big)
    paint_ratio, export_ratio = big_ms / small_ms, export_ms / dumps_ms
    return [
        {"figure": "p to month plan painted", "size": f"{big:,} leads, {count:,} contacts",
         "value_ms": big_ms, "baseline": f"{small:,} leads, {int(small * CONTACT_SHARE)} contacts",
         "baseline_ms": small_ms, "ratio": paint_ratio, "goal": "<= 1.5x",
         "met": paint_ratio <= 1.5},
        {"figure": "month plan to JSON", "size": f"{count:,} contacts of {big:,} leads",
         "value_ms": export_ms, "baseline": "json.dumps of the same records",
         "baseline_ms": dumps_ms, "ratio": export_ratio, "goal": "<= 3x",
         "met": export_ratio <= 3.0},
        switching,
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
