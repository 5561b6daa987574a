"""What the plan's dialogs share: a cancel that changes nothing (and asks
before it throws typing away, see :class:`Form`), saving
through a store call whose error is shown in the dialog instead of closing it
(scrolled into view, with the field at fault focused), and their own keys at
the bottom of the screen.

A save refused because another rep changed the lead first is settled as on
the board (:class:`ClashActions`): the lead is read again and shown so
behind the dialog, the rep is told who changed what and when, a change to
other fields is saved at once on top of theirs, and an overlapping one
waits in the dialog, the typing kept, for ctrl+r to make it again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.binding import Binding
from textual.widgets import Static

from store.clash import Clash
from store.errors import ChangedSince, Invalid, StoreError
from tui.i18n import describe
from tui.screens.clash_actions import ClashActions
from tui.screens.form import Form
from tui.when_text import plan_error
from widgets.key_bar import KeyBar


class FieldError(ValueError):
    """A value the form cannot take, with the id of the widget at fault."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class Dialog(ClashActions, Form[Any]):
    ERROR_BOX = ".form-error"
    # A store error's field (``Invalid.field``) or code -> the widget at fault.
    FIELDS: dict[str, str] = {}
    # The table of the record the dialog dismisses with (a contact, a
    # machine), found again when a clashed save is made again.
    RESULT_TABLE = "contacts"
    AGAIN_KEY = "ctrl+r"  # letters go into the fields
    BINDINGS = [Binding("ctrl+r", "again", "Mine again", id="form.again")]

    @property
    def store(self):
        return self.app.store

    def on_mount(self) -> None:
        # The dialog's keys, over the bar of the screen behind it (whose keys
        # do nothing while the dialog is open).
        self.mount(KeyBar(describe=describe))

    def refusal(self, exc: StoreError) -> str:
        """A refused save in the rep's words (a dialog may say it its own way)."""
        return plan_error(exc)

    def save_with(self, store_call: Callable[[], Any]) -> None:
        """Run ``store_call``; close with its result, or say what went wrong."""
        try:
            result = store_call()
        except StoreError as exc:
            self._failed(exc)
            return
        self.dismiss(result)

    def _failed(self, exc: StoreError) -> None:
        if isinstance(exc, ChangedSince) and self.settle_clash(exc):
            return
        field = exc.field if isinstance(exc, Invalid) else exc.code
        self.refuse(self.refusal(exc), self.FIELDS.get(field))

    # What a clash shows in a dialog (see ClashActions).
    def _show_reloaded(self, lead_ids: set[int]) -> None:
        by = {c.item_id: c.rep for c in self._theirs if c.table == "leads"}
        self.app.show_others(lead_ids, by, asked_by=self)

    def _say(self, message: str, severity: str) -> None:
        if self.is_current:  # still open: said where the rep is typing
            self.refuse(message)
        self.notify(message, severity=severity, timeout=10)

    def _made_again(self, clash: Clash, merged: bool) -> None:
        """Close with the record the rep's change made, as a save would."""
        tables = {"contacts": self.store.contacts, "machines": self.store.machines}
        records = tables.get(self.RESULT_TABLE, {})
        made = [obj_id for (table, obj_id), (_before, after) in clash.mine.items()
                if table == self.RESULT_TABLE and after is not None and obj_id in records]
        self.dismiss(records[made[0]] if made else True)

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

