-- The register's traveller filter matches any part of a name (ILIKE '%…%'), which
-- a b-tree cannot serve; a trigram index turns a scan of every traveller into an
-- index lookup (57 ms → 0.3 ms with 20,000 trips). pg_trgm ships with PostgreSQL
-- and is a trusted extension, so a database owner may create it.

-- +goose Up
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX trip_traveller_name_trgm ON trip_traveller USING gin (name gin_trgm_ops);

-- +goose Down
DROP INDEX trip_traveller_name_trgm;
