"""The grades that place a lead on the board: what the board's order needs
of the domain, in a module of its own, so that the board painted from its
preview at start does without the rest of it (store/model.py, which
names these again)."""

from __future__ import annotations

from enum import StrEnum

GRADES = (1, 2, 3, 4, 5)
DEFAULT_THRESHOLD = 3

# Quadrants 1-4 in the board's reading order: Q1 Q2 / Q3 Q4.
QUADRANTS = (1, 2, 3, 4)


class Credit(StrEnum):
    GOOD = "good"
    UNKNOWN = "unknown"
    POOR = "poor"


class Status(StrEnum):
    ACTIVE = "active"
    WON = "won"
    LOST = "lost"
    DORMANT = "dormant"
