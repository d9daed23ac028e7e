-- Notices of cooperation to the office a policy names (Göteborg: "Förvaltningar
-- och bolag ska informera Stadsledningskontoret om samarbeten och
-- erfarenhetsutbyten med vänorter."): a department records its cooperation with
-- a twin city; the notice waits on the dashboard until the office has taken
-- note of it. Workspace only: no public page reads this table.

-- +goose Up
CREATE TABLE cooperation_notice (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id bigint NOT NULL REFERENCES municipality,
    department      text   NOT NULL CHECK (department <> '' AND length(department) <= 200),
    partner         text   NOT NULL CHECK (partner <> '' AND length(partner) <= 200),
    summary         text   NOT NULL CHECK (summary <> '' AND length(summary) <= 4000),
    starts_on       date,
    created_by      bigint NOT NULL REFERENCES account,
    created_at      timestamptz NOT NULL DEFAULT now(),
    noted_by        bigint REFERENCES account,
    noted_at        timestamptz,
    CHECK ((noted_by IS NULL) = (noted_at IS NULL))
);
CREATE INDEX cooperation_notice_open_idx ON cooperation_notice (municipality_id, created_at) WHERE noted_at IS NULL;

-- +goose Down
DROP TABLE cooperation_notice;
