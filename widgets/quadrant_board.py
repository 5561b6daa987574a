"""The 2x2 board plus the tray of ungraded leads, with drag and drop.

Reading order is Q1 Q2 / Q3 Q4; the tray (place 0) stands to the right.
Dragging a lead from one place onto another posts :class:`LeadDropped`;
what a drop means is for the screen to decide.

The board, not its lists, takes the focus, and says itself which place is
the one the keys act on (the active place: its title is drawn as a chip and
its cursor stands out). Moving the focus from list to list made Textual
repaint the whole screen at each ``tab`` (a screen's focus repaints it all),
and a border of another colour had it draw the whole pane, list and all;
choosing another place repaints two title lines and two cursor lines.
"""

from __future__ import annotations

from functools import cached_property

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.geometry import Offset
from textual.message import Message

from widgets.lead_list import LeadList
from widgets.status_line import StatusLine
from widgets.unscrolled import virtual_size_without_layout

PLACES_IN_ORDER = (1, 2, 3, 4, 0)


class QuadrantPane(Vertical):
    """One quadrant (or the tray): a title line over its list."""

    virtual_size = virtual_size_without_layout()

    def __init__(self, place: int, empty_text: str) -> None:
        super().__init__(id=f"place-{place}", classes=f"place q{place}")
        self.place = place
        self._empty_text = empty_text

    def compose(self) -> ComposeResult:
        yield StatusLine("", classes="place-title")
        yield LeadList(self.place, self._empty_text, id=f"list-{self.place}")

    def show_active(self, active: bool) -> None:
        """Its title and cursor as the active place's, or not: two lines."""
        self.title_line.mark(active)
        self.lead_list.show_active(active)

    def set_title(self, text: str, tail: str = "") -> None:
        """``text`` then ``tail``; a narrow pane cuts ``text``, never ``tail``."""
        self.title_line.update(text, tail)

    # Looked up once: the board asks for them on every move.
    @cached_property
    def title_line(self) -> StatusLine:
        return self.query_one(".place-title", StatusLine)

    @cached_property
    def lead_list(self) -> LeadList:
        return self.query_one(LeadList)


