"""English texts for the fleet census: machines, their form, their checks."""

MESSAGES: dict[str, str] = {
    "cli.help.own_brand": "the brand you sell (三一, SANY …): counts of machines split it from the others",
    "cli.error.own_brand": "Name the brand you sell, e.g. --own-brand 三一.",
    "settings.own_brand": "own brand: {brand}",
    "settings.own_brand.none": "not set (leadboard settings --own-brand 三一)",
    "change.add_machine": "new machine",
    "change.edit_machine": "machine change",
    "change.remove_machine": "machine removed",
    "check.record.machines": "Machine",
    "check.fault.no_owner": "its owner, lead {lead}, does not exist",
}
