"""A piece of market intelligence, written down where it was heard: the day,
the region (the lead's), the brand and model, the price and terms, and the
words. Nothing is saved until every value can be right; the first that
cannot is said under the form, its field focused."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from store.dates import DateInputError, parse_when
from store.errors import Invalid, StoreError
from store.intel import parse_price
from store.market_model import IntelEntry
from store.model import Lead, Source
from store.text import clean
from tui.i18n import error_text, has, label, t
from tui.screens.dialog import Dialog
from tui.when_text import resolve, show_when

INTEL_CSS = str(Path(__file__).resolve().parents[1] / "intel.tcss")
TEXTS = ("province", "city", "brand", "model", "price", "terms")


def record_error(exc: StoreError, area: str) -> str:
    """A refused record in the rep's words: which value, and why (a rule
    of one field may have words of its own: ``intel.error.text.required``)."""
    if not isinstance(exc, Invalid):
        return error_text(exc)
    field = t(f"{area}.field.{exc.field}")
    own = f"{area}.error.{exc.field}.{exc.rule}"
    key = own if has(own) else f"intel.error.{exc.rule}"
    return t(key, field=field, value=exc.params.get("value", ""))


def read_day(text: str, now: datetime, field: str) -> date:
    """A day typed as the contact forms read it (2026-11-20, 昨天, 11-20)."""
    try:
        return parse_when(text, now).date()
    except DateInputError:
        raise Invalid(field, "day", text) from None


def say_day(line: Static, text: str, now: datetime) -> None:
    """What a typed day resolves to; in red when it has not come yet (the
    store refuses intel from the future)."""
    moment, said = resolve(text, now)
    future = moment is not None and moment.date() > now.date()
    if moment is not None:
        said = t("intel.day_future" if future else "intel.day_said",
                 when=show_when(moment).rsplit(" ", 1)[0])
    line.update(said)
    line.set_class(future, "-past")


class IntelForm(Dialog):
    """Dismisses with the new :class:`IntelEntry`, or None."""

    CSS_PATH = INTEL_CSS
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="intel_form.cancel"),
        Binding("ctrl+s", "save", "Save", id="intel_form.save"),
    ]
    FIELDS = {"on": "intel-on", "text": "intel-text", "source": "intel-source",
              **{name: f"intel-{name}" for name in TEXTS}}

    def __init__(self, lead: Lead | None, place: tuple[str, str] = ("", "")) -> None:
        super().__init__()
        self.lead = lead
        self.place = (lead.province, lead.city) if lead else place

    def compose(self) -> ComposeResult:
        title = (t("intel.title.lead", name=self.lead.name) if self.lead
                 else t("intel.title.market"))
        source = Source.WALK_IN if self.lead else Source.OTHER
        with VerticalScroll(id="intel-form", classes="dialog"):
            yield Static(title, classes="dialog-title", markup=False)
            with Grid(classes="dialog-grid"):
                yield Label(t("intel.field.on"), classes="form-label")
                yield Input(self.app.store.now().date().isoformat(),
                            placeholder=t("intel.placeholder.on"), id="intel-on")
            yield Static("", id="intel-on-said", classes="when-said")
            with Grid(classes="dialog-grid"):
                for name in TEXTS:
                    yield Label(t(f"intel.field.{name}"), classes="form-label")
                    yield Input(self._initial(name), placeholder=t(f"intel.placeholder.{name}"),
                                id=f"intel-{name}")
                yield Label(t("intel.field.source"), classes="form-label")
                yield Select([(label("source", s), s.value) for s in Source], value=source.value,
                             allow_blank=False, id="intel-source")
                yield Label(t("intel.field.text"), classes="form-label")
                yield Input(placeholder=t("intel.placeholder.text"), id="intel-text")
            yield Static("", id="intel-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("form.save"), variant="primary", id="save")
                yield Button(t("form.cancel"), id="cancel")

    def _initial(self, name: str) -> str:
        return {"province": self.place[0], "city": self.place[1]}.get(name, "")

    def on_mount(self) -> None:
        self._say_day()
        self.query_one("#intel-brand", Input).focus()

    @on(Input.Changed, "#intel-on")
    def _say_day(self) -> None:
        say_day(self.query_one("#intel-on-said", Static), self._value("on"),
                self.app.store.now())

    def _value(self, name: str) -> str:
        return clean(self.query_one(f"#intel-{name}", Input).value).strip()

    def fields(self) -> dict[str, Any]:
        """The typed values as the store takes them; :class:`Invalid` for
        one that is not a price or a day."""
        fields: dict[str, Any] = {name: self._value(name) for name in TEXTS}
        fields["on"] = read_day(self._value("on"), self.app.store.now(), "on")
        fields["price"] = parse_price(fields["price"])
        fields["text"] = self._value("text")
        fields["source"] = Source(self.query_one("#intel-source", Select).value)
        fields["lead_id"] = self.lead.id if self.lead else None
        return fields

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        try:
            entry: IntelEntry = self.app.store.add_record("intel", **self.fields())
        except StoreError as exc:
            field = exc.field if isinstance(exc, Invalid) else None
            self.refuse(record_error(exc, "intel"), self.FIELDS.get(field or ""))
            return
        self.dismiss(entry)
