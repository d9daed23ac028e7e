-- The platform operator adds municipalities without a release: an operator is an
-- account of no municipality (above each municipality's administrators, seeing
-- none of their records); a municipality can be archived (its public pages stay,
-- read-only, and its staff change nothing there any more).

-- +goose Up
ALTER TABLE account ALTER COLUMN municipality_id DROP NOT NULL;
ALTER TABLE account DROP CONSTRAINT account_role_check;
ALTER TABLE account ADD CONSTRAINT account_role_check
    CHECK (role IN ('staff', 'politician', 'admin', 'operator'));
-- An operator belongs to no municipality; everybody else to exactly one.
ALTER TABLE account ADD CONSTRAINT account_operator_municipality_check
    CHECK ((role = 'operator') = (municipality_id IS NULL));

ALTER TABLE municipality ADD COLUMN archived_at timestamptz;

-- +goose Down
ALTER TABLE municipality DROP COLUMN archived_at;
UPDATE audit_log SET account_id = NULL WHERE account_id IN (SELECT id FROM account WHERE role = 'operator');
DELETE FROM account WHERE role = 'operator';
ALTER TABLE account DROP CONSTRAINT account_operator_municipality_check;
ALTER TABLE account DROP CONSTRAINT account_role_check;
ALTER TABLE account ADD CONSTRAINT account_role_check CHECK (role IN ('staff', 'politician', 'admin'));
ALTER TABLE account ALTER COLUMN municipality_id SET NOT NULL;
