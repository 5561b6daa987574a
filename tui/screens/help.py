"""The help screen: every key, from the same bindings the footer shows."""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.i18n import t
from tui.keys import bound_keys, help_words, listed
from widgets.broken_text import BrokenText


def key_rows(node: DOMNode) -> list[tuple[str, str]]:
    """(keys, description) for each action a node binds, keys joined."""
    by_action: dict[str, tuple[list[str], str]] = {}
    for key, binding in bound_keys(node):
        if listed(binding):
            keys, _ = by_action.setdefault(binding.action, ([], help_words(binding)))
            keys.append(node.app.get_key_display(Binding(key, binding.action)))
    return [(" / ".join(keys), description) for keys, description in by_action.values()]


def key_table(title: str, rows: list[tuple[str, str]]) -> Text:
    text = Text(title + "\n", style="bold underline")
    width = max((cell_len(keys) for keys, _ in rows), default=0)
    for keys, description in rows:
        text.append("  " + keys + " " * (width - cell_len(keys)) + "  ", style="bold")
        text.append(description + "\n")
    return text


def board_legend() -> Text:
    """What the marks on the board's rows mean, with the marks as the board
    draws them: a rep cannot guess them from the letters alone."""
    credit = " ".join(t(f"badge.credit.{credit}") for credit in ("good", "unknown", "poor"))
    return key_table(t("help.legend"), [
        (credit, t("help.legend.credit")),
        (t("badge.project"), t("help.legend.project")),
        (t("help.legend.when_mark"), t("help.legend.when")),
        (t("help.legend.year_mark"), t("help.legend.year")),
        (t("tray.title"), t("help.legend.tray")),
        ("Q1", t("help.legend.active")),
    ])


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close", id="help.close"),
    ]

    def __init__(self, sections: list[tuple[str, DOMNode]], extra: list[Text] = ()) -> None:
        super().__init__()
        self._sections = sections
        self._extra = list(extra)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(t("help.title"), id="help-title")
            # Lines cut by the rules of Chinese text: none starts with a comma.
            for title, node in self._sections:
                yield Static(BrokenText(key_table(title, key_rows(node))), classes="help-section")
            for text in self._extra:
                yield Static(BrokenText(text), classes="help-section")
            yield Static(BrokenText(Text(t("help.mouse"))), classes="help-section")
            yield Static(BrokenText(Text(t("help.close_hint"))), id="help-hint")

    def action_close(self) -> None:
        self.dismiss(None)
