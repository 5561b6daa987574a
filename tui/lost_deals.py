"""The market screen's lost deals in the region: brand, model, price, reason,
lead and day, newest first; enter opens the lead on the board."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from store.lost import LostInRegion
from tui import lost_words as words
from tui.i18n import t
from tui.market_words import ROWS_SHOWN


class LostDealTable(DataTable):
    BINDINGS = [Binding("enter", "select_cursor", "Open lead", id="market_lost.open")]


class LostDeals(Vertical):
    """Shown with :meth:`show`; :meth:`lead_of` names a row's lead."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._leads: dict[str, int] = {}

    def compose(self) -> ComposeResult:
        yield Static(t("market.lost.heading"), classes="market-heading")
        yield LostDealTable(id="market-lost-table", cursor_type="row", zebra_stripes=True)
        yield Static("", classes="market-note", id="market-lost-none")


    def show(self, rows: Sequence[LostInRegion]) -> None:
        table = self.query_one(LostDealTable)
        table.clear(columns=True)
        table.add_columns(*words.headings())
        shown = rows[:ROWS_SHOWN]
        # Keyed by the deal: one lead may have lost twice.
        self._leads = {str(row.deal.id): row.lead.id for row in shown}
        for row in shown:
            table.add_row(*words.cells(row), key=str(row.deal.id))
        table.display = bool(rows)
        note = "" if rows else t("market.lost.none")
        if len(rows) > ROWS_SHOWN:
            note = t("market.lost.more", shown=ROWS_SHOWN, count=len(rows))
        self.query_one("#market-lost-none", Static).update(note)

    def lead_of(self, key: str | None) -> int | None:
        return self._leads.get(key or "")
