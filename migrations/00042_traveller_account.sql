-- A traveller may be linked to the account of the person who travels, so that
-- nobody decides on a trip on which they travel (conflict of interest).

-- +goose Up
ALTER TABLE trip_traveller ADD COLUMN account_id bigint REFERENCES account ON DELETE SET NULL;
CREATE INDEX trip_traveller_account_idx ON trip_traveller (account_id) WHERE account_id IS NOT NULL;

-- +goose Down
DROP INDEX trip_traveller_account_idx;
ALTER TABLE trip_traveller DROP COLUMN account_id;
