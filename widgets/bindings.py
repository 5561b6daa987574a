"""Keys that go straight to their bindings.

Textual lets a key bubble from the focused widget through every container
to the app, each one a turn of its own message queue, and only there looks
up the bindings (from the focused widget up). A widget that takes keys through
bindings alone can look them up where the key arrives: the same bindings, in
the same order, a few queue turns sooner.

Only for widgets that stay in place: the action then runs in the widget's
own turn (a screen it pushes reports back there), and one that removed or
recomposed that widget would wait on itself. Not for a screen: one that is
dismissed from its own turn cannot wait for that to finish.
"""

from __future__ import annotations

from textual import events
from textual.dom import DOMNode


async def run_binding(node: DOMNode, event: events.Key) -> None:
    """Run the binding for ``event`` as the app would, and keep the key from
    bubbling on if one took it."""
    if await node.app._check_bindings(event.key):
        event.prevent_default()
        event.stop()
