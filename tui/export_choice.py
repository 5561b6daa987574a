"""The export dialog's last format and folder, kept for the next export.

They live in a small file of the user's (``export.json`` in the config
folder), not in the data file's settings: a folder is a place on this
machine, not a fact about the leads; a change in the data file would be a
journal line and an undo step (``u`` after an export would take back the
choice), and a second, read-only Leadboard could not keep it at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import orjson
from platformdirs import user_config_path

from store.export import Format
from store.safe_files import replace
from tui.cli import APP_NAME


@dataclass(frozen=True, slots=True)
class ExportChoice:
    format: Format = Format.JSON
    folder: Path = field(default_factory=Path.home)


def choice_file() -> Path:
    return user_config_path(APP_NAME, appauthor=False) / "export.json"


def last_choice() -> ExportChoice:
    """The choice of the last export; the defaults when there was none, or
    when the file or its folder is gone or unreadable."""
    try:
        doc = orjson.loads(choice_file().read_bytes())
        choice = ExportChoice(Format(doc["format"]), Path(doc["folder"]))
    except (OSError, ValueError, KeyError, TypeError):
        return ExportChoice()
    return choice if choice.folder.is_dir() else ExportChoice(choice.format)


def keep_choice(choice: ExportChoice) -> None:
    """Remember the choice; losing it costs the rep two fields, so a failure
    to write it is not worth a word."""
    path = choice_file()
    doc = {"format": choice.format.value, "folder": str(choice.folder)}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace(path, orjson.dumps(doc))
    except OSError:
        pass
