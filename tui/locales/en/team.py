"""English texts for a team's lead base on a PostgreSQL server."""

MESSAGES: dict[str, str] = {
    "cli.help.team": "a team's lead base on a PostgreSQL server",
    "cli.help.team_init": "make the lead base's tables in an empty database (--db postgresql://…)",
    "team.error.not_server": (
        "team init needs a server: give --db postgresql://user@host/database "
        "(or set LEADBOARD_DB)."
    ),
    "team.init.done": (
        "{path}: the lead base is ready (schema {schema}). Each rep opens it with "
        "leadboard --db and the URL, with their own user name."
    ),
    "error.no_server": "Cannot reach the lead base at {path}: {detail}",
    "error.server_failed": (
        "Not saved: the server at {path} refused the change ({detail}). "
        "Nothing of it was kept; try again."
    ),
    "error.changed_since": (
        "Not saved: someone else changed this record ({table} {item_id}) after you "
        "opened it. Nothing was overwritten."
    ),
    "error.changed_since.leads": (
        "Not saved: someone else changed lead {item_id} after you opened it. "
        "Nothing was overwritten."
    ),
    "error.changed_since.contacts": (
        "Not saved: someone else changed contact {item_id} after you opened it. "
        "Nothing was overwritten."
    ),
    "error.unreadable_file.no_base": (
        "{path} holds no lead base yet: run leadboard team init with this --db first."
    ),
    "error.unreadable_file.base_exists": "{path} already holds a lead base; nothing was changed.",
    "error.unreadable_file.older_schema": (
        "{path} holds a lead base of an older schema ({detail}); open it once to write "
        "and it is brought up to date."
    ),
    "check.reason.no_base": "the database holds no lead base (leadboard team init makes one)",
    "check.reason.older_schema": "its schema is older ({detail}) and is brought up to date "
                                 "when it is opened to write",
    "check.reason.base_exists": "it already holds a lead base",
    "check.ok_server": (
        "{path}: OK — schema {schema}, {leads} leads, {contacts} contacts, "
        "{entries} changes in the log."
    ),
    "check.failed_server": "{path}: {count} problem(s) found; nothing on the server was changed.",
    "restore.server": (
        "{path} is a base on a server: Leadboard keeps no backups of it. "
        "Whoever runs the server restores it from the server's own backups."
    ),
}
