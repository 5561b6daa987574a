"""Ids of new records on a team's base, handed out by the server.

Two reps adding a lead at the same moment must not pick the same id, so a
client takes its ids from the server (``take_ids``, one counter per table)
in blocks: one at first, twice as many each time a block runs out, so a
rep who adds one lead wastes no id and an import of thousands asks a few
times, not thousands.
"""

from __future__ import annotations

import psycopg

from store.errors import ServerFailed

MOST = 1024  # the largest block taken at once


class ServerIds:
    def __init__(self, conn: psycopg.Connection, where: str) -> None:
        self._conn = conn
        self._where = where
        self._blocks: dict[str, tuple[int, int]] = {}  # table: (next id, end of block)
        self._sizes: dict[str, int] = {}

    def peek(self, table: str) -> int:
        """The id the next new record of ``table`` gets (taken from the
        server already, so nobody else gets it)."""
        first, end = self._blocks.get(table, (0, 0))
        if first >= end:
            size = self._sizes[table] = min(self._sizes.get(table, 0) * 2 or 1, MOST)
            first = self._take(table, size)
            self._blocks[table] = (first, first + size)
        return first

    def take(self, table: str) -> int:
        new_id = self.peek(table)
        self.used(table, new_id)
        return new_id

    def used(self, table: str, obj_id: int) -> None:
        """A record of ``table`` now has ``obj_id``: one of ours is spent."""
        first, end = self._blocks.get(table, (0, 0))
        if first <= obj_id < end:
            self._blocks[table] = (obj_id + 1, end)

    def _take(self, table: str, size: int) -> int:
        try:
            return self._conn.execute("SELECT take_ids(%s, %s)", (table, size)).fetchone()[0]
        except psycopg.Error as exc:
            raise ServerFailed(self._where, str(exc).strip().splitlines()[0]) from None
