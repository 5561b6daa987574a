"""A table of domain objects that are built from their documents on first use.

Opening a 100k-lead file must not build 100k objects before the board can
paint: the board needs a handful of fields per lead, and only the rows on
screen need the whole lead. A document that is never touched is written back
to the next snapshot as it was read. Documents wait packed (see ``packed``).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from store import packed
from store.collector import give_back_memory
from store.packed import Packed

T = TypeVar("T")
Doc = dict[str, Any]


@dataclass(frozen=True)
class Later:
    """A table whose documents are packed later (see ``LazyTable.load``):
    ``arrive`` gives them; ``rows`` holds, by id, the values of ``names``
    read with them, which the table answers once (as the store opens),
    keeping the ids alone after."""

    arrive: Callable[[], dict[int, Packed]]
    rows: dict[int, Any]  # by id (then None once read)
    names: tuple[str, ...]


class LazyTable(Mapping[int, T], Generic[T]):
    def __init__(self, decode: Callable[[int, Doc], T], encode: Callable[[T], Doc]) -> None:
        self._decode = decode
        self._encode = encode
        self._docs: dict[int, Packed] = {}  # read from disk, not yet decoded
        self._objects: dict[int, T] = {}
        self._later: Later | None = None
        self._arriving = threading.Lock()

    def load(self, docs: Mapping[Any, Doc | Packed] | Later) -> None:
        """Take the documents read, as dicts or already packed (JSON makes no
        tuples). A dict already by number and packed is taken as it is, not
        copied: it is the reader's to give away. ``Later``: the table's ids
        and the rows read with them are known; the documents arrive at the
        first question that needs them (or at :meth:`arrive`)."""
        self._later = None
        if type(docs) is Later:
            self._docs, self._objects, self._later = {}, {}, docs
            return
        if type(docs) is dict and all(type(k) is int and type(d) is tuple for k, d in docs.items()):
            self._docs = docs
        else:
            self._docs = {int(key): doc if type(doc) is tuple else packed.pack(doc)
                          for key, doc in docs.items()}
        self._objects = {}

    def arrive(self) -> None:
        """The documents of a table loaded ``Later``, packed now if not yet
        (from any thread: one packs them, the others wait)."""
        with self._arriving:
            later = self._later
            if later is not None:
                self._docs = later.arrive()
                self._later = None  # last: a look without the lock finds them all
                give_back_memory()  # the pieces they were read from

    def __getitem__(self, obj_id: int) -> T:
        obj = self._objects.get(obj_id)
        if obj is None:
            if self._later is not None:
                self.arrive()
            doc = self._docs[obj_id]  # KeyError when absent, as a Mapping should
            try:
                obj = self._objects[obj_id] = self._decode(obj_id, packed.unpack(doc))
            finally:  # in one of the two at every moment (see snapshot), kept in neither if damaged
                del self._docs[obj_id]
        return obj

    def __contains__(self, obj_id: object) -> bool:
        later = self._later
        if later is not None:
            return obj_id in later.rows
        return obj_id in self._objects or obj_id in self._docs

    def __iter__(self) -> Iterator[int]:
        later = self._later
        if later is not None:
            yield from list(later.rows)
            return
        yield from list(self._objects)
        yield from list(self._docs)

    def __len__(self) -> int:
        later = self._later
        if later is not None:
            return len(later.rows)
        return len(self._objects) + len(self._docs)

    def field(self, obj_id: int, name: str, default: Any = None) -> Any:
        """One stored field, without building the object (values as stored)."""
        if self._later is not None:
            self.arrive()
        obj = self._objects.get(obj_id)
        if obj is not None:
            value = getattr(obj, name)
            return getattr(value, "value", value)
        return packed.get(self._docs[obj_id], name, default)

    def rows(self, names: tuple[str, ...], defaults: tuple[Any, ...]
             ) -> Iterator[tuple[int, Sequence[Any]]]:
        """(id, [field values]) for every record, as stored, without building objects.

        The one fast path for whole-table scans (the board, the contact index).
        """
        if len(names) != len(defaults):
            raise ValueError("a default for each name")
        later = self._later
        if later is not None and later.names == names and names:  # read with the ids
            with self._arriving:
                if self._later is later:
                    self._later = Later(later.arrive, dict.fromkeys(later.rows), ())
            yield from later.rows.items()
            return
        if later is not None:
            self.arrive()
        for obj_id, obj in list(self._objects.items()):
            values = [getattr(obj, name) for name in names]
            yield obj_id, [getattr(v, "value", v) for v in values]
        readers: dict[Any, packed.Reader] = {}  # by layout, made at its first document
        for obj_id, doc in list(self._docs.items()):
            if type(doc) is not tuple:  # a damaged record, kept as it was read
                yield obj_id, packed.values(doc, names, defaults)
                continue
            read = readers.get(doc[0])
            if read is None:
                read = readers[doc[0]] = packed.reader(doc[0], names, defaults)
            yield obj_id, read(doc)

    def doc(self, obj_id: int) -> Doc:
        """The stored document (values as stored), building nothing."""
        if self._later is not None:
            self.arrive()
        obj = self._objects.get(obj_id)
        return self._encode(obj) if obj is not None else packed.unpack(self._docs[obj_id])

    def put(self, obj_id: int, obj: T | None, doc: Doc | None = None) -> None:
        """Store ``obj``; given its document too, keep that instead, so the next
        snapshot need not encode it again."""
        if self._later is not None:
            self.arrive()
        self._docs.pop(obj_id, None)
        self._objects.pop(obj_id, None)
        if doc is not None:
            self._docs[obj_id] = packed.pack(doc)
        elif obj is not None:
            self._objects[obj_id] = obj

    def put_documents(self, docs: list[tuple[int, Doc]]) -> None:
        """``put`` of many (id, document) at once (an import's new records)."""
        if self._later is not None:
            self.arrive()
        objects, stored = self._objects, self._docs
        layouts, layout = packed.kept_layouts(), packed.layout
        for obj_id, doc in docs:
            if obj_id in objects:
                del objects[obj_id]
            stored.pop(obj_id, None)
            if type(doc) is dict:  # packed, as ``packed.pack`` does
                names = tuple(doc)
                stored[obj_id] = (layouts.get(names) or layout(names), *doc.values())
            else:
                stored[obj_id] = doc

    def documents(self) -> Iterator[tuple[int, Doc]]:
        if self._later is not None:
            self.arrive()
        for obj_id, obj in self._objects.items():
            yield obj_id, self._encode(obj)
        for obj_id, doc in self._docs.items():
            yield obj_id, packed.unpack(doc)

    def snapshot(self) -> LazyTable[T]:
        """A copy that later changes to this table do not reach, safe to read
        in another thread.

        Cheap: objects and documents are never changed in place, only replaced.
        A record read meanwhile moves from the documents to the objects, out
        of both for a moment: the documents are copied first, so that none
        is missed, and one caught in both is kept once.
        """
        if self._later is not None:
            self.arrive()
        copy: LazyTable[T] = LazyTable(self._decode, self._encode)
        copy._docs = dict(self._docs)
        copy._objects = dict(self._objects)
        for obj_id in copy._objects.keys() & copy._docs.keys():
            del copy._docs[obj_id]
        return copy
