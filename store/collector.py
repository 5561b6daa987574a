"""The cyclic garbage collector, kept out of the way of bulk work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Building a million small objects makes the cyclic collector run over
    and over for nothing: none of them is garbage yet.

    What was built is mostly kept (a loaded file, a planned import), so it
    is then frozen, out of the collector's sight: left in the young
    generations, the first allocations after the pause would scan all of it,
    and a full collection later all of it again, finding nothing. (Frozen
    objects are still freed when nothing refers to them; only cycles among
    them would stay, and documents hold none.) Nothing frozen before, such
    as the board's index, is brought back into sight.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.freeze()
            gc.enable()
