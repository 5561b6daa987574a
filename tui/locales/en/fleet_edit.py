"""English texts for editing and removing the machines of a lead's fleet."""

MESSAGES: dict[str, str] = {
    "binding.board.fleet": "Fleet",
    "help.key.board.fleet": "The lead's fleet: edit or remove a machine, or add one",
    "binding.fleet.edit": "Edit",
    "help.key.fleet.edit": "Edit the machine under the cursor (enter too)",
    "binding.fleet.remove": "Remove",
    "help.key.fleet.remove": "Remove the machine under the cursor, after asking",
    "binding.fleet.add": "Add a machine",
    "binding.fleet.close": "Close",
    "binding.market.add_machine": "Add a machine",
    "help.key.market.add_machine": "Add a machine seen with no known owner",
    "fleet.title": "{name}'s fleet",
    "fleet.hint": "enter or e edits the machine, d removes it, m adds one; u on the board undoes.",
    "fleet.empty": "No machine yet: m adds one.",
    "fleet.remove.title": "Remove this machine from the census?",
    "fleet.remove.hint": "Only when it was never there or was entered twice; a machine sold or scrapped is better edited. u on the board brings it back.",
    "machine.title.edit_owned": "{machine}, a machine of {name}'s",
    "machine.title.edit_seen": "{machine}, owner not known",
}
