"""The Leadboard app: wires the store to the screens."""

from __future__ import annotations

import asyncio
import os
import sys
import threading
from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual import events, on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.theme import ThemeProvider
from textual.worker import Worker, WorkerState

from store.board import BoardIndex
from store.collector import pause_collector
from store.errors import ReadOnly, StoreError
from store.foreground import key_pressed, key_shown
from store.preview import close_with_preview
from tui.cjk_overlay_fix import install as install_cjk_overlay_fix
from tui.disk_pace import DiskPace
from tui.i18n import error_text, set_language, t
from tui.live import LiveBase
from tui.rows import RowCache
from tui.screens.opening import Loaded, LoadFailed, Opening, OpeningScreen, load

install_cjk_overlay_fix()

if TYPE_CHECKING:
    from store.leadstore import Fold, LeadStore
    from store.search import SearchIndex
    from tui.screens.board import BoardScreen

LOAD_AFTER_S = 0.05
# The contacts by lead and by time are built this long after the board is
# painted, behind it: the first start does without them (see warm_contacts).
CONTACTS_AFTER_S = 0.5
# How long a thread holds the interpreter while another waits for it. The
# board's work behind the rep (the search's index, 5 to 10 s at 100k leads,
# the market's census) would keep a key waiting up to Python's 5 ms at each
# of its hand-overs (the key read, the frame's timer, the write to the
# terminal): 10 to 20 ms a key. The waits themselves cost the thread little.
HAND_OVER_S = 0.0005
COMPACT_BYTES = 8 * 1024 * 1024  # a journal this long is folded into the data file
TYPED_AHEAD_S = 0.1
# A key waits this long at most for the keys before it to be done with: a
# node that never takes its turn (one being closed, say) must not keep the
# rep's keys from the app.
SETTLE_LIMIT_S = 0.5
# Keys typed before the app had the terminal come as the line discipline
# turned them: enter as a line feed.
_TYPED_AHEAD = {"ctrl+j": ("enter", "\r")}
# Keys that act at once even while the leads load: leaving.
_AT_ONCE_KEYS = ("ctrl+q", "ctrl+c")


