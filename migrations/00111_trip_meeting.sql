-- A trip can be recorded as participation in one of its municipality's recorded
-- twin-city meetings (Göteborg: "Deltagande vid politikermötena hanteras av
-- Kommunfullmäktiges presidium."): the rule plan_approval can then name the trips
-- to a meeting (applies_to twin_city_meeting_trips) and the body that decides on
-- them. The meeting must be one of the trip's own municipality: the foreign key
-- goes over both columns.

-- +goose Up
ALTER TABLE twin_city_meeting ADD CONSTRAINT twin_city_meeting_id_municipality_key UNIQUE (id, municipality_id);
ALTER TABLE trip
    ADD COLUMN meeting_id bigint,
    ADD CONSTRAINT trip_meeting_fkey FOREIGN KEY (meeting_id, municipality_id)
        REFERENCES twin_city_meeting (id, municipality_id);
CREATE INDEX trip_meeting_idx ON trip (meeting_id) WHERE meeting_id IS NOT NULL;

-- +goose Down
DROP INDEX trip_meeting_idx;
ALTER TABLE trip DROP CONSTRAINT trip_meeting_fkey, DROP COLUMN meeting_id;
ALTER TABLE twin_city_meeting DROP CONSTRAINT twin_city_meeting_id_municipality_key;
