-- The yearly report of a municipality (/m/{slug}/report/{year}) reads summary rows,
-- never every trip of the year:
--
-- report_trip_mode  per published trip and transport mode, its legs, distance and
--                   CO2e (what the trip added to the sums below, so that the sums can
--                   be taken back when the trip's register entry goes, whatever its
--                   destinations are by then);
-- report_mode_sum   per municipality, year (the year the trip starts in, as the
--                   register counts it) and transport mode, the published trips' legs,
--                   distance and CO2e.
--
-- Both move with register_entry (migration 00031), by statement triggers on it, in the
-- same transaction as the change of the trip: so they follow publication, edits, a
-- trip deleted, and the demo loader's refresh, as register_sum does (migration 00062).

-- +goose Up
CREATE TABLE report_trip_mode (
    -- No foreign key: the row must still be there when a deleted trip's register
    -- entry goes, so that its figures can be taken from the sums.
    trip_id         bigint  NOT NULL,
    mode            text    NOT NULL,  -- '' when the destination has no transport mode
    municipality_id bigint  NOT NULL,
    year            integer NOT NULL,
    is_demo         boolean NOT NULL,
    legs            integer NOT NULL,
    co2e_legs       integer NOT NULL,  -- the legs with an estimate
    co2e_kg         numeric NOT NULL,
    distance_km     numeric NOT NULL,
    PRIMARY KEY (trip_id, mode)
);

CREATE TABLE report_mode_sum (
    municipality_id bigint  NOT NULL,
    year            integer NOT NULL,
    mode            text    NOT NULL,
    is_demo         boolean NOT NULL,
    trips           integer NOT NULL CHECK (trips >= 0),
    legs            integer NOT NULL,
    co2e_legs       integer NOT NULL,
    co2e_kg         numeric NOT NULL,
    distance_km     numeric NOT NULL,
    PRIMARY KEY (municipality_id, year, mode, is_demo)
);

-- +goose StatementBegin
CREATE FUNCTION report_mode_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        WITH gone AS (
            DELETE FROM report_trip_mode WHERE trip_id IN (SELECT trip_id FROM old_rows) RETURNING *),
        d AS (
            SELECT municipality_id, year, mode, is_demo, count(*)::int AS n, sum(legs)::int AS l,
                   sum(co2e_legs)::int AS k, sum(co2e_kg) AS c, sum(distance_km) AS km
            FROM gone GROUP BY 1, 2, 3, 4)
        UPDATE report_mode_sum s
           SET trips = s.trips - d.n, legs = s.legs - d.l, co2e_legs = s.co2e_legs - d.k,
               co2e_kg = s.co2e_kg - d.c, distance_km = s.distance_km - d.km
          FROM d
         WHERE s.municipality_id = d.municipality_id AND s.year = d.year AND s.mode = d.mode
           AND s.is_demo = d.is_demo;
        DELETE FROM report_mode_sum WHERE trips = 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        WITH fresh AS (
            INSERT INTO report_trip_mode (trip_id, mode, municipality_id, year, is_demo, legs, co2e_legs,
                                          co2e_kg, distance_km)
            SELECT e.trip_id, coalesce(l.transport_mode, ''), e.municipality_id,
                   coalesce(extract(year FROM e.starts_on)::int, 0), e.is_demo,
                   count(*), count(l.co2e_kg), coalesce(sum(l.co2e_kg::numeric), 0),
                   coalesce(sum(l.distance_km::numeric), 0)
              FROM new_rows e JOIN trip_leg l ON l.trip_id = e.trip_id
             GROUP BY 1, 2, 3, 4, 5
            RETURNING *)
        INSERT INTO report_mode_sum (municipality_id, year, mode, is_demo, trips, legs, co2e_legs, co2e_kg, distance_km)
        SELECT municipality_id, year, mode, is_demo, count(*), sum(legs), sum(co2e_legs), sum(co2e_kg), sum(distance_km)
          FROM fresh GROUP BY 1, 2, 3, 4
        ON CONFLICT (municipality_id, year, mode, is_demo) DO UPDATE SET
            trips = report_mode_sum.trips + EXCLUDED.trips, legs = report_mode_sum.legs + EXCLUDED.legs,
            co2e_legs = report_mode_sum.co2e_legs + EXCLUDED.co2e_legs,
            co2e_kg = report_mode_sum.co2e_kg + EXCLUDED.co2e_kg,
            distance_km = report_mode_sum.distance_km + EXCLUDED.distance_km;
    END IF;
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER report_mode_ins AFTER INSERT ON register_entry
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mode_move();
CREATE TRIGGER report_mode_upd AFTER UPDATE ON register_entry
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mode_move();
CREATE TRIGGER report_mode_del AFTER DELETE ON register_entry
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_mode_move();

INSERT INTO report_trip_mode (trip_id, mode, municipality_id, year, is_demo, legs, co2e_legs, co2e_kg, distance_km)
SELECT e.trip_id, coalesce(l.transport_mode, ''), e.municipality_id,
       coalesce(extract(year FROM e.starts_on)::int, 0), e.is_demo,
       count(*), count(l.co2e_kg), coalesce(sum(l.co2e_kg::numeric), 0), coalesce(sum(l.distance_km::numeric), 0)
  FROM register_entry e JOIN trip_leg l ON l.trip_id = e.trip_id
 GROUP BY 1, 2, 3, 4, 5;
INSERT INTO report_mode_sum (municipality_id, year, mode, is_demo, trips, legs, co2e_legs, co2e_kg, distance_km)
SELECT municipality_id, year, mode, is_demo, count(*), sum(legs), sum(co2e_legs), sum(co2e_kg), sum(distance_km)
  FROM report_trip_mode GROUP BY 1, 2, 3, 4;

-- +goose Down
DROP TRIGGER report_mode_del ON register_entry;
DROP TRIGGER report_mode_upd ON register_entry;
DROP TRIGGER report_mode_ins ON register_entry;
DROP FUNCTION report_mode_move();
DROP TABLE report_mode_sum;
DROP TABLE report_trip_mode;
