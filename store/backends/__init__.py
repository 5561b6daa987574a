"""Where a lead base lives: a data file (one rep, one machine) or a
PostgreSQL server (a team). What the rep typed (``--db``, ``LEADBOARD_DB``)
picks the backend by its scheme; anything else is a file path."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

SCHEMES = ("postgresql://", "postgres://")


def is_server(location: str | Path) -> bool:
    return isinstance(location, str) and location.lower().startswith(SCHEMES)


def shown(location: str | Path) -> str:
    """A location as it may be shown or logged: a server URL with its
    password masked (in the user part and in a ``password=`` setting)."""
    if not is_server(location):
        return str(location)
    parts = urlsplit(str(location))
    netloc = parts.netloc
    users, at, hosts = netloc.rpartition("@")
    if at and ":" in users:
        netloc = f"{users.split(':', 1)[0]}:***@{hosts}"
    query = parts.query
    if "password" in query.lower():
        query = urlencode([(k, "***" if k.lower() == "password" else v)
                           for k, v in parse_qsl(query, keep_blank_values=True)], safe="/")
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def server_name(location: str) -> str:
    """A server base's short name, for a title bar: the database at its host."""
    parts = urlsplit(location)
    database = parts.path.lstrip("/") or parts.username or "postgres"
    host = parts.hostname or dict(parse_qsl(parts.query)).get("host", "")
    if not host or host.startswith("/"):
        return database
    return f"{database}@{host}"
