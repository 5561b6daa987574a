"""Scheduling a contact: when, how, why, where, and what to prepare.

Reusable: built with a lead and a proposed time, it saves the contact and
dismisses with it (or with None on escape). A lead with an open plan gets
that plan moved, unless the rep chooses a new contact beside it.
"""

from __future__ import annotations

from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.css.query import NoMatches
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from store.contacts import DEFAULT_PREP, reschedule
from store.model import ChecklistItem, Contact, ContactStatus, Lead, Method, Purpose
from store.text import clean
from tui.i18n import label, t
from tui.screens.dialog import Dialog
from tui.when_text import input_text, resolve, say_plan_time
from widgets.tick_box import TickList


ANOTHER = "new"  # the choice of a new contact beside the lead's open plans


def default_checklist(method: Method) -> list[str]:
    return [t(f"prep.{code}") for code in DEFAULT_PREP[method]]


def enum_select(kind: str, enum: type, value: object, widget_id: str) -> Select:
    return Select([(label(kind, v), v.value) for v in enum], value=getattr(value, "value", value),
                  allow_blank=False, id=widget_id)


class ContactForm(Dialog):
    """Dismisses with the new (or moved) :class:`Contact`, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="contact_form.cancel"),
        Binding("ctrl+s", "save", "Save", id="contact_form.save"),
    ]
    FIELDS = {"at": "when"}

    def __init__(self, lead: Lead, proposed: datetime, method: Method = Method.PHONE,
                 purpose: Purpose = Purpose.SELL) -> None:
        super().__init__()
        self.lead = lead
        self.proposed = proposed
        self.method = method
        self.purpose = purpose
        self._checklist_for: Method | None = None  # the method the items shown came with

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="contact-form", classes="dialog"):
            yield Static(t("schedule.title", name=self.lead.name), classes="dialog-title")
            plans = self._already_planned()
            already = Static(plans, id="already-planned")
            already.display = bool(plans)
            yield already
            with Grid(classes="dialog-grid"):
                if plans:
                    yield Label(t("schedule.field.which"), classes="form-label")
                    yield Select(self._which_choices(), value=self.open_plans[0].id,
                                 allow_blank=False, id="which")
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
            yield TickList[str](id="checklist")
            yield Input(placeholder=t("plan.placeholder.add_item"), id="add-item")
            yield Static("", id="schedule-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("form.save"), variant="primary", id="save")
                yield Button(t("form.cancel"), id="cancel")

    @property
    def open_plans(self) -> list[Contact]:
        return [c for c in self.app.store.contacts_of(self.lead.id)
                if c.status is ContactStatus.PLANNED]

    def _plan_words(self, contact: Contact) -> str:
        overdue = contact.at < self.app.store.now()
        return t("schedule.already.overdue" if overdue else "schedule.already.item",
                 when=contact.at.strftime("%m-%d %H:%M"), method=label("method", contact.method))

    def _already_planned(self) -> str:
        """The lead's open plans: saving moves one of them (a second plan
        only when the rep chooses one)."""
        plans = [self._plan_words(c) for c in self.open_plans]
        return t("schedule.already", plans=t("schedule.already.sep").join(plans)) if plans else ""

    def _which_choices(self) -> list[tuple[str, object]]:
        moves = [(t("schedule.move", plan=self._plan_words(c)), c.id) for c in self.open_plans]
        return [*moves, (t("schedule.another"), ANOTHER)]

    def _moving(self) -> Contact | None:
        """The open plan the form moves, or None for a new one."""
        try:
            value = self.query_one("#which", Select).value
        except NoMatches:  # the lead had no open plan
            return None
        return None if value == ANOTHER else self.app.store.contacts[int(value)]

    @on(Select.Changed, "#which")
    def _fill_from_plan(self) -> None:
        """Show the chosen plan's method, purpose, place and preparation, or
        the defaults again for a new one."""
        plan = self._moving()
        method = plan.method if plan else self.method
        self.query_one("#method", Select).value = method.value
        self.query_one("#purpose", Select).value = (plan.purpose if plan else self.purpose).value
        self.query_one("#place", Input).value = plan.place if plan else ""
        duration = plan.duration_min if plan else None
        self.query_one("#duration", Input).value = "" if duration is None else str(duration)
        self._fill_checklist(method, plan.checklist if plan else None)

    def on_mount(self) -> None:
        self._fill_from_plan()
        self._say_when()
        self.query_one("#when", Input).focus()

    def _fill_checklist(self, method: Method,
                        items: tuple[ChecklistItem, ...] | None = None) -> None:
        """The method's usual items, or a plan's own (ticks and all)."""
        checklist = self.query_one("#checklist", SelectionList)
        checklist.clear_options()
        if items is None:
            items = tuple(ChecklistItem(text) for text in default_checklist(method))
        checklist.add_options([(i.text, i.text, i.done) for i in items])
        self._checklist_for = method

    @on(Select.Changed, "#method")
    def _method_changed(self, event: Select.Changed) -> None:
        # Only a method the rep picks brings its items: the message of one
        # set from a plan comes after that plan's own items are shown.
        if Method(event.value) is not self._checklist_for:
            self._fill_checklist(Method(event.value))

    @on(Input.Changed, "#when")
    def _say_when(self) -> None:
        say_plan_time(self.query_one("#when-said", Static), self.query_one("#when", Input).value,
                      self.app.store.now())

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
        fields = dict(
            method=Method(self.query_one("#method", Select).value),
            purpose=Purpose(self.query_one("#purpose", Select).value),
            place=clean(self.query_one("#place", Input).value).strip(),
            duration_min=duration, checklist=self.checklist(),
        )
        plan = self._moving()
        if plan is not None:
            self.save_with(lambda: reschedule(store, plan.id, when, **fields))
        else:
            self.save_with(lambda: store.schedule_contact(self.lead.id, when, **fields))
