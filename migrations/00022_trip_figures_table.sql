-- The per-trip figures (totals, travellers, distance, CO2e) are read by every public
-- list, so they are kept in a table rather than recomputed per request. Statement
-- triggers recompute the figures of the trips a statement touched, once per
-- statement, so the figures are never stale. A bulk load (portal demo) sets
-- portal.bulk_load = 'on' for its transaction and calls refresh_trip_figures once
-- at the end instead.

-- +goose Up
ALTER VIEW trip_figures RENAME TO trip_figures_computed;

CREATE TABLE trip_figures (
    trip_id       bigint PRIMARY KEY REFERENCES trip ON DELETE CASCADE,
    planned_minor bigint  NOT NULL,
    actual_minor  bigint  NOT NULL,
    has_actual    boolean NOT NULL,
    total_minor   bigint  NOT NULL,
    travellers    integer NOT NULL,
    distance_km   float8,
    co2e_kg       float8
);
CREATE INDEX trip_figures_total_idx ON trip_figures (total_minor);
-- The register's default order, newest first, within one municipality.
CREATE INDEX trip_register_idx ON trip (municipality_id, starts_on DESC, reference DESC)
    WHERE status = 'published' AND archived_at IS NULL;

-- +goose StatementBegin
CREATE FUNCTION refresh_trip_figures(ids bigint[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO trip_figures (trip_id, planned_minor, actual_minor, has_actual, total_minor, travellers, distance_km, co2e_kg)
    SELECT trip_id, planned_minor, actual_minor, has_actual, total_minor, travellers, distance_km, co2e_kg
    FROM trip_figures_computed WHERE trip_id = ANY(ids)
    ON CONFLICT (trip_id) DO UPDATE SET
        planned_minor = EXCLUDED.planned_minor, actual_minor = EXCLUDED.actual_minor,
        has_actual = EXCLUDED.has_actual, total_minor = EXCLUDED.total_minor,
        travellers = EXCLUDED.travellers, distance_km = EXCLUDED.distance_km, co2e_kg = EXCLUDED.co2e_kg;
$$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION trip_figures_from_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('portal.bulk_load', true) = 'on' THEN RETURN NULL; END IF;
    PERFORM refresh_trip_figures(ARRAY(SELECT DISTINCT trip_id FROM new_rows));
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION trip_figures_from_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('portal.bulk_load', true) = 'on' THEN RETURN NULL; END IF;
    PERFORM refresh_trip_figures(ARRAY(SELECT DISTINCT trip_id FROM old_rows));
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION trip_figures_from_both() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('portal.bulk_load', true) = 'on' THEN RETURN NULL; END IF;
    PERFORM refresh_trip_figures(ARRAY(SELECT trip_id FROM new_rows UNION SELECT trip_id FROM old_rows));
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION trip_figures_for_new_trips() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('portal.bulk_load', true) = 'on' THEN RETURN NULL; END IF;
    PERFORM refresh_trip_figures(ARRAY(SELECT id FROM new_rows));
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE FUNCTION trip_figures_for_moved_trips() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('portal.bulk_load', true) = 'on' THEN RETURN NULL; END IF;
    PERFORM refresh_trip_figures(ARRAY(
        SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.municipality_id <> o.municipality_id));
    RETURN NULL;
END $$;
-- +goose StatementEnd

-- A change of home coordinates or of an emission factor changes every trip it touches.
-- +goose StatementBegin
CREATE FUNCTION trip_figures_for_all() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('portal.bulk_load', true) = 'on' THEN RETURN NULL; END IF;
    PERFORM refresh_trip_figures(ARRAY(SELECT id FROM trip));
    RETURN NULL;
END $$;
-- +goose StatementEnd

CREATE TRIGGER trip_figures_trip_ins AFTER INSERT ON trip
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trip_figures_for_new_trips();
CREATE TRIGGER trip_figures_trip_upd AFTER UPDATE ON trip
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trip_figures_for_moved_trips();

CREATE TRIGGER trip_figures_cost_ins AFTER INSERT ON trip_cost
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trip_figures_from_new();
CREATE TRIGGER trip_figures_cost_upd AFTER UPDATE ON trip_cost
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trip_figures_from_both();
CREATE TRIGGER trip_figures_cost_del AFTER DELETE ON trip_cost
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION trip_figures_from_old();

CREATE TRIGGER trip_figures_traveller_ins AFTER INSERT ON trip_traveller
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trip_figures_from_new();
CREATE TRIGGER trip_figures_traveller_upd AFTER UPDATE ON trip_traveller
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trip_figures_from_both();
CREATE TRIGGER trip_figures_traveller_del AFTER DELETE ON trip_traveller
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION trip_figures_from_old();

CREATE TRIGGER trip_figures_destination_ins AFTER INSERT ON trip_destination
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trip_figures_from_new();
CREATE TRIGGER trip_figures_destination_upd AFTER UPDATE ON trip_destination
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION trip_figures_from_both();
CREATE TRIGGER trip_figures_destination_del AFTER DELETE ON trip_destination
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION trip_figures_from_old();

CREATE TRIGGER trip_figures_home_moved AFTER UPDATE OF latitude, longitude ON municipality
    FOR EACH STATEMENT EXECUTE FUNCTION trip_figures_for_all();
CREATE TRIGGER trip_figures_factor_changed AFTER UPDATE ON emission_factor
    FOR EACH STATEMENT EXECUTE FUNCTION trip_figures_for_all();

SELECT refresh_trip_figures(ARRAY(SELECT id FROM trip));

-- +goose Down
DROP TRIGGER trip_figures_factor_changed ON emission_factor;
DROP TRIGGER trip_figures_home_moved ON municipality;
DROP TRIGGER trip_figures_destination_del ON trip_destination;
DROP TRIGGER trip_figures_destination_upd ON trip_destination;
DROP TRIGGER trip_figures_destination_ins ON trip_destination;
DROP TRIGGER trip_figures_traveller_del ON trip_traveller;
DROP TRIGGER trip_figures_traveller_upd ON trip_traveller;
DROP TRIGGER trip_figures_traveller_ins ON trip_traveller;
DROP TRIGGER trip_figures_cost_del ON trip_cost;
DROP TRIGGER trip_figures_cost_upd ON trip_cost;
DROP TRIGGER trip_figures_cost_ins ON trip_cost;
DROP TRIGGER trip_figures_trip_upd ON trip;
DROP TRIGGER trip_figures_trip_ins ON trip;
DROP INDEX trip_register_idx;
DROP TABLE trip_figures;
DROP FUNCTION trip_figures_for_all();
DROP FUNCTION trip_figures_for_moved_trips();
DROP FUNCTION trip_figures_for_new_trips();
DROP FUNCTION trip_figures_from_both();
DROP FUNCTION trip_figures_from_old();
DROP FUNCTION trip_figures_from_new();
DROP FUNCTION refresh_trip_figures(bigint[]);
ALTER VIEW trip_figures_computed RENAME TO trip_figures;
