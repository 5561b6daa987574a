"""One line of plain text that is cheap to change.

A `Static` takes its text through Textual's content pipeline (markup,
wrapping, alignment) on every change; a line that changes on every key of a
triage session only needs its text drawn in its own colours. Text too long
for the line is cut, with an ellipsis when its styles ask for one; a tail
(a count, say) stays whole and the text before it is cut instead.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.control import strip_control_codes
from rich.segment import Segment
from rich.text import Text
from textual.strip import Strip

from widgets.lead_row import fit
from widgets.plain_lines import PlainLines


class StatusLine(PlainLines):
    DEFAULT_CSS = "StatusLine { height: 1; }"

    def __init__(self, text: str = "", *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._text = strip_control_codes(text)
        self._tail = ""

    @property
    def text(self) -> str:
        return self._text + self._tail

    def update(self, text: str, tail: str = "") -> None:
        """Show ``text`` then ``tail``; on a short line only ``text`` is cut."""
        text, tail = strip_control_codes(text), strip_control_codes(tail)
        if (text, tail) != (self._text, self._tail):
            self._text, self._tail = text, tail
            self.refresh()

    def render(self) -> Text:
        return Text(self.text)

    def render_line(self, y: int) -> Strip:
        if y or not self.text:
            return Strip([])
        text = self.text
        if self.styles.text_overflow == "ellipsis" and cell_len(text) > self.size.width:
            text = fit(self._text, self.size.width - cell_len(self._tail)) + self._tail
        return Strip([Segment(text, self.base_style)])
