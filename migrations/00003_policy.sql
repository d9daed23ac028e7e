-- Policies, their ordered priorities and the rules the system enforces or warns about.

-- +goose Up
CREATE TABLE policy (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id bigint NOT NULL REFERENCES municipality,
    title           text   NOT NULL CHECK (title <> ''),
    -- BCP 47 tag of the language the policy is written in.
    language        text   NOT NULL CHECK (language ~ '^[a-z]{2,3}(-[A-Za-z0-9]+)*$'),
    summary         text   NOT NULL DEFAULT '',
    full_text       text   NOT NULL CHECK (full_text <> ''),
    adopted_on      date,
    adopted_by      text,
    valid_from      date,
    valid_until     date,
    source          text   NOT NULL,
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    archived_at     timestamptz,
    CHECK (valid_until IS NULL OR valid_from IS NULL OR valid_until >= valid_from)
);
-- One current (unarchived) policy per municipality.
CREATE UNIQUE INDEX policy_current_key ON policy (municipality_id) WHERE archived_at IS NULL;

CREATE TABLE priority (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    policy_id   bigint  NOT NULL REFERENCES policy ON DELETE CASCADE,
    -- What the document calls it: its priorities, strategies, focus areas, …
    kind        text    NOT NULL CHECK (kind IN ('priority', 'strategy', 'field_of_activity',
                    'direction', 'responsibility', 'focus_area', 'guideline', 'focus_theme')),
    position    integer NOT NULL CHECK (position > 0),
    code        text    NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9.-]*$'),
    title       text    NOT NULL CHECK (title <> ''),
    description text    NOT NULL DEFAULT '',
    archived_at timestamptz,
    UNIQUE (policy_id, code),
    UNIQUE (policy_id, kind, position)
);

CREATE TABLE policy_rule (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    policy_id       bigint NOT NULL REFERENCES policy ON DELETE CASCADE,
    kind            text   NOT NULL CHECK (kind IN (
                        'no_new_twin_town_agreements',
                        'twin_city_requires_council_decision',
                        'twin_city_meeting_rotation',
                        'host_every_nth_meeting',
                        'evaluation_after_hosting',
                        'report_approval_before_publication',
                        'inform_office_of_cooperation',
                        'publish_trips_with_accounts')),
    -- enforce: refuse the change; warn: allow it with a warning the reviewer sees.
    enforcement     text   NOT NULL CHECK (enforcement IN ('enforce', 'warn', 'inform')),
    parameters      jsonb  NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(parameters) = 'object'),
    -- The sentence of the policy the rule comes from, in the policy's language.
    source_sentence text   NOT NULL CHECK (source_sentence <> ''),
    description     text   NOT NULL DEFAULT '',
    archived_at     timestamptz,
    UNIQUE (policy_id, kind)
);

-- +goose Down
DROP TABLE policy_rule;
DROP TABLE priority;
DROP TABLE policy;
