"""A competitor's outlet in a region: its name and place, its sales staff,
what service it gives and when it opened; and the question asked before
one is removed."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Select, Static

from store.errors import Invalid, StoreError
from store.intel import parse_count
from store.market_model import Outlet, Service
from store.text import clean
from tui.i18n import label, t
from tui.screens.dialog import Dialog
from tui.screens.intel_form import INTEL_CSS, read_day, record_error

TEXTS = ("brand", "name", "province", "city", "address", "staff", "opened")


class OutletForm(Dialog):
    """A new outlet (``outlet`` None) or one edited; dismisses with it, or None."""

    CSS_PATH = INTEL_CSS
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="outlet_form.cancel"),
        Binding("ctrl+s", "save", "Save", id="outlet_form.save"),
    ]
    FIELDS = {**{name: f"outlet-{name}" for name in TEXTS}, "service": "outlet-service"}

    def __init__(self, outlet: Outlet | None, place: tuple[str, str] = ("", "")) -> None:
        super().__init__()
        self.outlet = outlet
        self.place = (outlet.province, outlet.city) if outlet else place

    def compose(self) -> ComposeResult:
        title = (t("outlet.title.edit", name=self.outlet.name) if self.outlet
                 else t("outlet.title.new"))
        service = self.outlet.service if self.outlet else Service.PARTS_AND_REPAIR
        with VerticalScroll(id="outlet-form", classes="dialog"):
            yield Static(title, classes="dialog-title", markup=False)
            with Grid(classes="dialog-grid"):
                for name in TEXTS:
                    yield Label(t(f"outlet.field.{name}"), classes="form-label")
                    yield Input(self._initial(name), placeholder=t(f"outlet.placeholder.{name}"),
                                id=f"outlet-{name}")
                yield Label(t("outlet.field.service"), classes="form-label")
                yield Select([(label("service", s), s.value) for s in Service],
                             value=service.value, allow_blank=False, id="outlet-service")
            yield Static("", id="outlet-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("form.save"), variant="primary", id="save")
                yield Button(t("form.cancel"), id="cancel")

    def _initial(self, name: str) -> str:
        outlet = self.outlet
        if name in ("province", "city"):
            return self.place[0 if name == "province" else 1]
        if outlet is None:
            return ""
        value = getattr(outlet, name)
        if name == "opened":
            return value.isoformat() if value else ""
        return "" if value is None else str(value)

    def on_mount(self) -> None:
        self.query_one("#outlet-brand", Input).focus()

    def _value(self, name: str) -> str:
        return clean(self.query_one(f"#outlet-{name}", Input).value).strip()

    def fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = {name: self._value(name) for name in TEXTS[:5]}
        fields["staff"] = parse_count(self._value("staff"), "staff")
        opened = self._value("opened")
        fields["opened"] = read_day(opened, self.app.store.now(), "opened") if opened else None
        fields["service"] = Service(self.query_one("#outlet-service", Select).value)
        return fields

    def _save(self) -> Outlet:
        store, fields = self.app.store, self.fields()
        if self.outlet is None:
            return store.add_record("outlets", **fields)
        return store.edit_record("outlets", self.outlet.id, **fields)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        try:
            outlet = self._save()
        except StoreError as exc:
            field = exc.field if isinstance(exc, Invalid) else None
            self.refuse(record_error(exc, "outlet"), self.FIELDS.get(field or ""))
            return
        self.dismiss(outlet)
