"""A machine of the fleet census: one a lead owns, or one seen with no
known owner; a new one, or one to edit (the form opens filled in). Nothing
is saved until every value can be right; the first that cannot is said
under the form, its field focused."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from store.dates import DateInputError, parse_when
from store.errors import Invalid, StoreError
from store.fleet import brand_name, model_tonnes, parse_tonnes, parse_whole, tonnes_text
from store.model import Lead, Machine, MachineStatus, Source
from store.text import clean
from tui.i18n import error_text, label, t
from tui.screens.dialog import Dialog

TEXTS = ("brand", "model", "tonnes", "year", "hours", "hours_read", "province", "city",
         "condition", "owner_says", "serial")
NUMBERS = ("year", "hours")


def machine_error(exc: StoreError) -> str:
    """A refused machine in the rep's words: which value, and why."""
    if isinstance(exc, Invalid):
        return t(f"machine.error.{exc.rule}", field=t(f"machine.field.{exc.field}"),
                 value=exc.params.get("value", ""))
    return error_text(exc)


class MachineForm(Dialog):
    """Dismisses with the new or edited :class:`Machine`, or None."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="machine_form.cancel"),
        Binding("ctrl+s", "save", "Save", id="machine_form.save"),
    ]
    # The store's fields to the widgets that hold them.
    FIELDS = {name: f"machine-{name}" for name in TEXTS}
    RESULT_TABLE = "machines"

    def __init__(self, owner: Lead | None, today: date, machine: Machine | None = None) -> None:
        super().__init__()
        self.owner = owner
        self.today = today
        self.machine = machine  # the one edited; None for a new one

    def _title(self) -> str:
        owner, machine = self.owner, self.machine
        if machine is not None:
            what = f"{machine.brand} {machine.model}"
            return (t("machine.title.edit_owned", machine=what, name=owner.name) if owner
                    else t("machine.title.edit_seen", machine=what))
        return t("machine.title.owned", name=owner.name) if owner else t("machine.title.seen")

    def compose(self) -> ComposeResult:
        machine = self.machine
        title = self._title()
        with VerticalScroll(id="machine-form", classes="dialog"):
            yield Static(title, classes="dialog-title")
            with Grid(classes="dialog-grid"):
                for name in TEXTS[:6]:
                    yield from self._text(name)
                yield Label(t("machine.field.status"), classes="form-label")
                status = machine.status if machine else MachineStatus.WORKING
                yield Select([(label("machine_status", s), s.value) for s in MachineStatus],
                             value=status.value, allow_blank=False, id="machine-status")
                for name in TEXTS[6:]:
                    yield from self._text(name)
            yield Label(t("machine.field.sources"), classes="form-label")
            heard = machine.sources if machine else ()
            yield SelectionList[str](*[(label("source", s), s.value, s in heard) for s in Source],
                                     id="machine-sources")
            yield Static("", id="machine-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("form.save"), variant="primary", id="save")
                yield Button(t("form.cancel"), id="cancel")

    def _text(self, name: str) -> ComposeResult:
        yield Label(t(f"machine.field.{name}"), classes="form-label")
        yield Input(self._initial(name), placeholder=self._placeholder(name), id=f"machine-{name}")

    def _initial(self, name: str) -> str:
        machine = self.machine
        if machine is None:
            return self.today.isoformat() if name == "hours_read" else ""
        value = getattr(machine, name)
        if value is None:
            return ""
        if name == "tonnes":
            return tonnes_text(value)
        return value.isoformat() if isinstance(value, date) else str(value)

    def _placeholder(self, name: str) -> str:
        if name in ("province", "city") and self.owner is not None:
            region = getattr(self.owner, name)
            if region:
                return t("machine.placeholder.owners", region=region)
        return t(f"machine.placeholder.{name}")

    def on_mount(self) -> None:
        self.query_one("#machine-brand", Input).focus()

    @on(Input.Changed, "#machine-model")
    def _say_size(self, event: Input.Changed) -> None:
        """The size class the model names, as the tonnes field's hint: left
        empty, that is the one kept."""
        tonnes = model_tonnes(event.value)
        hint = (t("machine.placeholder.tonnes_from", tonnes=tonnes_text(tonnes))
                if tonnes is not None else t("machine.placeholder.tonnes"))
        self.query_one("#machine-tonnes", Input).placeholder = hint

    def _value(self, name: str) -> str:
        return clean(self.query_one(f"#machine-{name}", Input).value).strip()

    def fields(self) -> dict[str, Any]:
        """The typed values as the store takes them; :class:`Invalid` for
        one that is not a number or a day."""
        fields: dict[str, Any] = {name: parse_whole(self._value(name), name) for name in NUMBERS}
        fields["tonnes"] = parse_tonnes(self._value("tonnes"))
        if fields["tonnes"] == model_tonnes(self._value("model")):
            fields["tonnes"] = None  # the model's own: it follows a corrected model
        read = self._value("hours_read")
        if fields["hours"] is None:
            fields["hours_read"] = None  # a day of no reading says nothing
        elif read:
            fields["hours_read"] = self._day(read, "hours_read")
        else:
            fields["hours_read"] = self._unread_day(fields["hours"])
        for name in ("province", "city", "condition", "owner_says", "serial"):
            fields[name] = self._value(name)
        fields["status"] = MachineStatus(self.query_one("#machine-status", Select).value)
        chosen = set(self.query_one("#machine-sources", SelectionList).selected)
        fields["sources"] = tuple(s for s in Source if s.value in chosen)
        return fields

    def _unread_day(self, hours: int) -> date | None:
        """A reading with no day: today's, unless it is the edited machine's
        reading as it was (a day never given is not made up)."""
        machine = self.machine
        if machine is not None and machine.hours == hours:
            return machine.hours_read
        return self.today

    def _day(self, text: str, name: str) -> date:
        try:
            return parse_when(text, self.app.store.now()).date()
        except DateInputError:
            raise Invalid(name, "day", text) from None

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        self.save_with(self._saved)

    def _saved(self) -> Machine:
        store = self.app.store
        brand, model = brand_name(self._value("brand")), self._value("model")
        fields = self.fields()
        if self.machine is None:
            return store.add_machine(brand, model, owner=self.owner.id if self.owner else None,
                                     **fields)
        return store.edit_machine(self.machine.id, brand=brand, model=model, **fields)

    def refusal(self, exc: StoreError) -> str:
        return machine_error(exc)

