package audit

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/municipal-intl/portal/internal/database"
	"github.com/municipal-intl/portal/internal/dbtest"
)

func TestDiff(t *testing.T) {
	when := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	cet := time.FixedZone("CET", 3600)
	amount := int64(1500)
	cases := []struct {
		name          string
		before, after map[string]any
		want          map[string]Change
	}{
		{"nothing", nil, nil, map[string]Change{}},
		{"same", map[string]any{"a": "x", "n": int64(5)}, map[string]any{"a": "x", "n": int64(5)}, map[string]Change{}},
		{"changed field only",
			map[string]any{"purpose": "Visit", "status": "draft"},
			map[string]any{"purpose": "Visit", "status": "submitted"},
			map[string]Change{"status": {Old: "draft", New: "submitted"}}},
		{"added", map[string]any{}, map[string]any{"name": "Aarhus"},
			map[string]Change{"name": {Old: nil, New: "Aarhus"}}},
		{"removed", map[string]any{"name": "Aarhus"}, map[string]any{},
			map[string]Change{"name": {Old: "Aarhus", New: nil}}},
		{"added as nil is no change", map[string]any{}, map[string]any{"note": nil}, map[string]Change{}},
		{"int and int64 of one value", map[string]any{"n": 5}, map[string]any{"n": int64(5)}, map[string]Change{}},
		{"pointer and value", map[string]any{"n": &amount}, map[string]any{"n": int64(1500)}, map[string]Change{}},
		{"nil pointer and nil", map[string]any{"n": (*int64)(nil)}, map[string]any{"n": nil}, map[string]Change{}},
		{"time in another zone", map[string]any{"at": when}, map[string]any{"at": when.In(cet)}, map[string]Change{}},
		{"time changed", map[string]any{"at": when}, map[string]any{"at": when.Add(time.Hour)},
			map[string]Change{"at": {Old: when, New: when.Add(time.Hour)}}},
		{"slices", map[string]any{"p": []int64{1, 2}}, map[string]any{"p": []int64{1, 3}},
			map[string]Change{"p": {Old: []int64{1, 2}, New: []int64{1, 3}}}},
		{"bool", map[string]any{"b": false}, map[string]any{"b": true},
			map[string]Change{"b": {Old: false, New: true}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Diff(tc.before, tc.after); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Diff = %#v, want %#v", got, tc.want)
			}
		})
	}
	b, _ := json.Marshal(Diff(map[string]any{"x": 1}, map[string]any{"x": 2}))
	if string(b) != `{"x":{"old":1,"new":2}}` {
		t.Errorf("JSON = %s", b)
	}
}

type fixture struct {
	pool                *pgxpool.Pool
	ballerup, stuttgart int64
	anna, jens          int64
	start               time.Time
}

