-- Summary rows behind the public pages, kept up to date in the same transaction as
-- the change, so that no page aggregates over every trip when it is rendered:
--
-- register_entry    one narrow row per published trip with what the register filters,
--                   sorts and sums on (the register's count and totals are an
--                   index-only scan of one municipality's rows);
-- register_facet    the values the register's filters offer, with their counts;
-- budget_line_figures  per budget line, the money and CO2e of the trips charged to it.
--
-- Both are refreshed from trip_figures' refresh (costs, travellers, destinations),
-- from changes to trips themselves and from changes to a trip's priorities. A bulk
-- load (portal.bulk_load = 'on') refreshes once at the end through
-- refresh_trip_figures.

-- +goose Up
CREATE TABLE register_entry (
    trip_id         bigint PRIMARY KEY REFERENCES trip ON DELETE CASCADE,
    municipality_id bigint  NOT NULL,
    reference       text    NOT NULL,
    starts_on       date,
    published_at    timestamptz NOT NULL,
    organiser       text    NOT NULL,
    budget_line_id  bigint,
    total_minor     bigint  NOT NULL,
    actual_minor    bigint  NOT NULL,
    has_actual      boolean NOT NULL,
    co2e_kg         float8,
    is_demo         boolean NOT NULL,
    countries       text[]  NOT NULL,
    -- The codes of the trip's priorities (the register's filter) and their ids (the
    -- compare page's spending per priority).
    priorities      text[]  NOT NULL,
    priority_ids    bigint[] NOT NULL,
    -- Every traveller's name in lower case, for the "part of a name" filter (LIKE on
    -- lower case is several times faster than ILIKE).
    travellers      text    NOT NULL
);
CREATE INDEX register_entry_date_idx ON register_entry (municipality_id, starts_on DESC, reference DESC)
    INCLUDE (total_minor, co2e_kg, trip_id);
CREATE INDEX register_entry_cost_idx ON register_entry (municipality_id, total_minor, starts_on DESC, reference);
CREATE INDEX register_entry_published_idx ON register_entry (municipality_id, published_at DESC, trip_id DESC);
CREATE INDEX register_entry_recent_idx ON register_entry (published_at DESC, trip_id DESC);
CREATE INDEX register_entry_year_idx ON register_entry (starts_on);
CREATE INDEX register_entry_line_idx ON register_entry (budget_line_id, starts_on DESC, reference DESC)
    WHERE budget_line_id IS NOT NULL;
CREATE INDEX register_entry_countries_idx ON register_entry USING gin (countries);
CREATE INDEX register_entry_priorities_idx ON register_entry USING gin (priorities);
CREATE INDEX register_entry_travellers_idx ON register_entry USING gin (travellers gin_trgm_ops);

-- The values the register's filters offer (years, countries, organisers), with the
-- number of published trips that have each; a value goes when its count reaches 0.
CREATE TABLE register_facet (
    municipality_id bigint  NOT NULL,
    kind            text    NOT NULL CHECK (kind IN ('year', 'country', 'organiser')),
    value           text    NOT NULL,
    trips           integer NOT NULL CHECK (trips >= 0),
    PRIMARY KEY (municipality_id, kind, value)
);

CREATE TABLE budget_line_figures (
    budget_line_id     bigint PRIMARY KEY REFERENCES budget_line ON DELETE CASCADE,
    -- Actual costs of published trips and of trips that have taken place but are not
    -- yet published; planned costs of approved trips; trips in another currency.
    spent_published    bigint  NOT NULL,
    spent_unpublished  bigint  NOT NULL,
    committed          bigint  NOT NULL,
    other_currency_trips integer NOT NULL,
    -- The published trips in the line's currency and their CO2e.
    published_trips    integer NOT NULL,
    co2e_kg            float8  NOT NULL,
    co2e_known         integer NOT NULL,
    co2e_unknown       integer NOT NULL
);

-- register_facets lists the facet values of a register entry.
-- +goose StatementBegin
CREATE FUNCTION register_facets(starts_on date, countries text[], organiser text)
RETURNS TABLE (kind text, value text) LANGUAGE sql IMMUTABLE AS $$
    SELECT 'year', extract(year FROM starts_on)::int::text WHERE starts_on IS NOT NULL
    UNION ALL SELECT 'country', c FROM unnest(countries) c
    UNION ALL SELECT 'organiser', organiser WHERE organiser <> '';
$$;
-- +goose StatementEnd

