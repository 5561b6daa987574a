"""The search bar: a line to type in, a line that says what was found, and the
best matches. It knows nothing of leads beyond an id and a line of text: it
says what the user typed or chose, and shows what it is handed."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input

from widgets.match_list import MatchLine, MatchList
from widgets.status_line import StatusLine
from widgets.unscrolled import virtual_size_without_layout


class SearchInput(Input):
    """The line typed in. Textual's input sets its virtual size to its text's
    length on every key, and the widget base class lays out the whole screen
    when a virtual size changes; this line is as wide as the bar whatever its
    text, so a repaint is all a key needs (the input scrolls by its virtual
    size, which it reads as it scrolls)."""

    virtual_size = virtual_size_without_layout(repaint=True)


class SearchBar(Vertical):
    """Posts :class:`Changed` on every key, :class:`Chosen` on enter,
    :class:`Closed` on escape (the text is cleared first)."""

    virtual_size = virtual_size_without_layout()

    BINDINGS = [
        Binding("escape", "close", "Clear and close", id="search.close"),
        Binding("down", "result(1)", "Next match", id="search.next", show=False),
        Binding("up", "result(-1)", "Previous match", id="search.previous", show=False),
    ]

    DEFAULT_CSS = """
    SearchBar { height: 12; border: round $accent; background: $surface; }
    SearchBar > Input.-textual-compact { border: none; height: 1; padding: 0 1; }
    SearchBar > #search-message { height: 1; padding: 0 1; color: $text-muted; }
    SearchBar > #search-message.-error { color: $text-error; text-style: bold; }
    """

    class Changed(Message):
        def __init__(self, bar: SearchBar, text: str) -> None:
            super().__init__()
            self.bar = bar
            self.text = text

        @property
        def control(self) -> SearchBar:
            return self.bar

    class Chosen(Message):
        """Enter on a match: ``lead_id`` is None when there was none."""

        def __init__(self, bar: SearchBar, lead_id: int | None) -> None:
            super().__init__()
            self.bar = bar
            self.lead_id = lead_id

        @property
        def control(self) -> SearchBar:
            return self.bar

    class Closed(Message):
        def __init__(self, bar: SearchBar) -> None:
            super().__init__()
            self.bar = bar

        @property
        def control(self) -> SearchBar:
            return self.bar

    def __init__(self, placeholder: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self._placeholder = placeholder

    def compose(self) -> ComposeResult:
        yield SearchInput(placeholder=self._placeholder, id="search-input", compact=True)
        yield StatusLine("", id="search-message")
        yield MatchList(id="search-results")

    @property
    def input(self) -> Input:
        return self.query_one(Input)

    @property
    def results(self) -> MatchList:
        return self.query_one(MatchList)

    @property
    def text(self) -> str:
        return self.input.value

    # ------------------------------------------------------------ data in
    def open(self, text: str | None = None) -> None:
        # Shown by its display alone: a class would have Textual match every
        # rule again for the bar and all in it.
        self.display = True
        if text is not None:
            self.input.value = text  # posts Input.Changed, hence our Changed
        # At once, not after the events already queued: what is typed right
        # after "/" (fast, pasted, or typed ahead while a file loads) is
        # meant for the bar.
        self.screen.set_focus(self.input)
        self.input.cursor_position = len(self.input.value)

    def show_matches(self, matches: list[tuple[int, MatchLine]], message: str) -> None:
        """The best matches (lead id, line) and a line that sums them up."""
        self.results.set_matches(matches)
        self.show_message(message)

    def show_message(self, message: str, error: bool = False) -> None:
        note = self.query_one("#search-message", StatusLine)
        note.update(message)
        note.set_class(error, "-error")

    @property
    def chosen_id(self) -> int | None:
        return self.results.highlighted_id

    # ------------------------------------------------------------ events
    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.typed(event.value)

    def typed(self, text: str) -> None:
        """The text in the line changed: posts :class:`Changed`. A subclass
        that does the work itself may act here, a message's turn sooner."""
        self.post_message(self.Changed(self, text))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Chosen(self, self.chosen_id))

    @on(MatchList.Clicked, "#search-results")
    def _clicked(self, event: MatchList.Clicked) -> None:
        event.stop()
        self.post_message(self.Chosen(self, event.match_id))

    def action_result(self, step: int) -> None:
        self.results.move(step)

    def reset(self) -> None:
        """Empty and hidden, without saying so (the owner already knows)."""
        with self.input.prevent(Input.Changed):
            self.input.value = ""
        self.results.set_matches([])
        self.show_message("")
        self.display = False

    def action_close(self) -> None:
        self.input.value = ""
        self.display = False
        self.post_message(self.Closed(self))
