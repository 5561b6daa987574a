"""The rep's keys before the work done behind them.

Work in a thread of its own (the search's index, the market's census, built
for seconds at 100k leads) holds the interpreter in turns with the screen:
while it runs, a key and its frame take twice as long or more. Such a thread
marks itself with :func:`behind_the_rep` and goes through its items with
:func:`stepping`, which waits, every few hundred items, while the app is
between a key and the frame that shows it (:func:`key_pressed`,
:func:`key_shown`); never longer than :data:`WAIT_LIMIT_S`, so that a key
the app never showed holds nothing up. Other threads (a search the rep is
waiting for) never wait.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

Item = TypeVar("Item")

STEP = 256  # items between looks: well under a millisecond of work
WAIT_LIMIT_S = 0.05
_keys_shown = threading.Event()
_keys_shown.set()
_behind = threading.local()


def key_pressed() -> None:
    _keys_shown.clear()


def key_shown() -> None:
    _keys_shown.set()


@contextmanager
def behind_the_rep() -> Iterator[None]:
    """Around work that the rep does not wait for, in a thread of its own."""
    _behind.on = True
    try:
        yield
    finally:
        _behind.on = False


def stepping(items: Iterable[Item], step: int = STEP) -> Iterator[Item]:
    """``items``, with a wait for the screen now and then (see above):
    every ``step`` items (fewer where each is more work)."""
    if not getattr(_behind, "on", False):
        yield from items
        return
    for count, item in enumerate(items):
        if not count % step and not _keys_shown.is_set() and not _keys_shown.wait(WAIT_LIMIT_S):
            _keys_shown.set()  # never shown: the next look does not wait again
        yield item
