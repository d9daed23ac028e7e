// Package notify is the portal's e-mail: the outbox that lifecycle steps and the
// reminder job write to in their own transactions, the worker that sends what is
// pending (with retries, safe with several portal instances), the composition of
// each message in its recipient's language, and the person's own setting.
//
// A message is a row first and an e-mail second: the step that causes it writes
// the row in the same transaction, so a step that commits always has its
// messages, and a step that rolls back has none. The worker composes the e-mail
// when it sends it, so the recipient's current language and setting count.
package notify

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/municipal-intl/portal/internal/database"
)

// Kinds of message.
const (
	// PlanAwaits and ReportAwaits go to the reviewers who may decide on the trip.
	PlanAwaits   = "plan_awaits"
	ReportAwaits = "report_awaits"
	// The author hears of the decision on their plan or report.
	PlanReturned   = "plan_returned"
	PlanApproved   = "plan_approved"
	ReportReturned = "report_returned"
	ReportApproved = "report_approved"
	// Reminders to the author, once each per trip: the report falls due within
	// DueSoonDays, and the report is overdue.
	ReportDueSoon = "report_due_soon"
	ReportOverdue = "report_overdue"
)

// Kinds lists every kind, in the order of a trip's life.
var Kinds = []string{PlanAwaits, PlanReturned, PlanApproved, ReportAwaits, ReportReturned, ReportApproved, ReportDueSoon, ReportOverdue}

// Awaiting are the kinds that ask the recipient to act on the trip: a later step
// makes them stale.
var Awaiting = []string{PlanAwaits, ReportAwaits}

// Reminders are the kinds the reminder job writes.
var Reminders = []string{ReportDueSoon, ReportOverdue}

// Message is one message to enqueue: what happened to which trip, for whom.
type Message struct {
	Kind      string
	AccountID int64
	TripID    int64
	// Comment is the reviewer's comment of a return, kept as it was written.
	Comment string
}

// Store holds all of the notification area's SQL.
type Store struct{ db database.Querier }

// NewStore returns a Store on db: a pool, or the transaction of the step whose
// messages it writes.
func NewStore(db database.Querier) *Store { return &Store{db: db} }

// Enqueue writes m to the outbox, to be sent by the worker once the transaction
// commits.
func (s *Store) Enqueue(ctx context.Context, m Message) error {
	if _, err := s.db.Exec(ctx, `
INSERT INTO notification_outbox (kind, account_id, trip_id, comment) VALUES ($1, $2, $3, $4)`,
		m.Kind, m.AccountID, m.TripID, m.Comment); err != nil {
		return fmt.Errorf("enqueue %s message on trip %d to account %d: %w", m.Kind, m.TripID, m.AccountID, err)
	}
	return nil
}

// Withdraw drops the pending messages of kinds on trip: a step has made them
// stale (a plan no longer awaits review once decided; a report no longer falls
// due once submitted). A message being sent at this very moment is left to its
// worker rather than waited for, so a step never waits on a mail server.
func (s *Store) Withdraw(ctx context.Context, tripID int64, kinds ...string) error {
	if _, err := s.db.Exec(ctx, `
UPDATE notification_outbox SET state = 'skipped', done_at = now(), last_error = 'withdrawn: the trip has moved on'
WHERE id IN (SELECT id FROM notification_outbox
             WHERE trip_id = $1 AND kind = ANY($2) AND state = 'pending'
             FOR UPDATE SKIP LOCKED)`, tripID, kinds); err != nil {
		return fmt.Errorf("withdraw messages on trip %d: %w", tripID, err)
	}
	return nil
}

// Candidate is an account that may be told something, with the role the
// permissions table needs to decide whether it may act.
type Candidate struct {
	ID   int64
	Role string
	// Bodies are the bodies (committees) the account belongs to, for decisions
	// a committee takes.
	Bodies []int64
}

// Candidates lists the active accounts of the municipality (never demo accounts,
// which nobody reads), for the lifecycle to choose reviewers among.
func (s *Store) Candidates(ctx context.Context, municipalityID int64) ([]Candidate, error) {
	rows, err := s.db.Query(ctx, `
SELECT a.id, a.role, ARRAY(SELECT body_id FROM body_member WHERE account_id = a.id ORDER BY body_id)
FROM account a WHERE a.municipality_id = $1 AND a.active AND NOT a.is_demo ORDER BY a.id`, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("accounts of municipality %d: %w", municipalityID, err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[Candidate])
	if err != nil {
		return nil, fmt.Errorf("accounts of municipality %d: %w", municipalityID, err)
	}
	return list, nil
}

// Reachable reports whether account id can be written to at all (an active
// account that is no demo account); the author of a demo trip is not.
func (s *Store) Reachable(ctx context.Context, id int64) (bool, error) {
	var ok bool
	if err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM account WHERE id = $1 AND active AND NOT is_demo)`, id).Scan(&ok); err != nil {
		return false, fmt.Errorf("account %d reachable: %w", id, err)
	}
	return ok, nil
}
