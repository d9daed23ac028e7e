// Package audit keeps the log of every change: who made it, when, to what, and the
// old and new value of each field that changed. Entries are written in the same
// transaction as the change, so a change is never without its entry.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"regexp"
	"time"

	"github.com/jackc/pgx/v5"
)

// Actions, as the audit_log CHECK allows them.
const (
	ActionCreate     = "create"
	ActionUpdate     = "update"
	ActionDelete     = "delete"
	ActionArchive    = "archive"
	ActionTransition = "transition"
)

// Change is the old and new value of one field, stored as {"old": …, "new": …}.
// A field that did not exist before or no longer exists has nil on that side.
type Change struct {
	Old any `json:"old"`
	New any `json:"new"`
}

// Diff returns the fields whose value differs between before and after, a record's
// fields before and after the change. A field missing on one side counts as nil
// there. Values are compared as they will be stored, in JSON, so an int64 and an
// int of the same value are equal; times are compared as instants. Leave out of
// both whatever must not be logged (password hashes, file contents).
func Diff(before, after map[string]any) map[string]Change {
	out := map[string]Change{}
	for k, o := range before {
		if n := after[k]; !equal(o, n) {
			out[k] = Change{Old: o, New: n}
		}
	}
	for k, n := range after {
		if _, seen := before[k]; !seen && !equal(nil, n) {
			out[k] = Change{Old: nil, New: n}
		}
	}
	return out
}

func equal(a, b any) bool {
	if ta, ok := asTime(a); ok {
		tb, ok := asTime(b)
		return ok && ta.Equal(tb)
	}
	if reflect.DeepEqual(a, b) {
		return true
	}
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && string(ja) == string(jb)
}

func asTime(v any) (time.Time, bool) {
	switch t := v.(type) {
	case time.Time:
		return t, true
	case *time.Time:
		if t != nil {
			return *t, true
		}
	}
	return time.Time{}, false
}

// Entry is one change to record.
type Entry struct {
	AccountID      *int64 // who; nil for the system (migrations, scheduled jobs)
	MunicipalityID *int64 // whose data; nil for data of no municipality
	Entity         string // table-like name in lower case: "trip", "budget_line"
	EntityID       int64
	Action         string // one of the Action constants
	Changes        map[string]Change
	RequestID      string // the request that made the change; "" for none
}

var entityRE = regexp.MustCompile(`^[a-z_]+$`)

// Record writes e to the audit log inside tx, the transaction of the change itself.
func Record(ctx context.Context, tx pgx.Tx, e Entry) error {
	switch e.Action {
	case ActionCreate, ActionUpdate, ActionDelete, ActionArchive, ActionTransition:
	default:
		return fmt.Errorf("record audit entry: unknown action %q", e.Action)
	}
	if !entityRE.MatchString(e.Entity) {
		return fmt.Errorf("record audit entry: entity %q is not a lower-case name", e.Entity)
	}
	changes := e.Changes
	if changes == nil {
		changes = map[string]Change{}
	}
	js, err := json.Marshal(changes)
	if err != nil {
		return fmt.Errorf("record audit entry for %s %d: encode changes: %w", e.Entity, e.EntityID, err)
	}
	var requestID *string
	if e.RequestID != "" {
		requestID = &e.RequestID
	}
	_, err = tx.Exec(ctx, `
INSERT INTO audit_log (account_id, municipality_id, entity, entity_id, action, changes, request_id)
VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
		e.AccountID, e.MunicipalityID, e.Entity, e.EntityID, e.Action, string(js), requestID)
	if err != nil {
		return fmt.Errorf("record audit entry for %s %d: %w", e.Entity, e.EntityID, err)
	}
	return nil
}
