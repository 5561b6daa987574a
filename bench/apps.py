"""The apps a benchmark drives: ours, and the minimal Textual app it is compared with."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Static


class MinimalApp(App[None]):
    """One Static whose text a key changes: the cheapest thing Textual can paint."""

    BINDINGS = [Binding("down", "bump", "Bump", id="minimal.bump")]

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def compose(self) -> ComposeResult:
        yield Static("0", id="text")

    def action_bump(self) -> None:
        self.count += 1
        self.query_one("#text", Static).update(str(self.count))


SIZE = (120, 40)
