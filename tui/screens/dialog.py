"""What the plan's dialogs share: a cancel that changes nothing, saving
through a store call whose error is shown in the dialog instead of closing it,
and their own keys at the bottom of the screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from store.errors import StoreError
from tui.when_text import plan_error
from widgets.key_bar import KeyBar


class Dialog(ModalScreen[Any]):
    ERROR_BOX = ".form-error"

    def on_mount(self) -> None:
        # The dialog's keys, over the bar of the screen behind it (whose keys
        # do nothing while the dialog is open).
        self.mount(KeyBar())

    def save_with(self, store_call: Callable[[], Any]) -> None:
        """Run ``store_call``; close with its result, or say what went wrong."""
        try:
            result = store_call()
        except StoreError as exc:
            self.query_one(self.ERROR_BOX, Static).update(plan_error(exc))
            return
        self.dismiss(result)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
