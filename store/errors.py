"""Errors the store raises. Each carries a ``code`` and plain parameters so
that the UI can say it in the user's language; ``str()`` gives English for
logs."""

from __future__ import annotations

from pathlib import Path


class StoreError(Exception):
    code = "store_error"

    def __init__(self, message: str, **params: object) -> None:
        super().__init__(message)
        self.params = params


class UnreadableFile(StoreError):
    """The data file exists but is not a Leadboard database we can read.

    ``reason`` is one of: ``empty``, ``syntax``, ``not_tinydb``,
    ``newer_schema``, ``bad_document``, ``journal``, ``permission``.
    """

    code = "unreadable_file"

    def __init__(self, path: Path, reason: str, detail: str = "") -> None:
        super().__init__(f"{path}: {reason} {detail}".strip(), path=str(path), reason=reason,
                         detail=detail)
        self.path = path
        self.reason = reason
        self.detail = detail


class UnsafeFile(UnreadableFile):
    """A file Leadboard would write is a symbolic link, a device, a FIFO or
    a folder: it is refused, never written through. ``reason`` is
    ``symlink`` or ``special``."""


class BadDocument(StoreError):
    code = "bad_document"

    def __init__(self, table: str, doc_id: int, detail: str) -> None:
        super().__init__(f"{table}/{doc_id}: {detail}", table=table, doc_id=doc_id, detail=detail)


class SaveFailed(StoreError):
    """A change could not be made durable; nothing of it was applied."""

    code = "save_failed"

    def __init__(self, path: Path, error: OSError) -> None:
        super().__init__(f"{path}: {error.strerror or error}", path=str(path),
                         detail=error.strerror or str(error))
        self.error = error
        self.taken_back = 0  # changes written earlier and undone with it (see LeadStore.sync)


class FoldFailed(SaveFailed):
    """The changes are saved in the journal, but folding them into a new
    snapshot failed (a full disk): nothing was lost, and nothing is to be
    done again; the next writer folds them."""

    code = "fold_failed"


class Locked(StoreError):
    """Another process holds the data file for writing."""

    code = "locked"

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is open in another Leadboard", path=str(path))


class LockDenied(Locked):
    """The lock file is there but not ours to open (another user's)."""

    def __init__(self, path: Path) -> None:
        StoreError.__init__(self, f"{path}.lock cannot be opened", path=str(path),
                            lock=f"{path}.lock", reason="denied")


class ReadOnly(StoreError):
    code = "read_only"

    def __init__(self, path: Path) -> None:
        super().__init__(f"{path} is open read-only", path=str(path))


class NotFound(StoreError):
    code = "not_found"

    def __init__(self, kind: str, item_id: int) -> None:
        super().__init__(f"no {kind} {item_id}", kind=kind, item_id=item_id)


class Invalid(StoreError):
    """A value a user typed does not fit; ``field`` says which."""

    code = "invalid"

    def __init__(self, field: str, rule: str, value: object = "") -> None:
        super().__init__(f"{field}: {rule} ({value!r})", field=field, rule=rule, value=value)
        self.field = field
        self.rule = rule


class ChangedSince(SaveFailed):
    """Someone else changed (or added, or removed) the record since this
    copy was read: nothing of the change was saved (so it is a refused
    save, and every screen that handles one handles it)."""

    code = "changed_since"

    def __init__(self, table: str, item_id: int, theirs: list | None = None) -> None:
        StoreError.__init__(self, f"{table} {item_id} was changed by someone else since it "
                            "was read", table=table, item_id=item_id, kind=table)
        self.table = table
        self.item_id = item_id
        # The log's rows of the others' changes, when the refusal read them
        # (an undo); the refused entries, set by the store (see store/clash.py).
        self.theirs = theirs or []
        self.entries: list = []
        self.error = None
        self.taken_back = 0


class NotYours(SaveFailed):
    """The server refused the change: the record is another rep's (or was
    handed to someone else since it was read). Nothing of it was saved."""

    code = "not_yours"

    def __init__(self, table: str, item_id: int) -> None:
        StoreError.__init__(self, f"{table} {item_id} is not this rep's to change",
                            table=table, item_id=item_id, kind=table)
        self.table = table
        self.item_id = item_id
        self.error = None
        self.taken_back = 0


class NotAllowed(StoreError):
    """Only the team's manager may do this (``action``: what was asked)."""

    code = "not_allowed"

    def __init__(self, action: str) -> None:
        super().__init__(f"only the manager may {action}", action=action, kind=action)


class NotInTeam(StoreError):
    """No rep of the team has this name."""

    code = "not_in_team"

    def __init__(self, name: str) -> None:
        super().__init__(f"{name} is not one of the team's reps", name=name)


class ServerFailed(SaveFailed):
    """The server refused or could not be reached; nothing of the change was
    saved. ``where`` is the server's location with its password masked."""

    code = "server_failed"

    def __init__(self, where: str, detail: str) -> None:
        StoreError.__init__(self, f"{where}: {detail}", path=where, detail=detail)
        self.error = None
        self.taken_back = 0


class NoServer(StoreError):
    """The server cannot be reached, or refuses us, at opening."""

    code = "no_server"

    def __init__(self, where: str, detail: str) -> None:
        super().__init__(f"{where}: {detail}", path=where, detail=detail)
