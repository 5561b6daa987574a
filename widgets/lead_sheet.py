"""A lead in full view, drawn line by line (the Line API).

Going from one lead to the next is the heart of triage, so it must be cheap:
the sheet repaints only the lines that differ from the last lead's, leaves
the screen's layout alone (a widget that changes height makes Textual lay
out and repaint the whole screen), and can lay out the next lead ahead of
time, while the rep is still reading this one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len
from rich.control import strip_control_codes
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.scrollbar import ScrollBar
from textual.strip import Strip

from widgets.broken_text import broken_lines
from widgets.detail_pane import DetailSection, Piece, section_lines

Line = list[Segment]


@dataclass(frozen=True, slots=True)
class _Sheet:
    """One lead's lines at one width, and the rows made of them so far."""

    heading: str
    sections: list[DetailSection]
    width: int
    finish: Callable[[Line], Strip]
    lines: list[Line]
    rows: dict[int, Strip]

    def row(self, index: int) -> Strip:
        strip = self.rows.get(index)
        if strip is None:
            strip = self.finish(self.lines[index] if index < len(self.lines) else [])
            self.rows[index] = strip
        return strip


@lru_cache(maxsize=16)
def _style(name: str) -> Style:
    return Style.parse(name) if name else Style.null()


def _changed_rows(old: list[Line], new: list[Line], height: int, width: int) -> list[Region]:
    """The rows of the view where ``new`` differs from ``old``, runs of
    neighbouring rows as one region each."""
    regions: list[Region] = []
    start = None
    for y in range(height + 1):
        differs = y < height and (old[y] if y < len(old) else None) != (
            new[y] if y < len(new) else None)
        if differs and start is None:
            start = y
        elif not differs and start is not None:
            regions.append(Region(0, start, width, y - start))
            start = None
    return regions


