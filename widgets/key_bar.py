"""The keys of the screen on one line at the bottom, each clickable.

Textual's own footer builds a widget for every key and rebuilds them all
whenever the focus moves; on a board with fifteen keys that was the larger
part of the time to the first paint. Here the whole line is one widget: it
is drawn as text, and a click is mapped back to the key under the pointer.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.strip import Strip
from textual.widget import Widget


@dataclass(frozen=True)
class KeyHint:
    """One key as shown: what to press, what it does, whether it can now."""

    key: str
    shown: str
    description: str
    enabled: bool
    action: str = ""


class KeyBar(Widget, can_focus=False):
    """The screen's shown bindings, one per action, the command palette's key
    at the right end. The ``pinned`` actions stand beside it and are always
    shown; on a narrow screen the others take up to ``lines`` lines, and are
    shown as far as those hold. ``describe`` gives a binding's words (its
    description, unless the app says them in the rep's language)."""

    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $footer-background; }
    KeyBar > .key-bar--key { color: $footer-key-foreground; text-style: bold; }
    KeyBar > .key-bar--description { color: $footer-description-foreground; }
    KeyBar > .key-bar--disabled { text-style: dim; }
    """
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--disabled"}

    def __init__(self, *, pinned: tuple[str, ...] = (), lines: int = 1,
                 describe: Callable[[Binding], str] = attrgetter("description"),
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.describe = describe
        self.pinned = pinned
        self.lines = lines
        self.hints: tuple[KeyHint, ...] = ()
        self.palette: KeyHint | None = None
        self._line_spans: dict[int, list[tuple[int, int, KeyHint]]] = {}  # y: x from, x to, hint

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def on_resize(self) -> None:
        self._fit_height()

    def _bindings_changed(self, screen) -> None:
        if screen is not self.screen:
            return
        hints: dict[str, KeyHint] = {}
        palette = None
        for _node, binding, enabled, tooltip in screen.active_bindings.values():
            if binding.key == self.app.COMMAND_PALETTE_BINDING:
                palette = self._hint(binding, enabled)
            elif (binding.show or binding.action in self.pinned) and binding.action not in hints:
                hints[binding.action] = self._hint(binding, enabled)
        hints_now = tuple(hints.values())
        if (hints_now, palette) != (self.hints, self.palette):
            self.hints, self.palette = hints_now, palette
            self._fit_height()
            self.refresh()

    def _hint(self, binding: Binding, enabled: bool) -> KeyHint:
        return KeyHint(binding.key, self.app.get_key_display(binding), self.describe(binding),
                       enabled, binding.action)

    # ------------------------------------------------------------ layout
    def _ends(self) -> list[KeyHint]:
        """The hints at the right end of the last line: pinned, then the palette's."""
        pinned = [hint for hint in self.hints if hint.action in self.pinned]
        return [*pinned, self.palette] if self.palette else pinned

    def _rows(self, width: int) -> list[list[KeyHint]]:
        """The other hints on each line: on as few lines as hold them all, up
        to ``lines``; the last keeps room for the ends. Those that do not fit
        are in the help screen and the palette."""
        free = [hint for hint in self.hints if hint.action not in self.pinned]
        ends = sum(_size(hint) for hint in self._ends())
        rows: list[list[KeyHint]] = []
        for count in range(1, max(self.lines, 1) + 1):
            rows, placed = [], 0
            for line in range(count):
                room = width - (ends if line == count - 1 else 0)
                row: list[KeyHint] = []
                while placed < len(free) and _size(free[placed]) <= room:
                    room -= _size(free[placed])
                    row.append(free[placed])
                    placed += 1
                rows.append(row)
            if placed == len(free):
                break
        return rows

    def _fit_height(self) -> None:
        if self.lines > 1 and self.size.width:
            self.styles.height = len(self._rows(self.size.width))

    # ------------------------------------------------------------ drawing
    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        key_style = base + self.get_component_rich_style("key-bar--key")
        text_style = base + self.get_component_rich_style("key-bar--description")
        dim = self.get_component_rich_style("key-bar--disabled")
        rows = self._rows(width)
        if y >= len(rows):
            return Strip.blank(width, base)
        segments: list[Segment] = []
        spans: list[tuple[int, int, KeyHint]] = []
        x = 0
        ends = self._ends() if y == len(rows) - 1 else []
        right_parts = [self._parts(hint, key_style, text_style, dim) for hint in ends]
        room = width - sum(cell_len(s.text) for parts in right_parts for s in parts)
        for hint in rows[y]:
            parts = self._parts(hint, key_style, text_style, dim)
            size = sum(cell_len(s.text) for s in parts)
            segments += parts
            spans.append((x, x + size, hint))
            x += size
        segments.append(Segment(" " * max(room - x, 0), base))
        x = max(room, x)
        for hint, parts in zip(ends, right_parts):
            size = sum(cell_len(s.text) for s in parts)
            spans.append((x, x + size, hint))
            segments += parts
            x += size
        self._line_spans[y] = spans
        return Strip(segments).adjust_cell_length(width, base)

    @property
    def _spans(self) -> list[tuple[int, int, KeyHint]]:
        """Where each hint of the first line is drawn."""
        return self._line_spans.get(0, [])

    @staticmethod
    def _parts(hint: KeyHint, key_style: Style, text_style: Style, dim: Style) -> list[Segment]:
        if not hint.enabled:
            key_style, text_style = key_style + dim, text_style + dim
        parts = [Segment(f" {hint.shown} ", key_style)]
        if hint.description:
            parts.append(Segment(f"{hint.description} ", text_style))
        return parts

    # ------------------------------------------------------------ mouse
    def hint_at(self, x: int, y: int = 0) -> KeyHint | None:
        spans = self._line_spans.get(y, [])
        return next((hint for start, end, hint in spans if start <= x < end), None)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        hint = self.hint_at(event.x, event.y)
        if hint is None:
            return
        if hint.enabled:
            self.app.simulate_key(hint.key)
        else:
            self.app.bell()


def _size(hint: KeyHint) -> int:
    """The cells a hint takes: `` key `` and ``description ``."""
    size = cell_len(hint.shown) + 2
    return size + cell_len(hint.description) + 1 if hint.description else size
