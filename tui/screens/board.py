"""The board screen: four quadrants, the tray, the detail pane, and triage keys."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from functools import cached_property, partial

from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from store.board import TRAY, BoardIndex
from store.clash import Clash
from store.errors import ChangedSince, SaveFailed, StoreError
from store.foreground import behind_the_rep
from store.leadstore import MARKET_TABLES
from store.lost import LostAnswer, add_lost_lead, mark_lost
from store.model import QUADRANTS
from store.search.board import NarrowedBoard
from store.session import default_queue, queue_of
from store.text import visible
from tui.details import lead_sections
from tui.i18n import describe, error_text, t
from tui.insight_words import insights_help
from tui.live import OthersChanged
from tui.places import BOARD_BINDINGS, BOARD_BREAKPOINTS, empty_text, label_places, place_title
from tui.market_palette import MachinesProvider, ProjectsProvider
from tui.palette import ActionsProvider, LeadsProvider, ViewsProvider
from tui.rows import PlaceRows
from tui.screens.clash_actions import ClashActions
from tui.screens.help import HelpScreen, board_legend
from tui.screens.plan_actions import PlanActions
from tui.search_panel import SearchPanel, search_help, shown_with
from widgets.detail_pane import DetailPane
from widgets.key_bar import KeyBar
from widgets.lead_list import LeadList
from widgets.quadrant_board import PLACES_IN_ORDER, QuadrantBoard
from widgets.status_line import StatusLine
from widgets.unscrolled import Row

# Which place lies left/right of each, for h/l and the arrow keys.
# Shown in the key bar even when it is narrow: the rest are in the help screen.
PINNED_KEYS = ("help", "search")
# The market's census is built behind the board this long after its first
# paint, once the search's index is (one build at a time).
CENSUS_AFTER_S = 3.0
_BESIDE = {1: (None, 2), 2: (1, TRAY), 3: (None, 4), 4: (3, TRAY), TRAY: (2, None)}


class BoardScreen(ClashActions, PlanActions, Screen):
    COMMANDS = {LeadsProvider, ActionsProvider, ViewsProvider, ProjectsProvider,
                MachinesProvider}
    # Under 110 columns the tray and the detail pane slim down (leadboard.tcss).
    HORIZONTAL_BREAKPOINTS = BOARD_BREAKPOINTS
    BINDINGS = BOARD_BINDINGS
    # What a lead's row and its details show: all but saved views and sessions.
    FOLLOWS = frozenset({"leads", "contacts", "settings", "machines", *MARKET_TABLES})

    def __init__(self, order: BoardIndex | None = None) -> None:
        """``order``: the board's order when already worked out (by the
        loading that follows a preview); else it is worked out on mount."""
        super().__init__()
        self._order = order
        self.index: NarrowedBoard | None = None
        self._unsynced: set[int] = set()  # leads regraded, not yet on disk
        self._figure_shown = False  # the board shows the leads behind an insight

    @property
    def store(self):  # the app's store; a property so tests can reach it
        return self.app.store

    def compose(self) -> ComposeResult:
        yield StatusLine("", id="status")
        search = SearchPanel(self.app.search_index, self.show_only, id="search")
        search.display = False  # until "/"
        yield search
        with Row(id="main"):
            yield QuadrantBoard(
                {p: t("board.empty_place") for p in (*QUADRANTS, TRAY)}, id="board"
            )
            details = DetailPane(id="details")
            details.display = False  # until the rep opens it
            yield details
        yield Static(t("welcome.text"), id="welcome", classes="-hidden")
        yield KeyBar(describe=describe, pinned=PINNED_KEYS)

    def on_mount(self) -> None:
        label_places(self.board)
        self.index = NarrowedBoard(self._order or BoardIndex(self.store, self.store.now()))
        self._order = None
        # The index lives as long as the app: keep the collector from walking
        # its 100k keys again and again while the rep works.
        gc.freeze()
        self.refresh_board()
        self.board.choose(next((p for p in PLACES_IN_ORDER if self.index.count(p)), 1))
        self.board.focus()
        self.set_interval(60, self._tick)
        self.call_after_refresh(self.set_timer, CENSUS_AFTER_S, self._warm_census)
        self.call_after_refresh(self.load_screens_later)

    @work(thread=True, exit_on_error=False, group="census")
    def _warm_census(self) -> None:
        """The market's first opening then finds its census built."""
        if len(self.store.machines):
            with behind_the_rep():  # steps aside while a key is shown
                self.app.search_index.ready()
                self.store.warm_census()

    # ------------------------------------------------------------ helpers
    def unfiltered_order(self) -> BoardIndex | None:
        """The board's order for all its usual leads, if it has one at hand."""
        if self.index is None or self.index.board.shown is not None:
            return None
        return self.index.board

    # Looked up once: a move asks for them several times.
    @cached_property
    def board(self) -> QuadrantBoard:
        return self.query_one(QuadrantBoard)

    @cached_property
    def details(self) -> DetailPane:
        return self.query_one(DetailPane)

    @cached_property
    def status(self) -> StatusLine:
        return self.query_one("#status", StatusLine)

    def focused_list(self) -> LeadList | None:
        """The active place's list, while the board has the focus."""
        return self.board.active_list if self.focused is self.board else None

    def selected_lead_id(self) -> int | None:
        lead_list = self.focused_list()
        return lead_list.lead_id if lead_list else None

    def refresh_board(
        self, cursor_for: dict[int, int] | None = None, places: Iterable[int] = PLACES_IN_ORDER
    ) -> None:
        """Push the index's current order down into the lists and titles."""
        assert self.index is not None
        cursor_for = cursor_for or {}
        narrowed = self.index.only is not None or self.index.board.shown is not None
        for place in places:
            ids = self.index.places[place]
            lead_list = self.board.lead_list(place)
            lead_list.empty_text = empty_text(place, narrowed)
            lead_list.set_rows(PlaceRows(self.app.rows, ids), cursor_for.get(place))
            self.board.pane(place).set_title(*place_title(place, len(ids)))
        self.query_one("#welcome").set_class(bool(self.store.leads), "-hidden")
        self.refresh_status()
        self.refresh_details()

    def refresh_status(self, message: str = "") -> None:
        store = self.store
        parts = [t("app.title"), store.name, t("bar.leads", count=len(store.leads))]
        if store.read_only:
            parts.append(t("bar.read_only_folder" if store.folder_read_only else "bar.read_only"))
        if self.app.server_away:
            parts.append(t("live.bar.away"))
        if store.undo_label:
            parts.append(t("bar.undo", label=t(f"change.{store.undo_label}")))
        # The news stays whole (an exported file's path, say); the parts
        # that are always there are cut first.
        self.status.update("  ·  ".join(parts), f"  ·  {message}" if message else "")

    def refresh_details(self) -> None:
        pane = self.details
        if not pane.display:
            return
        lead_id = self.selected_lead_id()
        if lead_id is None or lead_id not in self.store.leads:
            pane.show(t("detail.nothing"), [])
            return
        lead = self.store.lead(lead_id)
        pane.show(visible(lead.name), lead_sections(self.store, lead), key=lead_id)

    def _tick(self) -> None:
        if self.index is not None and self.index.tick(self.store.now()):
            self.refresh_board()

    def _saved(self, changed: Iterable[int], cursor_for: dict[int, int] | None = None,
               durable: bool = True) -> None:
        """After a change: re-place the leads and repaint where they were and
        are. The status line says saved once the change is on disk."""
        assert self.index is not None
        before = {self.index.place_of(lead_id) for lead_id in changed}
        self.index.refresh(changed)
        after = {self.index.place_of(lead_id) for lead_id in changed}
        self.refresh_board(cursor_for, places=(before | after) - {None})
        if durable:
            self.refresh_status(t("bar.saved"))
            self.app.after_save()

    def _regrade(self, lead_id: int, change: Callable[[], object],
                 cursor_for: dict[int, int] | None = None) -> bool:
        """A triage key's regrade, shown at once. It is made durable before
        the frame that shows it while the disk is quick, so that one frame
        shows the change and "saved"; else straight after that frame: the
        rep does not wait on a slow disk. Either way the status line says
        saved only once the change is on disk."""
        refused = self.app.server_refuses()
        if refused:  # said at once, not shown and then taken back
            self.refresh_status(refused)
            self.notify(refused, severity="error", timeout=8)
            return False
        try:
            with self.store.sync_later():
                change()
        except StoreError as exc:
            self._failed(exc)
            return False
        self._unsynced.add(lead_id)
        self._saved([lead_id], cursor_for, durable=False)
        self.app.disk.save(self, self._make_durable)
        return True

    def _make_durable(self) -> None:
        changed, self._unsynced = self._unsynced, set()
        try:
            with self.app.disk.timed(counts=bool(changed)):
                self.store.sync()  # (nothing to do if a later change made it durable)
        except SaveFailed as exc:
            # The store has taken the regrades back: so does the board.
            self._saved(changed, durable=False)
            self._failed(exc)
            return
        if changed:
            self.refresh_status(t("bar.saved"))
            self.app.after_save()

    def others_changed(self, change: OthersChanged) -> None:
        """Other reps' changes, taken in by the store: the leads go where
        they now belong, and each list's cursor stays on the lead it was on
        (if that lead is still there), wherever the others landed."""
        assert self.index is not None
        lead_ids, rebuild = change.leads, "settings" in change.tables
        kept = {}
        for place in PLACES_IN_ORDER:
            lead_list = self.board.lead_list(place)
            if lead_list.lead_id is not None:
                kept[place] = lead_list.lead_id
        if rebuild:  # the threshold may have changed: every lead's quadrant with it
            self.index.rebuild()
        else:
            self.index.refresh(lead_ids)
        cursor_for = {place: self.index.places[place].index(lead_id)
                      for place, lead_id in kept.items()
                      if self.index.place_of(lead_id) == place}
        self.refresh_board(cursor_for)

    def _failed(self, exc: StoreError) -> None:
        if isinstance(exc, ChangedSince) and self.settle_clash(exc):
            return
        message = error_text(exc)
        self.refresh_status(message)
        self.notify(message, severity="error", timeout=8)

    # What a clash shows on the board (see ClashActions).
    def _show_reloaded(self, lead_ids: set[int]) -> None:
        assert self.index is not None
        self.index.refresh(lead_ids)
        self.refresh_board()

    def _say(self, message: str, severity: str) -> None:
        self.refresh_status(message)
        self.notify(message, severity=severity, timeout=10)

    def _made_again(self, clash: Clash, merged: bool) -> None:
        """A merge leaves the cursor where the rep's key left it; ``r``
        follows the lead, as the rep asked for it by name."""
        self._saved(clash.lead_ids)
        if not merged and len(clash.lead_ids) == 1:
            self._follow(next(iter(clash.lead_ids)))

    # ------------------------------------------------------------ events
    @on(LeadList.Highlighted)
    def _highlighted(self, event: LeadList.Highlighted) -> None:
        if event.lead_list is self.focused_list():
            self.refresh_details()

    @on(QuadrantBoard.Chosen)
    def _chosen(self, event: QuadrantBoard.Chosen) -> None:
        self.refresh_details()

    @on(LeadList.Activated)
    def _activated(self, event: LeadList.Activated) -> None:
        self.show_details(True)

    @on(QuadrantBoard.LeadDropped)
    def _dropped(self, event: QuadrantBoard.LeadDropped) -> None:
        if event.target == TRAY:
            self.notify(t("board.tray_drop"), severity="warning")
            return
        self.move_lead(event.lead_id, event.target)

    def show_only(self, lead_ids: frozenset[int] | None, active_only: bool = False) -> None:
        """Narrow the board to a search's matches (None: the whole board);
        ``active_only``: as for :meth:`NarrowedBoard.show_only`."""
        assert self.index is not None
        # Widening, the lead the rep was on stays under the cursor (a match
        # jumped to, say), not whatever row now sits where it was.
        kept = self.selected_lead_id() if lead_ids is None else None
        self.index.show_only(lead_ids, active_only)
        self.refresh_board()
        if kept is not None:
            self._follow(kept)

    @on(SearchPanel.Closed)
    def _search_closed(self, event: SearchPanel.Closed) -> None:
        if self.focused_list() is None:
            self._focus_step(0)

    @on(SearchPanel.Jump)
    def _jump(self, event: SearchPanel.Jump) -> None:
        self.jump_to(event.lead_id)

    def on_descendant_focus(self) -> None:
        self.refresh_details()

    # ------------------------------------------------------------ actions
    def action_next_place(self) -> None:
        self._focus_step(1)

    def action_previous_place(self) -> None:
        self._focus_step(-1)

    def _focus_step(self, step: int) -> None:
        """The next place in reading order (``step`` 0: the active one) gets the keys."""
        at = PLACES_IN_ORDER.index(self.board.place) if self.focused_list() else -step
        self.board.choose(PLACES_IN_ORDER[(at + step) % len(PLACES_IN_ORDER)])
        self._focus_board()

    def _focus_board(self) -> None:
        # Only when elsewhere: focus() repaints the whole board, even when it has it.
        if self.focused is not self.board:
            self.board.focus()

    def action_beside(self, side: int) -> None:
        current = self.focused_list()
        if current is None:
            return
        target = _BESIDE[current.place][side]
        if target is not None:
            self.board.choose(target)

    def action_move_to(self, quadrant: int) -> None:
        lead_id = self.selected_lead_id()
        if lead_id is not None:
            self.move_lead(lead_id, quadrant)

    def move_lead(self, lead_id: int, quadrant: int) -> None:
        """Regrade a lead into ``quadrant``; the cursor stays where it was,
        so it now rests on the next lead of the place the lead left."""
        assert self.index is not None
        source = self.index.place_of(lead_id)
        if source == quadrant:  # nothing to do: said, or the key would seem lost
            name = self.store.lead(lead_id).name
            self.refresh_status(t("bar.already_in", name=name, quadrant=quadrant))
            return
        source_list = self.board.lead_list(source) if source is not None else None
        cursor = {source: source_list.cursor} if source_list is not None else {}
        self._regrade(lead_id, lambda: self.store.move_to_quadrant(lead_id, quadrant), cursor)

    def action_step(self, axis: str, step: int) -> None:
        lead_id = self.selected_lead_id()
        if lead_id is None:
            return
        if self._regrade(lead_id, lambda: self.store.step(lead_id, axis, step)):
            self._follow(lead_id)

    def _follow(self, lead_id: int) -> None:
        """Keep the cursor on a lead that changed place or order."""
        assert self.index is not None
        place = self.index.place_of(lead_id)
        if place is None:
            return
        lead_list = self.board.lead_list(place)
        lead_list.cursor = self.index.places[place].index(lead_id)
        self.board.choose(place)
        self._focus_board()

    def action_undo(self) -> None:
        try:
            undone = self.store.undo()
        except StoreError as exc:
            self._failed(exc)
            return
        if undone is None:
            self.refresh_status(t("bar.nothing_to_undo"))
            return
        label, touched = undone
        lead_ids = {i for table, i in touched if table == "leads"}
        lead_ids |= {self.store.contacts[i].lead_id for table, i in touched
                     if table == "contacts" and i in self.store.contacts}
        lead_ids |= {self.store.machines[i].owner for table, i in touched
                      if table == "machines" and i in self.store.machines} - {None}
        assert self.index is not None
        if any(table == "settings" for table, _i in touched):
            self.index.rebuild()  # the threshold may be back: every lead's quadrant with it
        else:
            self.index.refresh(lead_ids)
        self.refresh_board()
        self.refresh_status(t("bar.undone", label=t(f"change.{label}")))
        if len(lead_ids) == 1:
            self._follow(next(iter(lead_ids)))

    def show_details(self, shown: bool) -> None:
        """Open or close the detail pane. Only its display changes: a class,
        even on the pane alone, has Textual match every rule again for the
        pane and all inside it, which took more time than its text."""
        self.details.display = shown
        self.refresh_details()

    def action_toggle_details(self) -> None:
        self.show_details(not self.details.display)

    def action_new_lead(self) -> None:
        from tui.screens.lead_form import LeadForm  # loaded when first used: quicker start

        if self.app.writable():
            self.app.push_screen(LeadForm(None, self.store.settings.threshold), self._form_done)

    def action_edit_lead(self) -> None:
        from tui.screens.lead_form import LeadForm  # loaded when first used: quicker start

        lead_id = self.selected_lead_id()
        if lead_id is None or not self.app.writable():
            return
        lead = self.store.lead(lead_id)
        self.app.push_screen(LeadForm(lead, self.store.settings.threshold), self._form_done)

    def _form_done(self, result: tuple[int | None, dict, LostAnswer | None] | None) -> None:
        if result is None:
            return
        lead_id, fields, lost = result
        try:
            if lost is not None:  # the lead and its lost deal, as one change
                lead = (add_lost_lead(self.store, answer=lost, **fields) if lead_id is None
                        else mark_lost(self.store, lead_id, lost, "edit_lead", **fields))
            elif lead_id is None:
                lead = self.store.add_lead(**fields)
            else:
                lead = self.store.edit_lead(lead_id, **fields)
        except StoreError as exc:
            self._failed(exc)
            return
        self._saved([lead.id])
        self._follow(lead.id)

    def action_add_machine(self) -> None:
        """A machine for the selected lead's fleet."""
        from tui.screens.machine_form import MachineForm  # loaded when first used

        lead_id = self.selected_lead_id()
        if lead_id is None or not self.app.writable():
            return
        owner = self.store.lead(lead_id)
        self.app.push_screen(MachineForm(owner, self.store.now().date()), self._fleet_changed)

    def action_fleet(self) -> None:
        """The selected lead's fleet, to edit or remove a machine of it."""
        from tui.screens.fleet import FleetDialog  # loaded when first used

        lead_id = self.selected_lead_id()
        if lead_id is None:
            return
        self.app.push_screen(FleetDialog(self.store.lead(lead_id)), self._fleet_changed)

    def _fleet_changed(self, machine: object) -> None:
        if not machine:  # None, or a fleet left unchanged
            return
        self.refresh_details()
        self.refresh_status(t("bar.saved"))
        self.app.after_save()

    def action_add_intel(self) -> None:
        """Market intel heard from the selected lead, its region filled in."""
        from tui.screens.intel_form import IntelForm  # loaded when first used

        lead_id = self.selected_lead_id()
        if self.app.writable():
            lead = self.store.lead(lead_id) if lead_id is not None else None
            self.app.push_screen(IntelForm(lead), self._intel_added)

    def _intel_added(self, entry: object) -> None:
        if entry is not None:
            self.refresh_status(t("bar.saved"))
            self.app.after_save()

    def action_link_project(self) -> None:
        """Put the selected lead on a project, or take it off one."""
        from tui.screens.link_project import LinkProject  # loaded when first used

        lead_id = self.selected_lead_id()
        if lead_id is not None and self.app.writable():
            self.app.push_screen(LinkProject(self.store.lead(lead_id)),
                                 partial(self._project_chosen, lead_id))

    def action_assign(self) -> None:
        """The manager hands the selected lead to a rep, or to the pool."""
        from store.errors import NotAllowed
        from tui.screens.assign import AssignScreen  # loaded when first used

        lead_id = self.selected_lead_id()
        if lead_id is None or not self.app.writable():
            return
        if not self.store.manager:
            self._failed(NotAllowed("assign"))
            return
        lead = self.store.lead(lead_id)
        self.app.push_screen(AssignScreen(lead.name, lead.owner),
                             partial(self._assigned, lead_id))

    def _assigned(self, lead_id: int, rep: str | None) -> None:
        if rep is None:
            return
        try:
            self.store.assign([lead_id], rep)
        except StoreError as exc:
            self._failed(exc)
            return
        self._saved([lead_id])

    def open_project(self, project_id: int) -> None:
        """The project's form (from the palette); a new name reaches its leads."""
        from tui.screens.project_form import ProjectForm  # loaded when first used

        if project_id in self.store.records("projects") and self.app.writable():
            project = self.store.record("projects", project_id)
            self.app.push_screen(ProjectForm(project, self.store.now().date()),
                                 lambda saved: saved and self._saved(saved.lead_ids))

    def _project_chosen(self, lead_id: int, project_id: int | None) -> None:
        """On the project, or off it when it was on."""
        from store.projects import TABLE, link, unlink

        if project_id is None:
            return
        lead, project = self.store.lead(lead_id), self.store.record(TABLE, project_id)
        on_it = lead_id in project.lead_ids
        try:
            (unlink if on_it else link)(self.store, lead_id, project_id)
        except StoreError as exc:
            self._failed(exc)
            return
        self._saved([lead_id])
        self.refresh_status(t("link.unlinked" if on_it else "link.linked",
                              lead=lead.name, project=project.name))

    def action_triage(self) -> None:
        """A session over the default queue, or over what the board shows when filtered."""
        assert self.index is not None
        if not self.app.writable():
            return
        if self.index.only is None and self.index.board.shown is None:
            queue = default_queue(self.index.board, self.store)
        else:  # narrowed by a search or a view: the leads it shows, in board order
            queue = queue_of(i for place in PLACES_IN_ORDER for i in self.index.places[place])
        self.start_session(queue)

    def start_session(self, queue) -> None:
        """Shows what the queue holds, then the session when the rep starts it."""
        from tui.screens.session import SessionScreen, SessionStart  # when first used

        def started(start: bool | None) -> None:
            if start:
                self.app.push_screen(SessionScreen(self.store, queue), self._session_done)

        self.app.push_screen(SessionStart(queue), started)

    def _session_done(self, changed: set[int] | None) -> None:
        assert self.index is not None
        self.index.refresh(changed or ())
        self.refresh_board()

    def action_import_leads(self) -> None:
        if not self.app.writable():
            return
        from tui.screens.importing import ImportScreen  # loaded when first used

        self.app.push_screen(ImportScreen(), self._imported)

    def _imported(self, changed: bool | None) -> None:
        if changed and self.index is not None:
            self.index.rebuild()
            self.refresh_board()
            self.refresh_status(t("bar.saved"))

    def action_search(self) -> None:
        assert self.index is not None
        self.query_one(SearchPanel).open()
        # What the first narrowing needs (the board's 100k leads gathered),
        # once the bar is painted: the rep reads it before typing.
        self.call_after_refresh(self._prepare_search)

    def _prepare_search(self) -> None:
        assert self.index is not None
        self.index.prepare()
        # Kept while the bar is used: out of the collector's sight, or its
        # collections would walk them all again as the rep types.
        gc.freeze()

    def action_insights(self) -> None:
        """What works, over the board's search when there is one."""
        from tui.screens.insights import InsightsScreen  # when first used

        text = self.query_one(SearchPanel).text.strip()
        self.app.push_screen(InsightsScreen(text), self._insights_done)

    def _insights_done(self, lead_ids: frozenset[int] | None) -> None:
        """Enter on a figure: the board shows the leads behind it, won and
        lost ones too, until esc."""
        if lead_ids:
            self._show_figure(lead_ids, t("insights.shown", count=len(lead_ids)))

    def _show_figure(self, lead_ids: frozenset[int], status: str) -> None:
        panel = self.query_one(SearchPanel)
        panel.reset()
        self.show_only(lead_ids)
        self._figure_shown = True
        self.refresh_status(status)
        if self.focused_list() is None:
            self._focus_step(0)

    def action_market(self) -> None:
        """The installed base and the owners due for replacement."""
        from tui.screens.market import MarketScreen  # when first used

        self.app.push_screen(MarketScreen(), self._market_done)

    def _market_done(self, choice) -> None:
        """An owner opened (its details shown), the owners of a brand, or a
        triage session over the owners due for replacement."""
        self.refresh_status()  # intel, outlets or profiles may have been saved there
        if choice is None:
            return
        if choice.triage:
            if self.app.writable():
                self.start_session(queue_of(choice.lead_ids))
            return
        self._show_figure(frozenset(choice.lead_ids),
                          t("market.shown", count=len(choice.lead_ids)))
        if len(choice.lead_ids) == 1:
            self._follow(choice.lead_ids[0])
            self.show_details(True)

    def open_search(self, text: str) -> None:
        self.query_one(SearchPanel).open(text)

    def action_clear_search(self) -> None:
        panel = self.query_one(SearchPanel)
        if panel.display:
            panel.action_close()
        elif self._figure_shown:  # the leads behind a figure of the insights
            self._figure_shown = False
            self.show_only(None)
            self.refresh_status()

    def delete_view(self, view_id: int) -> None:
        """Forget a saved view (``u`` brings it back)."""
        try:
            self.store.delete_view(view_id)
        except StoreError as exc:
            self._failed(exc)
            return
        self.refresh_status(t("bar.saved"))

    def jump_to(self, lead_id: int) -> None:
        """Put the cursor on a lead (shown by the filter or not) and open its details."""
        assert self.index is not None
        if self.index.place_of(lead_id) is None and lead_id in self.store.leads:
            self.query_one(SearchPanel).reset()
            self.index.set_filter(shown_with(self.store, lead_id))
            self.refresh_board()
        self._follow(lead_id)
        self.show_details(True)

    def action_help(self) -> None:
        sections = [
            (t("help.board"), self),
            (t("help.lists"), self.board),
            (t("help.app"), self.app),
        ]
        extra = [board_legend(), insights_help(), *search_help(self.store)]
        self.app.push_screen(HelpScreen(sections, extra))
