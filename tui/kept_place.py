"""A screen's tables filled anew without the rep feeling it (another rep's
change came in): each table's cursor stays on its row, found by its key
(else by where it was), and every scroll stays where it was."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from textual.widget import Widget
from textual.widgets import DataTable
from textual.widgets.data_table import RowDoesNotExist, RowKey


@contextmanager
def place_kept(root: Widget) -> Iterator[None]:
    """Around a refill of the tables under ``root``."""
    cursors = [(table, _row_key(table), table.cursor_row)
               for table in root.query(DataTable) if table.row_count]
    scrolls = [(widget, widget.scroll_x, widget.scroll_y)
               for widget in root.query("*") if widget.scroll_x or widget.scroll_y]
    yield
    for table, key, row in cursors:
        if table.row_count:
            table.move_cursor(row=_row_of(table, key, row), scroll=False)

    def scroll_back() -> None:  # once the tables' new sizes are laid out
        for widget, x, y in scrolls:
            if widget.is_attached:
                widget.scroll_to(x, y, animate=False, immediate=True)

    scroll_back()
    root.call_after_refresh(scroll_back)


def _row_key(table: DataTable) -> RowKey:
    return table.coordinate_to_cell_key(table.cursor_coordinate).row_key


def _row_of(table: DataTable, key: RowKey, row: int) -> int:
    try:
        return table.get_row_index(key)
    except RowDoesNotExist:
        return min(row, table.row_count - 1)
