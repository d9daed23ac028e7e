package partner

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
)

// Project statuses, as the database allows them.
var ProjectStatuses = []string{"planned", "running", "completed", "cancelled"}

// ProjectRecord is a project with external funding as the workspace edits it.
type ProjectRecord struct {
	ID            int64
	Title         string
	Description   string
	PartnershipID *int64
	Partnership   string // the partner city's name
	NetworkID     *int64
	Network       string
	Funder        string
	Programme     string
	FundingMinor  *int64
	Currency      string
	MinorUnits    int
	StartsOn      *time.Time
	EndsOn        *time.Time
	Status        string
	// Priorities are the linked priorities, by position in their policy.
	Priorities []Choice
	Version    int
	ArchivedAt *time.Time
	IsDemo     bool
}

// PriorityIDs returns the ids of the linked priorities.
func (p ProjectRecord) PriorityIDs() []int64 {
	ids := make([]int64, len(p.Priorities))
	for i, c := range p.Priorities {
		ids[i] = c.ID
	}
	return ids
}

func (p ProjectRecord) auditFields() map[string]any {
	codes := make([]string, len(p.Priorities))
	for i, c := range p.Priorities {
		codes[i] = c.Code
	}
	slices.Sort(codes)
	return map[string]any{
		"title":          p.Title,
		"description":    p.Description,
		"partnership_id": p.PartnershipID,
		"network_id":     p.NetworkID,
		"funder":         p.Funder,
		"programme":      p.Programme,
		"funding_minor":  p.FundingMinor,
		"currency":       p.Currency,
		"starts_on":      dateOrNil(p.StartsOn),
		"ends_on":        dateOrNil(p.EndsOn),
		"status":         p.Status,
		"priorities":     codes,
	}
}

// Choice is one option of a workspace form's select or checkbox group.
type Choice struct {
	ID    int64
	Code  string // priorities only
	Label string
}

// ProjectInput is what a project form saves, already validated; the
// partnership, network and priorities are among the form's choices.
type ProjectInput struct {
	Title         string
	Description   string
	PartnershipID *int64
	NetworkID     *int64
	Funder        string
	Programme     string
	FundingMinor  *int64
	Currency      string
	StartsOn      *time.Time
	EndsOn        *time.Time
	Status        string
	PriorityIDs   []int64
}

const selectProject = `
SELECT pr.id, pr.title, pr.description, pr.partnership_id, coalesce(c.name, ''), pr.network_id, coalesce(n.name, ''),
       pr.funder, pr.programme, pr.funding_minor, pr.currency, cu.minor_units, pr.starts_on, pr.ends_on, pr.status,
       pr.version, pr.archived_at, pr.is_demo
FROM project pr
JOIN currency cu ON cu.code = pr.currency
LEFT JOIN partnership p ON p.id = pr.partnership_id
LEFT JOIN partner_city c ON c.id = p.partner_city_id
LEFT JOIN network n ON n.id = pr.network_id`

func scanProject(row pgx.Row) (ProjectRecord, error) {
	var p ProjectRecord
	err := row.Scan(&p.ID, &p.Title, &p.Description, &p.PartnershipID, &p.Partnership, &p.NetworkID, &p.Network,
		&p.Funder, &p.Programme, &p.FundingMinor, &p.Currency, &p.MinorUnits, &p.StartsOn, &p.EndsOn, &p.Status,
		&p.Version, &p.ArchivedAt, &p.IsDemo)
	return p, err
}

