"""Cancelling a planned contact: a confirmation that asks for the next step.

Saved as a log of the contact with the status "cancelled" (``log_contact``),
so the rule and the undo are the logging's: an active lead keeps a next
contact unless it is marked won, lost or dormant, and ``u`` takes the cancel
and the new plan back together.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from store.contacts import Analysis, LogEntry, propose_follow_up
from store.model import Contact, ContactStatus, Lead, Status
from store.text import clean
from tui.i18n import label, t
from tui.screens.contact_form import enum_select
from tui.screens.next_step import ContactLogDialog, NextStep


class CancelForm(ContactLogDialog):
    """Dismisses with the cancelled :class:`Contact`, or None (kept)."""

    BINDINGS = [
        Binding("escape", "cancel", "Keep it", id="cancel_form.keep"),
        Binding("ctrl+s", "save", "Cancel the contact", id="cancel_form.save"),
    ]
    FIELDS = {"at": "follow-at", "next_step_missing": "follow-at"}

    def __init__(self, lead: Lead, contact: Contact) -> None:
        super().__init__()
        self.lead = lead
        self.contact = contact

    def compose(self) -> ComposeResult:
        contact, store = self.contact, self.app.store
        with VerticalScroll(id="cancel-form", classes="dialog"):
            yield Static(t("cancel.title", name=self.lead.name,
                           when=contact.at.strftime("%m-%d %H:%M"),
                           method=label("method", contact.method)), classes="dialog-title")
            with Grid(classes="dialog-grid"):
                yield Label(t("cancel.field.reason"), classes="form-label")
                yield Input(placeholder=t("cancel.placeholder.reason"), id="reason")
                yield Label(t("cancel.field.lead_status"), classes="form-label")
                yield enum_select("status", Status, self.lead.status, "lead-status")
            yield NextStep(propose_follow_up(store, self.lead.id, store.now()))
            yield Static(t("cancel.hint"), classes="dialog-hint")
            yield Static("", id="cancel-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("cancel.save"), variant="error", id="save")
                yield Button(t("cancel.keep"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#reason", Input).focus()

    def entry(self) -> LogEntry:
        status = Status(str(self.query_one("#lead-status", Select).value))
        reason = clean(self.query_one("#reason", Input).value).strip()
        return LogEntry(
            self.lead.id, Analysis(ContactStatus.CANCELLED, outcome=reason),
            contact_id=self.contact.id,
            lead_fields={} if status is self.lead.status else {"status": status},
            follow_up=self.query_one(NextStep).follow_up(self.app.store.now()),
        )
