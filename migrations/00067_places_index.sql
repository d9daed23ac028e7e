-- The gazetteer's search index (the rows are loaded by 00066): a prefix of a folded
-- name (key LIKE 'munc%') is found in the btree, whatever the database's collation.

-- +goose Up
ALTER TABLE place_name ADD CONSTRAINT place_name_place_fk
    FOREIGN KEY (place_id) REFERENCES place (id) ON DELETE CASCADE;
CREATE INDEX place_name_key_idx ON place_name (key text_pattern_ops) INCLUDE (place_id);
ANALYZE place;
ANALYZE place_name;

-- +goose Down
DROP INDEX place_name_key_idx;
ALTER TABLE place_name DROP CONSTRAINT place_name_place_fk;
