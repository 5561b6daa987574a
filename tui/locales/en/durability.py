"""English texts for checking and restoring data files."""

MESSAGES: dict[str, str] = {
    "cli.help.check": "check a data file: parse, records, references, journal",
    "cli.help.restore": "put a kept backup in place of the data file",
    "cli.help.backup": "which backup: 1 is the newest (default 1)",
    "cli.help.list_backups": "list the kept backups and stop",
    "check.missing": "{path} does not exist or is not a file.",
    "cli.error.os": "Cannot use {path}: {detail}.",
    "check.ok": "{path}: OK — {leads} leads, {contacts} contacts, {entries} journal entries.",
    "check.failed": "{path}: {count} problem(s) found; the file was not changed.",
    "check.unreadable": "Cannot read {path} ({reason}: {detail}).",
    "check.bad_record": "Damaged record: {table} {id} ({detail}).",
    "check.missing_follow_up": "Contact {id} points to follow-up {follow_up}, which does not exist.",
    "check.torn_journal": "The journal ends in a torn line at byte {offset} (a crash mid-save); "
                          "it is dropped on the next open, nothing confirmed is lost.",
    "restore.none": "No backups kept for {path}.",
    "restore.item": "{number}: {when} ({size} bytes)",
    "restore.aside": "Set aside: {path}",
    "restore.done": "Restored {path} from backup {backup}.",
    "error.not_found.backup": "There is no backup with that number; see 'leadboard restore --list'.",
    "cli.help.settings": "show or change this file's settings",
    "cli.help.threshold": "grades from T up count as strong (2-5, default 3)",
    "cli.help.review_days": "a lead counts as not reviewed after N days (default 30)",
    "cli.error.threshold": "--threshold must be from 2 to 5",
    "cli.error.review_days": "--review-days must be at least 1",
    "settings.show": "strong from grade {threshold}; review after {review_days} days; contact every (days): {cadence}",
}
