"""How the screen's lines are put together from the widgets on them, in
place of Textual's own way, for two reasons.

Chinese characters in a widget drawn over others (the welcome box, a toast)
stay whole where the widgets beneath meet. Textual's compositor cuts every
line of every widget at the edges of all the widgets on that line, then gives
each piece to the front-most widget; a character two cells wide across such
an edge is cut in half and drawn as two spaces, even where the same widget
owns both sides (Textual issue 6357, open for Textual 8). Here a widget's
line is cut only where it stops being the front-most one: the piece it wins
goes to the first place of its run, and the other places of the run get an
empty piece so that nothing behind shows through.

Only what changed is drawn. Textual has every widget under a changed line
draw all of its lines, even a pane wholly behind a list, and every widget in
the box around all the changes. Here a widget draws only the lines where a
changed place is its to draw, and not at all when the widgets in front cover
what changed: a cursor move on the board draws two lines of one list.

Installed once, by the app, for the Textual 8 compositor it was written for.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence

import textual
from textual._compositor import ChopsUpdate, Compositor
from textual.geometry import Region
from textual.strip import Strip

_EMPTY = Strip([], 0)


Spans = Callable[[int], Sequence[tuple[int, int]]]


def _render_chops(self: Compositor, crop: Region,
                  is_rendered_line: Callable[[int], bool]) -> Sequence[dict[int, Strip | None]]:
    whole = ((crop.x, crop.right),)
    return _chops(self, crop, is_rendered_line, lambda _y: whole)


def _render_partial_update(self: Compositor) -> ChopsUpdate | None:
    """As Textual's, but widgets draw only for the spans that changed, not for
    the box around them: a cursor move in Q1 has no pane beside it draw."""
    update_regions = self._dirty_regions.copy()
    self._dirty_regions.clear()
    if not update_regions:
        return None
    crop = Region.from_union(update_regions).intersection(self.size.region)
    spans = list(self._regions_to_spans(update_regions))
    changed: dict[int, list[tuple[int, int]]] = {}
    for y, x1, x2 in spans:
        changed.setdefault(y, []).append((x1, x2))
    chops = _chops(self, crop, changed.__contains__, changed.__getitem__)
    return ChopsUpdate(chops, spans, [cut_set[1:] for cut_set in self.cuts])


def _chops(self: Compositor, crop: Region, is_rendered_line: Callable[[int], bool],
           spans: Spans) -> list[dict[int, Strip | None]]:
    cuts = self.cuts
    chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
    # The front-most widget over a wanted place draws it, and once none is
    # left the widgets behind are not asked at all.
    wanted = _wanted(cuts, crop, is_rendered_line, spans)
    rows = sorted(wanted)  # the lines still wanted, to skip a widget on none of them at once
    for widget, (region, clip) in self.visible_widgets.items():  # front to back
        if not rows:
            break
        drawn = region.intersection(clip)
        top, bottom = max(drawn.y, crop.y), min(drawn.bottom, crop.bottom)
        first_row, past_rows = bisect_left(rows, top), bisect_left(rows, bottom)
        if first_row == past_rows:
            continue  # on none of the lines still wanted
        left, right = drawn.column_span
        lines = [y for y in rows[first_row:past_rows]
                 if any(left <= x < right for x in wanted[y])]
        if not lines:
            continue  # hidden behind the widgets in front wherever it changed
        # Only the lines drawn, not the whole widget: a key that changes two
        # lines of a list need not have every pane behind it draw all of its.
        first, last = lines[0], lines[-1] + 1
        strips = widget.render_lines(
            Region(drawn.x - region.x, first - region.y, drawn.width, last - first))
        for y in lines:
            line, cut_set = chops[y], cuts[y]
            edges = cut_set[bisect_left(cut_set, left):bisect_right(cut_set, right)]
            _fill(line, edges, strips[y - first], left)
            # What it left (a strip short of its region) falls to those behind.
            left_over = {x for x in wanted[y] if line[x] is None}
            if left_over:
                wanted[y] = left_over
            else:
                del wanted[y]
                del rows[bisect_left(rows, y)]
    return chops


def _wanted(cuts: list[list[int]], crop: Region, is_rendered_line: Callable[[int], bool],
            spans: Spans) -> dict[int, set[int]]:
    """The places (each starting at a cut) of each changed line that overlap
    what changed on it."""
    wanted: dict[int, set[int]] = {}
    for y in crop.line_range:
        if is_rendered_line(y):
            cut_set = cuts[y]
            places: set[int] = set()
            for x1, x2 in spans(y):
                places.update(cut_set[max(bisect_right(cut_set, x1) - 1, 0):
                                      bisect_left(cut_set, x2)])
            places.discard(cut_set[-1])  # the line's end, where no place starts
            if places:
                wanted[y] = places
    return wanted


def _fill(line: dict[int, Strip | None], edges: list[int], strip: Strip, left: int) -> None:
    """Give a widget's line to the places between ``edges`` that no widget in
    front of it has taken, cut only where its runs of such places end."""
    end = left + strip.cell_length
    if edges[-1] > end:
        # A strip short of its region (a scroll view's, beside its bar) gives
        # only the places it covers whole; those behind it draw the rest.
        edges = [edge for edge in edges if edge <= end]
        if len(edges) < 2:
            return
    get = line.get
    places = len(edges) - 1
    if places == 1:  # most lines of most widgets: nothing in front, or all of it
        if get(edges[0]) is None:
            line[edges[0]] = strip.divide([edges[1] - left])[0]
        return
    runs: list[tuple[int, int, bool]] = []  # first place, past the last, free
    start = 0
    while start < places:
        free = get(edges[start]) is None
        stop = start + 1
        while stop < places and (get(edges[stop]) is None) is free:
            stop += 1
        runs.append((start, stop, free))
        start = stop
    if not any(free for _start, _stop, free in runs):
        return  # all of it behind widgets in front: nothing to cut
    pieces = strip.divide([edges[stop] - left for _start, stop, _free in runs])
    for (start, stop, free), piece in zip(runs, pieces):
        if free:
            line[edges[start]] = piece
            for place in edges[start + 1:stop]:
                line[place] = _EMPTY


# Textual's own, kept to compare with in the tests.
textual_render_chops = Compositor._render_chops
textual_render_partial_update = Compositor.render_partial_update


def install() -> None:
    if textual.__version__.split(".")[0] == "8":
        Compositor._render_chops = _render_chops  # type: ignore[method-assign]
        Compositor.render_partial_update = _render_partial_update  # type: ignore[method-assign]
