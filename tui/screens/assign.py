"""Asks the manager whose the selected lead is to be: a rep's name, or "-"
for the team's pool."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.i18n import t


class AssignScreen(ModalScreen[str | None]):
    """Enter hands the lead to the rep typed; escape gives up."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="assign.cancel")]

    def __init__(self, lead_name: str, owner: str) -> None:
        super().__init__()
        self._lead_name = lead_name
        self._owner = owner

    def compose(self) -> ComposeResult:
        owner = self._owner or t("assign.pool")
        with Vertical(id="assign"):
            yield Static(t("assign.title", name=self._lead_name, owner=owner), id="assign-title")
            yield Input(placeholder=t("assign.placeholder"), id="assign-input")

    @on(Input.Submitted)
    def _typed(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
