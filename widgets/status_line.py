"""One line of plain text that is cheap to change.

A `Static` takes its text through Textual's content pipeline (markup,
wrapping, alignment) on every change; a line that changes on every key of a
triage session only needs its text drawn in its own colours. Text too long
for the line is cut, with an ellipsis when its styles ask for one; a tail
(a count, say) stays whole and the text before it is cut instead, and a tail
longer than the line is cut in its middle.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from rich.control import strip_control_codes
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from widgets.lead_row import fit
from widgets.plain_lines import PlainLines


def fit_middle(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells in its middle, keeping both ends: a
    path keeps where it starts and its file name."""
    if cell_len(text) <= width:
        return text
    if width < 3:
        return fit(text, width)
    head = fit(text, (width + 1) // 2)  # ends in the ellipsis
    room = width - cell_len(head)
    end, used = [], 0
    for char in reversed(text):
        used += cell_len(char)
        if used > room:
            break
        end.append(char)
    return head + "".join(reversed(end))


_CHIP = Style(reverse=True)


class StatusLine(PlainLines):
    DEFAULT_CSS = "StatusLine { height: 1; }"

    # It draws whole lines in two styles, filtered once (see PlainLines): the
    # status line and the quadrants' titles change on every move.
    FILTERS_STYLES = True

    def __init__(self, text: str = "", *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = strip_control_codes(text)
        self._tail = ""
        self._marked = False
        self._look: tuple[Style, Style, bool] | None = None  # text, blank, ellipsis

    @property
    def text(self) -> str:
        return self._text + self._tail

    def update(self, text: str, tail: str = "") -> None:
        """Show ``text`` then ``tail``; on a short line only ``text`` is cut."""
        text, tail = strip_control_codes(text), strip_control_codes(tail)
        if (text, tail) != (self._text, self._tail):
            self._text, self._tail = text, tail
            self.refresh()

    def mark(self, marked: bool) -> None:
        """Draw the text as a chip (its colours swapped), or plainly: a
        change of this line alone, where a style or class would have Textual
        work out and draw the widgets around it anew."""
        if marked != self._marked:
            self._marked = marked
            self.refresh()

    @property
    def marked(self) -> bool:
        return self._marked

    def render(self) -> Text:
        return Text(self.text)

    def render_line(self, y: int) -> Strip:
        return self.draw_lines([y])[0]

    def draw_lines(self, ys: Iterable[int]) -> list[Strip]:
        width = self.size.width
        text_style, blank, ellipsis = self._styles()
        if self._marked:
            text_style += _CHIP
        lines = []
        for y in ys:
            text = self.text if not y else ""
            if ellipsis and cell_len(text) > width:
                tail = fit_middle(self._tail, width)
                text = fit(self._text, width - cell_len(tail)) + tail
            used = cell_len(text)
            if used > width:  # cut, as Textual cuts a line too long for it
                lines.append(Strip([Segment(text, text_style)]).adjust_cell_length(width, blank))
            else:  # (no empty segments: the drawing is the same as Textual's, segment for segment)
                segments = [Segment(text, text_style)] if text else []
                if used < width:
                    segments.append(Segment(" " * (width - used), blank))
                lines.append(Strip(segments, width))
        return lines

    def _styles(self) -> tuple[Style, Style, bool]:
        """The text's and the fill's styles through the line filters, and
        whether a long text ends in an ellipsis."""
        if self._look is None:
            styles = self.filtered_styles({"text": self.base_style, "blank": self._blank_style()})
            ellipsis = self.styles.text_overflow == "ellipsis"
            self._look = styles["text"], styles["blank"], ellipsis
        return self._look

    def filters_changed(self) -> None:
        self._look = None

    def notify_style_update(self) -> None:
        self._look = None
        super().notify_style_update()
