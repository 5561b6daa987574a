"""The lead base on a PostgreSQL server, for a team.

Schema (made by ``leadboard team init`` on an empty database):

- ``meta``: ``schema``, the schema's version (see ``SERVER_SCHEMA``).
- ``records``: every record of every store table, one row each: ``tbl``,
  ``id``, the document as ``jsonb``, and a ``version`` that each change
  raises by one. The fields the board and the filters read are columns of
  their own, computed from the document.
- ``changes``: append-only, one row per change the store made (the journal
  entry's ``kind``, ``label`` and ``changes``), with when and which database
  role made it: the team's audit trail and each rep's undo history.
- Who owns each record and who may see what: ``store/backends/team.py``
  (schema 2), with the ``ids`` new records take their ids from.

A change writes its row in ``changes`` and its records in one transaction,
each record only against the version this client read it at: when someone
else changed it first, nothing is written and :class:`ChangedSince` says so.
Each commit is told to every listening client (``NOTIFY`` on ``CHANNEL``,
see ``store/backends/listen.py``), and changes are numbered in the order
they commit, so that a client catching up by number never passes one.
Passwords are libpq's business (``~/.pgpass``, a service file); a location
is only ever shown with its password masked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import orjson
import psycopg
from psycopg.types.json import Jsonb, set_json_dumps, set_json_loads

from store import codec
from store.backends import server_name, shown
from store.backends.keepalive import with_keepalive
from store.backends.server_ids import ServerIds
from store.backends.team import TEAM_STEP, is_rep, whoami
from store.errors import (
    ChangedSince,
    NoServer,
    NotYours,
    ServerFailed,
    StoreError,
    UnreadableFile,
)
from store.records import check_meta

if TYPE_CHECKING:
    from store.leadstore import LeadStore

SERVER_SCHEMA = 2
UNDO_DEPTH = 100  # as the file keeps
UNDO_BATCH = 500  # rows of a rep's changes read at a time, newest first
CHANNEL = "leadboard_changes"
# Held from numbering a commit's changes to its end: numbers in commit order.
LOG_LOCK = 0x1EADB0A2D
NOTIFY_BYTES = 7900  # the server takes payloads under 8000 bytes

_TABLES = """
CREATE TABLE meta (key text PRIMARY KEY, value jsonb NOT NULL);
CREATE TABLE records (
    tbl text NOT NULL,
    id integer NOT NULL,
    doc jsonb NOT NULL,
    version integer NOT NULL DEFAULT 1,
    intent smallint GENERATED ALWAYS AS
        (CASE WHEN tbl = 'leads' THEN (doc->>'intent')::smallint END) STORED,
    funding smallint GENERATED ALWAYS AS
        (CASE WHEN tbl = 'leads' THEN (doc->>'funding')::smallint END) STORED,
    status text GENERATED ALWAYS AS
        (CASE WHEN tbl IN ('leads', 'contacts') THEN doc->>'status' END) STORED,
    lead_id integer GENERATED ALWAYS AS
        (CASE WHEN tbl = 'contacts' THEN (doc->>'lead_id')::integer END) STORED,
    PRIMARY KEY (tbl, id)
);
CREATE TABLE changes (
    seq bigserial PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT now(),
    rep text NOT NULL DEFAULT current_user,
    kind text NOT NULL,
    label text NOT NULL,
    changes jsonb NOT NULL
);
CREATE INDEX changes_by_rep ON changes (rep, seq);
"""

# Step from server schema N to N + 1, run in one transaction.
STEPS: dict[int, str] = {1: TEAM_STEP}


def _dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def connect(location: str) -> psycopg.Connection:
    """A connection that reads and writes JSON with orjson; libpq settings
    in the URL (``sslmode`` …) pass through as they are, and TCP keepalive
    is on unless they set it (``store/backends/keepalive.py``)."""
    try:
        conn = psycopg.connect(with_keepalive(location), autocommit=True)
    except psycopg.Error as exc:
        raise NoServer(shown(location), _said(exc)) from None
    set_json_loads(orjson.loads, conn)
    set_json_dumps(_dumps, conn)
    return conn


def _said(exc: BaseException) -> str:
    """The server's (or libpq's) first line about an error."""
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def _payload(seq: int, written: dict[tuple[str, int], int | None]) -> str:
    """What a commit tells the listening clients: its last change's number,
    and the records it wrote with their versions when those fit."""
    records = [[table, obj_id, version] for (table, obj_id), version in written.items()]
    text = _dumps({"seq": seq, "records": records})
    return text if len(text.encode()) < NOTIFY_BYTES else _dumps({"seq": seq})


def init_base(location: str) -> None:
    """Make the lead base's tables in an empty database. One that already
    holds a base (or any table of ours) is refused, untouched."""
    with connect(location) as conn:
        try:
            with conn.transaction():
                conn.execute(_TABLES)
                conn.execute("INSERT INTO meta VALUES ('schema', %s)", [Jsonb(1)])
                migrate(conn, 1)
        except psycopg.errors.DuplicateTable:
            raise UnreadableFile(shown(location), "base_exists") from None  # type: ignore[arg-type]
        except psycopg.Error as exc:
            raise ServerFailed(shown(location), _said(exc)) from None


def schema_version(conn: psycopg.Connection, where: str) -> int:
    try:
        with conn.transaction():
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
    except psycopg.errors.UndefinedTable:
        raise UnreadableFile(where, "no_base") from None  # type: ignore[arg-type]
    version = row[0] if row else None
    if type(version) is not int or version < 1:
        raise UnreadableFile(where, "no_base", f"schema {version!r}")  # type: ignore[arg-type]
    if version > SERVER_SCHEMA:
        raise UnreadableFile(where, "newer_schema", str(version))  # type: ignore[arg-type]
    return version


def migrate(conn: psycopg.Connection, version: int) -> None:
    """Bring an older base up to ``SERVER_SCHEMA``, all steps in one transaction."""
    if version == SERVER_SCHEMA:
        return
    with conn.transaction():
        for step in range(version, SERVER_SCHEMA):
            conn.execute(STEPS[step])
        conn.execute("UPDATE meta SET value = %s WHERE key = 'schema'", [Jsonb(SERVER_SCHEMA)])


# Every record a role may see, a row for each block of CHUNK ids of a table:
# its documents come as one JSON text, decoded in one orjson call rather than
# one a record. A block is small enough for the connection to hold it whole
# while it is decoded, so the server makes the next one meanwhile (a bigger
# one stops the server until it is read, and the two take turns).
CHUNK = 256
_READ = """
SELECT b.tbl, c.ids, c.versions, c.docs
FROM (SELECT tbl, min(id)::bigint AS low, max(id)::bigint AS high FROM records GROUP BY tbl) b,
     generate_series(b.low, b.high, %(n)s::bigint) AS start,
     LATERAL (SELECT array_agg(id) AS ids, array_agg(version) AS versions, json_agg(doc) AS docs
              FROM records r
              WHERE r.tbl = b.tbl AND r.id >= start AND r.id < start + %(n)s::bigint) c
