"""Logging a contact: what happened, the three-part analysis, a regrade, and
the next step. An active lead cannot leave without a next contact."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from store.contacts import Analysis, LogEntry, Made, propose_follow_up
from store.errors import Invalid
from store.model import Contact, ContactStatus, Lead, Method, Purpose, Stage, Status
from store.text import clean
from store.validate import parse_grade
from tui.details import fmt_time
from tui.i18n import label, t
from tui.screens.contact_form import enum_select
from tui.screens.dialog import FieldError
from tui.screens.next_step import ContactLogDialog, NextStep
from tui.when_text import input_text, resolve
from widgets.tick_box import TickBox

UNPLANNED = "new"  # the choice for a contact that was not planned
ANALYSIS = ("outcome", "went_well", "went_wrong", "customer_thinking")


class LogForm(ContactLogDialog):
    """Dismisses with the logged :class:`Contact`, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="log_form.cancel"),
        Binding("ctrl+s", "save", "Save", id="log_form.save"),
    ]
    FIELDS = {"intent": "intent", "funding": "funding", "at": "follow-at",
              "next_step_missing": "follow-at"}

    def __init__(self, lead: Lead, planned: list[Contact], contact_id: int | None = None) -> None:
        super().__init__()
        self.lead = lead
        self.planned = planned
        self.contact_id = contact_id if contact_id is not None else (
            planned[0].id if planned else None)

    def _choices(self) -> list[tuple[str, object]]:
        choices: list[tuple[str, object]] = [
            (f"{fmt_time(c.at)} {label('method', c.method)} · {label('purpose', c.purpose)}", c.id)
            for c in self.planned
        ]
        return [*choices, (t("log.unplanned"), UNPLANNED)]

    def compose(self) -> ComposeResult:
        lead, now = self.lead, self.app.store.now()
        follow = propose_follow_up(self.app.store, lead.id, now)
        with VerticalScroll(id="log-form", classes="dialog"):
            yield Static(t("log.title", name=lead.name), classes="dialog-title")
            with Grid(classes="dialog-grid"):
                yield Label(t("log.field.contact"), classes="form-label")
                yield Select(self._choices(), value=self.contact_id or UNPLANNED,
                             allow_blank=False, id="which")
            with Grid(id="made", classes="dialog-grid"):
                yield Label(t("log.field.made_at"), classes="form-label")
                yield Input(input_text(now), id="made-at")
                yield Label(t("plan.field.method"), classes="form-label")
                yield enum_select("method", Method, Method.VISIT, "made-method")
                yield Label(t("plan.field.purpose"), classes="form-label")
                yield enum_select("purpose", Purpose, Purpose.SELL, "made-purpose")
            with Grid(classes="dialog-grid"):
                yield Label(t("log.field.status"), classes="form-label")
                yield Select([(label("contact_status", s), s.value)
                              for s in (ContactStatus.DONE, ContactStatus.MISSED)],
                             value=ContactStatus.DONE.value, allow_blank=False, id="result")
                for name in ANALYSIS:
                    yield Label(t(f"field.{name}"), classes="form-label")
                    yield Input(placeholder=t(f"log.placeholder.{name}"), id=name)
                yield Label(t("log.field.goal_reached"), classes="form-label")
                yield TickBox("", id="goal")
            yield Static(t("log.section.regrade"), classes="dialog-section")
            with Grid(classes="dialog-grid"):
                yield Label(t("field.intent"), classes="form-label")
                yield Input("" if lead.intent is None else str(lead.intent), id="intent")
                yield Label(t("field.funding"), classes="form-label")
                yield Input("" if lead.funding is None else str(lead.funding), id="funding")
                yield Label(t("field.stage"), classes="form-label")
                yield enum_select("stage", Stage, lead.stage, "stage")
                yield Label(t("field.status"), classes="form-label")
                yield enum_select("status", Status, lead.status, "lead-status")
            yield NextStep(follow)
            yield Static(t("log.hint"), classes="dialog-hint")
            yield Static("", id="log-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("form.save"), variant="primary", id="save")
                yield Button(t("form.cancel"), id="cancel")

    def on_mount(self) -> None:
        self._show_made()
        self.query_one("#outcome", Input).focus()

    @on(Select.Changed, "#which")
    def _show_made(self) -> None:
        self.query_one("#made").display = self.query_one("#which", Select).value == UNPLANNED

    @on(Input.Changed, "#intent,#funding")
    def _repropose(self) -> None:
        """A regrade can move the lead to another quadrant, with another
        cadence: follow it while the rep has not typed a date of their own."""
        try:
            grades = (parse_grade(self._value("intent"), "intent"),
                      parse_grade(self._value("funding"), "funding"))
        except Invalid:
            return
        store = self.app.store
        self.query_one(NextStep).repropose(
            propose_follow_up(store, self.lead.id, store.now(), grades))

    def _value(self, widget_id: str) -> str:
        return clean(self.query_one(f"#{widget_id}", Input).value).strip()

    def _choice(self, widget_id: str) -> str:
        return str(self.query_one(f"#{widget_id}", Select).value)

    def entry(self) -> LogEntry:
        """What the form says, as a log entry; raises ValueError with a message."""
        now = self.app.store.now()
        analysis = Analysis(
            status=ContactStatus(self._choice("result")),
            goal_reached=self.query_one("#goal", Checkbox).value,
            **{name: self._value(name) for name in ANALYSIS},
        )
        which = self.query_one("#which", Select).value
        made = None
        if which == UNPLANNED:
            at, said = resolve(self._value("made-at"), now)
            if at is None:
                raise FieldError(said, "made-at")
            made = Made(at, Method(self._choice("made-method")), Purpose(self._choice("made-purpose")))
        return LogEntry(self.lead.id, analysis, contact_id=None if made else int(which), made=made,
                        lead_fields=self._lead_fields(),
                        follow_up=self.query_one(NextStep).follow_up(now))

    def _lead_fields(self) -> dict:
        try:
            intent = parse_grade(self._value("intent"), "intent")
            funding = parse_grade(self._value("funding"), "funding")
        except Invalid as exc:
            raise FieldError(t("form.error.grade"), exc.field) from None
        return {"intent": intent, "funding": funding, "stage": Stage(self._choice("stage")),
                "status": Status(self._choice("lead-status"))}
