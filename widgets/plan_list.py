"""A virtual table of plan rows (contacts or leads), drawn with the Line API.

Only the lines on screen are built, so a month of thousands of contacts
paints as fast as a day of five. It is handed a sequence of
:class:`PlanRow` and column widths; it says which row the user chose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from widgets.lead_row import pad


@dataclass(frozen=True, slots=True)
class PlanRow:
    key: int  # a contact id, or a lead id in a list of leads
    cells: tuple[str, ...]
    state: str = ""  # overdue | today | done | ""


class PlanList(ScrollView, can_focus=True):
    ALLOW_SELECT = False

    BINDINGS = [
        Binding("down,j", "cursor_down", "Down", id="plan_list.down", show=False),
        Binding("up,k", "cursor_up", "Up", id="plan_list.up", show=False),
        Binding("pagedown", "page_down", "Page down", id="plan_list.page_down", show=False),
        Binding("pageup", "page_up", "Page up", id="plan_list.page_up", show=False),
        Binding("home,g", "first", "First", id="plan_list.first", show=False),
        Binding("end,G", "last", "Last", id="plan_list.last", show=False),
    ]

    COMPONENT_CLASSES = {
        "plan-list--cursor", "plan-list--overdue", "plan-list--today", "plan-list--done",
        "plan-list--empty", "plan-list--header",
    }

    DEFAULT_CSS = """
    /* The scrollbar is always there: one that comes and goes with the rows
       is laid out a frame after them (on the first opening, on a tab's
       change), and the rows would be painted twice. */
    PlanList {
        background: $surface; overflow-x: hidden; overflow-y: scroll;
        scrollbar-size-vertical: 1;
    }
    PlanList > .plan-list--cursor { background: $boost; }
    PlanList:focus > .plan-list--cursor { background: $accent 40%; text-style: bold; }
    PlanList > .plan-list--overdue { color: $text-error; }
    PlanList > .plan-list--today { color: $text-warning; }
    PlanList > .plan-list--done { color: $text-muted; }
    PlanList > .plan-list--empty { color: $text-muted; text-style: italic; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    class Chosen(Message):
        """Enter (or a double click) on a row."""

        def __init__(self, plan_list: PlanList, key: int) -> None:
            super().__init__()
            self.plan_list = plan_list
            self.key = key

        @property
        def control(self) -> PlanList:
            return self.plan_list

    def __init__(self, widths: Sequence[int], empty_text: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.widths = tuple(widths)  # a cell past these widths takes what is left
        self.empty_text = empty_text
        self._rows: Sequence[PlanRow] = ()
        self._styles: dict[tuple[str, bool, bool], Style] = {}

    @property
    def rows(self) -> Sequence[PlanRow]:
        return self._rows

    def set_rows(self, rows: Sequence[PlanRow], widths: Sequence[int] | None = None) -> None:
        self._rows = rows
        if widths is not None:
            self.widths = tuple(widths)
        # Only the height scrolls (the rows are cut to the width), so the
        # size is the same at any width: a resize asks for no layout again.
        self.virtual_size = Size(0, len(rows))
        self.cursor = max(0, min(self.cursor, len(rows) - 1))
        self.refresh()

    @property
    def key(self) -> int | None:
        return self._rows[self.cursor].key if self._rows else None

    def watch_cursor(self, old: int, new: int) -> None:
        self.scroll_to_region(Region(0, new, 1, 1), animate=False, force=True, immediate=True)
        self.refresh()

    def _move(self, step: int) -> None:
        self.cursor = max(0, min(self.cursor + step, len(self._rows) - 1))

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_page_down(self) -> None:
        self._move(max(self.size.height - 1, 1))

    def action_page_up(self) -> None:
        self._move(-max(self.size.height - 1, 1))

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = max(len(self._rows) - 1, 0)

    def _row_style(self, state: str, cursor: bool) -> Style:
        """A row's colours, looked up once for each kind of row until the
        styles change (Textual walks every ancestor for them on each call)."""
        key = (state, cursor, self.has_focus)
        style = self._styles.get(key)
        if style is None:
            style = self.rich_style
            if state:
                style += self.get_component_rich_style(f"plan-list--{state}")
            if cursor:
                style += self.get_component_rich_style("plan-list--cursor")
            self._styles[key] = style
        return style

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    def on_click(self, event: events.Click) -> None:
        index = event.y + int(self.scroll_y)
        if 0 <= index < len(self._rows):
            self.cursor = index
            if event.chain >= 2:
                self.post_message(self.Chosen(self, self._rows[index].key))

    def on_key(self, event: events.Key) -> None:
        if event.key == "enter" and self._rows:
            event.stop()
            self.post_message(self.Chosen(self, self._rows[self.cursor].key))

    def render_line(self, y: int) -> Strip:
        index = y + int(self.scroll_y)
        width = self.scrollable_content_region.width
        if not self._rows:
            if y == 0 and self.empty_text:
                style = self.get_component_rich_style("plan-list--empty")
                return Strip([Segment(pad(" " + self.empty_text, width), style)], width)
            return Strip.blank(width, self.rich_style)
        if index >= len(self._rows):
            return Strip.blank(width, self.rich_style)
        row = self._rows[index]
        base = self._row_style(row.state, index == self.cursor)
        used = sum(w + 1 for w in self.widths) + 1
        widths = (*self.widths, max(width - used, 0))  # the cell after the last width
        text = " " + " ".join(pad(cell, w) for cell, w in zip(row.cells, widths))
        return Strip([Segment(text, base)]).adjust_cell_length(width, base)
