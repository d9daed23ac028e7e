-- Full-text search over what the public pages show: the current policies with their
-- priorities, partnerships, agreements that are not drafts, and published trips with
-- their reports.
--
-- One row per searchable record in search_document, kept current by statement-level
-- triggers on every table a document is built from, so a search reads one table
-- through two GIN indexes instead of joining trips to their rows. A record that is not
-- public (a draft trip, an archived policy, a draft agreement) has no row at all: what
-- is not in this table cannot leak through search.
--
-- Each document is stemmed in its own language (tsv) and also indexed word for word
-- (simple_tsv), so a query finds "vänort" from "vänorterna" in a Swedish text and a
-- name or reference such as BAL-2026-0007 exactly in any text.

-- +goose Up
-- The text search configuration for a BCP 47 language tag. internal/search queries
-- each configuration this returns by name: keep the two lists the same.
CREATE FUNCTION search_config(lang text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE lower(split_part(coalesce(lang, ''), '-', 1))
    WHEN 'sv' THEN 'pg_catalog.swedish'::regconfig
    WHEN 'da' THEN 'pg_catalog.danish'::regconfig
    WHEN 'de' THEN 'pg_catalog.german'::regconfig
    WHEN 'en' THEN 'pg_catalog.english'::regconfig
    ELSE 'pg_catalog.simple'::regconfig
END;

-- The text as the search sees it. The default text search parser takes "<b>" for an
-- HTML tag, which to_tsvector leaves out and ts_headline deletes; our texts are plain
-- text, so "<" becomes U+E002, which the parser takes for a space and internal/search
-- turns back into "<". U+E000 and U+E001 are removed: ts_headline marks matched words
-- with them, so the only ones in its answer must be its own.
CREATE FUNCTION search_text(t text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN translate(t, U&'<\E000\E001\E002', U&'\E002');

CREATE TABLE search_document (
    kind            text      NOT NULL CHECK (kind IN ('policy', 'partnership', 'agreement', 'trip')),
    -- The id of the policy, partnership, agreement or trip.
    source_id       bigint    NOT NULL,
    municipality_id bigint    NOT NULL REFERENCES municipality ON DELETE CASCADE,
    -- BCP 47 tag of the text's language, and the configuration it is stemmed with.
    language        text      NOT NULL,
    config          regconfig NOT NULL CHECK (config IN ('pg_catalog.swedish'::regconfig, 'pg_catalog.danish'::regconfig,
                                   'pg_catalog.german'::regconfig, 'pg_catalog.english'::regconfig,
                                   'pg_catalog.simple'::regconfig)),
    -- What a result shows: title (weight A), summary (B: short facts and names)
    -- and body (C: the long text); keywords (A) are found but not shown, e.g. the
    -- trip reference a result shows anyway.
    title           text      NOT NULL,
    keywords        text      NOT NULL DEFAULT '',
    summary         text      NOT NULL DEFAULT '',
    body            text      NOT NULL DEFAULT '',
    -- The trip's public reference, for its link.
    reference       text,
    is_demo         boolean   NOT NULL DEFAULT false,
    tsv             tsvector  GENERATED ALWAYS AS (
                        setweight(to_tsvector(config, search_text(title)), 'A')
                        || setweight(to_tsvector(config, search_text(keywords)), 'A')
                        || setweight(to_tsvector(config, search_text(summary)), 'B')
                        || setweight(to_tsvector(config, search_text(body)), 'C')) STORED,
    simple_tsv      tsvector  GENERATED ALWAYS AS (
                        setweight(to_tsvector('pg_catalog.simple'::regconfig, search_text(title)), 'A')
                        || setweight(to_tsvector('pg_catalog.simple'::regconfig, search_text(keywords)), 'A')
                        || setweight(to_tsvector('pg_catalog.simple'::regconfig, search_text(summary)), 'B')
                        || setweight(to_tsvector('pg_catalog.simple'::regconfig, search_text(body)), 'C')) STORED,
    PRIMARY KEY (kind, source_id)
)
-- A trip's row is about 3 kB. Above the default 2 kB the tsvectors would be moved
-- to the TOAST table, and reading them back was most of the time of a search for a
-- common word; up to a page, rows stay whole.
WITH (toast_tuple_target = 8160);
-- One index per configuration: a query ORs "config = X AND tsv @@ query in X" over
-- the configurations, and with partial indexes each arm is exactly one index scan,
-- so matches need no second check against the row.
CREATE INDEX search_document_swedish_idx ON search_document USING gin (tsv) WHERE config = 'pg_catalog.swedish'::regconfig;
CREATE INDEX search_document_danish_idx ON search_document USING gin (tsv) WHERE config = 'pg_catalog.danish'::regconfig;
CREATE INDEX search_document_german_idx ON search_document USING gin (tsv) WHERE config = 'pg_catalog.german'::regconfig;
CREATE INDEX search_document_english_idx ON search_document USING gin (tsv) WHERE config = 'pg_catalog.english'::regconfig;
CREATE INDEX search_document_simple_idx ON search_document USING gin (tsv) WHERE config = 'pg_catalog.simple'::regconfig;
CREATE INDEX search_document_simple_tsv_idx ON search_document USING gin (simple_tsv);
CREATE INDEX search_document_municipality_idx ON search_document (municipality_id, kind);

-- The refresh functions rebuild the documents of the given records: rows of records
-- that are no longer public go, the others are written when they changed. They are
-- safe to call for ids that do not exist.

-- +goose StatementBegin
CREATE FUNCTION search_refresh_policies(ids bigint[]) RETURNS void LANGUAGE sql AS $$
DELETE FROM search_document d
 WHERE d.kind = 'policy' AND d.source_id IN (SELECT unnest(ids))
   AND NOT EXISTS (SELECT 1 FROM policy p WHERE p.id = d.source_id AND p.archived_at IS NULL);
INSERT INTO search_document AS d (kind, source_id, municipality_id, language, config, title, keywords, summary, body, reference, is_demo)
SELECT 'policy', p.id, p.municipality_id, p.language, search_config(p.language), p.title, '',
       concat_ws(E'\n\n', nullif(p.summary, ''), pr.text),
       p.full_text, NULL, false
  FROM policy p
  LEFT JOIN LATERAL (
       SELECT string_agg(concat_ws(': ', pr.code || ' ' || pr.title, nullif(pr.description, '')), E'\n'
                         ORDER BY pr.kind, pr.position) AS text
         FROM priority pr
        WHERE pr.policy_id = p.id AND pr.archived_at IS NULL) pr ON true
 WHERE p.id IN (SELECT unnest(ids)) AND p.archived_at IS NULL
ON CONFLICT (kind, source_id) DO UPDATE
   SET municipality_id = EXCLUDED.municipality_id, language = EXCLUDED.language, config = EXCLUDED.config,
       title = EXCLUDED.title, keywords = EXCLUDED.keywords, summary = EXCLUDED.summary, body = EXCLUDED.body,
       reference = EXCLUDED.reference, is_demo = EXCLUDED.is_demo
 WHERE (d.municipality_id, d.language, d.config, d.title, d.keywords, d.summary, d.body, d.reference, d.is_demo)
       IS DISTINCT FROM (EXCLUDED.municipality_id, EXCLUDED.language, EXCLUDED.config, EXCLUDED.title,
                         EXCLUDED.keywords, EXCLUDED.summary, EXCLUDED.body, EXCLUDED.reference, EXCLUDED.is_demo);
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION search_refresh_partnerships(ids bigint[]) RETURNS void LANGUAGE sql AS $$
DELETE FROM search_document d
 WHERE d.kind = 'partnership' AND d.source_id IN (SELECT unnest(ids))
   AND NOT EXISTS (SELECT 1 FROM partnership p WHERE p.id = d.source_id AND p.archived_at IS NULL);
INSERT INTO search_document AS d (kind, source_id, municipality_id, language, config, title, keywords, summary, body, reference, is_demo)
SELECT 'partnership', p.id, p.municipality_id, m.languages[1], search_config(m.languages[1]),
       CASE WHEN c.name_en = c.name THEN c.name ELSE c.name || ' (' || c.name_en || ')' END,
       coalesce(p.council_decision_ref, ''), '', p.note, NULL, p.is_demo
  FROM partnership p
  JOIN partner_city c ON c.id = p.partner_city_id
  JOIN municipality m ON m.id = p.municipality_id
 WHERE p.id IN (SELECT unnest(ids)) AND p.archived_at IS NULL
ON CONFLICT (kind, source_id) DO UPDATE
   SET municipality_id = EXCLUDED.municipality_id, language = EXCLUDED.language, config = EXCLUDED.config,
       title = EXCLUDED.title, keywords = EXCLUDED.keywords, summary = EXCLUDED.summary, body = EXCLUDED.body,
       reference = EXCLUDED.reference, is_demo = EXCLUDED.is_demo
 WHERE (d.municipality_id, d.language, d.config, d.title, d.keywords, d.summary, d.body, d.reference, d.is_demo)
       IS DISTINCT FROM (EXCLUDED.municipality_id, EXCLUDED.language, EXCLUDED.config, EXCLUDED.title,
                         EXCLUDED.keywords, EXCLUDED.summary, EXCLUDED.body, EXCLUDED.reference, EXCLUDED.is_demo);
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION search_refresh_agreements(ids bigint[]) RETURNS void LANGUAGE sql AS $$
DELETE FROM search_document d
 WHERE d.kind = 'agreement' AND d.source_id IN (SELECT unnest(ids))
   AND NOT EXISTS (SELECT 1 FROM agreement a
                    WHERE a.id = d.source_id AND a.status <> 'draft' AND a.archived_at IS NULL);
INSERT INTO search_document AS d (kind, source_id, municipality_id, language, config, title, keywords, summary, body, reference, is_demo)
SELECT 'agreement', a.id, a.municipality_id, m.languages[1], search_config(m.languages[1]), a.title, '',
       a.summary, coalesce(pa.text, ''), NULL, a.is_demo
  FROM agreement a
  JOIN municipality m ON m.id = a.municipality_id
  LEFT JOIN LATERAL (
       SELECT string_agg(pa.name, ', ' ORDER BY pa.position) AS text
         FROM agreement_party pa WHERE pa.agreement_id = a.id) pa ON true
 WHERE a.id IN (SELECT unnest(ids)) AND a.status <> 'draft' AND a.archived_at IS NULL
ON CONFLICT (kind, source_id) DO UPDATE
   SET municipality_id = EXCLUDED.municipality_id, language = EXCLUDED.language, config = EXCLUDED.config,
       title = EXCLUDED.title, keywords = EXCLUDED.keywords, summary = EXCLUDED.summary, body = EXCLUDED.body,
       reference = EXCLUDED.reference, is_demo = EXCLUDED.is_demo
 WHERE (d.municipality_id, d.language, d.config, d.title, d.keywords, d.summary, d.body, d.reference, d.is_demo)
       IS DISTINCT FROM (EXCLUDED.municipality_id, EXCLUDED.language, EXCLUDED.config, EXCLUDED.title,
                         EXCLUDED.keywords, EXCLUDED.summary, EXCLUDED.body, EXCLUDED.reference, EXCLUDED.is_demo);
$$;
-- +goose StatementEnd

-- Only published, unarchived trips: drafts and trips under review are never indexed.
-- +goose StatementBegin
CREATE FUNCTION search_refresh_trips(ids bigint[]) RETURNS void LANGUAGE sql AS $$
DELETE FROM search_document d
 WHERE d.kind = 'trip' AND d.source_id IN (SELECT unnest(ids))
   AND NOT EXISTS (SELECT 1 FROM trip t
                    WHERE t.id = d.source_id AND t.status = 'published' AND t.archived_at IS NULL);
INSERT INTO search_document AS d (kind, source_id, municipality_id, language, config, title, keywords, summary, body, reference, is_demo)
SELECT 'trip', t.id, t.municipality_id, m.languages[1], search_config(m.languages[1]),
       coalesce(nullif(t.purpose, ''), t.reference), t.reference,
       concat_ws(' · ', dest.text, trav.text, nullif(t.organiser, '')),
       concat_ws(E'\n\n', nullif(r.goal, ''), nullif(r.outcome, ''), nullif(r.follow_up, '')),
       t.reference, t.is_demo
  FROM trip t
  JOIN municipality m ON m.id = t.municipality_id
  LEFT JOIN trip_report r ON r.trip_id = t.id
  LEFT JOIN LATERAL (
       SELECT string_agg(dd.city, ', ' ORDER BY dd.position) AS text
         FROM trip_destination dd WHERE dd.trip_id = t.id) dest ON true
  LEFT JOIN LATERAL (
       SELECT string_agg(concat_ws(', ', tt.name, nullif(tt.role, '')), '; ' ORDER BY tt.position) AS text
         FROM trip_traveller tt WHERE tt.trip_id = t.id) trav ON true
 WHERE t.id IN (SELECT unnest(ids)) AND t.status = 'published' AND t.archived_at IS NULL
ON CONFLICT (kind, source_id) DO UPDATE
   SET municipality_id = EXCLUDED.municipality_id, language = EXCLUDED.language, config = EXCLUDED.config,
       title = EXCLUDED.title, keywords = EXCLUDED.keywords, summary = EXCLUDED.summary, body = EXCLUDED.body,
       reference = EXCLUDED.reference, is_demo = EXCLUDED.is_demo
 WHERE (d.municipality_id, d.language, d.config, d.title, d.keywords, d.summary, d.body, d.reference, d.is_demo)
       IS DISTINCT FROM (EXCLUDED.municipality_id, EXCLUDED.language, EXCLUDED.config, EXCLUDED.title,
                         EXCLUDED.keywords, EXCLUDED.summary, EXCLUDED.body, EXCLUDED.reference, EXCLUDED.is_demo);
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION search_refresh(kind text, ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF ids IS NULL OR cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    CASE kind
        WHEN 'policy' THEN PERFORM search_refresh_policies(ids);
        WHEN 'partnership' THEN PERFORM search_refresh_partnerships(ids);
        WHEN 'agreement' THEN PERFORM search_refresh_agreements(ids);
        WHEN 'trip' THEN PERFORM search_refresh_trips(ids);
    END CASE;
END
$$;
-- +goose StatementEnd

-- Records whose documents are rebuilt when the transaction that changed them
-- commits. Triggers on the source tables only queue ids, so a transaction that
-- writes a trip, then its destinations, travellers and report (or COPYs 20,000 of
-- each) builds each document once, from its final rows. Empty outside transactions.
CREATE TABLE search_queue (
    kind      text   NOT NULL,
    source_id bigint NOT NULL,
    PRIMARY KEY (kind, source_id)
);

-- +goose StatementBegin
CREATE FUNCTION search_enqueue(kind text, ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF ids IS NULL OR cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    INSERT INTO search_queue (kind, source_id)
    SELECT search_enqueue.kind, i FROM unnest(ids) i
    ON CONFLICT DO NOTHING;
    -- Tells search_flush there is work; transaction-local like SET LOCAL.
    PERFORM set_config('search.pending', 'on', true);
END
$$;
-- +goose StatementEnd

-- Fires at commit once per queued row; the first firing rebuilds every queued
-- document and the others return at once.
-- +goose StatementBegin
CREATE FUNCTION search_flush() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    k   text;
    ids bigint[];
BEGIN
    IF current_setting('search.pending', true) IS DISTINCT FROM 'on' THEN
        RETURN NULL;
    END IF;
    PERFORM set_config('search.pending', 'off', true);
    FOR k, ids IN
        WITH done AS (DELETE FROM search_queue RETURNING search_queue.kind, search_queue.source_id)
        SELECT done.kind, array_agg(done.source_id) FROM done GROUP BY done.kind
    LOOP
        PERFORM search_refresh(k, ids);
    END LOOP;
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE CONSTRAINT TRIGGER search_flush AFTER INSERT ON search_queue
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION search_flush();

-- The trigger function of every table a document is built from: TG_ARGV[0] is the
-- kind of document, TG_ARGV[1] the column holding its record's id. Statement-level
-- with transition tables, so a bulk statement queues its ids in one go.
-- +goose StatementBegin
CREATE FUNCTION search_touch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        EXECUTE format('SELECT array_agg(DISTINCT %I) FROM new_rows', TG_ARGV[1]) INTO ids;
    ELSIF TG_OP = 'UPDATE' THEN
        EXECUTE format('SELECT array_agg(DISTINCT id) FROM (SELECT %1$I AS id FROM new_rows UNION SELECT %1$I FROM old_rows) s',
                       TG_ARGV[1]) INTO ids;
    ELSE
        EXECUTE format('SELECT array_agg(DISTINCT %I) FROM old_rows', TG_ARGV[1]) INTO ids;
    END IF;
    PERFORM search_enqueue(TG_ARGV[0], ids);
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- TRUNCATE has no transition tables: rebuild every document of the kind, which
-- drops them all when the truncated table is the records' own.
-- +goose StatementBegin
CREATE FUNCTION search_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_enqueue(TG_ARGV[0], array(SELECT source_id FROM search_document WHERE kind = TG_ARGV[0]));
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- A renamed partner city renames the partnerships' documents.
-- +goose StatementBegin
CREATE FUNCTION search_touch_partner_city() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM search_enqueue('partnership', array(
        SELECT p.id FROM partnership p WHERE p.partner_city_id IN (SELECT id FROM new_rows)));
    RETURN NULL;
END
$$;
-- +goose StatementEnd

-- A municipality whose primary language changes gets every document re-stemmed.
-- +goose StatementBegin
CREATE FUNCTION search_touch_municipality() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed bigint[];
BEGIN
    changed := array(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                      WHERE n.languages[1] IS DISTINCT FROM o.languages[1]);
    IF cardinality(changed) = 0 THEN
        RETURN NULL;
    END IF;
    PERFORM search_enqueue('partnership', array(SELECT id FROM partnership WHERE municipality_id = ANY (changed)));
    PERFORM search_enqueue('agreement', array(SELECT id FROM agreement WHERE municipality_id = ANY (changed)));
    PERFORM search_enqueue('trip', array(SELECT id FROM trip WHERE municipality_id = ANY (changed)));
    RETURN NULL;
END
$$;
-- +goose StatementEnd

CREATE TRIGGER search_ins AFTER INSERT ON policy REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('policy', 'id');
CREATE TRIGGER search_upd AFTER UPDATE ON policy REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('policy', 'id');
CREATE TRIGGER search_del AFTER DELETE ON policy REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('policy', 'id');

CREATE TRIGGER search_ins AFTER INSERT ON priority REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('policy', 'policy_id');
CREATE TRIGGER search_upd AFTER UPDATE ON priority REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('policy', 'policy_id');
CREATE TRIGGER search_del AFTER DELETE ON priority REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('policy', 'policy_id');

CREATE TRIGGER search_ins AFTER INSERT ON partnership REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('partnership', 'id');
CREATE TRIGGER search_upd AFTER UPDATE ON partnership REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('partnership', 'id');
CREATE TRIGGER search_del AFTER DELETE ON partnership REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('partnership', 'id');

CREATE TRIGGER search_upd AFTER UPDATE ON partner_city REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch_partner_city();

CREATE TRIGGER search_ins AFTER INSERT ON agreement REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('agreement', 'id');
CREATE TRIGGER search_upd AFTER UPDATE ON agreement REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('agreement', 'id');
CREATE TRIGGER search_del AFTER DELETE ON agreement REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('agreement', 'id');

CREATE TRIGGER search_ins AFTER INSERT ON agreement_party REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('agreement', 'agreement_id');
CREATE TRIGGER search_upd AFTER UPDATE ON agreement_party REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('agreement', 'agreement_id');
CREATE TRIGGER search_del AFTER DELETE ON agreement_party REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('agreement', 'agreement_id');

CREATE TRIGGER search_ins AFTER INSERT ON trip REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('trip', 'id');
CREATE TRIGGER search_upd AFTER UPDATE ON trip REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('trip', 'id');
CREATE TRIGGER search_del AFTER DELETE ON trip REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('trip', 'id');

CREATE TRIGGER search_ins AFTER INSERT ON trip_destination REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('trip', 'trip_id');
CREATE TRIGGER search_upd AFTER UPDATE ON trip_destination REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('trip', 'trip_id');
CREATE TRIGGER search_del AFTER DELETE ON trip_destination REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('trip', 'trip_id');

CREATE TRIGGER search_ins AFTER INSERT ON trip_traveller REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('trip', 'trip_id');
CREATE TRIGGER search_upd AFTER UPDATE ON trip_traveller REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('trip', 'trip_id');
CREATE TRIGGER search_del AFTER DELETE ON trip_traveller REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('trip', 'trip_id');

CREATE TRIGGER search_ins AFTER INSERT ON trip_report REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('trip', 'trip_id');
CREATE TRIGGER search_upd AFTER UPDATE ON trip_report REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('trip', 'trip_id');
CREATE TRIGGER search_del AFTER DELETE ON trip_report REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch('trip', 'trip_id');

CREATE TRIGGER search_upd AFTER UPDATE ON municipality REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION search_touch_municipality();

CREATE TRIGGER search_truncate AFTER TRUNCATE ON policy FOR EACH STATEMENT EXECUTE FUNCTION search_truncated('policy');
CREATE TRIGGER search_truncate AFTER TRUNCATE ON priority FOR EACH STATEMENT EXECUTE FUNCTION search_truncated('policy');
CREATE TRIGGER search_truncate AFTER TRUNCATE ON partnership FOR EACH STATEMENT EXECUTE FUNCTION search_truncated('partnership');
CREATE TRIGGER search_truncate AFTER TRUNCATE ON agreement FOR EACH STATEMENT EXECUTE FUNCTION search_truncated('agreement');
CREATE TRIGGER search_truncate AFTER TRUNCATE ON agreement_party FOR EACH STATEMENT EXECUTE FUNCTION search_truncated('agreement');
CREATE TRIGGER search_truncate AFTER TRUNCATE ON trip FOR EACH STATEMENT EXECUTE FUNCTION search_truncated('trip');
CREATE TRIGGER search_truncate AFTER TRUNCATE ON trip_destination FOR EACH STATEMENT EXECUTE FUNCTION search_truncated('trip');
CREATE TRIGGER search_truncate AFTER TRUNCATE ON trip_traveller FOR EACH STATEMENT EXECUTE FUNCTION search_truncated('trip');
CREATE TRIGGER search_truncate AFTER TRUNCATE ON trip_report FOR EACH STATEMENT EXECUTE FUNCTION search_truncated('trip');

-- Index what the earlier migrations seeded.
SELECT search_refresh('policy', array(SELECT id FROM policy));
SELECT search_refresh('partnership', array(SELECT id FROM partnership));
SELECT search_refresh('agreement', array(SELECT id FROM agreement));
SELECT search_refresh('trip', array(SELECT id FROM trip));

-- +goose Down
DROP TRIGGER search_upd ON municipality;
DROP TRIGGER search_ins ON trip_report;
DROP TRIGGER search_upd ON trip_report;
DROP TRIGGER search_del ON trip_report;
DROP TRIGGER search_ins ON trip_traveller;
DROP TRIGGER search_upd ON trip_traveller;
DROP TRIGGER search_del ON trip_traveller;
DROP TRIGGER search_ins ON trip_destination;
DROP TRIGGER search_upd ON trip_destination;
DROP TRIGGER search_del ON trip_destination;
DROP TRIGGER search_ins ON trip;
DROP TRIGGER search_upd ON trip;
DROP TRIGGER search_del ON trip;
DROP TRIGGER search_ins ON agreement_party;
DROP TRIGGER search_upd ON agreement_party;
DROP TRIGGER search_del ON agreement_party;
DROP TRIGGER search_ins ON agreement;
DROP TRIGGER search_upd ON agreement;
DROP TRIGGER search_del ON agreement;
DROP TRIGGER search_upd ON partner_city;
DROP TRIGGER search_ins ON partnership;
DROP TRIGGER search_upd ON partnership;
DROP TRIGGER search_del ON partnership;
DROP TRIGGER search_ins ON priority;
DROP TRIGGER search_upd ON priority;
DROP TRIGGER search_del ON priority;
DROP TRIGGER search_ins ON policy;
DROP TRIGGER search_upd ON policy;
DROP TRIGGER search_del ON policy;
DROP TRIGGER search_truncate ON policy;
DROP TRIGGER search_truncate ON priority;
DROP TRIGGER search_truncate ON partnership;
DROP TRIGGER search_truncate ON agreement;
DROP TRIGGER search_truncate ON agreement_party;
DROP TRIGGER search_truncate ON trip;
DROP TRIGGER search_truncate ON trip_destination;
DROP TRIGGER search_truncate ON trip_traveller;
DROP TRIGGER search_truncate ON trip_report;
DROP FUNCTION search_touch_municipality();
DROP FUNCTION search_touch_partner_city();
DROP FUNCTION search_truncated();
DROP FUNCTION search_touch();
DROP TABLE search_queue;
DROP FUNCTION search_flush();
DROP FUNCTION search_enqueue(text, bigint[]);
DROP FUNCTION search_refresh(text, bigint[]);
DROP FUNCTION search_refresh_trips(bigint[]);
DROP FUNCTION search_refresh_agreements(bigint[]);
DROP FUNCTION search_refresh_partnerships(bigint[]);
DROP FUNCTION search_refresh_policies(bigint[]);
DROP TABLE search_document;
DROP FUNCTION search_text(text);
DROP FUNCTION search_config(text);
