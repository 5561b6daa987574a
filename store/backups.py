"""The last few snapshots, kept beside the data file."""

from __future__ import annotations

import errno
import glob
import os
import re
from datetime import datetime
from pathlib import Path

from store import lock
from store.errors import Locked
from store.files import PRIVATE_FOLDER, fsync_dir
from store.safe_files import read_private, refuse_unsafe, remove_leftovers, replace

KEEP = 5


def backup_dir(path: Path) -> Path:
    return path.parent / f"{path.name}.backups"


# The names backups are kept under (``keep_backup``): only these are listed
# and pruned, whatever else the folder holds.
NAME = r"\d{8}-\d{6}-\d{6}\.json"
_NAME = re.compile(NAME)


def list_backups(path: Path) -> list[Path]:
    """Newest first."""
    folder = backup_dir(path)
    if not folder.is_dir() or folder.is_symlink():
        return []
    return sorted((p for p in folder.iterdir() if _NAME.fullmatch(p.name)), reverse=True)


def keep_backup(path: Path) -> Path | None:
    """Keep the current snapshot as the newest backup, whole or not at all.
    Called once its replacement is whole on disk, so that a fold that fails
    keeps no backup; older ones are pruned only after (:func:`prune`).

    A hard link costs nothing: the snapshot is replaced by a new file, so the
    linked one keeps the old contents. Where there are no hard links, a copy
    is written atomically and read back before it counts.
    """
    if not path.exists():
        return None
    folder = backup_dir(path)
    refuse_unsafe(folder, folder=True)
    folder.mkdir(mode=PRIVATE_FOLDER, exist_ok=True)
    remove_leftovers(folder, NAME)  # of a copy cut short
    target = folder / f"{datetime.now():%Y%m%d-%H%M%S-%f}.json"
    try:
        os.link(path, target, follow_symlinks=False)
    except OSError:
        _copy(path, target)
    return target


def _copy(path: Path, target: Path) -> None:
    data = read_private(path)
    replace(target, data)
    if read_private(target) != data:
        target.unlink()
        raise OSError(errno.EIO, "the backup copy does not read back as written", str(target))


def prune(path: Path, keep: int = KEEP) -> None:
    """Delete the backups past the newest ``keep``, after a fold succeeded."""
    for old in list_backups(path)[keep:]:
        try:
            old.unlink()
        except OSError:
            pass  # tried again after the next fold


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
        replace(aside, read_private(path))
