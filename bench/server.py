"""A team's base on a PostgreSQL server: opening it beside opening the same
leads from the file, and one change made durable beside a raw single-row
upsert, on a throwaway server of the bench's own (fsync and
synchronous_commit on, as a real server has them)."""

from __future__ import annotations

import gc
import time
from pathlib import Path

import orjson

from bench.core import Row, median_ms, row
from store.backends.postgres import connect, init_base
from store.leadstore import LeadStore
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
    finally:
        server.stop()
    return [
        row("open every lead from PostgreSQL", size, server_ms, "from the file", file_ms,
            "≤ 1×", server_ms <= file_ms),
        row("regrade made durable on the server", size, change, "raw one-row upsert", upsert,
            "≤ 10× raw", change / upsert <= 10),
    ]
