"""``leadboard check``: read a data file as a whole and say what is wrong with it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from store import codec, journal
from store.errors import BadDocument, StoreError, UnreadableFile
from store.leadstore import LeadStore
from store.migrations import migrate


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
    """Parse, schema, every record, references between them, and the journal.

    Every fault that can be found is reported, not only the first: each
    record is looked at on its own, and each journal line. A problem's
    ``params`` are codes and values for the UI to say in the user's language.
    """
    problems, entries = _journal(Path(f"{path}.journal"))
    data = _parse(path)
    if isinstance(data, Problem):
        return Report(problems=(data, *problems))
    problems = _documents(data) + problems
    if any(p.serious for p in problems):
        return Report(problems=tuple(problems))
    try:  # what only the store itself finds: the journal replayed, indexes built
        store = LeadStore.open(path, read_only=True)
    except UnreadableFile as exc:
        return Report(problems=(*problems, _refused(exc)))
    try:
        problems += _records(store)
        return Report(len(store.leads), len(store.contacts), entries, tuple(problems))
    finally:
        store.close(fold=False)


_SYNTAX = re.compile(r"line (\d+) column (\d+)")


def _unreadable(path: Path, reason: str, detail: str = "", **params: object) -> Problem:
    return Problem("unreadable", {"path": str(path), "reason": reason, "detail": detail,
                                  **params})


def _refused(exc: UnreadableFile) -> Problem:
    """The problem the store's own refusal of a file amounts to."""
    return _unreadable(exc.path, exc.reason, exc.detail)


def _parse(path: Path) -> dict | Problem:
    """The file's tables, migrated in memory, or why they cannot be read."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}  # only a journal so far: the store starts from nothing
    except IsADirectoryError:
        return _unreadable(path, "directory")
    except PermissionError:
        return _unreadable(path, "permission")
    if not raw.strip():
        return _unreadable(path, "empty")
    try:
        data = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        where = _SYNTAX.search(str(exc))
        line, column = (int(where[1]), int(where[2])) if where else (exc.lineno, exc.colno)
        ended = "end of data" in str(exc) or exc.pos >= len(raw.rstrip())
        return _unreadable(path, "syntax_end" if ended else "syntax", str(exc),
                           line=line, column=column)
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        return _unreadable(path, "not_tinydb")
    try:
        return migrate(path, data)
    except UnreadableFile as exc:
        return _refused(exc)


def _documents(data: dict) -> list[Problem]:
    """Every lead and contact record, each on its own."""
    problems: list[Problem] = []
    leads = data.get("leads", {})
    for key, doc in leads.items():
        fault = _lead_fault(_id(key), doc)
        if fault:
            problems.append(Problem("bad_record", {"table": "leads", "id": key, **fault}))
    lead_ids = {_id(key) for key in leads}
    contacts = data.get("contacts", {})
    for key, doc in contacts.items():
        try:
            codec.contact_from_doc(_id(key), doc)
        except (StoreError, ValueError, TypeError, KeyError, AttributeError) as exc:
            problems.append(Problem("bad_record", {"table": "contacts", "id": key,
                                                   "fault": "other", "detail": _why(exc)}))
            continue
        if doc.get("lead_id") not in lead_ids:
            problems.append(Problem("bad_record", {"table": "contacts", "id": key,
                                                   "fault": "no_lead",
                                                   "lead": doc.get("lead_id")}))
    return problems


def _lead_fault(lead_id: int, doc: object) -> dict[str, object] | None:
    if not isinstance(doc, dict) or not isinstance(doc.get("name"), str):
        return {"fault": "no_name"}
    for name in ("intent", "funding"):
        grade = doc.get(name)
        if grade is not None and (type(grade) is not int or not 1 <= grade <= 5):
            return {"fault": f"grade_{name}", "value": _shown(grade)}
    for name, default, known in (("status", "active", codec._STATUSES),
                                 ("credit", "unknown", codec._CREDITS)):
        if doc.get(name, default) not in known:
            return {"fault": name, "value": _shown(doc.get(name))}
    try:
        codec.lead_from_doc(lead_id, doc)
    except (StoreError, ValueError, TypeError, KeyError, AttributeError) as exc:
        return {"fault": "other", "detail": _why(exc)}
    return None


def _journal(path: Path) -> tuple[list[Problem], int]:
    """Each damaged line of the journal, and how many entries are whole."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [], 0
    except OSError as exc:
        return [_unreadable(path, "journal", exc.strerror or str(exc))], 0
    problems, entries, offset = [], 0, 0
    lines = raw.splitlines(keepends=True)
    for number, line in enumerate(lines, start=1):
        if journal._decode(line) is not None:
            entries += 1
        elif number == len(lines):
            problems.append(Problem("torn_journal", {"offset": offset}, serious=False))
        else:
            problems.append(Problem("bad_journal_line", {"line": number, "offset": offset}))
        offset += len(line)
    return problems, entries


def _id(key: object) -> object:
    try:
        return int(key)
    except (TypeError, ValueError):
        return key


def _shown(value: object) -> str:
    return "—" if value is None else str(value)


def _why(exc: Exception) -> str:
    """A record's fault in the store's own words, without the prefix naming it."""
    text = str(exc)
    return text.split(": ", 1)[1] if isinstance(exc, BadDocument) and ": " in text else text


def _records(store: LeadStore) -> list[Problem]:
    problems = []
    for table in ("leads", "contacts"):
        mapping = store.leads if table == "leads" else store.contacts
        for obj_id in list(mapping):
            try:
                mapping[obj_id]
            except StoreError as exc:
                problems.append(Problem("bad_record", {"table": table, "id": obj_id,
                                                       "fault": "other", "detail": _why(exc)}))
    for contact_id in list(store.contacts):
        try:
            contact = store.contacts[contact_id]
        except StoreError:
            continue
        if contact.follow_up_id is not None and contact.follow_up_id not in store.contacts:
            problems.append(Problem("missing_follow_up", {"id": contact_id,
                                                          "follow_up": contact.follow_up_id}))
    return problems
