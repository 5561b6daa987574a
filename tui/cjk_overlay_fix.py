"""Chinese characters stay whole in a box drawn over others (the welcome
box, a toast) where the widgets beneath it meet.

Textual's compositor cuts every line of every widget at the edges of all the
widgets on that line, then gives each piece to the front-most widget; a
character two cells wide across such an edge is cut in half and drawn as
two spaces, even where the same widget owns both sides (Textual issue 6357).
Here a widget's line is cut only where it stops being the front-most one:
the piece it wins goes to the first place of its run, and the other places
of the run get an empty piece so that nothing behind shows through.

The one place where Leadboard touches Textual's private names: installed by
the app for the Textual versions it was written for. tests/test_cjk_overlay_fix.py
says when Textual draws such a character whole on its own: then this goes.
"""

from __future__ import annotations

import os
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import textual
from textual._compositor import Compositor
from textual.geometry import Region
from textual.strip import Strip

FOR_VERSIONS = ("8.",)  # the Textual versions whose compositor cuts them
_EMPTY = Strip([], 0)


def _render_chops(self: Compositor, crop: Region,
                  is_rendered_line: Callable[[int], bool]) -> Sequence[Mapping[int, Strip]]:
    """As Textual's, front to back, but a line is cut only where its widget's
    runs of places still free end. A line whose places are all taken is
    passed over for the widgets behind."""
    cuts = self.cuts
    chops: list[dict[int, Strip | None]] = [dict.fromkeys(cut_set[:-1]) for cut_set in cuts]
    free = [len(cut_set) - 1 for cut_set in cuts]  # a line's places no widget has taken
    for region, clip, strips in self._get_renders(crop):
        drawn = region.intersection(clip)
        left, right = drawn.column_span
        for y, strip in zip(drawn.line_range, strips):
            if free[y] and is_rendered_line(y):
                cut_set = cuts[y]
                edges = cut_set[bisect_left(cut_set, left):bisect_right(cut_set, right)]
                free[y] -= _fill(chops[y], edges, strip, left)
    return chops  # type: ignore[return-value]  # every place is filled by the screen


def _fill(line: dict[int, Strip | None], edges: list[int], strip: Strip, left: int) -> int:
    """Give a widget's line to the places between ``edges`` that no widget in
    front of it has taken, cut only where its runs of such places end; how
    many places it took."""
    end = left + strip.cell_length
    if edges[-1] > end:
        # A strip short of its region (a scroll view's, beside its bar) gives
        # only the places it covers whole; those behind it draw the rest.
        edges = [edge for edge in edges if edge <= end]
    places = len(edges) - 1
    if places < 1:
        return 0
    free = [line.get(edge) is None for edge in edges[:-1]]
    if all(free) and edges[0] == left and edges[-1] == end:
        # Nothing in front of it (most lines): its whole line, uncut.
        line[left] = strip
        for place in edges[1:-1]:
            line[place] = _EMPTY
        return places
    if not any(free):
        return 0  # all of it behind widgets in front
    runs: list[tuple[int, int, bool]] = []  # first place, past the last, free
    start = 0
    while start < places:
        stop = start + 1
        while stop < places and free[stop] is free[start]:
            stop += 1
        runs.append((start, stop, free[start]))
        start = stop
    pieces = strip.divide([edges[stop] - left for _start, stop, _free in runs])
    for (start, stop, is_free), piece in zip(runs, pieces):
        if is_free:
            line[edges[start]] = piece
            for place in edges[start + 1:stop]:
                line[place] = _EMPTY
    return sum(free)


textual_render_chops = Compositor._render_chops  # Textual's own, for the test


def textual_version() -> str:
    """The installed Textual's version, read from the name of its metadata
    folder beside it where there is one: ``textual.__version__`` asks
    importlib.metadata, whose import alone costs about 40 ms of every start."""
    site = Path(textual.__file__).parents[1]
    folders = [name for name in os.listdir(site)
               if name.startswith("textual-") and name.endswith(".dist-info")]
    if len(folders) == 1:
        return folders[0].removeprefix("textual-").removesuffix(".dist-info")
    return textual.__version__


def install() -> None:
    if textual_version().startswith(FOR_VERSIONS):
        Compositor._render_chops = _render_chops  # type: ignore[method-assign]
