"""The command palette, in the user's language to its last line, and its
providers: leads (by the search engine), every action with its key, and the
saved views."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial
from typing import NamedTuple

from rich.align import Align
from rich.text import Text
from textual.binding import Binding
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.fuzzy import Matcher
from textual.markup import escape

from store.search import BadQuery, parse_query, search
from tui.i18n import describe, t
from tui.keys import bound_keys, help_words, listed
from tui.search_panel import match_line

PALETTE_LIMIT = 12


class Palette(CommandPalette):
    """Textual's command palette, saying "no matches" in the rep's language."""

    # The id of the line Textual adds, in English, when nothing matches.
    NO_MATCHES_ID = "--no-matches"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.no_matches = Align.center(Text(t("palette.no_matches"), style="not bold"))

    def on_idle(self) -> None:
        # Textual adds its line in a turn of this screen's: once the turn is
        # over, put the rep's words in its place, before the frame shows it.
        results = self.query_one(CommandList)
        if results.option_count != 1:
            return
        line = results.get_option_at_index(0)
        if line.id == self.NO_MATCHES_ID and line.prompt is not self.no_matches:
            results.replace_option_prompt(self.NO_MATCHES_ID, self.no_matches)


class LeadsProvider(Provider):
    """Finds leads as the search bar does; choosing one jumps to it."""

    async def search(self, query: str) -> Hits:
        screen = self.screen
        index = getattr(self.app, "search_index", None)
        jump = getattr(screen, "jump_to", None)
        if index is None or jump is None or not query.strip():
            return
        try:
            parsed = parse_query(query)
        except BadQuery:
            return
        result = await asyncio.to_thread(search, index, parsed, PALETTE_LIMIT)
        store = self.app.store
        for hit in result.hits:
            # As the list under the search bar shows it: namesakes told apart
            # by their company, place and phone.
            line = match_line(store, hit.lead_id)
            yield Hit(hit.score / 100, line, partial(jump, hit.lead_id), text=line.plain,
                      help=t("palette.lead_help"))


class ActionRow(NamedTuple):
    description: str  # the key bar's words
    keys: str  # every key for the action, joined
    does: str  # the help screen's words
    run: Callable[[], object]

    @property
    def text(self) -> str:
        # One line in the help's words, which say the most (the key bar's
        # "→Q1" says nothing to a rep who types "移到"), and the key once.
        return f"{self.does}  ({self.keys})"

    def score(self, matcher: Matcher) -> float:
        """How well the query fits the line, or the key bar's words the rep
        has learnt from the bottom of the screen."""
        return max(matcher.match(self.text), matcher.match(self.description))


def action_rows(nodes: list[DOMNode]) -> list[ActionRow]:
    """Every action the nodes bind that the help lists too, keys joined."""
    rows: dict[tuple[int, str], tuple[list[str], Binding, DOMNode]] = {}
    for node in nodes:
        for key, binding in bound_keys(node):
            if listed(binding):
                keys, _, _ = rows.setdefault((id(node), binding.action), ([], binding, node))
                keys.append(node.app.get_key_display(Binding(key, binding.action)))
    return [ActionRow(describe(binding), " / ".join(keys), help_words(binding),
                      partial(node.run_action, binding.action))
            for keys, binding, node in rows.values()]


class ActionsProvider(Provider):
    """Every action of the board, its lists and the app, with its key."""

    def _rows(self) -> list[ActionRow]:
        screen = self.screen
        nodes: list[DOMNode] = [screen]
        if hasattr(screen, "board"):  # the keys inside a quadrant, too
            nodes.append(screen.board)
        nodes.append(self.app)
        return action_rows(nodes)

    async def discover(self) -> Hits:
        for row in self._rows():
            yield DiscoveryHit(Text(row.text), row.run, text=row.text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for row in self._rows():
            score = row.score(matcher)
            if score > 0:
                yield Hit(score, matcher.highlight(escape(row.text)), row.run, text=row.text)


class ViewsProvider(Provider):
    """The saved views: choosing one filters the board by it; each can be
    deleted too, and says so, so that no rep deletes one meaning to open it."""

    def _views(self) -> list[tuple[str, str, Callable[[], object]]]:
        """(text, help, run) for each entry."""
        open_search = getattr(self.screen, "open_search", None)
        if open_search is None:
            return []
        views = sorted(self.app.store.views.values(), key=lambda v: v.name)
        found = [(t("palette.view", name=view.name, query=view.query), t("palette.view_help"),
                  partial(open_search, view.query)) for view in views]
        delete_view = getattr(self.screen, "delete_view", None)
        if delete_view is not None:
            found += [(t("palette.delete_view", name=view.name), t("palette.delete_view_help"),
                       partial(delete_view, view.id)) for view in views]
        return found

    async def discover(self) -> Hits:
        for text, help_text, run in self._views():
            yield DiscoveryHit(Text(text), run, text=text, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, help_text, run in self._views():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(escape(text)), run, text=text, help=help_text)
