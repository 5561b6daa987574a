"""Key bindings shared by more than one screen, and how the help screen and
the command palette list them."""

from __future__ import annotations

from collections.abc import Iterator

from textual.binding import Binding
from textual.dom import DOMNode

from tui.i18n import describe, has, t

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
    return t(longer) if has(longer) else describe(binding)


def bound_keys(node: DOMNode) -> Iterator[tuple[str, Binding]]:
    """(key, binding) for each key a node's classes bind (their ``BINDINGS``),
    as Textual merges them: a class's binding of a key replaces those of the
    classes it derives from. (None of ours turns inheriting off.)"""
    keys: dict[str, list[Binding]] = {}
    for cls in reversed(type(node).__mro__):
        if not issubclass(cls, DOMNode):
            continue  # a mixin's BINDINGS, as Textual, count for nothing
        declared: dict[str, list[Binding]] = {}
        for binding in Binding.make_bindings(cls.__dict__.get("BINDINGS", ())):
            declared.setdefault(binding.key, []).append(binding)
        keys.update(declared)
    for key, bindings in keys.items():
        for binding in bindings:
            yield key, binding


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
