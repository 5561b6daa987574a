"""English texts for one lead on the command line, clashes between reps, and
copying a lead base between a file and a server."""

MESSAGES: dict[str, str] = {
    "cli.help.lead": "show or change one lead (for scripts)",
    "cli.help.lead_show": "the lead's fields (--json for a script)",
    "cli.help.lead_set": "change fields: lead set ID intent=4 credit=good phones=13812345678",
    "cli.help.lead_move": "put the lead in quadrant Q (1-4), the smallest regrade",
    "lead.id": "Id",
    "lead.yes": "yes",
    "lead.no": "no",
    "lead.saved": "Saved: lead {id} {name}.",
    "lead.error.quadrant": "A quadrant is 1, 2, 3 or 4, not {value}.",
    "lead.error.field": "{pair}: write FIELD=VALUE with one of these fields: {fields}.",
    "lead.error.value": "{field}: {value} does not fit. {why} Nothing was saved.",
    "lead.error.rule.yes_no": "Write yes or no.",
    "lead.error.rule.choice": "It is none of the choices the lead form offers.",
    "lead.error.lost": (
        "A lead is marked lost on the board (the form asks why and to whom); nothing was saved."
    ),
    "binding.board.again": "Again",
    "clash.theirs": "{rep} changed {fields} of lead {id} at {at}",
    "clash.merged": "{theirs}. Your change ({mine}) touched other fields: both are saved.",
    "clash.offer": (
        "Not saved: {theirs}. The lead shows their change now; {again} makes yours ({mine}) "
        "again on top."
    ),
    "clash.undo_refused": "Nothing undone: {theirs} since. Their change stays.",
    "cli.help.copy": "copy a lead base between a file and a server (--from, --to)",
    "copy.done": "{path}: {new} leads added, {merged} merged into leads it held, {records} other records.",
    "copy.error.not_empty": (
        "{path} already holds data: a copy goes into a new or empty file only; nothing was written."
    ),
}
