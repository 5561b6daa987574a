"""The plan: today's, this week's or this month's contacts, overdue on top,
and the active leads with no next step. Keys work through the day's contacts.

The forms its keys open are imported when first opened: the plan is put up
on a key, and what it loads then is in that key's time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Region
from textual.screen import Screen
from textual.widgets import Static

from store.contacts import propose_follow_up
from store.clash import Clash
from store.errors import ChangedSince, StoreError
from store.model import ContactStatus
from store.plan import Period, PlanView, period_span, plan_view, unplanned_leads
from tui.i18n import describe, t
from tui.live import OthersChanged
from tui.plan_rows import CONTACT_WIDTHS, LEAD_WIDTHS, LazyRows, contact_row, lead_row
from tui.screens.clash_actions import ClashActions
from tui.when_text import plan_error
from widgets.key_bar import KeyBar
from widgets.lead_row import pad
from widgets.plan_list import PlanList
from widgets.tab_line import TabLine

UNPLANNED = "unplanned"
# Shown in the key bar even when it is narrow: the rest are in the help screen.
PINNED_KEYS = ("help",)
TABS = (Period.DAY.value, Period.WEEK.value, Period.MONTH.value, UNPLANNED)


class PlanScreen(ClashActions, Screen[tuple[set[int], int | None]]):
    """Dismisses with the leads it changed and the lead to open (or None)."""

    BINDINGS = [
        Binding("d", "tab('day')", "Day", id="plan.day"),
        Binding("w", "tab('week')", "Week", id="plan.week"),
        Binding("m", "tab('month')", "Month", id="plan.month"),
        Binding("n", "tab('unplanned')", "No next step", id="plan.unplanned"),
        Binding("c", "log", "Log", id="plan.log"),
        Binding("r", "reschedule", "Reschedule", id="plan.reschedule"),
        # Cancelling asks first (a dialog with the next step); x exports here
        # as on the board, so the key means one thing everywhere.
        Binding("delete,backspace", "cancel_contact", "Cancel contact…", id="plan.cancel"),
        Binding("x", "export", "Export", id="plan.export"),
        Binding("t", "prep", "Preparation", id="plan.prep"),
        Binding("s", "schedule", "Schedule", id="plan.schedule"),
        Binding("o", "open_lead", "Open lead", id="plan.open"),
        Binding("u", "undo", "Undo", id="plan.undo"),
        Binding("escape,p", "close", "Board", id="plan.close"),
        Binding("question_mark", "help", "Help", id="plan.help"),
    ]
    # A row shows its contact, its lead and the lead's quadrant (the threshold's).
    FOLLOWS = frozenset({"leads", "contacts", "settings"})

    def __init__(self, tab: str = Period.DAY.value) -> None:
        super().__init__()
        self.tab = tab
        self.touched: set[int] = set()
        self.shown: Sequence[int] = ()  # the rows' keys: contacts, or leads with no next step

    @property
    def store(self):
        return self.app.store

    def compose(self) -> ComposeResult:
        yield Static("", id="plan-heading")
        yield TabLine([(name, t(f"plan.tab.{name}")) for name in TABS], self.tab, id="plan-tabs")
        yield Static("", id="plan-columns")
        yield PlanList(CONTACT_WIDTHS, t("plan.empty"), id="plan-list")
        yield KeyBar(describe=describe, pinned=PINNED_KEYS)

    # Focused as the screen is put up, so its first frame shows the cursor as
    # focused (a focus() call would land a frame later).
    AUTO_FOCUS = "#plan-list"

    def on_mount(self) -> None:
        self.show_plan()

    def start(self, tab: str = Period.DAY.value) -> None:
        """Opened again (the screen is kept between openings): on ``tab``,
        nothing changed yet, the rows read afresh."""
        self.touched = set()
        if self.is_mounted:
            self._show_tab(tab)
        else:  # the first opening: shown on mount
            self.tab = tab

    def draw_ahead(self) -> None:
        """Every part's lines drawn once while the board is up, so that the
        first opening paints from them as later ones do."""
        for widget in (self, *self.query("*")):
            region = widget.region
            if region:
                widget.render_lines(Region(0, 0, region.width, region.height))

    @property
    def plan_list(self) -> PlanList:
        return self.query_one(PlanList)

    def show_plan(self) -> None:
        """Paint the current tab; costs the period's contacts, not the leads."""
        store, now = self.store, self.store.now()
        unplanned = len(store.unplanned)
        if self.tab == UNPLANNED:
            # The board's order below, less what this screen changed since.
            board = self.app.board
            order = board.unfiltered_order() if board is not None else None
            ids = self.shown = unplanned_leads(store, order, self.touched)
            self.plan_list.set_rows(LazyRows(ids, lambda i: lead_row(store, i)), LEAD_WIDTHS)
            columns = ("plan.col.lead", "plan.col.quadrant", "field.company", "field.region",
                       "field.phones")
            heading = t("plan.heading.unplanned", count=unplanned)
            widths = LEAD_WIDTHS
        else:
            span = period_span(Period(self.tab), now)
            ids = self.shown = plan_view(store, span, now)
            self.plan_list.set_rows(LazyRows(ids, lambda i: contact_row(store, i, now)),
                                    CONTACT_WIDTHS)
            columns = ("plan.col.time", "plan.col.lead", "plan.col.quadrant", "plan.col.method",
                       "plan.col.purpose", "plan.col.prep", "plan.col.status", "field.company")
            heading = t("plan.heading", period=self._period_name(span.start, span.end),
                        count=len(ids), overdue=len(ids.overdue), unplanned=unplanned)
            widths = CONTACT_WIDTHS
        # Both lines are one high and the screen wide whatever they say: no
        # layout of the whole screen is needed to repaint them.
        self.query_one("#plan-heading", Static).update(heading, layout=False)
        # The last heading takes the rest of the line, as the table's last column.
        cells = [pad(t(key), w) for key, w in zip(columns, widths)]
        self.query_one("#plan-columns", Static).update(
            " " + " ".join([*cells, *(t(key) for key in columns[len(cells):])]), layout=False)

    def others_changed(self, change: OthersChanged) -> None:
        """Other reps' contacts and leads, as they are now: the cursor stays
        on its row, or goes to the nearest of its old neighbours still shown."""
        before, at = self.shown, self.plan_list.cursor
        self.show_plan()
        self.plan_list.cursor = nearest(before, at, self.shown)

    def _period_name(self, start: datetime, end: datetime) -> str:
        if self.tab == Period.DAY.value:
            return t(f"weekday.{start.weekday()}") + " " + start.strftime("%Y-%m-%d")
        if self.tab == Period.WEEK.value:
            return t("plan.week_of", start=start.strftime("%Y-%m-%d"))
        return start.strftime("%Y-%m")

    # ------------------------------------------------------------ selection
    def _contact_id(self) -> int | None:
        return None if self.tab == UNPLANNED else self.plan_list.key

    def _lead_id(self) -> int | None:
        key = self.plan_list.key
        if key is None:
            return None
        return key if self.tab == UNPLANNED else self.store.contacts[key].lead_id

    def _changed(self, lead_id: int, message: str = "") -> None:
        self.touched.add(lead_id)
        self.show_plan()
        self.notify(message or t("bar.saved"), timeout=3)

    # ------------------------------------------------------------ actions
    def action_tab(self, name: str) -> None:
        # The rows change in the same turn as the tab's mark, so both are
        # painted in one frame.
        if name != self.tab:
            self._show_tab(name)

    @on(TabLine.Chosen)
    def _tab_clicked(self, event: TabLine.Chosen) -> None:
        self.action_tab(event.name)

    def _show_tab(self, name: str) -> None:
        self.tab = name
        self.query_one(TabLine).active = name
        self.plan_list.cursor = 0
        self.show_plan()

    @on(PlanList.Chosen)
    def _chosen(self) -> None:
        if self.tab == UNPLANNED:
            self.action_schedule()
        else:
            self.action_log()

    def action_log(self) -> None:
        """Log a contact: the one under the cursor, or (on the tab of leads with
        no next step) a new one with the lead under the cursor."""
        lead_id = self._lead_id()
        if lead_id is None or not self.app.writable():
            return
        lead = self.store.lead(lead_id)
        planned = [c for c in self.store.contacts_of(lead.id) if c.status is ContactStatus.PLANNED]
        contact_id = self._contact_id()
        chosen = contact_id if any(c.id == contact_id for c in planned) else None
        from tui.screens.log_form import LogForm

        self.app.push_screen(LogForm(lead, planned, chosen),
                             lambda done: done and self._changed(lead.id))

    def action_schedule(self) -> None:
        lead_id = self._lead_id()
        if lead_id is None or not self.app.writable():
            return
        lead = self.store.lead(lead_id)
        proposed = propose_follow_up(self.store, lead_id, self.store.now())
        from tui.screens.contact_form import ContactForm

        self.app.push_screen(ContactForm(lead, proposed),
                             lambda done: done and self._changed(lead_id))

    def action_reschedule(self) -> None:
        contact_id = self._contact_id()
        if contact_id is None or not self.app.writable():
            return
        contact = self.store.contacts[contact_id]
        from tui.screens.reschedule import RescheduleForm

        self.app.push_screen(RescheduleForm(contact),
                             lambda done: done and self._changed(contact.lead_id))

    def action_prep(self) -> None:
        contact_id = self._contact_id()
        if contact_id is None:
            return
        contact = self.store.contacts[contact_id]
        from tui.screens.prep import PrepForm

        self.app.push_screen(PrepForm(contact), lambda done: done and self._changed(contact.lead_id))

    def action_cancel_contact(self) -> None:
        contact_id = self._contact_id()
        if contact_id is None or not self.app.writable():
            return
        contact = self.store.contacts[contact_id]
        if contact.status is not ContactStatus.PLANNED:
            return
        from tui.screens.cancel_form import CancelForm

        self.app.push_screen(
            CancelForm(self.store.lead(contact.lead_id), contact),
            lambda done: done and self._changed(contact.lead_id, t("plan.cancelled")))

    def action_export(self) -> None:
        """The export dialog, for this tab's period (a week for the leads
        with no next step: they are in every export)."""
        period = Period.WEEK if self.tab == UNPLANNED else Period(self.tab)
        from tui.screens.export import ExportForm

        self.app.push_screen(ExportForm(period),
                             lambda path: path and self.notify(t("export.done", path=path),
                                                               timeout=6))

    def action_undo(self) -> None:
        try:
            undone = self.store.undo()
        except StoreError as exc:
            # Refused over another rep's change: told who, as on the board.
            if not (isinstance(exc, ChangedSince) and self.settle_clash(exc)):
                self.notify(plan_error(exc), severity="error")
            return
        if undone is None:
            self.notify(t("bar.nothing_to_undo"))
            return
        label, touched = undone
        for table, item_id in touched:
            if table == "leads":
                self.touched.add(item_id)
            elif item_id in self.store.contacts:
                self.touched.add(self.store.contacts[item_id].lead_id)
        self.show_plan()
        self.notify(t("bar.undone", label=t(f"change.{label}")))

    # What an undo refused over another rep's change shows (see ClashActions;
    # an undo is never made again, so nothing here waits for a key).
    def _show_reloaded(self, lead_ids: set[int]) -> None:
        self.touched |= lead_ids
        self.show_plan()

    def _say(self, message: str, severity: str) -> None:
        self.notify(message, severity=severity, timeout=10)

    def _made_again(self, clash: Clash, merged: bool) -> None:
        self._show_reloaded(clash.lead_ids)

    def action_open_lead(self) -> None:
        self.dismiss((self.touched, self._lead_id()))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen([(t("help.plan"), self),
                                         (t("help.plan_list"), self.plan_list),
                                         (t("help.app"), self.app)]))

    def action_close(self) -> None:
        self.dismiss((self.touched, None))


def nearest(before: Sequence[int], at: int, after: Sequence[int]) -> int:
    """Where a cursor on row ``at`` of ``before`` goes in ``after``: onto the
    same key, else onto the closest old neighbour left (the one below first)."""
    if not after or not before or at >= len(before):
        return 0
    row_of = after.row_of if isinstance(after, PlanView) else rows_by_key(after)
    for step in range(len(before)):
        for row in (at + step, at - step) if step else (at,):
            if 0 <= row < len(before) and (found := row_of(before[row])) is not None:
                return found
    return min(at, len(after) - 1)


def rows_by_key(rows: Sequence[int]):
    """A key's row in ``rows``, found in a table made at the first question."""
    where: dict[int, int] = {}

    def row_of(key: int) -> int | None:
        if not where:
            where.update((key, row) for row, key in enumerate(rows))
        return where.get(key)

    return row_of
