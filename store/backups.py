"""The last few snapshots, kept beside the data file."""

from __future__ import annotations

import glob
import os
import shutil
from datetime import datetime
from pathlib import Path

from store import lock
from store.errors import Locked
from store.files import fsync_dir, write_atomic

KEEP = 5


def backup_dir(path: Path) -> Path:
    return path.parent / f"{path.name}.backups"


def list_backups(path: Path) -> list[Path]:
    """Newest first."""
    folder = backup_dir(path)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.json"), reverse=True)


def rotate_backup(path: Path, keep: int = KEEP) -> Path | None:
    """Keep the current snapshot as a backup before it is replaced.

    A hard link costs nothing: the snapshot is replaced by a new file, so the
    linked one keeps the old contents.
    """
    if not path.exists():
        return None
    folder = backup_dir(path)
    folder.mkdir(mode=0o700, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{stamp}.json"
    try:
        os.link(path, target)
    except OSError:
        shutil.copy2(path, target)
        os.chmod(target, 0o600)
    for old in list_backups(path)[keep:]:
        old.unlink(missing_ok=True)
    return target


def restoring(path: Path) -> list[Path]:
    """A restore under way: the new snapshot, written beside the data file,
    its name saying how to set the current files aside."""
    return sorted(path.parent.glob(f"{glob.escape(path.name)}.restoring-*"))


def finish_restore(path: Path, holding: bool) -> None:
    """Carry through a restore that was cut off, before the files are read.
    ``holding``: whether the caller holds the writer's lock; a reader takes
    it for this if it can (a writer holding it has done so already)."""
    if not restoring(path):
        return
    if holding:
        _finish(path)
        return
    try:
        held = lock.acquire(path)
    except Locked:
        return
    try:
        _finish(path)
    finally:
        held.release()


def _finish(path: Path) -> None:
    """Carry a restore through to its end; every step may run again.

    The new snapshot is written first, as ``<file>.restoring-<label>-<time>``;
    then the current file gets a second name (a hard link, so it stays in
    place), the journal is renamed aside, and the new snapshot renamed over
    the file: one rename, so a kill leaves the old state or the new, and the
    next open finishes what it finds begun. Call it holding the lock.
    """
    for pending in restoring(path):
        aside_as = pending.name.split(".restoring-", 1)[1]
        aside = path.with_name(f"{path.name}.{aside_as}")
        if path.exists() and not aside.exists():
            _second_name(path, aside)
        log = Path(f"{path}.journal")
        if log.exists():
            os.replace(log, log.with_name(f"{log.name}.{aside_as}"))
        os.replace(pending, path)
        fsync_dir(path.parent)


def _second_name(path: Path, aside: Path) -> None:
    try:
        os.link(path, aside)
    except OSError:  # a file system without hard links
        write_atomic(aside, path.read_bytes())
