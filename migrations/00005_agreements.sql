-- The agreement register.

-- +goose Up
CREATE TABLE agreement (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id bigint NOT NULL REFERENCES municipality,
    type            text   NOT NULL CHECK (type IN ('twin_town_agreement', 'cooperation_agreement',
                        'declaration', 'convention', 'memorandum', 'network_membership')),
    title           text   NOT NULL CHECK (title <> ''),
    summary         text   NOT NULL DEFAULT '',
    partnership_id  bigint REFERENCES partnership,
    network_id      bigint REFERENCES network,
    signed_on       date,
    valid_from      date,
    valid_until     date,
    status          text   NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_force', 'expired', 'terminated')),
    -- The signed document.
    document_id     bigint REFERENCES attachment,
    source          text,
    is_demo         boolean NOT NULL DEFAULT false,
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    archived_at     timestamptz,
    CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from)
);
CREATE INDEX agreement_municipality_idx ON agreement (municipality_id, type, status);
CREATE INDEX agreement_partnership_idx ON agreement (partnership_id) WHERE partnership_id IS NOT NULL;

-- The parties: one of ours, a partner city, or another body named in words.
CREATE TABLE agreement_party (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id    bigint  NOT NULL REFERENCES agreement ON DELETE CASCADE,
    position        integer NOT NULL CHECK (position > 0),
    municipality_id bigint  REFERENCES municipality,
    partner_city_id bigint  REFERENCES partner_city,
    name            text    NOT NULL CHECK (name <> ''),
    UNIQUE (agreement_id, position),
    CHECK (municipality_id IS NULL OR partner_city_id IS NULL)
);

CREATE TABLE agreement_priority (
    agreement_id bigint NOT NULL REFERENCES agreement ON DELETE CASCADE,
    priority_id  bigint NOT NULL REFERENCES priority,
    PRIMARY KEY (agreement_id, priority_id)
);

-- +goose Down
DROP TABLE agreement_priority;
DROP TABLE agreement_party;
DROP TABLE agreement;
