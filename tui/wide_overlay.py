"""Chinese characters in a widget drawn over others (the welcome box, a toast)
stay whole where the widgets beneath meet.

Textual's compositor cuts every line of every widget at the edges of all the
widgets on that line, then gives each piece to the front-most widget. A
character two cells wide that straddles such an edge is cut in half and drawn
as two spaces, even where the same widget owns both sides of the edge
(Textual issue 6357, open for Textual 8). Here a widget's line is cut only
where it stops being the front-most one: the piece it wins goes to the first
place of its run, and the other places of the run get an empty piece so that
nothing behind shows through.

Installed once, by the app, for the Textual 8 compositor it was written for.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import textual
from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip

_EMPTY = Strip([], 0)


def _render_chops(self: Compositor, crop: Region,
                  is_rendered_line: Callable[[int], bool]) -> Sequence[dict[int, Strip | None]]:
    cuts = self.cuts
    chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
    for region, clip, strips in self._get_renders(crop):
        drawn = region.intersection(clip)
        left, right = drawn.column_span
        for y, strip in zip(drawn.line_range, strips):
            if is_rendered_line(y):
                edges = [cut for cut in cuts[y] if right >= cut >= left]
                _fill(chops[y], edges, strip, left)
    return chops


def _fill(line: dict[int, Strip | None], edges: list[int], strip: Strip, left: int) -> None:
    """Give a widget's line to the places between ``edges`` that no widget in
    front of it has taken, cut only where its runs of such places end."""
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


def install() -> None:
    if textual.__version__.split(".")[0] == "8":
        Compositor._render_chops = _render_chops  # type: ignore[method-assign]
