"""Where a lead base lives: a data file (one rep, one machine) or a
PostgreSQL server (a team). What the rep typed (``--db``, ``LEADBOARD_DB``)
picks the backend by its scheme; anything else is a file path."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

SCHEMES = ("postgresql://", "postgres://")


def is_server(location: str | Path) -> bool:
    return isinstance(location, str) and location.lower().startswith(SCHEMES)


def shown(location: str | Path) -> str:
    """A location as it may be shown or logged: a server URL with its
    password masked (in the user part and in a ``password=`` setting),
    everything else as typed."""
    if not is_server(location):
        return str(location)
    masked = _USER_PASSWORD.sub(r"\1:***@", str(location))
    return _PASSWORD_SETTING.sub(r"\1***", masked)


_USER_PASSWORD = re.compile(r"^(postgres(?:ql)?://[^:/@?#]*):[^@/?#]*@", re.IGNORECASE)
_PASSWORD_SETTING = re.compile(r"([?&]password=)[^&#]*", re.IGNORECASE)


def server_name(location: str) -> str:
    """A server base's short name, for a title bar: the database at its host."""
    parts = urlsplit(location)
    database = parts.path.lstrip("/") or parts.username or "postgres"
    host = parts.hostname or dict(parse_qsl(parts.query)).get("host", "")
    if not host or host.startswith("/"):
        return database
    return f"{database}@{host}"
