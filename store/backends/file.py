"""The lead base in a data file: a TinyDB snapshot, a journal beside it,
a lock held by the one writer, and the last few snapshots as backups.

Layout on disk, for a data file ``leads.json``:

- ``leads.json``: a TinyDB file (every table of the store, and ``meta``)
  written atomically; the *snapshot*.
- ``leads.json.journal``: changes since the snapshot, one fsynced line each.
- ``leads.json.lock``: held by the one process that may write.
- ``leads.json.backups/``: the last few snapshots.

The journal is folded into a new snapshot on close (and when it grows
large), then emptied.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Iterable, Iterator
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

import orjson
from filelock import FileLock
from tinydb import TinyDB

from store import codec, journal, lock, packed, pieces, seal
from store.backups import finish_restore, keep_backup, prune
from store.collector import collector_paused
from store.contact_index import DEFAULTS as CONTACT_DEFAULTS
from store.contact_index import FIELDS as CONTACT_FIELDS
from store.errors import FoldFailed, Locked, SaveFailed, StoreError, UnreadableFile
from store.migrations import SCHEMA_VERSION
from store.records import check_documents, check_meta
from store.safe_files import remove_leftovers, replace
from store.storage import SnapshotStorage
from store.table import LazyTable, Later

if TYPE_CHECKING:
    from store.leadstore import LeadStore

READ_TRIES = 20  # reads of the pair snapshot + journal before a reader gives up
_OURS = ("", ".journal", ".preview", ".error.log")  # the files beside the data file we replace
# Packed, for the board, once it is painted (or at the first question that
# needs them): the board reads only each contact's lead, status and time,
# taken as they are read. A third of a first start at 100k leads.
LATER = "contacts"


class FileBackend:
    server = False

    def __init__(self, path: Path, read_only: bool, contacts_later: bool = False) -> None:
        self.path = path
        self._later = (LATER,) if contacts_later else ()  # see LATER
        self.location = str(path)
        self.shown = str(path)
        self.name = path.name
        self.read_only = read_only
        self.folder_read_only = False  # read-only because the folder cannot be written
        self.lock: FileLock | None = None
        self.journal: journal.Journal | None = None
        self._storage: SnapshotStorage | None = None
        self._db: TinyDB | None = None

    @property
    def closed(self) -> bool:
        return self.lock is None and self.journal is None

    # ----------------------------------------------------------- opening
    def open(self, fallback_read_only: bool) -> None:
        """Take the writer's lock (unless read-only); finish a restore that
        was cut off and remove the leftovers of a killed fold."""
        if not self.read_only:
            self._take_lock(fallback_read_only)
        finish_restore(self.path, holding=self.lock is not None)
        if self.lock is not None:
            self._remove_leftovers()

    def _remove_leftovers(self) -> None:
        """The temporary copies a killed fold (or preview, or log) left
        beside the file: ours by their exact names, and no one else's."""
        name = self.path.name
        remove_leftovers(self.path.parent, *(re.escape(name + end) for end in _OURS))

    def _take_lock(self, fallback_read_only: bool) -> None:
        folder = self.path.parent
        if folder.is_dir() and not os.access(folder, os.W_OK):
            # A read-only folder (a read-only disk, a colleague's share): a
            # writer could neither fold nor start a journal there.
            if not fallback_read_only:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(folder))
            self.read_only = self.folder_read_only = True
            return
        try:
            self.lock = lock.acquire(self.path)
        except Locked:
            if not fallback_read_only:
                raise
            self.read_only = True

    def load(self, core: LeadStore) -> None:
        """Read the snapshot and the journal after it into ``core``. A reader
        (no lock) may meet a fold of the writer's between the two, and then
        reads again: the fold replaces the snapshot before it trims the
        journal, so the journal's bytes taken while the snapshot read was
        still in place go with it. Only the bytes are taken in that window;
        they are decoded after."""
        for _attempt in range(READ_TRIES):
            taker = _Taker(self._later)
            self._storage = SnapshotStorage(self.path, taker, core.table_names, self._later)
            self._storage.fetch()
            log = journal.fetch(Path(f"{self.path}.journal"))
            if not self.read_only or self._storage.same_file():
                self._read(core, log, taker)
                break
        else:
            raise UnreadableFile(self.path, "journal", "the file kept changing while read")

    def _read(self, core: LeadStore, log: bytes, taker: _Taker) -> None:
        self._db = TinyDB(self.path, storage=lambda _path: self._storage)
        try:
            raw = self._storage.read() or {}
            meta = check_meta(raw.get("meta", {}).get("1", {}))
            for name, kept in self._storage.kept.items():  # read in pieces: their rows alone
                packing = partial(_kept, texts=taker.texts)
                raw[name] = Later(partial(_again, self.path, self._storage.kept_in, kept,
                                          packing, name), raw.get(name, {}), CONTACT_FIELDS)
            if not self._storage.taken:  # read whole: checked and packed here
                _checked_leads(raw.get("leads", {}))
                if raw and not self._storage.sealed:
                    check_documents(raw)  # no checksum vouches for them: built once
                texts: dict[str, str] = {}
                for name in core.table_names:
                    if name in raw:
                        raw[name] = _kept(name, raw[name], texts)
            core.fill(raw, meta.get("seq", 0), list(meta.get("undo", [])))
            self._storage.forget()
            self._replay(core, log)
            core.reindex()
        except (StoreError, ValueError, TypeError, AttributeError, KeyError) as exc:
            if isinstance(exc, UnreadableFile):
                raise
            raise UnreadableFile(self.path, "bad_document", str(exc)) from None

    def _replay(self, core: LeadStore, log: bytes) -> None:
        path = Path(f"{self.path}.journal")
        replay = journal.parse(path, log)
        try:
            for entry in replay.entries:
                if entry["seq"] <= core.seq:
                    continue  # already folded into the snapshot
                if entry["seq"] != core.seq + 1:
                    raise ValueError(f"changes {core.seq + 1} to {entry['seq'] - 1} are missing")
                core.apply_entry(entry)
        except (KeyError, TypeError, ValueError, IndexError, StoreError) as exc:
            raise UnreadableFile(path, "journal", str(exc)) from None
        if not self.read_only:
            self.journal = journal.Journal(path, replay.good_bytes)

    # ----------------------------------------------------------- saving
    def append(self, entries: list[dict[str, Any]]) -> None:
        """Write ``entries`` to the journal, fsynced before this returns."""
        assert self.journal is not None
        try:
            self.journal.append(*entries)
        except OSError as exc:
            raise SaveFailed(self.journal.path, exc) from exc

    @property
    def journal_bytes(self) -> int:
        return self.journal.size if self.journal else 0

    @property
    def appends(self) -> bool:
        """Whether changes can be written (a reader holds no journal)."""
        return self.journal is not None

    def needs_fold(self) -> bool:
        return not (self.path.exists() and self.journal_bytes == 0)

    def begin_fold(self, tables: dict[str, LazyTable[Any]], seq: int,
                   undo: list[dict[str, Any]]) -> Fold:
        assert self._db is not None and self._storage is not None and self.journal is not None
        meta = {"schema": SCHEMA_VERSION, "seq": seq, "undo": undo}
        return Fold(self.path, self._storage, tables, meta, self.journal.size)

    def finish_fold(self, fold: Fold) -> None:
        assert self.journal is not None
        try:
            self.journal.keep_after(fold.journal_offset)
        except OSError as exc:  # the new snapshot and the journal replay to the same
            raise FoldFailed(self.journal.path, exc) from exc

    def release(self) -> None:
        if self.journal is not None:
            self.journal.close()
            self.journal = None
        if self.lock is not None:
            self.lock.release()
            self.lock = None


