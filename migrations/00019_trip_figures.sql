-- Figures derived from a trip's rows, computed in one place so that the register, the
-- trip page, the open data and the budget all add up to the same numbers.

-- +goose Up
-- Great-circle distance in km on a sphere of the mean Earth radius (haversine).
CREATE FUNCTION great_circle_km(lat1 float8, lon1 float8, lat2 float8, lon2 float8)
RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN 2 * 6371.0088 * asin(least(1, sqrt(
    power(sin(radians(lat2 - lat1) / 2), 2)
    + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2))));

-- Seats assumed per car when a car factor is per vehicle-km.
CREATE FUNCTION car_seats() RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN 4;

-- Per destination: the distance there and back from the home municipality and its
-- CO2e for all travellers (passenger-km factors × travellers; vehicle-km factors ×
-- the cars needed for them).
CREATE VIEW trip_leg AS
SELECT d.trip_id, d.id AS destination_id, d.position, d.transport_mode,
       e.kg_co2e_per_unit, e.unit, e.label AS mode_label, e.source AS factor_source,
       tr.n AS travellers,
       CASE WHEN e.unit = 'vehicle_km' THEN ceil(tr.n::numeric / car_seats())::integer ELSE tr.n END AS units,
       2 * great_circle_km(m.latitude::float8, m.longitude::float8, d.latitude::float8, d.longitude::float8) AS distance_km,
       2 * great_circle_km(m.latitude::float8, m.longitude::float8, d.latitude::float8, d.longitude::float8)
         * e.kg_co2e_per_unit::float8
         * CASE WHEN e.unit = 'vehicle_km' THEN ceil(tr.n::numeric / car_seats()) ELSE tr.n END AS co2e_kg
FROM trip_destination d
JOIN trip t ON t.id = d.trip_id
JOIN municipality m ON m.id = t.municipality_id
LEFT JOIN emission_factor e ON e.mode = d.transport_mode
CROSS JOIN LATERAL (SELECT count(*)::integer AS n FROM trip_traveller WHERE trip_id = d.trip_id) tr;

-- Per trip: planned and actual totals, travellers, distance and CO2e. co2e_kg is NULL
-- when a destination lacks coordinates or a transport mode (unknown, not zero).
CREATE VIEW trip_figures AS
SELECT t.id AS trip_id,
       coalesce(c.planned, 0)::bigint AS planned_minor,
       coalesce(c.actual, 0)::bigint  AS actual_minor,
       coalesce(c.has_actual, false)  AS has_actual,
       CASE WHEN coalesce(c.has_actual, false) THEN coalesce(c.actual, 0) ELSE coalesce(c.planned, 0) END::bigint AS total_minor,
       (SELECT count(*) FROM trip_traveller WHERE trip_id = t.id)::integer AS travellers,
       l.distance_km,
       CASE WHEN l.unknown = 0 THEN l.co2e_kg END AS co2e_kg
FROM trip t
LEFT JOIN LATERAL (
    SELECT sum(planned_minor) AS planned, sum(actual_minor) AS actual,
           bool_or(actual_minor IS NOT NULL) AS has_actual
    FROM trip_cost WHERE trip_id = t.id) c ON true
LEFT JOIN LATERAL (
    SELECT sum(distance_km) AS distance_km, sum(co2e_kg) AS co2e_kg,
           count(*) FILTER (WHERE co2e_kg IS NULL) AS unknown
    FROM trip_leg WHERE trip_id = t.id) l ON true;

-- +goose Down
DROP VIEW trip_figures;
DROP VIEW trip_leg;
DROP FUNCTION car_seats();
DROP FUNCTION great_circle_km(float8, float8, float8, float8);
