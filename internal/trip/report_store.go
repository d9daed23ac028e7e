package trip

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/municipal-intl/portal/internal/attachment"
	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
)

// ReportRecord is the trip report as staff write it; Version 0 when none is stored.
type ReportRecord struct {
	Version   int
	Goal      string
	Programme string
	Outcome   string
	FollowUp  string
}

// FileRow is a file attached to a trip or its report, or uploaded for it.
type FileRow struct {
	ID       int64
	Filename string
	Size     int64
}

func (r ReportRecord) auditFields(files []FileRow) map[string]any {
	names := make([]map[string]any, 0, len(files))
	for _, f := range files {
		names = append(names, map[string]any{"id": f.ID, "filename": f.Filename})
	}
	return map[string]any{"goal": r.Goal, "programme_carried_out": r.Programme, "outcome": r.Outcome,
		"follow_up": r.FollowUp, "attachments": names}
}

// Report returns the report of trip tripID as written so far (Version 0: none).
func (s *Store) Report(ctx context.Context, tripID int64) (ReportRecord, error) {
	return loadReport(ctx, s.db, tripID, false)
}

func loadReport(ctx context.Context, db database.Querier, tripID int64, forUpdate bool) (ReportRecord, error) {
	lock := ""
	if forUpdate {
		lock = " FOR UPDATE"
	}
	var r ReportRecord
	err := db.QueryRow(ctx, `
SELECT version, goal, programme_carried_out, outcome, follow_up FROM trip_report WHERE trip_id = $1`+lock, tripID).Scan(
		&r.Version, &r.Goal, &r.Programme, &r.Outcome, &r.FollowUp)
	if errors.Is(err, pgx.ErrNoRows) {
		return ReportRecord{}, nil
	}
	if err != nil {
		return ReportRecord{}, fmt.Errorf("load report of trip %d: %w", tripID, err)
	}
	return r, nil
}

// Files returns the files attached to trip tripID, in the order they were stored.
func (s *Store) Files(ctx context.Context, tripID int64) ([]FileRow, error) {
	return linkedFiles(ctx, s.db, tripID)
}

