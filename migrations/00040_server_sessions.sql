-- Server-side sessions: a row per sign-in; the cookie carries only a signed,
-- random token, whose SHA-256 is kept here (a copy of the table opens nothing).
-- Deleting the row ends the session on every portal instance at once.

-- +goose Up
CREATE TABLE http_session (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_hash  bytea  NOT NULL UNIQUE CHECK (octet_length(token_hash) = 32),
    account_id  bigint NOT NULL REFERENCES account ON DELETE CASCADE,
    data        bytea  NOT NULL,
    created_at  timestamptz NOT NULL,
    seen_at     timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    client      text   NOT NULL DEFAULT '' CHECK (length(client) <= 64),
    user_agent  text   NOT NULL DEFAULT '' CHECK (length(user_agent) <= 300),
    CHECK (seen_at >= created_at),
    CHECK (expires_at > created_at)
);
CREATE INDEX http_session_account_idx ON http_session (account_id);
CREATE INDEX http_session_expires_idx ON http_session (expires_at);

-- Someone else chose the password (an administrator creating the account, or
-- asking for a change): its owner must choose a new one at the next sign-in.
ALTER TABLE account
    ADD COLUMN must_change_password boolean NOT NULL DEFAULT false,
    ADD COLUMN password_changed_at  timestamptz;

-- +goose Down
ALTER TABLE account DROP COLUMN password_changed_at, DROP COLUMN must_change_password;
DROP TABLE http_session;
