"""Moving a planned contact to another time."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from store.contacts import reschedule
from store.errors import StoreError
from store.model import Contact
from tui.i18n import localize_bindings, t
from tui.when_text import input_text, plan_error, resolve


class RescheduleForm(ModalScreen[Contact | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="reschedule.cancel"),
        Binding("ctrl+s", "save", "Save", id="reschedule.save"),
    ]

    def __init__(self, contact: Contact) -> None:
        super().__init__()
        localize_bindings(self)
        self.contact = contact

    def compose(self) -> ComposeResult:
        with Vertical(id="reschedule-form", classes="dialog"):
            yield Static(t("reschedule.title"), classes="dialog-title")
            yield Input(input_text(self.contact.at), placeholder=t("when.placeholder"), id="when")
            yield Static("", id="when-said", classes="when-said")
            yield Static("", id="reschedule-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("form.save"), variant="primary", id="save")
                yield Button(t("form.cancel"), id="cancel")

    def on_mount(self) -> None:
        self._say_when()
        self.query_one("#when", Input).focus()

    @on(Input.Changed, "#when")
    def _say_when(self) -> None:
        _when, said = resolve(self.query_one("#when", Input).value, self.app.store.now())
        self.query_one("#when-said", Static).update(said)

    @on(Input.Submitted, "#when")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        error = self.query_one("#reschedule-error", Static)
        when, said = resolve(self.query_one("#when", Input).value, self.app.store.now())
        if when is None:
            error.update(said)
            return
        try:
            contact = reschedule(self.app.store, self.contact.id, when)
        except StoreError as exc:
            error.update(plan_error(exc))
            return
        self.dismiss(contact)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
