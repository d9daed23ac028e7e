-- Partner cities, partnerships with their status history, networks and projects.

-- +goose Up
CREATE TABLE partner_city (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL CHECK (name <> ''),
    name_en    text NOT NULL CHECK (name_en <> ''),
    -- Empty where no source says which country (e.g. Göteborg's "Newcastle").
    country    char(2) CHECK (country ~ '^[A-Z]{2}$'),
    latitude   numeric(9,6) CHECK (latitude BETWEEN -90 AND 90),
    longitude  numeric(9,6) CHECK (longitude BETWEEN -180 AND 180),
    source     text,
    is_demo    boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);

CREATE TABLE partnership (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id      bigint NOT NULL REFERENCES municipality,
    partner_city_id      bigint NOT NULL REFERENCES partner_city,
    kind                 text   NOT NULL CHECK (kind IN ('twin_town', 'partnership', 'friendship', 'network')),
    since_year           smallint CHECK (since_year BETWEEN 1800 AND 2200),
    status               text   NOT NULL CHECK (status IN ('active', 'suspended', 'ended')),
    council_decision_ref text,
    contacts             text   NOT NULL DEFAULT '',
    note                 text   NOT NULL DEFAULT '',
    source               text,
    is_demo              boolean NOT NULL DEFAULT false,
    version              integer NOT NULL DEFAULT 1,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now(),
    archived_at          timestamptz,
    UNIQUE (municipality_id, partner_city_id)
);
CREATE INDEX partnership_municipality_idx ON partnership (municipality_id, status);

-- How a partnership's status changed over time: the 2014 picture and today's both stay true.
CREATE TABLE partnership_status_change (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    partnership_id bigint NOT NULL REFERENCES partnership ON DELETE CASCADE,
    year           smallint NOT NULL CHECK (year BETWEEN 1800 AND 2200),
    changed_on     date,
    status         text NOT NULL CHECK (status IN ('active', 'suspended', 'ended')),
    note           text NOT NULL DEFAULT '',
    source         text,
    CHECK (changed_on IS NULL OR extract(year FROM changed_on) = year)
);
CREATE INDEX partnership_status_change_idx ON partnership_status_change (partnership_id, year);

CREATE TABLE network (
    id                       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                     text NOT NULL UNIQUE CHECK (name <> ''),
    description              text NOT NULL DEFAULT '',
    -- The member that coordinates it, when it is one of ours.
    coordinator_municipality_id bigint REFERENCES municipality,
    website                  text,
    source                   text,
    is_demo                  boolean NOT NULL DEFAULT false,
    version                  integer NOT NULL DEFAULT 1,
    created_at               timestamptz NOT NULL DEFAULT now(),
    archived_at              timestamptz
);

CREATE TABLE network_membership (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    network_id      bigint NOT NULL REFERENCES network ON DELETE CASCADE,
    municipality_id bigint NOT NULL REFERENCES municipality,
    role            text   NOT NULL CHECK (role IN ('member', 'coordinator')),
    since_year      smallint CHECK (since_year BETWEEN 1800 AND 2200),
    until_year      smallint CHECK (until_year BETWEEN 1800 AND 2200),
    note            text   NOT NULL DEFAULT '',
    source          text,
    is_demo         boolean NOT NULL DEFAULT false,
    version         integer NOT NULL DEFAULT 1,
    archived_at     timestamptz,
    CHECK (until_year IS NULL OR since_year IS NULL OR until_year >= since_year),
    UNIQUE (network_id, municipality_id)
);

-- Partner cities that take part in a network without being one of our municipalities
-- (e.g. Aarhus, Bergen and Turku in Göteborg's Nordic twin-city cooperation).
CREATE TABLE network_partner_city (
    network_id      bigint NOT NULL REFERENCES network ON DELETE CASCADE,
    partner_city_id bigint NOT NULL REFERENCES partner_city,
    PRIMARY KEY (network_id, partner_city_id)
);

CREATE TABLE project (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id bigint NOT NULL REFERENCES municipality,
    title           text   NOT NULL CHECK (title <> ''),
    description     text   NOT NULL DEFAULT '',
    partnership_id  bigint REFERENCES partnership,
    network_id      bigint REFERENCES network,
    funder          text   NOT NULL DEFAULT '',
    programme       text   NOT NULL DEFAULT '',
    -- External funding in minor units of currency.
    funding_minor   bigint CHECK (funding_minor >= 0),
    currency        char(3) NOT NULL REFERENCES currency,
    starts_on       date,
    ends_on         date,
    status          text   NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'running', 'completed', 'cancelled')),
    is_demo         boolean NOT NULL DEFAULT false,
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    archived_at     timestamptz,
    CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX project_municipality_idx ON project (municipality_id);
CREATE INDEX project_partnership_idx ON project (partnership_id) WHERE partnership_id IS NOT NULL;

CREATE TABLE project_priority (
    project_id  bigint NOT NULL REFERENCES project ON DELETE CASCADE,
    priority_id bigint NOT NULL REFERENCES priority,
    PRIMARY KEY (project_id, priority_id)
);

-- +goose Down
DROP TABLE project_priority;
DROP TABLE project;
DROP TABLE network_partner_city;
DROP TABLE network_membership;
DROP TABLE network;
DROP TABLE partnership_status_change;
DROP TABLE partnership;
DROP TABLE partner_city;
