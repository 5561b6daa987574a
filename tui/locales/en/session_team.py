"""English texts for a triage session on a team's base: other reps'
decisions arriving while the rep works through the queue."""

MESSAGES: dict[str, str] = {
    "binding.session.again": "Again",
    "session.others.current": "{rep} just changed {name}: shown as it is now.",
    "session.others.gone": "{rep} took the lead you were on out of your reach: on to the next.",
    "session.others.dropped": (
        "{reps} already decided {count} lead(s) further on: out of your queue."
    ),
    "session.others.someone": "another rep",
}
