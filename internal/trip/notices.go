package trip

import (
	"context"
	"fmt"
	"slices"

	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/notify"
)

// authorNotice is the message a decision sends to the trip's author.
var authorNotice = map[string]string{
	Return:        notify.PlanReturned,
	Approve:       notify.PlanApproved,
	ReturnReport:  notify.ReportReturned,
	ApproveReport: notify.ReportApproved,
}

// awaitNotice is, for each deciding move, the message that tells the people who
// may take it that the trip awaits them.
var awaitNotice = map[string]string{
	Approve:       notify.PlanAwaits,
	ApproveReport: notify.ReportAwaits,
}

// notices writes, in the transaction q of the move, the e-mails a move on trip id
// (facts f before it) to status to sends: its decision to the author, and to
// the reviewers that the trip now awaits them. Messages the move has made stale
// are withdrawn.
func notices(ctx context.Context, q database.Querier, municipalityID, id int64, f Facts, action, to, comment string) error {
	out := notify.NewStore(q)
	stale := notify.Awaiting
	if !slices.Contains(reportOwed, to) {
		stale = append(slices.Clone(stale), notify.Reminders...)
	}
	if err := out.Withdraw(ctx, id, stale...); err != nil {
		return err
	}
	if kind, ok := authorNotice[action]; ok && f.AuthorID != 0 {
		reachable, err := out.Reachable(ctx, f.AuthorID)
		if err != nil {
			return err
		}
		if reachable {
			if err := out.Enqueue(ctx, notify.Message{Kind: kind, AccountID: f.AuthorID, TripID: id, Comment: comment}); err != nil {
				return err
			}
		}
	}
	after := f
	after.Status = to
	for _, decide := range Actions {
		kind, ok := awaitNotice[decide]
		if !ok || !slices.Contains(moves[decide].from, to) {
			continue
		}
		ids, err := Reviewers(ctx, q, municipalityID, after, decide)
		if err != nil {
			return err
		}
		for _, r := range ids {
			if err := out.Enqueue(ctx, notify.Message{Kind: kind, AccountID: r, TripID: id}); err != nil {
				return err
			}
		}
	}
	return nil
}

// Reviewers lists the active accounts of the municipality that may take the
// deciding action on a trip with facts f, as the lifecycle's Check decides it
// (the permissions table: the role, never the trip's author nor one of its
// travellers, and for a committee's decision only the committee's members). It is the one place that chooses who is told that a plan or a
// report awaits them, so the messages follow whoever the rules let decide.
func Reviewers(ctx context.Context, q database.Querier, municipalityID int64, f Facts, action string) ([]int64, error) {
	candidates, err := notify.NewStore(q).Candidates(ctx, municipalityID)
	if err != nil {
		return nil, fmt.Errorf("reviewers of %s: %w", action, err)
	}
	var ids []int64
	for _, c := range candidates {
		if _, refusal := Check(f, action, Actor{ID: c.ID, Role: c.Role, Bodies: c.Bodies}, "-"); refusal == nil {
			ids = append(ids, c.ID)
		}
	}
	return ids, nil
}

// ReportOwed lists the statuses in which a trip's report is still to be
// submitted, for the reminder job.
func ReportOwed() []string { return slices.Clone(reportOwed) }
