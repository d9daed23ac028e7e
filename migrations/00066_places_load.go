package migrations

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"

	"github.com/municipal-intl/portal/internal/geo"
)

// Go lists the migrations written in Go, for goose.WithGoMigrations.
func Go() []*goose.Migration {
	return []*goose.Migration{
		goose.NewGoMigration(66, &goose.GoFunc{RunDB: loadPlaces}, &goose.GoFunc{RunDB: unloadPlaces}),
	}
}

// Fingerprint identifies what the Go migrations load, for those that tell
// migrated databases apart (the tests' template): the SQL files alone do not
// change when the embedded gazetteer does.
func Fingerprint() []byte {
	sum := geo.PlacesChecksum()
	return sum[:]
}

// loadPlaces (00066) copies the embedded gazetteer into place and place_name
// (created by 00065) in one transaction: about 120,000 places and 310,000 names,
// in a second or two.
func loadPlaces(ctx context.Context, db *sql.DB) error {
	return withPgx(ctx, db, func(tx pgx.Tx) error {
		var places, names [][]any
		err := geo.EachPlace(func(p geo.Place) error {
			places = append(places, []any{p.ID, p.Name, p.Country, p.Region, p.Latitude, p.Longitude, p.Population})
			names = append(names, []any{p.ID, p.Population, true, geo.FoldName(p.Name), p.Name})
			for _, n := range p.Names {
				names = append(names, []any{p.ID, p.Population, false, geo.FoldName(n), n})
			}
			return nil
		})
		if err != nil {
			return err
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"place"},
			[]string{"id", "name", "country", "region", "latitude", "longitude", "population"},
			pgx.CopyFromRows(places)); err != nil {
			return fmt.Errorf("copy places: %w", err)
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"place_name"},
			[]string{"place_id", "population", "main", "key", "name"},
			pgx.CopyFromRows(names)); err != nil {
			return fmt.Errorf("copy place names: %w", err)
		}
		return nil
	})
}

// unloadPlaces empties the gazetteer again.
func unloadPlaces(ctx context.Context, db *sql.DB) error {
	return withPgx(ctx, db, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `TRUNCATE place_name, place`)
		return err
	})
}

// withPgx runs fn in a transaction on one of db's connections as pgx sees it,
// for COPY, which database/sql does not offer.
func withPgx(ctx context.Context, db *sql.DB, fn func(pgx.Tx) error) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("gazetteer: the migration needs a pgx connection, not %T", dc)
		}
		return pgx.BeginFunc(ctx, sc.Conn(), fn)
	})
}
