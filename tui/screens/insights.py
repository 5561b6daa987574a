"""Insights: what works, as charts with their tables, over a period picked
with one key. The figures are worked out in a worker and shown section by
section as they come; enter on a bar or a cell opens the board on the leads
behind it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Input, Sparkline, Static
from textual.worker import get_current_worker

from store.dates import DateInputError
from store.insights import Reach, Scope, sections
from store.insights.chosen import query_leads
from store.search import BadQuery
from tui import insight_views as views
from tui.export_words import read_day
from tui.i18n import describe, error_text, label, t
from tui.insight_words import report_span
from tui.live import CountsAgain
from widgets.bar_chart import BarChart
from widgets.key_bar import KeyBar

ORDER = ("sources", "quadrants", "funnel", "activity", "goals", "lost")
PINNED_KEYS = ("close",)
RANGE_SPLIT = ("~", "至", " to ", "–", "—")


class InsightsScreen(CountsAgain, Screen[frozenset[int] | None]):
    """Dismisses with the leads to show on the board, or None."""

    CSS_PATH = str(Path(__file__).resolve().parents[1] / "insights.tcss")
    BINDINGS = [
        Binding("w", "reach('week')", "Week", id="insights.week"),
        Binding("m", "reach('month')", "Month", id="insights.month"),
        Binding("q", "reach('quarter')", "Quarter", id="insights.quarter"),
        Binding("y", "reach('year')", "Year", id="insights.year"),
        Binding("f", "range", "From – to", id="insights.range"),
        Binding("v", "tables", "Tables", id="insights.tables"),
        Binding("escape,a", "close", "Board", id="insights.close"),
    ]
    # The figures count leads, their contacts and lost deals (quadrants by the threshold).
    FOLLOWS = frozenset({"leads", "contacts", "lost_deals", "settings"})

    def __init__(self, query: str = "", reach: Reach = Reach.QUARTER) -> None:
        super().__init__()
        self.query_text = query
        self.reach = reach
        self.span_days: tuple | None = None  # (first, last) typed with f
        self.chosen: frozenset[int] | None = None
        self.cells: dict[str, dict[tuple[int, int], tuple[int, ...]]] = {}
        self.migration = None

    def compose(self) -> ComposeResult:
        yield Static("", id="insights-title")
        with VerticalScroll(id="insights-body"):
            for name in ORDER:
                with Vertical(id=f"section-{name}", classes="insights-section"):
                    yield Static(h_title(name), classes="section-title")
                    yield Static(t("insights.working"), classes="section-note")
        yield KeyBar(describe=describe, pinned=PINNED_KEYS)

    def on_mount(self) -> None:
        self.query_one("#insights-body").focus()
        if self.query_text:
            try:
                self.chosen = query_leads(self.app.store, self.query_text)
            except BadQuery:
                self.chosen, self.query_text = None, ""
        self.recompute()

    # ------------------------------------------------------------ period
    def scope(self) -> Scope:
        now = self.app.store.now()
        if self.span_days is not None:
            span, kind = report_span(self.reach, now, *self.span_days)
        else:
            span, kind = report_span(self.reach, now)
        return Scope(span, kind, now, self.chosen, self.query_text)

    def action_reach(self, reach: str) -> None:
        self.reach, self.span_days = Reach(reach), None
        self.recompute()

    def action_range(self) -> None:
        """A field for the days, there only while typed in (the period keys
        are letters)."""
        if not self.query("#insights-range"):
            field = Input(placeholder=t("insights.range_hint"), id="insights-range")
            self.mount(field, after="#insights-title")
            field.focus()

    def _close_range(self) -> None:
        for field in self.query("#insights-range"):
            field.remove()
        self.query_one("#insights-body").focus()

    @on(Input.Submitted, "#insights-range")
    def _range_typed(self, event: Input.Submitted) -> None:
        text, now = event.value.strip(), self.app.store.now()
        parts = next((text.split(sep, 1) for sep in RANGE_SPLIT if sep in text), [text])
        try:
            days = tuple(read_day(part.strip(), now) for part in parts if part.strip())
            if len(days) != 2:
                raise DateInputError("order", text)
            report_span(self.reach, now, *days)
        except DateInputError as exc:
            self.notify(error_text(exc), severity="error")
            return
        self.span_days = days
        self._close_range()
        self.recompute()

    # ------------------------------------------------------------ figures
    def recompute(self) -> None:
        scope = self.scope()
        last = (scope.span.end - timedelta(days=1)).date()
        self.query_one("#insights-title", Static).update(t(
            "insights.title", period=label("reach", scope.period), start=scope.span.start.date(),
            end=last, who=self.query_text or t("report.all_leads")))
        for name in ORDER:
            self._note(name, t("insights.working"))
        self.migration = None
        self.compute(scope)

    def count_again(self) -> None:
        """With other reps' changes (see CountsAgain): each section redrawn
        as its figures come, where the rep is in it (no "working" notes between)."""
        self.compute(self.scope())

    @work(thread=True, exclusive=True, exit_on_error=False)
    def compute(self, scope: Scope) -> None:
        worker = get_current_worker()
        for name, value in sections(self.app.store, scope):
            if worker.is_cancelled:
                return
            self.app.call_from_thread(self.show_section, name, value)

    async def show_section(self, name: str, value) -> None:
        if name == "migration":
            self.migration = value
            name, picture = "quadrants", views.quadrants(self._quadrants, value)
        elif name == "quadrants":
            self._quadrants = value
            return
        else:
            picture = getattr(views, name)(value)
        await self._draw(name, picture)

    def _note(self, name: str, text: str) -> None:
        section = self.query_one(f"#section-{name}")
        section.query_one(".section-note", Static).update(text)

    async def _draw(self, name: str, picture: views.Picture) -> None:
        section = self.query_one(f"#section-{name}")
        drawn = list(section.query(".section-chart, .section-table"))
        if _redrawn_in_place(drawn, picture):  # the same charts and tables, new figures
            self._note(name, picture.note)
            self.cells.update(_table_leads(name, picture))
            return
        focused = self.focused if self.focused in drawn else None
        body = self.query_one("#insights-body")
        scrolled = body.scroll_y
        await section.query(".section-chart, .section-table").remove()
        self._note(name, picture.note)
        widgets = []
        if picture.spark is not None:
            widgets.append(Sparkline(picture.spark, classes="section-chart"))
        for caption, bars in picture.charts:
            widgets.append(Static(caption, classes="section-chart chart-caption"))
            widgets.append(BarChart(bars, classes="section-chart"))
        self.cells[name] = {}
        for number, table in enumerate(picture.tables):
            grid = DataTable(classes="section-table", cursor_type="cell", zebra_stripes=True,
                             id=f"table-{name}-{number}")
            grid.add_columns(*table.headers)
            grid.add_rows(table.rows)
            widgets.append(grid)
        self.cells.update(_table_leads(name, picture))
        await section.mount_all(widgets)
        if focused is not None:  # drawn again under the rep: the same place in it
            _take_place(focused, widgets[min(drawn.index(focused), len(widgets) - 1)])
        body.scroll_to(y=scrolled, animate=False, immediate=True)

    # ------------------------------------------------------------ opening
    @on(BarChart.Chosen)
    def _bar_chosen(self, event: BarChart.Chosen) -> None:
        self._open(event.key)

    @on(DataTable.CellSelected)
    def _cell_chosen(self, event: DataTable.CellSelected) -> None:
        cells = self.cells.get(event.data_table.id or "", {})
        self._open(cells.get((event.coordinate.row, event.coordinate.column), ()))

    def _open(self, leads) -> None:
        if not leads:
            self.notify(t("insights.no_leads"))
            return
        self.dismiss(frozenset(leads))

    def action_tables(self) -> None:
        self.toggle_class("-tables")

    def action_close(self) -> None:
        if self.query("#insights-range"):
            self._close_range()
            return
        self.dismiss(None)


def _table_leads(name: str, picture: views.Picture) -> dict[str, dict]:
    """The leads behind each table's cells, by the table's id."""
    return {f"table-{name}-{number}": table.leads for number, table in enumerate(picture.tables)}


def _redrawn_in_place(drawn: list[Widget], picture: views.Picture) -> bool:
    """Give a section's widgets the picture's new figures, where the picture
    has the same charts and tables (other reps' changes, a count again): the
    rep's cursor and focus stay, and the section is never empty between.
    False, nothing changed, where its shape differs."""
    sparks = [w for w in drawn if isinstance(w, Sparkline)]
    charts = [w for w in drawn if isinstance(w, BarChart)]
    captions = [w for w in drawn if w.has_class("chart-caption")]
    grids = [w for w in drawn if isinstance(w, DataTable)]
    if (len(sparks) != (picture.spark is not None) or len(charts) != len(picture.charts)
            or len(grids) != len(picture.tables)
            or any([str(c.label) for c in g.columns.values()] != list(table.headers)
                   for g, table in zip(grids, picture.tables))):
        return False
    for spark in sparks:
        spark.data = picture.spark
    for caption, chart, (text, bars) in zip(captions, charts, picture.charts):
        caption.update(text)
        chart.set_bars(bars)
    for grid, table in zip(grids, picture.tables):
        row, column = grid.cursor_coordinate
        grid.clear()
        grid.add_rows(table.rows)
        if grid.row_count:
            grid.move_cursor(row=min(row, grid.row_count - 1), column=column, scroll=False)
    return True


def _take_place(old: Widget, new: Widget) -> None:
    """Focus ``new`` where ``old`` had its cursor, if it is the same kind."""
    if type(new) is not type(old):
        return
    if isinstance(old, DataTable) and isinstance(new, DataTable) and new.row_count:
        row, column = old.cursor_coordinate
        new.move_cursor(row=min(row, new.row_count - 1), column=column, scroll=False)
    elif isinstance(old, BarChart) and isinstance(new, BarChart):
        new.cursor = min(old.cursor, max(0, len(new.bars) - 1))
    new.focus(scroll_visible=False)


def h_title(name: str) -> str:
    if name == "quadrants":  # its chart says what it counts: the section, where it is
        return t("insights.section.quadrants")
    key = {"lost": "lost_deals"}.get(name, name)
    return t(f"report.{key}")
