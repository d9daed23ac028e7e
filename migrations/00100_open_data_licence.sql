-- The licence under which a municipality publishes its open data (the API, the
-- downloads and the DCAT-AP catalogue), as an SPDX identifier, and the address
-- the catalogue names as the datasets' contact point. CC BY 4.0 unless a
-- municipality chooses otherwise. municipality already moves every content
-- version when it changes (migration 00030), so the cached pages follow.

-- +goose Up
ALTER TABLE municipality
    ADD COLUMN data_licence text NOT NULL DEFAULT 'CC-BY-4.0'
        CHECK (data_licence IN ('CC-BY-4.0', 'CC0-1.0', 'CC-BY-SA-4.0', 'DL-DE-BY-2.0', 'DL-DE-ZERO-2.0')),
    ADD COLUMN data_contact_email text
        CHECK (data_contact_email ~ '^[^@\s]+@[^@\s]+$');

-- +goose Down
ALTER TABLE municipality DROP COLUMN data_contact_email, DROP COLUMN data_licence;
