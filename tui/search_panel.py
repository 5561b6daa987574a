"""The board's search: runs what the rep types through the search engine on a
thread of its own, shows the best matches, and tells the board which leads to
show.

The key waits for its search a little less than a frame (``WAIT_S``). The
waiting thread holds nothing the search needs, so most searches end within it
at full speed and are shown in the key's own turn, with no hand-over. A search
that takes longer is left to finish on its own; a worker shows its result
when it comes. The screen paints nothing from the key until the widgets the
matches changed have told it so (each in a turn of its own: ``HOLD_S`` at
most, through ``App.batch_update``): the rep sees the letter, its matches and the board
narrowed to them in one frame, not the letter a frame before the rest.
A search still running when the next key arrives is stopped, and its
result, if it comes anyway, is dropped: only the result for the text now in
the bar is ever shown.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager

from rich.text import Text
from textual import on, work
from textual.binding import Binding
from textual.message import Message

from store.board import row_fields
from store.errors import StoreError
from store.foreground import behind_the_rep
from store.grading import quadrant_of
from store.leadstore import LeadStore
from store.search import BadQuery, Cancelled, Query, Result, SearchIndex, parse_query, search
from store.search.pinyin import warm as warm_pinyin
from store.text import visible
from tui.i18n import error_text, t
from tui.screens.view_name import ViewNameScreen
from widgets.search_bar import SearchBar

MATCH_STYLES = {"name": "bold", "detail": "dim", "": ""}
ShowOnly = Callable[[frozenset[int] | None, bool], None]
LIMIT = 8  # matches listed under the bar (as many as it shows); the board shows every one
# Build the index this long after start-up, so the first "/" finds it ready
# without slowing the board's first paint.
WARM_AFTER_S = 2.0
# A key waits this long for its search, blocking the screen: less than a
# frame at 60 Hz, so typing never stalls for longer than a frame would.
WAIT_S = 0.012
# The screen's frames wait this long at most for a search's matches.
HOLD_S = 0.05


def quadrant_label(store: LeadStore, lead_id: int) -> str:
    intent, funding = store.leads_field(lead_id, "intent"), store.leads_field(lead_id, "funding")
    quadrant = quadrant_of(intent, funding, store.settings.threshold)
    return t("search.tray") if quadrant is None else f"Q{quadrant}"


def match_parts(store: LeadStore, lead_id: int) -> list[tuple[str, str]]:
    """One match as the list under the bar shows it: the name, then what
    tells namesakes apart (company, place, phones), then its quadrant; read
    from the lead's stored fields, as the board's rows are, without building
    the lead."""
    name, company, region, _credit, _project = row_fields(store, lead_id)
    parts = [(visible(name), "name")]
    for part in (company, region, ", ".join(store.leads_field(lead_id, "phones", ()))):
        if part:
            parts.append(("  " + visible(part), "detail"))
    parts.append(("  " + quadrant_label(store, lead_id), ""))
    return parts


def match_line(store: LeadStore, lead_id: int) -> Text:
    """The same as a line of styled text (the palette's)."""
    return Text.assemble(*((text, MATCH_STYLES[part]) for text, part
                           in match_parts(store, lead_id)))


def summary(result: Result) -> str:
    if not result.total:
        return t("search.none")
    return t("search.count", count=result.total)


def shown_with(store: LeadStore, lead_id: int) -> Callable[[int], bool] | None:
    """The board's usual leads plus ``lead_id`` (a won or lost lead jumped to)."""
    if store.leads_field(lead_id, "status", "active") == "active":
        return None
    return lambda i: i == lead_id or store.leads_field(i, "status", "active") == "active"


def search_help(store: LeadStore) -> list[Text]:
    """The help screen's pages on searching and on the saved views."""
    text = Text(t("help.search") + "\n", style="bold underline")
    text.append(t("search.help"))
    views = Text(t("help.views") + "\n", style="bold underline")
    saved = sorted(store.views.values(), key=lambda v: v.name)
    for view in saved:
        views.append(f"  {visible(view.name)}", style="bold")
        views.append(f"  {visible(view.query)}\n")
    if not saved:
        views.append(t("search.view.none"))
    return [text, views]


class SearchPanel(SearchBar):
    """The search bar wired to the store's search index."""

    BINDINGS = [
        Binding("ctrl+s", "save_view", "Save as view", id="search.save_view"),
    ]

    class Jump(Message):
        def __init__(self, lead_id: int) -> None:
            super().__init__()
            self.lead_id = lead_id

    class Found(Message):
        """A worker's answer for ``text``: matches, or why there are none."""

        def __init__(self, text: str, result: Result | None, error: str = "") -> None:
            super().__init__()
            self.text = text
            self.result = result
            self.error = error

    def __init__(self, index: SearchIndex, show_only: ShowOnly, **kwargs) -> None:
        """``show_only`` narrows the board to the leads found (None: all of them).
        It is called in the same turn as the matches are shown, so that both
        reach the screen in one paint."""
        super().__init__(t("search.placeholder"), **kwargs)
        self.index = index
        self.show_only = show_only
        self._rerun_due = False
        self._shown_for: str | None = None  # the text whose matches are shown
        self._jump_due = False  # enter came before the matches: jump when they do
        self._held: AbstractContextManager | None = None  # the app's frames, until the matches
        # One search at a time (the index serves one anyway), on a thread kept
        # for it: a new thread per key costs more than the search of a letter.
        self._searches = ThreadPoolExecutor(1, thread_name_prefix="search")
        self._generation = 0  # counts the texts searched; older searches stop

    def on_mount(self) -> None:
        # Count from the board's first paint, not from here: the board is not
        # built yet, and an index build now would only slow that first paint.
        self.call_after_refresh(self.set_timer, WARM_AFTER_S, self._warm)
        self._searches.submit(int)  # its thread starts now, not on the first key
        self.app.store.watch(self._store_changed)

    def _store_changed(self, table: str, obj_id: int, lead_id: int | None) -> None:
        # A lead saved while the board is narrowed: search again once the change
        # is through, so that what the board shows still matches the text.
        if not self._rerun_due and self.text.strip():
            self._rerun_due = True
            self.call_after_refresh(self._rerun)

    def _rerun(self) -> None:
        self._rerun_due = False
        if self.text.strip():
            self._run(self.text)

    @work(thread=True, exit_on_error=False, group="index")
    def _warm(self) -> None:
        with behind_the_rep():  # steps aside while a key is shown
            warm_pinyin()
            if self.index.built:
                return
            self.index.ready()  # (built out of the collector's sight: store/collector.py)

    # ------------------------------------------------------------ searching
    def typed(self, text: str) -> None:
        # Searched here and now, not in a turn of its own after a message.
        self._jump_due = False
        if not text.strip():
            self._cancel()
            self.show_matches([], "")
            self.show_only(None, False)
            return
        if not self.index.built:
            self.show_message(t("search.indexing", count=len(self.app.store.leads)))
        self._hold()
        self._run(text)

    def on_unmount(self) -> None:
        self._cancel()
        self._searches.shutdown(wait=False, cancel_futures=True)
        self._release()

    def _cancel(self) -> None:
        """Stop the search running, if any, and drop its result."""
        self._generation += 1
        self.workers.cancel_group(self, "search")

    def _run(self, text: str) -> None:
        self._cancel()
        try:
            query = parse_query(text)
        except BadQuery as exc:
            self._answer(text, None, error_text(exc))
            return
        searching = self._searches.submit(self._search, query, self._generation)
        try:
            # Blocks the screen, but a lock wait frees the interpreter for the search.
            result = searching.result(timeout=WAIT_S)
        except Exception:  # slower than the wait, or failed: a worker takes it on
            self.run_worker(self._arrival(text, searching), group="search", exclusive=True,
                            exit_on_error=False)
            return
        self._answer(text, result)  # shown in this turn, not after a message's

    def _hold(self) -> None:
        if self._held is None and self.index.built:
            self._held = self.app.batch_update()
            self._held.__enter__()
            self.set_timer(HOLD_S, self._release)

    def _release(self) -> None:
        if self._held is not None:
            held, self._held = self._held, None
            held.__exit__(None, None, None)
            if self.is_attached:
                self.screen.check_idle()  # the screen paints what waited, at its next tick

    def _search(self, query: Query, generation: int) -> Result:
        return search(self.index, query, LIMIT, stop=lambda: self._generation != generation)

    async def _arrival(self, text: str, searching: Future[Result]) -> None:
        try:
            result = await asyncio.wrap_future(searching)
        except Cancelled:
            return
        self.post_message(self.Found(text, result))

    @on(Found)
    def _found(self, event: Found) -> None:
        event.stop()  # the panel's own answer, nothing for the screen or the app
        self._answer(event.text, event.result, event.error)

    def _answer(self, text: str, result: Result | None, error: str = "") -> None:
        """Show what the search of ``text`` found, or why it could not run."""
        if text != self.text:
            return  # typed on since: a newer search is on its way
        try:
            self._show_found(text, result, error)
        finally:
            # Once the widgets that changed have told the screen, so that
            # one frame holds all of them: as soon as they have, not after a
            # frame of the screen's, which came one to three ticks later.
            if self._held is not None:
                self.run_worker(self._release_when_told(), group="release", exit_on_error=False)

    async def _release_when_told(self) -> None:
        try:
            await asyncio.wait_for(self.app.screen_told(), HOLD_S)
        finally:
            self._release()

    def _show_found(self, text: str, result: Result | None, error: str) -> None:
        if result is None:
            self._shown_for, self._jump_due = text, False
            # Nothing is hidden behind a filter the rep cannot see working.
            self.show_matches([], "")
            self.show_message(error, error=True)
            self.show_only(None, False)
            return
        # Leads are built here, on the thread that owns the store, not in the worker.
        store = self.app.store
        lines = [(hit.lead_id, match_parts(store, hit.lead_id)) for hit in result.hits]
        self.show_matches(lines, summary(result))
        self.show_only(result.lead_ids, result.active_only)
        self._shown_for = text
        if self._jump_due and result.hits:
            self.post_message(self.Jump(result.hits[0].lead_id))
        self._jump_due = False

    @on(SearchBar.Chosen)
    def _chosen(self, event: SearchBar.Chosen) -> None:
        event.stop()
        if self.text.strip() and self._shown_for != self.text:
            # Typed fast (or while the index is built): the matches shown, if
            # any, are for an earlier text; go to the best one once found.
            self._jump_due = True
        elif event.lead_id is not None:
            self.post_message(self.Jump(event.lead_id))

    def reset(self) -> None:
        self._cancel()
        self._jump_due = False
        super().reset()

    @on(SearchBar.Closed)
    def _bar_closed(self, event: SearchBar.Closed) -> None:
        self._cancel()
        self.show_only(None, False)

    # ------------------------------------------------------------ views
    def action_save_view(self) -> None:
        text = self.text.strip()
        if not text:
            self.show_message(t("search.view.nothing"), error=True)
            return
        try:
            parse_query(text)
        except BadQuery as exc:
            self.show_message(error_text(exc), error=True)
            return
        self.app.push_screen(ViewNameScreen(), lambda name: self._save_view(name, text))

    def _save_view(self, name: str | None, text: str) -> None:
        if not name:
            return
        try:
            self.app.store.save_view(name, text)
        except StoreError as exc:
            self.show_message(error_text(exc), error=True)
            return
        self.show_message(t("search.view.saved", name=name))
