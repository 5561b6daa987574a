"""TCP keepalive on every connection to a team's server, so that a server
gone away without a word (a cable pulled, a machine frozen) is noticed in
about a minute instead of when the system gives up after hours: a save
then fails and says so, and the listener looks for the server again.

The values are libpq's own settings, given only where the location does
not set them already, in its URL or in the service it names (a service
file's values are read as libpq reads them: the rep's file first, else the
machine's). Over a unix socket libpq ignores them.
"""

from __future__ import annotations

import configparser
import os
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict, make_conninfo

# Idle 30 s before the first probe, then one every 10 s, three unanswered:
# a dead server is given up on within a minute.
KEEPALIVE = {"keepalives": "1", "keepalives_idle": "30", "keepalives_interval": "10",
             "keepalives_count": "3"}
# Where libpq looks for the machine's service file on this system (Debian's
# packages), when PGSYSCONFDIR does not say.
SYSTEM_SERVICES = Path("/etc/postgresql-common")


def with_keepalive(location: str) -> str:
    """The location, with the keepalive settings it does not set itself."""
    given = conninfo_to_dict(location)
    service = given.get("service") or os.environ.get("PGSERVICE")
    taken = set(given) | (service_settings(str(service)) if service else set())
    missing = {name: value for name, value in KEEPALIVE.items() if name not in taken}
    return make_conninfo(location, **missing) if missing else location


def service_settings(service: str) -> set[str]:
    """The settings a service file gives the service ``service``."""
    for path in _service_files():
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            parser.read(path, encoding="utf-8")
        except (configparser.Error, UnicodeDecodeError):
            continue  # libpq will say what is wrong with it
        if parser.has_section(service):
            return {name.strip().lower() for name in parser.options(service)}
    return set()


def _service_files() -> list[Path]:
    user = os.environ.get("PGSERVICEFILE")
    system = Path(os.environ.get("PGSYSCONFDIR") or SYSTEM_SERVICES) / "pg_service.conf"
    return [Path(user) if user else Path.home() / ".pg_service.conf", system]