func setup(t *testing.T) fixture {
	t.Helper()
	ctx := context.Background()
	pool := dbtest.New(t)
	f := fixture{pool: pool, start: time.Now().Add(-time.Minute)}
	for slug, id := range map[string]*int64{"ballerup": &f.ballerup, "stuttgart": &f.stuttgart} {
		if err := pool.QueryRow(ctx, `SELECT id FROM municipality WHERE slug = $1`, slug).Scan(id); err != nil {
			t.Fatal(err)
		}
	}
	for _, a := range []struct {
		id          *int64
		m           int64
		email, name string
	}{{&f.anna, f.ballerup, "anna@example.dk", "Anna Ørsted"}, {&f.jens, f.stuttgart, "jens@example.de", "Jens Müller"}} {
		err := pool.QueryRow(ctx, `INSERT INTO account (municipality_id, email, name, role, password_hash)
VALUES ($1, $2, $3, 'staff', 'x') RETURNING id`, a.m, a.email, a.name).Scan(a.id)
		if err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func record(t *testing.T, pool *pgxpool.Pool, e Entry) error {
	t.Helper()
	return database.Transact(context.Background(), pool, func(tx pgx.Tx) error { return Record(context.Background(), tx, e) })
}

func TestRecordRejects(t *testing.T) {
	f := setup(t)
	cases := []struct {
		name string
		e    Entry
	}{
		{"unknown action", Entry{Entity: "trip", EntityID: 1, Action: "publish"}},
		{"empty action", Entry{Entity: "trip", EntityID: 1}},
		{"entity not lower case", Entry{Entity: "Trip", EntityID: 1, Action: ActionCreate}},
		{"entity empty", Entry{EntityID: 1, Action: ActionCreate}},
		{"unknown account", Entry{AccountID: ptr(999999), Entity: "trip", EntityID: 1, Action: ActionCreate}},
		{"unencodable change", Entry{Entity: "trip", EntityID: 1, Action: ActionUpdate,
			Changes: map[string]Change{"x": {Old: make(chan int)}}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if err := record(t, f.pool, tc.e); err == nil {
				t.Error("Record succeeded")
			}
		})
	}
	var n int
	if err := f.pool.QueryRow(context.Background(), `SELECT count(*) FROM audit_log`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d entries written, %v", n, err)
	}
}

func ptr(v int64) *int64 { return &v }

func TestRecordAndList(t *testing.T) {
	f := setup(t)
	ctx := context.Background()
	entries := []Entry{
		{AccountID: &f.anna, MunicipalityID: &f.ballerup, Entity: "trip", EntityID: 7, Action: ActionCreate,
			Changes: Diff(nil, map[string]any{"purpose": "Study visit", "planned_minor": int64(9007199254740993)}), RequestID: "req-1"},
		{AccountID: &f.anna, MunicipalityID: &f.ballerup, Entity: "trip", EntityID: 7, Action: ActionTransition,
			Changes: Diff(map[string]any{"status": "draft"}, map[string]any{"status": "submitted"})},
		{AccountID: nil, MunicipalityID: &f.ballerup, Entity: "budget_line", EntityID: 3, Action: ActionUpdate},
		{AccountID: &f.jens, MunicipalityID: &f.stuttgart, Entity: "trip", EntityID: 8, Action: ActionDelete},
		{AccountID: &f.anna, MunicipalityID: &f.ballerup, Entity: "agreement", EntityID: 7, Action: ActionArchive},
	}
	for _, e := range entries {
		if err := record(t, f.pool, e); err != nil {
			t.Fatal(err)
		}
	}
	// A rolled back change leaves no entry.
	_ = database.Transact(ctx, f.pool, func(tx pgx.Tx) error {
		if err := Record(ctx, tx, Entry{MunicipalityID: &f.ballerup, Entity: "trip", EntityID: 99, Action: ActionCreate}); err != nil {
			t.Fatal(err)
		}
		return errors.New("roll back")
	})

	cases := []struct {
		name      string
		filter    Filter
		total     int
		entityIDs []int64 // of the page, newest first
	}{
		{"one municipality", Filter{MunicipalityID: f.ballerup}, 4, []int64{7, 3, 7, 7}},
		{"other municipality", Filter{MunicipalityID: f.stuttgart}, 1, []int64{8}},
		{"all", Filter{AllMunicipalities: true}, 5, []int64{7, 8, 3, 7, 7}},
		{"entity", Filter{MunicipalityID: f.ballerup, Entity: "trip"}, 2, []int64{7, 7}},
		{"entity and id", Filter{MunicipalityID: f.ballerup, Entity: "trip", EntityID: 7}, 2, []int64{7, 7}},
		{"id of another entity", Filter{MunicipalityID: f.ballerup, Entity: "budget_line", EntityID: 7}, 0, nil},
		{"account", Filter{MunicipalityID: f.ballerup, AccountID: f.anna}, 3, []int64{7, 7, 7}},
		{"account of another municipality", Filter{MunicipalityID: f.ballerup, AccountID: f.jens}, 0, nil},
		{"action", Filter{MunicipalityID: f.ballerup, Action: ActionTransition}, 1, []int64{7}},
		{"from", Filter{MunicipalityID: f.ballerup, From: f.start}, 4, []int64{7, 3, 7, 7}},
		{"to before everything", Filter{MunicipalityID: f.ballerup, To: f.start}, 0, nil},
		{"from after everything", Filter{MunicipalityID: f.ballerup, From: time.Now().Add(time.Hour)}, 0, nil},
		{"page 1", Filter{MunicipalityID: f.ballerup, PerPage: 3}, 4, []int64{7, 3, 7}},
		{"page 2", Filter{MunicipalityID: f.ballerup, PerPage: 3, Page: 2}, 4, []int64{7}},
		{"past the end", Filter{MunicipalityID: f.ballerup, PerPage: 3, Page: 5}, 4, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rows, total, err := NewStore(f.pool).List(ctx, tc.filter)
			if err != nil {
				t.Fatal(err)
			}
			var ids []int64
			for _, r := range rows {
				ids = append(ids, r.EntityID)
			}
			if total != tc.total || !reflect.DeepEqual(ids, tc.entityIDs) {
				t.Errorf("List = %v (total %d), want %v (total %d)", ids, total, tc.entityIDs, tc.total)
			}
		})
	}

	if _, _, err := NewStore(f.pool).List(ctx, Filter{Entity: "trip"}); !errors.Is(err, ErrNoMunicipality) {
		t.Errorf("List without a municipality: %v", err)
	}

	rows, _, err := NewStore(f.pool).List(ctx, Filter{MunicipalityID: f.ballerup, Action: ActionCreate})
	if err != nil || len(rows) != 1 {
		t.Fatalf("rows %v, %v", rows, err)
	}
	r := rows[0]
	if r.AccountName != "Anna Ørsted" || r.AccountID == nil || *r.AccountID != f.anna || r.RequestID != "req-1" ||
		r.MunicipalityID == nil || *r.MunicipalityID != f.ballerup || r.At.Before(f.start) {
		t.Errorf("row = %+v", r)
	}
	want := map[string]Change{
		"purpose":       {Old: nil, New: "Study visit"},
		"planned_minor": {Old: nil, New: json.Number("9007199254740993")}, // exact beyond float64
	}
	if !reflect.DeepEqual(r.Changes, want) {
		t.Errorf("changes = %#v", r.Changes)
	}
	rows, _, _ = NewStore(f.pool).List(ctx, Filter{MunicipalityID: f.ballerup, Entity: "budget_line"})
	if len(rows) != 1 || rows[0].AccountID != nil || rows[0].AccountName != "" || rows[0].RequestID != "" ||
		len(rows[0].Changes) != 0 || rows[0].Changes == nil {
		t.Errorf("system entry = %+v", rows)
	}
}
