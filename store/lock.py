"""One writer per data file: an OS lock on ``<file>.lock``.

The operating system drops the lock when its process ends, so a crash never
leaves a stale lock behind.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from store.errors import LockDenied, Locked
from store.files import OWNER_ONLY, make_private_folder
from store.safe_files import refuse_unsafe


def acquire(path: Path) -> FileLock:
    """Take the writer's lock on ``path`` or raise :class:`Locked` at once."""
    make_private_folder(path.parent)
    refuse_unsafe(Path(f"{path}.lock"))  # the lock is opened with O_TRUNC, through a link too
    lock = FileLock(f"{path}.lock", mode=OWNER_ONLY, blocking=False)
    try:
        lock.acquire()
    except Timeout:
        raise Locked(path) from None
    except PermissionError:
        # The lock file of another user (Leadboard once run with sudo, or by
        # a colleague): it outlives its process, and only its owner can use it.
        raise LockDenied(path) from None
    return lock
