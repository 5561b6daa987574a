"""A lead's fleet, one machine a line, as the detail pane lists it: pick one
to edit it (the machine form, filled in) or remove it (asked first), or add
another. Each change is saved at once as its own undo step; the board
refreshes its details when the dialog closes. A removal refused because
another rep changed the machine first is settled as on the board: the
fleet is shown as it is now, and ``r`` removes the machine after all."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store.clash import Clash
from store.errors import ChangedSince, StoreError
from store.model import Lead, Machine
from store.text import visible
from tui.details import fleet_line
from tui.i18n import describe, error_text, t
from tui.live import OthersChanged
from tui.screens.clash_actions import ClashActions
from tui.screens.confirm import ConfirmRemove
from widgets.key_bar import KeyBar


class FleetDialog(ClashActions, ModalScreen[bool]):
    """Dismisses with whether anything was saved."""

    CSS_PATH = str(Path(__file__).resolve().parents[1] / "fleet.tcss")
    BINDINGS = [
        Binding("e", "edit", "Edit", id="fleet.edit"),
        Binding("d,delete", "remove", "Remove", id="fleet.remove"),
        Binding("m", "add", "Add a machine", id="fleet.add"),
        Binding("r", "again", "Again", id="fleet.again"),
        Binding("escape", "close", "Close", id="fleet.close"),
    ]
    FOLLOWS = frozenset({"machines", "settings"})  # the lines mark the own brand

    def __init__(self, owner: Lead) -> None:
        super().__init__()
        self.owner = owner
        self.saved = False

    def compose(self) -> ComposeResult:
        with Vertical(id="fleet", classes="dialog"):
            yield Static(t("fleet.title", name=self.owner.name), classes="dialog-title")
            yield OptionList(id="fleet-machines")
            yield Static(t("fleet.hint"), classes="dialog-hint")
        yield KeyBar(describe=describe)

    def on_mount(self) -> None:
        self._fill()

    @property
    def fleet(self) -> list[Machine]:
        return self.app.store.fleet_of(self.owner.id)

    def _fill(self, chosen: int | None = None) -> None:
        """The fleet's lines, the cursor on the machine ``chosen`` (else kept)."""
        machines = self.fleet
        options = self.query_one("#fleet-machines", OptionList)
        here = options.highlighted
        options.clear_options()
        if not machines:
            options.add_option(Option(t("fleet.empty"), disabled=True))
        own_brand = self.app.store.settings.own_brand
        # Content, not markup: a model may be written with brackets.
        options.add_options([Option(Content(visible(fleet_line(m, own_brand))), id=str(m.id))
                             for m in machines])
        ids = [m.id for m in machines]
        if chosen in ids:
            here = ids.index(chosen)
        if machines:
            options.highlighted = min(here or 0, len(machines) - 1)
        options.focus()
        self.refresh_bindings()

    def chosen(self) -> Machine | None:
        options = self.query_one("#fleet-machines", OptionList)
        if options.highlighted is None:
            return None
        option = options.get_option_at_index(options.highlighted)
        return self.app.store.machines.get(int(option.id)) if option.id else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "remove") and self.is_mounted:
            return self.chosen() is not None or None  # greyed out on an empty fleet
        return super().check_action(action, parameters)

    # ------------------------------------------------------------ changes
    @on(OptionList.OptionSelected, "#fleet-machines")
    def action_edit(self) -> None:
        from tui.screens.machine_form import MachineForm  # loaded when first used

        machine = self.chosen()
        if machine is None or not self.app.writable():
            return
        form = MachineForm(self.owner, self.app.store.now().date(), machine)
        self.app.push_screen(form, self._changed)

    def action_add(self) -> None:
        from tui.screens.machine_form import MachineForm

        if self.app.writable():
            self.app.push_screen(MachineForm(self.owner, self.app.store.now().date()),
                                 self._changed)

    def others_changed(self, change: OthersChanged) -> None:
        """Another rep's machines: listed as they are now, the cursor on its machine."""
        machine = self.chosen()
        self._fill(machine.id if machine is not None else None)

    def _changed(self, machine: Machine | None) -> None:
        if machine is None:
            return
        self.saved = True
        self.app.after_save()
        self._fill(machine.id)

    def action_remove(self) -> None:
        machine = self.chosen()
        if machine is None or not self.app.writable():
            return

        def answered(remove: bool | None) -> None:
            if remove:
                self._remove(machine)

        self.app.push_screen(RemoveMachine(visible(fleet_line(machine, ""))), answered)

    def _remove(self, machine: Machine) -> None:
        try:
            self.app.store.remove_machine(machine.id)
        except StoreError as exc:
            self._failed(exc)
            return
        self.saved = True
        self.app.after_save()
        self._fill()

    # What a clash shows in the fleet (see ClashActions).
    @property
    def store(self):
        return self.app.store

    def _failed(self, exc: StoreError) -> None:
        if not (isinstance(exc, ChangedSince) and self.settle_clash(exc)):
            self.notify(error_text(exc), severity="error", timeout=8)

    def _show_reloaded(self, lead_ids: set[int]) -> None:
        self.saved = True  # the board behind reads the fleet again on closing
        self._fill()

    def _say(self, message: str, severity: str) -> None:
        self.notify(message, severity=severity, timeout=10)

    def _made_again(self, clash: Clash, merged: bool) -> None:
        self.app.after_save()
        self._fill()

    def action_close(self) -> None:
        self.dismiss(self.saved)


class RemoveMachine(ConfirmRemove):
    """Asks before a machine leaves the census."""

    def __init__(self, machine_line: str) -> None:
        super().__init__(t("fleet.remove.title"), machine_line, t("fleet.remove.hint"))
