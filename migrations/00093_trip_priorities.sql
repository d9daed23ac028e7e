-- Priorities offered for trips are a policy's focus areas and themes only:
-- what a document calls its priorities (Västerås), fields of activity
-- (Stuttgart), directions (Göteborg), focus areas (Ballerup) and focus themes
-- (Berlin). Responsibilities (Göteborg R1–R6), strategies (Västerås S1–S4) and
-- guidelines (Berlin G1–G6) say how the work is done, not what a trip serves:
-- they are not offered for trips and not counted in spending per priority.
-- policy.FocusKinds lists the same kinds (a test keeps them equal).

-- +goose Up
ALTER TABLE priority ADD COLUMN offered_for_trips boolean NOT NULL
    GENERATED ALWAYS AS (kind IN ('priority', 'field_of_activity', 'direction', 'focus_area', 'focus_theme')) STORED;

-- +goose Down
ALTER TABLE priority DROP COLUMN offered_for_trips;
