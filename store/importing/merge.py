"""Duplicates: the same normalised phone, or the same name and company, is one
customer, whether it is already in the database or earlier in the import.

A number may be a person's own (a mobile, an extension, a number abroad) or
shared by everyone at a company (its switchboard or office landline, a 400
hotline, a service number). A shared number makes one customer only of rows
that do not name two different people.

``merge`` fills empty fields, unions phones, tags, models and brands, and
never overwrites: a value that differs from the one the lead holds is kept
in the lead's notes as ``header: value (file:line)``. Doing the same import
twice finds every row already there and changes nothing.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from store import codec
from store.importing.records import Incoming, RowRejected
from store.leadstore import Change, LeadStore
from store.model import Lead
from store.validate import is_landline

MERGE, SKIP, NEW = "merge", "skip", "new"
ON_DUPLICATE = (MERGE, SKIP, NEW)
# What became of a row.
CREATED, MERGED, UNCHANGED, SKIPPED = "new", "merged", "unchanged", "skipped"

_LISTS = ("phones", "tags", "models", "brands")
# A field still holding its default is empty, and an import may fill it.
_EMPTY: dict[str, Any] = {
    f.name: f.default for f in dataclasses.fields(Lead) if f.default is not dataclasses.MISSING
}


def name_key(name: str, company: str) -> tuple[str, str]:
    return " ".join(name.split()).casefold(), " ".join(company.split()).casefold()


class MergePlan:
    """Plans the changes an import makes; nothing is saved until committed."""

    def __init__(self, store: LeadStore, on_duplicate: str = MERGE) -> None:
        if on_duplicate not in ON_DUPLICATE:
            raise ValueError(on_duplicate)
        self.store = store
        self.on_duplicate = on_duplicate
        self.now = store.now()
        self._next_id = store.next_id("leads")
        self._before: dict[int, Lead | None] = {}
        # A lead new in this import is kept as its document until a later
        # row merges into it: most never are, and need no object at all.
        self._after: dict[int, Lead | codec.Doc] = {}
        self._by_phone: dict[str, list[int]] = {}
        self._by_name: dict[tuple[str, str], int] = {}
        # Leads by name alone, for a machine's owner named with no phone.
        self._by_person: dict[str, list[int]] = {}
        self._people: dict[int, str] = {}  # each lead's name as in name_key, by id
        self.last_id: int | None = None  # the lead the last row added became, or was
        self._keyed: tuple[Incoming | None, tuple[str, str]] = (None, ("", ""))  # see _key
        self._created: Incoming | None = None  # the row of the lead last created (see repeats)
        if on_duplicate != NEW:
            self._index_store()

    def _index_store(self) -> None:
        field = self.store.leads_field
        for lead_id in self.store.leads:
            for phone in field(lead_id, "phones", ()):
                self._by_phone.setdefault(phone, []).append(lead_id)
            key = name_key(field(lead_id, "name", ""), field(lead_id, "company", ""))
            self._by_name.setdefault(key, lead_id)
            self._by_person.setdefault(key[0], []).append(lead_id)
            self._people[lead_id] = key[0]

    def changes(self) -> list[Change]:
        """The planned changes; a new lead's is its document (see ``LeadStore.commit``)."""
        return [("leads", i, self._before.get(i), after) for i, after in self._after.items()]

    def match(self, row: Incoming) -> int | None:
        """The lead a row is, by the rules above (None: a new one)."""
        if self.on_duplicate == NEW:
            return None
        return self._match(row, self._key(row))

    def _key(self, row: Incoming) -> tuple[str, str]:
        """The row's name key: asked for by the owner's match and the merge
        of one row both, and worked out once."""
        keyed, key = self._keyed
        if keyed is not row:
            key = name_key(row.fields["name"], row.fields.get("company", ""))
            self._keyed = (row, key)
        return key

    def owner(self, row: Incoming) -> int | None:
        """The lead a machine's owner is. Named with no phone, he is the one
        lead of that name (and company, when the row gives one); several
        such leads cannot be told apart, and the row is refused."""
        if self.on_duplicate == NEW or row.fields.get("phones") or not row.named:
            return self.match(row)
        name, company = self._key(row)
        found = [i for i in self._by_person.get(name, ())
                 if not company or name_key("", self._field(i, "company"))[1] == company]
        if len(found) > 1:
            raise RowRejected("owner_ambiguous", row.written("name") or row.fields["name"])
        return found[0] if found else None

    def repeats(self, row: Incoming) -> bool:
        """Whether the row says of its lead just what the row that created
        the last lead said, with no lead planned since: an owner's next
        machine on a list. Its lead is then that one (``last_id``), unchanged,
        as :meth:`owner` and :meth:`add` would find, without the look."""
        last = self._created
        return (last is not None and row.named == last.named and row.fields == last.fields
                and row.extra == last.extra)

    def _field(self, lead_id: int, name: str) -> object:
        after = self._after.get(lead_id)
        if isinstance(after, Lead):
            return getattr(after, name)
        if isinstance(after, dict):
            return after.get(name, _EMPTY[name])
        return self.store.leads_field(lead_id, name, _EMPTY[name])

    def add(self, row: Incoming, found: int | None | object = ...) -> str:
        """Plan one row; returns what became of it. ``found`` is its lead
        when already looked for (see :meth:`owner`)."""
        self._created = None  # a lead planned: the last created one may be no more as it was
        key = self._key(row)
        if found is not ...:
            lead_id = found
        else:
            lead_id = None if self.on_duplicate == NEW else self._match(row, key)
        if lead_id is None:
            self._create(row, key)
            return CREATED
        self.last_id = lead_id
        if self.on_duplicate == SKIP:
            return SKIPPED
        after = self._after.get(lead_id)
        if isinstance(after, dict) and _adds_nothing(after, row):
            return UNCHANGED  # a list's next machine of the same owner: no lead built
        lead = self._current(lead_id)
        merged = self._merged(lead, row)
        if merged is lead:
            return UNCHANGED
        self._after[lead_id] = merged
        self._remember(lead_id, merged.phones, name_key(merged.name, merged.company))
        return MERGED

    def _match(self, row: Incoming, key: tuple[str, str]) -> int | None:
        phones = row.fields.get("phones", ())
        lead_id = self._by_phones(row, key, phones) if phones else None
        if lead_id is not None:
            return lead_id
        lead_id = self._by_name.get(key)
        if lead_id is None:
            return None
        # Two people may share a name: without a company to tell them apart,
        # different phone numbers mean different people.
        if row.fields.get("company") or not phones or not self._phones(lead_id):
            return lead_id
        return None

    def _by_phones(self, row: Incoming, key: tuple[str, str],
                   phones: tuple[str, ...]) -> int | None:
        """The lead holding most of the row's numbers, of the row's name
        first; one with a person's own number of the row's even if not.

        Two leads may hold one number (a mobile passed on, a slip): taking
        the first would let the next import of the same rows land on another
        lead than this one did, whatever the others gained meanwhile."""
        by_phone = self._by_phone
        if len(phones) == 1 and phones[0] not in by_phone:
            return None  # one number new to the board and the import: the common case
        held: dict[int, int] = {}  # lead -> how many of the row's numbers it holds
        for phone in phones:
            for lead_id in by_phone.get(phone, ()):
                held[lead_id] = held.get(lead_id, 0) + 1
        if not held:  # numbers new to the board and the import: the common case
            return None
        ranked = sorted(held, key=held.__getitem__, reverse=True) if len(held) > 1 else [*held]
        for lead_id in ranked:  # ties: first found
            if self._same_person(lead_id, row, key):
                return lead_id
        # Leads holding a person's own number of the row's.
        owners = {lead_id for phone in phones if is_own(phone)
                  for lead_id in by_phone.get(phone, ())}
        return next((lead_id for lead_id in ranked if lead_id in owners), None)

    def _same_person(self, lead_id: int, row: Incoming, key: tuple[str, str]) -> bool:
        """Whether a lead with a shared number of the row's may be the row's
        customer: the same name, or a name that is only a company or number."""
        if not row.named or self._people.get(lead_id) == key[0]:
            return True  # the same name: the common case, known without a look
        after = self._after.get(lead_id)
        if isinstance(after, Lead):
            name, company, phones = after.name, after.company, after.phones
        else:  # a document: new in this import, or as the store keeps it
            get = after.get if isinstance(after, dict) else (
                lambda name, default: self.store.leads_field(lead_id, name, default))
            name, company, phones = get("name", ""), get("company", ""), get("phones", ())
        return name_key(name, "")[0] in (key[0], company.casefold(), *phones)

    def _phones(self, lead_id: int) -> tuple[str, ...] | list[str]:
        after = self._after.get(lead_id)
        if isinstance(after, dict):  # new in this import: no need to build it
            return after.get("phones", ())
        return self._current(lead_id).phones

    def _current(self, lead_id: int) -> Lead:
        if lead_id in self._after:
            after = self._after[lead_id]
            return codec.lead_from_doc(lead_id, after) if isinstance(after, dict) else after
        lead = self.store.lead(lead_id)
        self._before[lead_id] = lead
        return lead

    def _create(self, row: Incoming, key: tuple[str, str]) -> None:
        """A new lead (nothing before it), planned as its stored document."""
        lead_id, self._next_id = self._next_id, self._next_id + 1
        self.last_id = lead_id
        fields = {**row.fields, "created": self.now, "updated": self.now}
        if row.extra:
            fields["extra"] = dict(row.extra)
        self._after[lead_id] = codec.LEADS.fields_to_doc(fields)
        self._remember(lead_id, row.fields.get("phones", ()), key, new=True)
        if self.on_duplicate == MERGE:  # merged into, a row saying the same changes nothing
            self._created = row

    def _remember(self, lead_id: int, phones: tuple[str, ...], key: tuple[str, str],
                  new: bool = False) -> None:
        """Index a lead planned here; a ``new`` one (its phones never repeat)
        is in no list yet."""
        for phone in phones:
            ids = self._by_phone.setdefault(phone, [])
            if new or lead_id not in ids:
                ids.append(lead_id)
        self._by_name.setdefault(key, lead_id)
        self._people[lead_id] = key[0]
        people = self._by_person.setdefault(key[0], [])
        if new or lead_id not in people:
            people.append(lead_id)

    def _merged(self, lead: Lead, row: Incoming) -> Lead:
        updates, conflicts = _field_updates(lead, row)
        extra = dict(lead.extra)
        for key, value in row.extra.items():
            old = extra.get(key)
            if old is None:
                extra[key] = value
            elif value != old and value not in old.split("\n"):
                conflicts.append(_conflict(key, value, row))
        if extra != lead.extra:
            updates["extra"] = extra
        notes = updates.get("notes", lead.notes)
        lines = notes.split("\n")
        added = [c for c in dict.fromkeys(conflicts) if c not in lines]
        if added:
            updates["notes"] = "\n".join([notes, *added] if notes else added)
        if not updates:
            return lead
        if self._before.get(lead.id) is None:  # planned in this import: no history yet
            return dataclasses.replace(lead, **updates)
        return self.store.edited(lead, **updates)


