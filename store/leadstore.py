"""The lead store: the whole database in memory, every change durable.

The tables live in memory (see :class:`LazyTable`); where they are kept is
the backend's business: a data file with its journal (one rep, one machine:
``store/backends/file.py``) or a PostgreSQL server (a team:
``store/backends/postgres.py``). A change is first made durable by the
backend and only then applied in memory, so whatever the UI shows as saved
is saved. Changes made under ``sync_later`` (triage keys) are applied at once
and made durable a moment later, by ``sync``, which takes them back if the
backend refuses.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from datetime import datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

from store import codec
from store.backends import is_server
from store.backends.file import FileBackend, Fold
from store.census import DEFAULTS as CENSUS_DEFAULTS
from store.census import FIELDS as CENSUS_FIELDS
from store.census import Census, Place
from store.clock import Clock, local_now
from store.collector import collector_paused
from store.contact_index import DEFAULTS as CONTACT_DEFAULTS
from store.contact_index import FIELDS as CONTACT_FIELDS
from store.contact_index import ContactIndex
from store.errors import (
    ChangedSince,
    Invalid,
    NotAllowed,
    NotFound,
    NotInTeam,
    ReadOnly,
    StoreError,
    UnreadableFile,
)
from store.foreground import behind_the_rep, stepping
from store.fleet import brand_name, check_machine
from store.market_checks import CHECKS
from store.grading import grades_for_quadrant, step_grade
from store.lost_index import LostIndex
from store.model import (
    EDITABLE_FIELDS,
    Contact,
    ContactStatus,
    HistoryEntry,
    Lead,
    Machine,
    SavedView,
    SessionRecord,
    Status,
    holds_project,
)
from store.search.pinyin import search_keys
from store.settings import Settings, settings_from_doc, settings_to_doc
from store.validate import check_name
from store.table import LazyTable
from store.time_index import IdRun

UNDO_DEPTH = 100
BULK = 1000  # contacts changed in one step above which their indexes are rebuilt, not kept
SETTINGS_ID = 1

Change = tuple[str, int, Any, Any]  # table, id, object before, object after
Watcher = Callable[[str, int, int | None], None]  # table, id, the lead it concerns


# How each table's objects become documents and back.
CODECS: dict[str, tuple[Callable[[Any], dict], Callable[[int, dict], Any]]] = {
    "leads": (codec.lead_to_doc, codec.lead_from_doc),
    "contacts": (codec.contact_to_doc, codec.contact_from_doc),
    "settings": (settings_to_doc, settings_from_doc),
    "sessions": (codec.SESSIONS.to_doc, codec.SESSIONS.from_doc),
    "views": (codec.view_to_doc, codec.view_from_doc),
    "machines": (codec.machine_to_doc, codec.machine_from_doc),
    **{c.table: (c.to_doc, c.from_doc) for c in codec.MARKET_CODECS},
}
MARKET_TABLES = tuple(c.table for c in codec.MARKET_CODECS)


def _encode(table: str, obj: Any) -> dict | None:
    """An object's document; one given as its document already is kept."""
    if obj is None or isinstance(obj, dict):
        return obj
    return CODECS[table][0](obj)


# The text a lead's search keys are read from.
KEYED_FIELDS = frozenset({"name", "company", "province", "city"})


def _keyed(lead: Lead) -> Lead:
    """The lead with its search keys brought up to date with its text."""
    keys = search_keys(lead.name, lead.company, lead.province, lead.city)
    return lead if keys == lead.search_keys else dataclasses.replace(lead, search_keys=keys)


def _key_doc(doc: dict[str, Any]) -> None:
    """Put a lead's search keys into its document. Many leads at once (an
    import) skip building a second object per lead just to carry the keys:
    the store keeps the document and builds the lead from it when needed."""
    get = doc.get
    keys = search_keys(doc["name"], get("company", ""), get("province", ""), get("city", ""))
    if keys:
        doc["search_keys"] = list(keys)
    else:
        doc.pop("search_keys", None)


def _rebuilds(changes: list) -> bool:
    """Whether to rebuild the contact indexes once rather than keep them
    change by change: worth it for many contacts. Leads keep theirs one by
    one at any number, since that costs a look at one field."""
    return (len(changes) > BULK
            and sum(1 for change in changes if change[0] == "contacts") > BULK)


def _leads_touched(table: str, obj_id: int, old: Any, new: Any) -> set[int]:
    if table == "leads":
        return {obj_id}
    if table == "contacts":
        return {c.lead_id for c in (old, new) if c is not None}
    return set()


def _branded(fields: dict[str, Any]) -> dict[str, Any]:
    """A brand typed any way is kept under the name the board shows."""
    if "brand" in fields:
        fields = {**fields, "brand": brand_name(fields["brand"]) if fields["brand"] else ""}
    return fields


def _plain(value: Any) -> Any:
    """A field value as it is written into a lead's history."""
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, datetime):
        return codec.time_to_str(value)
    return getattr(value, "value", value)


