"""A competitor's profile: its models with their price ranges, its finance
terms, how it sells and what it is good and bad at. One profile a brand."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, Static

from store.errors import Invalid, StoreError
from store.intel import parse_count, parse_models, parse_number, profile_of
from store.market_model import Competitor
from store.text import clean
from tui.i18n import t
from tui.intel_words import models_input
from tui.screens.dialog import Dialog
from tui.screens.intel_form import INTEL_CSS, record_error

TEXTS = ("brand", "models", "down_payment_pct", "instalment_months", "interest_pct",
         "channels", "strategy", "strengths", "weaknesses")
WORDS = ("channels", "strategy", "strengths", "weaknesses")


class CompetitorForm(Dialog):
    """Dismisses with the saved :class:`Competitor`, or None."""

    CSS_PATH = INTEL_CSS
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="competitor_form.cancel"),
        Binding("ctrl+s", "save", "Save", id="competitor_form.save"),
    ]
    FIELDS = {name: f"competitor-{name}" for name in TEXTS}

    def __init__(self, profile: Competitor | None, brand: str = "") -> None:
        super().__init__()
        self.profile = profile
        self.brand = profile.brand if profile else brand

    def compose(self) -> ComposeResult:
        title = (t("competitor.title.edit", brand=self.brand) if self.profile
                 else t("competitor.title.new"))
        with VerticalScroll(id="competitor-form", classes="dialog"):
            yield Static(title, classes="dialog-title", markup=False)
            with Grid(classes="dialog-grid"):
                for name in TEXTS:
                    yield Label(t(f"competitor.field.{name}"), classes="form-label")
                    yield Input(self._initial(name),
                                placeholder=t(f"competitor.placeholder.{name}"),
                                id=f"competitor-{name}")
            yield Static("", id="competitor-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("form.save"), variant="primary", id="save")
                yield Button(t("form.cancel"), id="cancel")

    def _initial(self, name: str) -> str:
        profile = self.profile
        if name == "brand":
            return self.brand
        if profile is None:
            return ""
        if name == "models":
            return models_input(profile.models)
        value = getattr(profile, name)
        return "" if value is None else f"{value:g}" if isinstance(value, float) else str(value)

    def on_mount(self) -> None:
        self.query_one("#competitor-models" if self.brand else "#competitor-brand").focus()

    def _value(self, name: str) -> str:
        return clean(self.query_one(f"#competitor-{name}", Input).value).strip()

    def fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = {name: self._value(name) for name in ("brand", *WORDS)}
        fields["models"] = parse_models(self._value("models"))
        fields["down_payment_pct"] = parse_count(self._value("down_payment_pct"),
                                                 "down_payment_pct")
        fields["instalment_months"] = parse_count(self._value("instalment_months"),
                                                  "instalment_months")
        fields["interest_pct"] = parse_number(self._value("interest_pct"), "interest_pct")
        return fields

    def _save(self) -> Competitor:
        store, fields = self.app.store, self.fields()
        other = profile_of(store, fields["brand"]) if fields["brand"] else None
        if other is not None and (self.profile is None or other.id != self.profile.id):
            raise Invalid("brand", "brand_taken", other.brand)
        if self.profile is None:
            return store.add_record("competitors", **fields)
        return store.edit_record("competitors", self.profile.id, **fields)

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        try:
            profile = self._save()
        except StoreError as exc:
            field = exc.field if isinstance(exc, Invalid) else None
            self.refuse(record_error(exc, "competitor"), self.FIELDS.get(field or ""))
            return
        self.dismiss(profile)
