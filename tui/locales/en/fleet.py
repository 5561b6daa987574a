"""English texts for the fleet census: machines, their form, their checks."""

MESSAGES: dict[str, str] = {
    "change.add_machine": "new machine",
    "change.edit_machine": "machine change",
    "change.remove_machine": "machine removed",
    "check.record.machines": "Machine",
    "check.fault.no_owner": "its owner, lead {lead}, does not exist",
}