func linkedFiles(ctx context.Context, db database.Querier, tripID int64) ([]FileRow, error) {
	rows, err := db.Query(ctx, `
SELECT a.id, a.filename, a.size_bytes FROM trip_attachment ta JOIN attachment a ON a.id = ta.attachment_id
WHERE ta.trip_id = $1 ORDER BY a.id`, tripID)
	if err != nil {
		return nil, fmt.Errorf("attachments of trip %d: %w", tripID, err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[FileRow])
	if err != nil {
		return nil, fmt.Errorf("attachments of trip %d: %w", tripID, err)
	}
	return list, nil
}

// HasFile reports whether attachment id is attached to trip tripID.
func (s *Store) HasFile(ctx context.Context, tripID, id int64) (bool, error) {
	var linked bool
	if err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM trip_attachment WHERE trip_id = $1 AND attachment_id = $2)`, tripID, id).Scan(&linked); err != nil {
		return false, fmt.Errorf("trip %d attachment %d: %w", tripID, id, err)
	}
	return linked, nil
}

// PendingFiles reads the files of ids accepted by an earlier submission of the
// report form: only files of municipality m that uploader uploaded and that no
// other record holds (one upload belongs to one record).
func (s *Store) PendingFiles(ctx context.Context, tripID, m, uploader int64, ids []int64) ([]FileRow, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	rows, err := s.db.Query(ctx, `
SELECT id, filename, size_bytes FROM attachment
WHERE id = ANY($1) AND municipality_id = $2 AND uploaded_by = $3
  AND NOT EXISTS (SELECT 1 FROM attachment_use u WHERE u.attachment_id = attachment.id
                  AND NOT (u.entity = 'trip' AND u.entity_id = $4))
ORDER BY id`, ids, m, uploader, tripID)
	if err != nil {
		return nil, fmt.Errorf("pending attachments: %w", err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[FileRow])
	if err != nil {
		return nil, fmt.Errorf("pending attachments: %w", err)
	}
	return list, nil
}

// StoreUpload stores a validated upload of municipality m in its own
// transaction, not yet attached to anything (SaveReport attaches it).
func (s *Store) StoreUpload(ctx context.Context, m, uploader int64, filename string, content []byte) (FileRow, error) {
	var id int64
	err := s.transact(ctx, func(tx pgx.Tx) error {
		var err error
		id, err = attachment.Store(ctx, tx, m, &uploader, filename, content)
		return err
	})
	if err != nil {
		return FileRow{}, err
	}
	var a FileRow
	if err := s.db.QueryRow(ctx, `SELECT id, filename, size_bytes FROM attachment WHERE id = $1`, id).Scan(&a.ID, &a.Filename, &a.Size); err != nil {
		return FileRow{}, fmt.Errorf("read stored upload %d: %w", id, err)
	}
	return a, nil
}

// SaveReport saves the report in one transaction when it still has version
// next.Version (0: none yet) and the trip's status allows it, links the pending
// files and unlinks those to remove. On ErrConflict it returns the current report.
func (s *Store) SaveReport(ctx context.Context, a Editor, tripID int64, next ReportRecord, pending []FileRow, remove []int64) (ReportRecord, error) {
	var cur ReportRecord
	err := s.transact(ctx, func(tx pgx.Tx) error {
		rec, err := loadRecord(ctx, tx, a.MunicipalityID, tripID, true)
		if err != nil {
			return err
		}
		if !ReportEditable(rec.Status) {
			return ErrLocked
		}
		if cur, err = loadReport(ctx, tx, tripID, true); err != nil {
			return err
		}
		if cur.Version != next.Version {
			return ErrConflict
		}
		before, err := linkedFiles(ctx, tx, tripID)
		if err != nil {
			return err
		}
		action := audit.ActionUpdate
		if cur.Version == 0 {
			action = audit.ActionCreate
			_, err = tx.Exec(ctx, `
INSERT INTO trip_report (trip_id, goal, programme_carried_out, outcome, follow_up) VALUES ($1, $2, $3, $4, $5)`,
				tripID, next.Goal, next.Programme, next.Outcome, next.FollowUp)
		} else {
			var tag pgconn.CommandTag
			tag, err = tx.Exec(ctx, `
UPDATE trip_report SET goal = $3, programme_carried_out = $4, outcome = $5, follow_up = $6,
       version = version + 1, updated_at = now()
WHERE trip_id = $1 AND version = $2`, tripID, next.Version, next.Goal, next.Programme, next.Outcome, next.FollowUp)
			if err == nil && tag.RowsAffected() == 0 {
				return ErrConflict
			}
		}
		if err != nil {
			return fmt.Errorf("save report of trip %d: %w", tripID, err)
		}
		ids := make([]int64, 0, len(pending))
		for _, p := range pending {
			ids = append(ids, p.ID)
		}
		if _, err := tx.Exec(ctx, `
INSERT INTO trip_attachment (trip_id, attachment_id)
SELECT $1, a.id FROM attachment a WHERE a.id = ANY($2) AND a.municipality_id = $3
ON CONFLICT DO NOTHING`, tripID, ids, a.MunicipalityID); err != nil {
			return fmt.Errorf("link attachments of trip %d: %w", tripID, err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM trip_attachment WHERE trip_id = $1 AND attachment_id = ANY($2)`, tripID, remove); err != nil {
			return fmt.Errorf("unlink attachments of trip %d: %w", tripID, err)
		}
		after, err := linkedFiles(ctx, tx, tripID)
		if err != nil {
			return err
		}
		changes := audit.Diff(cur.auditFields(before), next.auditFields(after))
		if action == audit.ActionCreate {
			changes = audit.Diff(map[string]any{}, next.auditFields(after))
		}
		return audit.Record(ctx, tx, audit.Entry{AccountID: &a.AccountID, MunicipalityID: &a.MunicipalityID,
			Entity: "trip_report", EntityID: tripID, Action: action, Changes: changes, RequestID: a.RequestID})
	})
	return cur, err
}
