"""English texts for the screens that follow a team's base: a lead changed
by another rep under an open form."""

MESSAGES: dict[str, str] = {
    "live.form.changed": (
        "{rep} changed this lead while the form was open. Saving keeps what you typed; "
        "the fields you left alone keep {rep}'s values."
    ),
    "live.form.gone": (
        "{rep} took this lead away (removed, or handed to another rep): it can no longer "
        "be saved from here."
    ),
}
