-- The register's totals and the compare page's sums without reading every entry.
--
-- register_sum holds the published trips' count and sums per municipality, year and
-- the few things the pages tell apart (priorities, whether actual costs and CO2e are
-- known, demonstration data). At 1,000,000 trips a municipality has about 440,000
-- register entries but a few thousand sum rows, so "all trips", "trips of 2025" and
-- "trips for priority F1" are totalled from these rows; other filters still count
-- their (smaller) selection from register_entry.
--
-- The rows move with register_entry itself, by a statement trigger on it, in the same
-- transaction: whatever changes an entry (publication, edits, the demo loader's
-- refresh) moves the sums. CO2e is summed as numeric so that adding and taking away
-- the same trips leaves exactly what was there.
--
-- register_partnership lists, per partnership, the published trips made for it or to
-- its partner city, in the order its page shows them: the page's count, last visit
-- and latest trips (and the register's partnership filter) read a few index entries
-- instead of joining every trip of the municipality with its destinations. Its rows
-- move with register_entry too, and with a partnership's city.

-- +goose Up
CREATE TABLE register_sum (
    municipality_id bigint   NOT NULL,
    -- The year the trip starts in; 0 for a trip without dates.
    year            integer  NOT NULL,
    priority_ids    bigint[] NOT NULL,
    priorities      text[]   NOT NULL,
    has_actual      boolean  NOT NULL,
    co2e_known      boolean  NOT NULL,
    is_demo         boolean  NOT NULL,
    trips           integer  NOT NULL CHECK (trips >= 0),
    total_minor     bigint   NOT NULL,
    actual_minor    bigint   NOT NULL,
    co2e_kg         numeric  NOT NULL,
    PRIMARY KEY (municipality_id, year, priority_ids, priorities, has_actual, co2e_known, is_demo)
);
CREATE INDEX register_sum_year_idx ON register_sum (year);

CREATE TABLE register_partnership (
    partnership_id  bigint NOT NULL REFERENCES partnership ON DELETE CASCADE,
    trip_id         bigint NOT NULL REFERENCES trip ON DELETE CASCADE,
    starts_on       date,
    ends_on         date,
    reference       text   NOT NULL,
    PRIMARY KEY (partnership_id, trip_id)
);
CREATE INDEX register_partnership_latest_idx ON register_partnership
    (partnership_id, starts_on DESC NULLS LAST, reference DESC) INCLUDE (ends_on, trip_id);
CREATE INDEX register_partnership_trip_idx ON register_partnership (trip_id);

-- register_partnerships lists the partnerships of the entries' trips: the trip's own
-- partnership and those of its municipality with a destination's partner city.
-- +goose StatementBegin
CREATE FUNCTION register_partnerships(trip_ids bigint[], partnership_ids bigint[])
RETURNS TABLE (partnership_id bigint, trip_id bigint, starts_on date, ends_on date, reference text)
LANGUAGE sql STABLE AS $$
    SELECT DISTINCT ps.id, e.trip_id, e.starts_on, t.ends_on, e.reference
      FROM register_entry e
      JOIN trip t ON t.id = e.trip_id
      JOIN partnership ps ON ps.municipality_id = e.municipality_id
           AND (ps.id = t.partnership_id
                OR ps.partner_city_id IN (SELECT d.partner_city_id FROM trip_destination d WHERE d.trip_id = e.trip_id))
     WHERE (trip_ids IS NULL OR e.trip_id = ANY(trip_ids))
       AND (partnership_ids IS NULL OR ps.id = ANY(partnership_ids));
$$;
-- +goose StatementEnd
CREATE INDEX register_sum_empty_idx ON register_sum (municipality_id) WHERE trips = 0;

-- +goose StatementBegin
CREATE FUNCTION register_sum_move() RETURNS trigger LANGUAGE plpgsql AS $$
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

-- A partnership that is new or has a new city: its trips again.
-- +goose StatementBegin
CREATE FUNCTION register_partnership_city() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        ids := ARRAY(SELECT id FROM new_rows);
    ELSE
        ids := ARRAY(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                     WHERE o.partner_city_id IS DISTINCT FROM n.partner_city_id
                        OR o.municipality_id IS DISTINCT FROM n.municipality_id);
    END IF;
    IF cardinality(ids) = 0 THEN RETURN NULL; END IF;
    DELETE FROM register_partnership WHERE partnership_id = ANY(ids);
    INSERT INTO register_partnership
    SELECT * FROM register_partnerships(NULL, ids)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER register_partnership_ins AFTER INSERT ON partnership
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION register_partnership_city();
CREATE TRIGGER register_partnership_upd AFTER UPDATE ON partnership
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION register_partnership_city();

CREATE TRIGGER register_sum_ins AFTER INSERT ON register_entry
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION register_sum_move();
CREATE TRIGGER register_sum_upd AFTER UPDATE ON register_entry
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION register_sum_move();
CREATE TRIGGER register_sum_del AFTER DELETE ON register_entry
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION register_sum_move();

INSERT INTO register_sum (municipality_id, year, priority_ids, priorities, has_actual, co2e_known,
                          is_demo, trips, total_minor, actual_minor, co2e_kg)
SELECT municipality_id, coalesce(extract(year FROM starts_on)::int, 0),
       priority_ids, priorities, has_actual, co2e_kg IS NOT NULL, is_demo,
       count(*), sum(total_minor), sum(actual_minor), coalesce(sum(co2e_kg::numeric), 0)
  FROM register_entry GROUP BY 1, 2, 3, 4, 5, 6, 7;
INSERT INTO register_partnership SELECT * FROM register_partnerships(NULL, NULL);

-- +goose Down
DROP TRIGGER register_partnership_upd ON partnership;
DROP TRIGGER register_partnership_ins ON partnership;
DROP FUNCTION register_partnership_city();
DROP TRIGGER register_sum_del ON register_entry;
DROP TRIGGER register_sum_upd ON register_entry;
DROP TRIGGER register_sum_ins ON register_entry;
DROP FUNCTION register_sum_move();
DROP FUNCTION register_partnerships(bigint[], bigint[]);
DROP TABLE register_partnership;
DROP TABLE register_sum;
