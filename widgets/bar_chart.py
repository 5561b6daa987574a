"""Horizontal bars drawn as text, one row per bar, that line up in Chinese.

Labels are padded by terminal cells (``rich.cells.cell_len``: a Chinese
character takes two), so every bar starts in the same column. Bars are
block characters, not colour alone: they read on a light or a dark theme and
on a terminal without colour. A Pareto chart adds a ``◆`` on each row at its
running share, with the track as the 0-100 % scale.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"
TRACK = "·"
MARK = "◆"
CURSOR = "▶"


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    text: str  # the number shown after the bar
    key: object = None  # what Chosen carries back
    mark: float | None = None  # a running share 0-1 (Pareto)


def bar_cells(value: float, largest: float, width: int) -> str:
    """A bar ``width`` cells long at most, to the eighth of a cell."""
    if largest <= 0 or value <= 0:
        return ""
    eighths = max(1, round(value / largest * width * 8))
    return FULL * (eighths // 8) + (EIGHTHS[eighths % 8] if eighths % 8 else "")


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cell_len(text))


class BarChart(Widget, can_focus=True):
    DEFAULT_CSS = """
    BarChart { height: auto; width: 1fr; }
    BarChart > .bar-chart--bar { color: $text-primary; }
    BarChart > .bar-chart--mark { color: $text-warning; text-style: bold; }
    BarChart > .bar-chart--track { color: $foreground-muted; }
    BarChart:focus > .bar-chart--cursor { background: $block-cursor-background;
                                          color: $block-cursor-foreground; }
    """
    COMPONENT_CLASSES = {"bar-chart--bar", "bar-chart--mark", "bar-chart--track",
                         "bar-chart--cursor"}
    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Previous bar", id="bar_chart.up", show=False),
        Binding("down,j", "cursor(1)", "Next bar", id="bar_chart.down", show=False),
        Binding("enter", "choose", "Leads behind it", id="bar_chart.choose"),
    ]

    cursor = reactive(0)

    class Chosen(Message):
        """Enter (or a click) on a bar: the key it was given."""

        def __init__(self, chart: BarChart, key: object) -> None:
            super().__init__()
            self.chart = chart
            self.key = key

        @property
        def control(self) -> BarChart:
            return self.chart

    def __init__(self, bars: list[Bar] | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.bars: list[Bar] = bars or []

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = bars
        self.cursor = min(self.cursor, max(0, len(bars) - 1))
        self.refresh(layout=True)

    def get_content_height(self, container, viewport, width: int) -> int:
        return max(1, len(self.bars))

    def action_cursor(self, step: int) -> None:
        if self.bars:
            self.cursor = (self.cursor + step) % len(self.bars)

    def action_choose(self) -> None:
        if self.bars:
            self.post_message(self.Chosen(self, self.bars[self.cursor].key))

    def on_click(self, event) -> None:
        if 0 <= event.y < len(self.bars):
            self.cursor = event.y
            self.action_choose()

    def render(self) -> Text:
        if not self.bars:
            return Text("")
        label_width = max(cell_len(bar.label) for bar in self.bars)
        text_width = max(cell_len(bar.text) for bar in self.bars)
        track = max(5, self.size.width - label_width - text_width - 5)
        largest = max(bar.value for bar in self.bars)
        style = self.get_component_rich_style
        out = Text(no_wrap=True, overflow="crop")
        for row, bar in enumerate(self.bars):
            here = row == self.cursor and self.has_focus
            line = Text(no_wrap=True)
            line.append(CURSOR if row == self.cursor else " ")
            line.append(pad(bar.label, label_width) + " ")
            line.append_text(self._track(bar, largest, track))
            line.append(" " + " " * (text_width - cell_len(bar.text)) + bar.text)
            if here:
                line.stylize(style("bar-chart--cursor"))
            out.append_text(line)
            if row < len(self.bars) - 1:
                out.append("\n")
        return out

    def _track(self, bar: Bar, largest: float, width: int) -> Text:
        filled = bar_cells(bar.value, largest, width)
        cells = list(filled.ljust(width, TRACK))
        if bar.mark is not None:
            cells[min(width - 1, round(bar.mark * (width - 1)))] = MARK
        text = Text()
        style = self.get_component_rich_style
        for ch in cells:
            kind = "bar-chart--mark" if ch == MARK else (
                "bar-chart--track" if ch == TRACK else "bar-chart--bar")
            text.append(ch, style(kind))
        return text
