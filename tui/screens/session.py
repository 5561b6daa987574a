"""Triage sessions: a queue shown one lead at a time, one key per decision.

The forms its keys open are imported when first opened: a session is put
up on a key, and what it loads then is in that key's time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.timer import Timer
from textual.widgets import Static

from store.clash import Clash
from store.errors import ChangedSince, SaveFailed, StoreError
from store.leadstore import LeadStore
from store.lost import LostAnswer
from store.contacts import propose_follow_up
from store.model import Contact, Lead, Status
from store.text import visible
from store.session import (
    QUEUE_LIMIT,
    Queue,
    TriageSession,
    decide_lost,
    decide_quadrant,
    decide_status,
    decide_step,
    decided_elsewhere,
    lost_reasons,
    mark_reviewed,
    quadrant_decision,
    save_record,
)
from tui.details import lead_sections
from tui.i18n import describe, error_text, language, t
from tui.keys import grade_keys
from tui.live import OthersChanged
from tui.screens.clash_actions import ClashActions
from widgets.detail_pane import DetailSection
from widgets.key_bar import KeyBar
from widgets.lead_sheet import LeadSheet
from widgets.status_line import StatusLine

# Shown in the key bar even when it is narrow: how to go on, take back and stop.
PINNED_KEYS = ("skip", "undo", "end", "help")
# Seconds after showing a lead to make the next one's view: well before a
# rep's next key, well after the frame has gone out.
PREPARE_AFTER = 0.005

def _reps(by: dict[int, str], lead_ids: list[int]) -> str:
    """Who made the changes to these leads, each named once."""
    return ", ".join(dict.fromkeys(by[i] for i in lead_ids if by.get(i))) or t(
        "session.others.someone")


def _elapsed(since: datetime, now: datetime) -> str:
    seconds = max(int((now - since).total_seconds()), 0)
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class SessionStart(ModalScreen[bool]):
    """Shows what the queue holds before the rep commits to it."""

    BINDINGS = [
        Binding("enter", "start", "Start", id="session.start"),
        Binding("escape", "cancel", "Cancel", id="session.cancel"),
    ]

    def __init__(self, queue: Queue) -> None:
        super().__init__()
        self.queue = queue

    def compose(self) -> ComposeResult:
        lines = [t("session.start.title", count=len(self.queue.lead_ids)), ""]
        found = self.queue.found
        for kind, count in self.queue.makeup.items():
            kind_text = t(f"session.kind.{kind}")
            if kind in found and found[kind] is None:  # the queue filled before counting them
                lines.append(t("session.makeup.uncounted", kind=kind_text, count=count))
            elif found.get(kind, count) > count:
                lines.append(t("session.makeup.of", kind=kind_text, count=count,
                               found=found[kind]))
            else:
                lines.append(t("session.makeup.line", kind=kind_text, count=count))
        if any(found.get(kind, count) != count for kind, count in self.queue.makeup.items()):
            lines += ["", t("session.makeup.capped", limit=QUEUE_LIMIT)]
        lines += ["", t("session.start.hint") if self.queue.lead_ids else t("session.empty")]
        with Vertical(id="session-start", classes="dialog"):
            yield Static("\n".join(lines), markup=False)

    def action_start(self) -> None:
        self.dismiss(bool(self.queue.lead_ids))

    def action_cancel(self) -> None:
        self.dismiss(False)


class SessionSummary(ModalScreen[None]):
    BINDINGS = [Binding("escape,enter,q", "close", "Close", id="summary.close")]

    def __init__(self, counts: dict[str, int], queued: int, elapsed: str,
                 lost_reasons: dict[str, int] | None = None) -> None:
        super().__init__()
        self.counts = counts
        self.queued = queued
        self.elapsed = elapsed
        self.lost_reasons = lost_reasons or {}

    def compose(self) -> ComposeResult:
        decided = sum(v for k, v in self.counts.items() if k != "skipped")
        lines = [t("summary.title", decided=decided, queued=self.queued, elapsed=self.elapsed), ""]
        for kind, count in self.counts.items():
            lines.append(t("summary.line", what=t(f"summary.{kind}"), count=count))
            if kind == "lost":  # what the lost leads say about the offer, under their count
                lines += [t("summary.lost_reason", reason=reason, count=n)
                          for reason, n in self.lost_reasons.items()]
        with Vertical(id="session-summary", classes="dialog"):
            yield Static("\n".join(lines), markup=False, id="summary-text")

    def action_close(self) -> None:
        self.dismiss(None)


class SessionScreen(ClashActions, Screen[set[int]]):
    """One lead in full view; each key decides and moves to the next lead.

    On a team's base, other reps' decisions reach it as they are made (see
    :meth:`others_changed`), and a decision that clashes with one is told
    and settled as on the board. Dismisses with the ids of the leads it
    changed, for the board to re-place.
    """

    KEYS_ARE_BINDINGS = True  # no key handlers: see LeadboardApp._bound_here
    FOLLOWS = frozenset({"leads", "contacts"})  # the queue's leads and their contacts

    BINDINGS = [
        Binding("1", "quadrant(1)", "Q1", id="session.q1"),
        Binding("2", "quadrant(2)", "Q2", id="session.q2"),
        Binding("3", "quadrant(3)", "Q3", id="session.q3"),
        Binding("4", "quadrant(4)", "Q4", id="session.q4"),
        *grade_keys("session"),
        Binding("s", "schedule", "Schedule", id="session.schedule"),
        Binding("d", "dormant", "Dormant", id="session.dormant"),
        Binding("w", "status('won')", "Won", id="session.won"),
        Binding("x", "lost", "Lost", id="session.lost"),
        Binding("space,right", "skip", "Skip", id="session.skip"),
        Binding("left", "back", "Back", id="session.back"),
        Binding("u", "undo", "Undo", id="session.undo"),
        Binding("r", "again", "Again", id="session.again"),
        # q ends the session as Esc does (summary first), not the whole app.
        Binding("escape,q", "end", "End", id="session.end"),
        Binding("question_mark", "help", "Help", id="session.help"),
    ]

    def __init__(self, store: LeadStore, queue: Queue) -> None:
        super().__init__()
        self.store = store
        self.session = TriageSession(queue, store.now())
        self.changed: set[int] = set()
        self._ahead: tuple[tuple, list[DetailSection]] | None = None  # the next lead's view
        self._preparing: Timer | None = None
        # Kept at hand rather than queried: every key updates them.
        self.progress = StatusLine(id="session-progress")
        self.sheet = LeadSheet(id="session-lead")
        self.message = StatusLine(id="session-message")
        self._progress_width = 0
        # A decision refused by a clash: its lead, and what the session
        # records once the rep's change is saved again (merged, or on r).
        self._pending: tuple[int, Callable[[], str]] | None = None

    def compose(self) -> ComposeResult:
        # What was decided stands beside the progress, so that the key bar
        # may take two lines on a narrow screen and the lead keeps its room.
        with Horizontal(id="session-top"):
            yield self.progress
            yield self.message
        yield self.sheet
        yield KeyBar(describe=describe, pinned=PINNED_KEYS, lines=2)  # every decision's key, also at 80 columns

    def on_mount(self) -> None:
        self.show_lead()
        self.set_interval(1, self._tick)

    # ------------------------------------------------------------ showing
    def show_lead(self, message: str = "", in_place: bool = False) -> None:
        """Show the lead at the rep's place; ``in_place``: the same lead
        again, as it is now, where the rep had scrolled it to."""
        session = self.session
        session.step_over_gone(lambda lead_id: lead_id in self.store.leads)
        if session.done:
            self.action_end()
            return
        lead = self.store.lead(session.lead_id)
        self.sheet.show(visible(lead.name), self._sections_of(lead), keep_place=in_place)
        self.message.update(message)
        self._tick()
        # A moment later, not right after the refresh: the frame (and any key
        # already waiting) goes first.
        if self._preparing is not None:
            self._preparing.stop()
        self._preparing = self.set_timer(PREPARE_AFTER, self._prepare_next)

    def _sections_of(self, lead: Lead) -> list[DetailSection]:
        """The lead's view; the one made ahead if nothing it shows has changed since."""
        ahead = self._ahead
        if ahead is not None and ahead[0] == self._shown_from(lead):
            return ahead[1]
        return lead_sections(self.store, lead)

    def _shown_from(self, lead: Lead) -> tuple:
        """What a lead's view is made from (the stored objects are immutable)."""
        return lead, tuple(self.store.contacts_of(lead.id)), self.store.settings, language()

    def _prepare_next(self) -> None:
        """Make the next lead's view while the rep reads this one, so that a
        decision only has to save and swap it in."""
        ids = self.session.queue.lead_ids
        position = self.session.position + 1
        if position >= len(ids) or not self.is_attached:
            return
        lead = self.store.lead(ids[position])
        sections = lead_sections(self.store, lead)
        self._ahead = (self._shown_from(lead), sections)
        self.sheet.prepare(visible(lead.name), sections)

    def _tick(self) -> None:
        session = self.session
        progress = t("session.progress", at=min(session.position + 1, len(session.queue.lead_ids)),
                     total=len(session.queue.lead_ids),
                     elapsed=_elapsed(session.started, self.store.now()))
        self.progress.update(progress)
        width = cell_len(progress) + 2  # and its padding: the message takes the rest
        if width != self._progress_width:  # a digit more: laid out again, now and then
            self._progress_width = self.progress.styles.width = width

    def _decide(self, decision: str, change) -> None:
        """Store one decision and go straight to the next lead. The decision
        is made durable before that lead is painted while the disk is quick
        (one frame shows the lead and "saved"), else just after it (nothing
        waits on a slow disk); only then does the line below say saved."""
        if not self._settled():
            return
        lead = self.store.lead(self.session.lead_id)
        try:
            with self.store.sync_later():
                change(lead)
        except StoreError as exc:
            self.message.update(error_text(exc))
            return
        self._forget_offer()
        self.changed.add(lead.id)
        self.session.record(decision)
        decided = t("session.decided", name=lead.name, what=t(f"summary.{decision}"))
        self.show_lead(decided)
        self.app.disk.save(self, self._make_durable, decided)

    def _settled(self) -> bool:
        """Make the last decision durable now if it still waits (a key typed
        before its frame went out): each decision is saved, and can clash,
        on its own. False when it could not be."""
        return not self.store.unsynced or self._make_durable("")

    def _make_durable(self, decided: str) -> bool:
        try:
            with self.app.disk.timed(counts=bool(self.store.unsynced)):
                self.store.sync()  # (nothing to do if a later change made it durable)
        except SaveFailed as exc:
            # Refused: the store has taken the decisions back, and the
            # session goes back to the first of them.
            taken_back, undone = exc.taken_back, []
            while taken_back > 0 and (step := self._undo_step()) is not None:
                undone.append(step)
                taken_back -= step[1]
            if isinstance(exc, ChangedSince) and len(undone) == 1:
                self._offer(undone[0][0], undone[0][2])
                if self.settle_clash(exc):
                    return False
                self._pending = None
            self.show_lead(error_text(exc))
            return False
        if decided and self.message.text == decided:
            self.message.update(f"{decided}  {t('bar.saved')}")
        return True

    def _undo_step(self) -> tuple[int, int, str | None] | None:
        """The session's last step taken back: its lead, its store changes
        and the decision it had made."""
        lead_id = self.session.changes[-1][0] if self.session.changes else None
        decision = self.session.decisions.get(lead_id) if lead_id is not None else None
        undone = self.session.undo()
        return None if undone is None else (*undone, decision)

    # ------------------------------------------------------------ clashes
    def _offer(self, lead_id: int, decision: str | None) -> None:
        """What the session records once a clashed decision is saved again."""
        def record() -> str:
            name = self.store.lead(lead_id).name
            if decision is None:
                return ""
            self.session.record(decision)
            return t("session.decided", name=name, what=t(f"summary.{decision}"))

        self._pending = (lead_id, record)

    def _forget_offer(self) -> None:
        """A new decision stands: an older refused one is no longer offered."""
        if self._clash is not None:
            self._clash = None
            self.refresh_bindings()

    def _show_reloaded(self, lead_ids: set[int]) -> None:
        self.changed |= lead_ids
        if self.session.lead_id in lead_ids:
            self.show_lead(self.message.text, in_place=True)

    def _say(self, message: str, severity: str) -> None:
        self.message.update(message)
        self.notify(message, severity=severity, timeout=10)

    def _made_again(self, clash: Clash, merged: bool) -> None:
        pending, self._pending = self._pending, None
        message = ""
        if pending is not None and pending[0] == self.session.lead_id:
            message = pending[1]()
        self.show_lead(message and f"{message}  {t('bar.saved')}")

    def _failed(self, exc: StoreError) -> None:
        if not (isinstance(exc, ChangedSince) and self.settle_clash(exc)):
            self.message.update(error_text(exc))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "again":  # on the lead it was refused for
            return self._clash is not None and (
                self._pending is None or self._pending[0] == self.session.lead_id)
        return True

    # ------------------------------------------------------------ others' changes
    def others_changed(self, change: OthersChanged) -> None:
        """Other reps' changes, taken in by the store: leads ahead that they
        decided leave the queue, the lead shown is shown as it is now, where
        the rep had scrolled it to; the rep's place and any form open on top
        stay as they were."""
        lead_ids, by = change.leads, change.by
        session = self.session
        if session.done or not lead_ids:
            return
        current = session.lead_id
        notes = []
        ahead = [i for i in lead_ids if i != current and decided_elsewhere(
            self.store, i, session.started)]
        if dropped := session.drop(ahead):
            notes.append(t("session.others.dropped", count=len(dropped),
                           reps=_reps(by, dropped)))
            self._prepare_next()
        if current in lead_ids:
            if current in self.store.leads:
                notes.insert(0, t("session.others.current", rep=_reps(by, [current]),
                                  name=self.store.lead(current).name))
            else:
                notes.insert(0, t("session.others.gone", rep=_reps(by, [current])))
            self.show_lead("  ".join(notes), in_place=current in self.store.leads)
        elif notes:
            self.message.update("  ".join(notes))
            self._tick()

    # ------------------------------------------------------------ decisions
    def action_quadrant(self, quadrant: int) -> None:
        self._decide(f"q{quadrant}", lambda lead: decide_quadrant(self.store, lead, quadrant))

    def action_step(self, axis: str, step: int) -> None:
        """Refine a grade without leaving the lead; once the lead has both
        grades, that is a decision by the quadrant it is in."""
        if not self._settled():
            return
        lead = self.store.lead(self.session.lead_id)
        try:
            after = decide_step(self.store, lead, axis, step)
        except StoreError as exc:
            if isinstance(exc, ChangedSince):
                self._pending = (lead.id, lambda: self._refined(lead.id))
            self._failed(exc)
            return
        if after is lead:
            return  # already at the end of the scale: nothing changed
        self._forget_offer()
        self.changed.add(lead.id)
        self.show_lead(self._refined(lead.id))

    def _refined(self, lead_id: int) -> str:
        """The session's step for a regrade saved; what it decided, said."""
        lead = self.store.lead(lead_id)
        decision = quadrant_decision(self.store, lead)
        self.session.refined(decision)
        return t("session.decided", name=lead.name, what=t(f"summary.{decision}")) \
            if decision else ""

    def action_status(self, status: str) -> None:
        self._decide(status, lambda lead: decide_status(self.store, lead, Status(status)))

    def action_dormant(self) -> None:
        """Dormant until a day the rep picks, when the lead is back in the queue."""
        lead = self.store.lead(self.session.lead_id)

        def chosen(wake: datetime | None) -> None:
            if wake is not None:
                self._decide("dormant", lambda lead: decide_status(
                    self.store, lead, Status.DORMANT, wake=wake))

        from tui.screens.wake import WakeDate  # the forms: loaded when first opened

        self.app.push_screen(WakeDate(lead.name, self.store.now(),
                                      self.store.settings.review_days), chosen)

    def action_lost(self) -> None:
        """Lost: why, and to whom (the lost-deal dialog, nothing chosen in advance)."""
        lead = self.store.lead(self.session.lead_id)

        def answered(answer: LostAnswer | None) -> None:
            if answer is not None:
                self._decide("lost", lambda lead: decide_lost(self.store, lead, answer))

        from tui.screens.lost_form import LostForm

        self.app.push_screen(LostForm(lead.name, lead.competitor), answered)

    def action_schedule(self) -> None:
        """The contact-plans form, with a date from the quadrant's cadence."""
        lead = self.store.lead(self.session.lead_id)
        proposed = propose_follow_up(self.store, lead.id, self.store.now())

        def scheduled(contact: Contact | None) -> None:
            if contact is None:
                return
            self.changed.add(lead.id)
            try:
                mark_reviewed(self.store, self.store.lead(lead.id))
                steps = 2
            except StoreError as exc:  # the contact is saved; only the review time is not
                self.notify(error_text(exc), severity="error")
                steps = 1
            self.session.record("scheduled", store_changes=steps)
            self.show_lead(t("session.decided", name=lead.name, what=t("summary.scheduled")))

        from tui.screens.contact_form import ContactForm

        self.app.push_screen(ContactForm(lead, proposed), scheduled)

    def action_skip(self) -> None:
        self.session.record("skipped", store_changes=0)
        self.show_lead()

    def action_back(self) -> None:
        self.session.back()
        self.show_lead()

    def action_undo(self) -> None:
        if not self._settled():
            return
        session = self.session
        kept = list(session.changes), dict(session.decisions), session.position
        undone = session.undo()
        if undone is None:
            self.message.update(t("bar.nothing_to_undo"))
            return
        lead_id, store_changes = undone
        taken = 0
        try:
            for taken in range(1, store_changes + 1):
                self.store.undo()
        except StoreError as exc:
            # Refused (another rep changed the lead since): the session's
            # step stands, less what the store did take back.
            session.changes[:], session.decisions, session.position = kept
            if taken > 1:
                lead, before, count = session.changes[-1]
                session.changes[-1] = (lead, before, count - (taken - 1))
            self._failed(exc)
            return
        self.show_lead(t("session.undone", name=self.store.lead(lead_id).name))

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen([(t("help.session"), self)]))

    def action_end(self) -> None:
        session = self.session
        counts = session.counts()
        lost = lost_reasons(self.store, session)
        elapsed = _elapsed(session.started, self.store.now())
        try:
            save_record(self.store, session)
        except StoreError as exc:
            self.notify(error_text(exc), severity="error")
        summary = SessionSummary(counts, len(session.queue.lead_ids), elapsed, lost)
        self.app.push_screen(summary, lambda _: self.dismiss(self.changed))