class LeadSheet(ScrollView, can_focus=False):
    """Shows the heading and sections it is handed, as the detail pane does."""

    COMPONENT_CLASSES = {"lead-sheet--heading"}
    DEFAULT_CSS = """
    LeadSheet { background: $surface; padding: 0 1; overflow-x: hidden; overflow-y: scroll; }
    LeadSheet > .lead-sheet--heading { text-style: bold; color: $text-accent; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._sheet = _Sheet("", [], 0, Strip, [], {})
        self._prepared: _Sheet | None = None
        self._retired: _Sheet | None = None

    # ------------------------------------------------------------ showing
    def show(self, heading: str, sections: list[DetailSection], keep_place: bool = False) -> None:
        """Show a lead; the view goes back to its top, unless ``keep_place``
        (the same lead, changed: the reader stays where they were)."""
        # The last lead's rows are many small objects: freeing them waits for
        # the next prepare(), after the frame.
        self._retired = self._sheet
        old = self._sheet.lines
        view = self.scrollable_content_region.size
        self._sheet = self._ready(heading, sections, view.width)
        self._prepared = None
        self._fit_height(view)
        if self.scroll_offset.y:
            if keep_place:
                self.refresh()  # the rows in view are not the first ones
            else:
                self.scroll_home(animate=False)  # repaints the whole sheet
            return
        changed = _changed_rows(old, self._sheet.lines, view.height, view.width)
        if changed:  # (no regions would repaint it all)
            self.refresh(*changed)

    def prepare(self, heading: str, sections: list[DetailSection]) -> None:
        """Lay out a lead that is likely to be shown next: :meth:`show` with
        the same sections then only swaps it in."""
        self._retired = None
        self._prepared = self._laid_out(heading, sections, with_rows=True)

    def on_resize(self) -> None:
        if self._sheet.width == self.scrollable_content_region.width:
            self._fit_height(self.scrollable_content_region.size)  # laid out when first drawn
        else:
            self._lay_out_again()

    def _lay_out_again(self) -> None:
        self._sheet = self._laid_out(self._sheet.heading, self._sheet.sections)
        self._prepared = None
        self._fit_height(self.scrollable_content_region.size)
        self.refresh()

    def _ready(self, heading: str, sections: list[DetailSection], width: int) -> _Sheet:
        ready = self._prepared
        if (ready is not None and ready.sections is sections and ready.heading == heading
                and ready.width == width):
            return ready
        return self._laid_out(heading, sections)

    def _fit_height(self, view: Size) -> None:
        """Give the scroll view room for the lines in whole views, so that the
        scroll bar stays as it is for most leads (like an editor that lets
        you scroll past the end). When it changes it is repainted in the
        lead's frame: a frame of its own came only after the next lead was
        made ready, and the rep saw a decision land in two steps. The bar is
        always there, so the screen is never laid out again for it."""
        lines = len(self._sheet.lines)
        height = max(-(-lines // view.height), 1) * view.height if view.height else lines
        size = Size(view.width, height)
        if size == self.virtual_size:
            return
        if self.show_vertical_scrollbar:
            self.set_reactive(ScrollView.virtual_size, size)
            bar = self.vertical_scrollbar
            bar.set_reactive(ScrollBar.window_virtual_size, height)
            bar.refresh()
        else:  # not laid out yet
            self.virtual_size = size

    # ------------------------------------------------------------ lines
    def _laid_out(self, heading: str, sections: list[DetailSection],
                  with_rows: bool = False) -> _Sheet:
        width = self.scrollable_content_region.width
        base = self.rich_style  # the sheet's own colours under each piece's style
        heading_style = base + self.get_component_rich_style("lead-sheet--heading",
                                                             partial=True)
        lines: list[Line] = [[Segment(strip_control_codes(heading), heading_style)], []]
        for pieces in section_lines(sections):
            lines += self._wrapped(pieces, width, base)
        lines += [[], []]  # the same room below the end as the detail pane's
        sheet = _Sheet(heading, sections, width, self._finisher(width, base), lines, {})
        if with_rows:
            for index in range(min(len(lines), self.scrollable_content_region.height)):
                sheet.row(index)
        return sheet

    def _finisher(self, width: int, base: Style) -> Callable[[Line], Strip]:
        """How a line becomes a row of the screen: the sheet's side padding,
        its background and the app's line filters, as Textual's styles
        cache would add them on every frame, added once per row instead."""
        padding = self.styles.padding
        left = [Segment(" " * padding.left, base)] if padding.left else []
        size = padding.left + width + padding.right
        background = self.background_colors[1]
        filters = self.get_line_filters()

        def finish(line: Line) -> Strip:
            strip = Strip([*left, *line]).adjust_cell_length(size, base)
            for line_filter in filters:
                strip = strip.apply_filter(line_filter, background)
            return strip

        return finish

    def _wrapped(self, pieces: list[Piece], width: int, base: Style) -> list[Line]:
        """One line as segments; a line too long for the sheet, or one with
        line breaks in it (notes), cut as the detail pane cuts it."""
        segments = [Segment(strip_control_codes(text), base + _style(style))
                    for text, style in pieces if text]
        if all("\n" not in s.text for s in segments) and (
                width <= 0 or sum(cell_len(s.text) for s in segments) <= width):
            return [segments]
        text = Text(style=base)
        for piece, style in pieces:
            text.append(piece, style=style)
        console = self.app.console
        return [list(line.render(console, end="")) for line in broken_lines(text, max(width, 1))]

    def render_lines(self, crop: Region) -> list[Strip]:
        """The rows as made ready by :meth:`_finisher` (so the sheet draws
        no border nor top or bottom padding)."""
        if self._sheet.width != self.scrollable_content_region.width:
            # Drawn at a new width before its Resize has come (a screen's
            # first frame): laid out for it now, so that frame shows the lead.
            self._sheet = self._laid_out(self._sheet.heading, self._sheet.sections)
            self._prepared = None
        top = self.scroll_offset.y
        strips = [self._sheet.row(top + y) for y in crop.line_range]
        start, end = crop.column_span
        if (start, end) != (0, self.size.width):
            strips = [strip.crop(start, end) for strip in strips]
        return strips

    def notify_style_update(self) -> None:
        """Colours come into the rows when they are made: a new theme
        makes them again."""
        super().notify_style_update()
        if self.is_mounted:
            self._lay_out_again()
