"""A team's base followed live: other reps' changes reach every open
screen as they commit, and the server going away (and coming back) is said
on the board.

A screen that shows the base follows it by naming the tables it shows in
``FOLLOWS`` and taking :class:`OthersChanged` in ``others_changed`` (see
:class:`FollowsBase`); it is told only when one of those tables changed,
and keeps its cursor, scroll and focus.

The listener (``store/backends/listen.py``) runs in a thread of its own
and posts what it reads as messages; the app takes them in on its own
thread, between keys, so a form being typed in or a cursor being moved is
never raced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar, Protocol, runtime_checkable

from textual.message import Message
from textual.worker import Worker

from store.errors import StoreError
from tui.i18n import t

if TYPE_CHECKING:
    from store.backends.listen import Listener, News
    from tui.app import LeadboardApp

RETRY_S = 0.05  # a regrade waits to be saved: its news is taken in once it is


class ServerNews(Message):
    """Other reps' changes, read from the server's log."""

    def __init__(self, news: News) -> None:
        super().__init__()
        self.news = news


class ServerReached(Message):
    """The server was lost (``reached`` False, with what libpq said) or is back."""

    def __init__(self, reached: bool, detail: str) -> None:
        super().__init__()
        self.reached = reached
        self.detail = detail


@dataclass(frozen=True, slots=True)
class OthersChanged:
    """What other reps' changes, taken in by the store, touched: the leads
    (through themselves or their contacts), the tables, and who changed
    each lead."""

    leads: frozenset[int]
    tables: frozenset[str]
    by: dict[int, str] = field(default_factory=dict)


@runtime_checkable
class FollowsBase(Protocol):
    """A screen that shows the team's base as it is now."""

    FOLLOWS: ClassVar[frozenset[str]]  # the tables whose changes it shows

    def others_changed(self, change: OthersChanged) -> None: ...


def follows(screen: object, change: OthersChanged) -> bool:
    """Whether ``screen`` is to be told of ``change``."""
    return isinstance(screen, FollowsBase) and bool(screen.FOLLOWS & change.tables)


class CountsAgain:
    """A screen whose figures a thread worker named ``compute`` counts
    (started by ``count_again``) follows others' changes one count at a
    time: a count takes seconds on a big base and a thread cannot be
    stopped, so changes that come in during one are counted once, after it."""

    _count_asked = False

    def others_changed(self, change: OthersChanged) -> None:
        if self._counting():
            self._count_asked = True
        else:
            self.count_again()

    def count_again(self) -> None:
        raise NotImplementedError

    def _counting(self) -> bool:
        return any(worker.node is self and worker.name == "compute" and not worker.is_finished
                   for worker in self.app.workers)  # type: ignore[attr-defined]

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if self._count_asked and event.worker.is_finished and not self._counting():
            self._count_asked = False
            self.count_again()


class LiveBase:
    """The app's part in following a team's base (mixed into the app)."""

    listener: Listener | None = None
    server_away = False  # the listener has lost the server and not found it again

    def follow_server(self: LeadboardApp) -> None:
        """Start listening, if the base is on a server (and not yet)."""
        store = self.store
        if store is None or not store.on_server or self.listener is not None:
            return
        from store.backends.listen import Listener  # psycopg: only for a server

        self.listener = Listener(
            store.location, store.news_from,
            lambda news: self.post_message(ServerNews(news)),
            lambda reached, detail: self.post_message(ServerReached(reached, detail)),
        ).start()

    def stop_following(self) -> None:
        if self.listener is not None:
            self.listener.stop()
            self.listener = None

    def on_server_news(self: LeadboardApp, message: ServerNews) -> None:
        if self.store is None or self.store.closed:
            return
        if self.store.unsynced:
            self.set_timer(RETRY_S, lambda: self.on_server_news(message))
            return
        try:
            leads, tables = self.store.take_news(message.news)
        except (StoreError, ValueError, TypeError, KeyError) as exc:
            self.notify(t("live.unreadable", detail=str(exc)), severity="error", timeout=8)
            return
        if not tables:
            return
        by = {lead_id: change.rep for change in message.news.changes
              for table, lead_id in change.keys if table == "leads"}
        self.tell_screens(OthersChanged(frozenset(leads), frozenset(tables), by))

    def show_others(self: LeadboardApp, leads: set[int], by: dict[int, str],
                    asked_by: object = None) -> None:
        """Leads read again after a clash settled in a form (``asked_by``,
        which says it itself): every other open screen shows them as others
        left them. ``by``: who changed each."""
        if leads:
            change = OthersChanged(frozenset(leads), frozenset({"leads", "contacts"}), by)
            self.tell_screens(change, asked_by)

    def tell_screens(self: LeadboardApp, change: OthersChanged, but: object = None) -> None:
        # Bottom up: the board first, so a screen over it reads it current.
        for screen in list(self.screen_stack):
            if screen is not but and screen.is_mounted and follows(screen, change):
                screen.others_changed(change)

    def on_server_reached(self: LeadboardApp, message: ServerReached) -> None:
        self.server_away = not message.reached
        if message.reached:
            self.store.reconnect()
            text, severity = t("live.back"), "information"
        else:
            text = t("live.lost", path=self.store.shown, detail=message.detail)
            severity = "warning"
        self.notify(text, severity=severity, timeout=8)
        if self.board is not None and self.board.is_mounted:
            self.board.refresh_status(text)

    def server_refuses(self: LeadboardApp) -> str | None:
        """Why a change cannot be saved now (the server is out of reach), or None."""
        if not self.server_away:
            return None
        return t("live.refused", path=self.store.shown)