WHERE c.ids IS NOT NULL
"""


class Versions:
    """Each record's version, by (table, id) as a dict's keys would be, kept
    by table: a base's hundreds of thousands are taken in a block at a time,
    with no key to build for each."""

    def __init__(self) -> None:
        self.tables: dict[str, dict[int, int]] = {}

    def take(self, table: str, ids: list[int], versions: list[int]) -> None:
        self.tables.setdefault(table, {}).update(zip(ids, versions, strict=True))

    def get(self, key: tuple[str, int]) -> int | None:
        return self.tables.get(key[0], {}).get(key[1])

    def __setitem__(self, key: tuple[str, int], version: int) -> None:
        self.tables.setdefault(key[0], {})[key[1]] = version

    def pop(self, key: tuple[str, int], default: int | None = None) -> int | None:
        return self.tables.get(key[0], {}).pop(key[1], default)


def _settled(table: str, ids: list[int], docs: list[Any]) -> list[Any]:
    """A block's leads checked and brought up to date as the store holds
    them, done while the server makes the next block."""
    if table != "leads":
        return docs
    for lead_id, doc in zip(ids, docs, strict=True):
        codec.check_lead_doc(lead_id, doc)
    return [codec.settle_lead_doc(doc) for doc in docs]


def _records(conn: psycopg.Connection, take: Callable[[str, list[int], list[Any]], list[Any]]
             | None = None) -> tuple[dict[str, dict[int, Any]], Versions]:
    """Every record's document by table and id (each block's documents as
    ``take`` makes them), and its version; in a transaction. A row's
    aggregates take the records in one and the same order, so its ids,
    versions and documents pair up."""
    tables: dict[str, dict[int, Any]] = {}
    versions = Versions()
    with conn.cursor(binary=True) as cursor:
        # The planner cannot tell how many chunks there are and would compile
        # the query, which takes longer than running it.
        cursor.execute("SET LOCAL jit = off")
        for table, ids, numbers, docs in cursor.stream(_READ, {"n": CHUNK}):
            if take is not None:
                docs = take(table, ids, docs)
            tables.setdefault(table, {}).update(zip(ids, docs, strict=True))
            versions.take(table, ids, numbers)
    return tables, versions


def read_base(location: str) -> tuple[dict[str, dict[int, Any]], int, int]:
    """For ``leadboard check``: every record as of one moment, the schema's
    version and how many changes the log holds."""
    where = shown(location)
    with connect(location) as conn:
        version = schema_version(conn, where)
        try:
            with conn.transaction():
                conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                tables, _versions = _records(conn)
                count = conn.execute("SELECT count(*) FROM changes").fetchone()[0]
        except psycopg.Error as exc:
            raise NoServer(where, _said(exc)) from None
    return tables, version, count


class ServerBackend:
    server = True
    path = None
    folder_read_only = False
    journal_bytes = 0  # nothing to fold

    def __init__(self, location: str, read_only: bool) -> None:
        self.location = location
        self.shown = shown(location)
        self.name = server_name(location)
        self.read_only = read_only
        self.conn: psycopg.Connection | None = None
        # Each record's version as this client last read or wrote it.
        self.versions = Versions()
        self.rep = ""  # the owner of the leads this role adds ("" for the pool)
        self.manager = False
        self.ids: ServerIds | None = None
        self.read_seq = 0  # the last change in the log when the base was read
        self.author = ""  # the database role this client works as: who made a change
        # For telling a rep's own changes from others' (see store/clash.py):
        # the changes this client wrote since the base was read (read_seq),
        # when each reloaded record was last read, and where each of this
        # rep's undo steps sits in the log.
        self.own: set[int] = set()
        self.seen: dict[tuple[str, int], int] = {}
        self.steps: list[int] = []

    @property
    def closed(self) -> bool:
        return self.conn is None

    @property
    def appends(self) -> bool:
        return self.conn is not None and not self.read_only

    def open(self, fallback_read_only: bool) -> None:
        self.conn = connect(self.location)
        version = schema_version(self.conn, self.shown)
        if version < SERVER_SCHEMA and self.read_only:
            raise UnreadableFile(self.shown, "older_schema", str(version))  # type: ignore[arg-type]
        migrate(self.conn, version)
        self.rep, self.manager = whoami(self.conn)
        self.author = self.conn.execute("SELECT current_user").fetchone()[0]
        self.ids = ServerIds(self.conn, self.shown)

    def is_rep(self, name: str) -> bool:
        assert self.conn is not None
        try:
            return is_rep(self.conn, name)
        except psycopg.Error as exc:
            raise ServerFailed(self.shown, _said(exc)) from None

    # ----------------------------------------------------------- loading
    def load(self, core: LeadStore) -> None:
        """Every record, the last change's number and this rep's undo steps,
        read as of one moment."""
        assert self.conn is not None
        try:
            with self.conn.transaction():
                self.conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                tables, self.versions = _records(self.conn, _settled)
                seq = self.conn.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0]
                self.read_seq = seq  # where others' changes are read from (listen.py)
                undo = list(self._undo_steps())
            core.fill(tables, seq, check_meta({"undo": undo})["undo"])
            core.reindex()
        except psycopg.Error as exc:
            raise NoServer(self.shown, _said(exc)) from None
        except (StoreError, ValueError, TypeError, AttributeError, KeyError) as exc:
            if isinstance(exc, UnreadableFile):
                raise
            raise UnreadableFile(self.shown, "bad_document", str(exc)) from None  # type: ignore[arg-type]

    def _undo_steps(self) -> Iterator[dict[str, Any]]:
        """This rep's undo steps, oldest first: their changes read newest
        first, each undo cancelling the newest step before it not yet cancelled."""
        assert self.conn is not None
        steps: list[dict[str, Any]] = []
        cancelled = 0
        last = None
        while len(steps) < UNDO_DEPTH:
            rows = self.conn.execute(
                "SELECT seq, kind, label, changes FROM changes"
                " WHERE rep = current_user AND kind <> 'final'"
                " AND (%(last)s::bigint IS NULL OR seq < %(last)s) ORDER BY seq DESC LIMIT %(n)s",
                {"last": last, "n": UNDO_BATCH}).fetchall()
            for last, kind, label, changes in rows:
                if kind == "undo":
                    cancelled += 1
                elif cancelled:
                    cancelled -= 1
                elif len(steps) < UNDO_DEPTH:
                    steps.append({"label": label, "changes": [c[:3] for c in changes]})
                    self.steps.insert(0, last)
            if len(rows) < UNDO_BATCH:
                break
        return reversed(steps)

    # ----------------------------------------------------------- saving
    def append(self, entries: list[dict[str, Any]]) -> None:
        """Write ``entries`` in one transaction, committed before this returns:
        each one's records against the versions they were read at, and its row
        in the change log; then every listening client is told."""
        conn = self._connection()
        written: dict[tuple[str, int], int | None] = {}
        steps = list(self.steps)
        seqs: list[int] = []
        try:
            with conn.transaction(), conn.cursor() as cursor:
                for entry in entries:
                    if entry["kind"] == "undo":
                        self._undoable(cursor, entry["changes"], steps.pop() if steps else 0)
                    self._write(cursor, entry["changes"], written)
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOG_LOCK])
                for entry in entries:
                    cursor.execute(
                        "INSERT INTO changes (kind, label, changes) VALUES (%s, %s, %s)"
                        " RETURNING seq", (entry["kind"], entry["label"], Jsonb(entry["changes"])))
                    seqs.append(cursor.fetchone()[0])
                    if entry["kind"] == "do":
                        steps.append(seqs[-1])
                cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, _payload(seqs[-1], written)])
        except StoreError:
            raise
        except psycopg.Error as exc:
            raise ServerFailed(self.shown, _said(exc)) from None
        self.own.update(seqs)
        self.steps = steps[-UNDO_DEPTH:]
        for key, version in written.items():
            if version is None:
                self.versions.pop(key, None)
            else:
                self.versions[key] = version

    def _connection(self) -> psycopg.Connection:
        """The connection, made again when the server was away: a change
        made meanwhile is refused, not kept as if it were saved."""
        if self.conn is None:
            raise ServerFailed(self.shown, "closed")
        if self.conn.broken or self.conn.closed:
            try:
                conn = connect(self.location)
            except NoServer as exc:
                raise ServerFailed(self.shown, exc.params["detail"]) from None
            self.conn.close()
            self.conn = conn
        return self.conn

    def renew(self) -> None:
        """A fresh connection after the server was away (the old one ended
        with the server's session, though it cannot know until used); when
        the server is still out of reach, the next change tries again."""
        if self.conn is None:
            return
        try:
            conn = connect(self.location)
        except NoServer:
            return
        self.conn.close()
        self.conn = conn

    def others(self, news: Any) -> list[tuple[str, int, Any]]:
        """Of ``news`` (see ``store/backends/listen.py``), the records other
        clients changed that this one holds older copies of, as (table, id,
        document or None when gone); their versions are taken as known."""
        theirs = {key for change in news.changes if change.seq not in self.own
                  for key in change.keys}
        newer = []
        for table, obj_id, doc, version in news.records:
            key = (table, obj_id)
            known = self.versions.get(key)
            if key not in theirs or (version is not None and known is not None
                                     and version <= known):
                continue
            if version is None:
                self.versions.pop(key, None)
            else:
                self.versions[key] = version
            newer.append((table, obj_id, doc))
        return newer

    def _write(self, cursor: psycopg.Cursor, changes: list[list[Any]],
               written: dict[tuple[str, int], int | None]) -> None:
        """One entry's records, a statement per kind of write (an import of
        many leads is three statements, not a hundred thousand)."""
        if len({(t, i) for t, i, _b, _a in changes}) < len(changes):
            for change in changes:  # one record twice: in their order, one at a time
                self._write(cursor, [change], written)
            return
        groups: dict[str, list[tuple[str, int, Any, int]]] = {"insert": [], "update": [],
                                                               "delete": []}
        for table, obj_id, before, after in changes:
            key = (table, obj_id)
            known = written[key] if key in written else self.versions.get(key)
            if after is None:
                if before is None:
                    continue
                groups["delete"].append((table, obj_id, None, known or 0))
                written[key] = None
            elif known is None:
                groups["insert"].append((table, obj_id, Jsonb(after), 0))
                written[key] = 1
            else:
                groups["update"].append((table, obj_id, Jsonb(after), known))
                written[key] = known + 1
        for kind, rows in groups.items():
            if rows:
                self._apply(cursor, kind, rows)

    def _apply(self, cursor: psycopg.Cursor, kind: str,
               rows: list[tuple[str, int, Any, int]]) -> None:
        tables, ids, docs, versions = (list(column) for column in zip(*rows, strict=True))
        try:
            self._statement(cursor, kind, tables, ids, docs, versions)
        except psycopg.errors.InsufficientPrivilege:  # the policy or the owner's trigger
            raise NotYours(tables[0], ids[0]) from None
        done = set(cursor.fetchall())
        if len(done) < len(rows):
            table, obj_id = next((t, i) for t, i in zip(tables, ids, strict=True)
                                 if (t, i) not in done)
            raise self._refused(cursor, table, obj_id)

    def _refused(self, cursor: psycopg.Cursor, table: str, obj_id: int) -> StoreError:
        """Why a record was not written: one this role may not see is not
        theirs; one it sees (or one gone) was changed by someone else."""
        cursor.execute("SELECT 1 FROM records WHERE tbl = %s AND id = %s", (table, obj_id))
        if cursor.fetchone() is None:
            cursor.execute("SELECT record_exists(%s, %s)", (table, obj_id))
            if cursor.fetchone()[0]:
                return NotYours(table, obj_id)
        return ChangedSince(table, obj_id)

    @staticmethod
    def _statement(cursor: psycopg.Cursor, kind: str, tables: list, ids: list, docs: list,
                   versions: list) -> None:
        if kind == "insert":
            cursor.execute(
                "INSERT INTO records (tbl, id, doc)"
                " SELECT * FROM unnest(%s::text[], %s::int[], %s::jsonb[])"
                " ON CONFLICT DO NOTHING RETURNING tbl, id", (tables, ids, docs))
        elif kind == "update":
            cursor.execute(
                "UPDATE records r SET doc = v.doc, version = r.version + 1"
                " FROM unnest(%s::text[], %s::int[], %s::jsonb[], %s::int[])"
                " AS v(tbl, id, doc, version)"
                " WHERE r.tbl = v.tbl AND r.id = v.id AND r.version = v.version"
                " RETURNING r.tbl, r.id", (tables, ids, docs, versions))
        else:
            cursor.execute(
                "DELETE FROM records r USING unnest(%s::text[], %s::int[], %s::int[])"
                " AS v(tbl, id, version)"
                " WHERE r.tbl = v.tbl AND r.id = v.id AND r.version = v.version"
                " RETURNING r.tbl, r.id", (tables, ids, versions))

    # ----------------------------------------------------------- clashes
    def _undoable(self, cursor: psycopg.Cursor, changes: list[list[Any]], step: int) -> None:
        """An undo only takes back what nobody else has changed since the
        step: checked in the log, since a record reloaded after a clash has
        its new version in hand."""
        keys = [(t, i) for t, i, _now, _before in changes]
        theirs = self._others(cursor, keys, step, other_reps_before=self.read_seq)
        if theirs:
            first = theirs[0]
            raise ChangedSince(first["table"], first["id"], theirs=theirs)

    def their_changes(self, keys: list[tuple[str, int]]) -> list[dict[str, Any]]:
        """What others changed in these records since this client read them
        (oldest first): who, when, and the record's fields before and after."""
        since = min((self.seen.get(key, self.read_seq) for key in keys), default=0)
        conn = self._connection()
        try:
            with conn.transaction(), conn.cursor() as cursor:
                return [c for c in self._others(cursor, keys, since, other_reps_before=None)
                        if c["seq"] > self.seen.get((c["table"], c["id"]), self.read_seq)]
        except psycopg.Error as exc:  # the server went away after refusing the change
            raise ServerFailed(self.shown, _said(exc)) from None

    def overtaking(self, keys: list[tuple[str, int]]) -> list[dict[str, Any]]:
        """Who changed these records since this rep's newest undo step (an
        undo refused because the news said so), oldest first, as
        :meth:`their_changes` says it."""
        since = self.steps[-1] if self.steps else self.read_seq
        conn = self._connection()
        try:
            with conn.transaction(), conn.cursor() as cursor:
                return self._others(cursor, keys, since, other_reps_before=self.read_seq)
        except psycopg.Error as exc:
            raise ServerFailed(self.shown, _said(exc)) from None

    def _others(self, cursor: psycopg.Cursor, keys: list[tuple[str, int]], since: int,
                other_reps_before: int | None) -> list[dict[str, Any]]:
        """Changes after ``since`` to ``keys`` not written by this client; up
        to ``other_reps_before``, only those of other database roles (the
        rep's own changes from an earlier session are theirs to undo)."""
        tables, ids = [t for t, _i in keys], [i for _t, i in keys]
        cursor.execute(
            "SELECT c.seq, c.rep, c.at, e->>0, (e->>1)::int, e->2, e->3"
            " FROM changes c, jsonb_array_elements(c.changes) e"
            " WHERE c.seq > %s AND c.seq <> ALL(%s)"
            " AND (%s::bigint IS NULL OR c.seq > %s OR c.rep <> current_user)"
            " AND (e->>0, (e->>1)::int) IN (SELECT * FROM unnest(%s::text[], %s::int[]))"
            " ORDER BY c.seq", (since, list(self.own), other_reps_before, other_reps_before,
                                tables, ids))
        return [{"seq": seq, "rep": rep, "at": at, "table": table, "id": obj_id,
                 "before": before, "after": after}
                for seq, rep, at, table, obj_id, before, after in cursor]

    def reload(self, keys: list[tuple[str, int]]) -> dict[tuple[str, int], Any]:
        """These records as the server holds them now (None: gone); later
        changes are made against these versions."""
        tables, ids = [t for t, _i in keys], [i for _t, i in keys]
        conn = self._connection()
        try:
            with conn.transaction():
                seq = conn.execute("SELECT coalesce(max(seq), 0) FROM changes").fetchone()[0]
                rows = conn.execute(
                    "SELECT r.tbl, r.id, r.doc, r.version FROM records r"
                    " JOIN unnest(%s::text[], %s::int[]) AS k(tbl, id) USING (tbl, id)",
                    (tables, ids)).fetchall()
        except psycopg.Error as exc:
            raise ServerFailed(self.shown, _said(exc)) from None
        found = {(t, i): (doc, version) for t, i, doc, version in rows}
        for key in keys:
            self.seen[key] = seq
            if key in found:
                self.versions[key] = found[key][1]
            else:
                self.versions.pop(key, None)
        return {key: found[key][0] if key in found else None for key in keys}

    # ----------------------------------------------------------- nothing to fold
    def needs_fold(self) -> bool:
        return False

    def begin_fold(self, *_args: Any) -> Any:
        raise NotImplementedError("a server base has no journal to fold")

    def finish_fold(self, _fold: Any) -> None:
        raise NotImplementedError("a server base has no journal to fold")

    def release(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

