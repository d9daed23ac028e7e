-- Budget lines, trips with their rows, reports and the lifecycle log.

-- +goose Up
CREATE TABLE budget_line (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id bigint   NOT NULL REFERENCES municipality,
    fiscal_year     smallint NOT NULL CHECK (fiscal_year BETWEEN 1990 AND 2200),
    code            text     NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9.-]*$'),
    name            text     NOT NULL CHECK (name <> ''),
    -- Who holds the money: a committee, a fund, an office, the council, the central budget.
    owner_kind      text     NOT NULL CHECK (owner_kind IN ('central', 'committee', 'council', 'fund', 'office')),
    owner_name      text     NOT NULL CHECK (owner_name <> ''),
    amount_minor    bigint   NOT NULL CHECK (amount_minor >= 0),
    currency        char(3)  NOT NULL REFERENCES currency,
    -- Unspent money moves to the next year within the same election period.
    carries_over    boolean  NOT NULL DEFAULT false,
    note            text     NOT NULL DEFAULT '',
    source          text,
    is_demo         boolean  NOT NULL DEFAULT false,
    version         integer  NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    archived_at     timestamptz,
    UNIQUE (municipality_id, fiscal_year, code)
);

CREATE TABLE trip_reference_counter (
    municipality_id bigint   NOT NULL REFERENCES municipality,
    year            smallint NOT NULL CHECK (year BETWEEN 1990 AND 2200),
    last_number     integer  NOT NULL CHECK (last_number BETWEEN 0 AND 9999),
    PRIMARY KEY (municipality_id, year)
);

CREATE TABLE trip (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id bigint  NOT NULL REFERENCES municipality,
    -- Permanent public reference, assigned at first submission and never reused.
    reference       text    CHECK (reference ~ '^[A-Z]{3}-[0-9]{4}-[0-9]{4}$'),
    status          text    NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'returned',
                        'approved', 'completed', 'report_submitted', 'report_returned',
                        'report_approved', 'published')),
    purpose         text    NOT NULL DEFAULT '',
    starts_on       date,
    ends_on         date,
    -- The committee or department that organises the trip.
    organiser       text    NOT NULL DEFAULT '',
    partnership_id  bigint  REFERENCES partnership,
    budget_line_id  bigint  REFERENCES budget_line,
    currency        char(3) NOT NULL REFERENCES currency,
    author_id       bigint  REFERENCES account,
    submitted_at    timestamptz,
    approved_at     timestamptz,
    completed_at    timestamptz,
    report_approved_at timestamptz,
    published_at    timestamptz,
    is_demo         boolean NOT NULL DEFAULT false,
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    archived_at     timestamptz,
    CHECK (ends_on IS NULL OR starts_on IS NULL OR ends_on >= starts_on),
    CHECK (status = 'draft' OR reference IS NOT NULL),
    CHECK ((status = 'published') = (published_at IS NOT NULL)),
    UNIQUE (municipality_id, reference)
);
CREATE INDEX trip_public_idx ON trip (municipality_id, published_at DESC) WHERE status = 'published';
CREATE INDEX trip_published_recent_idx ON trip (published_at DESC) WHERE status = 'published';
CREATE INDEX trip_status_idx ON trip (municipality_id, status);
CREATE INDEX trip_budget_line_idx ON trip (budget_line_id) WHERE budget_line_id IS NOT NULL;
CREATE INDEX trip_partnership_idx ON trip (partnership_id) WHERE partnership_id IS NOT NULL;

