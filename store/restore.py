"""``leadboard restore``: go back to the newest state that can be read.

The current files are set aside, never deleted, so a restore can itself be
undone by hand: as ``*.damaged-<time>`` when ``leadboard check`` finds them
damaged, else ``*.before-restore-<time>``. The change itself is one rename
(see :func:`store.backups.finish_restore`).
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from store import journal, lock, records
from store.backups import finish_restore, list_backups
from store.check import check_file
from store.errors import NotFound, UnreadableFile
from store.safe_files import read_private, replace
from store.leadstore import LeadStore
from store.storage import decode


@dataclass(frozen=True, slots=True)
class Restored:
    backup: Path | None  # None: the file was kept, with what its journal still held
    aside: list[Path]
    kept_changes: int = 0


def restore(path: Path, number: int | None = None) -> Restored:
    """Put back backup ``number`` (1 = newest). Without a number: the newest
    state that can be read. A sound snapshot whose journal is damaged is
    kept, with every change of the journal that can still be read; else the
    newest backup that is whole."""
    finish_restore(path, holding=False)  # one begun before: check sees its end
    backups = list_backups(path)
    log = Path(f"{path}.journal")
    exists = path.exists() or log.exists()
    label = "damaged" if exists and not check_file(path).ok else "before-restore"
    held = lock.acquire(path)
    try:
        finish_restore(path, holding=True)  # one begun before
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        pending = path.with_name(f"{path.name}.restoring-{label}-{stamp}")
        chosen, kept = None, 0
        if number is None and label == "damaged" and salvageable(path):
            data, kept = _salvaged(path)
        else:
            chosen = _chosen(backups, number)
            data = read_private(chosen)
        aside = [p.with_name(f"{p.name}.{label}-{stamp}") for p in (path, log) if p.exists()]
        replace(pending, data)
        finish_restore(path, holding=True)
        return Restored(chosen, aside, kept)
    finally:
        held.release()


def salvageable(path: Path) -> bool:
    """Whether the snapshot is sound and only its journal is damaged."""
    try:
        journal.read(Path(f"{path}.journal"))
    except UnreadableFile:
        return _sound(path)
    return False


def _chosen(backups: list[Path], number: int | None) -> Path:
    if number is not None:
        if not 1 <= number <= len(backups):
            raise NotFound("backup", number)
        return backups[number - 1]
    for backup in backups:
        if _sound(backup):
            return backup
    raise NotFound("backup", 1)


def _sound(path: Path) -> bool:
    """Whether a snapshot reads, checksum and records, on its own."""
    try:
        data, _sealed = decode(path, read_private(path))
    except (OSError, UnreadableFile):
        return False
    return not any(True for _fault in records.faults(data))


def _salvaged(path: Path) -> tuple[bytes, int]:
    """The snapshot with the journal's readable changes folded in, and how many."""
    entries = journal.salvage(Path(f"{path}.journal"), _seq_of(path))
    with tempfile.TemporaryDirectory(prefix=f".{path.name}.salvage-", dir=path.parent) as tmp:
        copy = Path(tmp) / path.name
        shutil.copyfile(path, copy)
        Path(f"{copy}.journal").write_bytes(b"".join(map(journal.encode, entries)))
        LeadStore.open(copy).close()
        return copy.read_bytes(), len(entries)


def _seq_of(path: Path) -> int:
    data, _sealed = decode(path, read_private(path))
    return records.check_meta(data.get("meta", {}).get("1", {})).get("seq", 0)
