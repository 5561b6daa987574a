"""The detail pane: a lead's fields, advice and history, as the screen gives them."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from widgets.broken_text import BrokenText
from widgets.unscrolled import virtual_size_without_layout


@dataclass(frozen=True, slots=True)
class DetailSection:
    title: str
    rows: list[tuple[str, str]] = field(default_factory=list)  # label, value
    lines: list[str] = field(default_factory=list)  # free lines under the rows


class PaneText(Static):
    """A text of the pane: as high as its lines, laid out with the pane."""

    virtual_size = virtual_size_without_layout()


class DetailPane(VerticalScroll, can_focus=False):
    """Shows what it is handed; it does not know where leads come from."""

    virtual_size = virtual_size_without_layout()  # only its layout sets it

    # The scroll bar always there: shown only once the text overflows, it
    # came a frame after the pane (placed by a second layout), its text cut
    # anew one cell narrower.
    DEFAULT_CSS = """
    DetailPane { width: 46; border-left: tall $accent; padding: 0 1; background: $surface;
                 overflow-y: scroll; }
    DetailPane > #detail-heading { text-style: bold; color: $text-accent; padding-bottom: 1; }
    DetailPane > .detail-section { padding-bottom: 1; }
    """

    def compose(self) -> ComposeResult:
        yield PaneText("", id="detail-heading")
        yield PaneText("", id="detail-body", classes="detail-section")

    shown: object = None  # the key of what is shown

    def show(self, heading: str, sections: list[DetailSection], key: object = None) -> None:
        """Show ``sections``; the same ``key`` again (not None) is the same
        thing shown anew, read where the rep had scrolled it to."""
        self.query_one("#detail-heading", Static).update(Content(heading))  # a name, not markup
        self.query_one("#detail-body", Static).update(BrokenText(self._body(sections)))
        if key is None or key != self.shown:
            self.scroll_home(animate=False)
        self.shown = key

    @staticmethod
    def _body(sections: list[DetailSection]) -> Text:
        text = Text()
        for line in section_lines(sections):
            for piece, style in line:
                text.append(piece, style=style)
            text.append("\n")
        return text


Piece = tuple[str, str]  # text, style


def section_lines(sections: list[DetailSection]) -> list[list[Piece]]:
    """The sections as lines of styled pieces: a title, aligned rows, free
    lines and a blank line after each section."""
    lines: list[list[Piece]] = []
    for section in sections:
        lines.append([(section.title, "bold underline")])
        width = max((cell_len(label) for label, _ in section.rows), default=0)
        for label, value in section.rows:
            lines.append([(label + " " * (width - cell_len(label)) + "  ", "dim"), (value, "")])
        lines += [[(line, "")] for line in section.lines]
        lines.append([])
    return lines
