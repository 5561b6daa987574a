"""Key bindings shared by more than one screen."""

from __future__ import annotations

from textual.binding import Binding


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
