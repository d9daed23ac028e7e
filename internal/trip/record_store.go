package trip

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
)

// Record returns trip id of municipality m with its rows, as staff edit it; a
// trip of another municipality or archived is ErrNotFound.
func (s *Store) Record(ctx context.Context, m, id int64) (Record, error) {
	return loadRecord(ctx, s.db, m, id, false)
}

// loadRecord reads trip id of municipality m with its rows; forUpdate locks the
// trip row for the rest of the transaction.
func loadRecord(ctx context.Context, db database.Querier, m, id int64, forUpdate bool) (Record, error) {
	lock := ""
	if forUpdate {
		lock = " FOR UPDATE OF t"
	}
	var r Record
	err := db.QueryRow(ctx, `
SELECT t.id, t.version, t.status, coalesce(t.reference, ''), t.title, t.purpose, t.starts_on, t.ends_on, t.organiser,
       t.partnership_id, t.budget_line_id, t.meeting_id, t.currency, c.minor_units::int, t.author_id, coalesce(a.name, ''),
       t.created_at, t.updated_at, m.languages[1]
FROM trip t
JOIN municipality m ON m.id = t.municipality_id
JOIN currency c ON c.code = t.currency
LEFT JOIN account a ON a.id = t.author_id
WHERE t.id = $1 AND t.municipality_id = $2 AND t.archived_at IS NULL`+lock, id, m).Scan(
		&r.ID, &r.Version, &r.Status, &r.Reference, &r.Title, &r.Purpose, &r.StartsOn, &r.EndsOn, &r.Organiser,
		&r.PartnershipID, &r.BudgetLineID, &r.MeetingID, &r.Currency, &r.MinorUnits, &r.AuthorID, &r.AuthorName,
		&r.CreatedAt, &r.UpdatedAt, &r.Language)
	if errors.Is(err, pgx.ErrNoRows) {
		return Record{}, fmt.Errorf("trip %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return Record{}, fmt.Errorf("load trip %d: %w", id, err)
	}
	b := &pgx.Batch{}
	b.Queue(`SELECT priority_id FROM trip_priority WHERE trip_id = $1 ORDER BY priority_id`, id).Query(func(rows pgx.Rows) error {
		var err error
		r.Priorities, err = pgx.CollectRows(rows, pgx.RowTo[int64])
		return err
	})
	b.Queue(`
SELECT partner_city_id, city, country, coalesce(latitude::text, ''), coalesce(longitude::text, ''), coalesce(transport_mode, '')
FROM trip_destination WHERE trip_id = $1 ORDER BY position`, id).Query(func(rows pgx.Rows) error {
		var err error
		r.Destinations, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Destination])
		for i := range r.Destinations {
			r.Destinations[i].Latitude = TrimDecimal(r.Destinations[i].Latitude)
			r.Destinations[i].Longitude = TrimDecimal(r.Destinations[i].Longitude)
		}
		return err
	})
	b.Queue(`SELECT name, role, kind, coalesce(account_id, 0) FROM trip_traveller WHERE trip_id = $1 ORDER BY position`, id).Query(func(rows pgx.Rows) error {
		var err error
		r.Travellers, err = pgx.CollectRows(rows, pgx.RowToStructByPos[TravellerRow])
		return err
	})
	b.Queue(`SELECT day, description, location FROM trip_programme_item WHERE trip_id = $1 ORDER BY position`, id).Query(func(rows pgx.Rows) error {
		var err error
		r.Programme, err = pgx.CollectRows(rows, pgx.RowToStructByPos[ProgrammeRow])
		return err
	})
	b.Queue(`SELECT category, description, planned_minor, actual_minor FROM trip_cost WHERE trip_id = $1 ORDER BY position`, id).Query(func(rows pgx.Rows) error {
		var err error
		r.Costs, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Cost])
		return err
	})
	if err := db.SendBatch(ctx, b).Close(); err != nil {
		return Record{}, fmt.Errorf("load rows of trip %d: %w", id, err)
	}
	return r, nil
}

// Editor is who saves: the signed-in person, of municipality MunicipalityID, in
// the request RequestID (kept in the audit log).
type Editor struct {
	AccountID      int64
	MunicipalityID int64
	RequestID      string
}

func (a Editor) entry(id int64, action string, changes map[string]audit.Change) audit.Entry {
	return audit.Entry{AccountID: &a.AccountID, MunicipalityID: &a.MunicipalityID, Entity: "trip",
		EntityID: id, Action: action, Changes: changes, RequestID: a.RequestID}
}

// Create saves a new draft trip with its rows in one transaction, authored by the
// editor, in the municipality's currency, without a reference (assigned at
// submission). It returns the trip's id.
func (s *Store) Create(ctx context.Context, a Editor, r Record) (int64, error) {
	var id int64
	err := s.transact(ctx, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `
INSERT INTO trip (municipality_id, status, purpose, starts_on, ends_on, organiser, partnership_id, budget_line_id, currency, author_id, title, meeting_id)
SELECT m.id, $9, $2, $3, $4, $5, $6, $7, m.currency, $8, $10, $11
FROM municipality m WHERE m.id = $1
RETURNING id`, a.MunicipalityID, r.Purpose, r.StartsOn, r.EndsOn, r.Organiser, r.PartnershipID, r.BudgetLineID, a.AccountID, StatusDraft, r.Title, r.MeetingID).Scan(&id)
		if err != nil {
			return fmt.Errorf("insert trip: %w", err)
		}
		if err := writeRows(ctx, tx, id, r); err != nil {
			return err
		}
		changes := audit.Diff(map[string]any{}, r.auditFields())
		changes["status"] = audit.Change{New: StatusDraft}
		return audit.Record(ctx, tx, a.entry(id, audit.ActionCreate, changes))
	})
	if err != nil {
		return 0, fmt.Errorf("create trip: %w", err)
	}
	return id, nil
}

