"""Stored documents kept as tuples while they wait to be built.

A 100k-lead file holds some 300k documents. As dicts they take about twice
the room of their values, each dict carrying its own hash table of keys.
Packed, a document is one tuple: its layout (the field names, shared by all
documents that fill the same fields) and then its values. Texts that repeat
across records (a province, a status, a time stamped on many at once) are
kept once per read.

Packed documents are never changed in place: a changed record is packed anew.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

Doc = dict[str, Any]
Packed = tuple  # (Layout, value, value, ...)

_SHORT = 32  # longer texts (a company, search keys) seldom repeat: not worth a look-up
_LAYOUTS_KEPT = 4096  # a file whose records fill fields in ever new ways


class Layout:
    """The field names of packed documents, and where each value sits."""

    __slots__ = ("names", "where", "_plans")

    def __init__(self, names: tuple[str, ...]) -> None:
        self.names = names
        self.where = {name: place for place, name in enumerate(names, 1)}
        self._plans: dict[tuple[str, ...], tuple[int, ...]] = {}

    def plan(self, names: tuple[str, ...]) -> tuple[int, ...]:
        """Where each of ``names`` sits in a packed document (0: absent)."""
        plan = self._plans.get(names)
        if plan is None:
            plan = self._plans[names] = tuple(self.where.get(name, 0) for name in names)
        return plan


_layouts: dict[tuple[str, ...], Layout] = {}


def layout(names: tuple[str, ...]) -> Layout:
    found = _layouts.get(names)
    if found is None:
        found = Layout(names)
        if len(_layouts) < _LAYOUTS_KEPT:
            _layouts[names] = found
    return found


def kept_layouts() -> dict[tuple[str, ...], Layout]:
    """The layouts known by their names, for a loop over many documents
    (see ``pack_all``); ``layout`` for one not among them."""
    return _layouts


def pack(doc: Doc) -> Packed:
    """``doc`` as a tuple. What is not a dict (a damaged record) is kept as
    it is, to fail where it is used, as it always did."""
    if type(doc) is not dict:
        return doc
    return (layout(tuple(doc)), *doc.values())


def pack_all(docs: dict[Any, Doc], texts: dict[str, str]) -> dict[int, Packed]:
    """Every document of ``docs`` packed, by number (as read, its key is the
    number's text); ``texts`` gathers the short texts of one read, each kept
    once. (The one loop of a file's read over every value: kept tight.)"""
    layouts, keep = _layouts, texts.setdefault
    packed: dict[int, Packed] = {}
    for key, doc in docs.items():
        if type(doc) is dict:
            names = tuple(doc)
            doc = (layouts.get(names) or layout(names),
                   *[keep(v, v) if type(v) is str and len(v) < _SHORT else v
                     for v in doc.values()])
        packed[int(key)] = doc
    return packed


def unpack(packed: Packed) -> Doc:
    """The document as a new dict (the caller may keep or change it)."""
    if type(packed) is not tuple:
        return packed
    return dict(zip(packed[0].names, packed[1:]))


def get(packed: Packed, name: str, default: Any = None) -> Any:
    if type(packed) is not tuple:
        return packed.get(name, default)
    place = packed[0].where.get(name)
    return default if place is None else packed[place]


def values(packed: Packed, names: tuple[str, ...], defaults: tuple[Any, ...]) -> list:
    """The values of ``names`` (their default where absent), in that order."""
    if type(packed) is not tuple:
        return [packed.get(name, default) for name, default in zip(names, defaults)]
    return [packed[place] if place else default
            for place, default in zip(packed[0].plan(names), defaults)]


Reader = Callable[[Packed], Sequence]


def reader(layout: Layout, names: tuple[str, ...], defaults: tuple[Any, ...]) -> Reader:
    """What :func:`values` does for the documents of ``layout``, made once
    for a scan of a whole table: where the layout holds every one of
    ``names`` (a contact's lead, status and time, say) a getter that takes
    them in one step, without a loop of ours over them."""
    plan = layout.plan(names)
    if all(plan):
        return itemgetter(*plan) if len(plan) > 1 else itemgetter(slice(plan[0], plan[0] + 1))

    def read(packed: Packed) -> list:
        return [packed[place] if place else default for place, default in zip(plan, defaults)]

    return read
