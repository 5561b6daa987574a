"""The Leadboard app: wires the store to the screens."""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from store.leadstore import LeadStore
from store.search import SearchIndex
from tui.i18n import localize_bindings, set_language, t
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

    def get_default_screen(self) -> BoardScreen:
        return BoardScreen()
