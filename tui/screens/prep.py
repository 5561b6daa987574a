"""Ticking off a contact's preparation, one item at a time."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, SelectionList, Static

from store.model import ChecklistItem, Contact
from tui.i18n import label, t
from tui.screens.dialog import Dialog
from widgets.tick_box import TickList


class PrepForm(Dialog):
    """Space ticks an item; Esc saves the ticks (one undoable change)."""

    BINDINGS = [Binding("escape,ctrl+s", "close", "Done", id="prep.close")]

    def __init__(self, contact: Contact) -> None:
        super().__init__()
        self.contact = contact

    def compose(self) -> ComposeResult:
        contact = self.contact
        with Vertical(id="prep-form", classes="dialog"):
            yield Static(t("prep.title", method=label("method", contact.method)),
                         classes="dialog-title")
            yield TickList[int](
                *((item.text, index, item.done) for index, item in enumerate(contact.checklist)),
                id="prep-items")
            yield Input(placeholder=t("plan.placeholder.add_item"), id="add-item")
            yield Static(t("prep.hint"), classes="dialog-hint")
            yield Static("", id="prep-error", classes="form-error")

    def on_mount(self) -> None:
        self.query_one(SelectionList).focus()

    @on(Input.Submitted, "#add-item")
    def _add_item(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        box = self.query_one(SelectionList)
        if text:
            box.add_option((text, box.option_count))
        event.input.value = ""

    def items(self) -> tuple[ChecklistItem, ...]:
        box = self.query_one(SelectionList)
        ticked = set(box.selected)
        return tuple(ChecklistItem(str(box.get_option_at_index(i).prompt), i in ticked)
                     for i in range(box.option_count))

    def action_close(self) -> None:
        items = self.items()
        if items == self.contact.checklist:
            self.dismiss(None)
            return
        self.save_with(lambda: self.app.store.update_contact(self.contact.id, "prep",
                                                             checklist=items))
