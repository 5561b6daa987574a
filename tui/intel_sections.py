"""The market screen's intelligence: competitors (enter opens a profile),
their outlets and sales staff in the region shown (added, edited and
removed here), and the latest intel entries heard there.

The screen binds the keys (``INTEL_KEYS``) and mixes in ``IntelActions``,
which hand them to the :class:`MarketIntel` section; it reads the store and
saves through it, as the forms do.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from store.errors import StoreError
from store.intel import RegionIntel, place_of_region, region_intel
from tui.i18n import error_text, label, t
from tui.intel_words import place_text, price_text, staff_text, terms_text

INTEL_KEYS = [
    Binding("I", "add_intel", "Add intel", id="market.add_intel"),
    Binding("o", "add_outlet", "Add outlet", id="market.add_outlet"),
    Binding("b", "add_competitor", "Add competitor", id="market.add_competitor"),
    Binding("u,ctrl+z", "undo_intel", "Undo", id="market.undo", show=False),
]
# The changes undone here: the board's own are undone on the board.
OWN_CHANGES = {f"{verb}_{table}" for verb in ("add", "edit", "remove")
               for table in ("intel", "outlets", "competitors")}
SHOWN_ENTRIES = 30  # the newest; the CLI's JSON has them all


class CompetitorTable(DataTable):
    """The competing brands, one row each; enter opens the profile."""

    BINDINGS = [Binding("enter", "select_cursor", "Open profile", id="market.open_profile")]


class OutletTable(DataTable):
    """The region's outlets; enter or ``e`` edits one, ``d`` removes it."""

    BINDINGS = [
        Binding("enter,e", "edit_outlet", "Edit outlet", id="market.edit_outlet"),
        Binding("d,delete", "remove_outlet", "Remove outlet", id="market.remove_outlet"),
    ]

    @property
    def outlet_id(self) -> int | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
        return int(key) if key is not None else None

    def action_edit_outlet(self) -> None:
        self.screen.query_one(MarketIntel).edit_outlet(self.outlet_id)

    def action_remove_outlet(self) -> None:
        self.screen.query_one(MarketIntel).remove_outlet(self.outlet_id)


