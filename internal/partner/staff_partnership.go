package partner

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/policy"
)

// Partnership kinds, as the database allows them.
var Kinds = []string{"twin_town", "partnership", "friendship", "network"}

// Record is a partnership as the workspace edits it, archived or not.
type Record struct {
	ID                 int64
	CityID             int64
	City               string
	CityEn             string
	Country            string
	Latitude           *float64
	Longitude          *float64
	Kind               string
	SinceYear          *int
	Status             string
	CouncilDecisionRef string
	Contacts           string
	Note               string
	Source             string
	Version            int
	ArchivedAt         *time.Time
	IsDemo             bool
}

// auditFields are the partnership's own fields as the audit log records them.
func (r Record) auditFields() map[string]any {
	return map[string]any{
		"partner_city_id":      r.CityID,
		"kind":                 r.Kind,
		"since_year":           intOrNil(r.SinceYear),
		"status":               r.Status,
		"council_decision_ref": r.CouncilDecisionRef,
		"contacts":             r.Contacts,
		"note":                 r.Note,
		"source":               r.Source,
	}
}

// NewCity is a partner city entered with a new partnership.
type NewCity struct {
	Name, NameEn string
	Country      string // ISO 3166 alpha-2
	// Latitude and Longitude are both set or both nil.
	Latitude, Longitude *float64
}

// PartnershipInput is what a partnership form saves, already validated: the city
// is CityID when it is not 0, else NewCity (creation only).
type PartnershipInput struct {
	CityID             int64
	NewCity            NewCity
	Kind               string
	SinceYear          *int
	Status             string
	CouncilDecisionRef string
	Contacts           string
	Note               string
	Source             string
	// StatusNote goes with the status history row written when Status changes.
	StatusNote string
}

const selectRecord = `
SELECT p.id, c.id, c.name, c.name_en, coalesce(c.country, ''), c.latitude::float8, c.longitude::float8,
       p.kind, p.since_year, p.status, coalesce(p.council_decision_ref, ''), p.contacts, p.note,
       coalesce(p.source, ''), p.version, p.archived_at, p.is_demo OR c.is_demo
FROM partnership p JOIN partner_city c ON c.id = p.partner_city_id`

func scanRecord(row pgx.Row) (Record, error) {
	var r Record
	var since *int16
	err := row.Scan(&r.ID, &r.CityID, &r.City, &r.CityEn, &r.Country, &r.Latitude, &r.Longitude,
		&r.Kind, &since, &r.Status, &r.CouncilDecisionRef, &r.Contacts, &r.Note,
		&r.Source, &r.Version, &r.ArchivedAt, &r.IsDemo)
	if since != nil {
		y := int(*since)
		r.SinceYear = &y
	}
	return r, err
}

// Records lists a municipality's partnerships for the workspace, by city name;
// archived ones only when withArchived is set.
func (s *Store) Records(ctx context.Context, municipalityID int64, withArchived bool) ([]Record, error) {
	rows, err := s.db.Query(ctx, selectRecord+`
WHERE p.municipality_id = $1 AND ($2 OR p.archived_at IS NULL)
ORDER BY p.archived_at IS NOT NULL, c.name, p.id`, municipalityID, withArchived)
	if err != nil {
		return nil, fmt.Errorf("list partnerships of municipality %d: %w", municipalityID, err)
	}
	list, err := pgx.CollectRows(rows, func(r pgx.CollectableRow) (Record, error) { return scanRecord(r) })
	if err != nil {
		return nil, fmt.Errorf("list partnerships of municipality %d: %w", municipalityID, err)
	}
	return list, nil
}

// Record returns partnership id of the municipality, archived or not, or
// ErrNotFound, also for another municipality's partnership.
func (s *Store) Record(ctx context.Context, municipalityID, id int64) (Record, error) {
	return record(ctx, s.db, municipalityID, id, false)
}

func record(ctx context.Context, q database.Querier, municipalityID, id int64, lock bool) (Record, error) {
	sql := selectRecord + ` WHERE p.id = $1 AND p.municipality_id = $2`
	if lock {
		sql += ` FOR UPDATE OF p`
	}
	r, err := scanRecord(q.QueryRow(ctx, sql, id, municipalityID))
	if errors.Is(err, pgx.ErrNoRows) {
		return r, fmt.Errorf("partnership %d of municipality %d: %w", id, municipalityID, ErrNotFound)
	}
	if err != nil {
		return r, fmt.Errorf("partnership %d of municipality %d: %w", id, municipalityID, err)
	}
	return r, nil
}

// CityChoice is a partner city a municipality may start a partnership with.
type CityChoice struct {
	ID      int64
	Name    string
	Country string
}

