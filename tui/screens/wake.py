"""When a lead made dormant comes back into the triage queue: loosening
the tracking of a lead is not dropping it, so every dormant lead gets a day."""

from __future__ import annotations

from datetime import datetime, timedelta

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.i18n import t
from tui.when_text import resolve

class WakeDate(ModalScreen[datetime | None]):
    """Dismisses with the wake date, or None when the rep thinks better of
    making the lead dormant."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="wake.cancel")]

    def __init__(self, name: str, now: datetime, days: int) -> None:
        super().__init__()
        self.lead_name = name
        self.now = now
        # A day, not a time: the lead is due in the queue from that morning.
        self.proposed = (now + timedelta(days=days)).strftime("%Y-%m-%d")

    def compose(self) -> ComposeResult:
        with Vertical(id="wake-date", classes="dialog"):
            yield Static(t("wake.title", name=self.lead_name), classes="dialog-title", markup=False)
            yield Input(self.proposed, placeholder=t("when.placeholder"), id="wake")
            yield Static("", id="wake-said", classes="when-said")
            yield Static(t("wake.hint"), classes="dialog-hint")

    def on_mount(self) -> None:
        self._say()

    def _read(self) -> tuple[datetime | None, str]:
        """The wake date typed (None if it will not do) and the line that says it."""
        moment, said = resolve(self.query_one("#wake", Input).value, self.now)
        if moment is not None and moment <= self.now:
            return None, t("wake.error.past")
        return moment, said

    @on(Input.Changed, "#wake")
    def _say(self) -> None:
        self.query_one("#wake-said", Static).update(self._read()[1])

    @on(Input.Submitted, "#wake")
    def _chosen(self) -> None:
        moment, _said = self._read()
        if moment is not None:
            self.dismiss(moment)

    def action_cancel(self) -> None:
        self.dismiss(None)
