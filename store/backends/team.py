"""Who may see and change what in a team's lead base, enforced by the server.

Every rep logs in as a database role of their own, a member of the team's
group for reps; the manager's role is also in the group for managers. Both
groups are named after the database (``leadboard_<db>_reps`` and
``leadboard_<db>_managers``, kept in ``meta``'s ``roles``), so that two
bases on one server keep their teams apart.

Each row of ``records`` has an ``owner``: a rep's role name, or NULL for
what the whole team shares. Row-level security lets a rep see and change
the rows they own and the shared ones; the manager sees and changes all.

- ``leads``: the owner is the document's ``owner`` (empty: the team's pool,
  公海). Only the manager hands a lead to someone else or to the pool.
- ``contacts``, ``lost_deals`` and ``machines``: the owner of the lead they
  belong to (a machine's ``owner`` is that lead's id), following it when it
  changes hands; a machine with no known owner is the team's.
- ``sessions`` (a triage session's record): the rep who ran it.
- Everything else (the market: competitors, intel, outlets, projects; the
  settings and the saved views): the team's.

``changes`` gets ``owners``: per record a change touched, who might see it
before and who after (a JSON pair; null where the record did not exist).
A rep sees a change of their own, and one every record of which they could
see before or after it: the team's catch-up log never shows a rep another
rep's leads, and a hand-over reaches both reps.
"""

from __future__ import annotations

import re

import psycopg
from psycopg import sql

from store.errors import Invalid

# Server schema 1 -> 2: owners, policies, the team's groups, ids from the server.
TEAM_STEP = r"""
ALTER TABLE records ADD COLUMN owner text;
ALTER TABLE changes ADD COLUMN owners text[] NOT NULL DEFAULT '{}';
CREATE TABLE ids (tbl text PRIMARY KEY, next integer NOT NULL);

CREATE FUNCTION team_role(kind text) RETURNS text LANGUAGE sql STABLE
    AS $$ SELECT value->>kind FROM meta WHERE key = 'roles' $$;

-- A superuser (the server's keeper) is not a rep but sees all, as the manager.
CREATE FUNCTION team_manager() RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT rolsuper OR rolbypassrls FROM pg_roles
                     WHERE rolname = current_user), false)
        OR pg_has_role(current_user, team_role('managers'), 'MEMBER') $$;

-- The lead a record belongs to, for the records that follow their lead.
CREATE FUNCTION record_lead(tbl text, doc jsonb) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE tbl WHEN 'contacts' THEN (doc->>'lead_id')::integer
                    WHEN 'lost_deals' THEN (doc->>'lead_id')::integer
                    WHEN 'machines' THEN (doc->>'owner')::integer END $$;
CREATE INDEX records_by_lead ON records (record_lead(tbl, doc))
    WHERE record_lead(tbl, doc) IS NOT NULL;

CREATE FUNCTION record_owner() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    lead integer := record_lead(NEW.tbl, NEW.doc);
BEGIN
    IF NEW.tbl = 'leads' THEN
        NEW.owner := nullif(NEW.doc->>'owner', '');
        IF TG_OP = 'UPDATE' AND NEW.owner IS DISTINCT FROM OLD.owner
                AND NOT team_manager() THEN
            RAISE insufficient_privilege USING
                MESSAGE = 'only the manager hands a lead to another rep';
        END IF;
    ELSIF NEW.tbl = 'sessions' THEN
        NEW.owner := CASE WHEN TG_OP = 'INSERT' THEN current_user ELSE OLD.owner END;
    ELSIF lead IS NOT NULL THEN
        SELECT owner INTO NEW.owner FROM records WHERE tbl = 'leads' AND id = lead;
        IF NOT FOUND THEN  -- a lead this role cannot see (or none): theirs alone
            NEW.owner := current_user;
        END IF;
    ELSE
        NEW.owner := NULL;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER record_owner BEFORE INSERT OR UPDATE ON records
    FOR EACH ROW EXECUTE FUNCTION record_owner();

-- A lead that changes hands takes its contacts, machines and lost deals along.
CREATE FUNCTION follow_lead() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE records SET owner = NEW.owner
     WHERE record_lead(tbl, doc) = NEW.id AND record_lead(tbl, doc) IS NOT NULL;
    RETURN NULL;
END $$;
CREATE TRIGGER follow_lead AFTER UPDATE ON records FOR EACH ROW
    WHEN (NEW.tbl = 'leads' AND OLD.owner IS DISTINCT FROM NEW.owner)
    EXECUTE FUNCTION follow_lead();

-- Who could see each record a transaction touches, before and after, until
-- its row in the change log takes them.
CREATE FUNCTION note_owners() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    owners text[] := coalesce(nullif(current_setting('leadboard.owners', true), ''), '{}');
    pair text := jsonb_build_array(
        CASE WHEN TG_OP <> 'INSERT' THEN coalesce(OLD.owner, '') END,
        CASE WHEN TG_OP <> 'DELETE' THEN coalesce(NEW.owner, '') END)::text;
BEGIN
    IF NOT pair = ANY (owners) THEN
        PERFORM set_config('leadboard.owners', array_append(owners, pair)::text, true);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER note_owners AFTER INSERT OR UPDATE OR DELETE ON records
    FOR EACH ROW EXECUTE FUNCTION note_owners();

CREATE FUNCTION change_owners() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.owners := coalesce(nullif(current_setting('leadboard.owners', true), ''), '{}');
    PERFORM set_config('leadboard.owners', '', true);
    RETURN NEW;
END $$;
CREATE TRIGGER change_owners BEFORE INSERT ON changes
    FOR EACH ROW EXECUTE FUNCTION change_owners();

CREATE FUNCTION change_seen(owners text[]) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT NOT EXISTS (
        SELECT 1 FROM unnest(owners) AS o(pair), LATERAL (SELECT o.pair::jsonb AS p) AS j
         WHERE NOT (coalesce(p->>0 IN ('', current_user), false)
                    OR coalesce(p->>1 IN ('', current_user), false))) $$;

ALTER TABLE records ENABLE ROW LEVEL SECURITY;
ALTER TABLE records FORCE ROW LEVEL SECURITY;
CREATE POLICY own_or_shared ON records
    USING (owner IS NULL OR owner = current_user OR (SELECT team_manager()))
    WITH CHECK (owner IS NULL OR owner = current_user OR (SELECT team_manager()));

ALTER TABLE changes ENABLE ROW LEVEL SECURITY;
ALTER TABLE changes FORCE ROW LEVEL SECURITY;
CREATE POLICY about_what_they_see ON changes FOR SELECT
    USING (rep = current_user OR (SELECT team_manager()) OR change_seen(owners));
CREATE POLICY their_own ON changes FOR INSERT WITH CHECK (rep = current_user);

-- New ids come from the server: a block of n for a table, its first id.
CREATE FUNCTION take_ids(table_name text, n integer) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    first integer;
BEGIN
    INSERT INTO ids VALUES (table_name, 1) ON CONFLICT (tbl) DO NOTHING;
    UPDATE ids SET next = greatest(next, (SELECT coalesce(max(id), 0) + 1 FROM records
                                          WHERE tbl = table_name)) + n
     WHERE tbl = table_name RETURNING next - n INTO first;
    RETURN first;
END $$;

-- Whether a record exists at all, seen or not: "not yours" or "gone".
CREATE FUNCTION record_exists(table_name text, record_id integer) RETURNS boolean
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
    AS $$ SELECT EXISTS (SELECT 1 FROM records WHERE tbl = table_name AND id = record_id) $$;

DO $$
DECLARE
    base text := left(current_database(), 40);
    reps text := 'leadboard_' || base || '_reps';
    managers text := 'leadboard_' || base || '_managers';
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = reps) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', reps);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = managers) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', managers);
    END IF;
    IF NOT pg_has_role(managers, reps, 'MEMBER') THEN
        EXECUTE format('GRANT %I TO %I', reps, managers);
    END IF;
    INSERT INTO meta VALUES ('roles', jsonb_build_object('reps', reps, 'managers', managers));
    EXECUTE format('GRANT SELECT ON meta TO %I', reps);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON records TO %I', reps);
    EXECUTE format('GRANT SELECT, INSERT ON changes TO %I', reps);
    EXECUTE format('GRANT USAGE ON SEQUENCE changes_seq_seq TO %I', reps);
    -- Whoever made the base and is no superuser sees all of it, as the manager.
    IF NOT team_manager() THEN
        EXECUTE format('GRANT %I TO %I', managers, current_user);
    END IF;
END $$;
"""