class QuadrantBoard(Container, can_focus=True):
    """Four quadrants and the tray. Posts what the user drags where, and
    which place the rep chose."""

    virtual_size = virtual_size_without_layout()

    KEYS_ARE_BINDINGS = True  # no key handlers: the app may run a key's binding at once

    # The keys inside a place act on the active one's list.
    BINDINGS = [
        Binding("down,j", "in_list('cursor_down')", "Down", id="list.down", show=False),
        Binding("up,k", "in_list('cursor_up')", "Up", id="list.up", show=False),
        Binding("pagedown", "in_list('page_down')", "Page down", id="list.page_down", show=False),
        Binding("pageup", "in_list('page_up')", "Page up", id="list.page_up", show=False),
        Binding("home,g", "in_list('first')", "First", id="list.first", show=False),
        Binding("end,G", "in_list('last')", "Last", id="list.last", show=False),
    ]

    DEFAULT_CSS = """
    QuadrantBoard { layout: grid; grid-size: 3 2; grid-columns: 1fr 1fr 26; }
    QuadrantBoard > QuadrantPane { border: round $panel; }
    QuadrantBoard > QuadrantPane.-drop-target { border: double $success; background: $success 10%; }
    QuadrantBoard > QuadrantPane.-drag-source { opacity: 80%; }
    QuadrantBoard > #place-0 { row-span: 2; }
    QuadrantBoard .place-title {
        height: 1; padding: 0 1; text-style: bold; text-wrap: nowrap; text-overflow: ellipsis;
    }
    """

    class LeadDropped(Message):
        """A lead was dragged from one place and let go over another."""

        def __init__(self, board: QuadrantBoard, lead_id: int, source: int, target: int) -> None:
            super().__init__()
            self.board = board
            self.lead_id = lead_id
            self.source = source
            self.target = target

        @property
        def control(self) -> QuadrantBoard:
            return self.board

    class Chosen(Message):
        """Another place became the active one (by a key or a click)."""

        def __init__(self, board: QuadrantBoard, place: int) -> None:
            super().__init__()
            self.board = board
            self.place = place

        @property
        def control(self) -> QuadrantBoard:
            return self.board

    def __init__(self, empty_texts: dict[int, str], **kwargs) -> None:
        super().__init__(**kwargs)
        self._empty_texts = empty_texts
        self._drag: tuple[int, int] | None = None  # lead id, source place
        self._panes: dict[int, QuadrantPane] = {}  # looked up once each
        self.place = PLACES_IN_ORDER[0]  # the active place

    def compose(self) -> ComposeResult:
        # Grid cells fill row by row: Q1, Q2, tray (two rows high), Q3, Q4.
        for place in (1, 2, 0, 3, 4):
            yield QuadrantPane(place, self._empty_texts.get(place, ""))

    def pane(self, place: int) -> QuadrantPane:
        pane = self._panes.get(place)
        if pane is None:
            pane = self._panes[place] = self.query_one(f"#place-{place}", QuadrantPane)
        return pane

    def lead_list(self, place: int) -> LeadList:
        return self.pane(place).lead_list

    # ------------------------------------------------------------ the active place
    @property
    def active_list(self) -> LeadList:
        return self.lead_list(self.place)

    @property
    def lead_id(self) -> int | None:
        """The lead under the active place's cursor."""
        return self.active_list.lead_id

    def choose(self, place: int) -> None:
        """Make ``place`` the active one: only its pane and the one before
        change their looks."""
        if place == self.place:
            return
        before, self.place = self.place, place
        self.pane(before).show_active(False)
        self.pane(place).show_active(self.has_focus)
        self.post_message(self.Chosen(self, place))

    def watch_has_focus(self, has_focus: bool) -> None:
        """The board's own styles alone are worked out again as the focus
        comes or goes (the search opened or closed): Textual's would do every
        place's title and list too, and a list whose styles are worked out
        drops the lines it drew, so the whole board was drawn anew. What
        shows the focus here is drawn by :meth:`on_focus` and :meth:`on_blur`."""
        self.app.stylesheet.update_nodes([self], animate=True)

    def on_focus(self) -> None:
        self.pane(self.place).show_active(True)

    def on_blur(self) -> None:
        self.pane(self.place).show_active(False)

    def action_in_list(self, action: str) -> None:
        """One of the list's own actions, on the active place's list."""
        getattr(self.active_list, f"action_{action}")()

    @on(LeadList.Pressed)
    def _pressed(self, event: LeadList.Pressed) -> None:
        self.choose(event.lead_list.place)
        if not self.has_focus:  # focus() repaints the whole board, even when it has it
            self.focus()

    def place_at(self, offset: Offset) -> int | None:
        for pane in self.query(QuadrantPane):
            if pane.region.contains_point(offset):
                return pane.place
        return None

    # ------------------------------------------------------------ dragging
    def on_mouse_down(self, event: events.MouseDown) -> None:
        source = self.place_at(event.screen_offset)
        if source is None:
            return
        lead_list = self.lead_list(source)
        if lead_list.region.contains_point(event.screen_offset) and lead_list.lead_id is not None:
            self._drag = (lead_list.lead_id, source)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag is None:
            return
        target = self.place_at(event.screen_offset)
        for pane in self.query(QuadrantPane):
            pane.set_class(pane.place == self._drag[1], "-drag-source")
            pane.set_class(pane.place == target and target != self._drag[1], "-drop-target")

    def on_mouse_up(self, event: events.MouseUp) -> None:
        drag, self._drag = self._drag, None
        for pane in self.query(QuadrantPane):
            pane.remove_class("-drop-target", "-drag-source")
        if drag is None:
            return
        target = self.place_at(event.screen_offset)
        lead_id, source = drag
        if target is not None and target != source:
            self.post_message(self.LeadDropped(self, lead_id, source, target))

    @on(events.Leave)
    def _end_drag_outside(self, event: events.Leave) -> None:
        if event.node is self:
            self._drag = None
            for pane in self.query(QuadrantPane):
                pane.remove_class("-drop-target", "-drag-source")
