"""Asks for the name of a saved view."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.i18n import t


class ViewNameScreen(ModalScreen[str | None]):
    """Enter saves under the name typed; escape gives up."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="view_name.cancel")]

    def __init__(self) -> None:
        super().__init__()

    def compose(self) -> ComposeResult:
        with Vertical(id="view-name"):
            yield Static(t("search.view.title"), id="view-name-title")
            yield Input(placeholder=t("search.view.placeholder"), id="view-name-input")

    @on(Input.Submitted)
    def _named(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
