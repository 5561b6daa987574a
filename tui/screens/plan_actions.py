"""The board's contact keys (s schedule, c log, p plan, x export), kept apart
from the triage code so the board screen stays short."""

from __future__ import annotations

from pathlib import Path

from textual import work

from store.contacts import propose_follow_up
from store.model import Contact, ContactStatus
from tui.i18n import t

PLAN_SCREEN = "plan"  # the name the plan screen is kept under
# The plan's and the triage session's code is loaded (and the plan screen
# built) this long after the board's first paint, while the rep reads it,
# rather than on their keys.
SCREENS_AFTER_S = 1.0


class PlanActions:
    """Mixed into the board screen: uses its store, selection and ``_saved``."""

    def action_schedule(self) -> None:
        lead_id = self.selected_lead_id()
        if lead_id is None or not self.app.writable():
            return
        proposed = propose_follow_up(self.store, lead_id, self.store.now())
        from tui.screens.contact_form import ContactForm  # loaded when first used

        self.app.push_screen(ContactForm(self.store.lead(lead_id), proposed), self._contact_saved)

    def action_log_contact(self) -> None:
        lead_id = self.selected_lead_id()
        if lead_id is None or not self.app.writable():
            return
        planned = [c for c in self.store.contacts_of(lead_id) if c.status is ContactStatus.PLANNED]
        from tui.screens.log_form import LogForm  # loaded when first used

        self.app.push_screen(LogForm(self.store.lead(lead_id), planned), self._contact_saved)

    def _contact_saved(self, contact: Contact | None) -> None:
        if contact is not None:
            self._saved([contact.lead_id])
            self._follow(contact.lead_id)

    def action_plan(self) -> None:
        plan = self._plan_screen()
        plan.start()
        self.app.push_screen(plan, self._plan_closed)

    def _plan_screen(self):
        """The plan screen, made once and kept: opened again, it only reads
        its rows afresh."""
        if not self.app.is_screen_installed(PLAN_SCREEN):
            from tui.screens.plan import PlanScreen  # loaded when first used

            self.app.install_screen(PlanScreen(), PLAN_SCREEN)
        return self.app.get_screen(PLAN_SCREEN)

    def load_screens_later(self) -> None:
        """After the board's first paint: see SCREENS_AFTER_S."""
        self.set_timer(SCREENS_AFTER_S, self._load_screens)

    @work(thread=True, exit_on_error=False, group="screens")
    def _load_screens(self) -> None:
        import tui.screens.plan  # noqa: F401
        import tui.screens.session  # noqa: F401

        self.app.call_from_thread(self._build_plan_ahead)

    def _build_plan_ahead(self) -> None:
        """The plan screen built and laid out before its key: put up and
        taken down again in one turn, so that no frame shows it and no key
        reaches it. Its first opening then only fills and paints it."""
        if self.app.is_screen_installed(PLAN_SCREEN) or not self.is_attached:
            return  # opened already, or the app is closing
        if self.app.screen is not self:  # a form or a screen over the board: later
            self.set_timer(SCREENS_AFTER_S, self._build_plan_ahead)
            return
        plan = self._plan_screen()
        self.app.push_screen(plan)
        self.app.pop_screen()
        plan.call_after_refresh(plan.draw_ahead)

    def _plan_closed(self, result: tuple[set[int], int | None] | None) -> None:
        touched, open_lead = result or (set(), None)
        if touched:
            self._saved(sorted(touched))
        if open_lead is not None:
            self.show_lead(open_lead)

    def show_lead(self, lead_id: int) -> None:
        """Put the cursor on a lead and open its details."""
        self._follow(lead_id)
        self.show_details(True)

    def action_export(self) -> None:
        from tui.screens.export import ExportForm  # loaded when first used

        self.app.push_screen(ExportForm(), self._exported)

    def _exported(self, path: Path | None) -> None:
        if path is not None:
            self.refresh_status(t("export.done", path=path))
            self.notify(t("export.done", path=path), timeout=6)
