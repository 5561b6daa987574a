"""The screen's frame timer, after a pause, ticks at the next point of its
grid: a second frame (a search's matches after the typed letter) waits at
most one frame, not up to two."""

from __future__ import annotations

from types import SimpleNamespace

import textual.timer
from textual import _time
from textual._context import active_app
from textual.timer import EventTargetGone, Timer

from tui.frame_timer import _run, textual_run

FRAME = 1 / 60
PAUSE = 1.0 + FRAME / 3  # the rep reads; the grid's next point is 2/3 of a frame ahead


class Target:
    """What a timer ticks for (it only keeps a weak reference)."""


def _raise(error: Exception) -> None:
    raise error


# What a timer asks of the running app.
APP = SimpleNamespace(_exit=False, features=frozenset(), _handle_exception=_raise)


class FakeTime:
    """The clock and sleep timers use, moved by hand: a sleep only moves the clock."""

    def __init__(self, monkeypatch, now: float) -> None:
        self.now = now
        self.slept: list[float] = []
        monkeypatch.setattr(_time, "get_time", lambda: self.now)
        monkeypatch.setattr(_time, "sleep", self.sleep)
        monkeypatch.setattr(textual.timer, "sleep", self.sleep)  # where Textual's own looks

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


async def run_timer(run, timer: Timer) -> None:
    token = active_app.set(APP)
    try:
        await run(timer)
    finally:
        active_app.reset(token)


async def sleeps_around_a_pause(run, monkeypatch) -> list[float]:
    """The waits a frame timer asks for: one tick, a pause, the next tick."""
    time = FakeTime(monkeypatch, 100.0)
    ticks = []

    def tick() -> None:
        ticks.append(time.now)
        if len(ticks) == 1:
            time.now += PAUSE
        else:
            raise EventTargetGone()  # ends the timer's loop

    await run_timer(run, Timer(Target(), FRAME, callback=tick, skip=True))
    assert len(ticks) == 2
    return time.slept


async def test_after_a_pause_the_next_frame_waits_for_the_next_tick(monkeypatch):
    first, after_pause = await sleeps_around_a_pause(_run, monkeypatch)
    assert abs(first - FRAME) < 1e-9
    assert abs(after_pause - FRAME * 2 / 3) < 1e-9  # not a frame and two thirds


async def test_a_timer_on_time_keeps_its_grid(monkeypatch):
    time = FakeTime(monkeypatch, 0.0)
    ticks = []
    await run_timer(_run, Timer(Target(), 0.5, callback=lambda: ticks.append(time.now),
                                repeat=3))
    assert ticks == [0.5, 1.0, 1.5, 2.0]


async def test_textual_s_own_timer_still_waits_an_extra_frame(monkeypatch):
    """Why the timer is replaced: drop the replacement once this fails."""
    _first, after_pause = await sleeps_around_a_pause(textual_run, monkeypatch)
    assert after_pause > FRAME
