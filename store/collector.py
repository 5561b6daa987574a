"""The cyclic garbage collector, kept out of the way of bulk work."""

from __future__ import annotations

import ctypes
import gc
from collections.abc import Callable, Iterator
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
    resume = pause_collector()
    try:
        yield
    finally:
        resume()


def pause_collector() -> Callable[[], None]:
    """The collector paused, as :func:`collector_paused` pauses it, until the
    function returned is called (once; later calls do nothing): for work
    that ends in a callback, such as the board's start, whose end is its
    first frame."""
    was_on = gc.isenabled()
    gc.disable()

    def resume() -> None:
        nonlocal was_on
        if was_on:
            was_on = False
            gc.freeze()
            gc.enable()

    return resume


def give_back_memory() -> None:
    """Hand back to the system the pages that bulk work left free.

    The C allocator keeps what was freed for later, in the heap of the
    thread that freed it: the pieces a large build made and let go stay
    resident, where another thread's next build cannot use them. Where the C
    library has no way to ask (not glibc), nothing is done."""
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)
