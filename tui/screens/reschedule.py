"""Moving a planned contact to another time."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from store.contacts import reschedule
from store.model import Contact
from tui.i18n import label, t
from tui.screens.dialog import Dialog
from tui.when_text import input_text, resolve, say_plan_time


class RescheduleForm(Dialog):
    """Dismisses with the moved :class:`Contact`, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="reschedule.cancel"),
        Binding("ctrl+s", "save", "Save", id="reschedule.save"),
    ]

    def __init__(self, contact: Contact) -> None:
        super().__init__()
        self.contact = contact

    def compose(self) -> ComposeResult:
        with Vertical(id="reschedule-form", classes="dialog"):
            yield Static(self._title(), classes="dialog-title")
            yield Input(input_text(self.contact.at), placeholder=t("when.placeholder"), id="when")
            yield Static("", id="when-said", classes="when-said")
            yield Static("", id="reschedule-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("form.save"), variant="primary", id="save")
                yield Button(t("form.cancel"), id="cancel")

    def _title(self) -> str:
        contact = self.contact
        return t("reschedule.title", name=self.app.store.lead(contact.lead_id).name,
                 when=contact.at.strftime("%m-%d %H:%M"), method=label("method", contact.method))

    def on_mount(self) -> None:
        self._say_when()
        self.query_one("#when", Input).focus()

    @on(Input.Changed, "#when")
    def _say_when(self) -> None:
        say_plan_time(self.query_one("#when-said", Static), self.query_one("#when", Input).value,
                      self.app.store.now())

    @on(Input.Submitted, "#when")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        when, said = resolve(self.query_one("#when", Input).value, self.app.store.now())
        if when is None:
            self.query_one("#reschedule-error", Static).update(said)
            return
        self.save_with(lambda: reschedule(self.app.store, self.contact.id, when))
