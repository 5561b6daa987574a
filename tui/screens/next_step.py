"""The next step a contact leads to: when, how and why to follow up.

Logging a contact and cancelling one both ask for it, and both save through
``store.contacts.log_contact``: an active lead is never left without a next
contact unless it is won, lost or dormant.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Vertical
from textual.widgets import Button, Input, Label, Static

from store.contacts import FollowUp, LogEntry, log_contact
from store.lost import LostAnswer
from store.model import ChecklistItem, Lead, Method, Purpose, Status
from tui.i18n import t
from tui.screens.contact_form import default_checklist, enum_select
from tui.screens.dialog import Dialog, FieldError
from tui.screens.lost_form import LostForm
from tui.when_text import input_text, resolve, say_plan_time


class NextStep(Vertical):
    """The follow-up's fields, proposed at ``proposed``; read by :meth:`follow_up`."""

    def __init__(self, proposed: datetime) -> None:
        super().__init__(id="next-step")
        self.proposed = input_text(proposed)

    def compose(self) -> ComposeResult:
        yield Static(t("log.section.follow_up"), classes="dialog-section")
        with Grid(classes="dialog-grid"):
            yield Label(t("plan.field.when"), classes="form-label")
            yield Input(self.proposed, placeholder=t("log.placeholder.follow_up"), id="follow-at")
            yield Label(t("plan.field.method"), classes="form-label")
            yield enum_select("method", Method, Method.PHONE, "follow-method")
            yield Label(t("plan.field.purpose"), classes="form-label")
            yield enum_select("purpose", Purpose, Purpose.SELL, "follow-purpose")
        yield Static("", id="follow-said", classes="when-said")

    def on_mount(self) -> None:
        self._say_follow()

    @property
    def when_text(self) -> str:
        return self.query_one("#follow-at", Input).value.strip()

    @on(Input.Changed, "#follow-at")
    def _say_follow(self) -> None:
        text = self.when_text
        line = self.query_one("#follow-said", Static)
        if text:
            say_plan_time(line, text, self.app.store.now())
        else:
            line.update(t("log.no_follow_up"))
            line.remove_class("-past")

    def repropose(self, at: datetime) -> None:
        """Follow a new proposal while the rep has not typed a date of their own."""
        field = self.query_one("#follow-at", Input)
        if field.value == self.proposed:
            self.proposed = input_text(at)
            field.value = self.proposed

    def follow_up(self, now: datetime) -> FollowUp | None:
        """The follow-up the fields say, None when the date is left empty;
        raises :class:`FieldError` for a date it cannot read."""
        if not self.when_text:
            return None
        at, said = resolve(self.when_text, now)
        if at is None:
            raise FieldError(said, "follow-at")
        method = Method(str(self.query_one("#follow-method").value))
        checklist = tuple(ChecklistItem(text) for text in default_checklist(method))
        purpose = Purpose(str(self.query_one("#follow-purpose").value))
        return FollowUp(at, method, purpose, checklist=checklist)


class ContactLogDialog(Dialog):
    """A dialog whose save logs what became of a contact, with its next step."""

    def entry(self) -> LogEntry:
        """What the fields say; raises :class:`FieldError` for one they cannot."""
        raise NotImplementedError

    lead: Lead

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        try:
            entry = self.entry()
        except FieldError as exc:
            self.refuse(str(exc), exc.field)
            return
        if entry.lead_fields.get("status") is not Status.LOST or self.lead.status is Status.LOST:
            self.save_with(lambda: log_contact(self.app.store, entry))
            return

        def answered(answer: LostAnswer | None) -> None:
            """Lost: why and to whom, saved with the log as one change (esc: back here)."""
            if answer is not None:
                lost = dataclasses.replace(entry, lost=answer)
                self.save_with(lambda: log_contact(self.app.store, lost))

        self.app.push_screen(LostForm(self.lead.name, self.lead.competitor), answered)
