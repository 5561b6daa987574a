"""Search: the query language, the index of every lead, and the ranking.

``parse_query`` turns text into a :class:`Query`; :func:`search` runs it over a
:class:`SearchIndex` and returns the matches, best first.

The names are loaded on first use: the store needs only the pinyin keys
(``store.search.pinyin``) to open a file, and opening should not wait for the
matching engine.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_HOMES = {
    "Cancelled": "engine", "Hit": "engine", "Result": "engine", "search": "engine",
    "SearchIndex": "index", "BadQuery": "query", "Query": "query", "parse_query": "query",
}

if TYPE_CHECKING:
    from store.search.engine import Cancelled, Hit, Result, search
    from store.search.index import SearchIndex
    from store.search.query import BadQuery, Query, parse_query


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"store.search.{_HOMES[name]}"), name)


__all__ = [
    "BadQuery", "Cancelled", "Hit", "Query", "Result", "SearchIndex", "parse_query", "search",
]
