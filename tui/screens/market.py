"""The market: the installed base by brand in one region or all, split by
size class and by age, and the owners of machines due for replacement.
The figures are worked out in a worker; ``r`` walks the regions by how many
machines they hold, ``/`` takes one typed; enter on an owner opens it on the
board, ``t`` starts a triage session over every owner listed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from store.leadstore import MARKET_TABLES
from store.lost import LostInRegion, lost_deals_in
from store.market import Market, market, regions
from store.text import clean
from tui import market_words as words
from tui.i18n import describe, t
from tui.intel_sections import INTEL_KEYS, IntelActions, MarketIntel
from tui.kept_place import place_kept
from tui.live import CountsAgain
from tui.lost_deals import LostDeals
from tui.project_section import ProjectSection
from widgets.bar_chart import Bar, BarChart
from widgets.key_bar import KeyBar

PINNED_KEYS = ("close",)


@dataclass(frozen=True, slots=True)
class MarketChoice:
    """What the board does on return: show these leads, or triage them."""

    lead_ids: tuple[int, ...]
    triage: bool = False


class CandidateTable(DataTable):
    """The owners due for replacement, one row each; enter opens one."""

    BINDINGS = [Binding("enter", "select_cursor", "Open owner", id="market.open")]


class MarketScreen(CountsAgain, IntelActions, Screen[MarketChoice | None]):
    CSS_PATH = [str(Path(__file__).resolve().parents[1] / name)
                for name in ("market.tcss", "intel.tcss")]
    BINDINGS = [
        Binding("r", "next_region", "Next region", id="market.region"),
        Binding("slash", "type_region", "Type a region", id="market.type_region"),
        Binding("v", "tables", "Tables", id="market.tables"),
        Binding("t", "triage", "Triage owners", id="market.triage"),
        Binding("m", "add_machine", "Add a machine", id="market.add_machine", show=False),
        Binding("n", "add_project", "New project", id="projects.add"),
        Binding("escape,M", "close", "Board", id="market.close"),
        *INTEL_KEYS,
    ]
    # The machines and their owners, the settings' own brand, intel, projects, lost deals.
    FOLLOWS = frozenset({"leads", "machines", "settings", *MARKET_TABLES})

    def __init__(self, region: str = "") -> None:
        super().__init__()
        self.place = region
        self.places: list[str] = [""]
        self.figures: Market | None = None

    def compose(self) -> ComposeResult:
        yield Static(t("market.working"), id="market-title")
        with VerticalScroll(id="market-body"):
            for name in ("brands", "sizes", "ages"):
                with Vertical(id=f"market-{name}", classes="market-section"):
                    yield Static(t(f"market.chart.{name}"), classes="market-heading")
                    yield BarChart(classes="market-chart")
                    yield DataTable(classes="market-table", cursor_type="row",
                                    zebra_stripes=True)
            with Vertical(id="market-due", classes="market-section"):
                yield Static("", classes="market-heading", id="market-rule")
                yield CandidateTable(id="market-candidates", cursor_type="row",
                                     zebra_stripes=True)
                yield Static("", classes="market-note", id="market-unowned")
            yield ProjectSection(id="market-projects", classes="market-section")
            yield MarketIntel(id="market-intel")
            yield LostDeals(id="market-lost", classes="market-section")
        yield KeyBar(describe=describe, pinned=PINNED_KEYS)

    def on_mount(self) -> None:
        self.query_one("#market-candidates").focus()
        self.compute(self.place)

    # ------------------------------------------------------------ figures
    @work(thread=True, exclusive=True, exit_on_error=False)
    def compute(self, region: str) -> None:
        store = self.app.store
        figures, places = market(store, region), regions(store)
        lost = lost_deals_in(store, region)
        if not get_current_worker().is_cancelled:  # a later count is on its way
            self.app.call_from_thread(self.show, figures, ["", *(name for name, _ in places)],
                                      lost)

    def count_again(self) -> None:
        """With other reps' changes (see CountsAgain); shown where the rep is."""
        self.compute(self.place)

    def show(self, figures: Market, places: list[str],
             lost: Sequence[LostInRegion] = ()) -> None:
        if self.figures is not None and self.figures.region == figures.region:
            with place_kept(self):  # counted again: the rep stays where they were
                self._show(figures, places, lost)
        else:
            self._show(figures, places, lost)

    def _show(self, figures: Market, places: list[str],
              lost: Sequence[LostInRegion]) -> None:
        self.figures, self.places = figures, places
        self.query_one("#market-title", Static).update(words.title(figures))
        self._brands(figures)
        self._bands("sizes", words.size_names(), figures.sizes, figures.total)
        self._bands("ages", words.age_names(), figures.ages, figures.total)
        self._candidates(figures)
        self.query_one(ProjectSection).show(figures.region)
        self.query_one(MarketIntel).show(figures.region)
        self.query_one(LostDeals).show(lost)

    def _section(self, name: str) -> tuple[BarChart, DataTable]:
        section = self.query_one(f"#market-{name}")
        return section.query_one(BarChart), section.query_one(DataTable)

    def _brands(self, figures: Market) -> None:
        chart, table = self._section("brands")
        labels = [words.brand_label(b.brand, b.own) for b in figures.brands]
        chart.set_bars([Bar(label, b.count, f"{b.count}  {words.share_text(b.share):>4}",
                            key=b.owners) for label, b in zip(labels, figures.brands, strict=True)])
        table.clear(columns=True)
        table.add_columns(t("market.col.brand"), t("market.col.count"), t("market.col.share"),
                          *words.size_names(), *words.age_names())
        table.add_rows([(label, b.count, words.share_text(b.share), *b.sizes, *b.ages)
                        for label, b in zip(labels, figures.brands, strict=True)])

    def _bands(self, name: str, names: list[str], counts: tuple[int, ...], total: int) -> None:
        chart, table = self._section(name)
        shares = [count / total if total else 0 for count in counts]
        chart.set_bars([Bar(band, count, f"{count}  {words.share_text(share):>4}")
                        for band, count, share in zip(names, counts, shares, strict=True)])
        table.clear(columns=True)
        table.add_columns(t("market.col.band"), t("market.col.count"), t("market.col.share"))
        table.add_rows([(band, count, words.share_text(share))
                        for band, count, share in zip(names, counts, shares, strict=True)])

    def _candidates(self, figures: Market) -> None:
        self.query_one("#market-rule", Static).update(words.due_rule(figures))
        table = self.query_one(CandidateTable)
        table.clear(columns=True)
        table.add_columns(t("market.col.owner"), t("market.col.region"), t("market.col.due"))
        for candidate in figures.candidates[:words.ROWS_SHOWN]:
            table.add_row(candidate.owner.name, candidate.owner.region or "-",
                          words.candidate_machines(candidate), key=str(candidate.owner.id))
        note = t("market.unowned", count=figures.unowned) if figures.unowned else ""
        if len(figures.candidates) > words.ROWS_SHOWN:
            more = t("market.more_owners", shown=words.ROWS_SHOWN, count=len(figures.candidates))
            note = f"{more} {note}".strip()
        if not figures.candidates:
            note = (t("market.no_candidates") + " " + note).strip()
        self.query_one("#market-unowned", Static).update(note)

    # ------------------------------------------------------------ regions
    def action_next_region(self) -> None:
        here = self.places.index(self.place) if self.place in self.places else -1
        self.place = self.places[(here + 1) % len(self.places)]
        self.compute(self.place)

    def action_type_region(self) -> None:
        """A field for the region, there only while typed in (the keys are letters)."""
        if not self.query("#market-region"):
            field = Input(placeholder=t("market.region_hint"), id="market-region")
            self.mount(field, after="#market-title")
            field.focus()

    def _close_region(self) -> None:
        for field in self.query("#market-region"):
            field.remove()
        self.query_one("#market-candidates").focus()

    @on(Input.Submitted, "#market-region")
    def _region_typed(self, event: Input.Submitted) -> None:
        self.place = clean(event.value).strip()
        self._close_region()
        self.compute(self.place)

    # ------------------------------------------------------------ leads
    @on(DataTable.RowSelected, "#market-candidates")
    def _owner_chosen(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.dismiss(MarketChoice((int(event.row_key.value),)))

    @on(DataTable.RowSelected, "#market-lost-table")
    def _lost_chosen(self, event: DataTable.RowSelected) -> None:
        lead_id = self.query_one(LostDeals).lead_of(event.row_key.value)
        if lead_id is not None:
            self.dismiss(MarketChoice((lead_id,)))

    @on(BarChart.Chosen)
    def _bar_chosen(self, event: BarChart.Chosen) -> None:
        if not event.key:
            self.notify(t("insights.no_leads"))
            return
        self.dismiss(MarketChoice(tuple(sorted(event.key))))

    def action_triage(self) -> None:
        if self.figures is None or not self.figures.candidates:
            self.notify(t("market.no_owners"))
            return
        self.dismiss(MarketChoice(tuple(self.figures.candidate_leads), triage=True))

    def action_add_machine(self) -> None:
        """A machine seen with no known owner; the figures count it at once."""
        from tui.screens.machine_form import MachineForm  # loaded when first used

        if self.app.writable():
            self.app.push_screen(MachineForm(None, self.app.store.now().date()),
                                 self._machine_added)

    def _machine_added(self, machine: object) -> None:
        if machine is not None:
            self.app.after_save()
            self.compute(self.place)

    def action_add_project(self) -> None:
        self.query_one(ProjectSection).add()

    def action_tables(self) -> None:
        self.toggle_class("-tables")

    def action_close(self) -> None:
        if self.query("#market-region"):
            self._close_region()
            return
        self.dismiss(None)
