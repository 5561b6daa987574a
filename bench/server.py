"""A team's base on a PostgreSQL server: opening it beside opening the same
leads from the file, and one change made durable beside a raw single-row
upsert, another rep's change painted on an open board, and ten reps
changing the base at once (the team drill's reps, tests/drill_rep.py), on a
throwaway server of the bench's own (fsync and synchronous_commit on, as a
real server has them)."""

from __future__ import annotations

import asyncio
import gc
import statistics
import tempfile
import time
from pathlib import Path

import orjson

from bench.core import Row, median_ms, row
from store.backends.postgres import connect, init_base
from store.leadstore import LeadStore
from tests.drill import Drill
from tests.pg_server import Server


def copy_in(path: Path, url: str) -> None:
    """Every record of the data file into the base at ``url``, as the store keeps them."""
    with LeadStore.open(path, read_only=True) as store, connect(url) as conn:
        with conn.cursor().copy("COPY records (tbl, id, doc) FROM STDIN") as copy:
            for name, table in store._tables.items():
                for obj_id, doc in table.documents():
                    copy.write_row((name, obj_id, orjson.dumps(doc).decode()))


def open_ms(location: Path | str, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        gc.collect()
        started = time.perf_counter()
        store = LeadStore.open(location)
        times.append(time.perf_counter() - started)
        store.close(fold=False)
    return median_ms(times)


def durable_ms(url: str, repeats: int) -> tuple[float, float]:
    """One regrade committed on the server, beside a raw upsert of one row
    of the same document, each its own transaction."""
    store = LeadStore.open(url)
    try:
        lead_id = next(iter(store.leads))
        times = []
        for index in range(repeats):
            started = time.perf_counter()
            store.move_to_quadrant(lead_id, 1 + index % 4)
            times.append(time.perf_counter() - started)
        doc = orjson.dumps(store.lead_doc(lead_id)).decode()
    finally:
        store.close()
    with connect(url) as conn:
        conn.execute("CREATE TABLE raw (id int PRIMARY KEY, doc jsonb)")
        raw = []
        for _ in range(repeats):
            started = time.perf_counter()
            conn.execute("INSERT INTO raw VALUES (1, %s) ON CONFLICT (id)"
                         " DO UPDATE SET doc = excluded.doc", [doc])
            raw.append(time.perf_counter() - started)
    return median_ms(times), median_ms(raw)


def painted_ms(url: str, repeats: int) -> tuple[float, float]:
    """Another rep renames the lead at the top of an open board: from just
    before their change is sent until the board's screen shows the new
    name, beside their commit alone."""
    return asyncio.run(_painted(url, repeats))


async def _painted(url: str, repeats: int) -> tuple[float, float]:
    from tests.test_cjk_overlay_fix import screen_text
    from tui.app import LeadboardApp

    app = LeadboardApp(LeadStore.open(url), "en")
    other = LeadStore.open(url)
    painted, committed = [], []
    try:
        async with app.run_test(size=(130, 40)) as pilot:
            while not (app.listener and app.listener.reached.is_set()):
                await pilot.pause(0.01)
            lead_id = app.focused.lead_id
            for index in range(repeats):
                name = f"测量{index:03d}"
                started = time.perf_counter()
                other.edit_lead(lead_id, name=name)
                committed.append(time.perf_counter() - started)
                while name not in screen_text(app):
                    await pilot.pause(0.002)
                painted.append(time.perf_counter() - started)
    finally:
        other.close()
        app.store.close()
    return median_ms(painted), median_ms(committed)


def reps_at_once(server: Server, reps: int = 10, changes: int = 200) -> dict[str, float]:
    """The team drill on a base of its own: ``reps`` processes, each its own
    rep, making ``changes`` changes each at once, half on 50 shared pool
    leads. Changes saved per second of the whole, and each change's time
    from the rep's call until saved (clashes settled on the way)."""
    url = server.create_database()
    init_base(url)
    with tempfile.TemporaryDirectory() as folder:
        drill = Drill(url, Path(folder), reps=reps, changes=changes).set_up()
        try:
            drill.start()
            drill.finish()
        finally:
            drill.stop()
        saved = [e["ms"] for rep in drill.reps for e in drill.said(rep, "saved")]
        clashes = sum(len(drill.said(rep, "clash")) for rep in drill.reps)
    return {"saved": len(saved), "per_s": len(saved) / (drill.ended - drill.started),
            "p95_ms": statistics.quantiles(saved, n=20)[-1],
            "median_ms": statistics.median(saved), "clashes": clashes}


def run(files: dict[int, Path], repeats: int = 5) -> list[Row]:
    count = max(files)
    path, size = files[count], f"{count:,}"
    server = Server().start()
    try:
        url = server.create_database()
        init_base(url)
        copy_in(path, url)
        server_ms, file_ms = open_ms(url, repeats), open_ms(path, repeats)
        change, upsert = durable_ms(url, 60)
        seen, commit = painted_ms(url, 20)
        team = reps_at_once(server)
    finally:
        server.stop()
    return [
        row("open every lead from PostgreSQL", size, server_ms, "from the file", file_ms,
            "≤ 1×", server_ms <= file_ms),
        row("regrade made durable on the server", size, change, "raw one-row upsert", upsert,
            "≤ 10× raw", change / upsert <= 10),
        row("another rep's change painted on an open board", size, seen,
            "their commit", commit, "< 1 s", seen < 1000),
        *team_rows(team, change),
    ]


def team_rows(team: dict[str, float], alone_ms: float) -> list[Row]:
    size = f"10 reps × 200 changes, {team['clashes']:,} clashes"
    return [
        row(f"10 concurrent reps: {team['per_s']:,.0f} changes per second (time per change)",
            size, 1000 / team["per_s"], "one rep alone: a regrade made durable", alone_ms,
            "in the table", None),
        row("10 concurrent reps: p95 latency of a change", size, team["p95_ms"],
            "their median", team["median_ms"], "in the table", None),
    ]
