"""A row of tabs drawn as one widget: their names, and a bar under them that
marks the active one.

Textual's ``Tabs`` is a widget per tab and a bar that finds its place once
the tabs are laid out, a frame after the highlight: a key that changes the
tab then paints twice, and a screen that opens on the tabs builds nine
widgets for them. Here names and bar are drawn together, so the whole
change goes out in one frame.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

# The bar's pieces, as Textual's tabs draw them: a half line on each side of the mark.
BAR, HALF_LEFT, HALF_RIGHT = "━", "╺", "╸"


class TabLine(Widget, can_focus=False):
    """``tabs``: (name, label) pairs, in order; ``active``: a name."""

    DEFAULT_CSS = """
    TabLine { height: 2; pointer: pointer; }
    TabLine > .tab-line--tab { color: $foreground 50%; }
    TabLine > .tab-line--active { color: $foreground; }
    TabLine > .tab-line--bar { color: $block-cursor-background; background: $foreground 10%; }
    TabLine:ansi > .tab-line--tab { text-style: dim; }
    TabLine:ansi > .tab-line--active { text-style: not dim bold; }
    TabLine:ansi > .tab-line--bar { color: $block-cursor-background; background: $border-blurred; }
    """
    COMPONENT_CLASSES = {"tab-line--tab", "tab-line--active", "tab-line--bar"}

    class Chosen(Message):
        """A tab clicked."""

        def __init__(self, tab_line: TabLine, name: str) -> None:
            super().__init__()
            self.tab_line = tab_line
            self.name = name

        @property
        def control(self) -> TabLine:
            return self.tab_line

    def __init__(self, tabs: Sequence[tuple[str, str]], active: str, *,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.tabs = tuple(tabs)
        self._active = active
        self._hover: str | None = None  # the tab under the pointer, shown as if active

    @property
    def active(self) -> str:
        return self._active

    @active.setter
    def active(self, name: str) -> None:
        if name != self._active:
            self._active = name
            self.refresh()

    def spans(self) -> list[tuple[int, int, str]]:
        """Where each tab's label is drawn: first cell, cell after it, name.
        A tab takes one cell of room on either side of its label."""
        spans, x = [], 0
        for name, label in self.tabs:
            width = cell_len(label)
            spans.append((x + 1, x + 1 + width, name))
            x += width + 2
        return spans

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y == 0:
            return self._names(base).adjust_cell_length(width, base)
        if y == 1:
            return self._bar(width, base)
        return Strip.blank(width, base)

    def _names(self, base: Style) -> Strip:
        plain = base + self.get_component_rich_style("tab-line--tab")
        lit = base + self.get_component_rich_style("tab-line--active")
        segments = []
        for name, label in self.tabs:
            shown = name in (self._active, self._hover)
            segments.append(Segment(f" {label} ", lit if shown else plain))
        return Strip(segments)

    def _bar(self, width: int, base: Style) -> Strip:
        bar = self.get_component_rich_style("tab-line--bar")
        back = base + Style.from_color(bar.bgcolor)
        mark = base + Style.from_color(bar.color)
        span = next(((start, end) for start, end, name in self.spans() if name == self._active),
                    None)
        if span is None or width <= 0:
            return Strip([Segment(BAR * max(width, 0), back)], max(width, 0))
        start, end = min(span[0], width), min(span[1], width)
        segments = [Segment(BAR * max(start - 1, 0), back)]
        if start > 0:
            segments.append(Segment(HALF_RIGHT, back))
        segments.append(Segment(BAR * (end - start), mark))
        if end < width:
            segments.append(Segment(HALF_LEFT + BAR * (width - end - 1), back))
        return Strip(segments).adjust_cell_length(width, base)

    # ------------------------------------------------------------ mouse
    def tab_at(self, x: int) -> str | None:
        """The tab drawn at column ``x`` (its label or the room around it)."""
        return next((name for start, end, name in self.spans() if start - 1 <= x <= end), None)

    def on_click(self, event: events.Click) -> None:
        name = self.tab_at(event.x)
        if name is not None:
            self.post_message(self.Chosen(self, name))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hovered(self.tab_at(event.x) if event.y == 0 else None)

    def on_leave(self, event: events.Leave) -> None:
        self._hovered(None)

    def _hovered(self, name: str | None) -> None:
        if name != self._hover:
            self._hover = name
            self.refresh()
