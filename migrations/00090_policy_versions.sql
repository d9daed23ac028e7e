-- Policy versions and the catalogue of rule kinds.
--
-- A municipality's policy has versions: an administrator records a successor
-- (internal/policyweb, /staff/policy/versions/new), the old one is archived and
-- stays viewable. A version keeps the headings marked in its text, names its
-- source by title, publisher and date, and each priority quotes the sentence it
-- comes from. The kinds of rule are a list in Go (policy.RuleKinds), so the
-- schema no longer lists them.

-- +goose Up
ALTER TABLE policy
    ADD COLUMN headings         text[] NOT NULL DEFAULT '{}',
    ADD COLUMN source_publisher text   NOT NULL DEFAULT '',
    ADD COLUMN source_date      date,
    ADD COLUMN previous_id      bigint REFERENCES policy;

ALTER TABLE priority ADD COLUMN source_sentence text NOT NULL DEFAULT '';

ALTER TABLE policy_rule DROP CONSTRAINT policy_rule_kind_check;
ALTER TABLE policy_rule ADD CONSTRAINT policy_rule_kind_check CHECK (kind ~ '^[a-z][a-z0-9_]*$');

-- +goose Down
ALTER TABLE policy_rule DROP CONSTRAINT policy_rule_kind_check;
ALTER TABLE policy_rule ADD CONSTRAINT policy_rule_kind_check CHECK (kind IN (
    'no_new_twin_town_agreements', 'twin_city_requires_council_decision', 'twin_city_meeting_rotation',
    'host_every_nth_meeting', 'evaluation_after_hosting', 'report_approval_before_publication',
    'inform_office_of_cooperation', 'publish_trips_with_accounts'));
ALTER TABLE priority DROP COLUMN source_sentence;
ALTER TABLE policy DROP COLUMN previous_id, DROP COLUMN source_date, DROP COLUMN source_publisher,
    DROP COLUMN headings;
