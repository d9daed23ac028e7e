-- +goose Up
-- Notifications by e-mail (internal/notify). Each person can turn them off and may
-- choose the language of their messages (NULL: their municipality's first language).
ALTER TABLE account
    ADD COLUMN notify_email boolean NOT NULL DEFAULT true,
    ADD COLUMN language     text CHECK (language IN ('en', 'de', 'sv', 'da'));

-- The outbox: one row per message to one person, written in the same transaction as
-- the lifecycle step (or by the reminder job) and sent by the worker of any portal
-- instance. The message is composed when it is sent, in the recipient's language
-- then; what must not change (the reviewer's comment) is kept here.
CREATE TABLE notification_outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind            text        NOT NULL CHECK (kind IN ('plan_awaits', 'report_awaits', 'plan_returned',
                                    'plan_approved', 'report_returned', 'report_approved',
                                    'report_due_soon', 'report_overdue')),
    account_id      bigint      NOT NULL REFERENCES account ON DELETE CASCADE,
    trip_id         bigint      NOT NULL REFERENCES trip ON DELETE CASCADE,
    comment         text        NOT NULL DEFAULT '',
    -- Set for messages that go out once per trip and kind (the reminders), so a
    -- job run twice, or by two instances at once, enqueues them once.
    dedupe_key      text        UNIQUE,
    created_at      timestamptz NOT NULL DEFAULT now(),
    -- pending until sent, skipped (turned off, account deactivated, no longer
    -- awaited) or failed (refused permanently by the mail server).
    state           text        NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'skipped', 'failed')),
    attempts        integer     NOT NULL DEFAULT 0,
    -- When to try again after a failure; NULL: at once.
    next_attempt_at timestamptz,
    last_error      text        NOT NULL DEFAULT '',
    done_at         timestamptz,
    CHECK ((state = 'pending') = (done_at IS NULL))
);
CREATE INDEX notification_outbox_pending_idx ON notification_outbox (next_attempt_at NULLS FIRST, id) WHERE state = 'pending';
CREATE INDEX notification_outbox_trip_idx ON notification_outbox (trip_id);
CREATE INDEX notification_outbox_account_idx ON notification_outbox (account_id);

-- +goose Down
DROP TABLE notification_outbox;
ALTER TABLE account DROP COLUMN language, DROP COLUMN notify_email;
