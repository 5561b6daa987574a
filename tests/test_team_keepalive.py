"""TCP keepalive on every connection Leadboard opens to a team's server, so
that a server gone silent is noticed; the URL's or the service file's own
values win. Read back from the connections' settings as libpq took them."""

from __future__ import annotations

from store.backends.keepalive import KEEPALIVE
from store.backends.postgres import connect
from store.leadstore import LeadStore


def settings(conn) -> dict[str, str]:
    """The connection's libpq settings, as it was made with them."""
    return {o.keyword.decode(): (o.val or b"").decode() for o in conn.pgconn.info
            if o.keyword.decode().startswith("keepalives")}


def test_every_connection_has_keepalive_by_default(pg_base):
    with connect(pg_base) as conn:
        assert settings(conn) == KEEPALIVE
    with LeadStore.open(pg_base) as store:  # the store's own connection
        assert settings(store._backend.conn) == KEEPALIVE


def test_a_urls_own_values_win(pg_base):
    with connect(f"{pg_base}&keepalives_idle=7&keepalives_count=9") as conn:
        assert settings(conn) == {**KEEPALIVE, "keepalives_idle": "7", "keepalives_count": "9"}
    with connect(f"{pg_base}&keepalives=0") as conn:
        assert settings(conn)["keepalives"] == "0"


def test_a_service_files_values_win(pg_base, tmp_path, monkeypatch):
    from psycopg.conninfo import conninfo_to_dict

    place = conninfo_to_dict(pg_base)
    services = tmp_path / "pg_service.conf"
    services.write_text(
        "# the team's server\n[team]\n"
        f"host={place['host']}\ndbname={place['dbname']}\nuser={place['user']}\n"
        "keepalives_interval=4\n", encoding="utf-8")
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    with connect("postgresql://?service=team") as conn:
        assert settings(conn) == {**KEEPALIVE, "keepalives_interval": "4"}
    monkeypatch.setenv("PGSERVICE", "team")
    with connect("postgresql://") as conn:
        assert settings(conn) == {**KEEPALIVE, "keepalives_interval": "4"}
