package notify_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/servertest"
)

// TestLifecycleSendsMessages takes a Ballerup trip from plan to publication
// through the real router and checks, after each step, what a real SMTP server
// received: the politicians who may decide hear that a plan or report awaits
// them (never the author, a politician who travels on the trip, an
// administrator or another municipality), the author hears of each return with
// the comment and of each approval, and every message is in its recipient's
// language: Danish by the municipality, English, German and Swedish by choice.
func TestLifecycleSendsMessages(t *testing.T) {
	t.Parallel()
	srv, pool := servertest.New(t)
	// Every plan and report needs a politician\'s decision (Ballerup\'s own rule asks it of committee trips only).
	servertest.RequireApprovals(t, pool, "ballerup")
	box := startMailbox(t, nil)
	w := worker(pool, box, &clock{t: servertest.Now})

	mette := signIn(t, srv, pool, "ballerup", access.RoleStaff, "mette@ballerup.example")
	lars := signIn(t, srv, pool, "ballerup", access.RolePolitician, "lars@ballerup.example")
	anna := signIn(t, srv, pool, "ballerup", access.RolePolitician, "anna@ballerup.example")
	kurt := signIn(t, srv, pool, "ballerup", access.RolePolitician, "kurt@ballerup.example")
	jens := servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, "jens@ballerup.example")
	servertest.CreateAccount(t, pool, "ballerup", access.RoleAdmin, "admin@ballerup.example")
	servertest.CreateAccount(t, pool, "berlin", access.RolePolitician, "politician@berlin.example")
	// Each chooses a language on their settings page; Lars keeps Ballerup's.
	mette.post(t, srv.URL+"/staff/notifications", url.Values{"on": {"on"}, "language": {"sv"}}, http.StatusSeeOther)
	anna.post(t, srv.URL+"/staff/notifications", url.Values{"on": {"on"}, "language": {"en"}}, http.StatusSeeOther)
	kurt.post(t, srv.URL+"/staff/notifications", url.Values{"on": {"on"}, "language": {"de"}}, http.StatusSeeOther)

	id := readyTrip(t, pool, mette.id, "Study visit on school exchange")
	// Jens travels on the trip, so he may not decide on it.
	servertest.Exec(t, pool, `UPDATE trip_traveller SET account_id = $2 WHERE trip_id = $1`, id, jens)
	step := func(p signedIn, action string) {
		t.Helper()
		p.post(t, fmt.Sprintf("%s/staff/trips/%d/step", srv.URL, id), url.Values{"action": {action}}, http.StatusSeeOther)
	}
	decide := func(p signedIn, action, comment string) {
		t.Helper()
		p.post(t, fmt.Sprintf("%s/staff/lifecycle/%d", srv.URL, id), url.Values{"action": {action}, "comment": {comment}}, http.StatusSeeOther)
	}
	const ref = "BAL-2026-0001"
	check := func(got []received, to, subject string, body ...string) {
		t.Helper()
		for _, m := range got {
			if m.To != to {
				continue
			}
			if m.Subject != subject {
				t.Errorf("to %s: subject %q, want %q", to, m.Subject, subject)
			}
			for _, b := range body {
				if !strings.Contains(m.Body, b) {
					t.Errorf("to %s (%s): body lacks %q:\n%s", to, subject, b, m.Body)
				}
			}
			if m.From != "portal@portal.example.org" {
				t.Errorf("to %s: from %q", to, m.From)
			}
			return
		}
		t.Errorf("no message to %s (%s)", to, subject)
	}
	reviewers := "anna@ballerup.example,kurt@ballerup.example,lars@ballerup.example"

	// The plan is submitted: the three politicians who may decide are told.
	step(mette, "submit")
	got := send(t, w, box)
	if r := recipients(got); r != reviewers {
		t.Fatalf("plan submitted: messages to %s, want %s", r, reviewers)
	}
	check(got, "lars@ballerup.example", ref+": en rejseplan venter på din beslutning", "Kære lars", "Rejse: "+ref, "Study visit on school exchange", "12. maj 2026", link(id, true))
	check(got, "anna@ballerup.example", ref+": a trip plan awaits your decision", "Hello anna,", "Trip: "+ref, "12 May 2026 – 13 May 2026", link(id, true), "https://portal.example.org/staff/notifications")
	check(got, "kurt@ballerup.example", ref+": Ein Reiseplan wartet auf Ihre Entscheidung", "Guten Tag kurt,", "12. Mai 2026", link(id, true))

	// Returned with a comment: the author hears it, in Swedish, with the comment.
	decide(lars, "return", "Please add the programme.\nAnd the hotel.")
	got = send(t, w, box)
	if r := recipients(got); r != "mette@ballerup.example" {
		t.Fatalf("plan returned: messages to %s", r)
	}
	check(got, "mette@ballerup.example", ref+": din plan skickades tillbaka med en kommentar", "Hej mette,", "Kommentar:\n  Please add the programme.\n  And the hotel.", link(id, false))

	// Submitted again and approved before the worker ran: the "awaits" messages
	// are withdrawn as stale, and only the approval goes out.
	step(mette, "submit")
	decide(anna, "approve", "")
	got = send(t, w, box)
	if r := recipients(got); r != "mette@ballerup.example" {
		t.Fatalf("plan approved: messages to %s", r)
	}
	check(got, "mette@ballerup.example", ref+": din plan har godkänts", "Rapporten ska lämnas senast: 12 juni 2026", link(id, false))

	// After the trip: costs, completion (nobody is told), the report.
	servertest.Exec(t, pool, `UPDATE trip_cost SET actual_minor = planned_minor WHERE trip_id = $1`, id)
	servertest.Exec(t, pool, `INSERT INTO trip_report (trip_id, goal, programme_carried_out, outcome, follow_up) VALUES ($1, 'Learn.', 'As planned.', 'Useful.', 'Tell the committee.')`, id)
	step(mette, "complete")
	if got := send(t, w, box); len(got) != 0 {
		t.Errorf("completion sent %d messages", len(got))
	}
	step(mette, "submit_report")
	got = send(t, w, box)
	if r := recipients(got); r != reviewers {
		t.Fatalf("report submitted: messages to %s, want %s", r, reviewers)
	}
	check(got, "lars@ballerup.example", ref+": en rejserapport venter på din beslutning", link(id, true))
	check(got, "anna@ballerup.example", ref+": a trip report awaits your decision", link(id, true))
	check(got, "kurt@ballerup.example", ref+": Ein Reisebericht wartet auf Ihre Entscheidung", link(id, true))

	decide(kurt, "return_report", "Say what came of it.")
	got = send(t, w, box)
	check(got, "mette@ballerup.example", ref+": din rapport skickades tillbaka med en kommentar", "Say what came of it.")
	step(mette, "submit_report")
	if got := send(t, w, box); len(got) != 3 {
		t.Errorf("report submitted again: %d messages, want 3", len(got))
	}
	decide(kurt, "approve_report", "")
	got = send(t, w, box)
	if r := recipients(got); r != "mette@ballerup.example" {
		t.Fatalf("report approved: messages to %s", r)
	}
	check(got, "mette@ballerup.example", ref+": din rapport har godkänts", "resan är nu offentlig")

	// Nobody else ever received anything.
	for to := range byRecipient(box.messages()) {
		switch to {
		case "mette@ballerup.example", "lars@ballerup.example", "anna@ballerup.example", "kurt@ballerup.example":
		default:
			t.Errorf("a message went to %s", to)
		}
	}
	if n := servertest.Scalar[int64](t, pool, `SELECT count(*) FROM notification_outbox WHERE state = 'pending'`); n != 0 {
		t.Errorf("%d messages still pending", n)
	}
}
