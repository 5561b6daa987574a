"""``leadboard check``: read a data file as a whole and say what is wrong with it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from store import journal
from store.errors import StoreError, UnreadableFile
from store.leadstore import LeadStore


@dataclass(frozen=True, slots=True)
class Problem:
    code: str  # e.g. "unreadable", "bad_record", "missing_follow_up", "torn_journal"
    params: dict[str, object] = field(default_factory=dict)
    serious: bool = True


@dataclass(frozen=True, slots=True)
class Report:
    leads: int = 0
    contacts: int = 0
    journal_entries: int = 0
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not any(p.serious for p in self.problems)


def check_file(path: Path) -> Report:
    """Parse, schema, every record, references between them, and the journal."""
    problems: list[Problem] = []
    replay = journal.read_quietly(Path(f"{path}.journal"))
    if replay is not None and replay.torn_tail:
        problems.append(Problem("torn_journal", {"offset": replay.good_bytes}, serious=False))
    try:
        store = LeadStore.open(path, read_only=True)
    except UnreadableFile as exc:
        return Report(problems=(*problems, Problem("unreadable", {
            "path": str(exc.path), "reason": exc.reason, "detail": exc.detail})))
    problems += _records(store)
    return Report(len(store.leads), len(store.contacts),
                  len(replay.entries) if replay else 0, tuple(problems))


def _records(store: LeadStore) -> list[Problem]:
    problems = []
    for table in ("leads", "contacts"):
        mapping = store.leads if table == "leads" else store.contacts
        for obj_id in list(mapping):
            try:
                mapping[obj_id]
            except StoreError as exc:
                problems.append(Problem("bad_record", {"table": table, "id": obj_id,
                                                       "detail": str(exc)}))
    for contact_id in list(store.contacts):
        try:
            contact = store.contacts[contact_id]
        except StoreError:
            continue
        if contact.follow_up_id is not None and contact.follow_up_id not in store.contacts:
            problems.append(Problem("missing_follow_up", {"id": contact_id,
                                                          "follow_up": contact.follow_up_id}))
    return problems
