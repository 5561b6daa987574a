"""A virtual list of leads: one line per lead, drawn with the Line API.

Only the lines on screen are ever built, so a quadrant of 100,000 leads
scrolls as lightly as one of ten. The list keeps its own first line on
screen (``top``) rather than using Textual's scrolling, and draws where the
view is in its last column: Textual's scrollbar widget and the screen
layout a scroll sets off cost more than the rows themselves. The list knows
nothing of the database: it is handed a sequence of :class:`LeadRow` and says
what the user did. It takes no focus: the board does, and tells the list
when it is the active one (its cursor then stands out).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip

from widgets.lead_row import LeadRow, draw_row, pad, row_look
from widgets.plain_lines import PlainLines

WHEEL_LINES = 3  # rows one turn of the mouse wheel scrolls
LINE_CACHE_SIZE = 2048  # a few screens of rows; cleared whole when full


class LeadList(PlainLines):
    """The leads of one quadrant (or the ungraded tray)."""

    ALLOW_SELECT = False
    FILTERS_STYLES = True  # every line is drawn in the styles of _styles and _look

    COMPONENT_CLASSES = {
        "lead-list--cursor",
        "lead-list--active-cursor",
        "lead-list--company",
        "lead-list--region",
        "lead-list--overdue",
        "lead-list--today",
        "lead-list--when",
        "lead-list--year",
        "lead-list--good",
        "lead-list--poor",
        "lead-list--unknown",
        "lead-list--project",
        "lead-list--empty",
        "lead-list--track",
        "lead-list--thumb",
    }

    DEFAULT_CSS = """
    LeadList { background: $surface; height: 1fr; }
    LeadList > .lead-list--track { background: $scrollbar-background; }
    LeadList > .lead-list--thumb { background: $scrollbar; }
    LeadList > .lead-list--cursor { background: $boost; }
    LeadList > .lead-list--active-cursor { background: $accent 40%; text-style: bold; }
    LeadList > .lead-list--company { color: $text-muted; }
    LeadList > .lead-list--region { color: $text-muted; }
    LeadList > .lead-list--when { color: $text-muted; }
    LeadList > .lead-list--year { text-style: underline; }
    LeadList > .lead-list--overdue { color: $text-error; text-style: bold; }
    LeadList > .lead-list--today { color: $text-warning; text-style: bold; }
    LeadList > .lead-list--good { color: $text-success; }
    LeadList > .lead-list--poor { color: $text-error; }
    LeadList > .lead-list--unknown { color: $text-muted; }
    LeadList > .lead-list--project { color: $text-accent; }
    LeadList > .lead-list--empty { color: $text-muted; text-style: italic; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)

    class LeadMessage(Message):
        """Something happened to a lead in this list."""

        def __init__(self, lead_list: LeadList, lead_id: int | None) -> None:
            super().__init__()
            self.lead_list = lead_list
            self.lead_id = lead_id

        @property
        def control(self) -> LeadList:
            return self.lead_list

    class Highlighted(LeadMessage):
        """The cursor came to rest on a lead (None: the list is empty)."""

    class Activated(LeadMessage):
        """A lead was double-clicked."""

    class Pressed(LeadMessage):
        """The rep pressed the mouse on a row (or the scroll mark): the list
        is the one they want to work in."""

    def __init__(self, place: int, empty_text: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.place = place
        self.empty_text = empty_text
        self._rows: Sequence[LeadRow] = ()
        self.top = 0  # the row on the first line
        self.active = False  # the board's active list, and the board has the focus
        self._highlighted: int | None = None  # the lead Highlighted last told of
        self._component_cache: dict[str, Style] | None = None
        self._style_cache: dict[str, Style] | None = None  # filtered
        self._looks: dict[int, dict[str, Style]] = {}  # selected (see _line) -> a row's styles
        # Drawn lines by what they show: scrolling by one line redraws one row, not all.
        self._line_cache: dict[tuple[int, int, int, str | None], tuple[object, Strip]] = {}

    # ------------------------------------------------------------ data in
    @property
    def rows(self) -> Sequence[LeadRow]:
        return self._rows

    def set_rows(self, rows: Sequence[LeadRow], cursor: int | None = None) -> None:
        """Show ``rows``; keep the cursor where it was unless told otherwise.
        Highlighted is posted only when another lead comes under the cursor."""
        self._rows = rows
        target = self.cursor if cursor is None else cursor
        target = max(0, min(target, len(rows) - 1))
        self.set_reactive(LeadList.cursor, target)
        top, height = self.top, self.size.height
        if height and not top <= target < top + height:
            top = target if target < top else target - height + 1
        self._show_from(top)
        if self.lead_id != self._highlighted:
            self._highlight()

    @property
    def lead_id(self) -> int | None:
        """The lead under the cursor."""
        if not self._rows:
            return None
        return self._rows[self.cursor].lead_id

    def watch_cursor(self, old: int, new: int) -> None:
        top, height = self.top, self.size.height
        if top <= new < top + height:
            # Still on screen: only two lines change; repaint those alone.
            self.refresh(Region(0, old - top, self.size.width, 1),
                         Region(0, new - top, self.size.width, 1))
        else:
            self._show_from(new if new < top else new - height + 1)
        self._highlight()

    def show_active(self, active: bool) -> None:
        """Draw the cursor as the active list's (or not): its line alone changes."""
        if active != self.active:
            self.active = active
            if self._rows:
                self.refresh(Region(0, self.cursor - self.top, self.size.width, 1))

    def _highlight(self) -> None:
        self._highlighted = self.lead_id
        self.post_message(self.Highlighted(self, self._highlighted))

    def _show_from(self, top: int) -> None:
        """Put row ``top`` on the first line (as far as the rows go) and repaint."""
        self.top = self._top_within(top)
        self.refresh()

    def _top_within(self, top: int) -> int:
        """``top``, or the nearest first row that leaves no line empty below."""
        return max(0, min(top, len(self._rows) - self.size.height))

    # ------------------------------------------------------------ actions
    def action_cursor_down(self) -> None:
        self.cursor = min(self.cursor + 1, max(len(self._rows) - 1, 0))

    def action_cursor_up(self) -> None:
        self.cursor = max(self.cursor - 1, 0)

    def action_page_down(self) -> None:
        self.cursor = min(self.cursor + max(self.size.height - 1, 1), max(len(self._rows) - 1, 0))

    def action_page_up(self) -> None:
        self.cursor = max(self.cursor - max(self.size.height - 1, 1), 0)

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = max(len(self._rows) - 1, 0)

    # ------------------------------------------------------------ mouse
    def row_at(self, event: events.MouseEvent) -> int | None:
        index = event.y + self.top
        return index if 0 <= index < len(self._rows) else None

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if self.overflows and event.x == self.size.width - 1:
            # On the scroll mark: jump to that point of the list.
            self.cursor = min(event.y * len(self._rows) // self.size.height, len(self._rows) - 1)
            self.post_message(self.Pressed(self, self.lead_id))
            return
        index = self.row_at(event)
        if index is not None:
            self.cursor = index
            self.post_message(self.Pressed(self, self.lead_id))

    def on_click(self, event: events.Click) -> None:
        index = self.row_at(event)
        if index is not None and event.chain >= 2:
            self.post_message(self.Activated(self, self._rows[index].lead_id))

    # ------------------------------------------------------------ drawing
    def draw_lines(self, ys: Iterable[int]) -> list[Strip]:
        # Lines from the cache, so that a strip (and the filters it caches)
        # is the same one from repaint to repaint.
        line = self._liner()
        return [line(y) for y in ys]

    def render_line(self, y: int) -> Strip:
        return self._liner()(y)

    def _liner(self) -> Callable[[int], Strip]:
        """How each line is drawn, at the list's size and place for now."""
        width, height = self.size
        rows, top, cursor = self._rows, self.top, self.cursor
        look = 2 if self.active else 1  # the cursor's look
        if not rows:
            empty = ("empty", self.empty_text) if self.empty_text else None
            return lambda y: self._line(empty if y == 0 else None, width)
        thumb_top, thumb_size = self._thumb(height) if len(rows) > height > 0 else (0, 0)

        def line(y: int) -> Strip:
            index = y + top
            mark = None
            if thumb_size:  # the last column shows where the view is
                mark = "thumb" if thumb_top <= y < thumb_top + thumb_size else "track"
            row = rows[index] if index < len(rows) else None
            return self._line(row, width, look if index == cursor else 0, mark)

        return line

    def _line(self, row: LeadRow | tuple[str, str] | None, width: int, selected: int = 0,
              mark: str | None = None) -> Strip:
        """One whole line, from the cache when it has been drawn before, so
        that the strip (and what is cached on it) is the same one. Rows are
        kept from one refresh to the next (the board's row cache), so they
        are known by identity, without hashing each one's every field; the
        cache holds the row, so its id stays its own. ``selected``: 0 for a
        row off the cursor, 1 under it, 2 under the active list's."""
        key = (id(row), width, selected, mark)
        hit = self._line_cache.get(key)
        if hit is not None and hit[0] is row:
            return hit[1]
        if len(self._line_cache) >= LINE_CACHE_SIZE:
            self._line_cache.clear()
        strip = self._draw_line(row, width, selected, mark)
        self._line_cache[key] = (row, strip)
        return strip

    def _draw_line(self, row: LeadRow | tuple[str, str] | None, width: int, selected: int,
                   mark: str | None) -> Strip:
        styles = self._styles()
        if isinstance(row, tuple):  # the empty list's text
            return Strip([Segment(pad(" " + row[1], width), styles["empty"])], width)
        mark_style = styles[mark] if mark else None
        if row is not None:
            return draw_row(row, width, self._look(selected), mark_style)
        if mark_style is None:
            return Strip.blank(width, styles["base"])
        return Strip([Segment(" " * (width - 1), styles["base"]), Segment(" ", mark_style)], width)

    # ------------------------------------------------------------ scroll mark
    @property
    def overflows(self) -> bool:
        """More rows than lines: the last column shows where the view is."""
        return len(self._rows) > self.size.height > 0

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        if self.overflows:
            event.stop()
            self._show_from(self.top + WHEEL_LINES)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        if self.overflows:
            event.stop()
            self._show_from(self.top - WHEEL_LINES)

    def _thumb(self, height: int) -> tuple[int, int]:
        """First line and line count of the part of the mark that shows the view."""
        total = len(self._rows)
        size = max(1, round(height * height / total))
        top = round((height - size) * self.top / max(total - height, 1))
        return top, size

    def _components(self) -> dict[str, Style]:
        """The component styles, looked up once until the CSS changes."""
        if self._component_cache is None:
            styles = {
                name.removeprefix("lead-list--"): self.get_component_rich_style(name)
                for name in self.COMPONENT_CLASSES
            }
            styles["base"] = self.base_style
            self._component_cache = styles
        return self._component_cache

    def _styles(self) -> dict[str, Style]:
        """The component styles as the line filters leave them (see :class:`PlainLines`)."""
        if self._style_cache is None:
            self._style_cache = self.filtered_styles(self._components())
        return self._style_cache

    def _look(self, selected: int) -> dict[str, Style]:
        """A row's styles: the component styles added up, then filtered (a
        filter may treat a sum otherwise than its parts)."""
        look = self._looks.get(selected)
        if look is None:
            components = self._components()
            if selected == 2:  # the active list's cursor, over the cursor's look
                components = {**components,
                              "cursor": components["cursor"] + components["active-cursor"]}
            look = self._looks[selected] = self.filtered_styles(
                row_look(components, bool(selected)))
        return look

    def filters_changed(self) -> None:
        self._style_cache = None
        self._looks.clear()
        self._line_cache.clear()

    def notify_style_update(self) -> None:
        self._component_cache = None
        self.filters_changed()
        super().notify_style_update()

    def on_resize(self, event: events.Resize) -> None:
        # Keep the cursor's row on screen at the new height. A new size is
        # painted anyway: repainted again only if the top moves.
        height = event.size.height
        on_screen = self.top <= self.cursor < self.top + height
        top = self.top if on_screen else self.cursor - height + 1
        if self._top_within(top) != self.top:
            self._show_from(top)