class LeadboardApp(LiveBase, App[None]):
    CSS_PATH = "leadboard.tcss"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+p", "command_palette", "Commands", id="app.command_palette", show=False),
    ]

    def __init__(self, store: LeadStore | None, lang: str, opening: Opening | None = None,
                 *, hold_keys: bool = False) -> None:
        """Either a ``store`` already open, or an ``opening``: the board is
        painted from its preview at once and the store loads behind it.
        ``hold_keys``: keys typed ahead while a large file loaded arrive all
        at once as the app starts; they are handed over one at a time."""
        set_language(lang)
        super().__init__()
        self.store: LeadStore = None  # type: ignore[assignment]  # set once loaded
        # Built on first search (or soon after start-up), then kept up to date.
        self.search_index: SearchIndex = None  # type: ignore[assignment]
        self.rows: RowCache = None  # type: ignore[assignment]  # the board's rows, kept
        self.board: BoardScreen | None = None
        self.disk = DiskPace()  # whether triage keys save before their frame
        if store is not None:
            self._use_store(store)
        self.title = t("app.title")
        if "TEXTUAL_ANIMATIONS" not in os.environ:
            # A change is shown in its frame, not slid into place over the
            # next 300 ms (the plan's tabs): what the rep waits for is the end.
            self.animation_level = "none"
        self._folding = False
        self._opening = opening
        self._waiting_keys: list[events.Key] | None = [] if opening or hold_keys else None
        # Waiting keys handed to the board, by id, each kept alive until it is
        # back here: a freed key's id is soon another key's, which would then
        # jump the queue (the keys of one word landing in the next field).
        self._handed_over: dict[int, events.Key] = {}
        # A key has gone to the screen, and more came with it.
        self._key_pending = False
        self.load_error: Exception | None = None  # why the file could not be opened
        self._interval_before = sys.getswitchinterval()  # Python's, given back at the end
        self.collector_back: Callable[[], None] = lambda: None  # see run()

    # Imported where used: a board painted from its preview does without the
    # board screen and the search until the leads are loaded.
    def _use_store(self, store: LeadStore) -> None:
        from store.search import SearchIndex

        self.store = store
        self.search_index = SearchIndex(store)
        self.rows = RowCache(store)

    def _new_board(self, order: BoardIndex | None) -> BoardScreen:
        from tui.screens.board import BoardScreen

        self.board = BoardScreen(order)
        return self.board

    def get_default_screen(self) -> Screen:
        if self._opening is not None:
            opening = self._opening
            return OpeningScreen(opening.preview, opening.path.name, opening.clock())
        return self._new_board(None)

    def run(self, *args, **kwargs):  # type: ignore[override]
        """Textual's run, with the cyclic collector paused until the first
        frame is out: what the start builds (the stylesheets, the screen, the
        rows) is all kept, and the collector would only walk it over and over
        meanwhile (about 30 ms of a start)."""
        self.collector_back = pause_collector()
        try:
            return super().run(*args, **kwargs)
        finally:
            self.collector_back()

    # ------------------------------------------------------------ opening
    def on_mount(self) -> None:
        sys.setswitchinterval(min(HAND_OVER_S, self._interval_before))
        self.call_after_refresh(self.collector_back)
        self.follow_server()
        opening = self._opening
        if opening is not None:
            # Once the preview is out: the load holds the interpreter for long
            # stretches, and a frame waiting behind it would wait for it all.
            self.call_after_refresh(self.set_timer, LOAD_AFTER_S,
                                    partial(self._start_loading, opening))
        elif self._waiting_keys is not None:
            # A moment after the first frame, by when the keys typed ahead are in.
            self.call_after_refresh(self.set_timer, TYPED_AHEAD_S, self._start_hand_over)
        if self.store is not None:
            self.call_after_refresh(self.set_timer, CONTACTS_AFTER_S, self.store.warm_contacts)

    def _start_loading(self, opening: Opening) -> None:
        # A thread of its own, not a worker: quitting while it loads must not
        # wait for it (it has written nothing yet).
        threading.Thread(target=lambda: self.post_message(load(opening)), daemon=True).start()

    async def on_event(self, event: events.Event) -> None:
        # Keys typed while the leads load are kept for the board, and so are
        # keys typed while those are handed over, so that none jumps the queue.
        # So are keys that come together (pasted, or typed while the app was
        # busy): Textual would hand them all to the widget focused now, before
        # the first one (``/``, ``n``, ``t``) has moved the focus elsewhere.
        if isinstance(event, events.Key):
            # The work behind the board steps aside until the key is shown.
            key_pressed()
            self.call_after_refresh(key_shown)
        if (isinstance(event, events.Key) and not event.is_forwarded
                and event.key not in _AT_ONCE_KEYS
                and self._handed_over.pop(id(event), None) is not event):
            if self._waiting_keys is not None:
                self._waiting_keys.append(event)
                return
            if self._key_pending:
                self._waiting_keys = [event]
                self._start_hand_over()
                return
            self._key_pending = True  # until the app has nothing more queued
        if await self._bound_here(event):
            return
        await super().on_event(event)

    async def _bound_here(self, event: events.Event) -> bool:
        """Run a key's binding here, as it arrives, when what the key goes
        to (the widget in focus, else the screen) takes keys through bindings
        alone (``KEYS_ARE_BINDINGS``): the key would only climb back here for
        them, a queue turn for each container on the way. True when a
        binding took the key."""
        if not isinstance(event, events.Key) or event.is_forwarded:
            return False
        target = self.focused or self.screen
        if not getattr(target, "KEYS_ARE_BINDINGS", False):
            return False
        self.app_focus = True
        # The binding that acts on the key (the one the key bar shows); a
        # key it does not take goes the usual way.
        active = self.screen.active_bindings.get(event.key)
        if active is None or not active.enabled:
            return False
        return await self.run_action(active.binding.action, active.node)

    def on_idle(self) -> None:
        # Nothing more queued: a key from now on was typed after the last one.
        self._key_pending = False

    @on(Loaded)
    async def _loaded(self, message: Loaded) -> None:
        self._use_store(message.store)
        self._opening = None
        self.follow_server()
        # On top of the preview (the default screen, which cannot be switched away).
        await self.push_screen(self._new_board(message.order))
        self._start_hand_over()
        self.call_after_refresh(self.set_timer, CONTACTS_AFTER_S, message.store.warm_contacts)

    def _start_hand_over(self) -> None:
        self.run_worker(self._hand_over(), group="keys", exit_on_error=False)

    async def _hand_over(self) -> None:
        """Hand the waiting keys to the board one by one, each once the app is
        done with the one before: ``/`` has moved the focus to the search bar
        before ``z`` arrives, ``n`` has opened the form before the name."""
        await self._settled()  # the key before them, if any, is done with
        while self._waiting_keys:
            key = self._waiting_keys.pop(0)
            again = events.Key(*_TYPED_AHEAD.get(key.key, (key.key, key.character)))
            self._handed_over[id(again)] = again
            self.post_message(again)
            await self._settled()
        self._waiting_keys = None  # caught up: keys go straight to the board

    async def _settled(self) -> None:
        """Wait until what is queued now, and what that queues in turn (a key
        bubbling up, the focus it moves, a form it opens), is handled: turns
        of the nodes that have messages waiting or are still being put
        together, until none has; :data:`SETTLE_LIMIT_S` at most."""
        loop = asyncio.get_running_loop()
        give_up = loop.time() + SETTLE_LIMIT_S
        while nodes := [node for node in self._pumps() if node.message_queue_size
                        or not getattr(node, "is_mounted", True)]:  # the app has none
            left = give_up - loop.time()
            if left <= 0:
                return
            try:
                await asyncio.wait_for(self._turn(nodes), left)
            except asyncio.TimeoutError:
                return

    async def screen_told(self) -> None:
        """Wait until the widgets changed in this turn have told the screen:
        each does so in a turn of its own (its refresh is a message to it,
        then one from it to the screen)."""
        await self._turn([node for node in self._pumps() if node.message_queue_size])
        if self.screen_stack:
            await self._turn([self.screen])

    def _pumps(self) -> list[MessagePump]:
        if not self.is_running or not self.screen_stack:
            return []  # quitting: nothing is waiting for the keys any more
        return [self, *self.screen.walk_children(with_self=True)]

    @staticmethod
    async def _turn(nodes: list[MessagePump]) -> None:
        """Wait until each node has handled what was queued for it before."""
        left = len(nodes)
        done = asyncio.Event()

        def handled() -> None:
            nonlocal left
            left -= 1
            if not left:
                done.set()

        left -= sum(not node.call_later(handled) for node in nodes)
        if left:
            await done.wait()

    @on(LoadFailed)
    def _load_failed(self, message: LoadFailed) -> None:
        self.load_error = message.error
        self.exit(return_code=1)

    def close_store(self) -> None:
        """Fold the journal, keep the board's preview beside a large file for
        the next start, and let go of the file."""
        self.stop_following()
        if self.store is None:
            return  # closed while loading: nothing was written
        board = self.board
        close_with_preview(self.store, board.unfiltered_order() if board else None)

    # ------------------------------------------------------------ palette
    # Textual's palette and its own commands, in the user's language.
    # Imported where used, like the board: the palette brings the search with it.
    def action_command_palette(self) -> None:
        from tui.palette import Palette

        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette(placeholder=t("palette.placeholder"), id="--command-palette"))

    def search_themes(self) -> None:
        from tui.palette import Palette

        self.push_screen(Palette([ThemeProvider], placeholder=t("palette.themes")))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Only what a rep needs: no screenshots (a file of customers' names)
        # and no widget help panel (the help screen, ?, says it all).
        yield SystemCommand(t("system.theme"), t("system.theme_help"), self.action_change_theme)
        yield SystemCommand(t("system.quit"), t("system.quit_help"), self.action_quit)

    def writable(self) -> bool:
        """Whether changes can be saved. If not, says so at once: a form that
        only refused at the end would cost the rep what they typed."""
        if self.store.read_only:
            self.notify(error_text(ReadOnly(self.store.path or self.store.shown)), severity="error", timeout=8)
            return False
        refused = self.server_refuses()
        if refused:
            self.notify(refused, severity="error", timeout=8)
            return False
        return True

    def on_unmount(self) -> None:
        sys.setswitchinterval(self._interval_before)
        self.stop_following()

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
