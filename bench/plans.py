"""Plan benchmarks: painting the month plan and exporting it to JSON.

Figures, each beside its baseline measured in the same run (medians):
- ``p`` to the month plan painted, 5,000 contacts among 100k leads, against
  the same with 50 contacts among 1k leads (goal: at most 1.5x);
- exporting that month to JSON against a plain ``json.dumps`` of the same
  records (goal: at most 3x).
"""

from __future__ import annotations

import asyncio
import gc
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

from store.demo import generate
from store.export import Format, gather, plan_document, render
from store.leadstore import Change, LeadStore
from store.model import Contact, Method, Purpose
from store.plan import Period, period_span

CONTACT_SHARE = 0.05  # 5,000 contacts for 100k leads, 50 for 1k
REPEATS = 5
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


def _export_figures(path: Path) -> tuple[float, float, int]:
    store = LeadStore.open(path, clock=_clock, read_only=True)  # frozen, as in the app
    span = period_span(Period.MONTH, NOW)
    export_ms = _timed(lambda: render(store, gather(store, span, "month"), Format.JSON))
    plan = gather(store, span, "month")
    document = plan_document(store, plan)
    dumps_ms = _timed(lambda: json.dumps(document, ensure_ascii=False).encode())
    store.close()
    gc.unfreeze()
    return export_ms, dumps_ms, len(plan.contacts)


def run(sizes: list[int] | None = None) -> list[dict]:
    sizes = sorted(sizes or [1_000, 100_000])
    small, big = sizes[0], sizes[-1]
    with tempfile.TemporaryDirectory() as folder:
        small_path, big_path = build(Path(folder), small), build(Path(folder), big)
        small_ms = asyncio.run(_paint_ms(small_path))
        big_ms = asyncio.run(_paint_ms(big_path))
        export_ms, dumps_ms, count = _export_figures(big_path)
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
    ]


if __name__ == "__main__":
    for row in run():
        print(row)
