"""Scheduling a contact: when, how, why, where, and what to prepare.

Reusable: built with a lead and a proposed time, it saves the contact and
dismisses with it (or with None on escape).
"""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from store.contacts import DEFAULT_PREP
from store.model import ChecklistItem, ContactStatus, Lead, Method, Purpose
from store.text import clean
from tui.i18n import label, localize_bindings, t
from tui.screens.dialog import Dialog
from tui.when_text import input_text, resolve


def default_checklist(method: Method) -> list[str]:
    return [t(f"prep.{code}") for code in DEFAULT_PREP[method]]


def enum_select(kind: str, enum: type, value: object, widget_id: str) -> Select:
    return Select([(label(kind, v), v.value) for v in enum], value=getattr(value, "value", value),
                  allow_blank=False, id=widget_id)


class ContactForm(Dialog):
    """Dismisses with the new :class:`Contact`, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="contact_form.cancel"),
        Binding("ctrl+s", "save", "Save", id="contact_form.save"),
    ]
    FIELDS = {"at": "when"}

    def __init__(self, lead: Lead, proposed: datetime, method: Method = Method.PHONE,
                 purpose: Purpose = Purpose.SELL) -> None:
        super().__init__()
        localize_bindings(self)
        self.lead = lead
        self.proposed = proposed
        self.method = method
        self.purpose = purpose

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="contact-form", classes="dialog"):
            yield Static(t("schedule.title", name=self.lead.name), classes="dialog-title")
            plans = self._already_planned()
            already = Static(plans, id="already-planned")
            already.display = bool(plans)
            yield already
            with Grid(classes="dialog-grid"):
                yield Label(t("plan.field.when"), classes="form-label")
                yield Input(input_text(self.proposed), placeholder=t("when.placeholder"),
                            id="when")
                yield Label(t("plan.field.method"), classes="form-label")
                yield enum_select("method", Method, self.method, "method")
                yield Label(t("plan.field.purpose"), classes="form-label")
                yield enum_select("purpose", Purpose, self.purpose, "purpose")
                yield Label(t("plan.field.place"), classes="form-label")
                yield Input(id="place")
                yield Label(t("plan.field.duration"), classes="form-label")
                yield Input(placeholder=t("plan.placeholder.duration"), id="duration")
            yield Static("", id="when-said", classes="when-said")
            yield Label(t("plan.field.checklist"), classes="form-label")
            yield SelectionList[str](id="checklist")
            yield Input(placeholder=t("plan.placeholder.add_item"), id="add-item")
            yield Static("", id="schedule-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("form.save"), variant="primary", id="save")
                yield Button(t("form.cancel"), id="cancel")

    def _already_planned(self) -> str:
        """The lead's open plans, so the rep can move one instead of adding
        a second (saving still adds one, if that is what they mean)."""
        store = self.app.store
        now = store.now()
        plans = [
            t("schedule.already.overdue" if c.at < now else "schedule.already.item",
              when=c.at.strftime("%m-%d %H:%M"), method=label("method", c.method))
            for c in store.contacts_of(self.lead.id) if c.status is ContactStatus.PLANNED
        ]
        return t("schedule.already", plans=t("schedule.already.sep").join(plans)) if plans else ""

    def on_mount(self) -> None:
        self._fill_checklist(self.method)
        self._say_when()
        self.query_one("#when", Input).focus()

    def _fill_checklist(self, method: Method) -> None:
        checklist = self.query_one("#checklist", SelectionList)
        checklist.clear_options()
        checklist.add_options([(text, text) for text in default_checklist(method)])

    @on(Select.Changed, "#method")
    def _method_changed(self, event: Select.Changed) -> None:
        self._fill_checklist(Method(event.value))

    @on(Input.Changed, "#when")
    def _say_when(self) -> None:
        _when, said = resolve(self.query_one("#when", Input).value, self.app.store.now())
        self.query_one("#when-said", Static).update(said)

    @on(Input.Submitted, "#add-item")
    def _add_item(self, event: Input.Submitted) -> None:
        text = clean(event.value).strip()
        if text:
            self.query_one("#checklist", SelectionList).add_option((text, text))
        event.input.value = ""

    def checklist(self) -> tuple[ChecklistItem, ...]:
        box = self.query_one("#checklist", SelectionList)
        ticked = set(box.selected)
        texts = [box.get_option_at_index(i).prompt for i in range(box.option_count)]
        return tuple(ChecklistItem(str(text), str(text) in ticked) for text in texts)

    def _duration(self) -> int | None:
        raw = self.query_one("#duration", Input).value.strip()
        if not raw:
            return None
        if not raw.isdigit() or int(raw) < 1:
            raise ValueError(raw)
        return int(raw)

    @on(Input.Submitted, "#when,#place,#duration")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        store = self.app.store
        when, said = resolve(self.query_one("#when", Input).value, store.now())
        if when is None:
            self.refuse(said, "when")
            return
        try:
            duration = self._duration()
        except ValueError:
            self.refuse(t("plan.error.duration"), "duration")
            return
        self.save_with(lambda: store.schedule_contact(
            self.lead.id, when, method=Method(self.query_one("#method", Select).value),
            purpose=Purpose(self.query_one("#purpose", Select).value),
            place=clean(self.query_one("#place", Input).value).strip(),
            duration_min=duration, checklist=self.checklist(),
        ))
