"""Put a lead on a project, or take it off one: the project is found by
typing its name (or its pinyin, or close to it); ✓ marks those the lead is
on. ``↑`` ``↓`` choose, enter puts on or takes off, Esc closes."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from store.model import Lead
from store.projects import pick
from store.text import clean
from tui.i18n import describe, label, t
from widgets.key_bar import KeyBar


class LinkProject(ModalScreen[int | None]):
    """Dismisses with the chosen project's id, or None."""

    CSS_PATH = str(Path(__file__).resolve().parents[1] / "projects.tcss")
    BINDINGS = [
        Binding("enter", "choose", "Put on / take off", id="link.choose", priority=True),
        Binding("escape", "cancel", "Close", id="link.cancel"),
        Binding("down", "step(1)", show=False),
        Binding("up", "step(-1)", show=False),
    ]

    def __init__(self, lead: Lead) -> None:
        super().__init__()
        self.lead = lead

    def compose(self) -> ComposeResult:
        with Vertical(id="link-project", classes="dialog"):
            yield Static(t("link.title", name=self.lead.name), classes="dialog-title")
            yield Input(placeholder=t("link.placeholder"), id="link-name")
            yield OptionList(id="link-matches")
            yield Static(t("link.hint"), classes="dialog-hint", id="link-hint")
        yield KeyBar(describe=describe)

    def on_mount(self) -> None:
        self._list("")
        self.query_one("#link-name", Input).focus()

    @on(Input.Changed, "#link-name")
    def _typed(self, event: Input.Changed) -> None:
        self._list(clean(event.value))

    def _list(self, text: str) -> None:
        matches = self.query_one(OptionList)
        matches.clear_options()
        for project in pick(self.app.store, text, self.lead):
            on_it = self.lead.id in project.lead_ids
            name = t("link.on", name=project.name) if on_it else f"  {project.name}"
            where = project.city or project.province or "-"
            matches.add_option(Option(f"{name}  ({where}, {label('project_stage', project.stage)})",
                                      id=str(project.id)))
        if matches.option_count:
            matches.highlighted = 0
        self.query_one("#link-hint", Static).update(
            t("link.hint") if matches.option_count else t("link.none"))

    def action_step(self, step: int) -> None:
        matches = self.query_one(OptionList)
        if matches.option_count:
            at = (matches.highlighted or 0) + step
            matches.highlighted = max(0, min(at, matches.option_count - 1))

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))

    def action_choose(self) -> None:
        matches = self.query_one(OptionList)
        if matches.highlighted is not None:
            self.dismiss(int(matches.get_option_at_index(matches.highlighted).id))

    def action_cancel(self) -> None:
        self.dismiss(None)
