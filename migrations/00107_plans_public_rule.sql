-- A policy rule kind: plans are public before travel. Where a municipality's policy
-- has it, its approved trip plans appear on its public pages ("Upcoming trips") and
-- in its calendar before the trip, with purpose, dates, destinations, travellers
-- and planned costs. None of the five seeded policies says so, so no seeded
-- municipality has the rule; an administrator adds it in the rule editor.
--
-- Approving a plan changes the trip's row, whose content-version triggers
-- (migration 00030) already move the municipality's pages; adding or archiving the
-- rule moves them through policy_rule's.

-- +goose Up
ALTER TABLE policy_rule DROP CONSTRAINT policy_rule_kind_check,
    ADD CONSTRAINT policy_rule_kind_check CHECK (kind IN (
        'no_new_twin_town_agreements',
        'twin_city_requires_council_decision',
        'twin_city_meeting_rotation',
        'host_every_nth_meeting',
        'evaluation_after_hosting',
        'report_approval_before_publication',
        'inform_office_of_cooperation',
        'publish_trips_with_accounts',
        'plans_public_before_travel'));

-- The upcoming plans of a municipality: approved trips, by start.
CREATE INDEX trip_approved_idx ON trip (municipality_id, starts_on) WHERE status = 'approved' AND archived_at IS NULL;

-- +goose Down
DROP INDEX trip_approved_idx;
DELETE FROM policy_rule WHERE kind = 'plans_public_before_travel';
ALTER TABLE policy_rule DROP CONSTRAINT policy_rule_kind_check,
    ADD CONSTRAINT policy_rule_kind_check CHECK (kind IN (
        'no_new_twin_town_agreements',
        'twin_city_requires_council_decision',
        'twin_city_meeting_rotation',
        'host_every_nth_meeting',
        'evaluation_after_hosting',
        'report_approval_before_publication',
        'inform_office_of_cooperation',
        'publish_trips_with_accounts'));
