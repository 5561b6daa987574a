"""Widgets that never scroll, and what spares them a second layout.

Textual lays the whole screen out again, a frame later, whenever a widget's
virtual size changes. For a widget that does not scroll it changes only
with its size, which was just laid out and is repainted anyway: without
this, a pane that took room from the board had every list laid out and
drawn twice.
"""

from __future__ import annotations

from textual.containers import Horizontal
from textual.geometry import Size
from textual.reactive import Reactive


def virtual_size_without_layout(repaint: bool = False) -> Reactive[Size]:
    """A virtual size, as a class attribute, for a widget that never scrolls
    by it. ``repaint``: for one whose virtual size changes on its own."""
    return Reactive(Size(0, 0), repaint=repaint)


class Row(Horizontal):
    """Widgets side by side, as high as the screen gives them."""

    virtual_size = virtual_size_without_layout()
