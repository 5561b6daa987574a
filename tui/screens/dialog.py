"""What the plan's dialogs share: a cancel that changes nothing, and saving
through a store call whose error is shown in the dialog instead of closing it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import on
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from store.errors import StoreError
from tui.when_text import plan_error


class Dialog(ModalScreen[Any]):
    ERROR_BOX = ".form-error"

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