// ProjectRecords lists a municipality's projects, newest start first; archived
// ones only when withArchived is set. Their priorities are not loaded.
func (s *Store) ProjectRecords(ctx context.Context, municipalityID int64, withArchived bool) ([]ProjectRecord, error) {
	rows, err := s.db.Query(ctx, selectProject+`
WHERE pr.municipality_id = $1 AND ($2 OR pr.archived_at IS NULL)
ORDER BY pr.archived_at IS NOT NULL, pr.starts_on DESC NULLS LAST, pr.title, pr.id`, municipalityID, withArchived)
	if err != nil {
		return nil, fmt.Errorf("projects of municipality %d: %w", municipalityID, err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (ProjectRecord, error) { return scanProject(r) })
	if err != nil {
		return nil, fmt.Errorf("projects of municipality %d: %w", municipalityID, err)
	}
	return list, nil
}

// ProjectRecord returns project id of the municipality with its priorities,
// archived or not, or ErrNotFound, also for another municipality's project.
func (s *Store) ProjectRecord(ctx context.Context, municipalityID, id int64) (ProjectRecord, error) {
	var p ProjectRecord
	err := database.InTx(ctx, s.db, func(tx pgx.Tx) error {
		var err error
		p, err = project(ctx, tx, municipalityID, id, false)
		return err
	})
	return p, err
}

func project(ctx context.Context, tx pgx.Tx, municipalityID, id int64, lock bool) (ProjectRecord, error) {
	sql := selectProject + ` WHERE pr.id = $1 AND pr.municipality_id = $2`
	if lock {
		sql += ` FOR UPDATE OF pr`
	}
	p, err := scanProject(tx.QueryRow(ctx, sql, id, municipalityID))
	if errors.Is(err, pgx.ErrNoRows) {
		return p, fmt.Errorf("project %d of municipality %d: %w", id, municipalityID, ErrNotFound)
	}
	if err != nil {
		return p, fmt.Errorf("project %d of municipality %d: %w", id, municipalityID, err)
	}
	p.Priorities, err = priorities(ctx, tx, `
SELECT pp.priority_id FROM project_priority pp WHERE pp.project_id = $1`, id)
	return p, err
}

// priorities returns the priorities whose ids the query (with its one argument)
// selects, in policy order.
func priorities(ctx context.Context, tx pgx.Tx, idsQuery string, arg any) ([]Choice, error) {
	rows, err := tx.Query(ctx, `
SELECT p.id, p.code, p.title FROM priority p
WHERE p.id IN (`+idsQuery+`)
ORDER BY p.policy_id, p.kind, p.position, p.id`, arg)
	if err != nil {
		return nil, fmt.Errorf("priorities: %w", err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Choice])
	if err != nil {
		return nil, fmt.Errorf("priorities: %w", err)
	}
	return list, nil
}

// ProjectChoices are the options of a project form of a municipality.
type ProjectChoices struct {
	Partnerships []Choice // current partnerships, by city
	Networks     []Choice // networks it is a current member of
	Priorities   []Choice // of its current policy, in order
	Currencies   []Currency
}

// Currency is an ISO 4217 currency the portal knows.
type Currency struct {
	Code       string
	MinorUnits int
}

// ProjectChoices returns what a municipality's project form offers. The
// current links of a project being edited are added by the caller, so that an
// archived partnership or an earlier policy's priority stays selectable.
func (s *Store) ProjectChoices(ctx context.Context, municipalityID int64) (ProjectChoices, error) {
	var c ProjectChoices
	err := database.InTx(ctx, s.db, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `
SELECT p.id, '', c.name FROM partnership p JOIN partner_city c ON c.id = p.partner_city_id
WHERE p.municipality_id = $1 AND p.archived_at IS NULL ORDER BY c.name, p.id`, municipalityID)
		if err != nil {
			return err
		}
		if c.Partnerships, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Choice]); err != nil {
			return err
		}
		rows, err = tx.Query(ctx, `
SELECT n.id, '', n.name FROM network n JOIN network_membership nm ON nm.network_id = n.id
WHERE nm.municipality_id = $1 AND nm.archived_at IS NULL AND n.archived_at IS NULL ORDER BY n.name, n.id`, municipalityID)
		if err != nil {
			return err
		}
		if c.Networks, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Choice]); err != nil {
			return err
		}
		if c.Priorities, err = priorities(ctx, tx, `
SELECT pr.id FROM priority pr JOIN policy pol ON pol.id = pr.policy_id
WHERE pol.municipality_id = $1 AND pol.archived_at IS NULL AND pr.archived_at IS NULL`, municipalityID); err != nil {
			return err
		}
		rows, err = tx.Query(ctx, `SELECT code, minor_units FROM currency ORDER BY code`)
		if err != nil {
			return err
		}
		c.Currencies, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Currency])
		return err
	})
	if err != nil {
		return c, fmt.Errorf("project form choices of municipality %d: %w", municipalityID, err)
	}
	return c, nil
}

