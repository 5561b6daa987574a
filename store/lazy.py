"""A sequence whose items are found or built only when they are read.

The board's lists show a screenful of rows out of thousands: their rows (and
a search's narrowed order of leads) are worked out for the indexes read.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar, overload

T = TypeVar("T")


class LazySequence(Sequence[T]):
    """Subclasses give ``__len__`` and :meth:`item`; indexing and slices follow."""

    def __len__(self) -> int:
        raise NotImplementedError

    def item(self, index: int) -> T:
        """The item at ``index``, which is in range and not negative."""
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        count = len(self)
        if isinstance(index, slice):
            return [self.item(i) for i in range(*index.indices(count))]
        if index < 0:
            index += count
        if not 0 <= index < count:
            raise IndexError(index)
        return self.item(index)
