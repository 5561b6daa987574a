"""The lead form, for a new lead or an edit. Nothing is saved until it is valid."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from store.errors import Invalid
from store.lost import LostAnswer
from store.model import Credit, CustomerType, Lead, Source, Stage, Status
from store.text import clean, visible
from store.validate import check_name, normalize_phones, parse_grade
from tui.i18n import describe, label, t
from tui.live import OthersChanged
from tui.screens.form import Form
from tui.screens.lost_form import LostForm
from widgets.key_bar import KeyBar
from widgets.tick_box import TickBox

TEXT_FIELDS = ("name", "company", "phones", "province", "city", "intent", "funding",
               "project", "models", "brands", "competitor", "tags", "notes")
CHOICE_FIELDS = {
    "customer_type": CustomerType,
    "source": Source,
    "credit": Credit,
    "stage": Stage,
    "status": Status,
}
LIST_FIELDS = ("models", "brands", "tags")
NEW_LEAD_CHOICES = {
    "customer_type": CustomerType.INDIVIDUAL,
    "source": Source.WALK_IN,
    "credit": Credit.UNKNOWN,
    "stage": Stage.FIND,
    "status": Status.ACTIVE,
}


def _split(text: str) -> tuple[str, ...]:
    parts = text.replace("，", ",").replace("、", ",").split(",")
    return tuple(part.strip() for part in parts if part.strip())


# How the form reads a typed text field (the rest are kept as typed).
READERS = {
    "name": check_name,
    "phones": normalize_phones,
    "intent": lambda v: parse_grade(v, "intent"),
    "funding": lambda v: parse_grade(v, "funding"),
}


def read_field(name: str, typed: str) -> Any:
    """One text field's value as the form reads it; :class:`Invalid` when it
    does not fit (also used by ``leadboard lead set``)."""
    raw = clean(str(typed)).strip()
    if name in READERS:
        return READERS[name](raw)
    if name in LIST_FIELDS:
        return _split(raw)
    return raw


def read_form(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """Typed fields from what was typed, and an error key per bad field."""
    fields: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for name in TEXT_FIELDS:
        try:
            fields[name] = read_field(name, values.get(name, ""))
        except Invalid as exc:
            errors[name] = f"form.error.{exc.rule}"
    for name, enum in CHOICE_FIELDS.items():
        fields[name] = enum(values[name])
    fields["has_project"] = bool(values.get("has_project"))
    return fields, errors


def _initial(lead: Lead | None, name: str) -> str:
    if lead is None:
        return ""
    value = getattr(lead, name)
    if value is None:
        return ""
    if isinstance(value, tuple):
        return visible(", ".join(value))
    return visible(str(value))  # an escape stored before they were refused: shown, not obeyed


class LeadForm(Form[tuple[int | None, dict, LostAnswer | None] | None]):
    """Returns ``(lead id or None, fields, lost answer)`` when saved, ``None``
    on escape. A lead set to lost asks why and to whom before it is saved."""

    AUTO_FOCUS = "#field-name"  # "n", then the name: no tab to reach it first
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form.save"),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]

    FOLLOWS = frozenset({"leads"})  # the lead being edited

    def __init__(self, lead: Lead | None, threshold: int) -> None:
        super().__init__()
        self.lead = lead
        self.threshold = threshold
        self.changed_under = False  # another rep changed the lead since it was opened

    def compose(self) -> ComposeResult:
        lead = self.lead
        title = t("form.title.new") if lead is None else t("form.title.edit", name=lead.name)
        with VerticalScroll(id="form"):
            yield Static(title, id="form-title")
            # How to save, under the title: the buttons are below the fold.
            yield Static(t("form.hint", threshold=self.threshold), id="form-hint")
            with Grid(id="form-grid"):
                for name in TEXT_FIELDS[:7]:
                    yield from self._text_field(name)
                for name, enum in CHOICE_FIELDS.items():
                    yield Label(t(f"field.{name}"), classes="form-label")
                    current = getattr(lead, name) if lead else NEW_LEAD_CHOICES[name]
                    yield Select([(label(name, v), v.value) for v in enum], value=current.value,
                                 allow_blank=False, id=f"field-{name}")
                    yield Static("", classes="form-error")
                yield Label(t("field.has_project"), classes="form-label")
                yield TickBox("", value=bool(lead and lead.has_project), id="field-has_project")
                yield Static("", classes="form-error")
                for name in TEXT_FIELDS[7:]:
                    yield from self._text_field(name)
            with Horizontal(id="form-buttons"):
                yield Button(t("form.save"), variant="primary", id="save")
                yield Button(t("form.cancel"), id="cancel")
        # The form's own keys, over the board's bar behind it.
        yield KeyBar(describe=describe)

    def _text_field(self, name: str) -> ComposeResult:
        yield Label(t(f"field.{name}"), classes="form-label")
        placeholder = t(f"form.placeholder.{name}")
        yield Input(_initial(self.lead, name), placeholder=placeholder, id=f"field-{name}")
        yield Static("", id=f"error-{name}", classes="form-error")

    def others_changed(self, change: OthersChanged) -> None:
        """Another rep changed (or took away) the lead being edited: said
        above the fields, and what the rep typed stays as it is."""
        lead = self.lead
        if lead is None or lead.id not in change.leads:
            return
        now = self.app.store.leads.get(lead.id)
        if now == lead:
            return  # only its contacts changed
        rep = change.by.get(lead.id) or t("session.others.someone")
        self.changed_under = True
        text = t("live.form.changed" if now is not None else "live.form.gone", rep=rep)
        if notes := self.query("#form-others"):
            notes.first(Static).update(text)
        else:
            self.mount(Static(text, id="form-others"), after="#form-hint")

    def _untouched_left_out(self, fields: dict[str, Any]) -> dict[str, Any]:
        """The fields the rep changed: the others keep what another rep
        saved since the form was opened."""
        assert self.lead is not None
        values = {name: _initial(self.lead, name) for name in TEXT_FIELDS}
        values |= {name: getattr(self.lead, name).value for name in CHOICE_FIELDS}
        values["has_project"] = self.lead.has_project
        as_opened, _errors = read_form(values)
        return {name: value for name, value in fields.items()
                if name not in as_opened or as_opened[name] != value}

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {n: self.query_one(f"#field-{n}", Input).value for n in TEXT_FIELDS}
        for name in CHOICE_FIELDS:
            values[name] = self.query_one(f"#field-{name}", Select).value
        values["has_project"] = self.query_one("#field-has_project", Checkbox).value
        return values

    def show_errors(self, errors: dict[str, str]) -> None:
        for name in TEXT_FIELDS:
            box = self.query_one(f"#error-{name}", Static)
            box.update(t(errors[name]) if name in errors else "")
            self.query_one(f"#field-{name}", Input).set_class(name in errors, "-invalid")
        if errors:
            self.query_one(f"#field-{next(iter(errors))}", Input).focus()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        fields, errors = read_form(self.values())
        self.show_errors(errors)
        if errors:
            return
        lead_id = self.lead.id if self.lead else None
        typed = fields
        if self.changed_under:
            fields = self._untouched_left_out(fields)
        if typed["status"] is not Status.LOST or (self.lead and self.lead.status is Status.LOST):
            self.dismiss((lead_id, fields, None))
            return

        def answered(answer: LostAnswer | None) -> None:
            if answer is not None:  # esc: back to the form, nothing saved
                self.dismiss((lead_id, fields, answer))

        self.app.push_screen(LostForm(typed["name"], typed["competitor"]), answered)
