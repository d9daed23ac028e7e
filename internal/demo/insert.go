package demo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
)

// source marks the demo rows that have a source column.
const source = "portal demo: fictional data"

// insert writes the dataset in tx and returns the rows written per table.
func (ds *dataset) insert(ctx context.Context, tx pgx.Tx) (Summary, error) {
	sum := Summary{}
	steps := []struct {
		name string
		fn   func(context.Context, pgx.Tx, Summary) error
	}{
		{"accounts", ds.insertAccounts},
		{"budget lines", ds.insertBudget},
		{"trips", ds.insertTrips},
		{"reference counters", ds.insertCounters},
		{"agreements", ds.insertAgreements},
		{"projects", ds.insertProjects},
	}
	for _, s := range steps {
		if err := s.fn(ctx, tx, sum); err != nil {
			return nil, fmt.Errorf("insert demo %s: %w", s.name, err)
		}
	}
	return sum, nil
}

// sendBatch runs a batch and closes it, returning the first error.
func sendBatch(ctx context.Context, tx pgx.Tx, b *pgx.Batch) error {
	if b.Len() == 0 {
		return nil
	}
	return tx.SendBatch(ctx, b).Close()
}

func (ds *dataset) insertAccounts(ctx context.Context, tx pgx.Tx, sum Summary) error {
	created := earlier(ds.firstCreated, time.Now().UTC()).Add(-7 * day)
	b := &pgx.Batch{}
	for _, a := range ds.accounts {
		b.Queue(`INSERT INTO account (municipality_id, email, name, role, password_hash, is_demo, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, true, $6, $6) RETURNING id`,
			ds.accountMun[a].id, a.email, a.person.name, a.role, UnusablePasswordHash, created,
		).QueryRow(func(row pgx.Row) error { return row.Scan(&a.id) })
	}
	sum["account"] = int64(len(ds.accounts))
	if err := sendBatch(ctx, tx, b); err != nil {
		return err
	}
	// The politicians who record committees' decisions belong to the committees;
	// the memberships go with the accounts (ON DELETE CASCADE).
	var bodies, members []int64
	for _, m := range ds.members {
		bodies = append(bodies, m.body)
		members = append(members, m.account.id)
	}
	tag, err := tx.Exec(ctx, `INSERT INTO body_member (body_id, account_id) SELECT * FROM unnest($1::bigint[], $2::bigint[])`,
		bodies, members)
	if err != nil {
		return fmt.Errorf("body members: %w", err)
	}
	sum["body_member"] = tag.RowsAffected()
	return nil
}

func (ds *dataset) insertBudget(ctx context.Context, tx pgx.Tx, sum Summary) error {
	b := &pgx.Batch{}
	for _, l := range ds.budget {
		b.Queue(`INSERT INTO budget_line (municipality_id, fiscal_year, code, name, owner_kind, owner_name,
				amount_minor, currency, carries_over, note, source, is_demo, body_id)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, true, $12) RETURNING id`,
			l.m.id, l.year, l.dbCode, l.name, l.ownerKind, l.ownerName, l.amountMinor, l.m.currency,
			l.carriesOver, l.note, source, nullID(l.bodyID),
		).QueryRow(func(row pgx.Row) error { return row.Scan(&l.id) })
	}
	if err := sendBatch(ctx, tx, b); err != nil {
		return err
	}
	sum["budget_line"] = int64(len(ds.budget))
	return nil
}

func (ds *dataset) insertCounters(ctx context.Context, tx pgx.Tx, sum Summary) error {
	var mids []int64
	var years, lasts []int32
	for _, c := range ds.counters {
		mids = append(mids, c.m.id)
		years = append(years, int32(c.year))
		lasts = append(lasts, int32(c.last))
	}
	tag, err := tx.Exec(ctx, `
		INSERT INTO trip_reference_counter (municipality_id, year, last_number)
		SELECT * FROM unnest($1::bigint[], $2::smallint[], $3::integer[])
		ON CONFLICT (municipality_id, year)
		DO UPDATE SET last_number = GREATEST(trip_reference_counter.last_number, EXCLUDED.last_number)`,
		mids, years, lasts)
	if err != nil {
		return err
	}
	sum["trip_reference_counter"] = tag.RowsAffected()
	return nil
}

func (ds *dataset) insertAgreements(ctx context.Context, tx pgx.Tx, sum Summary) error {
	b := &pgx.Batch{}
	for _, a := range ds.agreements {
		b.Queue(`INSERT INTO agreement (municipality_id, type, title, summary, partnership_id, network_id,
				signed_on, valid_from, valid_until, status, source, is_demo)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, true) RETURNING id`,
			a.m.id, a.typ, a.title, a.summary, nullID(a.partnership), nullID(a.network),
			nullDate(a.signed), nullDate(a.validFrom), nullDate(a.validUntil), a.status, source,
		).QueryRow(func(row pgx.Row) error { return row.Scan(&a.id) })
	}
	if err := sendBatch(ctx, tx, b); err != nil {
		return err
	}
	b = &pgx.Batch{}
	for _, a := range ds.agreements {
		for i, p := range a.parties {
			b.Queue(`INSERT INTO agreement_party (agreement_id, position, municipality_id, partner_city_id, name)
				VALUES ($1, $2, $3, $4, $5)`, a.id, i+1, nullID(p.municipality), nullID(p.partnerCity), p.name)
			sum["agreement_party"]++
		}
		for _, id := range a.priorities {
			b.Queue(`INSERT INTO agreement_priority (agreement_id, priority_id) VALUES ($1, $2)`, a.id, id)
			sum["agreement_priority"]++
		}
	}
	sum["agreement"] = int64(len(ds.agreements))
	return sendBatch(ctx, tx, b)
}

func (ds *dataset) insertProjects(ctx context.Context, tx pgx.Tx, sum Summary) error {
	b := &pgx.Batch{}
	for _, p := range ds.projects {
		b.Queue(`INSERT INTO project (municipality_id, title, description, partnership_id, network_id, funder,
				programme, funding_minor, currency, starts_on, ends_on, status, is_demo)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, true) RETURNING id`,
			p.m.id, p.title, p.description, nullID(p.partnership), nullID(p.network), p.funder,
			p.programme, p.fundingMinor, p.currency, p.starts, p.ends, p.status,
		).QueryRow(func(row pgx.Row) error { return row.Scan(&p.id) })
	}
	if err := sendBatch(ctx, tx, b); err != nil {
		return err
	}
	b = &pgx.Batch{}
	for _, p := range ds.projects {
		for _, id := range p.priorities {
			b.Queue(`INSERT INTO project_priority (project_id, priority_id) VALUES ($1, $2)`, p.id, id)
			sum["project_priority"]++
		}
	}
	sum["project"] = int64(len(ds.projects))
	return sendBatch(ctx, tx, b)
}

// nullID is nil for 0.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// nullDate is nil for the zero time.
func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// reserveIDs takes n values of the trip id sequence, in ascending order, so child
// rows can be copied with their trip's id.
func reserveIDs(ctx context.Context, tx pgx.Tx, n int) ([]int64, error) {
	rows, err := tx.Query(ctx, `SELECT nextval(pg_get_serial_sequence('trip', 'id')) FROM generate_series(1, $1)`, n)
	if err != nil {
		return nil, err
	}
	ids := make([]int64, 0, n)
	ids, err = pgx.AppendRows(ids, rows, pgx.RowTo[int64])
	if err != nil {
		return nil, err
	}
	slices.Sort(ids)
	return ids, nil
}
