"""English texts for a team's base followed live: other reps' changes, the
server going away and coming back."""

MESSAGES: dict[str, str] = {
    "live.bar.away": "server out of reach: showing the base as it was",
    "live.lost": (
        "Lost the server at {path} ({detail}). The board stays as it was; "
        "changes are not saved until it is back. Reconnecting by itself."
    ),
    "live.back": "Back on the server: other reps' changes since are shown.",
    "live.refused": (
        "Not saved: the server at {path} is out of reach. Nothing of the change was "
        "kept; Leadboard reconnects by itself."
    ),
    "live.unreadable": "A change from the server could not be read ({detail}); reopen the board.",
    "history.line_by": "{at}  {rep}  {field}: {old} → {new}",
}
