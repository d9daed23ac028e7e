-- Göteborg's Nordic twin-city meetings: every second year, the host rotating among
-- the twin cities; after the municipality itself has hosted, a consolidated
-- evaluation report is due. The rules are in policy_rule; this is the record.

-- +goose Up
CREATE TABLE twin_city_meeting (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id bigint   NOT NULL REFERENCES municipality,
    year            smallint NOT NULL CHECK (year BETWEEN 1900 AND 2200),
    -- The host as the rotation rule names it (e.g. "Aarhus").
    host            text     NOT NULL CHECK (host <> ''),
    held_on         date,
    place           text     NOT NULL DEFAULT '',
    participants    text     NOT NULL DEFAULT '',
    note            text     NOT NULL DEFAULT '',
    report_id       bigint   REFERENCES attachment,
    evaluation_id   bigint   REFERENCES attachment,
    is_demo         boolean  NOT NULL DEFAULT false,
    version         integer  NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (municipality_id, year),
    CHECK (held_on IS NULL OR extract(year FROM held_on) = year)
);

-- +goose Down
DROP TABLE twin_city_meeting;
