"""The Leadboard app: wires the store to the screens."""

from __future__ import annotations

from collections.abc import Iterable

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.theme import ThemeProvider
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

    # ------------------------------------------------------------ palette
    # Textual's palette and its own commands, in the user's language.
    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(
                CommandPalette(placeholder=t("palette.placeholder"), id="--command-palette")
            )

    def search_themes(self) -> None:
        self.push_screen(CommandPalette([ThemeProvider], placeholder=t("palette.themes")))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Only what a rep needs: no screenshots (a file of customers' names)
        # and no widget help panel (the help screen, ?, says it all).
        yield SystemCommand(t("system.theme"), t("system.theme_help"), self.action_change_theme)
        yield SystemCommand(t("system.quit"), t("system.quit_help"), self.action_quit)

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
