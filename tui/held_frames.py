"""A screen that can hold its frames back for a moment, and then paint at once.

A search runs in a worker after each typed letter. Painting the letter alone
first costs twice: the frame's drawing slows the search in its thread, and
the frame with the matches must then wait for the next tick of the screen's
frame timer (up to 17 ms). So the search bar holds the screen until its
matches are shown, and the tick that came meanwhile is owed: it is paid as
soon as the screen is next idle, not at the next tick.

This leans on Textual 8's screen internals (``_on_timer_update``), like
``tui/compositor.py`` and ``tui/frame_timer.py``; the search tests cover it.
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen


class HeldFrames(Screen):
    """Mixed into a screen: :meth:`hold_frames` and :meth:`release_frames`."""

    _frames_held = False
    _tick_owed = False

    def hold_frames(self) -> None:
        """Paint nothing until :meth:`release_frames`."""
        self._frames_held = True

    def release_frames(self) -> None:
        if not self._frames_held:
            return
        self._frames_held = False
        if self._tick_owed:
            # Paid once the screen is idle: the widgets changed meanwhile have
            # told it so by then (each posts its update before this wakes it).
            self.check_idle()

    def _on_timer_update(self) -> None:
        if self._frames_held:
            self._update_timer.pause()
            self._tick_owed = True
            return
        super()._on_timer_update()

    async def _on_idle(self, event: events.Idle) -> None:
        if self._tick_owed and not self._frames_held:
            self._tick_owed = False
            super()._on_timer_update()
        await super()._on_idle(event)
