"""The best matches under the search bar: a few lines, one of them highlighted.

Drawn with the Line API: the matches change on every key the rep types, and
an option list lays itself out and styles each option anew for that, which
costs more than the search it shows. The list knows a match only as an id and
a line of text, and says which one was clicked.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip

from widgets.plain_lines import PlainLines


class MatchList(PlainLines):
    """Shows at most as many matches as it has lines; no scrolling."""

    COMPONENT_CLASSES = {"match-list--highlight"}

    DEFAULT_CSS = """
    MatchList { height: 1fr; padding: 0 1; }
    MatchList > .match-list--highlight { background: $accent 40%; text-style: bold; }
    """

    class Clicked(Message):
        def __init__(self, match_list: MatchList, match_id: int) -> None:
            super().__init__()
            self.match_list = match_list
            self.match_id = match_id

        @property
        def control(self) -> MatchList:
            return self.match_list

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._matches: list[tuple[int, Text]] = []
        self._highlighted: int | None = None
        self._strips: dict[tuple[int, int, bool], Strip] = {}

    # ------------------------------------------------------------ data in
    def set_matches(self, matches: list[tuple[int, Text | str]]) -> None:
        """The matches (id, line), best first; the first is highlighted."""
        self._matches = [(i, Text(line) if isinstance(line, str) else line)
                         for i, line in matches]
        self._strips.clear()
        self._highlighted = 0 if matches else None
        self.refresh()

    def move(self, step: int) -> None:
        """Highlight the match ``step`` lines down (up when negative)."""
        if self._highlighted is not None:
            at = max(0, min(self._highlighted + step, len(self._matches) - 1))
            if at != self._highlighted:
                width = self.size.width
                self.refresh(Region(0, self._highlighted, width, 1), Region(0, at, width, 1))
                self._highlighted = at

    # ------------------------------------------------------------ data out
    @property
    def count(self) -> int:
        return len(self._matches)

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @property
    def highlighted_id(self) -> int | None:
        return None if self._highlighted is None else self._matches[self._highlighted][0]

    def lines(self) -> list[str]:
        """The matches as plain text, as they read on screen."""
        return [line.plain for _id, line in self._matches]

    # ------------------------------------------------------------ drawing
    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y >= len(self._matches):
            return Strip.blank(width, self.base_style)
        lit = y == self._highlighted
        key = (y, width, lit)
        strip = self._strips.get(key)
        if strip is None:
            base = self.base_style
            if lit:
                base += self.get_component_rich_style("match-list--highlight")
            segments = self._matches[y][1].render(self.app.console)
            strip = Strip(segments).apply_style(base).adjust_cell_length(width, base)
            self._strips[key] = strip
        return strip

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()

    def on_click(self, event: events.Click) -> None:
        if 0 <= event.y < len(self._matches):
            event.stop()
            self.post_message(self.Clicked(self, self._matches[event.y][0]))
