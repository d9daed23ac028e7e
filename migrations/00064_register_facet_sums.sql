-- The register's totals for one country or one organiser from the filter choices.
--
-- register_facet counted the published trips behind each filter choice (years,
-- countries, organisers); it now sums their totals and CO2e too. The register totals
-- a selection by one country or one organiser from one row: at 1,000,000 trips
-- "France" is tens of thousands of entries. Other combinations still total their own
-- selection.
--
-- The facets now move with register_entry itself, in the statement trigger that
-- moves register_sum (migration 00062), instead of inside refresh_register: so a
-- register entry that goes by a cascade (a trip deleted) moves them too.

-- +goose Up
ALTER TABLE register_facet
    ADD COLUMN total_minor bigint  NOT NULL DEFAULT 0,
    ADD COLUMN co2e_kg     numeric NOT NULL DEFAULT 0,
    -- The trips among them with an estimate: none means "not estimated", not 0 kg.
    ADD COLUMN co2e_trips  integer NOT NULL DEFAULT 0;

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION refresh_register(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM register_entry WHERE trip_id = ANY(ids);
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
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE OR REPLACE FUNCTION register_sum_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        WITH d AS (
            SELECT municipality_id, coalesce(extract(year FROM starts_on)::int, 0) AS year,
                   priority_ids, priorities, has_actual, co2e_kg IS NOT NULL AS co2e_known, is_demo,
                   count(*)::int AS n, sum(total_minor)::bigint AS t, sum(actual_minor)::bigint AS a,
                   coalesce(sum(co2e_kg::numeric), 0) AS c
            FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6, 7)
        UPDATE register_sum s
           SET trips = s.trips - d.n, total_minor = s.total_minor - d.t,
               actual_minor = s.actual_minor - d.a, co2e_kg = s.co2e_kg - d.c
          FROM d
         WHERE s.municipality_id = d.municipality_id AND s.year = d.year
           AND s.priority_ids = d.priority_ids AND s.priorities = d.priorities
           AND s.has_actual = d.has_actual AND s.co2e_known = d.co2e_known AND s.is_demo = d.is_demo;
        DELETE FROM register_sum WHERE trips = 0;
        DELETE FROM register_partnership WHERE trip_id IN (SELECT trip_id FROM old_rows);
        WITH d AS (
            SELECT o.municipality_id, f.kind, f.value, count(*)::int AS n, sum(o.total_minor)::bigint AS t,
                   coalesce(sum(o.co2e_kg::numeric), 0) AS c, count(o.co2e_kg)::int AS k
            FROM old_rows o CROSS JOIN LATERAL register_facets(o.starts_on, o.countries, o.organiser) f
            GROUP BY 1, 2, 3)
        UPDATE register_facet r SET trips = r.trips - d.n, total_minor = r.total_minor - d.t, co2e_kg = r.co2e_kg - d.c,
               co2e_trips = r.co2e_trips - d.k
          FROM d WHERE r.municipality_id = d.municipality_id AND r.kind = d.kind AND r.value = d.value;
        DELETE FROM register_facet WHERE trips = 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO register_sum (municipality_id, year, priority_ids, priorities, has_actual, co2e_known,
                                  is_demo, trips, total_minor, actual_minor, co2e_kg)
        SELECT municipality_id, coalesce(extract(year FROM starts_on)::int, 0),
               priority_ids, priorities, has_actual, co2e_kg IS NOT NULL, is_demo,
               count(*), sum(total_minor), sum(actual_minor), coalesce(sum(co2e_kg::numeric), 0)
          FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT (municipality_id, year, priority_ids, priorities, has_actual, co2e_known, is_demo)
        DO UPDATE SET trips = register_sum.trips + EXCLUDED.trips,
                      total_minor = register_sum.total_minor + EXCLUDED.total_minor,
                      actual_minor = register_sum.actual_minor + EXCLUDED.actual_minor,
                      co2e_kg = register_sum.co2e_kg + EXCLUDED.co2e_kg;
        INSERT INTO register_partnership
        SELECT * FROM register_partnerships(ARRAY(SELECT trip_id FROM new_rows), NULL)
        ON CONFLICT DO NOTHING;
        INSERT INTO register_facet (municipality_id, kind, value, trips, total_minor, co2e_kg, co2e_trips)
        SELECT n.municipality_id, f.kind, f.value, count(*), sum(n.total_minor), coalesce(sum(n.co2e_kg::numeric), 0),
               count(n.co2e_kg)
          FROM new_rows n CROSS JOIN LATERAL register_facets(n.starts_on, n.countries, n.organiser) f
         GROUP BY 1, 2, 3
        ON CONFLICT (municipality_id, kind, value) DO UPDATE SET trips = register_facet.trips + EXCLUDED.trips,
            total_minor = register_facet.total_minor + EXCLUDED.total_minor,
            co2e_kg = register_facet.co2e_kg + EXCLUDED.co2e_kg,
            co2e_trips = register_facet.co2e_trips + EXCLUDED.co2e_trips;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

DELETE FROM register_facet;
INSERT INTO register_facet (municipality_id, kind, value, trips, total_minor, co2e_kg, co2e_trips)
SELECT e.municipality_id, f.kind, f.value, count(*), sum(e.total_minor), coalesce(sum(e.co2e_kg::numeric), 0),
       count(e.co2e_kg)
  FROM register_entry e CROSS JOIN LATERAL register_facets(e.starts_on, e.countries, e.organiser) f
 GROUP BY 1, 2, 3;

-- +goose Down
-- +goose StatementBegin
CREATE OR REPLACE FUNCTION refresh_register(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
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
CREATE OR REPLACE FUNCTION register_sum_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        WITH d AS (
            SELECT municipality_id, coalesce(extract(year FROM starts_on)::int, 0) AS year,
                   priority_ids, priorities, has_actual, co2e_kg IS NOT NULL AS co2e_known, is_demo,
                   count(*)::int AS n, sum(total_minor)::bigint AS t, sum(actual_minor)::bigint AS a,
                   coalesce(sum(co2e_kg::numeric), 0) AS c
            FROM old_rows GROUP BY 1, 2, 3, 4, 5, 6, 7)
        UPDATE register_sum s
           SET trips = s.trips - d.n, total_minor = s.total_minor - d.t,
               actual_minor = s.actual_minor - d.a, co2e_kg = s.co2e_kg - d.c
          FROM d
         WHERE s.municipality_id = d.municipality_id AND s.year = d.year
           AND s.priority_ids = d.priority_ids AND s.priorities = d.priorities
           AND s.has_actual = d.has_actual AND s.co2e_known = d.co2e_known AND s.is_demo = d.is_demo;
        DELETE FROM register_sum WHERE trips = 0;
        DELETE FROM register_partnership WHERE trip_id IN (SELECT trip_id FROM old_rows);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO register_sum (municipality_id, year, priority_ids, priorities, has_actual, co2e_known,
                                  is_demo, trips, total_minor, actual_minor, co2e_kg)
        SELECT municipality_id, coalesce(extract(year FROM starts_on)::int, 0),
               priority_ids, priorities, has_actual, co2e_kg IS NOT NULL, is_demo,
               count(*), sum(total_minor), sum(actual_minor), coalesce(sum(co2e_kg::numeric), 0)
          FROM new_rows GROUP BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT (municipality_id, year, priority_ids, priorities, has_actual, co2e_known, is_demo)
        DO UPDATE SET trips = register_sum.trips + EXCLUDED.trips,
                      total_minor = register_sum.total_minor + EXCLUDED.total_minor,
                      actual_minor = register_sum.actual_minor + EXCLUDED.actual_minor,
                      co2e_kg = register_sum.co2e_kg + EXCLUDED.co2e_kg;
        INSERT INTO register_partnership
        SELECT * FROM register_partnerships(ARRAY(SELECT trip_id FROM new_rows), NULL)
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd
ALTER TABLE register_facet DROP COLUMN co2e_trips, DROP COLUMN co2e_kg, DROP COLUMN total_minor;
