"""What every form shares when the rep leaves it: a form with nothing typed
or changed closes at once; one with typing asks first, so that one stray
Esc does not throw away a filled-in analysis."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, ScreenResultType
from textual.widgets import Button, SelectionList, Static

from tui.i18n import describe, t
from widgets.key_bar import KeyBar

_FIELDS = "Input, Select, Checkbox, SelectionList"


def _value(widget: Any) -> Any:
    if isinstance(widget, SelectionList):
        prompts = tuple(str(widget.get_option_at_index(i).prompt)
                        for i in range(widget.option_count))
        return prompts, tuple(widget.selected)
    return widget.value


class Form(ModalScreen[ScreenResultType]):
    """A modal form whose cancel (Esc, the Cancel button) guards what was typed."""

    _as_opened: tuple | None = None

    def on_mount(self) -> None:
        # The forms' own on_mount (fill a checklist, propose a date) runs
        # before this one: what they put in counts as the form as opened.
        self._as_opened = self._typed()

    def _typed(self) -> tuple:
        return tuple((widget.id, _value(widget)) for widget in self.query(_FIELDS))

    def has_typing(self) -> bool:
        return self._as_opened is not None and self._typed() != self._as_opened

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        if not self.has_typing():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(DiscardTyping(), answered)


class DiscardTyping(ModalScreen[bool]):
    """Asks whether to throw away what was typed: ``y`` does, Esc goes back."""

    AUTO_FOCUS = "#discard-keep"  # enter, the key most often pressed blind, keeps the typing
    BINDINGS = [
        Binding("y", "discard", "Discard", id="discard.yes"),
        Binding("escape", "keep", "Keep editing", id="discard.keep"),
    ]

    def __init__(self) -> None:
        super().__init__()

    def compose(self) -> ComposeResult:
        with Vertical(id="discard", classes="dialog"):
            yield Static(t("discard.title"), classes="dialog-title")
            yield Static(t("discard.hint"), classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("discard.yes"), variant="error", id="discard-yes")
                yield Button(t("discard.keep"), variant="primary", id="discard-keep")
        yield KeyBar(describe=describe)

    @on(Button.Pressed, "#discard-yes")
    def action_discard(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#discard-keep")
    def action_keep(self) -> None:
        self.dismiss(False)
