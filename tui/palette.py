"""Command palette providers: leads (by the search engine), every action with
its key, and the saved views."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from functools import partial

from rich.text import Text
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.dom import DOMNode
from textual.markup import escape

from store.search import BadQuery, parse_query, search
from tui.i18n import t
from tui.search_panel import quadrant_label

PALETTE_LIMIT = 12


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
            lead_id = hit.lead_id
            name = store.leads_field(lead_id, "name", "")
            company = store.leads_field(lead_id, "company", "")
            text = " ".join(p for p in (name, company, quadrant_label(store, lead_id)) if p)
            yield Hit(hit.score / 100, Text(text), partial(jump, lead_id), text=text,
                      help=t("palette.lead_help"))


def action_rows(nodes: list[DOMNode]) -> list[tuple[str, str, Callable[[], object]]]:
    """(description, keys, run) for every action the nodes bind, keys joined."""
    rows: dict[tuple[int, str], tuple[list[str], str, Callable[[], object]]] = {}
    for node in nodes:
        for key, bindings in node._bindings.key_to_bindings.items():
            for binding in bindings:
                entry = rows.setdefault(
                    (id(node), binding.action),
                    ([], binding.description, partial(node.run_action, binding.action)),
                )
                entry[0].append(node.app.get_key_display(Binding(key, binding.action)))
    return [(description, " / ".join(keys), run) for keys, description, run in rows.values()]


class ActionsProvider(Provider):
    """Every action of the board, its lists and the app, with its key."""

    def _rows(self) -> list[tuple[str, str, Callable[[], object]]]:
        screen = self.screen
        nodes: list[DOMNode] = [screen]
        if hasattr(screen, "board"):  # the keys inside a quadrant, too
            nodes.append(screen.board.lead_list(1))
        nodes.append(self.app)
        return action_rows(nodes)

    async def discover(self) -> Hits:
        for description, keys, run in self._rows():
            text = f"{description}  ({keys})"
            yield DiscoveryHit(Text(text), run, text=text, help=t("palette.action_help"))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for description, keys, run in self._rows():
            text = f"{description}  ({keys})"
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(escape(text)), run, text=text,
                          help=t("palette.action_help"))


class ViewsProvider(Provider):
    """The saved views; choosing one filters the board by it."""

    def _views(self) -> list[tuple[str, Callable[[], object]]]:
        open_search = getattr(self.screen, "open_search", None)
        if open_search is None:
            return []
        views = sorted(self.app.store.views.values(), key=lambda v: v.name)
        found = [(t("palette.view", name=view.name, query=view.query),
                  partial(open_search, view.query)) for view in views]
        delete_view = getattr(self.screen, "delete_view", None)
        if delete_view is not None:
            found += [(t("palette.delete_view", name=view.name), partial(delete_view, view.id))
                      for view in views]
        return found

    async def discover(self) -> Hits:
        for text, run in self._views():
            yield DiscoveryHit(Text(text), run, text=text, help=t("palette.view_help"))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, run in self._views():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(escape(text)), run, text=text,
                          help=t("palette.view_help"))