class LeadStore:
    """Open with :meth:`open`; close with :meth:`close` (or ``with``)."""

    def __init__(self, backend: Any, clock: Clock) -> None:
        self._backend = backend
        self.clock = clock
        self._tables: dict[str, LazyTable[Any]] = {
            name: LazyTable(decode, encode) for name, (encode, decode) in CODECS.items()
        }
        self._next_ids: dict[str, int] = {name: 1 for name in CODECS}
        self._undo: list[dict[str, Any]] = []
        self._seq = 0
        # Changes made under sync_later() and not yet durable.
        self._deferring = False
        self._unsynced: list[dict[str, Any]] = []
        self._next_contact: dict[int, datetime] = {}
        # Contacts by lead, and by time so that a plan reads one period
        # without a full scan: None until first asked (see warm_contacts).
        self._contact_index: ContactIndex | None = None
        self._contacts_lock = threading.Lock()
        self._unplanned: set[int] = set()  # active leads with no planned contact
        # Machines by owner, built at the first question about a fleet: opening
        # a file does not wait for it.
        self._fleets: dict[int, set[int]] | None = None
        # The machines in service by place, built at the first question about
        # the market, then kept by every change (see store/census.py). The
        # market reads it in a worker: the lock keeps changes out meanwhile.
        self._census: Census | None = None
        self._census_lock = threading.RLock()
        # While the census is built behind the board (warm_census): the
        # machines changed meanwhile, counted again once it is built.
        self._census_missed: set[int] | None = None
        self._warming = False
        self._census_round = 0  # a new one each time the tables are loaded anew
        # The lost deals by region, built at the market's first question about
        # them, then kept by every change to a lost deal or a lead (under the
        # census's lock: the market reads it in a worker too).
        self._lost: LostIndex | None = None
        self._last_change: datetime | None = None  # found on first use, then kept
        self._watchers: list[Watcher] = []

    # ----------------------------------------------------------- opening
    @classmethod
    def open(
        cls,
        location: str | Path,
        *,
        clock: Clock = local_now,
        read_only: bool = False,
        fallback_read_only: bool = False,
        contacts_later: bool = False,
    ) -> LeadStore:
        """Open (or start) the lead base at ``location``: a data file's path,
        or a ``postgresql://`` URL of a base made by ``leadboard team init``.

        Raises :class:`Locked` when another process writes the file, unless
        ``fallback_read_only`` lets it open read-only instead.
        ``contacts_later``: a data file's contacts are packed at the first
        question that needs them, or by :meth:`warm_contacts` (the board,
        once painted), not as it opens.
        """
        if is_server(location):
            from store.backends.postgres import ServerBackend  # psycopg: only for a server

            backend: Any = ServerBackend(str(location), read_only)
        else:
            backend = FileBackend(Path(location).expanduser(), read_only, contacts_later)
        store = cls(backend, clock)
        try:
            backend.open(fallback_read_only)
            with collector_paused():
                backend.load(store)
        except BaseException:
            backend.release()
            raise
        for name, table in store._tables.items():
            store._next_ids[name] = max(table, default=0) + 1
        return store

    # What the backend says of itself.
    @property
    def path(self) -> Path | None:
        """The data file; None for a base on a server."""
        return self._backend.path

    @property
    def location(self) -> str:
        """Where the base is, as it was given (to open it again)."""
        return self._backend.location

    @property
    def shown(self) -> str:
        """Where the base is, as it may be shown: a password masked."""
        return self._backend.shown

    @property
    def name(self) -> str:
        """The base's short name, for a title bar."""
        return self._backend.name

    @property
    def on_server(self) -> bool:
        return self._backend.server

    @property
    def read_only(self) -> bool:
        return self._backend.read_only

    @property
    def folder_read_only(self) -> bool:
        return self._backend.folder_read_only

    @property
    def closed(self) -> bool:
        return self._backend.closed

    # The file backend's journal and lock, for the tests that play a crash.
    @property
    def _journal(self) -> Any:
        return getattr(self._backend, "journal", None)

    @_journal.setter
    def _journal(self, value: Any) -> None:
        self._backend.journal = value

    @property
    def _lock(self) -> Any:
        return getattr(self._backend, "lock", None)

    # What a backend fills the store with as it loads.
    @property
    def seq(self) -> int:
        """The number of the last change read or made."""
        return self._seq

    @property
    def table_names(self) -> tuple[str, ...]:
        return tuple(self._tables)

    def fill(self, tables: Mapping[str, Mapping[Any, dict]], seq: int,
             undo: list[dict[str, Any]]) -> None:
        """Take every table's documents (by id as text), the number of the
        last change and the undo steps, as a backend read them."""
        self._seq, self._undo = seq, undo
        for name, table in self._tables.items():
            table.load(tables.get(name, {}))
        with self._census_lock:
            self._fleets = self._census = self._lost = None
            self._census_round += 1

    def take_news(self, news: Any) -> tuple[set[int], set[str]]:
        """Take in other reps' changes on a server (``News`` from
        ``store/backends/listen.py``) as the server holds them now: the
        indexes and watchers follow as for one's own changes, and an undo
        step of this rep's that they overtook is refused from now on (undo
        would write over them). Returns the leads and the tables they touched.

        Not while changes made under :meth:`sync_later` wait to be saved:
        taking back one that the server refuses would undo theirs too."""
        if self._unsynced:
            raise RuntimeError("take news only once every change is synced")
        leads: set[int] = set()
        tables: set[str] = set()
        self._watchers.append(lambda _table, _obj_id, lead_id: leads.add(lead_id))
        try:
            for table, obj_id, doc in self._backend.others(news):
                if table not in self._tables or (doc is None and obj_id not in self._tables[table]):
                    continue
                if table == "leads" and doc is not None:
                    codec.check_lead_doc(obj_id, doc)
                self._put(table, obj_id, None, doc)
                tables.add(table)
                self._overtake(table, obj_id)
        finally:
            self._watchers.pop()
        return leads, tables

    def _overtake(self, table: str, obj_id: int) -> None:
        for step in self._undo:
            if any(t == table and i == obj_id for t, i, _before in step["changes"]):
                step["overtaken"] = [table, obj_id]

    def reconnect(self) -> None:
        """On a server that was away and is back: connect anew for the next change."""
        renew = getattr(self._backend, "renew", None)
        if renew is not None:
            renew()

    @property
    def news_from(self) -> int:
        """On a server: the number of the last change in its log when the
        base was read, after which others' changes are news."""
        return getattr(self._backend, "read_seq", 0)

    @property
    def author(self) -> str:
        """Who makes the changes: the database role on a server, else empty."""
        return getattr(self._backend, "author", "")

    def apply_entry(self, entry: dict[str, Any]) -> None:
        """Replay one journal line; the contact indexes are built after all
        lines (by :meth:`reindex`)."""
        changes = entry["changes"]
        for table, obj_id, _before, after in changes:
            self._put(table, obj_id, None, after, reindex=False)
        if entry["kind"] == "undo":
            self._undo.pop()
        elif entry["kind"] == "do":
            self._push_undo(entry["label"], changes)
        self._seq = entry["seq"]

    # ----------------------------------------------------------- reading
    @property
    def leads(self) -> Mapping[int, Lead]:
        return self._tables["leads"]

    def lead_rows(self, names: tuple[str, ...], defaults: tuple[Any, ...]):
        """(id, [stored values]) for every lead, without building the leads."""
        return self._tables["leads"].rows(names, defaults)

    def leads_field(self, lead_id: int, name: str, default: Any = None) -> Any:
        """One stored field of a lead, without building the lead."""
        return self._tables["leads"].field(lead_id, name, default)

    def contact_rows(self, names: tuple[str, ...], defaults: tuple[Any, ...]):
        """(id, [stored values]) for every contact, without building them."""
        return self._tables["contacts"].rows(names, defaults)

    def contact_field(self, contact_id: int, name: str, default: Any = None) -> Any:
        """One stored field of a contact, without building it."""
        return self._tables["contacts"].field(contact_id, name, default)

    @property
    def contacts(self) -> Mapping[int, Contact]:
        return self._tables["contacts"]

    @property
    def sessions(self) -> Mapping[int, SessionRecord]:
        return self._tables["sessions"]

    @property
    def settings(self) -> Settings:
        return self._tables["settings"].get(SETTINGS_ID) or Settings()

    def lead(self, lead_id: int) -> Lead:
        try:
            return self._tables["leads"][lead_id]
        except KeyError:
            raise NotFound("lead", lead_id) from None

    def contacts_of(self, lead_id: int) -> list[Contact]:
        """A lead's contacts, oldest first."""
        ids = self._contacts().by_lead.get(lead_id, ())
        return sorted((self.contacts[i] for i in ids), key=lambda c: (c.at, c.id))

    def next_contact(self, lead_id: int) -> datetime | None:
        return self._next_contact.get(lead_id)

    def contacts_between(self, start: datetime, end: datetime) -> list[int]:
        """Ids of the contacts with ``start <= at < end``, in time order."""
        return self._contacts().by_time.ids(start, end)

    def planned_before(self, moment: datetime) -> list[int]:
        """Ids of the planned contacts before ``moment`` (the overdue ones)."""
        return self._contacts().planned_by_time.ids(None, moment)

    def planned_between(self, start: datetime, end: datetime) -> list[int]:
        """Ids of the planned contacts with ``start <= at < end``, in time order."""
        return self._contacts().planned_by_time.ids(start, end)

    def contacts_run(self, start: datetime | None, end: datetime | None,
                     status: ContactStatus | None = None) -> IdRun:
        """The contacts with ``start <= at < end`` (None: no bound), all of
        them or the planned or the cancelled ones, in time order: a view
        read where asked, which stays as it is whatever changes after."""
        contacts = self._contacts()
        index = {None: contacts.by_time, ContactStatus.PLANNED: contacts.planned_by_time,
                 ContactStatus.CANCELLED: contacts.cancelled_by_time}[status]
        return index.run(start, end)

    @property
    def unplanned(self) -> AbstractSet[int]:
        """Active leads with no planned contact: the ones without a next step
        (a live view, not a copy: it stays cheap at 100k leads)."""
        return self._unplanned

    @property
    def undo_label(self) -> str | None:
        return self._undo[-1]["label"] if self._undo else None

    @property
    def undo_depth(self) -> int:
        return len(self._undo)

    @property
    def last_change(self) -> datetime | None:
        """The newest ``updated`` time in the data, for reproducible exports."""
        if self._last_change is None:
            times = [
                codec.as_time(table.field(i, "updated"))
                for table in (self._tables["leads"], self._tables["contacts"])
                for i in table
            ]
            self._last_change = max(times, default=None)
        return self._last_change

    def table_docs(self, table: str) -> Iterator[tuple[int, dict[str, Any]]]:
        """Every record of a table as its stored document (to copy a base)."""
        stored = self._tables[table]
        return ((obj_id, stored.doc(obj_id)) for obj_id in sorted(stored))

    def lead_doc(self, lead_id: int) -> dict[str, Any]:
        """A lead's stored document, for readers of many leads (exports)."""
        return self._tables["leads"].doc(lead_id)

    def now(self) -> datetime:
        return self.clock()

    # ----------------------------------------------------------- leads
    def add_lead(self, name: str, **fields: Any) -> Lead:
        lead = self.new_lead(name, **fields)
        self._commit("add_lead", [("leads", lead.id, None, lead)])
        return lead

    def new_lead(self, name: str, **fields: Any) -> Lead:
        """A lead with a fresh id, checked but not yet saved (for :meth:`commit`)."""
        now = self.now()
        lead = Lead(id=self._new_id("leads"), name=check_name(name), created=now, updated=now,
                    owner=self.rep)
        return _keyed(dataclasses.replace(lead, **self._checked(fields)))

    def edit_lead(self, lead_id: int, label: str = "edit_lead", **fields: Any) -> Lead:
        """Change fields of a lead; each change lands in its history."""
        before = self.lead(lead_id)
        after = self._edited(before, self._checked(fields))
        if after is before:
            return before
        self._commit(label, [("leads", lead_id, before, after)])
        return after

    def move_to_quadrant(self, lead_id: int, quadrant: int) -> Lead:
        lead = self.lead(lead_id)
        intent, funding = grades_for_quadrant(
            lead.intent, lead.funding, quadrant, self.settings.threshold
        )
        return self.edit_lead(lead_id, "regrade", intent=intent, funding=funding)

    def step(self, lead_id: int, axis: str, step: int) -> Lead:
        """Raise (+1) or lower (-1) intent or funding by one grade."""
        if axis not in ("intent", "funding"):
            raise ValueError(axis)
        lead = self.lead(lead_id)
        grade = step_grade(getattr(lead, axis), step, self.settings.threshold)
        return self.edit_lead(lead_id, "regrade", **{axis: grade})

    def delete_lead(self, lead_id: int) -> None:
        """Delete a lead and its contacts; its machines are still out there,
        owned by nobody known."""
        lead = self.lead(lead_id)
        changes: list[Change] = [("leads", lead_id, lead, None)]
        changes += [("contacts", c.id, c, None) for c in self.contacts_of(lead_id)]
        changes += [("machines", m.id, m, dataclasses.replace(m, owner=None))
                    for m in self.fleet_of(lead_id)]
        changes += self._unlinked(lead_id)
        self._commit("delete_lead", changes)

    def _unlinked(self, lead_id: int) -> list[Change]:
        """The market's records let go of a deleted lead: its lost deals go
        with it, intel heard from it and projects it worked on stay."""
        changes: list[Change] = [("lost_deals", d.id, d, None)
                                 for d in self.records("lost_deals").values()
                                 if d.lead_id == lead_id]
        changes += [("intel", e.id, e, dataclasses.replace(e, lead_id=None))
                    for e in self.records("intel").values() if e.lead_id == lead_id]
        changes += [("projects", p.id, p, dataclasses.replace(
                        p, lead_ids=tuple(i for i in p.lead_ids if i != lead_id)))
                    for p in self.records("projects").values() if lead_id in p.lead_ids]
        return changes

    def edited(self, lead: Lead, **fields: Any) -> Lead:
        """The lead with ``fields`` changed and in its history, not yet saved:
        for a plan of many changes that :meth:`commit` then saves as one."""
        return self._edited(lead, self._checked(fields))

    def next_id(self, table: str) -> int:
        """The id the next new object of ``table`` will get (none is taken)."""
        ids = getattr(self._backend, "ids", None)
        return ids.peek(table) if ids is not None else self._next_ids[table]

    # ----------------------------------------------------------- a team's leads
    @property
    def rep(self) -> str:
        """Whose the leads added here are: the rep's name on a team's base,
        empty (the pool, or a rep's own file) otherwise."""
        return getattr(self._backend, "rep", "")

    @property
    def manager(self) -> bool:
        """Whether this is the team's manager, who may hand leads over."""
        return getattr(self._backend, "manager", False)

    def assign(self, lead_ids: Iterable[int], rep: str, label: str = "assign") -> list[int]:
        """Hand leads to ``rep`` ("" or "-": the team's pool), one step;
        the ids that changed hands."""
        rep = self._team_rep(rep)
        changes: list[Change] = []
        for lead_id in lead_ids:
            before = self.lead(lead_id)
            if before.owner != rep:
                changes.append(("leads", lead_id, before, self._edited(before, {"owner": rep})))
        if changes:
            self._commit(label, changes)
        return [obj_id for _t, obj_id, _b, _a in changes]

    def hand_over(self, from_rep: str, to_rep: str) -> list[int]:
        """Every lead of ``from_rep`` to ``to_rep``, in one step (one undo)."""
        from_rep = self._team_rep(from_rep)
        leads = self._tables["leads"]
        return self.assign([i for i in list(leads) if leads.field(i, "owner", "") == from_rep],
                           to_rep, "hand_over")

    def _team_rep(self, rep: str) -> str:
        """A rep's name as a lead's owner, once the manager asks and the team has them."""
        if not self.manager:
            raise NotAllowed("assign")
        rep = "" if rep.strip() in ("", "-") else rep.strip()
        if rep and not self._backend.is_rep(rep):
            raise NotInTeam(rep)
        return rep

    def _checked(self, fields: dict[str, Any]) -> dict[str, Any]:
        unknown = set(fields) - set(EDITABLE_FIELDS)
        if unknown:
            raise TypeError(f"not editable: {sorted(unknown)}")
        if "name" in fields:
            fields = {**fields, "name": check_name(fields["name"])}
        if holds_project(fields.get("has_project"), fields.get("project")):
            fields = {**fields, "has_project": True}  # so that the history says so
        for axis in ("intent", "funding"):
            grade = fields.get(axis)
            if grade is not None and (type(grade) is not int or not 1 <= grade <= 5):
                raise Invalid(axis, "grade", grade)
        return fields

    def _edited(self, lead: Lead, fields: dict[str, Any]) -> Lead:
        now = self.now()
        entries = [
            HistoryEntry(now, name, _plain(getattr(lead, name)), _plain(value), self.author)
            for name, value in fields.items()
            if getattr(lead, name) != value and name not in ("reviewed",)
        ]
        changed = {k: v for k, v in fields.items() if getattr(lead, k) != v}
        if not changed:
            return lead
        after = dataclasses.replace(lead, **changed, updated=now,
                                    history=lead.history + tuple(entries))
        # A regrade or a review keeps the keys: reading the text again would
        # cost a triage decision more than the rest of its change but the fsync.
        return _keyed(after) if changed.keys() & KEYED_FIELDS else after

    # ----------------------------------------------------------- contacts
    def schedule_contact(self, lead_id: int, at: datetime, **fields: Any) -> Contact:
        """Plan a contact; a new plan must lie ahead (a made one may be logged late)."""
        contact = self.new_contact(lead_id, at, **fields)
        self._commit("schedule_contact", [("contacts", contact.id, None, contact)])
        return contact

    def new_contact(self, lead_id: int, at: datetime, **fields: Any) -> Contact:
        """A contact with a fresh id, checked but not yet saved (for :meth:`commit`)."""
        self.lead(lead_id)
        now = self.now()
        planned = fields.get("status", ContactStatus.PLANNED) == ContactStatus.PLANNED
        if planned and at < now.replace(second=0, microsecond=0):
            raise Invalid("at", "past", codec.time_to_str(at))
        return Contact(
            id=self._new_id("contacts"), lead_id=lead_id, at=at, created=now, updated=now,
            **fields,
        )

    def edited_lead(self, lead_id: int, **fields: Any) -> tuple[Lead, Lead]:
        """A lead before and after a change, not yet saved (for :meth:`commit`)."""
        before = self.lead(lead_id)
        return before, self._edited(before, self._checked(fields))

    def update_contact(self, contact_id: int, label: str = "edit_contact", **fields: Any) -> Contact:
        try:
            before = self.contacts[contact_id]
        except KeyError:
            raise NotFound("contact", contact_id) from None
        after = dataclasses.replace(before, **fields, updated=self.now())
        self._commit(label, [("contacts", contact_id, before, after)])
        return after

    def _index_contacts(self) -> None:
        """Each lead's next planned contact, in one pass over stored fields;
        the contacts by lead and by time are left to their first question."""
        # Asked of every contact: a set answers without a call of ours.
        lead_ids = set(self._tables["leads"])
        next_contact: dict[int, datetime] = {}
        times: dict[Any, datetime | None] = {}  # many contacts share a time: parsed once
        with self._contacts_lock:
            self._contact_index = None
        for contact_id, (lead_id, status, at) in self._tables["contacts"].rows(
            CONTACT_FIELDS, CONTACT_DEFAULTS
        ):
            if lead_id not in lead_ids:
                raise UnreadableFile(self._backend.path or self.shown, "bad_document",
                                     f"contact {contact_id}: no lead")
            if status == ContactStatus.PLANNED:
                when = times.get(at)
                if when is None:
                    when = times[at] = codec.as_time(at)
                soonest = next_contact.get(lead_id)
                if soonest is None or when < soonest:
                    next_contact[lead_id] = when
        self._next_contact = next_contact
        self._unplanned = {
            lead_id for lead_id, (status,) in self._tables["leads"].rows(
                ("status",), (Status.ACTIVE.value,))
            if status == Status.ACTIVE and lead_id not in next_contact
        }

    def _contacts(self) -> ContactIndex:
        """The contacts by lead and by time, built now if they are not yet
        (from a copy of the table: a contact read meanwhile moves within it,
        should this be another thread)."""
        index = self._contact_index
        if index is None:
            with self._contacts_lock:
                index = self._contact_index
                if index is None:
                    table = self._tables["contacts"].snapshot()
                    rows = table.rows(CONTACT_FIELDS, CONTACT_DEFAULTS)
                    index = self._contact_index = ContactIndex(stepping(rows))
        return index

    def warm_contacts(self) -> None:
        """Pack the contacts read later (see ``LATER`` in the file backend)
        and build them by lead and by time, in a thread of its own, so that a
        lead's history and the plans find them there (a question meanwhile
        waits for them, a second at most at 100k leads)."""
        if self._contact_index is None:
            threading.Thread(target=self._index_behind, daemon=True).start()

    def _index_behind(self) -> None:
        with behind_the_rep():  # steps aside while a key is shown
            self.index_contacts()

    def index_contacts(self) -> None:
        """The contacts packed and indexed by lead and by time now, in this
        thread, or once another thread has."""
        self._contacts()

    def _refresh_unplanned(self, lead_id: int, doc: dict | None = None) -> None:
        """``doc``: the lead's document, just stored (its status read from it)."""
        leads = self._tables["leads"]
        if doc is not None:
            active = doc.get("status", Status.ACTIVE) == Status.ACTIVE
        else:
            active = (lead_id in leads
                      and leads.field(lead_id, "status", Status.ACTIVE) == Status.ACTIVE)
        if active and lead_id not in self._next_contact:
            self._unplanned.add(lead_id)
        else:
            self._unplanned.discard(lead_id)

    def _refresh_next_contact(self, lead_id: int) -> None:
        field = self._tables["contacts"].field
        planned = [
            codec.as_time(field(i, "at"))
            for i in self._contacts().by_lead.get(lead_id, ())
            if field(i, "status", "planned") == ContactStatus.PLANNED
        ]
        if planned:
            self._next_contact[lead_id] = min(planned)
        else:
            self._next_contact.pop(lead_id, None)
        self._refresh_unplanned(lead_id)

    # ----------------------------------------------------------- machines
    @property
    def machines(self) -> Mapping[int, Machine]:
        return self._tables["machines"]

    def machine(self, machine_id: int) -> Machine:
        try:
            return self._tables["machines"][machine_id]
        except KeyError:
            raise NotFound("machine", machine_id) from None

    def machine_rows(self, names: tuple[str, ...], defaults: tuple[Any, ...]):
        """(id, [stored values]) for every machine, without building them."""
        return self._tables["machines"].rows(names, defaults)

    def fleet_of(self, lead_id: int) -> list[Machine]:
        """The machines a lead owns, in the order they were added."""
        return [self.machines[i] for i in sorted(self._fleet_index().get(lead_id, ()))]

    def _fleet_index(self) -> dict[int, set[int]]:
        with self._census_lock:
            if self._fleets is None:
                fleets: dict[int, set[int]] = {}
                for machine_id, (owner,) in self._tables["machines"].rows(("owner",), (None,)):
                    if owner is not None:
                        fleets.setdefault(owner, set()).add(machine_id)
                self._fleets = fleets
            return self._fleets

    @contextmanager
    def census(self) -> Iterator[Census]:
        """The machines in service by place, to read while no change lands."""
        with self._census_lock:
            if self._census is None:
                self._fleet_index()  # kept from now on too: an owner moved moves his machines
                self._census = self._new_census()
            yield self._census

    @contextmanager
    def lost_index(self) -> Iterator[LostIndex]:
        """The lost deals by region, to read while no change lands."""
        with self._census_lock:
            yield self._lost_built()

    def _lost_built(self) -> LostIndex:
        """The lost deals by region (held under the census's lock)."""
        if self._lost is None:
            with collector_paused():  # thousands of deals read, all kept
                self._lost = LostIndex(self._tables["lost_deals"], self._owner_place)
        return self._lost

    @property
    def census_ready(self) -> bool:
        """Whether the census and the lost deals by region are built (the
        market's next opening finds them)."""
        return self._census is not None and self._lost is not None

    def warm_census(self) -> None:
        """Build the census now, from a thread of its own, so that the market's
        first opening finds it; changes are not held up meanwhile (a key may
        save a lead while it is built): the machines they touch are counted
        again once it is. The lost deals by region follow, read at once (a
        few thousand deals, against tens of thousands of machines)."""
        with self._census_lock:
            if self._census is not None or self._warming:
                return
            self._warming, round_ = True, self._census_round
        census = None
        try:
            self._fleet_index()  # first: a changed lead's machines are found through it
            with self._census_lock:
                self._census_missed = set()
            census = self._read_census()
        finally:
            with self._census_lock:
                missed, self._census_missed, self._warming = self._census_missed, None, False
                if census is not None and self._census is None and self._census_round == round_:
                    self._census = census
                    self._recount(missed or ())
                    self._lost_built()

    def _read_census(self) -> Census:
        for _try in range(3):
            try:
                return self._new_census()
            except RuntimeError:  # a machine added as we read: read them again
                continue
        with self._census_lock:  # the last try holds changes up
            return self._new_census()

    def _new_census(self) -> Census:
        with collector_paused():  # tens of thousands of tallies, all kept
            return Census(stepping(self.machine_rows(CENSUS_FIELDS, CENSUS_DEFAULTS)),
                          self._owner_place)

    def _owner_place(self, lead_id: int) -> Place | None:
        """Where a lead's machines with no place of their own are; None: no such lead."""
        leads = self._tables["leads"]
        if lead_id not in leads:
            return None
        return (leads.field(lead_id, "province", "") or "", leads.field(lead_id, "city", "") or "")

    def _recount(self, machine_ids: Iterable[int]) -> None:
        """Hand the census (once built) these machines as they are now."""
        census, machines = self._census, self._tables["machines"]
        machine_ids = list(machine_ids)
        if self._census_missed is not None:  # being built: counted again at its end
            self._census_missed.update(machine_ids)
        if census is None:
            return
        for machine_id in machine_ids:
            census.put(machine_id, None if machine_id not in machines else
                       [machines.field(machine_id, name, default)
                        for name, default in zip(CENSUS_FIELDS, CENSUS_DEFAULTS, strict=True)])

    def add_machine(self, brand: str, model: str, **fields: Any) -> Machine:
        """Add a machine seen or heard of today (unless ``first_seen`` says
        when); ``owner`` a lead's id, or none for a machine nobody is known to own."""
        today = self.now().date()
        fields.setdefault("first_seen", today)
        fields.setdefault("last_seen", fields["first_seen"])
        machine = Machine(id=self._new_id("machines"), brand=brand_name(brand),
                          model=model.strip(), **fields)
        self._check_machine(machine)
        self._commit("add_machine", [("machines", machine.id, None, machine)])
        return machine

    def edit_machine(self, machine_id: int, **fields: Any) -> Machine:
        before = self.machine(machine_id)
        if "brand" in fields:
            fields["brand"] = brand_name(fields["brand"])
        after = dataclasses.replace(before, **fields)
        if after == before:
            return before
        self._check_machine(after, before)
        self._commit("edit_machine", [("machines", machine_id, before, after)])
        return after

    def remove_machine(self, machine_id: int) -> None:
        before = self.machine(machine_id)
        self._commit("remove_machine", [("machines", machine_id, before, None)])

    def _check_machine(self, machine: Machine, before: Machine | None = None) -> None:
        check_machine(machine, self.now().date(), before)
        if machine.owner is not None and machine.owner not in self.leads:
            raise NotFound("lead", machine.owner)

    # ----------------------------------------------------------- the market
    def records(self, table: str) -> Mapping[int, Any]:
        """One of the market's tables (``MARKET_TABLES``) by id."""
        if table not in MARKET_TABLES:
            raise KeyError(table)
        return self._tables[table]

    def record(self, table: str, record_id: int) -> Any:
        try:
            return self.records(table)[record_id]
        except KeyError:
            raise NotFound(table, record_id) from None

    def add_record(self, table: str, **fields: Any) -> Any:
        """Add a competitor, intel entry, outlet, project or lost deal; checked
        as the form checks it, saved as one undo step."""
        cls = codec.CODECS_BY_TABLE[table].cls
        record = cls(id=self._new_id(table), **_branded(fields))
        self._check_record(table, record)
        self._commit(f"add_{table}", [(table, record.id, None, record)])
        return record

    def edit_record(self, table: str, record_id: int, **fields: Any) -> Any:
        before = self.record(table, record_id)
        after = dataclasses.replace(before, **_branded(fields))
        if after == before:
            return before
        self._check_record(table, after)
        self._commit(f"edit_{table}", [(table, record_id, before, after)])
        return after

    def remove_record(self, table: str, record_id: int) -> None:
        before = self.record(table, record_id)
        self._commit(f"remove_{table}", [(table, record_id, before, None)])

    def _check_record(self, table: str, record: Any) -> None:
        CHECKS[table](record, self.now().date(), self.leads)

    # ----------------------------------------------------------- saved views
    @property
    def views(self) -> Mapping[int, SavedView]:
        return self._tables["views"]

    def save_view(self, name: str, query: str) -> SavedView:
        """Save a search under ``name``; a view of the same name is replaced."""
        name = check_name(name)
        before = next((v for v in self.views.values() if v.name == name), None)
        view_id = before.id if before else self._new_id("views")
        after = SavedView(view_id, name, query)
        self._commit("save_view", [("views", view_id, before, after)])
        return after

    def delete_view(self, view_id: int) -> None:
        before = self.views.get(view_id)
        if before is None:
            raise NotFound("view", view_id)
        self._commit("delete_view", [("views", view_id, before, None)])

    # ----------------------------------------------------------- settings
    def update_settings(self, **fields: Any) -> Settings:
        before = self._tables["settings"].get(SETTINGS_ID)
        current = before or Settings()
        if "cadence_days" in fields:  # name only the quadrants that change
            fields["cadence_days"] = {**current.cadence_days, **fields["cadence_days"]}
        after = dataclasses.replace(current, **fields)
        self._commit("settings", [("settings", SETTINGS_ID, before, after)])
        return after

    # ----------------------------------------------------------- changes
    def commit(self, label: str, changes: Iterable[Change], undoable: bool = True) -> None:
        """Make several changes durable as one step (one undo); leads get their
        search keys on the way.

        An object after the change may be given as its stored document
        instead (an import of many new leads builds no objects). The store
        adds a lead's search keys to that document and keeps it: nothing
        else may change it afterwards.
        """
        self._commit(label, list(changes), undoable, key_leads=True)

    def _commit(self, label: str, changes: list[Change], undoable: bool = True,
                key_leads: bool = False) -> None:
        self._writable()
        docs = []
        rep = self.rep
        # Many leads and machines, none removed (an import): see _put_quietly.
        quiet = len(changes) > BULK
        for t, i, before, after in changes:
            # A document (an import's new record) or nothing needs no encoding.
            after_doc = after if after is None or type(after) is dict else _encode(t, after)
            if t == "leads" and after_doc is not None:
                if key_leads:
                    _key_doc(after_doc)
                if before is None and rep and not after_doc.get("owner"):
                    after_doc = {**after_doc, "owner": rep}  # a new lead is its rep's
            elif quiet and (t != "machines" or after_doc is None):
                quiet = False
            docs.append([t, i, None if before is None else _encode(t, before), after_doc])
        kind = "do" if undoable else "final"
        self._append({"seq": self._seq + 1, "kind": kind, "label": label, "changes": docs})
        rebuild = _rebuilds(changes)
        if not (quiet and self._put_quietly(docs)):
            for (table, obj_id, _before, after), doc in zip(changes, docs, strict=True):
                self._put(table, obj_id, after, doc[3], reindex=not rebuild)
            if rebuild:
                self._reindex()
        if undoable:
            self._push_undo(label, docs)

    def _put_quietly(self, docs: list[list[Any]]) -> bool:
        """Many leads and machines as documents (an import), put with only
        the bookkeeping that needs them, when no one is told of them and no
        fleet or census is built to keep; False, nothing put, otherwise.
        Held under the census's lock, so that none is built meanwhile."""
        with self._census_lock:
            if (self._watchers or self._fleets is not None or self._census is not None
                    or self._lost is not None or self._warming or self._last_change is not None
                    or getattr(self._backend, "ids", None) is not None):
                return False
            settle, refresh = codec.settle_lead_doc, self._refresh_unplanned
            by_table: dict[str, list[tuple[int, dict]]] = {"leads": [], "machines": []}
            for table, obj_id, _before, doc in docs:
                if table == "leads":
                    doc = settle(doc)
                    refresh(obj_id, doc)
                by_table[table].append((obj_id, doc))
            for table, put in by_table.items():
                if put:
                    self._tables[table].put_documents(put)
                    last = max(map(itemgetter(0), put))
                    self._next_ids[table] = max(self._next_ids[table], last + 1)
        return True

    def undo(self) -> tuple[str, list[tuple[str, int]]] | None:
        """Take back the last change; returns its label and what it touched."""
        self._writable()
        if not self._undo:
            return None
        top = self._undo[-1]
        if "overtaken" in top:  # another rep changed it since: theirs stays
            raise ChangedSince(*top["overtaken"], theirs=self._overtaking(top))
        changes = [
            [t, i, _encode(t, self._tables[t].get(i)), before]
            for t, i, before in reversed(top["changes"])
        ]
        self._append({"seq": self._seq + 1, "kind": "undo", "label": top["label"],
                      "changes": changes})
        rebuild = _rebuilds(changes)
        for table, obj_id, _now, before in changes:
            self._put(table, obj_id, None, before, reindex=not rebuild)
        if rebuild:
            self._reindex()
        self._undo.pop()
        self._last_change = None  # what was undone may have been the newest
        return top["label"], [(t, i) for t, i, _b, _a in changes]

    def _overtaking(self, step: dict[str, Any]) -> list[dict[str, Any]]:
        """Who overtook an undo step, as the server's log says (nothing when
        it cannot say: the undo is refused all the same)."""
        ask = getattr(self._backend, "overtaking", None)
        try:
            return ask([(t, i) for t, i, _before in step["changes"]]) if ask else []
        except StoreError:
            return []

    def _push_undo(self, label: str, docs: list[list[Any]]) -> None:
        self._undo.append({"label": label, "changes": [[t, i, b] for t, i, b, _a in docs]})
        del self._undo[:-UNDO_DEPTH]

    def _append(self, entry: dict[str, Any]) -> None:
        if self._deferring:  # written and made durable by sync(), after the frame
            self._unsynced.append(entry)
        else:
            entries = [*self._unsynced, entry]  # any deferred first
            try:
                self._backend.append(entries)
            except ChangedSince as clash:
                clash.entries = entries  # for store/clash.py to offer again
                raise
            self._unsynced.clear()
        self._seq = entry["seq"]

    # ----------------------------------------------------------- others' changes
    def reload(self, keys: list[tuple[str, int]]) -> dict[tuple[str, int], dict | None]:
        """Read these records again from the server (after a clash) and show
        them as they are there; their documents by key."""
        docs = self._backend.reload(keys)
        for (table, obj_id), doc in docs.items():
            self._put(table, obj_id, None, doc)
        self._last_change = None
        return docs

    def their_changes(self, keys: list[tuple[str, int]]) -> list[dict[str, Any]]:
        """What other reps changed in these records since this copy read
        them (see the server backend); a data file has one writer: none."""
        if not self.on_server:
            return []
        return self._backend.their_changes(keys)

    # ----------------------------------------------------------- syncing later
    @contextmanager
    def sync_later(self) -> Iterator[None]:
        """Changes made inside are applied at once, but written to the
        journal and made durable only by :meth:`sync` (or by the next change
        made the usual way): a triage key shows its change without waiting
        on the disk. They are not saved until then, and a failed sync takes
        them back. Undo inside is not supported."""
        self._deferring = True
        try:
            yield
        finally:
            self._deferring = False

    @property
    def unsynced(self) -> int:
        """Changes made under :meth:`sync_later` and not yet on disk."""
        return len(self._unsynced)

    def sync(self) -> None:
        """Write the changes made under :meth:`sync_later` to the journal, durably.

        When the disk refuses, they are taken back, from memory (the journal
        is left as it was), and :class:`SaveFailed` is raised with
        ``taken_back`` set to how many there were (the oldest undo step may go
        with them if the undo history was full).
        """
        if not self._unsynced or not self._backend.appends:
            self._unsynced.clear()
            return
        try:
            self._backend.append(self._unsynced)
        except StoreError as error:
            if isinstance(error, ChangedSince):
                error.entries = list(self._unsynced)
            error.taken_back = self._take_back(self._unsynced)  # type: ignore[attr-defined]
            raise
        self._unsynced.clear()

    def _take_back(self, entries: list[dict[str, Any]]) -> int:
        """Undo ``entries`` in memory (the journal never kept them)."""
        for entry in reversed(entries):
            changes = entry["changes"]
            rebuild = _rebuilds(changes)
            for table, obj_id, before, _after in reversed(changes):
                self._put(table, obj_id, None, before, reindex=not rebuild)
            if rebuild:
                self._reindex()
            if entry["kind"] == "do" and self._undo:
                self._undo.pop()
        self._seq = entries[0]["seq"] - 1
        self._last_change = None
        count = len(entries)
        entries.clear()
        return count

    def _put(self, table: str, obj_id: int, obj: Any, doc: dict | None,
             reindex: bool = True) -> None:
        """Set one record from its object or its document (None for either: gone).

        ``reindex=False`` leaves the contact indexes to one rebuild after many
        records (an import, a replay), which beats keeping them one by one.
        """
        objects = self._tables[table]
        if table == "leads" and doc is not None:
            doc = codec.settle_lead_doc(doc)
        contact = table == "contacts" and (reindex or self._watchers)
        if table == "contacts" and reindex:
            self._contacts()  # indexed as the table was before this change
        old = objects.get(obj_id) if contact else None
        # A machine's owners matter to the fleets once built, and to watchers.
        fleet = table == "machines" and (self._fleets is not None or bool(self._watchers)
                                         or self._warming)
        old_owner = self._owner(obj_id) if fleet else None
        objects.put(obj_id, obj, doc)
        if self._last_change is not None:
            self._note_change(obj, doc)
        if obj is not None or doc is not None:
            if obj_id >= self._next_ids[table]:
                self._next_ids[table] = obj_id + 1
            ids = getattr(self._backend, "ids", None)
            if ids is not None:
                ids.used(table, obj_id)
        new = objects.get(obj_id) if contact else None
        if table == "machines":
            with self._census_lock:
                touched = (self._refleet(obj_id, old_owner, self._owner(obj_id)) if fleet
                           else set())  # told to no one
                self._recount([obj_id])
        elif not self._watchers:
            touched = set()  # told to no one
        else:
            touched = _leads_touched(table, obj_id, old, new)
        # A lead's place is its machines' that have none of their own.
        if table == "leads" and (self._census is not None or self._census_missed is not None):
            with self._census_lock:
                self._recount(self._fleet_index().get(obj_id, ()))
        if self._lost is not None and table in ("leads", "lost_deals"):
            with self._census_lock:  # a lead's deals show while he is in the file, where he is
                if table == "leads":
                    self._lost.put_lead(obj_id)
                else:
                    self._lost.put_deal(obj_id)
        if reindex:
            if table == "contacts":
                self._reindex_contact(obj_id, old, new)
            elif table == "leads":
                self._refresh_unplanned(obj_id, doc)
        for watcher in self._watchers:
            for lead_id in touched:
                watcher(table, obj_id, lead_id)

    def _owner(self, machine_id: int) -> int | None:
        machines = self._tables["machines"]
        return machines.field(machine_id, "owner") if machine_id in machines else None

    def _refleet(self, machine_id: int, old: int | None, new: int | None) -> set[int]:
        """Keep the machines by owner (once built); the owners touched."""
        if self._fleets is not None:
            if old is not None:
                self._fleets.get(old, set()).discard(machine_id)
            if new is not None:
                self._fleets.setdefault(new, set()).add(machine_id)
        return {owner for owner in (old, new) if owner is not None}

    def _reindex(self) -> None:
        """Index the contacts again after a bulk change."""
        self._index_contacts()

    reindex = _reindex  # for a backend, once it has loaded the tables

    def _note_change(self, obj: Any, doc: dict | None) -> None:
        if self._last_change is None:
            return  # not asked for yet: found by a scan when it is
        updated = getattr(obj, "updated", None) or codec.as_time((doc or {}).get("updated"))
        if updated is not None:
            self._last_change = max(self._last_change, updated)

    def watch(self, watcher: Watcher) -> None:
        """Have ``watcher`` told of every object put, with the lead it concerns."""
        self._watchers.append(watcher)

    def _reindex_contact(self, contact_id: int, old: Contact | None, new: Contact | None) -> None:
        self._contacts().put(contact_id, old, new)
        for contact in (old, new):
            if contact is not None:
                self._refresh_next_contact(contact.lead_id)

    def _new_id(self, table: str) -> int:
        ids = getattr(self._backend, "ids", None)
        if ids is not None:  # a team's base: from the server, so two reps never clash
            return ids.take(table)
        new_id = self._next_ids[table]
        self._next_ids[table] += 1
        return new_id

    def _writable(self) -> None:
        if self.read_only:
            raise ReadOnly(self._backend.path or self.shown)

    # ----------------------------------------------------------- folding
    @property
    def journal_bytes(self) -> int:
        """The size of the file's journal (a server keeps none)."""
        return self._backend.journal_bytes

    def compact(self) -> None:
        """Fold the journal into a new snapshot, keeping the old one as a
        backup. A server has nothing to fold."""
        if not self._backend.needs_fold():
            return
        # Nothing changes while it is written here (the threads still at work
        # behind the board only read rows): the tables as they are, not
        # copies (tens of megabytes at 100k leads, at a session's peak).
        fold = self.begin_fold(while_changing=False)
        fold.write()
        self.finish_fold(fold)

    def begin_fold(self, while_changing: bool = True) -> Fold:
        """Capture the state to fold; :meth:`Fold.write` may then run in a thread
        while changes go on (``while_changing``), and :meth:`finish_fold` trims
        the journal after."""
        self._writable()
        self.sync()  # a snapshot holds only what is saved
        tables = {name: table.snapshot() if while_changing else table
                  for name, table in self._tables.items()}
        return self._backend.begin_fold(tables, self._seq, list(self._undo))

    def finish_fold(self, fold: Fold) -> None:
        self._backend.finish_fold(fold)

    def close(self, fold: bool = True) -> None:
        """Fold the journal into the snapshot and let go of the file (or the
        server).

        ``fold=False`` leaves every file byte for byte as it is: after an
        operation that failed, the user expects to find nothing touched.
        """
        try:
            self.sync()
            if fold and not self.read_only and self._backend.appends:
                self.compact()
        finally:
            self._release()

    def _release(self) -> None:
        self._backend.release()

    def __enter__(self) -> LeadStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