CREATE TABLE trip_destination (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trip_id         bigint  NOT NULL REFERENCES trip ON DELETE CASCADE,
    position        integer NOT NULL CHECK (position > 0),
    partner_city_id bigint  REFERENCES partner_city,
    city            text    NOT NULL CHECK (city <> ''),
    country         char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
    latitude        numeric(9,6) CHECK (latitude BETWEEN -90 AND 90),
    longitude       numeric(9,6) CHECK (longitude BETWEEN -180 AND 180),
    -- How the travellers get there and back, for the CO2e estimate.
    transport_mode  text    REFERENCES emission_factor (mode),
    UNIQUE (trip_id, position),
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX trip_destination_country_idx ON trip_destination (country);
CREATE INDEX trip_destination_partner_idx ON trip_destination (partner_city_id) WHERE partner_city_id IS NOT NULL;

CREATE TABLE trip_traveller (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trip_id  bigint  NOT NULL REFERENCES trip ON DELETE CASCADE,
    position integer NOT NULL CHECK (position > 0),
    name     text    NOT NULL CHECK (name <> ''),
    role     text    NOT NULL DEFAULT '',
    kind     text    NOT NULL CHECK (kind IN ('politician', 'staff', 'other')),
    UNIQUE (trip_id, position)
);

CREATE TABLE trip_programme_item (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trip_id     bigint  NOT NULL REFERENCES trip ON DELETE CASCADE,
    day         date    NOT NULL,
    position    integer NOT NULL CHECK (position > 0),
    description text    NOT NULL CHECK (description <> ''),
    location    text    NOT NULL DEFAULT '',
    UNIQUE (trip_id, day, position)
);

-- Costs in minor units of the trip's currency; planned and actual per line.
CREATE TABLE trip_cost (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trip_id       bigint  NOT NULL REFERENCES trip ON DELETE CASCADE,
    position      integer NOT NULL CHECK (position > 0),
    category      text    NOT NULL CHECK (category IN ('transport', 'lodging', 'meals', 'per_diem', 'fees', 'other')),
    description   text    NOT NULL DEFAULT '',
    planned_minor bigint  CHECK (planned_minor >= 0),
    actual_minor  bigint  CHECK (actual_minor >= 0),
    UNIQUE (trip_id, position),
    CHECK (planned_minor IS NOT NULL OR actual_minor IS NOT NULL)
);

CREATE TABLE trip_priority (
    trip_id     bigint NOT NULL REFERENCES trip ON DELETE CASCADE,
    priority_id bigint NOT NULL REFERENCES priority,
    PRIMARY KEY (trip_id, priority_id)
);
CREATE INDEX trip_priority_priority_idx ON trip_priority (priority_id);

CREATE TABLE trip_attachment (
    trip_id       bigint NOT NULL REFERENCES trip ON DELETE CASCADE,
    attachment_id bigint NOT NULL REFERENCES attachment,
    PRIMARY KEY (trip_id, attachment_id)
);

CREATE TABLE trip_report (
    trip_id            bigint PRIMARY KEY REFERENCES trip ON DELETE CASCADE,
    goal               text NOT NULL DEFAULT '',
    programme_carried_out text NOT NULL DEFAULT '',
    outcome            text NOT NULL DEFAULT '',
    follow_up          text NOT NULL DEFAULT '',
    submitted_at       timestamptz,
    version            integer NOT NULL DEFAULT 1,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- Every lifecycle step with who, when and the reviewer's comment.
CREATE TABLE trip_transition (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    trip_id     bigint NOT NULL REFERENCES trip ON DELETE CASCADE,
    action      text   NOT NULL CHECK (action IN ('submit', 'return', 'approve', 'complete',
                    'submit_report', 'return_report', 'approve_report', 'publish')),
    from_status text   NOT NULL,
    to_status   text   NOT NULL,
    actor_id    bigint REFERENCES account,
    comment     text   NOT NULL DEFAULT '',
    at          timestamptz NOT NULL DEFAULT now(),
    CHECK (action NOT IN ('return', 'return_report') OR comment <> '')
);
CREATE INDEX trip_transition_trip_idx ON trip_transition (trip_id, at);

-- +goose Down
DROP TABLE trip_transition;
DROP TABLE trip_report;
DROP TABLE trip_attachment;
DROP TABLE trip_priority;
DROP TABLE trip_cost;
DROP TABLE trip_programme_item;
DROP TABLE trip_traveller;
DROP TABLE trip_destination;
DROP TABLE trip;
DROP TABLE trip_reference_counter;
DROP TABLE budget_line;