def _adds_nothing(doc: codec.Doc, row: Incoming) -> bool:
    """Whether a row says only what a lead new in this import already holds
    (its stored document: lists as lists, choices as their codes). False
    when unsure: the full merge then decides."""
    if row.extra and any(doc.get("extra", {}).get(k) != v for k, v in row.extra.items()):
        return False
    for name, value in row.fields.items():
        current = doc.get(name, _EMPTY.get(name))
        if name in _LISTS:
            if not all(v in current for v in value):
                return False
        elif name == "notes":
            if value not in (current or ""):
                return False
        elif value != current and not (name == "name" and not row.named):
            return False
    return True


def _conflict(label: str, text: str, row: Incoming) -> str:
    """One line of notes for a value the lead holds otherwise: on one line, so
    that the next import of the same file finds it there and adds nothing."""
    return f"{label}: {' '.join(text.split())} ({row.file}:{row.line})"


def is_own(phone: str) -> bool:
    """A number one person answers: a mobile, an extension, a number abroad;
    not a landline without extension, a hotline or a service number."""
    if phone.startswith("+"):
        return True
    if is_landline(phone):
        return phone.count("-") == 2  # area-local-extension
    return phone.startswith("1") and len(phone) == 11


def _field_updates(lead: Lead, row: Incoming) -> tuple[dict[str, Any], list[str]]:
    """Fields the row fills, and ``header: value`` lines for those it contradicts."""
    updates: dict[str, Any] = {}
    conflicts: list[str] = []
    for name, value in row.fields.items():
        current = getattr(lead, name)
        if name in _LISTS:
            added = tuple(v for v in value if v not in current)
            if added:
                updates[name] = current + added
        elif name == "notes":
            if value not in current:
                updates["notes"] = f"{current}\n{value}" if current else value
        elif value == current or (name == "name" and not row.named):
            continue  # equal, or a name we made up from a phone or company
        elif name in _EMPTY and current == _EMPTY[name]:
            updates[name] = value
        else:
            conflicts.append(_conflict(row.label(name), row.written(name) or str(value), row))
    return updates, conflicts
