package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// chunkSize is how many trips are generated and copied at a time: enough for COPY
// to be efficient, few enough that memory stays small at a million trips.
const chunkSize = 4000

// insertTrips is the second pass (see dataset): it generates each municipality's
// trips again, chunk by chunk, and copies every chunk with its rows before the
// next is generated.
func (ds *dataset) insertTrips(ctx context.Context, tx pgx.Tx, sum Summary) error {
	ids, err := reserveIDs(ctx, tx, len(ds.order))
	if err != nil {
		return fmt.Errorf("reserve trip ids: %w", err)
	}
	for _, p := range ds.plans {
		p.id = make([]int64, p.n)
	}
	for rank, k := range ds.order {
		ds.plans[k.m].id[k.i] = ids[rank]
	}
	ds.order, ids = nil, nil
	type key struct {
		m    *municipality
		year int
		code string
	}
	lines := map[key]int64{}
	for _, l := range ds.budget {
		lines[key{l.m, l.year, l.code}] = l.id
	}
	for mi, m := range ds.w.municipalities {
		plan := ds.plans[mi]
		g := newGenerator(ds.w, m, ds.seed, ds.now, ds.today)
		// The accounts were written in the first pass: the same people, with ids.
		var written []*demoAccount
		for _, a := range ds.accounts {
			if ds.accountMun[a] == m {
				written = append(written, a)
			}
		}
		if len(written) != len(g.accounts) {
			return fmt.Errorf("%s: %d accounts in the second pass, %d in the first", m.slug, len(g.accounts), len(written))
		}
		for i, a := range g.accounts {
			a.id = written[i].id
		}
		sts, err := g.planTrips(plan.n)
		if err != nil {
			return err
		}
		for from := 0; from < len(sts); from += chunkSize {
			to := min(from+chunkSize, len(sts))
			trips := make([]*trip, 0, to-from)
			for i := from; i < to; i++ {
				t := g.makeTrip(sts[i])
				t.id = plan.id[i]
				t.reference = plan.reference(i)
				t.budgetLine = lines[key{m, t.starts.Year(), t.budgetCode}]
				trips = append(trips, t)
			}
			if err := copyTrips(ctx, tx, trips, sum); err != nil {
				return err
			}
		}
		plan.id = nil
	}
	return nil
}

