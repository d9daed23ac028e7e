-- What the public sees changes only when something is published or edited. Each
-- municipality has a content version, moved forward in the same transaction as every
-- change that can alter one of its public pages; a change to what all municipalities
-- share (the municipality list, currencies, emission factors, exchange rates,
-- election periods, partner cities, networks) moves every version. Servers keep
-- rendered public pages per version (internal/content) and learn of a new version
-- through NOTIFY portal_content, sent at commit.
--
-- A bulk load (portal demo) sets portal.bulk_load = 'on' and moves every version
-- once at the end instead of once per statement.

-- +goose Up
CREATE TABLE content_version (
    municipality_id bigint PRIMARY KEY REFERENCES municipality ON DELETE CASCADE,
    version         bigint NOT NULL DEFAULT 1 CHECK (version > 0),
    changed_at      timestamptz NOT NULL DEFAULT now()
);
INSERT INTO content_version (municipality_id) SELECT id FROM municipality;

-- bump_content moves the versions of the given municipalities (every one when ids
-- is NULL). Rows are locked in id order, so two transactions never wait on each
-- other in opposite orders.
-- +goose StatementBegin
CREATE FUNCTION bump_content(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF ids IS NOT NULL AND cardinality(ids) = 0 THEN RETURN; END IF;
    INSERT INTO content_version (municipality_id)
    SELECT id FROM municipality WHERE (ids IS NULL OR id = ANY(ids))
    ON CONFLICT (municipality_id) DO NOTHING;
    PERFORM 1 FROM content_version WHERE ids IS NULL OR municipality_id = ANY(ids)
        ORDER BY municipality_id FOR UPDATE;
    UPDATE content_version SET version = version + 1, changed_at = now()
    WHERE ids IS NULL OR municipality_id = ANY(ids);
    PERFORM pg_notify('portal_content', '');
END $$;
-- +goose StatementEnd

-- content_changed is the statement trigger of every table behind a public page.
-- TG_ARGV[0] says how a row names its municipality: a column of its own
-- ('municipality_id'), its trip, policy, partnership, agreement or project, or
-- 'all' for what every municipality shows.
-- +goose StatementBegin
CREATE FUNCTION content_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    how  text := TG_ARGV[0];
    rows text;
    ids  bigint[];
BEGIN
    IF current_setting('portal.bulk_load', true) = 'on' THEN RETURN NULL; END IF;
    IF how = 'all' THEN
        PERFORM bump_content(NULL);
        RETURN NULL;
    END IF;
    rows := CASE TG_OP WHEN 'INSERT' THEN 'SELECT * FROM new_rows'
                       WHEN 'DELETE' THEN 'SELECT * FROM old_rows'
                       ELSE 'SELECT * FROM new_rows UNION ALL SELECT * FROM old_rows' END;
    EXECUTE CASE how
        WHEN 'municipality_id' THEN
            'SELECT array_agg(DISTINCT r.municipality_id) FROM (' || rows || ') r'
        WHEN 'trip_id' THEN
            'SELECT array_agg(DISTINCT t.municipality_id) FROM (' || rows || ') r JOIN trip t ON t.id = r.trip_id'
        WHEN 'policy_id' THEN
            'SELECT array_agg(DISTINCT p.municipality_id) FROM (' || rows || ') r JOIN policy p ON p.id = r.policy_id'
        WHEN 'partnership_id' THEN
            'SELECT array_agg(DISTINCT p.municipality_id) FROM (' || rows || ') r JOIN partnership p ON p.id = r.partnership_id'
        WHEN 'agreement_id' THEN
            'SELECT array_agg(DISTINCT a.municipality_id) FROM (' || rows || ') r JOIN agreement a ON a.id = r.agreement_id'
        WHEN 'project_id' THEN
            'SELECT array_agg(DISTINCT p.municipality_id) FROM (' || rows || ') r JOIN project p ON p.id = r.project_id'
    END INTO ids;
    IF ids IS NOT NULL THEN
        PERFORM bump_content(ids);
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- One trigger per table and event (PostgreSQL allows transition tables only on
-- single-event triggers).
-- +goose StatementBegin
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES
        ('policy', 'municipality_id'), ('partnership', 'municipality_id'),
        ('network_membership', 'municipality_id'), ('project', 'municipality_id'),
        ('agreement', 'municipality_id'), ('budget_line', 'municipality_id'),
        ('trip', 'municipality_id'), ('twin_city_meeting', 'municipality_id'),
        ('priority', 'policy_id'), ('policy_rule', 'policy_id'),
        ('partnership_status_change', 'partnership_id'),
        ('agreement_party', 'agreement_id'), ('agreement_priority', 'agreement_id'),
        ('project_priority', 'project_id'),
        ('trip_destination', 'trip_id'), ('trip_traveller', 'trip_id'),
        ('trip_programme_item', 'trip_id'), ('trip_cost', 'trip_id'),
        ('trip_priority', 'trip_id'), ('trip_attachment', 'trip_id'),
        ('trip_report', 'trip_id'), ('trip_transition', 'trip_id'),
        ('municipality', 'all'), ('currency', 'all'), ('emission_factor', 'all'),
        ('exchange_rate', 'all'), ('election_period', 'all'), ('partner_city', 'all'),
        ('network', 'all'), ('network_partner_city', 'all')) AS v(tbl, how)
    LOOP
        IF t.how = 'all' THEN
            EXECUTE format('CREATE TRIGGER content_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                FOR EACH STATEMENT EXECUTE FUNCTION content_changed(%L)', t.tbl, t.how);
            CONTINUE;
        END IF;
        EXECUTE format('CREATE TRIGGER content_changed_ins AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION content_changed(%L)', t.tbl, t.how);
        EXECUTE format('CREATE TRIGGER content_changed_upd AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION content_changed(%L)', t.tbl, t.how);
        EXECUTE format('CREATE TRIGGER content_changed_del AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
            FOR EACH STATEMENT EXECUTE FUNCTION content_changed(%L)', t.tbl, t.how);
    END LOOP;
END $$;
-- +goose StatementEnd

-- +goose Down
-- +goose StatementBegin
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT tgname, tgrelid::regclass AS tbl FROM pg_trigger
             WHERE tgname IN ('content_changed', 'content_changed_ins', 'content_changed_upd', 'content_changed_del')
    LOOP
        EXECUTE format('DROP TRIGGER %I ON %s', t.tgname, t.tbl);
    END LOOP;
END $$;
-- +goose StatementEnd
DROP FUNCTION content_changed();
DROP FUNCTION bump_content(bigint[]);
DROP TABLE content_version;
