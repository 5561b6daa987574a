"""Leadboard's screens, and the app that wires them to the store."""

import os

# A changed widget waits for the next tick of its screen's update timer, and
# a key whose change takes two frames (a move, then "✓ saved") waits for two.
# At Textual's 60 a second that is up to 17 ms a tick (33 after a pause, the
# way Textual 8's timer counts); at 240, up to 4 (8). Textual reads this
# once, when first imported: hence here, before any screen imports it. A
# rate the rep set is kept.
os.environ.setdefault("TEXTUAL_FPS", "240")
