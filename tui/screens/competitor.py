"""A competitor's profile as the rep reads it before a visit: its models with
the price range and the latest price heard (the newest in the intel log),
its finance terms, channels, strategy, strengths and weaknesses. ``e``
writes or edits the profile."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from store.intel import model_lines, profile_of
from tui.i18n import describe, t
from tui.intel_words import place_text, price_text, range_text, terms_text
from tui.kept_place import place_kept
from tui.live import OthersChanged
from tui.screens.intel_form import INTEL_CSS
from widgets.key_bar import KeyBar

WORDS = ("channels", "strategy", "strengths", "weaknesses")


class CompetitorScreen(Screen[bool]):
    """Dismisses with whether the profile was changed."""

    CSS_PATH = INTEL_CSS
    BINDINGS = [
        Binding("e", "edit", "Edit profile", id="competitor.edit"),
        Binding("escape", "close", "Back", id="competitor.close"),
    ]
    FOLLOWS = frozenset({"competitors", "intel"})  # the profile and the prices heard

    def __init__(self, brand: str) -> None:
        super().__init__()
        self.brand = brand
        self.changed = False

    def compose(self) -> ComposeResult:
        yield Static("", id="profile-title", markup=False)
        with VerticalScroll(id="profile-body"):
            yield Static("", id="profile-terms", markup=False)
            yield Static(t("competitor.models"), classes="profile-heading")
            yield DataTable(id="profile-models", cursor_type="row", zebra_stripes=True)
            yield Static("", id="profile-words", markup=False)
        yield KeyBar(describe=describe)

    def on_mount(self) -> None:
        self.show()
        self.query_one("#profile-models").focus()

    def show(self) -> None:
        store = self.app.store
        profile = profile_of(store, self.brand)
        self.query_one("#profile-title", Static).update(
            t("competitor.title", brand=self.brand) if profile
            else t("competitor.title.none", brand=self.brand))
        self.query_one("#profile-terms", Static).update(
            t("competitor.terms", terms=terms_text(profile)))
        table = self.query_one("#profile-models", DataTable)
        table.clear(columns=True)
        table.add_columns(t("competitor.col.model"), t("competitor.col.range"),
                          t("competitor.col.latest"), t("competitor.col.heard"),
                          t("competitor.col.where"))
        for line in model_lines(store, self.brand):
            latest = line.latest
            table.add_row(line.model, range_text(line.low, line.high),
                          price_text(latest.price) if latest else "-",
                          latest.on.isoformat() if latest else "-",
                          place_text(latest.province, latest.city) if latest else "-")
        words = [f"{t(f'competitor.field.{name}')}: {getattr(profile, name) or '-'}"
                 for name in WORDS] if profile else [t("competitor.no_profile")]
        self.query_one("#profile-words", Static).update("\n".join(words))

    def others_changed(self, change: OthersChanged) -> None:
        with place_kept(self):
            self.show()

    def action_edit(self) -> None:
        from tui.screens.competitor_form import CompetitorForm  # loaded when first used

        if self.app.writable():
            profile = profile_of(self.app.store, self.brand)
            self.app.push_screen(CompetitorForm(profile, self.brand), self._edited)

    def _edited(self, profile) -> None:
        if profile is not None:
            self.brand, self.changed = profile.brand, True
            self.show()
            self.app.after_save()

    def action_close(self) -> None:
        self.dismiss(self.changed)
