"""What the plan's dialogs share: a cancel that changes nothing (and asks
before it throws typing away, see :class:`Form`), saving
through a store call whose error is shown in the dialog instead of closing it
(scrolled into view, with the field at fault focused), and their own keys at
the bottom of the screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import Static

from store.errors import Invalid, StoreError
from tui.i18n import describe
from tui.screens.form import Form
from tui.when_text import plan_error
from widgets.key_bar import KeyBar


class FieldError(ValueError):
    """A value the form cannot take, with the id of the widget at fault."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class Dialog(Form[Any]):
    ERROR_BOX = ".form-error"
    # A store error's field (``Invalid.field``) or code -> the widget at fault.
    FIELDS: dict[str, str] = {}

    def on_mount(self) -> None:
        # The dialog's keys, over the bar of the screen behind it (whose keys
        # do nothing while the dialog is open).
        self.mount(KeyBar(describe=describe))

    def save_with(self, store_call: Callable[[], Any]) -> None:
        """Run ``store_call``; close with its result, or say what went wrong."""
        try:
            result = store_call()
        except StoreError as exc:
            field = exc.field if isinstance(exc, Invalid) else exc.code
            self.refuse(plan_error(exc), self.FIELDS.get(field))
            return
        self.dismiss(result)

    def refuse(self, message: str, field: str | None = None) -> None:
        """Say why saving was refused where the rep sees it at once, and put
        the focus on the field at fault."""
        error = self.query_one(self.ERROR_BOX, Static)
        error.update(message)
        widget = self.query_one(f"#{field}") if field else None
        if widget is not None:
            widget.focus(scroll_visible=False)

        def show() -> None:
            if widget is not None:
                widget.scroll_visible(animate=False, immediate=True)
            error.scroll_visible(animate=False, immediate=True)

        self.call_after_refresh(show)

