package partner

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
)

// Membership roles, as the database allows them.
var Roles = []string{"member", "coordinator"}

// MembershipRecord is a municipality's membership of a network as the workspace
// edits it, archived or not.
type MembershipRecord struct {
	ID          int64
	NetworkID   int64
	Network     string
	Description string
	Website     string
	Role        string
	SinceYear   *int
	UntilYear   *int
	Note        string
	Version     int
	ArchivedAt  *time.Time
}

func (m MembershipRecord) auditFields() map[string]any {
	return map[string]any{
		"network_id": m.NetworkID,
		"role":       m.Role,
		"since_year": intOrNil(m.SinceYear),
		"until_year": intOrNil(m.UntilYear),
		"note":       m.Note,
	}
}

// MembershipInput is what a membership form saves, already validated.
type MembershipInput struct {
	NetworkID int64
	Role      string
	SinceYear *int
	UntilYear *int
	Note      string
}

// NetworkInput is a new network, already validated.
type NetworkInput struct {
	Name        string
	Description string
	Website     string
	// Coordinator makes the saving municipality the network's coordinator.
	Coordinator bool
}

const selectMembership = `
SELECT nm.id, n.id, n.name, n.description, coalesce(n.website, ''), nm.role, nm.since_year, nm.until_year,
       nm.note, nm.version, nm.archived_at
FROM network_membership nm JOIN network n ON n.id = nm.network_id`

func scanMembership(row pgx.Row) (MembershipRecord, error) {
	var m MembershipRecord
	var since, until *int16
	err := row.Scan(&m.ID, &m.NetworkID, &m.Network, &m.Description, &m.Website, &m.Role, &since, &until,
		&m.Note, &m.Version, &m.ArchivedAt)
	m.SinceYear, m.UntilYear = yearPtr(since), yearPtr(until)
	return m, err
}

func yearPtr(v *int16) *int {
	if v == nil {
		return nil
	}
	y := int(*v)
	return &y
}

