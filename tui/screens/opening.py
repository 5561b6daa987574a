"""The board painted from its preview while a large file loads behind it.

It looks as the board will look, and its status line says that the leads are
loading; the keys typed meanwhile wait for the board (the app holds them).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen

from store.clock import Clock, local_now
from store.preview import BoardPreview
from tui.i18n import describe, t
from tui.places import BOARD_BINDINGS, BOARD_BREAKPOINTS, label_places, place_title
from tui.rows import PreviewRows
from widgets.key_bar import KeyBar
from widgets.quadrant_board import PLACES_IN_ORDER, QuadrantBoard
from widgets.status_line import StatusLine

if TYPE_CHECKING:  # loaded behind the preview, once it is painted
    from store.board import BoardIndex
    from store.leadstore import LeadStore


@dataclass(frozen=True)
class Opening:
    """A file to load behind its board's preview."""

    path: Path
    preview: BoardPreview
    read_only: bool = False
    clock: Clock = local_now


class Loaded(Message):
    def __init__(self, store: LeadStore, order: BoardIndex) -> None:
        super().__init__()
        self.store = store
        self.order = order


class LoadFailed(Message):
    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error


def load(opening: Opening) -> Loaded | LoadFailed:
    """Open the file and work out its board's order (seconds at 100k leads)."""
    from store.board import BoardIndex
    from store.leadstore import LeadStore

    try:
        store = LeadStore.open(opening.path, clock=opening.clock, read_only=opening.read_only,
                               fallback_read_only=not opening.read_only, contacts_later=True)
        return Loaded(store, BoardIndex(store, store.now()))
    except Exception as exc:  # said to the rep by the CLI, as any failed opening
        return LoadFailed(exc)


class OpeningScreen(Screen):
    HORIZONTAL_BREAKPOINTS = BOARD_BREAKPOINTS
    BINDINGS = BOARD_BINDINGS  # the board's key bar, as the board will show it

    def __init__(self, preview: BoardPreview, file_name: str, now: datetime) -> None:
        super().__init__()
        self.preview = preview
        self.file_name = file_name
        self.now = now

    def compose(self) -> ComposeResult:
        yield StatusLine("", id="status")
        with Horizontal(id="main"):
            yield QuadrantBoard({p: t("board.empty_place") for p in PLACES_IN_ORDER}, id="board")
        yield KeyBar(describe=describe)

    def on_mount(self) -> None:
        board = self.query_one(QuadrantBoard)
        label_places(board)
        for place in PLACES_IN_ORDER:
            rows = PreviewRows(self.preview, place, self.now)
            board.lead_list(place).set_rows(rows, 0)
            board.pane(place).set_title(*place_title(place, len(rows)))
        parts = [t("app.title"), self.file_name, t("bar.leads", count=self.preview.lead_count),
                 t("bar.loading")]
        self.query_one("#status", StatusLine).update("  ·  ".join(parts))
        board.choose(next((p for p in PLACES_IN_ORDER if self.preview.counts.get(p)), 1))
        board.focus()
