-- The register's "part of a name" filter counted and summed by an index-only scan.
--
-- A filter such as traveller=m matches most of a municipality's trips, so its count
-- and sums read every entry of the municipality: through the table, each entry is a
-- 300-byte row among every other municipality's. The register's covering index now
-- carries the travellers too, so the count reads only the municipality's index range
-- (about ten times less at 100,000 trips). An index entry has a size limit, so the
-- index holds the first 600 characters of the names (about 25 travellers); the few
-- entries with more are marked, and their remaining names are matched in the table.

-- +goose Up
ALTER TABLE register_entry
    ADD COLUMN travellers_head text GENERATED ALWAYS AS (left(travellers, 600)) STORED,
    ADD COLUMN travellers_long boolean GENERATED ALWAYS AS (length(travellers) > 600) STORED;
DROP INDEX register_entry_date_idx;
CREATE INDEX register_entry_date_idx ON register_entry (municipality_id, starts_on DESC, reference DESC)
    INCLUDE (total_minor, co2e_kg, trip_id, travellers_head, travellers_long);
DROP INDEX register_entry_travellers_idx;
CREATE INDEX register_entry_travellers_idx ON register_entry USING gin (travellers_head gin_trgm_ops);
CREATE INDEX register_entry_travellers_long_idx ON register_entry USING gin (travellers gin_trgm_ops)
    WHERE travellers_long;

-- +goose Down
DROP INDEX register_entry_travellers_long_idx;
DROP INDEX register_entry_travellers_idx;
DROP INDEX register_entry_date_idx;
ALTER TABLE register_entry DROP COLUMN travellers_long, DROP COLUMN travellers_head;
CREATE INDEX register_entry_date_idx ON register_entry (municipality_id, starts_on DESC, reference DESC)
    INCLUDE (total_minor, co2e_kg, trip_id);
CREATE INDEX register_entry_travellers_idx ON register_entry USING gin (travellers gin_trgm_ops);