class _Taker:
    """What the store keeps of a sealed file's records, a piece at a time
    as they are read: the meta checked, the leads looked at, all packed."""

    def __init__(self, later: tuple[str, ...] = ()) -> None:
        self._later = later  # the tables packed later: their rows alone, now
        self.texts: dict[str, str] = {}  # of this read only (and of the table packed later)

    def __call__(self, name: str, docs: dict[str, Any]) -> dict[Any, Any]:
        if name == "meta":
            check_meta(docs.get("1", {}))
        elif name == "leads":
            _checked_leads(docs)
        elif name in self._later:
            return _contact_rows(docs, self.texts)
        return _kept(name, docs, self.texts)


def _again(path: Path, file: BinaryIO, spans: list[pieces.Span], take: pieces.Take,
           name: str) -> dict[Any, Any]:
    """A table read later (see LATER), from the file it was read from."""
    try:
        return pieces.again(file, spans, take, name)
    except (OSError, ValueError) as exc:  # pieces.Changed, or the file closed by a first failure
        raise UnreadableFile(path, "checksum", str(exc)) from None
    finally:
        file.close()


def _contact_rows(contacts: dict[str, Any], texts: dict[str, str]) -> dict[int, tuple]:
    """What the store reads of each contact as it opens (see contact_index),
    by id, as its packed document would give it (its texts kept once, as
    packing keeps them)."""
    rows: dict[int, tuple] = {}
    keep, planned = texts.setdefault, CONTACT_DEFAULTS[1]
    for contact_id, doc in contacts.items():
        if type(doc) is dict:
            get = doc.get
            at, status = get("at"), get("status", planned)
            if type(at) is str:
                at = keep(at, at)
            if type(status) is str:
                status = keep(status, status)
            rows[int(contact_id)] = (get("lead_id"), status, at)
        else:  # damaged: fails here as reading its packed document would
            rows[int(contact_id)] = tuple(packed.values(doc, CONTACT_FIELDS, CONTACT_DEFAULTS))
    return rows


