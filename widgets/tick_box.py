"""Check boxes that say ticked or not by their mark, not by colour alone:
Textual draws the same X both ways, which a rep on a terminal with few
colours, or who does not tell the two colours apart, cannot read."""

from __future__ import annotations

from typing import TypeVar

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Checkbox, SelectionList
from textual.widgets.option_list import OptionDoesNotExist

TICKED, UNTICKED = "✓", " "
T = TypeVar("T")


def mark(ticked: bool) -> str:
    return TICKED if ticked else UNTICKED


class TickBox(Checkbox):
    @property  # Textual reads the mark from this attribute at each render
    def BUTTON_INNER(self) -> str:  # noqa: N802 (Textual's name)
        return mark(self.value)


class TickList(SelectionList[T]):
    """A list of items to tick, each box marked as a :class:`TickBox` is."""

    def render_line(self, y: int) -> Strip:
        line = super().render_line(y)
        try:
            item = self.get_option_at_index(self.scroll_offset.y + y)
        except OptionDoesNotExist:
            return line
        # The line starts with the box: its left side, its mark, its right side.
        segments = list(line)
        inner = segments[1]
        segments[1] = Segment(mark(item.value in self.selected), inner.style, inner.control)
        return Strip(segments, line.cell_length)