// CityChoices lists the partner cities of a municipality it has no partnership
// with yet: those its trips went to, its agreements name as a party, or its
// networks include. Partner cities are shared by all municipalities, so the list
// is limited to cities the municipality's own records name.
func (s *Store) CityChoices(ctx context.Context, municipalityID int64) ([]CityChoice, error) {
	rows, err := s.db.Query(ctx, `
SELECT c.id, c.name, coalesce(c.country, '')
FROM partner_city c
WHERE c.id IN (
        SELECT d.partner_city_id FROM trip_destination d JOIN trip t ON t.id = d.trip_id
        WHERE t.municipality_id = $1 AND t.archived_at IS NULL
        UNION
        SELECT ap.partner_city_id FROM agreement_party ap JOIN agreement a ON a.id = ap.agreement_id
        WHERE a.municipality_id = $1 AND a.archived_at IS NULL
        UNION
        SELECT npc.partner_city_id FROM network_partner_city npc
        JOIN network_membership nm ON nm.network_id = npc.network_id
        WHERE nm.municipality_id = $1 AND nm.archived_at IS NULL)
  AND NOT EXISTS (SELECT 1 FROM partnership p WHERE p.partner_city_id = c.id AND p.municipality_id = $1)
ORDER BY c.name, c.id`, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("partner city choices of municipality %d: %w", municipalityID, err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[CityChoice])
	if err != nil {
		return nil, fmt.Errorf("partner city choices of municipality %d: %w", municipalityID, err)
	}
	return list, nil
}

// checkPolicy applies the municipality's rules on partnerships inside tx: oldKind
// is "" for a new partnership. A rule that only warns lets the save through
// (see PolicyWarnings).
func checkPolicy(ctx context.Context, tx pgx.Tx, a Actor, oldKind string, in PartnershipInput) error {
	for _, v := range policyViolations(ctx, policy.NewStore(tx), a, oldKind, in) {
		if v.err != nil {
			return v.err
		}
		if v.v != nil && v.v.Refused {
			return &Refusal{Violation: *v.v}
		}
	}
	return nil
}

type violationOrErr struct {
	v   *policy.Violation
	err error
}

func policyViolations(ctx context.Context, st *policy.Store, a Actor, oldKind string, in PartnershipInput) []violationOrErr {
	today := a.Now
	if today.IsZero() {
		today = time.Now()
	}
	v1, err1 := st.CouncilDecision(ctx, a.MunicipalityID, oldKind, in.Kind, in.CouncilDecisionRef, today)
	v2, err2 := st.NewPartnership(ctx, a.MunicipalityID, oldKind, in.Kind, in.SinceYear, today)
	return []violationOrErr{{v1, err1}, {v2, err2}}
}

// PolicyViolations returns the rules a partnership about to be saved goes
// against: refused ones (the save will be refused) and warnings (checked rules,
// and enforced rules of an expired policy).
func (s *Store) PolicyViolations(ctx context.Context, a Actor, oldKind string, in PartnershipInput) ([]policy.Violation, error) {
	var out []policy.Violation
	for _, v := range policyViolations(ctx, policy.NewStore(s.db), a, oldKind, in) {
		if v.err != nil {
			return nil, v.err
		}
		if v.v != nil {
			out = append(out, *v.v)
		}
	}
	return out, nil
}

// CreatePartnership stores a new partnership of a.MunicipalityID, with its new
// partner city when in.CityID is 0, and logs both. It returns the partnership's
// id; ErrDuplicate when the municipality has a partnership with the city already
// (archived ones count), a *Refusal when a policy rule forbids it.
func (s *Store) CreatePartnership(ctx context.Context, a Actor, in PartnershipInput) (int64, error) {
	var id int64
	err := database.InTx(ctx, s.db, func(tx pgx.Tx) error {
		if err := checkPolicy(ctx, tx, a, "", in); err != nil {
			return err
		}
		cityID := in.CityID
		if cityID == 0 {
			c := in.NewCity
			err := tx.QueryRow(ctx, `
INSERT INTO partner_city (name, name_en, country, latitude, longitude)
VALUES ($1, $2, $3, $4, $5) RETURNING id`, c.Name, c.NameEn, nullIfEmpty(c.Country), c.Latitude, c.Longitude).Scan(&cityID)
			if err != nil {
				return fmt.Errorf("insert partner city: %w", err)
			}
			if err := audit.Record(ctx, tx, audit.Entry{
				AccountID: &a.AccountID, MunicipalityID: &a.MunicipalityID, RequestID: a.RequestID,
				Entity: "partner_city", EntityID: cityID, Action: audit.ActionCreate,
				Changes: created(map[string]any{
					"name": c.Name, "name_en": c.NameEn, "country": c.Country,
					"latitude": c.Latitude, "longitude": c.Longitude,
				}),
			}); err != nil {
				return err
			}
		}
		err := tx.QueryRow(ctx, `
INSERT INTO partnership (municipality_id, partner_city_id, kind, since_year, status, council_decision_ref,
                         contacts, note, source)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
			a.MunicipalityID, cityID, in.Kind, in.SinceYear, in.Status, nullIfEmpty(in.CouncilDecisionRef),
			in.Contacts, in.Note, nullIfEmpty(in.Source)).Scan(&id)
		if isUniqueViolation(err) {
			return fmt.Errorf("partnership with city %d: %w", cityID, ErrDuplicate)
		}
		if err != nil {
			return fmt.Errorf("insert partnership: %w", err)
		}
		after := Record{CityID: cityID, Kind: in.Kind, SinceYear: in.SinceYear, Status: in.Status,
			CouncilDecisionRef: in.CouncilDecisionRef, Contacts: in.Contacts, Note: in.Note, Source: in.Source}
		return audit.Record(ctx, tx, audit.Entry{
			AccountID: &a.AccountID, MunicipalityID: &a.MunicipalityID, RequestID: a.RequestID,
			Entity: "partnership", EntityID: id, Action: audit.ActionCreate,
			Changes: created(after.auditFields()),
		})
	})
	if err != nil {
		return 0, fmt.Errorf("create partnership: %w", err)
	}
	return id, nil
}

// UpdatePartnership saves the edit of partnership id from a form of version.
// Its city stays. A changed status adds a row to the status history for the
// current year. ErrNotFound for another municipality's partnership, ErrConflict
// when the version is stale, a *Refusal when a policy rule forbids the change;
// nothing is saved then.
func (s *Store) UpdatePartnership(ctx context.Context, a Actor, id int64, version int, in PartnershipInput) error {
	err := database.InTx(ctx, s.db, func(tx pgx.Tx) error {
		before, err := record(ctx, tx, a.MunicipalityID, id, true)
		if err != nil {
			return err
		}
		if before.Version != version {
			return ErrConflict
		}
		if err := checkPolicy(ctx, tx, a, before.Kind, in); err != nil {
			return err
		}
		tag, err := tx.Exec(ctx, `
UPDATE partnership SET kind = $4, since_year = $5, status = $6, council_decision_ref = $7,
       contacts = $8, note = $9, source = $10, version = version + 1, updated_at = now(),
       note_lang = CASE WHEN note = $9 THEN note_lang END
WHERE id = $1 AND municipality_id = $2 AND version = $3`,
			id, a.MunicipalityID, version, in.Kind, in.SinceYear, in.Status, nullIfEmpty(in.CouncilDecisionRef),
			in.Contacts, in.Note, nullIfEmpty(in.Source))
		if err != nil {
			return fmt.Errorf("update partnership: %w", err)
		}
		if tag.RowsAffected() == 0 {
			return ErrConflict
		}
		after := before
		after.Kind, after.SinceYear, after.Status = in.Kind, in.SinceYear, in.Status
		after.CouncilDecisionRef, after.Contacts, after.Note, after.Source = in.CouncilDecisionRef, in.Contacts, in.Note, in.Source
		changes := audit.Diff(before.auditFields(), after.auditFields())
		if before.Status != in.Status {
			if _, err := tx.Exec(ctx, `
INSERT INTO partnership_status_change (partnership_id, year, status, note) VALUES ($1, $2, $3, $4)`,
				id, a.Now.Year(), in.Status, in.StatusNote); err != nil {
				return fmt.Errorf("record status change: %w", err)
			}
			changes["status_change"] = audit.Change{Old: nil, New: map[string]any{
				"year": a.Now.Year(), "status": in.Status, "note": in.StatusNote,
			}}
		}
		if len(changes) == 0 {
			return nil
		}
		return audit.Record(ctx, tx, audit.Entry{
			AccountID: &a.AccountID, MunicipalityID: &a.MunicipalityID, RequestID: a.RequestID,
			Entity: "partnership", EntityID: id, Action: audit.ActionUpdate, Changes: changes,
		})
	})
	if err != nil {
		return fmt.Errorf("update partnership %d: %w", id, err)
	}
	return nil
}

// ArchivePartnership archives partnership id of the municipality: it leaves the
// public pages and the lists but stays in the database with its history.
// Archiving an archived partnership changes nothing.
func (s *Store) ArchivePartnership(ctx context.Context, a Actor, id int64) error {
	err := database.InTx(ctx, s.db, func(tx pgx.Tx) error {
		var at time.Time
		err := tx.QueryRow(ctx, `
UPDATE partnership SET archived_at = $3, version = version + 1, updated_at = now()
WHERE id = $1 AND municipality_id = $2 AND archived_at IS NULL RETURNING archived_at`,
			id, a.MunicipalityID, a.Now).Scan(&at)
		if errors.Is(err, pgx.ErrNoRows) {
			_, err := record(ctx, tx, a.MunicipalityID, id, false)
			return err // nil when it was archived already
		}
		if err != nil {
			return fmt.Errorf("archive: %w", err)
		}
		return audit.Record(ctx, tx, audit.Entry{
			AccountID: &a.AccountID, MunicipalityID: &a.MunicipalityID, RequestID: a.RequestID,
			Entity: "partnership", EntityID: id, Action: audit.ActionArchive,
			Changes: map[string]audit.Change{"archived_at": {Old: nil, New: timeOrNil(&at)}},
		})
	})
	if err != nil {
		return fmt.Errorf("archive partnership %d: %w", id, err)
	}
	return nil
}
