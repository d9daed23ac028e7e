-- A destination without coordinates has an unknown distance, not one of half the
-- Earth's circumference: great_circle_km returns NULL on a NULL input (least()
-- skips NULLs, so the formula itself turned NULL into asin(1)). The stored figures
-- are computed again.

-- +goose Up
CREATE OR REPLACE FUNCTION great_circle_km(lat1 float8, lon1 float8, lat2 float8, lon2 float8)
RETURNS float8 LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN 2 * 6371.0088 * asin(least(1, sqrt(
    power(sin(radians(lat2 - lat1) / 2), 2)
    + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2))));
SELECT refresh_trip_figures(array_agg(id)) FROM trip;

-- +goose Down
CREATE OR REPLACE FUNCTION great_circle_km(lat1 float8, lon1 float8, lat2 float8, lon2 float8)
RETURNS float8 LANGUAGE sql IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE
RETURN 2 * 6371.0088 * asin(least(1, sqrt(
    power(sin(radians(lat2 - lat1) / 2), 2)
    + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2))));
SELECT refresh_trip_figures(array_agg(id)) FROM trip;
