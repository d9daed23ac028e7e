package trip

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// referenceRE is the form of a public trip reference, e.g. BAL-2026-0007 or, past
// 9999 trips in a year, BER-2026-10001 (migration 00061).
var referenceRE = regexp.MustCompile(`^[A-Z]{3}-[0-9]{4}-[0-9]{4,6}$`)

// ValidReference reports whether ref has the form of a public trip reference.
func ValidReference(ref string) bool { return referenceRE.MatchString(ref) }

// Published returns the published trip ref of a municipality in full, or ErrNotFound
// (also for a trip that exists but is not published).
func (s *Store) Published(ctx context.Context, municipalityID int64, ref string) (Trip, error) {
	if !ValidReference(ref) {
		return Trip{}, fmt.Errorf("trip %q: %w", ref, ErrNotFound)
	}
	return s.get(ctx, `t.municipality_id = $1 AND t.reference = $2 AND t.status = $3`, municipalityID, ref, StatusPublished)
}

// InMunicipality returns trip id of the municipality in full, whatever its status,
// for the workspace; a trip of another municipality is ErrNotFound.
func (s *Store) InMunicipality(ctx context.Context, municipalityID, id int64) (Trip, error) {
	return s.get(ctx, `t.municipality_id = $1 AND t.id = $2`, municipalityID, id)
}

func (s *Store) get(ctx context.Context, cond string, args ...any) (Trip, error) {
	var t Trip
	var pID, blID *int64
	var pCity, blCode, blName, ref *string
	var blYear, mtYear *int
	var mtID *int64
	var mtHost *string
	var starts, ends *time.Time
	var cities, countries []string
	row := s.db.QueryRow(ctx, `SELECT t.id, t.reference, t.title, t.purpose, t.starts_on, t.ends_on, t.organiser,
coalesce((SELECT array_agg(d.city ORDER BY d.position) FROM trip_destination d WHERE d.trip_id = t.id), '{}'),
coalesce((SELECT array_agg(d.country ORDER BY d.position) FROM trip_destination d WHERE d.trip_id = t.id), '{}'),
coalesce((SELECT array_agg(v.name ORDER BY v.position) FROM trip_traveller v WHERE v.trip_id = t.id), '{}'),
t.currency, c.minor_units, f.planned_minor, f.actual_minor, f.has_actual, f.total_minor, f.co2e_kg,
t.published_at, t.is_demo, m.slug, m.name, m.languages[1],
       t.status, t.submitted_at, t.approved_at, t.completed_at, t.report_approved_at,
       p.id, pc.name, b.id, b.code, b.name, b.fiscal_year::int, coalesce(t.author_id, 0),
       mt.id, mt.year::int, mt.host`+fromPublished+`
LEFT JOIN partnership p ON p.id = t.partnership_id
LEFT JOIN partner_city pc ON pc.id = p.partner_city_id
LEFT JOIN budget_line b ON b.id = t.budget_line_id
LEFT JOIN twin_city_meeting mt ON mt.id = t.meeting_id
WHERE `+cond+` AND t.archived_at IS NULL`, args...)
	err := row.Scan(&t.ID, &ref, &t.Title, &t.Purpose, &starts, &ends, &t.Organiser,
		&cities, &countries, &t.TravellerNames, &t.Currency, &t.MinorUnits,
		&t.PlannedMinor, &t.ActualMinor, &t.HasActual, &t.TotalMinor, &t.CO2eKg,
		&t.PublishedAt, &t.IsDemo, &t.MunicipalitySlug, &t.MunicipalityName, &t.Language,
		&t.Status, &t.SubmittedAt, &t.ApprovedAt, &t.CompletedAt, &t.ReportApprovedAt,
		&pID, &pCity, &blID, &blCode, &blName, &blYear, &t.AuthorID, &mtID, &mtYear, &mtHost)
	if errors.Is(err, pgx.ErrNoRows) {
		return Trip{}, fmt.Errorf("trip %v: %w", args[1], ErrNotFound)
	}
	if err != nil {
		return Trip{}, fmt.Errorf("get trip %v: %w", args[1], err)
	}
	t.setPlaces(cities, countries)
	t.Summary.Travellers = strings.Join(t.TravellerNames, ", ")
	if ref != nil {
		t.Reference = *ref
	}
	if starts != nil {
		t.StartsOn = *starts
	}
	if ends != nil {
		t.EndsOn = *ends
	}
	if pID != nil {
		t.Partnership = &PartnershipRef{ID: *pID, City: *pCity}
	}
	if mtID != nil {
		t.Meeting = &MeetingRef{ID: *mtID, Year: *mtYear, Host: *mtHost}
	}
	if blID != nil {
		t.BudgetLine = &BudgetLineRef{ID: *blID, Code: *blCode, Name: *blName, FiscalYear: *blYear}
	}
	if err := s.loadRows(ctx, &t); err != nil {
		return Trip{}, fmt.Errorf("get trip %d: %w", t.ID, err)
	}
	return t, nil
}

