"""Two reps, one lead: a change refused because another rep changed the
record first (:class:`ChangedSince`) is never lost.

The records are read again from the server, and the rep's own change is
kept aside, field by field. Where it touches no field the other rep changed,
it is made again on top of the record as it is now, at once; otherwise the
rep is told who changed what and when, and may make it again by choice (the
other rep's value is then replaced knowingly, and stays in the history).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from store import codec
from store.errors import ChangedSince
from store.leadstore import LeadStore

Key = tuple[str, int]
# Fields that change with every change: they say when, not what.
BOOKKEEPING = frozenset({"updated", "history", "search_keys"})


@dataclass(frozen=True)
class TheirChange:
    """One change another rep made to a record."""

    rep: str
    at: datetime
    table: str
    item_id: int
    fields: tuple[str, ...]


@dataclass
class Clash:
    label: str
    theirs: list[TheirChange]
    # The rep's refused change, per record: the document it was made from and the one it made.
    mine: dict[Key, tuple[dict | None, dict | None]]
    now: dict[Key, dict | None] = field(default_factory=dict)  # as the server holds them
    overlap: frozenset[str] = frozenset()  # fields both changed
    whole: bool = False  # a record added or removed on either side: no field-wise merge

    @property
    def mergeable(self) -> bool:
        return not self.overlap and not self.whole

    @property
    def my_fields(self) -> tuple[str, ...]:
        names: dict[str, None] = {}
        for before, after in self.mine.values():
            names.update(dict.fromkeys(changed(before, after)))
        return tuple(names)

    @property
    def lead_ids(self) -> set[int]:
        ids = {i for t, i in self.mine if t == "leads"}
        ids |= {doc["lead_id"] for (t, _i), sides in self.mine.items() if t == "contacts"
                for doc in sides if doc}
        return ids


def changed(before: dict | None, after: dict | None) -> list[str]:
    """The fields that differ between two documents of a record."""
    before, after = before or {}, after or {}
    return [name for name in dict.fromkeys([*before, *after])
            if name not in BOOKKEEPING and before.get(name) != after.get(name)]


def their_changes(store: LeadStore, keys: list[Key]) -> list[TheirChange]:
    """Who changed these records since this copy read them, when, and which fields."""
    return [TheirChange(row["rep"], row["at"], row["table"], row["id"],
                        tuple(changed(row["before"], row["after"])))
            for row in store.their_changes(keys)]


def told_by_history(store: LeadStore, lead_ids: list[int]) -> list[TheirChange]:
    """Other reps' changes to these leads since this rep's last own change,
    as the leads' histories keep them: the log no longer counts them as
    news once they were taken in live, but the history still says who."""
    theirs: list[TheirChange] = []
    for lead_id in lead_ids:
        if lead_id not in store.leads:
            continue
        newest: list = []
        for entry in reversed(store.lead(lead_id).history):
            if entry.rep == store.author:
                break
            newest.append(entry)
        by_change: dict[tuple[str, datetime], list[str]] = {}
        for entry in reversed(newest):
            by_change.setdefault((entry.rep, entry.at), []).append(entry.field)
        theirs += [TheirChange(rep, at, "leads", lead_id, tuple(fields))
                   for (rep, at), fields in by_change.items()]
    return sorted(theirs, key=lambda change: change.at)


def read_clash(store: LeadStore, refused: ChangedSince) -> Clash | None:
    """Reload what the refused change touched and set the two sides side by
    side; None when the refusal was an undo (undo is never made again)."""
    entries = [e for e in refused.entries if e["kind"] != "final"]
    if not entries or any(e["kind"] == "undo" for e in entries):
        return None
    mine: dict[Key, tuple[dict | None, dict | None]] = {}
    for entry in entries:
        for table, obj_id, before, after in entry["changes"]:
            first = mine.get((table, obj_id), (before, None))[0]
            mine[(table, obj_id)] = (first, after)
    keys = list(mine)
    theirs = their_changes(store, keys)
    now = store.reload(keys)
    clash = Clash(entries[-1]["label"], theirs, mine, now)
    overlap: set[str] = set()
    for key, (before, after) in mine.items():
        current = now[key]
        if before is None or after is None or current is None:
            clash.whole = clash.whole or bool(changed(before, current))
        overlap |= set(changed(before, current)) & set(changed(before, after))
    clash.overlap = frozenset(overlap)
    return clash


def reapply(store: LeadStore, clash: Clash) -> None:
    """Make the rep's change again on top of the records as they are now:
    one change, one undo step, which takes back only the rep's part."""
    stamp = codec.time_to_str(store.now())
    changes = []
    fresh: dict[str, int] = {}
    for (table, obj_id), (before, after) in clash.mine.items():
        current = clash.now.get((table, obj_id))
        if before is None and after is not None and current is not None:
            # Both added a record under one number: the rep's takes the next one.
            fresh[table] = fresh.get(table, store.next_id(table))
            obj_id, current = fresh[table], None
            fresh[table] += 1
        if after is None:
            changes.append((table, obj_id, current, None))
            continue
        if before is None:  # the rep's new record, as they made it
            changes.append((table, obj_id, current, dict(after)))
            continue
        doc = dict(current or before)
        for name in changed(before, after):
            if name in after:
                doc[name] = after[name]
            else:
                doc.pop(name, None)
        if "history" in after:  # the rep's new history entries, after the others'
            added = after["history"][len(before.get("history", [])):]
            doc["history"] = [*doc.get("history", []), *added]
        if "updated" in doc:
            doc["updated"] = stamp
        changes.append((table, obj_id, current, doc))
    store.commit(clash.label, changes)
