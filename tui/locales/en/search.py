"""English texts for search: the search bar, saved views, the palette, `leadboard search`."""

MESSAGES: dict[str, str] = {
    "search.placeholder": "Search: name, pinyin (zs), phone, or filters like q:1 region:临沂",
    "search.count": "Matches: {count} · enter jumps · ctrl+s saves as a view · esc clears",
    "search.none": "No lead matches",
    "search.indexing": "Preparing search over {count} leads…",
    "search.tray": "ungraded",
    "search.view.title": "Save this search as a view",
    "search.view.placeholder": "name of the view",
    "search.view.saved": "Saved as the view “{name}”",
    "search.view.nothing": "Type a search first, then save it as a view.",
    "search.view.none": "  No saved views yet: search, then press ctrl+s.",
    "search.help": (
        "  Type any part of a name, company, region, notes or tags; the pinyin of a name\n"
        "  or company, whole or by initials (zhangsan, zhang san, zs, zhangs); or phone\n"
        "  digits. Small typos are forgiven (wangwie finds 王伟).\n"
        "  Best first: exact name, name start, exact pinyin or initials, pinyin start,\n"
        "  found anywhere, then near misses; ties in the board's order.\n"
        "  Filters (Chinese names work too), combined with the words:\n"
        "    q:1  q:1,2  (象限:)        quadrant; q:0 the ungraded tray\n"
        "    region:临沂  (地区:)        province or city\n"
        "    source:referral  (来源:)   visit friend owner operator site peer event other\n"
        "    credit:good  (信誉:)       good unknown poor\n"
        "    project:yes  (工程:有)      holds a project or not\n"
        "    project:沂河  (项目:)       on a project of that name or pinyin (P links one)\n"
        "    stage:probing  (阶段:)     finding analysis approach probing presentation\n"
        "                               objections closing after-sales\n"
        "    status:won  (状态:)        active won lost dormant all (default: active)\n"
        "    intent>=4  (意向>=4)       also <, <=, =, >; funding<3 (资金<3)\n"
        "    overdue  (逾期)             next contact is overdue\n"
        "    nonext  (无计划)            no next contact planned\n"
        "    brand:小松  (品牌:)         owners of a machine of that brand (komatsu, cat …)\n"
        "    fleet>=3  (机队>=3)         owners of 3 machines or more; also age>=8\n"
        "                               (机龄>=8) years, hours>=10000 (小时>=10000)\n"
    ),
    "help.search": "Search ( / )",
    "help.views": "Saved views (also in the command palette, ctrl+p)",
    "palette.placeholder": "Type to find a lead, an action or a view…",
    "palette.themes": "Choose a colour theme…",
    "system.theme": "Colour theme",
    "system.theme_help": "Change the colours of the app",
    "system.quit": "Quit",
    "system.quit_help": "Close Leadboard; every change is already saved",
    "palette.lead_help": "Jump to this lead",
    "palette.view": "View: {name}  ({query})",
    "palette.delete_view": "Delete view: {name}",
    "palette.view_help": "Filter the board by this saved view",
    "palette.delete_view_help": "Delete this saved view; its leads stay as they are (u undoes)",
    "palette.no_matches": "Nothing matches",
    "binding.board.search": "Search",
    "binding.board.clear_search": "Clear search",
    "binding.search.close": "Clear and close",
    "binding.search.next": "Next match",
    "binding.search.previous": "Previous match",
    "binding.search.save_view": "Save as view",
    "binding.view_name.cancel": "Cancel",
    "change.save_view": "saved view",
    "change.delete_view": "deleted view",
    "error.bad_query": "Cannot read the filter “{token}”.",
    "error.bad_query.unknown_field": "Unknown filter “{token}” (see ? for the filters).",
    "error.bad_query.empty_value": "The filter “{token}” needs a value.",
    "error.bad_query.bad_value": "The filter “{token}” has a value it does not know.",
    "error.bad_query.bad_operator": "The filter “{token}” takes : (not <, >).",
    "cli.help.search": "print the leads a search finds, best first",
    "cli.help.query": "what to search for, with the same filters as the board (empty: every lead)",
    "cli.help.limit": "print at most N matches",
    "cli.help.json": "print a JSON array",
    "cli.error.limit": "--limit must be at least 1",
    "cli.search.none": "No lead matches.",
}
