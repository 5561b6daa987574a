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

from tui.i18n import has, localize_bindings, t


def key_rows(node: DOMNode) -> list[tuple[str, str]]:
    """(keys, description) for each action a node binds, keys joined."""
    by_action: dict[str, tuple[list[str], str]] = {}
    for key, bindings in node._bindings.key_to_bindings.items():
        for binding in bindings:
            if not binding.description:
                continue  # a key Textual keeps for itself, with nothing to say
            # The key bar's words are short; the help may say more.
            longer = f"help.key.{binding.id}"
            description = t(longer) if has(longer) else binding.description
            keys, description = by_action.setdefault(binding.action, ([], description))
            keys.append(node.app.get_key_display(Binding(key, binding.action)))
    return [(" / ".join(keys), description) for keys, description in by_action.values()]


def key_table(title: str, rows: list[tuple[str, str]]) -> Text:
    text = Text(title + "\n", style="bold underline")
    width = max((cell_len(keys) for keys, _ in rows), default=0)
    for keys, description in rows:
        text.append("  " + keys + " " * (width - cell_len(keys)) + "  ", style="bold")
        text.append(description + "\n")
    return text


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close", id="help.close"),
    ]

    def __init__(self, sections: list[tuple[str, DOMNode]], extra: list[Text] = ()) -> None:
        super().__init__()
        localize_bindings(self)
        self._sections = sections
        self._extra = list(extra)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(t("help.title"), id="help-title")
            for title, node in self._sections:
                yield Static(key_table(title, key_rows(node)), classes="help-section")
            for text in self._extra:
                yield Static(text, classes="help-section")
            yield Static(t("help.mouse"), classes="help-section")
            yield Static(t("help.close_hint"), id="help-hint")

    def action_close(self) -> None:
        self.dismiss(None)