// copyTrips copies trips and all their rows with COPY, which keeps tens of
// thousands of trips within seconds.
//
// Published trips are copied as report_approved and published by one UPDATE once
// their rows are in: the search index (migration 00020) rebuilds the document of a
// published trip after every statement that touches it or its destinations,
// travellers or report, and one rebuild is much cheaper than four.
func copyTrips(ctx context.Context, tx pgx.Tx, trips []*trip, sum Summary) error {
	type child struct {
		t *trip
		i int
	}
	flatten := func(n func(*trip) int) []child {
		var out []child
		for _, t := range trips {
			for i := range n(t) {
				out = append(out, child{t, i})
			}
		}
		return out
	}
	var reports []*trip
	for _, t := range trips {
		if t.report != nil {
			reports = append(reports, t)
		}
	}
	dests := flatten(func(t *trip) int { return len(t.dests) })
	travellers := flatten(func(t *trip) int { return len(t.travellers) })
	items := flatten(func(t *trip) int { return len(t.items) })
	costs := flatten(func(t *trip) int { return len(t.costs) })
	prios := flatten(func(t *trip) int { return len(t.priorities) })
	events := flatten(func(t *trip) int { return len(t.events) })

	copies := []struct {
		table string
		cols  []string
		n     int
		row   func(i int) ([]any, error)
	}{
		{"trip", []string{"id", "municipality_id", "reference", "status", "purpose", "starts_on", "ends_on",
			"organiser", "partnership_id", "budget_line_id", "currency", "author_id", "submitted_at", "approved_at",
			"completed_at", "report_approved_at", "published_at", "is_demo", "version", "created_at", "updated_at", "title"},
			len(trips), func(i int) ([]any, error) {
				t := trips[i]
				var ref any
				if t.reference != "" {
					ref = t.reference
				}
				status := t.status
				if status == "published" {
					status = "report_approved"
				}
				return []any{t.id, t.m.id, ref, status, t.purpose, t.starts, t.ends,
					t.organiser.name, nullID(t.partnership), nullID(t.budgetLine), t.m.currency, t.author.id,
					nullDate(t.submittedAt), nullDate(t.approvedAt), nullDate(t.completedAt),
					nullDate(t.reportAppAt), nil, true, int32(t.version), t.createdAt, t.updatedAt, t.title}, nil
			}},
		{"trip_destination", []string{"trip_id", "position", "partner_city_id", "city", "country", "latitude", "longitude", "transport_mode"},
			len(dests), func(i int) ([]any, error) {
				c := dests[i]
				d := c.t.dests[c.i]
				var city, mode any
				if d.place.partner != nil {
					city = d.place.partner.cityID
				}
				if d.mode != "" {
					mode = d.mode
				}
				return []any{c.t.id, int32(c.i + 1), city, d.place.name, d.place.country, d.place.lat, d.place.lon, mode}, nil
			}},
		{"trip_traveller", []string{"trip_id", "position", "name", "role", "kind"},
			len(travellers), func(i int) ([]any, error) {
				c := travellers[i]
				x := c.t.travellers[c.i]
				return []any{c.t.id, int32(c.i + 1), x.name, x.role, x.kind}, nil
			}},
		{"trip_programme_item", []string{"trip_id", "day", "position", "description", "location"},
			len(items), func(i int) ([]any, error) {
				c := items[i]
				x := c.t.items[c.i]
				return []any{c.t.id, x.day, int32(x.position), x.desc, x.loc}, nil
			}},
		{"trip_cost", []string{"trip_id", "position", "category", "description", "planned_minor", "actual_minor"},
			len(costs), func(i int) ([]any, error) {
				c := costs[i]
				x := c.t.costs[c.i]
				var actual any
				if x.actual >= 0 {
					actual = x.actual
				}
				return []any{c.t.id, int32(c.i + 1), x.category, x.desc, x.planned, actual}, nil
			}},
		{"trip_priority", []string{"trip_id", "priority_id"},
			len(prios), func(i int) ([]any, error) {
				c := prios[i]
				return []any{c.t.id, c.t.priorities[c.i]}, nil
			}},
		{"trip_report", []string{"trip_id", "goal", "programme_carried_out", "outcome", "follow_up", "submitted_at", "version", "created_at", "updated_at"},
			len(reports), func(i int) ([]any, error) {
				t := reports[i]
				r := t.report
				return []any{t.id, r.goal, r.carriedOut, r.outcome, r.followUp, r.submittedAt, int32(r.version), r.createdAt, r.updatedAt}, nil
			}},
		{"trip_transition", []string{"trip_id", "action", "from_status", "to_status", "actor_id", "comment", "at",
			"body_id", "meeting_on", "minutes_reference"},
			len(events), func(i int) ([]any, error) {
				c := events[i]
				e := c.t.events[c.i]
				return []any{c.t.id, e.action, e.from, e.to, e.actor.id, e.comment, e.at,
					nullID(e.body), nullDate(e.meeting), e.minutes}, nil
			}},
	}
	for _, c := range copies {
		n, err := tx.CopyFrom(ctx, pgx.Identifier{c.table}, c.cols, pgx.CopyFromSlice(c.n, c.row))
		if err != nil {
			return fmt.Errorf("copy %s: %w", c.table, err)
		}
		sum[c.table] += n
	}
	var pubIDs []int64
	var pubAt []time.Time
	for _, t := range trips {
		if t.status == "published" {
			pubIDs = append(pubIDs, t.id)
			pubAt = append(pubAt, t.publishedAt)
		}
	}
	if _, err := tx.Exec(ctx, `
		UPDATE trip SET status = 'published', published_at = p.at
		FROM unnest($1::bigint[], $2::timestamptz[]) AS p (id, at)
		WHERE trip.id = p.id`, pubIDs, pubAt); err != nil {
		return fmt.Errorf("publish trips: %w", err)
	}
	return nil
}
