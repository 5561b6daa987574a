"""Frames on time after a pause, in place of one line of Textual's timers.

Textual paints at most one frame per tick of each screen's update timer, a
timer that skips the ticks it falls behind on. After a pause (the rep
reading), Textual 8's timer counts one tick too many when it catches up, so
the frame after the first waits between one and two ticks (17 to 33 ms at 60
frames a second) instead of at most one. On the board that frame is the one
with a search's matches, or a move's second half. Here a timer that falls
behind waits for the next tick of its grid.

Installed once, by the app, for the Textual 8 timer it was written for.
"""

from __future__ import annotations

import textual
from textual import _time
from textual.timer import EventTargetGone, Timer


async def _run(self: Timer) -> None:
    await self._active.wait()
    start = _time.get_time()
    ticks = 0
    while self._repeat is None or ticks <= self._repeat:
        due = start + (ticks + 1) * self._interval
        now = _time.get_time()
        if self._skip and due < now:
            # Behind: the next tick is the first point of the grid still ahead.
            ticks = int((now - start) / self._interval)
            continue
        await _time.sleep(max(0.0, due - now))
        ticks += 1
        await self._active.wait()
        if self._reset:
            start, ticks, self._reset = _time.get_time(), 0, False
            continue
        try:
            await self._tick(next_timer=due, count=ticks)
        except EventTargetGone:
            break


# Textual's own, kept to compare with in the tests.
textual_run = Timer._run


def install() -> None:
    if textual.__version__.split(".")[0] == "8":
        Timer._run = _run  # type: ignore[method-assign]
