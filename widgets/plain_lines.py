"""Lines handed to Textual as they are drawn, for widgets with no border.

Textual's styles cache builds every line of a Line API widget anew on each
repaint, to add a border, vertical padding or effects around and over it:
tens of microseconds a line, whether there is anything to add or not. On the
board, where a key press repaints the lists, their titles and the status
line, that was more than the drawing itself. A widget with nothing of the
kind gets its lines from :meth:`PlainLines.draw_lines` as they are, with
the left and right padding added here; any other styling falls back to
Textual's way.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget

from widgets.unscrolled import virtual_size_without_layout


class PlainLines(Widget):
    """Mixed into a Line API widget: draws through :meth:`draw_lines`."""

    virtual_size = virtual_size_without_layout()

    _base_styles: tuple[Style, Style] | None = None
    _sides_cache: tuple[Strip, Strip] | tuple[()] | None | bool = False  # False: not yet
    _opaque_background: Color | None = None

    @property
    def base_style(self) -> Style:
        """The widget's own style, looked up once until the styles change
        (Textual's walks up every ancestor for the background each time)."""
        return self._base()[0]

    def _base(self) -> tuple[Style, Style]:
        if self._base_styles is None:
            style = self.rich_style
            self._base_styles = style, Style.from_color(bgcolor=style.bgcolor)
        return self._base_styles

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base_styles = None
        self._sides_cache = False
        self._filtered_sides = None
        self._opaque_background = None

    def draw_lines(self, ys: Iterable[int]) -> list[Strip]:
        """The content lines ``ys``, each ``self.size.width`` cells wide."""
        width, blank = self.size.width, self._blank_style()
        return [self.render_line(y).adjust_cell_length(width, blank) for y in ys]

    def _background(self) -> Color:
        """The colour behind the text, for the line filters. Textual works it
        out through every ancestor on each call; a widget whose own background
        is opaque has it as it is, until its styles change."""
        if self._opaque_background is None:
            styles = self.styles
            own = styles.background.tint(styles.background_tint)
            if own.a < 1:
                return self.background_colors[1]
            self._opaque_background = own
        return self._opaque_background

    def _blank_style(self) -> Style:
        """What fills a line's end and the padding: the background alone."""
        return self._base()[1]

    def render_lines(self, crop: Region) -> list[Strip]:
        sides = self._sides()
        if sides is None:
            return super().render_lines(crop)
        filters = self.get_line_filters()
        background = self._background() if filters else None
        if self.FILTERS_STYLES:
            key = (tuple(filters), background)
            if key != self._filtered_for:
                self._filtered_for = key
                self._filtered_sides = None
                self.filters_changed()
            if sides:
                if self._filtered_sides is None:
                    self._filtered_sides = (self._filtered(sides[0], filters, background),
                                            self._filtered(sides[1], filters, background))
                sides = self._filtered_sides
        strips = self.draw_lines(crop.line_range)
        if sides:
            # Each line is the content's width, so the whole is known: put
            # together here rather than measured again, cell by cell.
            left, right = sides
            width = left.cell_length + self.size.width + right.cell_length
            left_cells = list(left) if left.cell_length else []  # no empty segments
            right_cells = list(right) if right.cell_length else []
            strips = [Strip([*left_cells, *strip, *right_cells], width) for strip in strips]
        if filters and not self.FILTERS_STYLES:
            strips = [self._filtered(strip, filters, background) for strip in strips]
        start, end = crop.column_span
        if (start, end) != (0, self.outer_size.width):
            strips = [strip.crop(start, end) for strip in strips]
        return strips

    # ------------------------------------------------------------ filters
    # A widget that draws whole lines in a handful of styles can have the
    # app's line filters (colours for the terminal, NO_COLOR) applied to those
    # styles once, rather than to every new line as it is drawn: each filter
    # maps each segment's style on its own. Such a widget sets FILTERS_STYLES,
    # draws only with styles from :meth:`filtered_styles`, and forgets them in
    # :meth:`filters_changed`.
    FILTERS_STYLES = False
    _filtered_for: tuple | None = None  # the filters and background last drawn for
    _filtered_sides: tuple[Strip, Strip] | None = None

    def filtered_styles(self, styles: dict[str, Style]) -> dict[str, Style]:
        """``styles`` as the line filters leave them."""
        if not self._filtered_for or not self._filtered_for[0]:
            return styles
        filters, background = self._filtered_for
        names = list(styles)
        strip = Strip([Segment("x", styles[name]) for name in names])
        segments = list(self._filtered(strip, list(filters), background))
        assert len(segments) == len(names), "a line filter that maps segments one to one"
        return {name: segment.style or Style() for name, segment in zip(names, segments)}

    def filters_changed(self) -> None:
        """The filters or the background changed: drop what was drawn with the old."""

    @staticmethod
    def _filtered(strip: Strip, filters: list, background) -> Strip:
        for line_filter in filters:
            strip = strip.apply_filter(line_filter, background)
        return strip

    def _sides(self) -> tuple[Strip, Strip] | tuple[()] | None:
        """The left and right padding, as blank strips (empty: none), or None
        when the styles ask for more than these lines can give. The widget's
        own styles are read once until they change (a line changed on every
        key is drawn in a few microseconds, and the styles take longer to
        read); the opacity, which a container's styles can change (a pane
        being dragged), on every call."""
        if self._sides_cache is False:
            _top, right, _bottom, left = self.styles.padding
            blank = self._blank_style()
            self._sides_cache = (None if not self._plain_styles()
                                 else (Strip.blank(left, blank), Strip.blank(right, blank))
                                 if left or right else ())
        return self._sides_cache if self.opacity == 1 else None

    def _plain(self) -> bool:
        """Nothing for Textual's styles cache to add but left and right padding."""
        return self._plain_styles() and self.opacity == 1

    def _plain_styles(self) -> bool:
        styles = self.styles
        top, _right, bottom, _left = styles.padding
        return (not top and not bottom
                and not any(edge for edge, _color in styles.border)
                and not any(edge for edge, _color in styles.outline)
                and not styles.tint.a
                and styles.text_opacity == 1
                and (not styles.has_rule("hatch") or styles.hatch == "none"))
