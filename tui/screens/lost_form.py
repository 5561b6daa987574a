"""A lead lost: why, and to whom. Every way of marking a lead lost (the
triage session's ``x``, the lead form's status, the log and cancel forms)
asks here. No reason is chosen in advance: a default would become
everybody's reason and the figures would say nothing. The dialog only
answers; the caller saves the answer with its own change, as one."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, VerticalScroll
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from store.errors import Invalid
from store.lost import LostAnswer, parse_price
from store.market_model import LostReason
from store.text import clean
from tui.i18n import label, t
from tui.screens.dialog import Dialog

REASONS = tuple(LostReason)
TEXTS = ("why", "brand", "model", "price")


def reason_text(reason: LostReason, why: str) -> str:
    """The reason as the lead keeps it: readable in the session's summary."""
    if reason is LostReason.OTHER:
        return t("lost.other_text", text=why)
    return label("lost_reason", reason)


class ReasonList(RadioSet):
    """The reasons, none pressed until the rep picks one; a digit picks too."""

    BINDINGS = [Binding(str(n), f"pick({n})", f"Reason {n}", id=f"lost_form.reason_{n}",
                        show=False) for n in range(1, len(REASONS) + 1)]

    def action_pick(self, number: int) -> None:
        list(self.query(RadioButton))[number - 1].value = True  # the highlight follows

    @property
    def reason(self) -> LostReason | None:
        index = self.pressed_index
        return None if index < 0 else REASONS[index]


class LostForm(Dialog):
    """Dismisses with a :class:`LostAnswer`, or None (nothing changes)."""

    CSS_PATH = str(Path(__file__).resolve().parents[1] / "lost.tcss")
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="lost_form.cancel"),
        Binding("ctrl+s", "save", "Save", id="lost_form.save"),
    ]

    def __init__(self, name: str, competitor: str = "") -> None:
        super().__init__()
        self.lead_name = name
        self.competitor = competitor

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="lost-form", classes="dialog"):
            yield Static(t("lost.title", name=self.lead_name), classes="dialog-title")
            yield Static(t("lost.hint"), classes="dialog-hint")
            yield Label(t("lost.field.reason"), classes="form-label")
            with ReasonList(id="lost-reason"):
                for n, reason in enumerate(REASONS, 1):
                    yield RadioButton(f"{n} {label('lost_reason', reason)}")
            with Grid(classes="dialog-grid"):
                for name in TEXTS:
                    yield Label(t(f"lost.field.{name}"), classes="form-label")
                    initial = self.competitor if name == "brand" else ""
                    yield Input(initial, placeholder=t(f"lost.placeholder.{name}"),
                                id=f"lost-{name}")
            yield Static("", id="lost-error", classes="form-error")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("form.save"), variant="primary", id="save")
                yield Button(t("form.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one(ReasonList).focus()

    def _value(self, name: str) -> str:
        return clean(self.query_one(f"#lost-{name}", Input).value).strip()

    @on(Input.Submitted)
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        reason = self.query_one(ReasonList).reason
        if reason is None:
            self.refuse(t("lost.error.no_reason"), "lost-reason")
            return
        why = self._value("why")
        if reason is LostReason.OTHER and not why:
            self.refuse(t("lost.error.why_required"), "lost-why")
            return
        try:
            price = parse_price(self._value("price"))
        except Invalid as exc:
            self.refuse(t(f"lost.error.{exc.rule}", value=exc.params["value"]), "lost-price")
            return
        self.dismiss(LostAnswer(reason, reason_text(reason, why), why=why,
                                brand=self._value("brand"), model=self._value("model"),
                                price=price))
