"""One line of plain text that is cheap to change.

A `Static` takes its text through Textual's content pipeline (markup,
wrapping, alignment) on every change; a line that changes on every key of a
triage session only needs its text drawn in its own colours. Text too long
for the line is cut, with an ellipsis when its styles ask for one.
"""

from __future__ import annotations

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

    @property
    def text(self) -> str:
        return self._text

    def update(self, text: str) -> None:
        text = strip_control_codes(text)
        if text != self._text:
            self._text = text
            self.refresh()

    def render(self) -> Text:
        return Text(self._text)

    def render_line(self, y: int) -> Strip:
        if y or not self._text:
            return Strip([])
        text = self._text
        if self.styles.text_overflow == "ellipsis":
            text = fit(text, self.size.width)
        return Strip([Segment(text, self.base_style)])
