"""Other reps' changes, as they commit: a connection of its own that
LISTENs on the base's channel, in a thread, and reads from the change log
every change after the last one it passed on.

Each commit on the base is told on ``CHANNEL`` with its last change's
number (see ``ServerBackend.append``), and changes are numbered in the
order they commit: reading by number misses none, also after the
connection was lost, since the reading starts again where it stopped.
What it reads is handed on as :class:`News`: the changes (their numbers,
who made them and which records they touched) and those records as the
base holds them now, with their versions. The store takes them in on the
app's side (``LeadStore.take_news``).

When the connection is lost (the server restarted, the network away), the
listener says so and tries again, waiting a little longer each time, up to
``BACKOFF[-1]`` seconds; once it is back it says so and catches up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson
import psycopg

from store.backends.postgres import CHANNEL, connect
from store.errors import NoServer

BACKOFF = (0.1, 0.2, 0.5, 1.0, 2.0)  # seconds between tries to reach the server again
WAKE_S = 0.5  # how often a quiet listener looks whether it is to stop


@dataclass(frozen=True, slots=True)
class LoggedChange:
    """One change of the log: its number, the database role that made it,
    and the records it touched."""

    seq: int
    rep: str
    keys: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class News:
    """Changes read from the log, oldest first, and the records they touched
    as the base holds them now: (table, id, document, version), the
    document and version None for a record that is gone."""

    last: int
    changes: tuple[LoggedChange, ...]
    records: tuple[tuple[str, int, Any, int | None], ...]


def read_news(conn: psycopg.Connection, after: int) -> News | None:
    """Every change numbered after ``after``, as of one moment; None if there is none."""
    with conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        rows = conn.execute(
            "SELECT c.seq, c.rep, e->>0, (e->>1)::int FROM changes c"
            " LEFT JOIN LATERAL jsonb_array_elements(c.changes) e ON true"
            " WHERE c.seq > %s ORDER BY c.seq", [after]).fetchall()
        if not rows:
            return None
        changes: dict[int, tuple[str, list[tuple[str, int]]]] = {}
        for seq, rep, table, obj_id in rows:
            keys = changes.setdefault(seq, (rep, []))[1]
            if table is not None:
                keys.append((table, obj_id))
        touched = sorted({key for _rep, keys in changes.values() for key in keys})
        records = conn.execute(
            "SELECT t.tbl, t.id, r.doc, r.version"
            " FROM unnest(%s::text[], %s::int[]) AS t(tbl, id)"
            " LEFT JOIN records r ON r.tbl = t.tbl AND r.id = t.id",
            [[t for t, _i in touched], [i for _t, i in touched]]).fetchall()
    return News(max(changes), tuple(LoggedChange(seq, rep, tuple(keys))
                                    for seq, (rep, keys) in changes.items()),
                tuple(records))


class Listener:
    """Hands every change after ``last`` to ``on_news`` (in its own thread),
    and ``on_state(True/False, detail)`` when the server is reached again or
    lost. :meth:`stop` ends it."""

    def __init__(self, location: str, last: int, on_news: Callable[[News], None],
                 on_state: Callable[[bool, str], None]) -> None:
        self.location = location
        self.last = last
        self._on_news = on_news
        self._on_state = on_state
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="leadboard-listener",
                                        daemon=True)
        self.conn: psycopg.Connection | None = None
        self.reached = threading.Event()  # set while the listener is connected

    def start(self) -> Listener:
        self._thread.start()
        return self

    def stop(self, wait_s: float = 2.0) -> None:
        self._stopping.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(wait_s)

    def _run(self) -> None:
        tries = 0
        lost = False
        while not self._stopping.is_set():
            try:
                with connect(self.location) as conn:
                    self.conn = conn
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.reached.set()
                    if lost:
                        self._on_state(True, "")
                    tries, lost = 0, False
                    self._catch_up(conn)
                    self._follow(conn)
            except (psycopg.Error, NoServer) as exc:
                self.reached.clear()
                if self._stopping.is_set():
                    break
                if not lost:
                    lost = True
                    self._on_state(False, _first_line(exc))
                self._stopping.wait(BACKOFF[min(tries, len(BACKOFF) - 1)])
                tries += 1
            finally:
                self.conn = None
        self.reached.clear()

    def _follow(self, conn: psycopg.Connection) -> None:
        """Catch up at each commit told, until told to stop."""
        while not self._stopping.is_set():
            # The connection is the generator's until it ends: read after it.
            told = [_told_seq(n.payload) for n in conn.notifies(timeout=WAKE_S, stop_after=1)]
            if told and max(told) > self.last:
                self._catch_up(conn)

    def _catch_up(self, conn: psycopg.Connection) -> None:
        news = read_news(conn, self.last)
        if news is not None:
            self.last = news.last
            self._on_news(news)


def _told_seq(payload: str) -> int:
    try:
        return int(orjson.loads(payload)["seq"])
    except (ValueError, KeyError, TypeError):
        return 1 << 62  # not ours to read: catch up, to be sure


def _first_line(exc: BaseException) -> str:
    if isinstance(exc, NoServer):
        return str(exc.params.get("detail", ""))
    return (str(exc).strip() or type(exc).__name__).splitlines()[0]
