-- One-time links that open the first-run page, where the first administrator is
-- created. `portal serve` issues one at start while no account exists; only the
-- SHA-256 of the token is kept, so the table gives nobody a usable link.

-- +goose Up
CREATE TABLE setup_token (
    token_hash bytea       PRIMARY KEY CHECK (octet_length(token_hash) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at    timestamptz,
    CHECK (expires_at > created_at)
);

-- +goose Down
DROP TABLE setup_token;
