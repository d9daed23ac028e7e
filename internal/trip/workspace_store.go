package trip

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/audit"
)

// ListRow is one trip in the workspace's list.
type ListRow struct {
	ID         int64
	Reference  string
	Title      string
	Purpose    string
	Status     string
	Organiser  string
	AuthorName string
	StartsOn   *time.Time
	EndsOn     *time.Time
	UpdatedAt  time.Time
}

// ListPerPage is how many trips the workspace's list shows at once.
const ListPerPage = 50

// List returns page (1-based; past the end: the last page) of the trips of
// municipality m in status ("" for every status), newest first, with the number
// of trips and the page shown.
func (s *Store) List(ctx context.Context, m int64, status string, page int) (rows []ListRow, total, shown int, err error) {
	if err := s.db.QueryRow(ctx, `
SELECT count(*) FROM trip WHERE municipality_id = $1 AND archived_at IS NULL AND ($2 = '' OR status = $2)`,
		m, status).Scan(&total); err != nil {
		return nil, 0, 0, fmt.Errorf("count trips: %w", err)
	}
	pages := max(1, (total+ListPerPage-1)/ListPerPage)
	shown = min(max(page, 1), pages)
	list, err := s.db.Query(ctx, `
SELECT t.id, coalesce(t.reference, ''), t.title, t.purpose, t.status, t.organiser, coalesce(a.name, ''),
       t.starts_on, t.ends_on, t.updated_at
FROM trip t LEFT JOIN account a ON a.id = t.author_id
WHERE t.municipality_id = $1 AND t.archived_at IS NULL AND ($2 = '' OR t.status = $2)
ORDER BY t.created_at DESC, t.id DESC
LIMIT $3 OFFSET $4`, m, status, ListPerPage, (shown-1)*ListPerPage)
	if err != nil {
		return nil, 0, 0, fmt.Errorf("list trips: %w", err)
	}
	rows, err = pgx.CollectRows(list, pgx.RowToStructByPos[ListRow])
	if err != nil {
		return nil, 0, 0, fmt.Errorf("list trips: %w", err)
	}
	return rows, total, shown, nil
}

// Archive withdraws trip id, still at version and in a withdrawable status: it
// sets archived_at, with its audit entry, in one transaction. On ErrLocked and
// ErrConflict it returns the current record.
func (s *Store) Archive(ctx context.Context, a Editor, id int64, version int) (Record, error) {
	var cur Record
	err := s.transact(ctx, func(tx pgx.Tx) error {
		var err error
		if cur, err = loadRecord(ctx, tx, a.MunicipalityID, id, true); err != nil {
			return err
		}
		switch {
		case !Withdrawable(cur.Status):
			return ErrLocked
		case cur.Version != version:
			return ErrConflict
		}
		var at time.Time
		if err := tx.QueryRow(ctx, `
UPDATE trip SET archived_at = now(), version = version + 1, updated_at = now()
WHERE id = $1 AND municipality_id = $2 AND version = $3 AND archived_at IS NULL
RETURNING archived_at`, id, a.MunicipalityID, version).Scan(&at); err != nil {
			return fmt.Errorf("archive trip %d: %w", id, err)
		}
		changes := map[string]audit.Change{"archived_at": {Old: nil, New: at}}
		return audit.Record(ctx, tx, a.entry(id, audit.ActionArchive, changes))
	})
	return cur, err
}

// Transition is one step a trip took through its lifecycle.
type Transition struct {
	Action  string
	To      string
	Actor   string
	Comment string
	At      time.Time
	// Body, MeetingOn and Minutes are a committee's decision ("" and nil otherwise).
	Body      string
	MeetingOn *time.Time
	Minutes   string
}

// Extras are what the workspace's trip page shows besides the record.
type Extras struct {
	Report      *ReportRecord
	Attachments []FileRow
	Transitions []Transition
}

// Extras reads the report, the attachments and the lifecycle steps of trip id
// in one round trip.
func (s *Store) Extras(ctx context.Context, id int64) (Extras, error) {
	var x Extras
	b := &pgx.Batch{}
	b.Queue(`SELECT version, goal, programme_carried_out, outcome, follow_up FROM trip_report WHERE trip_id = $1`, id).QueryRow(func(row pgx.Row) error {
		var rep ReportRecord
		err := row.Scan(&rep.Version, &rep.Goal, &rep.Programme, &rep.Outcome, &rep.FollowUp)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		}
		x.Report = &rep
		return err
	})
	b.Queue(`
SELECT a.id, a.filename, a.size_bytes FROM trip_attachment ta JOIN attachment a ON a.id = ta.attachment_id
WHERE ta.trip_id = $1 ORDER BY a.id`, id).Query(func(rows pgx.Rows) error {
		var err error
		x.Attachments, err = pgx.CollectRows(rows, pgx.RowToStructByPos[FileRow])
		return err
	})
	b.Queue(`
SELECT tt.action, tt.to_status, coalesce(a.name, ''), tt.comment, tt.at, coalesce(b.name, ''), tt.meeting_on, tt.minutes_reference
FROM trip_transition tt LEFT JOIN account a ON a.id = tt.actor_id LEFT JOIN body b ON b.id = tt.body_id
WHERE tt.trip_id = $1 ORDER BY tt.at, tt.id`, id).Query(func(rows pgx.Rows) error {
		var err error
		x.Transitions, err = pgx.CollectRows(rows, pgx.RowToStructByPos[Transition])
		return err
	})
	if err := s.db.SendBatch(ctx, b).Close(); err != nil {
		return x, fmt.Errorf("trip %d report, attachments and steps: %w", id, err)
	}
	return x, nil
}
