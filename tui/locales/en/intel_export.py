"""English texts for exporting the market intelligence (`export --intel`)."""

MESSAGES: dict[str, str] = {
    "cli.help.export_intel": (
        "export the market intelligence (leadboard.intel/1: machines, competitors, outlets, "
        "projects, intel, lost deals) instead of the plan; JSON only"),
    "cli.help.export_region": "with --intel: one province or city (Chinese or pinyin)",
    "cli.error.intel_format": (
        "--intel writes JSON only, not {format}; leave out --format or give --format json"),
    "cli.error.intel_period": (
        "--intel exports all the market intelligence; {options} choose a part of the plan"),
    "cli.error.region_without_intel": (
        "--region chooses a part of the market intelligence: give it with --intel"),
    "export.intel_written": (
        "Wrote {machines} machines, {competitors} competitors, {outlets} outlets, "
        "{projects} projects, {intel} intel entries and {lost_deals} lost deals to {path}"),
}
