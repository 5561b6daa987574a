"""English texts for importing machine lists: CLI, import dialog, reasons a row is refused."""

MESSAGES: dict[str, str] = {
    "fleet.serial": "No. {serial}",
    "machine.field.serial": "Serial number",
    "machine.placeholder.serial": "as on the maker's plate",
    "cli.help.kind": "what the file holds: leads, machines, or auto (default: told by the headers)",
    "import.summary.machines": (
        "machines: new {new} · updated {merged} · already there {unchanged} · skipped {skipped}"
    ),
    "import.summary.machine_list": (
        "{file} read as a machine list (brand and model are the machine's; the owner is a lead)"
    ),
    "import.kind": "The file holds:",
    "import.kind.auto": "tell by the headers",
    "import.kind.leads": "leads",
    "import.kind.machines": "machines",
    "import.reason.neither": (
        "neither a lead (no name or phone) nor a machine (no brand or model)"
    ),
    "import.reason.no_brand": "a machine without a brand",
    "import.reason.no_model": "a machine without a model",
    "import.reason.owner_ambiguous": (
        "several leads on the board are named '{value}' and the row cannot tell which; "
        "add the owner's phone or company"
    ),
    "import.reason.machine_year": "a year of manufacture that is no year, e.g. 2018 ({value})",
    "import.reason.machine_number": "not a number ({value})",
    "import.reason.machine_status": (
        "a status that is not working, idle, for sale, trade-in or scrapped ({value})"
    ),
    "import.reason.machine_required": "no {value}",
    "import.reason.machine_year_future": "a year of manufacture that has not come yet ({value})",
    "import.reason.machine_year_old": "a year too long ago for an excavator ({value})",
    "import.reason.machine_hours_range": "hours not between 0 and 200,000 ({value})",
    "import.reason.machine_tonnes_range": "a size not above 0 and at most 1,000 t ({value})",
    "import.reason.machine_day_future": "a day that has not come yet ({value})",
    "import.reason.machine_seen_order": "last seen before first seen ({value})",
    "import.reason.machine_hours_down": (
        "fewer hours than the machine's last reading; a meter does not run back ({value})"
    ),
}
