"""English texts for who may see and change what on a team's base."""

MESSAGES: dict[str, str] = {
    "cli.help.team_add": "give a rep a place in the team's base (run by whoever made the base)",
    "cli.help.team_rep": "the rep's database user name",
    "cli.help.team_manager": "the team's manager: sees every lead and assigns them",
    "team.error.not_server_add": (
        "team add needs a server: give --db postgresql://user@host/database "
        "(or set LEADBOARD_DB)."
    ),
    "team.add.rep": "{rep} is a rep of the team at {path}: they see their own leads and the pool.",
    "team.add.manager": "{rep} is the manager of the team at {path}: they see every lead.",
    "team.add.existed": (
        "(The user was there already; its password and sign-in are as they were.)"
    ),
    "cli.help.assign": "hand a lead, or all of a rep's leads, to a rep (the manager's)",
    "cli.help.assign_lead": "the lead's number",
    "cli.help.assign_rep": "the rep it goes to; - for the team's pool",
    "cli.help.assign_from": "hand over every lead of this rep",
    "cli.help.assign_to": "to this rep; - for the team's pool",
    "assign.error.how": "Give a lead and a rep (assign 12 wang), or --from REP --to REP.",
    "assign.error.not_server": (
        "Leads are assigned on a team's base only: give --db postgresql://… "
        "(a file is one rep's)."
    ),
    "assign.done": "Lead {id} ({name}) is now {rep}'s.",
    "assign.already": "Lead {id} ({name}) is {rep}'s already; nothing changed.",
    "assign.handed_over": "{count} lead(s) of {old} are now {rep}'s.",
    "assign.pool": "the team's pool",
    "assign.title": "Hand {name} (now: {owner}) to which rep?",
    "assign.placeholder": "the rep's user name, or - for the pool",
    "binding.board.assign": "Assign",
    "binding.assign.cancel": "Cancel",
    "change.assign": "assignment",
    "change.hand_over": "hand-over",
    "field.owner": "Rep",
    "error.not_yours": (
        "Not saved: {table} {item_id} is not yours to change (it belongs to another rep). "
        "Nothing was changed."
    ),
    "error.not_yours.leads": (
        "Not saved: lead {item_id} is not yours to change (it belongs to another rep). "
        "Nothing was changed."
    ),
    "error.not_allowed": "Not allowed: only the team's manager may do that.",
    "error.not_allowed.assign": "Not allowed: only the team's manager assigns leads.",
    "error.not_in_team": "{name} is not a rep of this team (leadboard team add makes one).",
}
