"""The store's clock: the system's local time, to the second.

A module of its own so that what only needs the time (the board painted
from its preview at start) does without the store's machinery.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, tzinfo

Clock = Callable[[], datetime]

# The system's zone, until when (a POSIX time) it is taken as it is, and
# the zone names it was looked up under.
_zone: tuple[tzinfo | None, float, tuple[str, str]] = (None, 0.0, ("", ""))


def local_now() -> datetime:
    """The system's local time, to the second. Its zone is looked up once a
    minute, not on every call (the board asks for the time for each row it
    draws): a change of summer time shows within a minute, one of the
    system's zone (``TZ`` and ``time.tzset``) at once."""
    global _zone
    seconds = time.time()
    if seconds >= _zone[1] or time.tzname != _zone[2]:
        _zone = (datetime.now().astimezone().tzinfo, seconds + 60, time.tzname)
    return datetime.fromtimestamp(int(seconds), _zone[0])
