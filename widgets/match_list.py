"""The best matches under the search bar: a few lines, one of them highlighted.

Drawn with the Line API: the matches change on every key the rep types, and
an option list lays itself out and styles each option anew for that, which
costs more than the search it shows. The list knows a match only as an id and
the parts of a line of text, and says which one was clicked.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip

from widgets.plain_lines import PlainLines

# A match's line as (text, part) pieces: part "name" (the lead's name),
# "detail" (what tells namesakes apart) or "" (plain).
MatchLine = Sequence[tuple[str, str]]
PARTS = ("name", "detail")


class MatchList(PlainLines):
    """Shows at most as many matches as it has lines; no scrolling."""

    FILTERS_STYLES = True  # every line is drawn in the styles of _look
    COMPONENT_CLASSES = {"match-list--highlight", "match-list--name", "match-list--detail"}

    DEFAULT_CSS = """
    MatchList { height: 1fr; padding: 0 1; }
    MatchList > .match-list--highlight { background: $accent 40%; text-style: bold; }
    MatchList > .match-list--name { text-style: bold; }
    MatchList > .match-list--detail { text-style: dim; }
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
        self._matches: list[tuple[int, MatchLine]] = []
        self._highlighted: int | None = None
        self._strips: dict[tuple[int, int, bool], Strip] = {}
        self._looks: dict[bool, dict[str, Style]] = {}  # highlighted -> each part's style

    # ------------------------------------------------------------ data in
    def set_matches(self, matches: list[tuple[int, MatchLine]]) -> None:
        """The matches (id, line), best first; the first is highlighted."""
        self._matches = list(matches)
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
        return ["".join(text for text, _part in line) for _id, line in self._matches]

    # ------------------------------------------------------------ drawing
    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y >= len(self._matches):
            return Strip.blank(width, self._look(False)[""])
        lit = y == self._highlighted
        key = (y, width, lit)
        strip = self._strips.get(key)
        if strip is None:
            look = self._look(lit)
            line = self._matches[y][1]
            segments = [Segment(text, look[part]) for text, part in line]
            used = sum(cell_len(text) for text, _part in line)
            if used <= width:  # most lines: filled out to the width, one strip
                segments.append(Segment(" " * (width - used), look[""]))
                strip = Strip(segments, width)
            else:
                strip = Strip(segments, used).crop(0, width)
            self._strips[key] = strip
        return strip

    def _look(self, lit: bool) -> dict[str, Style]:
        """Each part's whole style, the highlight's added when ``lit``, as
        the line filters leave them (see :class:`PlainLines`)."""
        look = self._looks.get(lit)
        if look is None:
            base = self.base_style
            if lit:
                base += self.get_component_rich_style("match-list--highlight")
            # Only what each part's own rules set: the background stays the line's.
            parts = {part: base + self.get_component_rich_style(f"match-list--{part}",
                                                                 partial=True)
                     for part in PARTS}
            look = self._looks[lit] = self.filtered_styles({"": base, **parts})
        return look

    def filters_changed(self) -> None:
        self._looks.clear()
        self._strips.clear()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.filters_changed()

    def on_click(self, event: events.Click) -> None:
        if 0 <= event.y < len(self._matches):
            event.stop()
            self.post_message(self.Clicked(self, self._matches[event.y][0]))
