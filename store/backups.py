"""The last few snapshots, kept beside the data file."""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

from store import lock
from store.errors import NotFound
from store.files import write_atomic

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


def restore(path: Path, number: int = 1) -> tuple[Path, list[Path]]:
    """Put backup ``number`` (1 = newest) in place of the data file.

    The current file and its journal are renamed aside, never deleted, so a
    restore can itself be undone by hand: as ``*.damaged-<time>`` when
    ``leadboard check`` finds them damaged, else ``*.before-restore-<time>``.
    Returns the backup and what was set aside.
    """
    from store.check import check_file  # check reads through the whole store

    backups = list_backups(path)
    if not 1 <= number <= len(backups):
        raise NotFound("backup", number)
    exists = path.exists() or Path(f"{path}.journal").exists()
    label = "damaged" if exists and not check_file(path).ok else "before-restore"
    held = lock.acquire(path)
    try:
        chosen = backups[number - 1]
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = []
        for current in (path, Path(f"{path}.journal")):
            if current.exists():
                target = current.with_name(f"{current.name}.{label}-{stamp}")
                os.replace(current, target)
                aside.append(target)
        write_atomic(path, chosen.read_bytes())
        return chosen, aside
    finally:
        held.release()
