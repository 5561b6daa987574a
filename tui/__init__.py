"""Leadboard's screens, and the app that wires them to the store."""

import os

# A changed widget waits for the next tick of its screen's update timer, and
# a change that waited (a search's matches, held until every list is
# narrowed) waits one to two ticks more, the way Textual 8's timer counts.
# At Textual's 60 a second a tick is up to 17 ms; at 1000, up to 1. The
# timer only runs while something waits to be painted, so an idle app costs
# nothing more. Textual reads this once, when first imported: hence here,
# before any screen imports it. A rate the rep set is kept.
os.environ.setdefault("TEXTUAL_FPS", "1000")
