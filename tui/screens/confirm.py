"""The one question asked before a record is removed: ``y`` removes it,
Esc (or enter, pressed blind) keeps it."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from tui.i18n import describe, t
from widgets.key_bar import KeyBar


class ConfirmRemove(ModalScreen[bool]):
    """``question`` over the record's own line (``detail``, as the rep wrote
    it) and a ``hint`` of what removing means."""

    AUTO_FOCUS = "#remove-keep"  # enter, pressed blind, keeps the record
    BINDINGS = [
        Binding("y", "remove", "Remove", id="remove.yes"),
        Binding("escape", "keep", "Keep", id="remove.keep"),
    ]

    def __init__(self, question: str, detail: str = "", hint: str = "") -> None:
        super().__init__()
        self.question, self.detail, self.hint = question, detail, hint

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-remove", classes="dialog"):
            yield Static(Content(self.question), classes="dialog-title")
            if self.detail:
                yield Static(Content(self.detail), id="confirm-remove-detail")
            if self.hint:
                yield Static(Content(self.hint), classes="dialog-hint")
            with Horizontal(classes="dialog-buttons"):
                yield Button(t("remove.yes"), variant="error", id="remove-yes")
                yield Button(t("remove.keep"), variant="primary", id="remove-keep")
        yield KeyBar(describe=describe)

    @on(Button.Pressed, "#remove-yes")
    def action_remove(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#remove-keep")
    def action_keep(self) -> None:
        self.dismiss(False)
