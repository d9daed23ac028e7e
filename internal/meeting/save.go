package meeting

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/municipal-intl/portal/internal/attachment"
	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
)

// Errors of Save.
var (
	// ErrConflict reports a save from a form whose version is no longer the
	// meeting's: someone else saved meanwhile, and nothing was written.
	ErrConflict = errors.New("meeting changed meanwhile")
	// ErrDuplicate reports a meeting of a year that has one already.
	ErrDuplicate = errors.New("meeting of that year exists already")
)

// Actor is who saves, for which municipality.
type Actor struct {
	AccountID      int64
	MunicipalityID int64
}

// Input is what the meeting form saves, already validated.
type Input struct {
	Year         int
	Host         string
	Place        string
	Participants string
	// Version is the meeting's version the form was filled in from (edits only).
	Version int
}

// File is an uploaded report or evaluation, already validated.
type File struct {
	Name    string
	Content []byte
}

// Save records a new meeting (old.ID is 0) or updates old, storing the report
// and evaluation files given (keyed "report" and "evaluation") and logging the
// change, in one transaction. It returns the meeting's id.
func (s *Store) Save(ctx context.Context, a Actor, old Meeting, in Input, files map[string]File) (int64, error) {
	editing := old.ID != 0
	var id int64
	err := database.InTx(ctx, s.db, func(tx pgx.Tx) error {
		ids := map[string]*int64{"report": old.ReportID, "evaluation": old.EvaluationID}
		for field, f := range files {
			id, err := attachment.Store(ctx, tx, a.MunicipalityID, &a.AccountID, f.Name, f.Content)
			if err != nil {
				return err
			}
			ids[field] = &id
		}
		var q string
		args := []any{a.MunicipalityID, in.Year, in.Host, in.Place, in.Participants, ids["report"], ids["evaluation"], time.Now()}
		if editing {
			q = `UPDATE twin_city_meeting SET year = $2, host = $3, place = $4, participants = $5, report_id = $6,
			     evaluation_id = $7, updated_at = $8, version = version + 1
			     WHERE municipality_id = $1 AND id = $9 AND version = $10 RETURNING id`
			args = append(args, old.ID, in.Version)
		} else {
			q = `INSERT INTO twin_city_meeting (municipality_id, year, host, place, participants, report_id, evaluation_id, updated_at)
			     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`
		}
		if err := tx.QueryRow(ctx, q, args...).Scan(&id); errors.Is(err, pgx.ErrNoRows) {
			return ErrConflict
		} else if err != nil {
			return err
		}
		action := audit.ActionCreate
		before := map[string]any{}
		if editing {
			action = audit.ActionUpdate
			before = map[string]any{"year": old.Year, "host": old.Host, "place": old.Place, "participants": old.Participants,
				"report": old.HasReport, "evaluation": old.HasEvaluation}
		}
		after := map[string]any{"year": in.Year, "host": in.Host, "place": in.Place, "participants": in.Participants,
			"report": ids["report"] != nil, "evaluation": ids["evaluation"] != nil}
		return audit.Record(ctx, tx, audit.Entry{AccountID: &a.AccountID, MunicipalityID: &a.MunicipalityID,
			Entity: "twin_city_meeting", EntityID: id, Action: action, Changes: audit.Diff(before, after)})
	})
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pgErr) && pgErr.Code == "23505":
		return 0, fmt.Errorf("save meeting of %d: %w", in.Year, ErrDuplicate)
	case errors.Is(err, ErrConflict):
		return 0, fmt.Errorf("save meeting %d: %w", old.ID, ErrConflict)
	case err != nil:
		return 0, fmt.Errorf("save meeting of %d: %w", in.Year, err)
	}
	return id, nil
}
