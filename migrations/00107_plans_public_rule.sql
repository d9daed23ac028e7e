-- The upcoming plans of a municipality, for the policy rule "plans are public
-- before travel" (kind plans_public_before_travel, in the rule-kind catalogue:
-- internal/policy/kinds_upcoming.go; migration 00090 dropped the schema's list of
-- kinds). Where a municipality's policy has the rule, its approved trip plans appear
-- on its public pages ("Upcoming trips") and in its calendar before the trip, with
-- purpose, dates, destinations, travellers and planned costs. None of the five
-- seeded policies says so, so no seeded municipality has the rule; an administrator
-- adds it in the rule editor.
--
-- Approving a plan changes the trip's row, whose content-version triggers
-- (migration 00030) already move the municipality's pages; adding or archiving the
-- rule moves them through policy_rule's.

-- +goose Up
-- Approved trips by start, per municipality.
CREATE INDEX trip_approved_idx ON trip (municipality_id, starts_on) WHERE status = 'approved' AND archived_at IS NULL;

-- +goose Down
DROP INDEX trip_approved_idx;
