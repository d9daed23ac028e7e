package trip_test

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/access"
	"github.com/municipal-intl/portal/internal/dbtest"
	"github.com/municipal-intl/portal/internal/servertest"
	"github.com/municipal-intl/portal/internal/trip"
)

var now = time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)

func draft(t *testing.T, pool *pgxpool.Pool, slug string) int64 {
	t.Helper()
	return servertest.InsertTrip(t, pool, servertest.Trip{
		Municipality: slug, Status: "draft", Purpose: "Study visit",
		Destinations: []servertest.Destination{{City: "Prague", Country: "CZ", Lat: 50.07, Lon: 14.47}},
		Costs:        []servertest.Cost{{Category: "transport", Planned: 100000, Actual: -1}},
	})
}

func municipalityID(t *testing.T, pool *pgxpool.Pool, slug string) int64 {
	var id int64
	if err := pool.QueryRow(context.Background(), `SELECT id FROM municipality WHERE slug = $1`, slug).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// TestConcurrentSubmissions: 20 trips of one municipality submitted at once get 20
// distinct, consecutive references.
func TestConcurrentSubmissions(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	mid := municipalityID(t, pool, "ballerup")
	staff := trip.Actor{ID: servertest.CreateAccount(t, pool, "ballerup", access.RoleStaff, "s@b.example"), Role: access.RoleStaff}
	pol := trip.Actor{ID: servertest.CreateAccount(t, pool, "ballerup", access.RolePolitician, "p@b.example"), Role: access.RolePolitician}
	// A plan goes back to its author below, so it needs a reviewer.
	servertest.RequireApprovals(t, pool, "ballerup")
	var ids []int64
	for range 20 {
		ids = append(ids, draft(t, pool, "ballerup"))
	}
	refs := make([]string, len(ids))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			res, err := trip.NewStore(pool).Apply(context.Background(), mid, id, trip.Submit, staff, "", now)
			if err != nil {
				t.Errorf("submit %d: %v", id, err)
				return
			}
			refs[i] = res.Reference
		}()
	}
	close(start)
	wg.Wait()
	sort.Strings(refs)
	for i, r := range refs {
		// The trips start in May 2025: their references carry that year.
		if want := fmt.Sprintf("BAL-2025-%04d", i+1); r != want {
			t.Errorf("reference %d: %q, want %q", i, r, want)
		}
	}
	// A trip returned and submitted again keeps its reference.
	res, err := trip.NewStore(pool).Apply(context.Background(), mid, ids[0], trip.Return, pol, "More detail, please.", now)
	if err != nil || res.To != "returned" {
		t.Fatalf("return: %v %v", res, err)
	}
	res, err = trip.NewStore(pool).Apply(context.Background(), mid, ids[0], trip.Submit, staff, "", now)
	if err != nil {
		t.Fatalf("resubmit: %v", err)
	}
	var ref string
	if err := pool.QueryRow(context.Background(), `SELECT reference FROM trip WHERE id = $1`, ids[0]).Scan(&ref); err != nil || ref != res.Reference {
		t.Fatalf("resubmitted reference %q, result %q (%v)", ref, res.Reference, err)
	}
	if n := count(t, pool, `SELECT count(DISTINCT reference) FROM trip WHERE municipality_id = $1 AND reference IS NOT NULL`, mid); n != 20 {
		t.Errorf("%d distinct references after a resubmission", n)
	}
}

func count(t *testing.T, pool *pgxpool.Pool, sql string, args ...any) int {
	t.Helper()
	var n int
	if err := pool.QueryRow(context.Background(), sql, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPublicationFollowsThePolicy: where a rule asks politicians to approve every
// plan and report, the trip publishes at report approval; Stuttgart, without the
// rules, approves the plan at its submission and publishes when staff submit the
// report. (Ballerup's committee rules: TestBallerupCommitteeDecides.)
func TestPublicationFollowsThePolicy(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	ctx := context.Background()
	for _, tc := range []struct {
		slug      string
		published string // the action after which the trip is public
	}{{"ballerup", trip.ApproveReport}, {"stuttgart", trip.SubmitReport}} {
		mid := municipalityID(t, pool, tc.slug)
		staff := trip.Actor{ID: servertest.CreateAccount(t, pool, tc.slug, access.RoleStaff, "s@"+tc.slug+".example"), Role: access.RoleStaff}
		politician := trip.Actor{ID: servertest.CreateAccount(t, pool, tc.slug, access.RolePolitician, "p@"+tc.slug+".example"), Role: access.RolePolitician}
		if tc.published == trip.ApproveReport {
			servertest.RequireApprovals(t, pool, tc.slug)
		}
		id := draft(t, pool, tc.slug)
		steps := []struct {
			action string
			actor  trip.Actor
			prep   string
		}{
			{trip.Submit, staff, ""},
			{trip.Approve, politician, ""},
			{trip.Complete, staff, `UPDATE trip_cost SET actual_minor = 95000 WHERE trip_id = $1`},
			{trip.SubmitReport, staff, `INSERT INTO trip_report (trip_id, goal, outcome) VALUES ($1, 'Learn.', 'Learnt.')`},
			{trip.ApproveReport, politician, ""},
		}
		for _, s := range steps {
			if s.prep != "" {
				if _, err := pool.Exec(ctx, s.prep, id); err != nil {
					t.Fatal(err)
				}
			}
			res, err := trip.NewStore(pool).Apply(ctx, mid, id, s.action, s.actor, "", now)
			if s.action == trip.Approve && tc.published == trip.SubmitReport {
				// Approved at its submission: nothing is left to approve.
				if !errors.As(err, new(*trip.Refusal)) {
					t.Errorf("%s: approving an approved plan: %v", tc.slug, err)
				}
				continue
			}
			if s.action == trip.ApproveReport && tc.published == trip.SubmitReport {
				// Already published: nothing is left to approve.
				var r *trip.Refusal
				if !errors.As(err, &r) {
					t.Errorf("%s: approving a published report: %v", tc.slug, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s %s: %v", tc.slug, s.action, err)
			}
			if res.Published != (s.action == tc.published) {
				t.Errorf("%s %s: published %v", tc.slug, s.action, res.Published)
			}
		}
		var status string
		var published, approved *time.Time
		if err := pool.QueryRow(ctx, `SELECT status, published_at, approved_at FROM trip WHERE id = $1`, id).Scan(&status, &published, &approved); err != nil {
			t.Fatal(err)
		}
		if status != "published" || published == nil || approved == nil {
			t.Errorf("%s: %s %v %v", tc.slug, status, published, approved)
		}
		if n := count(t, pool, `SELECT count(*) FROM trip_transition WHERE trip_id = $1 AND action = 'publish'`, id); n != 1 {
			t.Errorf("%s: %d publish transitions", tc.slug, n)
		}
		if n := count(t, pool, `SELECT count(*) FROM audit_log WHERE entity = 'trip' AND entity_id = $1 AND action = 'transition'`, id); n < 3 {
			t.Errorf("%s: %d audit entries", tc.slug, n)
		}
	}
}

func TestOtherMunicipalityNotFound(t *testing.T) {
	t.Parallel()
	pool := dbtest.New(t)
	id := draft(t, pool, "ballerup")
	_, err := trip.NewStore(pool).Apply(context.Background(), municipalityID(t, pool, "berlin"), id, trip.Submit, trip.Actor{Role: access.RoleStaff}, "", now)
	if !errors.Is(err, trip.ErrNotFound) {
		t.Errorf("got %v", err)
	}
}
