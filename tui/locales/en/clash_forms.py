"""English texts for a form whose save clashed with another rep's change."""

MESSAGES: dict[str, str] = {
    "clash.theirs.contacts": "{rep} changed {fields} of contact {id} at {at}",
    "error.not_yours.contacts": (
        "Not saved: contact {item_id} is not yours to change (its lead belongs to another "
        "rep now). Nothing was changed."
    ),
    "clash.theirs.machines": "{rep} changed {fields} of machine {id} at {at}",
    "binding.fleet.again": "Again",
    "binding.form.again": "Mine again",
    # A contact's fields, as a clash names them.
    "field.at": "Time",
    "field.place": "Place",
    "field.method": "Method",
    "field.purpose": "Purpose",
    "field.duration_min": "Duration",
    "field.checklist": "Preparation",
    "field.follow_up_id": "Follow-up",
}
