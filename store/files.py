"""Small file-system helpers shared by the store: owner-only, atomic, durable."""

from __future__ import annotations

import os
from pathlib import Path

OWNER_ONLY = 0o600
PRIVATE_FOLDER = 0o700


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` survive a power cut."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (see :func:`store.safe_files.replace`)."""
    from store.safe_files import replace  # it builds on this module

    replace(path, data)


def make_private_folder(folder: Path) -> None:
    """``folder`` and every missing folder above it, each readable by the
    owner alone whatever the umask (``mkdir``'s mode is cut by the umask,
    and ``parents=True`` gives the parents the default mode)."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for new in reversed(missing):
        try:
            new.mkdir(mode=PRIVATE_FOLDER)
        except FileExistsError:  # made meanwhile by another process: left as it is
            continue
        new.chmod(PRIVATE_FOLDER)


def open_owner_only(path: Path, flags: int) -> int:
    """``os.open`` that creates the file readable by its owner alone
    (see :func:`store.safe_files.open_private`)."""
    from store.safe_files import open_private  # it builds on this module

    return open_private(path, flags)
