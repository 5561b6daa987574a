"""The one place where domain objects become stored documents and back.

Documents are JSON-ready dicts. Values equal to the field's default are left
out to keep a 100k-lead file small; reading puts the defaults back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime
from enum import StrEnum
from functools import lru_cache
from operator import attrgetter
from typing import Any, get_args, get_type_hints

from store.errors import BadDocument
from store.market_model import Competitor, IntelEntry, LostDeal, Outlet, Project
from store.model import (
    ChecklistItem,
    Contact,
    Credit,
    HistoryEntry,
    Lead,
    Machine,
    SavedView,
    SessionRecord,
    Status,
    holds_project,
)

Doc = dict[str, Any]


def time_to_str(moment: datetime | None) -> str | None:
    return None if moment is None else _iso(moment, moment.utcoffset())


@lru_cache(maxsize=256)  # many objects share a time: an import, a demo, a bulk edit
def _iso(moment: datetime, offset: object) -> str:
    # The offset is part of the key: equal instants in two zones hash alike.
    return moment.isoformat(timespec="seconds")


def time_from_str(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def as_time(value: str | datetime | None) -> datetime | None:
    """A time from a stored field, whether still a string or already decoded."""
    return value if value is None or isinstance(value, datetime) else datetime.fromisoformat(value)


def day_to_str(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def day_from_str(text: str | None) -> date | None:
    if text is None:
        return None
    if not isinstance(text, str) or len(text) != 10:
        raise ValueError(f"{text!r} is not a day")
    return date.fromisoformat(text)


def _enum_tuple(enum: type[StrEnum]) -> tuple[Callable, Callable]:
    return (lambda raw: tuple(enum(value) for value in raw)), (lambda values: [str(v) for v in values])


def _history_to_doc(entries: tuple[HistoryEntry, ...]) -> list:
    # Who made the change only where someone did say (a team's base): a
    # rep's own file keeps its four fields.
    return [[time_to_str(e.at), e.field, e.old, e.new, *([e.rep] if e.rep else [])]
            for e in entries]


def _history_from_doc(raw: list) -> tuple[HistoryEntry, ...]:
    return tuple(HistoryEntry(datetime.fromisoformat(at), f, old, new, str(*rep))
                 for at, f, old, new, *rep in raw)


def _checklist_to_doc(items: tuple[ChecklistItem, ...]) -> list:
    return [[item.text, item.done] for item in items]


def _checklist_from_doc(raw: list) -> tuple[ChecklistItem, ...]:
    return tuple(ChecklistItem(str(text), bool(done)) for text, done in raw)


# Fields whose stored form is not the plain JSON value.
_NESTED: dict[str, tuple[Callable, Callable]] = {
    "history": (_history_to_doc, _history_from_doc),
    "checklist": (_checklist_to_doc, _checklist_from_doc),
}


def _record_items(hint: object) -> type | None:
    """The dataclass of a ``tuple[SomeRecord, ...]`` field of plain values
    (a competitor's models, a project's machine needs), else None."""
    items = get_args(hint) if str(hint).startswith("tuple") else ()
    first = items[0] if items else None
    return first if dataclasses.is_dataclass(first) else None


def _records_tuple(cls: type) -> tuple[Callable, Callable]:
    """Each record stored as the list of its values, in field order."""
    def read(raw: list) -> tuple:
        return tuple(cls(*values) for values in raw)

    def write(records: tuple) -> list:
        return [list(dataclasses.astuple(record)) for record in records]
    return read, write


def _enum_items(hint: object) -> type[StrEnum] | None:
    """The enum of a ``tuple[SomeEnum, ...]`` field, else None."""
    items = get_args(hint) if str(hint).startswith("tuple") else ()
    first = items[0] if items else None
    return first if isinstance(first, type) and issubclass(first, StrEnum) else None


_NO_DEFAULT = object()  # equal to no value: a field without a default is always written
# Writers of an immutable value as text: the same value is the same text.
_SHARED = frozenset((day_to_str, time_to_str))


class DocCodec:
    """Converts one frozen dataclass to a compact document and back."""

    def __init__(self, cls: type, table: str) -> None:
        self.cls = cls
        self.table = table
        hints = get_type_hints(cls)
        self.defaults: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.default is not dataclasses.MISSING:
                self.defaults[f.name] = f.default
            elif f.default_factory is not dataclasses.MISSING:
                self.defaults[f.name] = f.default_factory()
        self.readers: dict[str, Callable[[Any], Any]] = {}
        self.writers: dict[str, Callable[[Any], Any]] = {}
        for name, hint in hints.items():
            if name in _NESTED:
                self.writers[name], self.readers[name] = _NESTED[name]
            elif isinstance(hint, type) and issubclass(hint, StrEnum):
                self.readers[name], self.writers[name] = hint, str
            elif hint is date or date in get_args(hint):  # a day, not a time
                self.readers[name], self.writers[name] = day_from_str, day_to_str
            elif _record_items(hint):
                self.readers[name], self.writers[name] = _records_tuple(_record_items(hint))
            elif _enum_items(hint):
                self.readers[name], self.writers[name] = _enum_tuple(_enum_items(hint))
            elif "datetime" in str(hint):
                self.readers[name], self.writers[name] = time_from_str, time_to_str
            elif str(hint).startswith("tuple"):
                self.readers[name], self.writers[name] = tuple, list
        self.names = [f.name for f in dataclasses.fields(cls) if f.name != "id"]
        # (name, default, writer) per field, so that to_doc looks nothing up.
        self._plan = [(name, self.defaults.get(name, _NO_DEFAULT), self.writers.get(name))
                      for name in self.names]
        self._values = attrgetter(*self.names)  # all fields in one C call
        self._layouts: dict[tuple[str, ...], list] = {}  # see _layout
        self._last_written: dict[str, tuple[Any, Any]] = {}  # see fields_to_doc

    def to_doc(self, obj: Any) -> Doc:
        doc: Doc = {}
        for (name, default, writer), value in zip(self._plan, self._values(obj)):
            if value == default:
                continue
            doc[name] = value if writer is None else writer(value)
        return doc

    def fields_to_doc(self, fields: Doc) -> Doc:
        """The document of the object ``cls(**fields)``, without building it.

        For many new objects at once (an import): building each only to
        encode it again doubles the work. Checked as the constructor would:
        a field it does not know, or a required one missing, fails.
        """
        doc: Doc = {}
        names = tuple(fields)
        layout = self._layouts.get(names) or self._layout(names)
        last = self._last_written
        for name, default, writer in layout:
            value = fields[name]
            if value is default or value == default:
                continue
            if writer is None:
                doc[name] = value
            elif writer in _SHARED:
                # Many objects in a row carry the same day or moment (the
                # day of an import): written once, the text shared.
                seen = last.get(name)
                if seen is None or seen[0] is not value:
                    seen = last[name] = (value, writer(value))
                doc[name] = seen[1]
            else:
                doc[name] = writer(value)
        return doc

    def _layout(self, names: tuple[str, ...]) -> list[tuple[str, Any, Callable | None]]:
        """The plan of ``to_doc`` for just these fields, in the same order;
        many objects in a row fill the same fields, so it is kept."""
        layout = self._layouts.get(names)
        if layout is None:
            unknown = set(names) - set(self.names)
            missing = [n for n, default, _writer in self._plan
                       if default is _NO_DEFAULT and n not in names]
            if unknown or missing:
                raise TypeError(f"{self.cls.__name__}: fields unknown {sorted(unknown)}, "
                                f"missing {missing}")
            if len(self._layouts) >= 1024:  # rows that fill fields in ever new ways
                self._layouts.clear()
            layout = self._layouts[names] = [step for step in self._plan if step[0] in names]
        return layout

    def from_doc(self, obj_id: int, doc: Doc) -> Any:
        try:
            kwargs = dict(doc)
            readers = self.readers
            for name, value in doc.items():
                reader = readers.get(name)
                if reader is not None:
                    kwargs[name] = reader(value)
            return self.cls(id=obj_id, **kwargs)
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            raise BadDocument(self.table, obj_id, str(exc)) from exc


LEADS = DocCodec(Lead, "leads")
CONTACTS = DocCodec(Contact, "contacts")
SESSIONS = DocCodec(SessionRecord, "sessions")
VIEWS = DocCodec(SavedView, "views")
MACHINES = DocCodec(Machine, "machines")
COMPETITORS = DocCodec(Competitor, "competitors")
INTEL = DocCodec(IntelEntry, "intel")
OUTLETS = DocCodec(Outlet, "outlets")
PROJECTS = DocCodec(Project, "projects")
LOST_DEALS = DocCodec(LostDeal, "lost_deals")
# The market's tables, each read and written by its codec as it is.
MARKET_CODECS = (COMPETITORS, INTEL, OUTLETS, PROJECTS, LOST_DEALS)
CODECS_BY_TABLE = {c.table: c for c in MARKET_CODECS}


_GRADES = (None, 1, 2, 3, 4, 5)
_STATUSES = frozenset(s.value for s in Status)
_CREDITS = frozenset(c.value for c in Credit)


def check_lead_doc(lead_id: int, doc: Any) -> None:
    """A quick look at the fields the board reads before the lead is built.

    The full check builds every lead (``leadboard check``); this one keeps a
    damaged record from surfacing in the middle of a triage session.
    """
    if not isinstance(doc, dict) or not isinstance(doc.get("name"), str):
        raise BadDocument("leads", lead_id, "no name")
    for name in ("intent", "funding"):
        grade = doc.get(name)
        if grade not in _GRADES or isinstance(grade, bool):
            raise BadDocument("leads", lead_id, f"{name} {grade!r} is not 1-5")
    if doc.get("status", "active") not in _STATUSES or doc.get("credit", "unknown") not in _CREDITS:
        raise BadDocument("leads", lead_id, "unknown status or credit")


def settle_lead_doc(doc: Doc) -> Doc:
    """The stored lead as its object would be: older files and journals hold
    a project's name without ``has_project``, and the board reads that field
    from the document itself."""
    if "project" in doc and not doc.get("has_project") and holds_project(False, doc["project"]):
        return {**doc, "has_project": True}
    return doc


def lead_to_doc(lead: Lead) -> Doc:
    return LEADS.to_doc(lead)


def lead_from_doc(lead_id: int, doc: Doc) -> Lead:
    lead = LEADS.from_doc(lead_id, doc)
    for name in ("intent", "funding"):
        grade = getattr(lead, name)
        if grade is not None and (type(grade) is not int or not 1 <= grade <= 5):
            raise BadDocument("leads", lead_id, f"{name} {grade!r} is not 1-5")
    return lead


def contact_to_doc(contact: Contact) -> Doc:
    return CONTACTS.to_doc(contact)


def contact_from_doc(contact_id: int, doc: Doc) -> Contact:
    return CONTACTS.from_doc(contact_id, doc)


def view_to_doc(view: SavedView) -> Doc:
    return VIEWS.to_doc(view)


def view_from_doc(view_id: int, doc: Doc) -> SavedView:
    return VIEWS.from_doc(view_id, doc)


def machine_to_doc(machine: Machine) -> Doc:
    return MACHINES.to_doc(machine)


def machine_from_doc(machine_id: int, doc: Doc) -> Machine:
    machine = MACHINES.from_doc(machine_id, doc)
    for name in ("owner", "year", "hours"):
        value = getattr(machine, name)
        if value is not None and type(value) is not int:
            raise BadDocument("machines", machine_id, f"{name} {value!r} is not a whole number")
    if machine.tonnes is not None and type(machine.tonnes) not in (int, float):
        raise BadDocument("machines", machine_id, f"tonnes {machine.tonnes!r} is not a number")
    return machine