-- refresh_register rebuilds the entries of the trips ids from the trips, and moves
-- the facet counts by what left and what came.
-- +goose StatementBegin
CREATE FUNCTION refresh_register(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    WITH gone AS (DELETE FROM register_entry WHERE trip_id = ANY(ids) RETURNING *),
    delta AS (SELECT g.municipality_id, f.kind, f.value, count(*)::int AS n
              FROM gone g CROSS JOIN LATERAL register_facets(g.starts_on, g.countries, g.organiser) f
              GROUP BY 1, 2, 3)
    UPDATE register_facet r SET trips = r.trips - d.n
    FROM delta d WHERE r.municipality_id = d.municipality_id AND r.kind = d.kind AND r.value = d.value;

    INSERT INTO register_entry (trip_id, municipality_id, reference, starts_on, published_at, organiser,
                                budget_line_id, total_minor, actual_minor, has_actual, co2e_kg, is_demo,
                                countries, priorities, priority_ids, travellers)
    SELECT t.id, t.municipality_id, t.reference, t.starts_on, t.published_at, t.organiser,
           t.budget_line_id, f.total_minor, f.actual_minor, f.has_actual, f.co2e_kg, t.is_demo,
           ARRAY(SELECT DISTINCT d.country::text FROM trip_destination d WHERE d.trip_id = t.id ORDER BY 1),
           ARRAY(SELECT p.code FROM trip_priority tp JOIN priority p ON p.id = tp.priority_id
                 WHERE tp.trip_id = t.id ORDER BY p.code),
           ARRAY(SELECT tp.priority_id FROM trip_priority tp WHERE tp.trip_id = t.id ORDER BY 1),
           lower(coalesce((SELECT string_agg(v.name, ' | ' ORDER BY v.position) FROM trip_traveller v WHERE v.trip_id = t.id), ''))
    FROM trip t JOIN trip_figures f ON f.trip_id = t.id
    WHERE t.id = ANY(ids) AND t.status = 'published' AND t.archived_at IS NULL;

    INSERT INTO register_facet (municipality_id, kind, value, trips)
    SELECT e.municipality_id, f.kind, f.value, count(*)
    FROM register_entry e CROSS JOIN LATERAL register_facets(e.starts_on, e.countries, e.organiser) f
    WHERE e.trip_id = ANY(ids)
    GROUP BY 1, 2, 3
    ON CONFLICT (municipality_id, kind, value) DO UPDATE SET trips = register_facet.trips + EXCLUDED.trips;

    DELETE FROM register_facet WHERE trips = 0;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION refresh_budget_line_figures(line_ids bigint[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO budget_line_figures (budget_line_id, spent_published, spent_unpublished, committed,
                                     other_currency_trips, published_trips, co2e_kg, co2e_known, co2e_unknown)
    SELECT bl.id,
       coalesce(sum(f.actual_minor) FILTER (WHERE t.currency = bl.currency AND t.status = 'published'), 0),
       coalesce(sum(f.actual_minor) FILTER (WHERE t.currency = bl.currency AND t.status IN
           ('completed', 'report_submitted', 'report_returned', 'report_approved')), 0),
       coalesce(sum(f.planned_minor) FILTER (WHERE t.currency = bl.currency AND t.status = 'approved'), 0),
       count(t.id) FILTER (WHERE t.currency <> bl.currency AND t.status IN
           ('approved', 'completed', 'report_submitted', 'report_returned', 'report_approved', 'published')),
       count(t.id) FILTER (WHERE t.currency = bl.currency AND t.status = 'published'),
       coalesce(sum(f.co2e_kg) FILTER (WHERE t.currency = bl.currency AND t.status = 'published'), 0),
       count(f.co2e_kg) FILTER (WHERE t.currency = bl.currency AND t.status = 'published'),
       count(t.id) FILTER (WHERE t.currency = bl.currency AND t.status = 'published' AND f.co2e_kg IS NULL)
    FROM budget_line bl
    LEFT JOIN trip t ON t.budget_line_id = bl.id AND t.archived_at IS NULL
    LEFT JOIN trip_figures f ON f.trip_id = t.id
    WHERE bl.id = ANY(line_ids)
    GROUP BY bl.id
    ON CONFLICT (budget_line_id) DO UPDATE SET
        spent_published = EXCLUDED.spent_published, spent_unpublished = EXCLUDED.spent_unpublished,
        committed = EXCLUDED.committed, other_currency_trips = EXCLUDED.other_currency_trips,
        published_trips = EXCLUDED.published_trips, co2e_kg = EXCLUDED.co2e_kg,
        co2e_known = EXCLUDED.co2e_known, co2e_unknown = EXCLUDED.co2e_unknown;
$$;
-- +goose StatementEnd

-- Figures, register entries and the budget lines of the trips, together.
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION refresh_trip_figures(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO trip_figures (trip_id, planned_minor, actual_minor, has_actual, total_minor, travellers, distance_km, co2e_kg)
    SELECT trip_id, planned_minor, actual_minor, has_actual, total_minor, travellers, distance_km, co2e_kg
    FROM trip_figures_computed WHERE trip_id = ANY(ids)
    ON CONFLICT (trip_id) DO UPDATE SET
        planned_minor = EXCLUDED.planned_minor, actual_minor = EXCLUDED.actual_minor,
        has_actual = EXCLUDED.has_actual, total_minor = EXCLUDED.total_minor,
        travellers = EXCLUDED.travellers, distance_km = EXCLUDED.distance_km, co2e_kg = EXCLUDED.co2e_kg;
    SELECT refresh_register(ids);
    SELECT refresh_budget_line_figures(ARRAY(
        SELECT DISTINCT budget_line_id FROM trip WHERE id = ANY(ids) AND budget_line_id IS NOT NULL));
$$;
-- +goose StatementEnd

-- A trip's own row changed (status, dates, organiser, budget line …): its register
-- entry, and the budget lines it left and joined.
-- +goose StatementBegin
CREATE FUNCTION summaries_for_changed_trips() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('portal.bulk_load', true) = 'on' THEN RETURN NULL; END IF;
    IF TG_OP = 'DELETE' THEN
        PERFORM refresh_budget_line_figures(ARRAY(
            SELECT DISTINCT budget_line_id FROM old_rows WHERE budget_line_id IS NOT NULL));
        RETURN NULL;
    END IF;
    PERFORM refresh_register(ARRAY(SELECT id FROM new_rows));
    PERFORM refresh_budget_line_figures(ARRAY(
        SELECT budget_line_id FROM new_rows WHERE budget_line_id IS NOT NULL
        UNION SELECT budget_line_id FROM old_rows WHERE budget_line_id IS NOT NULL));
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION register_for_priorities() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('portal.bulk_load', true) = 'on' THEN RETURN NULL; END IF;
    IF TG_OP = 'INSERT' THEN
        PERFORM refresh_register(ARRAY(SELECT DISTINCT trip_id FROM new_rows));
    ELSE
        PERFORM refresh_register(ARRAY(SELECT DISTINCT trip_id FROM old_rows));
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- A priority's code changed: the entries of the trips that name it.
-- +goose StatementBegin
CREATE FUNCTION register_for_priority_codes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_register(ARRAY(SELECT DISTINCT trip_id FROM trip_priority));
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- A new or changed budget line (its currency decides what counts) gets its figures.
-- +goose StatementBegin
CREATE FUNCTION figures_for_new_lines() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_budget_line_figures(ARRAY(SELECT id FROM new_rows));
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER summaries_trip_upd AFTER UPDATE ON trip
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION summaries_for_changed_trips();
CREATE TRIGGER summaries_trip_del AFTER DELETE ON trip
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION summaries_for_changed_trips();
CREATE TRIGGER register_priority_ins AFTER INSERT ON trip_priority
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION register_for_priorities();
CREATE TRIGGER register_priority_del AFTER DELETE ON trip_priority
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION register_for_priorities();
CREATE TRIGGER figures_budget_line_ins AFTER INSERT ON budget_line
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figures_for_new_lines();
CREATE TRIGGER figures_budget_line_upd AFTER UPDATE ON budget_line
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION figures_for_new_lines();
CREATE TRIGGER register_priority_code_upd AFTER UPDATE OF code ON priority
    FOR EACH STATEMENT EXECUTE FUNCTION register_for_priority_codes();

SELECT refresh_trip_figures(ARRAY(SELECT id FROM trip));
SELECT refresh_budget_line_figures(ARRAY(SELECT id FROM budget_line));

-- +goose Down
DROP TRIGGER register_priority_code_upd ON priority;
DROP TRIGGER figures_budget_line_upd ON budget_line;
DROP TRIGGER figures_budget_line_ins ON budget_line;
DROP TRIGGER register_priority_del ON trip_priority;
DROP TRIGGER register_priority_ins ON trip_priority;
DROP TRIGGER summaries_trip_del ON trip;
DROP TRIGGER summaries_trip_upd ON trip;
DROP FUNCTION figures_for_new_lines();
DROP FUNCTION register_for_priority_codes();
DROP FUNCTION register_for_priorities();
DROP FUNCTION summaries_for_changed_trips();
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION refresh_trip_figures(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO trip_figures (trip_id, planned_minor, actual_minor, has_actual, total_minor, travellers, distance_km, co2e_kg)
    SELECT trip_id, planned_minor, actual_minor, has_actual, total_minor, travellers, distance_km, co2e_kg
    FROM trip_figures_computed WHERE trip_id = ANY(ids)
    ON CONFLICT (trip_id) DO UPDATE SET
        planned_minor = EXCLUDED.planned_minor, actual_minor = EXCLUDED.actual_minor,
        has_actual = EXCLUDED.has_actual, total_minor = EXCLUDED.total_minor,
        travellers = EXCLUDED.travellers, distance_km = EXCLUDED.distance_km, co2e_kg = EXCLUDED.co2e_kg;
$$;
-- +goose StatementEnd
DROP FUNCTION refresh_budget_line_figures(bigint[]);
DROP FUNCTION refresh_register(bigint[]);
DROP FUNCTION register_facets(date, text[], text);
DROP TABLE budget_line_figures;
DROP TABLE register_facet;
DROP TABLE register_entry;
