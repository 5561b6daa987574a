"""The command line's standard output, whose failure is said as such.

A pipe closed early (``| head``) or a full disk (``> /dev/full``) fails the
write of the output, not the command's work: told apart from the files a
command reads and writes, it is said in one line of its own.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager


class OutputFailed(Exception):
    def __init__(self, error: OSError) -> None:
        super().__init__(error)
        self.detail = error.strerror or str(error)


class _Guarded:
    """A stream whose write errors are an :class:`OutputFailed`."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, data):
        try:
            return self._stream.write(data)
        except OSError as exc:
            raise OutputFailed(exc) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as exc:
            raise OutputFailed(exc) from None

    @property
    def buffer(self) -> _Guarded:  # the bytes of an export
        return _Guarded(self._stream.buffer)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


@contextmanager
def guarded_stdout() -> Iterator[None]:
    """Within it, a failed write of standard output raises OutputFailed,
    the output written out before it ends."""
    stream = sys.stdout
    if stream is None:
        yield
        return
    sys.stdout = _Guarded(stream)
    try:
        yield
        sys.stdout.flush()
    except OutputFailed:
        _discard_rest(stream)
        raise
    finally:
        sys.stdout = stream


def _discard_rest(stream) -> None:
    """What is still buffered goes nowhere: Python would flush it at exit
    and print a second error about the same pipe."""
    try:
        fd = stream.fileno()
    except (OSError, ValueError, AttributeError):
        return  # not a real file (a test's capture)
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, fd)
    os.close(null)
