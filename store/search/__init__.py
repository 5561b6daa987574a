"""Search: the query language, the index of every lead, and the ranking.

``parse_query`` turns text into a :class:`Query`; :func:`search` runs it over a
:class:`SearchIndex` and returns the matches, best first.
"""

from store.search.engine import Cancelled, Hit, Result, search
from store.search.index import SearchIndex
from store.search.query import BadQuery, Query, parse_query

__all__ = [
    "BadQuery", "Cancelled", "Hit", "Query", "Result", "SearchIndex", "parse_query", "search",
]