// CreateProject stores a new project of a.MunicipalityID with its priorities and
// returns its id.
func (s *Store) CreateProject(ctx context.Context, a Actor, in ProjectInput) (int64, error) {
	var id int64
	err := database.InTx(ctx, s.db, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `
INSERT INTO project (municipality_id, title, description, partnership_id, network_id, funder, programme,
                     funding_minor, currency, starts_on, ends_on, status)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
			a.MunicipalityID, in.Title, in.Description, in.PartnershipID, in.NetworkID, in.Funder, in.Programme,
			in.FundingMinor, in.Currency, in.StartsOn, in.EndsOn, in.Status).Scan(&id)
		if err != nil {
			return fmt.Errorf("insert project: %w", err)
		}
		after, err := setPriorities(ctx, tx, id, in)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx, audit.Entry{
			AccountID: &a.AccountID, MunicipalityID: &a.MunicipalityID, RequestID: a.RequestID,
			Entity: "project", EntityID: id, Action: audit.ActionCreate,
			Changes: created(after.auditFields()),
		})
	})
	if err != nil {
		return 0, fmt.Errorf("create project: %w", err)
	}
	return id, nil
}

// setPriorities replaces the project's priorities with in's and returns the
// project as saved, for the audit log.
func setPriorities(ctx context.Context, tx pgx.Tx, id int64, in ProjectInput) (ProjectRecord, error) {
	if _, err := tx.Exec(ctx, `DELETE FROM project_priority WHERE project_id = $1`, id); err != nil {
		return ProjectRecord{}, fmt.Errorf("clear project priorities: %w", err)
	}
	if _, err := tx.Exec(ctx, `
INSERT INTO project_priority (project_id, priority_id) SELECT $1, unnest($2::bigint[])`, id, in.PriorityIDs); err != nil {
		return ProjectRecord{}, fmt.Errorf("set project priorities: %w", err)
	}
	p := ProjectRecord{Title: in.Title, Description: in.Description, PartnershipID: in.PartnershipID, NetworkID: in.NetworkID,
		Funder: in.Funder, Programme: in.Programme, FundingMinor: in.FundingMinor, Currency: in.Currency,
		StartsOn: in.StartsOn, EndsOn: in.EndsOn, Status: in.Status}
	var err error
	p.Priorities, err = priorities(ctx, tx, `SELECT priority_id FROM project_priority WHERE project_id = $1`, id)
	return p, err
}

// UpdateProject saves the edit of project id from a form of version, its
// priorities with it. ErrNotFound for another municipality's project,
// ErrConflict when the version is stale.
func (s *Store) UpdateProject(ctx context.Context, a Actor, id int64, version int, in ProjectInput) error {
	err := database.InTx(ctx, s.db, func(tx pgx.Tx) error {
		before, err := project(ctx, tx, a.MunicipalityID, id, true)
		if err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `
UPDATE project SET title = $4, description = $5, partnership_id = $6, network_id = $7, funder = $8,
       programme = $9, funding_minor = $10, currency = $11, starts_on = $12, ends_on = $13, status = $14,
       version = version + 1, updated_at = now()
WHERE id = $1 AND municipality_id = $2 AND version = $3`,
			id, a.MunicipalityID, version, in.Title, in.Description, in.PartnershipID, in.NetworkID, in.Funder,
			in.Programme, in.FundingMinor, in.Currency, in.StartsOn, in.EndsOn, in.Status)
		if err != nil {
			return fmt.Errorf("update project: %w", err)
		}
		if tag.RowsAffected() == 0 {
			return ErrConflict
		}
		after, err := setPriorities(ctx, tx, id, in)
		if err != nil {
			return err
		}
		changes := audit.Diff(before.auditFields(), after.auditFields())
		if len(changes) == 0 {
			return nil
		}
		return audit.Record(ctx, tx, audit.Entry{
			AccountID: &a.AccountID, MunicipalityID: &a.MunicipalityID, RequestID: a.RequestID,
			Entity: "project", EntityID: id, Action: audit.ActionUpdate, Changes: changes,
		})
	})
	if err != nil {
		return fmt.Errorf("update project %d: %w", id, err)
	}
	return nil
}

// ArchiveProject archives project id of the municipality; archiving an archived
// project changes nothing.
func (s *Store) ArchiveProject(ctx context.Context, a Actor, id int64) error {
	err := database.InTx(ctx, s.db, func(tx pgx.Tx) error {
		var at time.Time
		err := tx.QueryRow(ctx, `
UPDATE project SET archived_at = $3, version = version + 1, updated_at = now()
WHERE id = $1 AND municipality_id = $2 AND archived_at IS NULL RETURNING archived_at`,
			id, a.MunicipalityID, a.Now).Scan(&at)
		if errors.Is(err, pgx.ErrNoRows) {
			_, err := project(ctx, tx, a.MunicipalityID, id, false)
			return err
		}
		if err != nil {
			return fmt.Errorf("archive: %w", err)
		}
		return audit.Record(ctx, tx, audit.Entry{
			AccountID: &a.AccountID, MunicipalityID: &a.MunicipalityID, RequestID: a.RequestID,
			Entity: "project", EntityID: id, Action: audit.ActionArchive,
			Changes: map[string]audit.Change{"archived_at": {Old: nil, New: timeOrNil(&at)}},
		})
	})
	if err != nil {
		return fmt.Errorf("archive project %d: %w", id, err)
	}
	return nil
}