# A rep's name is their database role's: letters, digits, "_", "." and "-",
# within the server's 63 bytes; "-" alone is the pool.
_REP_NAME = re.compile(r"[^\W\d][\w.\-]*")


def check_rep(name: str) -> str:
    if not _REP_NAME.fullmatch(name) or len(name.encode()) > 63:
        raise Invalid("rep", "rep_name", name)
    return name


def whoami(conn: psycopg.Connection) -> tuple[str, bool]:
    """This role's name as a lead's owner (empty for one that is no rep, such
    as the server's keeper: the leads it adds go to the pool), and whether it
    is the manager."""
    return conn.execute(
        "SELECT CASE WHEN NOT r.rolsuper AND pg_has_role(current_user, team_role('reps'),"
        " 'MEMBER') THEN current_user ELSE '' END, team_manager()"
        " FROM pg_roles r WHERE r.rolname = current_user").fetchone()


def is_rep(conn: psycopg.Connection, name: str) -> bool:
    """Whether ``name`` is one of the team's reps (the manager is one too)."""
    return bool(conn.execute(
        "SELECT 1 FROM pg_roles WHERE rolname = %s AND NOT rolsuper"
        " AND rolname NOT IN (team_role('reps'), team_role('managers'))"
        " AND pg_has_role(oid, team_role('reps'), 'MEMBER')", [name]).fetchone())


def add_rep(conn: psycopg.Connection, name: str, manager: bool) -> bool:
    """Make ``name`` one of the team's reps, or its manager; a role that
    exists already is given its place (and a manager's is taken back
    without ``manager``). Whether the role was new. It logs in without a
    password until the server's keeper sets one or lets it in by peer or
    certificate (pg_hba.conf)."""
    check_rep(name)
    role = sql.Identifier(name)
    with conn.transaction():
        reps, managers = conn.execute(
            "SELECT team_role('reps'), team_role('managers')").fetchone()
        new = not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name]).fetchone()
        if new:
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN").format(role))
        conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(reps), role))
        if manager:
            conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(managers), role))
        elif not new:
            conn.execute(sql.SQL("REVOKE {} FROM {}").format(sql.Identifier(managers), role))
    return new