def _checked_leads(leads: dict[str, Any]) -> None:
    for lead_id, doc in leads.items():
        codec.check_lead_doc(lead_id, doc)


def _kept(name: str, docs: dict[str, Any], texts: dict[str, str]) -> dict[Any, Any]:
    """A table's documents as the store keeps them: by number, leads settled,
    packed (see ``LazyTable.load``)."""
    if name == "meta":
        return docs
    if name == "leads":
        for lead_id, doc in docs.items():
            docs[lead_id] = codec.settle_lead_doc(doc)
    return packed.pack_all(docs, texts)


class Fold:
    """A snapshot on its way to disk: the tables as they were at one moment."""

    def __init__(self, path: Path, storage: SnapshotStorage,
                 tables: dict[str, LazyTable[Any]], meta: dict[str, Any],
                 journal_offset: int) -> None:
        self.path = path
        self._storage = storage
        self._tables = tables
        self._meta = meta
        self.journal_offset = journal_offset

    def write(self) -> None:
        """Write the new snapshot atomically (safe to run in a worker thread).

        The old snapshot becomes a backup only once the new one is whole on
        disk, and old backups are pruned only once it has taken its place:
        a fold that fails (a full disk) leaves the backups as they were.
        The file is written a few thousand documents at a time: every
        document made a dict at once, and the whole file's bytes beside
        them, were the highest point of a session (twice what the store
        holds at 100k leads)."""
        kept: list[Path] = []

        def keep_old() -> None:
            backup = keep_backup(self.path)
            if backup is not None:
                kept.append(backup)

        try:
            with collector_paused():
                replace(self.path, seal.sealed_pieces(self._body()), keep_old)
            self._storage.forget()
        except OSError as exc:
            for backup in kept:  # the snapshot it kept is still the current one
                backup.unlink(missing_ok=True)
            raise FoldFailed(self.path, exc) from exc
        prune(self.path)

    def _body(self) -> Iterator[bytes]:
        """The tables as TinyDB writes them, then ``meta``, as one JSON object."""
        tables: list[tuple[str, Iterable[tuple[int, dict]]]] = [
            (name, table.documents()) for name, table in self._tables.items()]
        tables.append(("meta", [(1, {**self._meta, "sealed": True})]))
        yield b"{"
        for number, (name, documents) in enumerate(tables):
            yield b'%s%s:{' % (b"," if number else b"", orjson.dumps(name))
            yield from _documents_json(documents)
            yield b"}"
        yield b"}"


PIECE = 1024  # documents made into JSON at a time


def _documents_json(documents: Iterable[tuple[int, dict]]) -> Iterator[bytes]:
    """``"id":{...}`` for each document, comma-separated, a piece at a time."""
    documents = iter(documents)
    first = True
    while piece := {str(obj_id): doc for obj_id, doc in islice(documents, PIECE)}:
        text = orjson.dumps(piece)[1:-1]
        yield text if first else b"," + text
        first = False