// loadRows fills the trip's repeated rows in one round trip.
func (s *Store) loadRows(ctx context.Context, t *Trip) error {
	b := &pgx.Batch{}
	b.Queue(`SELECT p.id, p.code, p.title, pol.language
FROM trip_priority tp JOIN priority p ON p.id = tp.priority_id JOIN policy pol ON pol.id = p.policy_id
WHERE tp.trip_id = $1 ORDER BY p.kind, p.position`, t.ID).Query(func(rows pgx.Rows) error {
		var err error
		t.Priorities, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Priority])
		return err
	})
	b.Queue(`SELECT name, role, kind FROM trip_traveller WHERE trip_id = $1 ORDER BY position`, t.ID).Query(func(rows pgx.Rows) error {
		var err error
		t.Travellers, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Traveller])
		return err
	})
	b.Queue(`SELECT d.city, d.country, coalesce(l.transport_mode, ''), coalesce(l.mode_label, ''),
       l.kg_co2e_per_unit::float8, coalesce(l.unit, ''), coalesce(l.units, 0), l.distance_km, l.co2e_kg, coalesce(l.factor_source, ''),
       coalesce(e.year, 0)::int
FROM trip_destination d JOIN trip_leg l ON l.destination_id = d.id
LEFT JOIN emission_factor e ON e.mode = l.transport_mode
WHERE d.trip_id = $1 ORDER BY d.position`, t.ID).Query(func(rows pgx.Rows) error {
		var err error
		t.Legs, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Leg])
		return err
	})
	b.Queue(`SELECT day, description, location FROM trip_programme_item WHERE trip_id = $1 ORDER BY day, position`, t.ID).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var day time.Time
			var it ProgrammeItem
			if err := rows.Scan(&day, &it.Description, &it.Location); err != nil {
				return err
			}
			if n := len(t.Programme); n == 0 || !t.Programme[n-1].Date.Equal(day) {
				t.Programme = append(t.Programme, Day{Date: day})
			}
			t.Programme[len(t.Programme)-1].Items = append(t.Programme[len(t.Programme)-1].Items, it)
		}
		return rows.Err()
	})
	b.Queue(`SELECT category, coalesce(string_agg(nullif(description, ''), '; ' ORDER BY position), ''),
       coalesce(sum(planned_minor), 0)::bigint, coalesce(sum(actual_minor), 0)::bigint, bool_or(actual_minor IS NOT NULL)
FROM trip_cost WHERE trip_id = $1 GROUP BY category
ORDER BY array_position($2::text[], category)`, t.ID, Categories).Query(func(rows pgx.Rows) error {
		var err error
		t.Costs, err = pgx.CollectRows(rows, pgx.RowToStructByPos[CostLine])
		return err
	})
	b.Queue(`SELECT goal, programme_carried_out, outcome, follow_up FROM trip_report WHERE trip_id = $1`, t.ID).QueryRow(func(row pgx.Row) error {
		var r Report
		err := row.Scan(&r.Goal, &r.ProgrammeCarriedOut, &r.Outcome, &r.FollowUp)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		t.Report = &r
		return err
	})
	b.Queue(`SELECT a.id, a.filename, a.content_type, a.size_bytes FROM trip_attachment ta
JOIN attachment a ON a.id = ta.attachment_id WHERE ta.trip_id = $1 ORDER BY a.filename`, t.ID).Query(func(rows pgx.Rows) error {
		var err error
		t.Attachments, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Attachment])
		return err
	})
	return s.db.SendBatch(ctx, b).Close()
}

// File is an attachment with its content.
type File struct {
	Attachment
	Content []byte
}

// PublishedAttachment returns attachment id of the published trip ref, or ErrNotFound.
func (s *Store) PublishedAttachment(ctx context.Context, municipalityID int64, ref string, id int64) (File, error) {
	if !ValidReference(ref) {
		return File{}, fmt.Errorf("attachment %d: %w", id, ErrNotFound)
	}
	var f File
	err := s.db.QueryRow(ctx, `
SELECT a.id, a.filename, a.content_type, a.size_bytes, a.content
FROM attachment a JOIN trip_attachment ta ON ta.attachment_id = a.id JOIN trip t ON t.id = ta.trip_id
WHERE t.municipality_id = $1 AND t.reference = $2 AND t.status = $4 AND t.archived_at IS NULL AND a.id = $3`,
		municipalityID, ref, id, StatusPublished).Scan(&f.ID, &f.Filename, &f.ContentType, &f.SizeBytes, &f.Content)
	if errors.Is(err, pgx.ErrNoRows) {
		return File{}, fmt.Errorf("attachment %d of trip %s: %w", id, ref, ErrNotFound)
	}
	if err != nil {
		return File{}, fmt.Errorf("get attachment %d of trip %s: %w", id, ref, err)
	}
	return f, nil
}