// Update saves r over trip r.ID, with its rows, in one transaction, when the trip
// still has version r.Version and a status of mode. On ErrConflict and ErrLocked
// it returns the current record, which the form shows beside the person's input.
func (s *Store) Update(ctx context.Context, a Editor, mode string, r Record) (Record, error) {
	var cur Record
	err := s.transact(ctx, func(tx pgx.Tx) error {
		var err error
		cur, err = loadRecord(ctx, tx, a.MunicipalityID, r.ID, true)
		if err != nil {
			return err
		}
		switch m := EditMode(cur.Status); {
		case m == "":
			return ErrLocked
		case m != mode || cur.Version != r.Version:
			return ErrConflict
		}
		tag, err := tx.Exec(ctx, `
UPDATE trip SET purpose = $4, starts_on = $5, ends_on = $6, organiser = $7, partnership_id = $8,
       budget_line_id = $9, title = $10, meeting_id = $11, version = version + 1, updated_at = now()
WHERE id = $1 AND municipality_id = $2 AND version = $3`,
			r.ID, a.MunicipalityID, r.Version, r.Purpose, r.StartsOn, r.EndsOn, r.Organiser, r.PartnershipID, r.BudgetLineID, r.Title, r.MeetingID)
		if err != nil {
			return fmt.Errorf("update trip %d: %w", r.ID, err)
		}
		if tag.RowsAffected() == 0 {
			return ErrConflict
		}
		for _, table := range []string{"trip_destination", "trip_traveller", "trip_programme_item", "trip_cost", "trip_priority"} {
			// The table names are constants of this function, never input.
			if _, err := tx.Exec(ctx, `DELETE FROM `+table+` WHERE trip_id = $1`, r.ID); err != nil {
				return fmt.Errorf("replace rows of trip %d: %w", r.ID, err)
			}
		}
		if err := writeRows(ctx, tx, r.ID, r); err != nil {
			return err
		}
		changes := audit.Diff(cur.auditFields(), r.auditFields())
		return audit.Record(ctx, tx, a.entry(r.ID, audit.ActionUpdate, changes))
	})
	if err != nil {
		return cur, err
	}
	return cur, nil
}

// writeRows inserts the trip's repeated rows, one statement per table.
func writeRows(ctx context.Context, tx pgx.Tx, id int64, r Record) error {
	n := len(r.Destinations)
	pos, partner := make([]int32, n), make([]*int64, n)
	city, country, lat, lon, mode := make([]string, n), make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	for i, d := range r.Destinations {
		pos[i], partner[i], city[i], country[i], lat[i], lon[i], mode[i] = int32(i+1), d.PartnerCityID, d.City, d.Country, d.Latitude, d.Longitude, d.Mode
	}
	b := &pgx.Batch{}
	if n > 0 {
		b.Queue(`
INSERT INTO trip_destination (trip_id, position, partner_city_id, city, country, latitude, longitude, transport_mode)
SELECT $1, u.pos, u.partner, u.city, u.country, nullif(u.lat, '')::numeric, nullif(u.lon, '')::numeric, nullif(u.mode, '')
FROM unnest($2::int[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) AS u(pos, partner, city, country, lat, lon, mode)`,
			id, pos, partner, city, country, lat, lon, mode)
	}
	if n := len(r.Travellers); n > 0 {
		pos, name, role, kind, acc := make([]int32, n), make([]string, n), make([]string, n), make([]string, n), make([]int64, n)
		for i, t := range r.Travellers {
			pos[i], name[i], role[i], kind[i], acc[i] = int32(i+1), t.Name, t.Role, t.Kind, t.AccountID
		}
		b.Queue(`
INSERT INTO trip_traveller (trip_id, position, name, role, kind, account_id)
SELECT $1, u.pos, u.name, u.role, u.kind, nullif(u.account, 0)
FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::bigint[]) AS u(pos, name, role, kind, account)`,
			id, pos, name, role, kind, acc)
	}
	if n := len(r.Programme); n > 0 {
		pos, day, desc, loc := make([]int32, n), make([]time.Time, n), make([]string, n), make([]string, n)
		for i, p := range r.Programme {
			pos[i], day[i], desc[i], loc[i] = int32(i+1), p.Day, p.Description, p.Location
		}
		b.Queue(`
INSERT INTO trip_programme_item (trip_id, position, day, description, location)
SELECT $1, u.pos, u.day, u.description, u.location FROM unnest($2::int[], $3::date[], $4::text[], $5::text[]) AS u(pos, day, description, location)`,
			id, pos, day, desc, loc)
	}
	if n := len(r.Costs); n > 0 {
		pos, cat, desc, planned, actual := make([]int32, n), make([]string, n), make([]string, n), make([]*int64, n), make([]*int64, n)
		for i, c := range r.Costs {
			pos[i], cat[i], desc[i], planned[i], actual[i] = int32(i+1), c.Category, c.Description, c.Planned, c.Actual
		}
		b.Queue(`
INSERT INTO trip_cost (trip_id, position, category, description, planned_minor, actual_minor)
SELECT $1, u.pos, u.category, u.description, u.planned, u.actual
FROM unnest($2::int[], $3::text[], $4::text[], $5::bigint[], $6::bigint[]) AS u(pos, category, description, planned, actual)`,
			id, pos, cat, desc, planned, actual)
	}
	if len(r.Priorities) > 0 {
		b.Queue(`INSERT INTO trip_priority (trip_id, priority_id) SELECT $1, unnest($2::bigint[])`, id, r.Priorities)
	}
	if b.Len() == 0 {
		return nil
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("write rows of trip %d: %w", id, err)
	}
	return nil
}
