"""Which leads the insights count: every lead, or those a search finds."""

from __future__ import annotations

import dataclasses

from store.leadstore import LeadStore
from store.search import SearchIndex, parse_query, search
from store.search.query import Choice

from store.model import Status


def query_leads(store: LeadStore, text: str, index: SearchIndex | None = None
                ) -> frozenset[int] | None:
    """The ids a search finds, of any status unless it names one (won and
    lost leads are what the figures are about); ``None`` for no search.
    Raises ``BadQuery`` for a search that cannot be read."""
    if not text.strip():
        return None
    query = parse_query(text)
    if not query.statuses_given:
        every = Choice("status", frozenset(Status))
        query = dataclasses.replace(query, filters=(*query.filters, every))
    return frozenset(search(index or SearchIndex(store), query, limit=0).lead_ids)
