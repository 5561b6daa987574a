"""``leadboard check``: read a data file as a whole and say what is wrong with it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import orjson

from store import journal, records, seal
from store.backends import is_server
from store.backups import finish_restore
from store.errors import UnreadableFile, UnsafeFile
from store.leadstore import LeadStore
from store.migrations import migrate
from store.safe_files import read_private


@dataclass(frozen=True, slots=True)
class Problem:
    code: str  # e.g. "unreadable", "bad_record", "missing_follow_up", "torn_journal"
    params: dict[str, object] = field(default_factory=dict)
    serious: bool = True


@dataclass(frozen=True, slots=True)
class Report:
    leads: int = 0
    contacts: int = 0
    journal_entries: int = 0  # a server's: the changes in its log
    problems: tuple[Problem, ...] = ()
    schema: int = 0  # a server's schema version

    @property
    def ok(self) -> bool:
        return not any(p.serious for p in self.problems)


def check_base(location: str | Path) -> Report:
    """:func:`check_file`, or :func:`check_server` for a server's URL."""
    return check_server(location) if is_server(location) else check_file(Path(location))


def check_server(location: str) -> Report:
    """Every record of a base on a server, by the same rule as a file's,
    and its schema's version. Raises :class:`NoServer` when it cannot be
    reached."""
    from store.backends.postgres import read_base  # psycopg: only for a server

    try:
        tables, schema, changes = read_base(location)
    except UnreadableFile as exc:
        return Report(problems=(_refused(exc),))
    data: dict = {name: {str(i): doc for i, doc in docs.items()} for name, docs in tables.items()}
    data["meta"] = {"1": {"seq": changes}}
    problems = tuple(_documents(data))
    return Report(len(data.get("leads", {})), len(data.get("contacts", {})), changes,
                  problems, schema)


def check_file(path: Path) -> Report:
    """Parse, schema, every record, references between them, and the journal.

    Every fault that can be found is reported, not only the first: each
    record is looked at on its own, and each journal line. A problem's
    ``params`` are codes and values for the UI to say in the user's language.
    """
    finish_restore(path, holding=False)  # one that was cut off: its end is checked
    problems, entries = _journal(Path(f"{path}.journal"))
    try:  # a file the store opens passed its rule for every record and line
        store = LeadStore.open(path, read_only=True)
    except UnreadableFile as exc:
        refusal = exc  # each fault is looked for below, not only the store's first
    else:
        return _opened(store, problems, entries)
    data = _parse(path)
    if isinstance(data, Problem):
        return Report(problems=(data, *problems))
    faults = _documents(data)
    if not faults and _damaged(path):
        faults = [_unreadable(path, "checksum")]  # damage the records do not show
    problems = faults + problems
    if any(p.serious for p in problems):
        return Report(problems=tuple(problems))
    # What only the store itself found: the journal replayed, indexes built.
    return Report(problems=(*problems, _refused(refusal)))


def _opened(store: LeadStore, problems: list[Problem], entries: int) -> Report:
    """The report on a file the store has opened: what is wrong between its
    records (the store reads each one on its own)."""
    try:
        problems = problems + _records(store)
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
        raw = read_private(path)
    except FileNotFoundError:
        return {}  # only a journal so far: the store starts from nothing
    except UnsafeFile as exc:
        return _refused(exc)
    except IsADirectoryError:
        return _unreadable(path, "directory")
    except PermissionError:
        return _unreadable(path, "permission")
    if not raw.strip():
        return _unreadable(path, "empty")
    try:
        raw, sealed = seal.unseal(raw)
    except seal.Broken:
        raw, sealed = seal.covered(raw), True
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
    if not sealed and seal.claims_seal(data):
        return _unreadable(path, "checksum", "its checksum is missing")
    try:
        return migrate(path, data)
    except UnreadableFile as exc:
        return _refused(exc)


def _damaged(path: Path) -> bool:
    """Whether the file's checksum fails. A value changed by hand shows in
    its record, the clearer report; other damage only here."""
    try:
        seal.unseal(read_private(path))
    except FileNotFoundError:
        return False  # only a journal so far
    except (seal.Broken, OSError, UnsafeFile):
        return True
    return False


def _documents(data: dict) -> list[Problem]:
    """Every record, each on its own, by the rule the store opens a file by."""
    return [Problem(code, params) for code, params in records.faults(data)]


def _journal(path: Path) -> tuple[list[Problem], int]:
    """Each damaged line of the journal, and how many entries are whole."""
    try:
        raw = read_private(path)
    except FileNotFoundError:
        return [], 0
    except UnsafeFile as exc:
        return [_refused(exc)], 0
    except OSError as exc:
        return [_unreadable(path, "journal", exc.strerror or str(exc))], 0
    problems, entries, offset = [], 0, 0
    for number, line in enumerate(journal.lines(raw), start=1):
        if journal._decode(line) is not None:
            entries += 1
        elif not line.endswith(b"\n"):
            problems.append(Problem("torn_journal", {"offset": offset}, serious=False))
        else:
            problems.append(Problem("bad_journal_line", {"line": number, "offset": offset}))
        offset += len(line)
    return problems, entries


def _records(store: LeadStore) -> list[Problem]:
    """What the journal's changes may have left: a follow-up that is gone.
    The records themselves were looked at in the snapshot, and the journal's
    were written by the store."""
    problems = []
    for contact_id in list(store.contacts):
        follow_up = store.contact_field(contact_id, "follow_up_id")
        if follow_up is not None and follow_up not in store.contacts:
            problems.append(Problem("missing_follow_up", {"id": contact_id,
                                                          "follow_up": follow_up}))
    return problems