// MembershipRecords lists a municipality's network memberships by network name;
// archived ones only when withArchived is set.
func (s *Store) MembershipRecords(ctx context.Context, municipalityID int64, withArchived bool) ([]MembershipRecord, error) {
	rows, err := s.db.Query(ctx, selectMembership+`
WHERE nm.municipality_id = $1 AND ($2 OR nm.archived_at IS NULL)
ORDER BY nm.archived_at IS NOT NULL, n.name, nm.id`, municipalityID, withArchived)
	if err != nil {
		return nil, fmt.Errorf("memberships of municipality %d: %w", municipalityID, err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (MembershipRecord, error) { return scanMembership(r) })
	if err != nil {
		return nil, fmt.Errorf("memberships of municipality %d: %w", municipalityID, err)
	}
	return list, nil
}

// MembershipRecord returns membership id of the municipality, archived or not,
// or ErrNotFound, also for another municipality's membership.
func (s *Store) MembershipRecord(ctx context.Context, municipalityID, id int64) (MembershipRecord, error) {
	return membership(ctx, s.db, municipalityID, id, false)
}

func membership(ctx context.Context, q database.Querier, municipalityID, id int64, lock bool) (MembershipRecord, error) {
	sql := selectMembership + ` WHERE nm.id = $1 AND nm.municipality_id = $2`
	if lock {
		sql += ` FOR UPDATE OF nm`
	}
	m, err := scanMembership(q.QueryRow(ctx, sql, id, municipalityID))
	if errors.Is(err, pgx.ErrNoRows) {
		return m, fmt.Errorf("membership %d of municipality %d: %w", id, municipalityID, ErrNotFound)
	}
	if err != nil {
		return m, fmt.Errorf("membership %d of municipality %d: %w", id, municipalityID, err)
	}
	return m, nil
}

// NetworkRow is one network of the portal as the workspace lists it.
type NetworkRow struct {
	ID          int64
	Name        string
	Description string
	Website     string
	// Coordinator names the municipality that coordinates it, when one of ours does.
	Coordinator string
	// MembershipID is the asking municipality's current membership, nil when it
	// is not a member.
	MembershipID *int64
}

// AllNetworks lists every network of the portal by name, with the asking
// municipality's current membership of each.
func (s *Store) AllNetworks(ctx context.Context, municipalityID int64) ([]NetworkRow, error) {
	rows, err := s.db.Query(ctx, `
SELECT n.id, n.name, n.description, coalesce(n.website, ''), coalesce(m.name, ''), nm.id
FROM network n
LEFT JOIN municipality m ON m.id = n.coordinator_municipality_id
LEFT JOIN network_membership nm ON nm.network_id = n.id AND nm.municipality_id = $1 AND nm.archived_at IS NULL
WHERE n.archived_at IS NULL
ORDER BY n.name, n.id`, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("list networks: %w", err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[NetworkRow])
	if err != nil {
		return nil, fmt.Errorf("list networks: %w", err)
	}
	return list, nil
}

// JoinNetwork makes a.MunicipalityID a member of network in.NetworkID. A
// membership archived earlier is taken up again with the new values; a current
// one is ErrDuplicate, an archived or unknown network ErrNotFound. It returns the
// membership's id.
func (s *Store) JoinNetwork(ctx context.Context, a Actor, in MembershipInput) (int64, error) {
	var id int64
	err := database.InTx(ctx, s.db, func(tx pgx.Tx) error {
		var ok bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM network WHERE id = $1 AND archived_at IS NULL)`, in.NetworkID).Scan(&ok); err != nil {
			return fmt.Errorf("find network: %w", err)
		}
		if !ok {
			return fmt.Errorf("network %d: %w", in.NetworkID, ErrNotFound)
		}
		var archived *time.Time
		err := tx.QueryRow(ctx, `SELECT id, archived_at FROM network_membership WHERE network_id = $1 AND municipality_id = $2 FOR UPDATE`,
			in.NetworkID, a.MunicipalityID).Scan(&id, &archived)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			return insertMembership(ctx, tx, a, in, &id)
		case err != nil:
			return fmt.Errorf("find membership: %w", err)
		case archived == nil:
			return fmt.Errorf("membership of network %d: %w", in.NetworkID, ErrDuplicate)
		}
		before, err := membership(ctx, tx, a.MunicipalityID, id, false)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `
UPDATE network_membership SET role = $3, since_year = $4, until_year = $5, note = $6, archived_at = NULL,
       version = version + 1
WHERE id = $1 AND municipality_id = $2`, id, a.MunicipalityID, in.Role, in.SinceYear, in.UntilYear, in.Note); err != nil {
			return fmt.Errorf("rejoin network: %w", err)
		}
		after := MembershipRecord{NetworkID: in.NetworkID, Role: in.Role, SinceYear: in.SinceYear, UntilYear: in.UntilYear, Note: in.Note}
		changes := audit.Diff(before.auditFields(), after.auditFields())
		changes["archived_at"] = audit.Change{Old: timeOrNil(before.ArchivedAt), New: nil}
		return audit.Record(ctx, tx, audit.Entry{
			AccountID: &a.AccountID, MunicipalityID: &a.MunicipalityID, RequestID: a.RequestID,
			Entity: "network_membership", EntityID: id, Action: audit.ActionUpdate, Changes: changes,
		})
	})
	if err != nil {
		return 0, fmt.Errorf("join network: %w", err)
	}
	return id, nil
}

func insertMembership(ctx context.Context, tx pgx.Tx, a Actor, in MembershipInput, id *int64) error {
	err := tx.QueryRow(ctx, `
INSERT INTO network_membership (network_id, municipality_id, role, since_year, until_year, note)
VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		in.NetworkID, a.MunicipalityID, in.Role, in.SinceYear, in.UntilYear, in.Note).Scan(id)
	if isUniqueViolation(err) {
		return fmt.Errorf("membership of network %d: %w", in.NetworkID, ErrDuplicate)
	}
	if err != nil {
		return fmt.Errorf("insert membership: %w", err)
	}
	after := MembershipRecord{NetworkID: in.NetworkID, Role: in.Role, SinceYear: in.SinceYear, UntilYear: in.UntilYear, Note: in.Note}
	return audit.Record(ctx, tx, audit.Entry{
		AccountID: &a.AccountID, MunicipalityID: &a.MunicipalityID, RequestID: a.RequestID,
		Entity: "network_membership", EntityID: *id, Action: audit.ActionCreate,
		Changes: created(after.auditFields()),
	})
}

// CreateNetwork adds a network and makes a.MunicipalityID its member with m
// (m.NetworkID is ignored). It returns the membership's id; ErrDuplicate when a
// network of that name exists.
func (s *Store) CreateNetwork(ctx context.Context, a Actor, n NetworkInput, m MembershipInput) (int64, error) {
	var membershipID int64
	err := database.InTx(ctx, s.db, func(tx pgx.Tx) error {
		var coordinator *int64
		if n.Coordinator {
			coordinator = &a.MunicipalityID
		}
		err := tx.QueryRow(ctx, `
INSERT INTO network (name, description, website, coordinator_municipality_id, language)
VALUES ($1, $2, $3, $4, (SELECT languages[1] FROM municipality WHERE id = $5)) RETURNING id`,
			n.Name, n.Description, nullIfEmpty(n.Website), coordinator, a.MunicipalityID).Scan(&m.NetworkID)
		if isUniqueViolation(err) {
			return fmt.Errorf("network %q: %w", n.Name, ErrDuplicate)
		}
		if err != nil {
			return fmt.Errorf("insert network: %w", err)
		}
		if err := audit.Record(ctx, tx, audit.Entry{
			AccountID: &a.AccountID, MunicipalityID: &a.MunicipalityID, RequestID: a.RequestID,
			Entity: "network", EntityID: m.NetworkID, Action: audit.ActionCreate,
			Changes: created(map[string]any{
				"name": n.Name, "description": n.Description, "website": n.Website,
				"coordinator_municipality_id": coordinator,
			}),
		}); err != nil {
			return err
		}
		return insertMembership(ctx, tx, a, m, &membershipID)
	})
	if err != nil {
		return 0, fmt.Errorf("create network: %w", err)
	}
	return membershipID, nil
}

// UpdateMembership saves the edit of membership id from a form of version; the
// network stays. ErrNotFound for another municipality's membership, ErrConflict
// when the version is stale.
func (s *Store) UpdateMembership(ctx context.Context, a Actor, id int64, version int, in MembershipInput) error {
	err := database.InTx(ctx, s.db, func(tx pgx.Tx) error {
		before, err := membership(ctx, tx, a.MunicipalityID, id, true)
		if err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `
UPDATE network_membership SET role = $4, since_year = $5, until_year = $6, note = $7, version = version + 1
WHERE id = $1 AND municipality_id = $2 AND version = $3`,
			id, a.MunicipalityID, version, in.Role, in.SinceYear, in.UntilYear, in.Note)
		if err != nil {
			return fmt.Errorf("update membership: %w", err)
		}
		if tag.RowsAffected() == 0 {
			return ErrConflict
		}
		after := before
		after.Role, after.SinceYear, after.UntilYear, after.Note = in.Role, in.SinceYear, in.UntilYear, in.Note
		changes := audit.Diff(before.auditFields(), after.auditFields())
		if len(changes) == 0 {
			return nil
		}
		return audit.Record(ctx, tx, audit.Entry{
			AccountID: &a.AccountID, MunicipalityID: &a.MunicipalityID, RequestID: a.RequestID,
			Entity: "network_membership", EntityID: id, Action: audit.ActionUpdate, Changes: changes,
		})
	})
	if err != nil {
		return fmt.Errorf("update membership %d: %w", id, err)
	}
	return nil
}

// ArchiveMembership archives membership id of the municipality; archiving an
// archived membership changes nothing.
func (s *Store) ArchiveMembership(ctx context.Context, a Actor, id int64) error {
	err := database.InTx(ctx, s.db, func(tx pgx.Tx) error {
		var at time.Time
		err := tx.QueryRow(ctx, `
UPDATE network_membership SET archived_at = $3, version = version + 1
WHERE id = $1 AND municipality_id = $2 AND archived_at IS NULL RETURNING archived_at`,
			id, a.MunicipalityID, a.Now).Scan(&at)
		if errors.Is(err, pgx.ErrNoRows) {
			_, err := membership(ctx, tx, a.MunicipalityID, id, false)
			return err
		}
		if err != nil {
			return fmt.Errorf("archive: %w", err)
		}
		return audit.Record(ctx, tx, audit.Entry{
			AccountID: &a.AccountID, MunicipalityID: &a.MunicipalityID, RequestID: a.RequestID,
			Entity: "network_membership", EntityID: id, Action: audit.ActionArchive,
			Changes: map[string]audit.Change{"archived_at": {Old: nil, New: timeOrNil(&at)}},
		})
	})
	if err != nil {
		return fmt.Errorf("archive membership %d: %w", id, err)
	}
	return nil
}
