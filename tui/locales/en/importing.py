"""English texts for importing leads (CLI and the app's import screen)."""

MESSAGES: dict[str, str] = {
    "change.import": "import",
    "binding.board.import": "Import",
    "binding.import.close": "Close",
    # command line
    "cli.help.import": (
        "import leads and machine lists from CSV, Excel (.xlsx) or phone contacts (.vcf)"
    ),
    "cli.help.import_files": "files to import",
    "cli.help.format": "file format (default: found from the file)",
    "cli.help.sheet": "the Excel sheet to read (default: the first)",
    "cli.help.on_duplicate": (
        "a row that is already a lead: merge it (default), skip it, or add a new lead"
    ),
    "cli.help.dry_run": "show what the import would do and save nothing",
    "cli.help.rejects": "where to write the rejected rows (default: FILE-rejects.csv beside it)",
    "import.progress": "Importing… {percent}% ({rows} rows)",
    "import.error.rejects": (
        "Cannot write the rejects file {path} ({detail}); nothing was imported. "
        "Name another place with --rejects PATH."
    ),
    # summary
    "import.summary.files": "{files}: {rows} rows read",
    "import.summary.counts": (
        "new {new} · merged {merged} · already there {unchanged} · skipped {skipped} · "
        "rejected {rejected}"
    ),
    "import.summary.flag": (
        "{file} line {line}: '{value}' is not a phone number; kept under other columns"
    ),
    "import.summary.more": "…and {count} more",
    "import.summary.unknown": "{file}: columns kept under other columns: {columns}",
    "import.summary.reject": "{file} line {line} rejected: {reason}",
    "import.summary.rejects_written": "Rejected rows are in {path}",
    "import.summary.dry_run": "Dry run: nothing was saved.",
    "import.reason.no_name_or_phone": "no name and no phone number",
    "import.reason.total": "a totals row, not a customer ({value})",
    "import.reason.grade": "a grade that is not 1-5 or a grade word ({value})",
    "import.reason.credit": "credit that is not good / unknown / poor ({value})",
    "import.reason.separator": "; ",
    "import.reason.phone": "not a phone number ({value})",
    "import.rejects.file": "file",
    "import.rejects.line": "line",
    "import.rejects.reason": "reason",
    # import screen
    "import.title": "Import leads and machines",
    "import.path_label": "File (CSV, Excel .xlsx or contacts .vcf); several separated by ;",
    "import.path_placeholder": "~/Downloads/leads.xlsx",
    "import.start": "Import",
    "import.close": "Close",
    "import.running": "Importing…",
    "import.no_path": "Type the path of a file to import.",
    "import.saved": "✓ Imported. u undoes the whole import.",
    "import.nothing_changed": "Nothing new: every row is already on the board.",
    "import.nothing.no_rows": "Nothing imported: the file has no rows under its header.",
    "import.nothing.all_rejected": (
        "Nothing imported: all {rejected} rows were rejected; fix them in the rejects file "
        "and import that."
    ),
    "import.nothing.some_rejected": (
        "Nothing new: {rejected} rows were rejected; the other {rest} are already on the board."
    ),
    "import.on_duplicate": "Already on the board:",
    "import.duplicate.merge": "merge",
    "import.duplicate.skip": "skip",
    "import.duplicate.new": "add as new",
    "import.dry_run": "Dry run: save nothing",
    # files that cannot be imported
    "error.import_failed": "Cannot import {path}; nothing was imported.",
    "error.import_failed.missing": "{path} does not exist; nothing was imported.",
    "error.import_failed.directory": "{path} is a folder, not a file; nothing was imported.",
    "error.import_failed.permission": "No permission to read {path}; nothing was imported.",
    "error.import_failed.empty": "{path} is empty; nothing was imported.",
    "error.import_failed.binary": (
        "{path} is not a text, Excel or contacts file; nothing was imported."
    ),
    "error.import_failed.mixed_encoding": (
        "{path} line {detail} has characters that are neither UTF-8 nor GBK (the file mixes "
        "encodings); fix that line or save the file again as CSV UTF-8. Nothing was imported."
    ),
    "error.import_failed.web_page": (
        "{path} is a web page (HTML or XML), not a workbook, though it may be named .xls; "
        "open it in Excel or WPS, save as .xlsx and import that. Nothing was imported."
    ),
    "error.import_failed.encrypted": (
        "{path} is protected by a password; save a copy without it and import that. "
        "Nothing was imported."
    ),
    "error.import_failed.protected": (
        "{path} is encrypted by a document protection system, not by a password; open it "
        "where that system lets you and save a copy that is not encrypted, or ask for a "
        "fresh export. Nothing was imported."
    ),
    "error.import_failed.xls": (
        "{path} is an old Excel .xls file; open it in Excel or WPS, save as .xlsx and import "
        "that. Nothing was imported."
    ),
    "error.import_failed.not_xlsx": (
        "{path} is not a readable .xlsx workbook; nothing was imported."
    ),
    "error.import_failed.no_sheet": (
        "{path} has no sheet of that name (it has: {detail}); nothing was imported."
    ),
    "error.import_failed.no_header": (
        "{path}: no header row with a name or phone column in the first rows; "
        "nothing was imported."
    ),
    "error.import_failed.no_header_book": (
        "{path}: no sheet has a header row with a name or phone column in its first rows "
        "(sheets: {detail}); nothing was imported."
    ),
    "error.import_failed.no_header_sheet": (
        "{path}: the sheet {detail} has no header row with a name or phone column; "
        "name the sheet to read with --sheet. Nothing was imported."
    ),
    "error.import_failed.not_vcard": (
        "{path} holds no contacts (no BEGIN:VCARD); nothing was imported."
    ),
    "error.import_failed.format": "{path}: unknown format {detail}; nothing was imported.",
    "error.import_failed.damaged": "{path} cannot be read ({detail}); nothing was imported.",
    "error.import_failed.too_big": (
        "{path} is {detail} MB, more than the 256 MB an import reads; split it into smaller "
        "files. Nothing was imported."
    ),
    "error.import_failed.too_expanded": (
        "{path} would unpack to {detail} MB or is packed far tighter than any real workbook; "
        "an import reads at most 256 MB. Nothing was imported."
    ),
    "error.import_failed.cell_too_long": (
        "{path} line {detail} has a cell longer than 131,072 characters; shorten it. "
        "Nothing was imported."
    ),
    "error.import_failed.too_many_columns": (
        "{path} line {detail} has more than 1,000 columns; nothing was imported."
    ),
    "error.import_failed.unclosed_quote": (
        "{path} line {detail} opens a quote (\") that is never closed, so every line after it "
        "would land in one cell; close the quote and import again. Nothing was imported."
    ),
}
