"""Lists indexed by lead id: one item per id instead of a dict entry per lead,
read in C a whole search's matches at a time (the board's places, the search
index's slots)."""

from __future__ import annotations

# Ids stay near enough to index a list by while below this many times the
# leads held, plus a margin: a list with a hole for each lead deleted is
# cheap, one as long as an id typed in by hand is not.
SPREAD, SLACK = 4, 10_000


def near_enough(lead_id: int, count: int) -> bool:
    """Whether a list indexed by id may reach ``lead_id`` with ``count`` leads in it."""
    return lead_id < SPREAD * count + SLACK
