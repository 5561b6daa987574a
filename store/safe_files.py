"""Opening, creating and replacing the files Leadboard writes.

Each of them holds customers' data or sits beside it, so each is created
readable by its owner alone (0600), opened without following a symbolic link
and refused when it is anything but a regular file: a link planted where a
journal goes would have us write into the link's target, and a device or a
FIFO named as an export's file is no file to replace. A whole file is
replaced atomically: written in full to a temporary file in the same folder
(``os.replace`` must not cross file systems), fsynced, renamed over the old
one, and the folder fsynced, so a crash leaves the old file or the new.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from store.errors import UnsafeFile
from store.files import OWNER_ONLY, fsync_dir

_NO_FOLLOW = os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK


def refuse_unsafe(path: Path, folder: bool = False) -> None:
    """Raise :class:`UnsafeFile` if ``path`` is there as anything but a
    regular file (a real folder, with ``folder``)."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    _refuse(path, info.st_mode, folder)


def _refuse(path: Path, mode: int, folder: bool = False) -> None:
    """A folder where a file goes is left to the system to refuse (its
    error says so in the user's words, like any other)."""
    if stat.S_ISLNK(mode):
        raise UnsafeFile(path, "symlink")
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)) or (folder and not stat.S_ISDIR(mode)):
        raise UnsafeFile(path, "special")


def open_private(path: Path, flags: int) -> int:
    """``os.open`` for a file of ours: never through a link, only a regular
    file, created owner-only, and an old one made owner-only. ``O_TRUNC``
    empties the file only once it is known to be one."""
    try:
        fd = os.open(path, (flags & ~os.O_TRUNC) | _NO_FOLLOW, OWNER_ONLY)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UnsafeFile(path, "symlink") from None
        if exc.errno == errno.ENXIO:  # a FIFO with no reader
            raise UnsafeFile(path, "special") from None
        raise
    try:
        info = os.fstat(fd)
        _refuse(path, info.st_mode)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if info.st_mode & 0o077 and flags & (os.O_WRONLY | os.O_RDWR):
            os.fchmod(fd, OWNER_ONLY)
        os.set_blocking(fd, True)
        if flags & os.O_TRUNC:
            os.ftruncate(fd, 0)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_private(path: Path) -> bytes:
    """The bytes of a file of ours, never read through a link."""
    fd = open_private(path, os.O_RDONLY)
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def replace(path: Path, data: bytes | Iterable[bytes],
            before: Callable[[], None] | None = None) -> None:
    """Replace ``path`` with ``data`` (its bytes, or its pieces in order, so
    that a large file need not be held whole) so that a crash leaves the old
    file or the new. ``before`` runs once the new file is whole on disk, just
    before it takes the old one's place (to keep the old one as a backup)."""
    refuse_unsafe(path)
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                handle.writelines(data)
            handle.flush()
            os.fsync(handle.fileno())
        if before is not None:
            before()
        refuse_unsafe(path)  # a link put there meanwhile is not replaced either
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(folder)


def leftover(name: str) -> re.Pattern[str]:
    """The names :func:`replace` gives its temporary files for a file whose
    name matches the regular expression ``name``: what a killed replace
    leaves behind, and nothing else."""
    return re.compile(rf"\.{name}\.[a-z0-9_]{{8}}\.tmp")


def remove_leftovers(folder: Path, *names: str) -> None:
    """Delete the temporary files a killed :func:`replace` left in ``folder``
    for the files named by the regular expressions ``names``. Call it
    holding the writer's lock."""
    patterns = [leftover(name) for name in names]
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if any(p.fullmatch(entry.name) for p in patterns) and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
            except OSError:
                pass  # only a leftover: the next writer tries again
