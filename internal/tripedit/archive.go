package tripedit

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/audit"
	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/trip"
	"github.com/municipal-intl/portal/internal/web"
	"github.com/municipal-intl/portal/internal/workspaceweb"
)

// withdrawable are the statuses in which staff may withdraw a trip: the plan has
// not been approved, so nobody has decided on it and nothing of it is public. A
// trip under review waits for its reviewers; an approved or published one is a
// record of the municipality.
var withdrawable = []string{trip.StatusDraft, trip.StatusReturned}

// mayWithdraw reports whether a trip in status may be withdrawn.
func mayWithdraw(status string) bool { return slices.Contains(withdrawable, status) }

// archive is POST /staff/trips/{id}/archive: staff withdraw a trip that was never
// approved. It is archived, not deleted: the row keeps its reference (a returned
// trip has one), so a reference is never given twice, and the audit log keeps
// what happened. From then on the workspace does not find it.
func (h *Handlers) archive(w http.ResponseWriter, r *http.Request) error {
	id, err := workspaceweb.ID(r, "id")
	if err != nil {
		return err
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	// Refused, the trip page shows the trip as it is now with why.
	cur, err := archive(r.Context(), h.Pool, actorOf(r), id, version)
	switch {
	case errors.Is(err, errNotFound):
		return web.NotFound(err)
	case errors.Is(err, errLocked):
		return h.renderPage(w, r, http.StatusUnprocessableEntity, cur, nil, "tripedit.withdraw.refused")
	case errors.Is(err, errConflict):
		return h.renderPage(w, r, http.StatusConflict, cur, nil, "tripedit.withdraw.conflict")
	case err != nil:
		return err
	}
	return h.Done(w, r, "/staff/trips", "tripedit.flash.withdrawn")
}

// archive sets archived_at of trip id, still at version and in a withdrawable
// status, with its audit entry, in one transaction. On errLocked and errConflict
// it returns the current record.
func archive(ctx context.Context, pool *pgxpool.Pool, a actor, id int64, version int) (Record, error) {
	var cur Record
	err := database.Transact(ctx, pool, func(tx pgx.Tx) error {
		var err error
		if cur, err = load(ctx, tx, a.MunicipalityID, id, true); err != nil {
			return err
		}
		switch {
		case !mayWithdraw(cur.Status):
			return errLocked
		case cur.Version != version:
			return errConflict
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