class MarketIntel(Vertical):
    """Three sections; ``show`` fills them for a region ("" everywhere)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.shown_region = ""
        self.figures: RegionIntel | None = None

    def compose(self) -> ComposeResult:
        for name, table in (("competitors", CompetitorTable), ("outlets", OutletTable),
                            ("intel", DataTable)):
            with Vertical(id=f"market-{name}", classes="market-section"):
                yield Static("", classes="market-heading", id=f"market-{name}-heading")
                yield table(classes="intel-table", cursor_type="row", zebra_stripes=True,
                            id=f"market-{name}-table")
                yield Static("", classes="market-note", id=f"market-{name}-note")


    def show(self, region: str) -> None:
        same = region == self.shown_region  # after a change: the cursors stay where they were
        self.shown_region = region
        self.figures = figures = region_intel(self.app.store, region)
        where = region or t("market.everywhere")
        cursors = {table: table.cursor_row for table in self.query(DataTable)}
        self._competitors(figures, where)
        self._outlets(figures, where)
        self._entries(figures, where)
        if same:
            for table, row in cursors.items():
                table.move_cursor(row=min(row, table.row_count - 1))

    def _table(self, name: str, heading: str, note: str, *columns: str) -> DataTable:
        self.query_one(f"#market-{name}-heading", Static).update(heading)
        self.query_one(f"#market-{name}-note", Static).update(note)
        table = self.query_one(f"#market-{name}-table", DataTable)
        table.clear(columns=True)
        table.add_columns(*columns)
        return table

    def _competitors(self, figures: RegionIntel, where: str) -> None:
        table = self._table("competitors", t("intel.section.competitors", region=where),
                            t("intel.note.competitors") if not figures.brands else "",
                            *(t(f"intel.col.{c}") for c in ("brand", "outlets", "staff",
                                                             "terms", "heard")))
        table.display = bool(figures.brands)  # none yet: the note says what to do
        for brand in figures.brands:
            table.add_row(brand.brand, brand.outlets, brand.staff, terms_text(brand.profile),
                          brand.last_heard.isoformat() if brand.last_heard else "-",
                          key=brand.brand)

    def _outlets(self, figures: RegionIntel, where: str) -> None:
        staff = sum(o.staff or 0 for o in figures.outlets)
        heading = t("intel.section.outlets", region=where, count=len(figures.outlets),
                    staff=staff)
        table = self._table("outlets", heading,
                            t("intel.note.outlets") if not figures.outlets else "",
                            *(t(f"intel.col.{c}") for c in ("brand", "name", "place", "staff",
                                                             "service", "opened")))
        table.display = bool(figures.outlets)
        for outlet in figures.outlets:
            table.add_row(outlet.brand, outlet.name, place_text(outlet.province, outlet.city),
                          staff_text(outlet.staff), label("service", outlet.service),
                          outlet.opened.isoformat() if outlet.opened else "-",
                          key=str(outlet.id))

    def _entries(self, figures: RegionIntel, where: str) -> None:
        more = len(figures.entries) - SHOWN_ENTRIES
        note = (t("intel.note.more", count=more) if more > 0
                else t("intel.note.intel") if not figures.entries else "")
        table = self._table("intel", t("intel.section.intel", region=where), note,
                            *(t(f"intel.col.{c}") for c in ("day", "brand", "model", "price",
                                                             "said_terms", "text", "place")))
        table.display = bool(figures.entries)
        for entry in figures.entries[:SHOWN_ENTRIES]:
            table.add_row(entry.on.isoformat(), entry.brand, entry.model or "-",
                          price_text(entry.price), entry.terms or "-", entry.text or "-",
                          place_text(entry.province, entry.city), key=str(entry.id))

    # ------------------------------------------------------------ changes
    def _place(self) -> tuple[str, str]:
        return place_of_region(self.app.store, self.shown_region)

    def _saved(self, record: object) -> None:
        if record is not None:
            self.show(self.shown_region)
            self.app.after_save()

    def add_intel(self) -> None:
        from tui.screens.intel_form import IntelForm  # loaded when first used

        if self.app.writable():
            self.app.push_screen(IntelForm(None, self._place()), self._saved)

    def add_outlet(self) -> None:
        from tui.screens.outlet_form import OutletForm  # loaded when first used

        if self.app.writable():
            self.app.push_screen(OutletForm(None, self._place()), self._saved)

    def edit_outlet(self, outlet_id: int | None) -> None:
        from tui.screens.outlet_form import OutletForm  # loaded when first used

        if outlet_id is not None and self.app.writable():
            outlet = self.app.store.record("outlets", outlet_id)
            self.app.push_screen(OutletForm(outlet), self._saved)

    def remove_outlet(self, outlet_id: int | None) -> None:
        from tui.screens.confirm import ConfirmRemove  # loaded when first used

        if outlet_id is None or not self.app.writable():
            return
        outlet = self.app.store.record("outlets", outlet_id)

        def answered(remove: bool | None) -> None:
            if remove:
                self._change(lambda: self.app.store.remove_record("outlets", outlet_id))

        self.app.push_screen(ConfirmRemove(t("outlet.remove", name=outlet.name,
                                             brand=outlet.brand)), answered)

    def _change(self, change) -> bool:
        try:
            change()
        except StoreError as exc:
            self.notify(error_text(exc), severity="error", timeout=8)
            return False
        self._saved(True)
        return True

    def add_competitor(self) -> None:
        from tui.screens.competitor_form import CompetitorForm  # loaded when first used

        if self.app.writable():
            self.app.push_screen(CompetitorForm(None), self._saved)

    @on(DataTable.RowSelected, "#market-competitors-table")
    def _open_profile(self, event: DataTable.RowSelected) -> None:
        from tui.screens.competitor import CompetitorScreen  # loaded when first used

        event.stop()
        if event.row_key.value is not None:
            self.app.push_screen(CompetitorScreen(event.row_key.value),
                                 lambda changed: self._saved(True if changed else None))

    def undo(self) -> None:
        """Take back the last change made here; one made on the board is
        the board's to undo, so its leads are shown as they are."""
        store = self.app.store
        if store.undo_label not in OWN_CHANGES:
            self.notify(t("intel.undo.board"))
            return
        undone = store.undo_label
        if self._change(store.undo):
            self.notify(t("bar.undone", label=t(f"change.{undone}")))


class IntelActions:
    """Mixed into the market screen: its intel keys, handed to the section."""

    def action_add_intel(self) -> None:
        self.query_one(MarketIntel).add_intel()

    def action_add_outlet(self) -> None:
        self.query_one(MarketIntel).add_outlet()

    def action_add_competitor(self) -> None:
        self.query_one(MarketIntel).add_competitor()

    def action_undo_intel(self) -> None:
        self.query_one(MarketIntel).undo()
