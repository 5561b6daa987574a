"""The Leadboard app: wires the store to the screens."""

from __future__ import annotations

from textual import on, work
from textual.app import App
from textual.binding import Binding
from textual.worker import Worker, WorkerState

from store.errors import StoreError
from store.leadstore import COMPACT_BYTES, Fold, LeadStore
from store.search import SearchIndex
from tui.i18n import error_text, localize_bindings, set_language, t
from tui.screens.board import BoardScreen


class LeadboardApp(App[None]):
    CSS_PATH = "leadboard.tcss"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+p", "command_palette", "Commands", id="app.command_palette", show=False),
    ]

    def __init__(self, store: LeadStore, lang: str) -> None:
        set_language(lang)
        super().__init__()
        localize_bindings(self)
        self.store = store
        # Built on first search (or soon after start-up), then kept up to date.
        self.search_index = SearchIndex(store)
        self.title = t("app.title")
        self._folding = False

    def get_default_screen(self) -> BoardScreen:
        return BoardScreen()

    def after_save(self) -> None:
        """Called after every saved change: fold a long journal in the background."""
        if not self._folding and self.store.journal_bytes > COMPACT_BYTES:
            self._folding = True
            self._write_fold(self.store.begin_fold())

    @work(thread=True, exclusive=True, exit_on_error=False, group="fold")
    def _write_fold(self, fold: Fold) -> Fold:
        fold.write()
        return fold

    @on(Worker.StateChanged)
    def _worker_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "fold":
            return
        if event.state is WorkerState.SUCCESS:
            self._finish_fold(event.worker.result)
        elif event.state is WorkerState.ERROR:
            self._folding = False
            error = event.worker.error
            if isinstance(error, StoreError):
                self.notify(error_text(error), severity="error", timeout=8)

    def _finish_fold(self, fold: Fold) -> None:
        self._folding = False
        try:
            self.store.finish_fold(fold)
        except StoreError as exc:
            self.notify(error_text(exc), severity="error", timeout=8)
