-- Accounts, attachments and the audit log: shared by every other area.

-- +goose Up
CREATE TABLE account (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id bigint NOT NULL REFERENCES municipality,
    email           text   NOT NULL CHECK (email ~ '^[^@\s]+@[^@\s]+$'),
    name            text   NOT NULL CHECK (name <> ''),
    role            text   NOT NULL CHECK (role IN ('staff', 'politician', 'admin')),
    password_hash   text   NOT NULL,
    active          boolean NOT NULL DEFAULT true,
    is_demo         boolean NOT NULL DEFAULT false,
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deactivated_at  timestamptz,
    CHECK (active OR deactivated_at IS NOT NULL)
);
CREATE UNIQUE INDEX account_email_key ON account (lower(email));
CREATE INDEX account_municipality_idx ON account (municipality_id);

-- Failed sign-ins, counted here so throttling holds across several portal instances.
CREATE TABLE signin_failure (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email      text NOT NULL,
    client     text NOT NULL,
    at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX signin_failure_email_idx ON signin_failure (lower(email), at);
CREATE INDEX signin_failure_client_idx ON signin_failure (client, at);

-- Files are kept in PostgreSQL so one backup holds everything.
CREATE TABLE attachment (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id bigint NOT NULL REFERENCES municipality,
    filename        text   NOT NULL CHECK (filename <> '' AND filename !~ '[/\\]'),
    content_type    text   NOT NULL CHECK (content_type ~ '^[a-z]+/[a-zA-Z0-9.+-]+$'),
    size_bytes      bigint NOT NULL CHECK (size_bytes >= 0),
    sha256          bytea  NOT NULL CHECK (octet_length(sha256) = 32),
    content         bytea  NOT NULL,
    uploaded_by     bigint REFERENCES account,
    is_demo         boolean NOT NULL DEFAULT false,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (size_bytes = octet_length(content))
);
CREATE INDEX attachment_municipality_idx ON attachment (municipality_id);

-- Every change: who, when, what, and the old and new value of each changed field
-- as {"field": {"old": …, "new": …}}.
CREATE TABLE audit_log (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at              timestamptz NOT NULL DEFAULT now(),
    account_id      bigint REFERENCES account,
    municipality_id bigint REFERENCES municipality,
    entity          text   NOT NULL CHECK (entity ~ '^[a-z_]+$'),
    entity_id       bigint NOT NULL,
    action          text   NOT NULL CHECK (action IN ('create', 'update', 'delete', 'archive', 'transition')),
    changes         jsonb  NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(changes) = 'object'),
    request_id      text
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, at);
CREATE INDEX audit_log_municipality_idx ON audit_log (municipality_id, at DESC);

-- +goose Down
DROP TABLE audit_log;
DROP TABLE attachment;
DROP TABLE signin_failure;
DROP TABLE account;
