"""How quickly the disk made the last triage key's change durable.

A triage key (a move, a grade step, a session's decision) is shown at once
and said "saved" only once it is on disk. While the disk is quick, the save
is made before the key's frame, so one frame shows the change and "saved";
a second frame would wait for a tick of the frame timer and a paint. A slow
disk gets the change painted first and the save straight after it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from textual.message_pump import MessagePump

# Half a frame at 60 a second; an fsync takes 0.3 to 5 ms on a common disk.
QUICK_SYNC_S = 0.008


class DiskPace:
    """Whether the next change is saved before its frame or after it."""

    def __init__(self) -> None:
        self.quick = True  # until a save says otherwise

    def save(self, node: MessagePump, make_durable: Callable[..., object],
             *args: object) -> None:
        """``make_durable(*args)`` now, before the frame, while the disk is
        quick; else once ``node``'s screen has painted the change."""
        if self.quick:
            make_durable(*args)
        else:
            node.call_after_refresh(make_durable, *args)

    @contextmanager
    def timed(self, counts: bool = True) -> Iterator[None]:
        """Time a save; ``counts``: it had something to write (an empty
        sync says nothing of the disk)."""
        started = time.perf_counter()
        try:
            yield
        finally:
            if counts:
                self.quick = time.perf_counter() - started < QUICK_SYNC_S
