"""Key bindings shared by more than one screen, and how the help screen and
the command palette list them."""

from __future__ import annotations

from textual.binding import Binding

from tui.i18n import has, t

# Textual's own copy key (ctrl+c, super+c) is not listed: super+c never
# reaches an app in a terminal, and a list of the rep's keys is no place for
# it. The binding itself stays, so ctrl+c still copies selected text.
UNLISTED_ACTIONS = frozenset({"screen.copy_text"})


def listed(binding: Binding) -> bool:
    """Whether the help screen and the palette list a key: not one Textual
    keeps for itself with nothing to say (ctrl+c to quit), nor its copy key."""
    return bool(binding.description) and binding.action not in UNLISTED_ACTIONS


def help_words(binding: Binding) -> str:
    """What a key does, as the help says it: the key bar's words are short;
    the help may say more (``help.key.<id>``)."""
    longer = f"help.key.{binding.id}"
    return t(longer) if has(longer) else binding.description


def grade_keys(area: str) -> list[Binding]:
    """Raise or lower purchase intent and financial strength by one grade."""
    return [
        Binding("plus,equals_sign", "step('intent', 1)", "Intent +1", id=f"{area}.intent_up",
                show=False),
        Binding("minus", "step('intent', -1)", "Intent -1", id=f"{area}.intent_down",
                show=False),
        Binding("greater_than_sign,full_stop", "step('funding', 1)", "Funds +1",
                id=f"{area}.funding_up", show=False),
        Binding("less_than_sign,comma", "step('funding', -1)", "Funds -1",
                id=f"{area}.funding_down", show=False),
    ]
