"""English texts for the board, the lead form and the core CLI."""

MESSAGES: dict[str, str] = {
    "app.title": "Leadboard",
    "yes": "yes",
    "no": "no",
    # status line
    "bar.leads": "{count} leads",
    "bar.read_only": "READ-ONLY: another Leadboard is writing this file",
    "bar.read_only_folder": "READ-ONLY: the folder of this file cannot be written",
    "bar.loading": "loading the leads …",
    "bar.undo": "u undoes: {label}",
    "bar.saved": "✓ saved",
    "bar.nothing_to_undo": "Nothing to undo",
    "bar.undone": "Undone: {label}",
    "bar.already_in": "{name} is already in Q{quadrant}: nothing changed",
    # change labels (what undo takes back)
    "change.add_lead": "new lead",
    "change.edit_lead": "edit",
    "change.regrade": "regrade",
    "change.delete_lead": "delete",
    "change.schedule_contact": "scheduled contact",
    "change.edit_contact": "contact change",
    "change.settings": "settings",
    "change.demo": "demo data",
    # board
    "board.empty_place": "no leads here",
    "board.no_match": "no lead here matches",
    "board.tray_drop": "Leads leave the tray by being graded; they cannot go back to it.",
    "tray.title": "Ungraded",
    "tray.empty": "all leads graded",
    "quadrant.1.title": "Q1 Win first",
    "quadrant.2.title": "Q2 Offer finance",
    "quadrant.3.title": "Q3 Court actively",
    "quadrant.4.title": "Q4 Keep in touch",
    "place.heading": "{title} · {count}",
    "welcome.text": (
        "Welcome to Leadboard.\n\n"
        "The board is empty. Press n to add your first lead.\n"
        "To try it with sample customers, quit (q) and run:\n"
        "    leadboard demo      (in a source checkout: make demo)\n"
        "which writes demo leads to a separate file and opens it.\n"
        "Run again later, it opens that same file as you left it.\n\n"
        "Press ? at any time to see every key."
    ),
    # detail pane
    "detail.nothing": "No lead selected",
    "detail.grading": "Grading",
    "detail.advice": "Next step",
    "detail.bullet": "• ",
    "detail.customer": "Customer",
    "detail.extra": "Other columns",
    "detail.contacts": "Contacts",
    "detail.history": "History",
    "grade.unknown": "not graded",
    "history.line": "{at}  {field}: {old} → {new}",
    "history.none": "No changes yet",
    "contact.line": "{at}  {method} · {purpose} · {status}",
    "contact.none": "No contacts yet",
    # fields
    "field.name": "Name",
    "field.company": "Company",
    "field.phones": "Phones",
    "field.province": "Province",
    "field.city": "City",
    "field.region": "Region",
    "field.customer_type": "Customer type",
    "field.source": "Lead source",
    "field.intent": "Purchase intent",
    "field.funding": "Financial strength",
    "field.credit": "Credit",
    "field.has_project": "Holds a project",
    "field.project": "Project",
    "field.models": "Models of interest",
    "field.brands": "Brands of interest",
    "field.competitor": "Competing brand",
    "field.stage": "Sales stage",
    "field.status": "Status",
    "field.tags": "Tags",
    "field.notes": "Notes",
    "field.reviewed": "Reviewed",
    "field.extra": "Other columns",
    "field.quadrant": "Quadrant",
    "field.next_contact": "Next contact",
    "field.created": "Created",
    "field.updated": "Updated",
    "field.outcome": "Outcome",
    "field.went_well": "Went well",
    "field.went_wrong": "Went wrong",
    "field.customer_thinking": "Customer's thinking",
    # advice
    "advice.grade_first": "Grade purchase intent and financial strength to place this lead.",
    "advice.verify_credit": "Credit is unknown: check it with peers, owners and suppliers first.",
    "advice.q1_standard_terms": "Ready buyer with good credit: close on standard terms, soon.",
    "advice.q1_win_first": "Strong buyer: win this one first; settle credit before terms.",
    "advice.q2_financing": (
        "Willing, short of cash, good credit and a project: offer a bank mortgage, "
        "instalments or financial leasing."
    ),
    "advice.q2_project_no_credit": (
        "Has a project but credit is not proven: confirm credit before offering finance."
    ),
    "advice.q2_project_poor_credit": (
        "Has a project but poor credit: no bank mortgage or instalments on credit alone; "
        "talk finance only against security."
    ),
    "advice.q2_find_project": (
        "Willing but short of cash: find out whether a project contract can back financing."
    ),
    "advice.q3_court": "Money but little intent, good credit: court actively to bring the sale about.",
    "advice.q3_build_interest": "Money but little intent: build interest with visits and advice.",
    "advice.q4_light_touch": "Weak on both: contact less often, but never drop the lead.",
    "advice.poor_credit_caution": "Poor credit: ask for security or a larger down payment.",
    # enum labels
    "credit.good": "good",
    "credit.unknown": "unknown",
    "credit.poor": "poor",
    "status.active": "active",
    "status.won": "won",
    "status.lost": "lost",
    "status.dormant": "dormant",
    "source.walk_in": "own visit",
    "source.friend": "friend's referral",
    "source.owner": "owner's referral",
    "source.operator": "operator's referral",
    "source.machine_site": "machine gathering place",
    "source.peer": "peers",
    "source.event": "show / seminar / meet-up",
    "source.other": "other",
    "customer_type.individual": "owner-operator",
    "customer_type.contractor": "contractor",
    "customer_type.rental": "rental firm",
    "customer_type.state": "state / public works",
    "customer_type.other": "other",
    "stage.find": "finding",
    "stage.analyse": "analysis",
    "stage.approach": "approach",
    "stage.probe": "probing",
    "stage.present": "presentation",
    "stage.objections": "objections",
    "stage.closing": "closing",
    "stage.after_sales": "after-sales",
    "method.phone": "phone call",
    "method.sms": "SMS",
    "method.letter": "letter",
    "method.visit": "visit",
    "method.meal": "meal",
    "method.leisure": "sports / leisure",
    "method.seminar": "seminar",
    "method.trade_show": "trade show",
    "method.meet_up": "meet-up",
    "method.trip": "trip",
    "purpose.sell": "sell",
    "purpose.upkeep": "market upkeep",
    "purpose.relationship": "relationship",
    "purpose.information": "information",
    "purpose.advising": "advising",
    "purpose.after_sales": "after-sales service",
    "contact_status.planned": "planned",
    "contact_status.done": "done",
    "contact_status.missed": "missed",
    "contact_status.cancelled": "cancelled",
    "badge.credit.good": "C+",
    "badge.credit.unknown": "C?",
    "badge.credit.poor": "C-",
    "badge.project": "P",
    # key bindings
    "binding.board.next_place": "Next quadrant",
    "binding.board.previous_place": "Previous quadrant",
    "binding.board.left": "Quadrant on the left",
    "binding.board.right": "Quadrant on the right",
    "help.key.board.move_1": "Move the lead to Q1 (the smallest regrade)",
    "help.key.board.move_2": "Move the lead to Q2 (the smallest regrade)",
    "help.key.board.move_3": "Move the lead to Q3 (the smallest regrade)",
    "help.key.board.move_4": "Move the lead to Q4 (the smallest regrade)",
    "binding.board.move_1": "→Q1",
    "binding.board.move_2": "→Q2",
    "binding.board.move_3": "→Q3",
    "binding.board.move_4": "→Q4",
    "binding.board.intent_up": "Intent +1",
    "binding.board.intent_down": "Intent −1",
    "binding.board.funding_up": "Funds +1",
    "binding.board.funding_down": "Funds −1",
    "binding.board.undo": "Undo",
    "binding.board.details": "Details",
    "binding.board.new_lead": "New lead",
    "binding.board.edit_lead": "Edit lead",
    "binding.board.help": "Help",
    "binding.list.down": "Next lead",
    "binding.list.up": "Previous lead",
    "binding.list.page_down": "Page down",
    "binding.list.page_up": "Page up",
    "binding.list.first": "First lead",
    "binding.list.last": "Last lead",
    "binding.form.cancel": "Cancel",
    "binding.form.save": "Save",
    "binding.discard.yes": "Discard",
    "binding.discard.keep": "Keep editing",
    "binding.help.close": "Close",
    "binding.app.quit": "Quit",
    "binding.app.command_palette": "Commands",
    # Textual's own keys, found by action: they carry no id.
    "binding.action.quit": "Quit",
    "binding.action.screen.copy_text": "Copy the selected text",
    # leaving a form with typing in it
    "discard.title": "Throw away what you typed?",
    "discard.hint": "y throws it away and closes the form; Esc goes back to it.",
    "discard.yes": "Throw away (y)",
    "discard.keep": "Keep editing (Esc)",
    # lead form
    "form.title.new": "New lead",
    "form.title.edit": "Edit {name}",
    "form.placeholder.name": "required",
    "form.placeholder.company": "",
    "form.placeholder.phones": "13812345678, 0539-8123456",
    "form.placeholder.province": "山东",
    "form.placeholder.city": "临沂",
    "form.placeholder.intent": "1-5, blank if not known yet",
    "form.placeholder.funding": "1-5, blank if not known yet",
    "form.placeholder.project": "what and where",
    "form.placeholder.models": "comma separated",
    "form.placeholder.brands": "comma separated",
    "form.placeholder.competitor": "",
    "form.placeholder.tags": "comma separated",
    "form.placeholder.notes": "",
    "form.hint": "Grades {threshold} and up count as strong. Ctrl+S saves, Esc leaves without a change.",
    "form.save": "Save",
    "form.cancel": "Cancel",
    "form.error.required": "A name is required.",
    "form.error.phone": "11-digit mobile, or landline with area code.",
    "form.error.grade": "A grade is a whole number from 1 to 5.",
    # help
    "help.title": "Leadboard keys",
    "help.board": "Board",
    "help.lists": "Inside a quadrant",
    "help.app": "Everywhere",
    "help.mouse": (
        "Mouse\n  click selects a lead, double-click opens its details,\n"
        "  drag a lead onto another quadrant to regrade it."
    ),
    "help.close_hint": "Esc closes this help.",
    "help.legend": "Marks on the board",
    "help.legend.credit": "credit: good / unknown / poor",
    "help.legend.project": "has a project on hand",
    "help.legend.when_mark": "12-03 / 09:30",
    "help.legend.when": "next contact (today's: its time): red if overdue, highlighted if today",
    "help.legend.year_mark": "27-01-06",
    "help.legend.year": "a next contact in another year (year-month-day); a narrow pane shows 01-06, underlined",
    "help.legend.tray": "the tray on the right: intent or funds not graded yet",
    "help.legend.active": "the place the keys act on: its title in reverse, its cursor lit",
    # errors
    "error.store_error": "Something went wrong with the data file.",
    "error.unreadable_file": "Cannot read {path}; it was left untouched.",
    "error.unreadable_file.empty": "{path} is empty, not a Leadboard file; it was left untouched.",
    "error.unreadable_file.syntax": (
        "{path} is damaged (not valid JSON: {detail}); it was left untouched. "
        "Try 'leadboard restore'."
    ),
    "error.unreadable_file.not_tinydb": "{path} is not a Leadboard data file; it was left untouched.",
    "error.unreadable_file.newer_schema": (
        "{path} was written by a newer Leadboard (format {detail}); update Leadboard to open it."
    ),
    "error.unreadable_file.bad_document": (
        "{path} holds a damaged record ({detail}); it was left untouched. "
        "See 'leadboard check', or put back a backup with 'leadboard restore'."
    ),
    "error.unreadable_file.journal": (
        "The change journal {path} is damaged ({detail}); nothing was changed. "
        "See 'leadboard check', or put back a backup with 'leadboard restore'."
    ),
    "error.unreadable_file.checksum": (
        "{path} is damaged (its checksum does not match); it was left untouched. "
        "See 'leadboard check', or put back a backup with 'leadboard restore'."
    ),
    "error.unreadable_file.permission": "No permission to read {path}.",
    "error.unreadable_file.directory": "{path} is a folder, not a data file.",
    "error.unreadable_file.symlink": "{path} is a symbolic link: Leadboard reads and writes its "
                                     "files only where they are, never through a link; "
                                     "nothing was written.",
    "error.unreadable_file.special": "{path} is not a regular file (a device, a pipe or a "
                                     "socket): Leadboard writes only regular files; "
                                     "nothing was written.",
    "error.bad_document": "A damaged record: {table} {doc_id} ({detail}).",
    "error.save_failed": "Not saved: {detail} ({path}). Nothing was lost; fix it and try again.",
    "error.fold_failed": "Saved, in the journal; but {path} could not be rewritten ({detail}). "
                         "Do not repeat the change: once there is room, the next start folds "
                         "it into the file.",
    "error.locked": "{path} is open in another Leadboard; close that one first.",
    "error.locked.denied": (
        "{lock} belongs to another user, so {path} cannot be opened for writing. "
        "If no Leadboard is running on it, delete {lock} or make it yours (sudo chown)."
    ),
    "error.read_only": "This file is open read-only; changes cannot be saved.",
    "error.not_found": "No {kind} with number {item_id}.",
    "error.invalid": "{field}: not a valid value ({value}).",
    "error.demo_refused": "That file already holds {count} leads; demo data goes into an empty file only.",
    # the system's words for the common OS errors (tui/i18n.py SYSTEM_ERRORS)
    "error.os.ENOENT": "No such file or directory",
    "error.os.EACCES": "Permission denied",
    "error.os.EPERM": "Operation not permitted",
    "error.os.EISDIR": "Is a directory",
    "error.os.ENOTDIR": "Not a directory",
    "error.os.ENOSPC": "No space left on device",
    "error.os.EROFS": "Read-only file system",
    # command line
    "cli.description": "Lead triage board for excavator sales reps.",
    "cli.help.db": (
        "data file, or a team's base as postgresql://user@host/database "
        "(default: LEADBOARD_DB, else leads.json in your user data folder)"
    ),
    # argparse's own messages, by its wording (tui/cli.py ARGPARSE_KEYS).
    "argparse.usage": "usage: ",
    "argparse.options": "options",
    "argparse.positional": "positional arguments",
    "argparse.help": "show this help and exit",
    "argparse.argument": "%(argument_name)s: %(message)s",
    "argparse.invalid_choice": "%(value)r is not one of %(choices)s",
    "argparse.invalid_value": "%(value)r is not a valid value",
    "argparse.expected_one": "needs a value",
    "argparse.unrecognized": "unknown arguments: %s",
    "argparse.required": "missing argument: %s",
    "argparse.ambiguous": "%(option)s is ambiguous: %(matches)s",
    "cli.help.lang": "language of the interface",
    "cli.help.version": "print the version and exit",
    "cli.help.demo": "write demo leads into an empty file and open them",
    "cli.help.count": "how many demo leads",
    "cli.help.seed": "random seed: the same seed gives the same leads",
    "cli.help.no_open": "write the file but do not open the board",
    "cli.error.count": "--count must be at least 1",
    "cli.error.whole_number": "{option} must be a whole number, not “{value}”",
    "cli.error.command": "“{name}” is not a Leadboard command; the commands are: {commands}",
    "cli.error.missing": "{path} does not exist.",
    "cli.error.no_terminal": "the board needs a terminal; the sub-commands work without one",
    "cli.error.no_terminal_demo": (
        "demo opens the board, which needs a terminal; add --no-open to write the file only"
    ),
    "cli.error.output": "leadboard: the output could not be written ({detail}).",
    "cli.output.saved": "The changes were saved.",
    "cli.output.unchanged": "Nothing was changed.",
    "error.os.EPIPE": "the reader closed the pipe",
    "cli.error.usage": "leadboard: {detail} (see leadboard --help)",
    "cli.opening": "Opening {path} …",
    "cli.crashed": "Leadboard stopped on an error of its own; your saved changes are kept. The details are in {log}.",
    "cli.saving": "Saving {path} …",
    "cli.demo.written": "Wrote {count} demo leads to {path}",
    "cli.demo.reopened": (
        "{path} already holds {count} demo leads: opening it as you left it "
        "(for fresh demo data, name another file with --db)"
    ),
}
