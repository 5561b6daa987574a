"""A screen that can hold its frames back for a moment, and then paint at once.

The search bar waits for a typed letter's matches (see ``tui/search_panel.py``).
Painting the letter alone first costs twice: the frame's drawing slows a
search still running, and the frame with the matches must then wait for the
next tick of the screen's frame timer (up to 17 ms). So the search bar holds
the screen until its matches are shown, and the screen then paints at once,
in that turn, not at the next tick.

Textual paints a changed widget once the widget is next idle and has told
the screen so. The release, and a triage key (a move on the board, a
decision in a session), paint in the caller's own turn instead
(:meth:`HeldFrames.paint_now`): every changed widget at once, without waiting
for the turns of the widgets' queues or the timer's next tick. A change
that needs a new layout is painted as soon as the screen has heard of it
(:meth:`HeldFrames.paint_soon`): the widgets are told here, so that the frame
holds all of them, not those whose turn happened to come first.

This leans on Textual 8's internals (``_on_timer_update``, ``_check_refresh``,
``_dirty_widgets``), like ``tui/compositor.py`` and ``tui/frame_timer.py``; the
search, board and session tests cover it.
"""

from __future__ import annotations

from textual import events
from textual.screen import Screen
from textual.widget import Widget


class HeldFrames(Screen):
    """Mixed into a screen: :meth:`hold_frames` and :meth:`release_frames`."""

    _frames_held = False
    _paint_due = False

    def hold_frames(self) -> None:
        """Paint nothing until :meth:`release_frames`."""
        self._frames_held = True

    def release_frames(self, *changed: Widget) -> None:
        """Paint what changed meanwhile, here and now (:meth:`paint_now`):
        ``changed`` and the widgets in them, or else every widget."""
        if not self._frames_held:
            return
        self._frames_held = False
        self.paint_now(*(changed or (self,)))

    def paint_soon(self, *changed: Widget) -> None:
        """Paint what changed as soon as the screen has heard of it, not at
        the next tick of the frame timer: for a key whose change the rep
        waits to see. ``changed``: as for :meth:`release_frames`; widgets
        left out are painted as usual, in the next frame if not this one."""
        self._frames_held = False
        self._paint_due = True
        for top in changed or (self,):
            for widget in top.walk_children(with_self=True):
                widget._check_refresh()  # each tells the screen now, not in its own turn
        self.check_idle()  # the screen is idle once it has heard them

    def paint_now(self, *changed: Widget) -> None:
        """Paint ``changed`` and the widgets in them here and now, in the
        caller's turn: a key whose change the rep waits to see is painted
        without waiting on the turns of every widget's message queue. Only
        repaints: anything that needs a new layout is painted as soon as
        the screen has heard of it (:meth:`paint_soon`)."""
        if self._frames_held:
            return
        dirty = []
        for top in changed:
            for widget in top.walk_children(with_self=True):
                if (widget._layout_required or widget._scroll_required
                        or widget._refresh_styles_required):
                    self.paint_soon(*changed)
                    return
                if widget._repaint_required:
                    dirty.append(widget)
        if self.app._batch_count or not self.is_current:
            self.paint_soon(*changed)
            return
        for widget in dirty:
            widget._repaint_required = False
            if widget.display:
                self._dirty_widgets.add(widget)
        Screen._on_timer_update(self)

    def _on_timer_update(self) -> None:
        if self._frames_held or self._paint_due:
            # Released, the screen paints once it has heard from the widgets.
            self._update_timer.pause()
            return
        super()._on_timer_update()

    async def _on_idle(self, event: events.Idle) -> None:
        if self._paint_due and not self._frames_held:
            self._paint_due = False
            super()._on_timer_update()
        await super()._on_idle(event)
